"""`build` and `refresh`: execute notebooks (cached by content hash), then render the site."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import Dataset, Remembered, default_data_dir, load, project_root, remembered
from .errors import RunError
from .i18n import _, ngettext, number

Log = Callable[[str], None]


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    spliced: list[str] = field(default_factory=list)  # new prose, outputs reused
    seconds: dict[str, float] = field(default_factory=dict)
    site: str = "unchanged"


def run_one(path: str, out: str, parameters: dict[str, Any], timeout: int) -> float:
    from .run import execute

    start = time.perf_counter()
    execute(Path(path), Path(out), parameters, timeout)
    return time.perf_counter() - start


def die_with_parent() -> None:
    """In a worker: ask Linux to kill this process when the build that started it dies,
    by any signal (SIGKILL included), so no worker is left behind. Elsewhere, a no-op;
    kernels end by themselves once their parent is gone (ipykernel watches it)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _run_pool(
    todo: list[tuple[Path, Path]], staging: Path, parameters: dict[str, Any], *, jobs: int,
    timeout: int, log: Log, verb: str, on_done: Callable[[Path, float], None],
) -> None:
    """Execute each (notebook, target) into `staging`; move it to its target only on success.

    A failed notebook leaves its target as it was; all failures are raised together at the end.
    `verb` says what was done to each: "executed" or "refreshed".
    """
    finished = {"executed": _("[{done}/{total}] executed {notebook} in {seconds} s"),
                "refreshed": _("[{done}/{total}] refreshed {notebook} in {seconds} s")}[verb]
    staging.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    total = len(todo)
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, total)),
                             initializer=die_with_parent) as pool:
        staged = {t: staging / f"{k:03d}-{p.name}" for k, (p, t) in enumerate(todo)}  # two
        futures = {  # languages' notebooks share a name
            pool.submit(run_one, str(p), str(staged[t]), parameters, timeout): (p, t)
            for p, t in todo
        }
        for done, future in enumerate(as_completed(futures), start=1):
            path, target = futures[future]
            try:
                seconds = future.result()
            except RunError as exc:
                failures.append(str(exc))
                log(_("[{done}/{total}] FAILED {notebook}").format(
                    done=done, total=total, notebook=_named(path)))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged[target], target)
            on_done(path, seconds)
            log(finished.format(done=done, total=total, notebook=_named(path),
                                seconds=number(seconds, 1)))
    if failures:
        raise RunError("\n".join(failures))


def _named(path: Path) -> str:
    """A notebook's name in the log: its stem, after its language's folder if it has one."""
    from .i18n import LANGUAGES

    return f"{path.parent.name}/{path.stem}" if path.parent.name in LANGUAGES else path.stem


def execute_all(
    books: list[Path], out_dir: Path, parameters: dict[str, Any], ds: Dataset | Remembered, *,
    jobs: int, timeout: int, force: bool, log: Log,
) -> BuildReport:
    """Execute the notebooks whose inputs changed into `out_dir`; keep the rest."""
    from .run import input_key, splice

    report = BuildReport()
    cache = out_dir / ".keys"
    cache.mkdir(parents=True, exist_ok=True)
    keys, todo = {}, []
    for path in books:
        keys[path] = input_key(path, ds, parameters)
        stamp, target = cache / f"{path.stem}.key", out_dir / path.name
        prose = cache / f"{path.stem}.source"
        fresh = not force and target.exists() and stamp.exists()
        if not (fresh and stamp.read_text() == keys[path]):
            todo.append((path, target))
        elif prose.exists() and prose.read_bytes() == path.read_bytes():
            report.cached.append(path.stem)
        else:
            splice(path, target, target, parameters)
            prose.write_bytes(path.read_bytes())
            report.spliced.append(path.stem)
    if report.cached:
        log(ngettext("up to date: {count} notebook unchanged, not re-run",
                     "up to date: {count} notebooks unchanged, not re-run",
                     len(report.cached)).format(count=len(report.cached)))
    if report.spliced:
        log(ngettext("prose only: {notebooks} re-rendered with the outputs it had",
                     "prose only: {notebooks} re-rendered with the outputs it had",
                     len(report.spliced)).format(notebooks=", ".join(report.spliced)))
    if not todo:
        return report
    if isinstance(ds, Remembered):  # kernels will start: check the package for real first
        load(ds.data_dir)
    workers = max(1, min(jobs, len(todo)))
    log(_("running {notebooks} on {workers}: {names}").format(
        notebooks=ngettext("{count} notebook", "{count} notebooks", len(todo)).format(
            count=len(todo)),
        workers=ngettext("{count} worker", "{count} workers", workers).format(count=workers),
        names=", ".join(path.stem for path, _target in todo)))

    def done(path: Path, seconds: float) -> None:
        (cache / f"{path.stem}.key").write_text(keys[path])
        (cache / f"{path.stem}.source").write_bytes(path.read_bytes())
        report.executed.append(path.stem)
        report.seconds[path.stem] = round(seconds, 2)

    _run_pool(todo, out_dir / ".partial", parameters, jobs=jobs, timeout=timeout, log=log,
              verb="executed", on_done=done)
    return report


def build(
    *, out: Path | None = None, data_dir: Path | None = None, jobs: int = 2, timeout: int = 300,
    force: bool = False, log: Log = print, books: list[Path] | None = None, lang: str = "en",
) -> BuildReport:
    """Validate data, execute every notebook, render the site and swap it in atomically.

    `lang` other than English builds that language's edition from notebooks/<lang>/ into
    html/<lang>/, beside the English site. One build at a time writes into `out`.
    """
    from .i18n import speaking
    from .lock import exclusive

    out = out or project_root() / "build"
    with speaking(lang), exclusive(out, log):
        return _build(out, data_dir, jobs, timeout, force, log, books, lang)


def _build(out: Path, data_dir: Path | None, jobs: int, timeout: int, force: bool, log: Log,
           books: list[Path] | None, lang: str = "en") -> BuildReport:
    data_dir = Path(data_dir).resolve() if data_dir else default_data_dir()
    # A broken package stops the build before any kernel starts. One that passed every
    # check before, byte for byte with this code, is not read again unless kernels start.
    ds: Dataset | Remembered = remembered(data_dir) or load(data_dir)
    log(_("data ok: version {version}").format(version=ds.version))
    parameters = {} if data_dir == default_data_dir() else {"data_dir": str(data_dir)}
    english = lang == "en"
    executed_dir = out / ("executed" if english else f"executed-{lang}")
    from .run import list_notebooks, notebook_dir

    report = execute_all(books or list_notebooks(None if english else notebook_dir() / lang),
                         executed_dir, parameters, ds, jobs=jobs, timeout=timeout,
                         force=force, log=log)
    from .site import render_site, staged_files, tree_key

    files = staged_files(executed_dir, ds)
    site_key = tree_key(files)
    html = out / "html" if english else out / "html" / lang
    stamp = out / (".site.key" if english else f".site-{lang}.key")
    if not force and html.is_dir() and stamp.exists() and stamp.read_text() == site_key:
        log(_("site up to date: {folder}").format(folder=html))
        return report
    stamp.unlink(missing_ok=True)  # a half-rendered site is never taken for up to date
    log(_("rendering the site with Sphinx ..."))
    from .i18n import LANGUAGES

    render_site(executed_dir, html, ds, files=files,
                work=out / (".site-work" if english else f".site-work-{lang}"),
                keep=tuple(LANGUAGES[1:]) if english else ())
    stamp.write_text(site_key)
    report.site = "rendered"
    log(_("site ready: {page}").format(page=html / "index.html"))
    return report


def refresh(*, jobs: int = 2, timeout: int = 300, log: Log = print, out: Path | None = None,
            books: list[Path] | None = None) -> list[str]:
    """Re-execute the committed notebooks with their default parameters: in place, or into `out`."""
    from .i18n import LANGUAGES
    from .lock import exclusive
    from .run import list_notebooks, notebook_dir

    template = notebook_dir() / "_template.ipynb"  # an nbval baseline too
    translated = [p for lang in LANGUAGES[1:] for p in list_notebooks(notebook_dir() / lang)]
    books = books or [*list_notebooks(), *([template] if template.exists() else []),
                      *translated]
    staging = (out or project_root() / "build") / "refresh"
    def into(path: Path) -> Path:
        if out is None:
            return path
        inside = path.parent != notebook_dir() and path.parent.parent == notebook_dir()
        return out / path.parent.name / path.name if inside else out / path.name

    targets = [(p, into(p)) for p in books]
    with exclusive(staging.parent, log):
        _run_pool(targets, staging, {}, jobs=jobs, timeout=timeout, log=log, verb="refreshed",
                  on_done=lambda path, seconds: None)
    return [p.stem for p in books]
