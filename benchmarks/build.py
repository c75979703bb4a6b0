"""Time the build against what a user would otherwise run, on this machine, once.

Measures: a cold `build` (empty build folder), a no-op rebuild, a single `run`, and the
baseline loop: plain `papermill` then `jupyter nbconvert --to html` for each notebook,
one after the other. Prints a table with the ratios. Not a test: timings vary by machine.

Usage: .venv/bin/python benchmarks/build.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    explainer = [sys.executable, "-m", "explainer"]
    books = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    try:
        cold = timed([*explainer, "build", "--out", str(work / "build")])
        noop = timed([*explainer, "build", "--out", str(work / "build")])
        single = timed([*explainer, "run", "02", "-p", "as_of", "2025-11-25",
                        "--out", str(work / "runs")])
        start = time.perf_counter()
        for book in books:
            out = work / "baseline" / book.name
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(BIN / "papermill"), str(book), str(out), "--cwd",
                            str(book.parent), "--log-level", "ERROR"],
                           check=True, capture_output=True)
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(out)],
                           check=True, capture_output=True)
        baseline = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("cold build (execute all + Sphinx site)", cold),
        ("no-op rebuild (nothing changed)", noop),
        ("single run (02, one parameter, with its page)", single),
        (f"baseline: papermill + nbconvert loop over {len(books)} notebooks", baseline),
    ]
    print(f"{'what':<58} {'seconds':>8} {'vs baseline':>12}")
    for name, seconds in rows:
        print(f"{name:<58} {seconds:>8.2f} {seconds / baseline:>11.2f}x")
    print(f"\ntargets: no-op under 1 s ({'met' if noop < 1 else 'missed'}); cold build at most "
          f"0.6x the baseline ({'met' if cold <= 0.6 * baseline else 'missed'})")


if __name__ == "__main__":
    main()
