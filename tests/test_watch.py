"""`explainer watch`, run as an author runs it, in a copy of the project: each save rebuilds,
a broken save leaves the last good site, a change to the package's code ends the watch."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import DATA, ROOT, edit


class Watcher:
    """`python -m explainer watch` in `project`, its output read line by line."""

    def __init__(self, project: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(project), "PYTHONUNBUFFERED": "1",
               "LANGUAGE": "en", "LC_ALL": "C.UTF-8"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "explainer", "watch"], cwd=project, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process.poll() is None:  # a failed test leaves no watch behind
            self.process.kill()
            self.process.wait(timeout=60)

    def _read(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.put(line)
        self.lines.put("")  # the end of its output

    def until(self, start: str) -> list[str]:
        """Every line up to and including the first that starts with `start`."""
        said, deadline = [], time.monotonic() + 120
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line, f"the watch ended before {start!r}:\n{''.join(said)}"
            said.append(line)
            if line.startswith(start):
                return said

    def end(self) -> tuple[int, str]:
        """Its exit code, once it has ended, and what it said after the last `until`."""
        code = self.process.wait(timeout=60)
        rest = []
        while (line := self.lines.get(timeout=10)) != "":
            rest.append(line)
        return code, "".join(rest)


def project_copy(tmp_path: Path, built_out: Path | None) -> Path:
    """The project's sources, with `built_out` (a full build) as its build/ folder."""
    project = tmp_path / "project"
    for name in ("explainer", "data", "site", "locale", "notebooks"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("TEACHING.md", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    if built_out:
        shutil.copytree(built_out, project / "build", ignore=shutil.ignore_patterns(".lock"))
    return project


def save(path: Path, content: bytes | str) -> None:
    """Save as JupyterLab and most editors do: write a copy, then put it in place. (A file
    written in place can be seen half-written, truncated and not yet filled.)"""
    copy = path.with_name(f".~{path.name}")
    copy.write_bytes(content.encode() if isinstance(content, str) else content)
    os.replace(copy, path)


def add_prose(book: Path, sentence: str) -> None:
    nb = json.loads(book.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    cell["source"] = [*cell["source"], f"\n\n{sentence}"]
    save(book, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


def broken_date(text: str) -> str:
    return text.replace("deployment,1,Deployment begins,2025-09-01",
                        "deployment,1,Deployment begins,2025-13-01")


def test_watch_rebuilds_each_save_and_keeps_the_last_good_site(built, tmp_path):
    project = project_copy(tmp_path, built[0])
    page = project / "build" / "html" / "notebooks" / "01_negotiation_terms.html"
    with Watcher(project) as watcher:
        first = "".join(watcher.until("watching"))
        assert "0 executed, 5 cached" in first, first  # the outputs it was given are current

        # A prose edit: the page is rendered again, with no kernel.
        add_prose(project / "notebooks" / "01_negotiation_terms.ipynb", "Added while watching.")
        rebuilt = "".join(watcher.until("build finished"))
        assert "prose only: 01_negotiation_terms" in rebuilt and "0 executed" in rebuilt, rebuilt
        assert "Added while watching." in page.read_text(encoding="utf-8")

        # A notebook saved half-way: named, with where its JSON breaks off; the watch goes on.
        book = project / "notebooks" / "01_negotiation_terms.ipynb"
        whole = book.read_bytes()
        save(book, whole[: len(whole) // 2])
        cut = "".join(watcher.until("the last good site stays in place"))
        assert "error: 01_negotiation_terms.ipynb: not a notebook: its JSON breaks off" in cut, cut
        assert "Traceback" not in cut
        save(book, whole)
        assert "0 executed" in "".join(watcher.until("build finished"))

        # A broken save: the error, by file, row and column; the site stays as it was.
        events = project / "data" / "events.csv"
        good = events.read_text(encoding="utf-8")
        save(events, broken_date(good))
        failed = "".join(watcher.until("the last good site stays in place"))
        assert "events.csv:2:date_start: '2025-13-01' is not a valid date" in failed, failed
        assert "Traceback" not in failed
        assert "Added while watching." in page.read_text(encoding="utf-8")

        # Mended, it builds again; Ctrl-C then stops the watch, and nothing else is said.
        save(events, good)
        mended = "".join(watcher.until("build finished"))
        assert "0 executed" in mended, mended
        watcher.until("watching")  # idle again
        watcher.process.send_signal(signal.SIGINT)
        code, said = watcher.end()
        assert (code, said) == (0, "stopped watching\n")


def test_a_watch_with_no_site_yet_says_so_and_ends_when_the_package_code_changes(tmp_path):
    project = project_copy(tmp_path, None)
    edit(project / "data" / "events.csv", broken_date)  # before the watch starts
    with Watcher(project) as watcher:
        failed = "".join(watcher.until("no site yet: fix the error and save again"))
        assert "events.csv:2:date_start: '2025-13-01' is not a valid date" in failed, failed
        watcher.until("watching")
        words = project / "explainer" / "words.py"
        save(words, words.read_text(encoding="utf-8") + "\n# an edit\n")
        code, said = watcher.end()
    assert code == 1, said
    assert said.startswith("error: the explainer package's code or the lock changed"), said
    assert "hint: start it again to build with the new code: python -m explainer watch" in said
    assert "Traceback" not in said
    assert not (project / "build" / "html").exists()


def test_the_watch_covers_every_file_a_build_reads():
    from explainer import stamp

    watched = stamp.sources(DATA)
    read = [path for _base, path in stamp.input_files(DATA)]
    assert len(read) > 50  # the data, the notebooks in both languages, the pages, the code
    unseen = [p for p in read if not any(p == w or p.is_relative_to(w) for w in watched)]
    assert not unseen, unseen
