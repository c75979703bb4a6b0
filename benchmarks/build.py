"""Time the explainer build against Jupyter Book 1 on the same notebooks, in interleaved rounds.

Each round builds a fresh copy of the project with each tool, in alternating order, then
times: a cold build, a no-op rebuild, a touched notebook, a Markdown-only edit, a code
edit and a data edit; then a cold build of 20 notebooks. For the explainer, a cold build of
both editions (`build --lang all`, as `make` builds them), whose Spanish edition may add at
most 60% to the English cold build; and the Markdown and code edits again while `explainer
watch` runs (one process does every build), against Jupyter Book's new build. Beside them:
a single `run` against bare papermill, and the cold build against its floor (kernel start,
imports and a data load for every notebook, on two lanes). Prints min, median and max with
the ratios, and writes them to build/benchmark.json. Not a test: timings vary by machine.

Usage: make benchmark    (.venv/bin/python benchmarks/build.py --peer .venv-jb [--rounds 3])
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = Path(sys.executable)
CASES = ["cold", "no-op", "touch", "markdown edit", "code edit", "data edit", "20 notebooks"]
TARGETS = {"cold": 0.7, "no-op": 0.3, "markdown edit": 0.5, "code edit": 0.8,
           "20 notebooks": 0.6}
WATCHED = ["markdown edit", "code edit"]  # also timed while `explainer watch` runs
EDITED = "01_negotiation_terms.ipynb"


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{done.stderr[-2000:]}")
    return seconds


def env_for(project: Path, cache: Path | None = None) -> dict[str, str]:
    """Kernels and builds import the copy's own package and read the copy's own data."""
    env = {**os.environ, "PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1"}
    # No validation remembered from before the measurement, and none left in the checkout.
    env["EXPLAINER_CACHE"] = str(cache or project / ".validated")
    return env


def copy_books(dest: Path, count: int) -> None:
    books = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    (dest / "notebooks").mkdir(parents=True)
    for book in books:
        shutil.copy(book, dest / "notebooks" / book.name)
    for number in range(len(books), count):  # more notebooks: copies of the walkthroughs,
        source = books[1 + number % (len(books) - 1)]  # each with code of its own, so that
        nb = json.loads(source.read_text(encoding="utf-8"))  # no cache can share outputs
        cell = [c for c in nb["cells"] if c["cell_type"] == "code"][-1]
        cell["source"] = [*cell["source"], f"\n# copy {number}"]
        target = dest / "notebooks" / f"{number:02d}_copy_{source.stem[3:]}.ipynb"
        target.write_text(json.dumps(nb, indent=1), encoding="utf-8")


def our_project(dest: Path, count: int) -> Path:
    for name in ("explainer", "data", "site", "locale"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("TEACHING.md", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, dest / name)
    copy_books(dest, count)
    if count == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))):
        shutil.copytree(ROOT / "notebooks" / "es", dest / "notebooks" / "es")  # as committed
    return dest


def peer_project(dest: Path, count: int) -> Path:
    """The same pages as a Jupyter Book 1 project: _config.yml, _toc.yml, cache execution."""
    our_project(dest, count)
    for page in ("data.md", "methodology.md"):
        shutil.copy(ROOT / "site" / page, dest / page)
    shutil.copy(ROOT / "TEACHING.md", dest / "teaching.md")
    index = (ROOT / "site" / "index.md").read_text(encoding="utf-8")
    (dest / "index.md").write_text(index.split("```{toctree}")[0], encoding="utf-8")
    subprocess.run([str(OURS), "-m", "explainer", "datadoc", str(dest / "data")], check=True,
                   capture_output=True, env=env_for(dest), cwd=dest)
    (dest / "data-dictionary.md").write_text(
        (dest / "data" / "README.md").read_text(encoding="utf-8").replace("](", "](data/"),
        encoding="utf-8")
    books = sorted((dest / "notebooks").glob("*.ipynb"))
    toc = ["format: jb-book", "root: index", "parts:", "- caption: Notebooks", "  chapters:"]
    toc += [f"  - file: notebooks/{b.stem}" for b in books]
    toc += ["- caption: About", "  chapters:"]
    toc += [f"  - file: {page}" for page in ("teaching", "data", "data-dictionary",
                                              "methodology")]
    (dest / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    (dest / "_config.yml").write_text(
        "title: Venezuela Ultimatum Explainers\n"
        "only_build_toc_files: true\n"
        "exclude_patterns: [site/*, data/README.md, build/*]\n"
        "execute:\n  execute_notebooks: cache\n  timeout: 300\n  allow_errors: false\n"
        "launch_buttons:\n  notebook_interface: ''\n  binderhub_url: ''\n  thebe: false\n"
        "sphinx:\n  config:\n    html_show_sourcelink: false\n"
        "    myst_enable_extensions: [colon_fence, deflist]\n"
        "    suppress_warnings: [mystnb.unknown_mime_type]\n", encoding="utf-8")
    return dest


def rewrite(path: Path, text: str) -> None:
    """Save as JupyterLab and most editors do: a copy first, then put in place (a watch
    could otherwise see the file truncated and not yet filled)."""
    copy = path.with_name(f".~{path.name}")
    copy.write_text(text, encoding="utf-8")
    os.replace(copy, path)


def markdown_edit(project: Path) -> None:
    nb = json.loads((project / "notebooks" / EDITED).read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = [*cell["source"], " (edited)"]
    rewrite(project / "notebooks" / EDITED, json.dumps(nb, indent=1))


def code_edit(project: Path) -> None:
    nb = json.loads((project / "notebooks" / EDITED).read_text(encoding="utf-8"))
    cell = [c for c in nb["cells"] if c["cell_type"] == "code"][-1]
    cell["source"] = [*cell["source"], "\n# edited"]
    rewrite(project / "notebooks" / EDITED, json.dumps(nb, indent=1))


def data_edit(project: Path) -> None:
    """One glossary definition reworded; its translation's English brought up to date, as
    a translator would (for Jupyter Book, the same files change)."""
    for name in ("glossary.csv", "translations.csv"):
        path = project / "data" / name
        rewrite(path, path.read_text(encoding="utf-8").replace(
            "A fast, heavily armed warship.", "A fast and heavily armed warship."))


def touch(project: Path) -> None:
    os.utime(project / "notebooks" / EDITED)


EDITS = {"touch": touch, "markdown edit": markdown_edit, "code edit": code_edit,
         "data edit": data_edit}


class Tool:
    def __init__(self, name: str, make: Callable[[Path, int], Path], build: list[str]) -> None:
        self.name, self.make, self.build = name, make, build

    def run(self, project: Path) -> float:
        return timed(self.build, project, env_for(project))


def session(tool: Tool, work: Path, results: dict[str, dict[str, list[float]]]) -> None:
    """One round for one tool: a fresh copy, then each case on top of the last."""
    project = tool.make(work / tool.name, 5)
    times = results[tool.name]
    times["cold"].append(tool.run(project))
    if tool.name == "explainer":  # both editions, from nothing, as `make` builds them
        both = tool.make(work / f"{tool.name}-all", 5)
        times["both editions"].append(timed([*tool.build, "--lang", "all"], both,
                                            env_for(both)))
    times["no-op"].append(tool.run(project))
    for case, change in EDITS.items():
        change(project)
        times[case].append(tool.run(project))
    if tool.name == "explainer":
        for case, seconds in watched(project).items():
            times[f"{case}, watching"].append(seconds)
    many = tool.make(work / f"{tool.name}-20", 20)
    times["20 notebooks"].append(tool.run(many))


def watched(project: Path) -> dict[str, float]:
    """Each of the WATCHED edits while `explainer watch` runs: the seconds from the save to
    the line that says the build finished (the site is then in place)."""
    env = {**env_for(project), "PYTHONUNBUFFERED": "1", "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
    watcher = subprocess.Popen([str(OURS), "-m", "explainer", "watch", "--out", "build"],
                               cwd=project, env=env, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)

    def until(start: str) -> None:
        for line in watcher.stdout:  # type: ignore[union-attr]
            if line.startswith(start):
                return
            if line.startswith("error"):
                raise SystemExit(f"explainer watch failed in {project}: {line}")
        raise SystemExit(f"explainer watch ended early in {project}")

    times = {}
    try:
        until("watching")
        for case in WATCHED:
            start = time.perf_counter()
            EDITS[case](project)
            until("build finished")
            times[case] = time.perf_counter() - start
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=60)
    return times


def single_runs(work: Path) -> dict[str, list[float]]:
    """`explainer run` against bare papermill on the same notebook and parameter."""
    env = env_for(ROOT, work / "validated")
    book = ROOT / "notebooks" / "02_ultimatum_timeline.ipynb"
    out: dict[str, list[float]] = {"explainer run": [], "papermill": []}
    for k in range(3):
        out["explainer run"].append(timed(
            [str(OURS), "-m", "explainer", "run", "02", "-p", "as_of", "2025-11-25",
             "--out", str(work / f"runs{k}")], ROOT, env))
        out["papermill"].append(timed(
            [str(OURS.parent / "papermill"), str(book), str(work / f"pm{k}.ipynb"), "-p",
             "as_of", "2025-11-25", "--cwd", str(book.parent), "--log-level", "ERROR"],
            ROOT, env))
    return out


def floor(work: Path) -> list[float]:
    """Kernel start, the notebooks' imports and one data load, for each notebook, 2 lanes."""
    books = work / "floor"
    books.mkdir()
    cell = ("from explainer import charts, classroom, data, params, show, views\n"
            "ds = data.load(params.resolve_data_dir('../data'))")
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "floor",
                     "metadata": {}, "outputs": [], "source": cell}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    for k in range(5):
        (books / f"{k:02d}_floor.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    script = (
        "import sys\nfrom concurrent.futures import ProcessPoolExecutor\nimport papermill\n"
        "def one(p):\n    papermill.execute_notebook(p, p + '.out', kernel_name='python3',"
        " progress_bar=False, cwd=sys.argv[2], shutdown_kernel='immediate')\n"
        "with ProcessPoolExecutor(2) as pool:\n"
        "    list(pool.map(one, sorted(__import__('glob').glob(sys.argv[1] + '/*.ipynb'))))\n")
    return [timed([str(OURS), "-c", script, str(books), str(ROOT / "notebooks")], ROOT,
                  env_for(ROOT, work / "validated")) for _ in range(3)]


def stats(values: list[float]) -> dict[str, float]:
    return {"min": round(min(values), 2), "median": round(statistics.median(values), 2),
            "max": round(max(values), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", type=Path, default=ROOT / ".venv-jb",
                        help="the Jupyter Book 1 environment (make benchmark creates it)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    peer_bin = args.peer.resolve() / "bin" / "jupyter-book"
    if not peer_bin.exists():
        raise SystemExit(f"no Jupyter Book at {peer_bin}: run `make benchmark`")
    tools = [Tool("explainer", our_project, [str(OURS), "-m", "explainer", "build", "--out",
                                             "build"]),
             Tool("jupyter-book", peer_project, [str(peer_bin), "build", ".", "--quiet"])]
    results: dict[str, dict[str, list[float]]] = {t.name: {c: [] for c in CASES} for t in tools}
    results["explainer"]["both editions"] = []
    for case in WATCHED:
        results["explainer"][f"{case}, watching"] = []
    work = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        for round_ in range(args.rounds):
            for tool in (tools if round_ % 2 == 0 else tools[::-1]):
                print(f"round {round_ + 1}/{args.rounds}: {tool.name}", file=sys.stderr)
                session(tool, work / f"r{round_}", results)
        runs = single_runs(work)
        floors = floor(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
        "rounds": args.rounds,
        "cases": {case: {"explainer": stats(results["explainer"][case]),
                         "jupyter-book": stats(results["jupyter-book"][case]),
                         "ratio": round(statistics.median(results["explainer"][case])
                                        / statistics.median(results["jupyter-book"][case]), 2),
                         "target": TARGETS.get(case)} for case in CASES},
        "watching": {case: {"explainer": stats(results["explainer"][f"{case}, watching"]),
                            "jupyter-book": stats(results["jupyter-book"][case]),
                            "ratio": round(statistics.median(results["explainer"][
                                f"{case}, watching"]) / statistics.median(
                                results["jupyter-book"][case]), 2),
                            "target": TARGETS.get(case)} for case in WATCHED},
        "single run": {name: stats(v) for name, v in runs.items()},
        "both editions": stats(results["explainer"]["both editions"]),
        "floor": stats(floors),
    }
    report["single run"]["ratio"] = round(report["single run"]["explainer run"]["median"]
                                          / report["single run"]["papermill"]["median"], 2)
    english = report["cases"]["cold"]["explainer"]["median"]
    report["both editions"]["spanish adds"] = round(
        (report["both editions"]["median"] - english) / english, 2)
    report["floor"]["cold ratio"] = round(report["cases"]["cold"]["explainer"]["median"]
                                          / report["floor"]["median"], 2)
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "benchmark.json").write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))


def table(report: dict) -> str:
    """The report as a Markdown table, as the README shows it."""
    def cell(s: dict[str, float]) -> str:
        return f"{s['median']:.2f} ({s['min']:.2f}–{s['max']:.2f})"

    lines = [f"Measured {report['date']} on {report['machine']}, {report['rounds']} "
             "interleaved rounds; seconds as median (min–max).", "",
             "| case | explainer | Jupyter Book 1 | ratio | target |", "|---|---|---|---|---|"]
    for case, row in report["cases"].items():
        target = f"≤ {row['target']}" if row["target"] else ""
        lines.append(f"| {case} | {cell(row['explainer'])} | {cell(row['jupyter-book'])} | "
                     f"{row['ratio']:.2f} | {target} |")
    for case, row in report["watching"].items():
        target = f"≤ {row['target']}" if row["target"] else ""
        lines.append(f"| {case}, `explainer watch` running | {cell(row['explainer'])} | "
                     f"{cell(row['jupyter-book'])} (a new build) | {row['ratio']:.2f} | "
                     f"{target} |")
    single = report["single run"]
    lines += ["", "| other | seconds | ratio | target |", "|---|---|---|---|",
              f"| `explainer run 02` (with its HTML page) | {cell(single['explainer run'])} | "
              f"{single['ratio']:.2f} × bare papermill ({cell(single['papermill'])}) | ≤ 1.05 |",
              f"| cold build against its floor | {cell(report['floor'])} floor | "
              f"{report['floor']['cold ratio']:.2f} × floor | ≤ 1.5 |",
              f"| both editions, cold (`build --lang all`) | {cell(report['both editions'])} | "
              f"the Spanish adds {report['both editions']['spanish adds']:.2f} × the English "
              "cold build | ≤ 0.6 |"]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
