"""`build` and `refresh`: execute notebooks (cached by content hash), then render the site."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import Dataset, Remembered, default_data_dir, load, project_root, remembered
from .errors import RunError
from .i18n import _, ngettext, number, to_the_user

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


#: In a pool's worker: where each notebook's result goes as soon as it is known.
_REPORTS: Any = None
#: In a pool's worker: the kernel it keeps from one notebook to the next (None: a fresh
#: kernel for each notebook, as `refresh` runs the nbval baselines).
_KERNEL: Any = None


def _start_worker(reports: Any, shared: bool) -> None:
    global _REPORTS, _KERNEL
    _REPORTS = reports
    die_with_parent()
    # Jupyter runs a blocking client's calls on a helper thread it keeps per thread name;
    # a worker forked from a process that has one inherits it without its thread, and
    # would wait on it for good. A name of its own gives the worker a helper of its own.
    threading.current_thread().name = f"explainer-worker-{os.getpid()}"
    if shared:
        import multiprocessing.util

        from .run import SharedKernel

        _KERNEL = SharedKernel()  # shut down as the worker leaves the pool
        multiprocessing.util.Finalize(_KERNEL, _KERNEL.close, exitpriority=10)


def run_group(group: list[tuple[str, str]], parameters: dict[str, Any],
              timeout: int) -> list[float | RunError]:
    """In a worker: a group's notebooks (one, or one notebook's editions) one after another,
    in the kernel the worker keeps (`run.SharedKernel`) or each in a fresh one; each one's
    seconds, or its RunError. Each result is also sent on as soon as it is known, while
    the next notebook runs."""
    results: list[float | RunError] = []
    for path, out in group:
        if _KERNEL is not None:
            result = _KERNEL.run(Path(path), Path(out), parameters, timeout)
        else:
            try:
                result = run_one(path, out, parameters, timeout)
            except RunError as exc:
                result = exc
        results.append(result)
        if _REPORTS is not None:
            _REPORTS.put((out, result))
    return results


def run_many(runs: list[tuple[Path, Path, dict[str, Any]]], *, jobs: int = 2,
             timeout: int = 300) -> list[float | RunError]:
    """Run each (notebook, target, parameters) on `jobs` workers, each keeping one kernel
    for all the notebooks it runs; each one's seconds, or its RunError, in order."""
    with _workers(min(jobs, len(runs)), None, shared=True) as pool:
        futures = [pool.submit(run_group, [(str(path), str(out))], parameters, timeout)
                   for path, out, parameters in runs]
        return [future.result()[0] for future in futures]


def _workers(count: int, reports: Any, *, shared: bool) -> ProcessPoolExecutor:
    """A pool of `count` workers (at least one); with `shared`, each keeps one kernel."""
    import multiprocessing

    return ProcessPoolExecutor(max_workers=max(1, count), mp_context=multiprocessing.get_context(),
                               initializer=_start_worker, initargs=(reports, shared))


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
    groups: list[list[tuple[Path, Path]]], staging: Path, parameters: dict[str, Any], *,
    jobs: int, timeout: int, log: Log, verb: str, on_done: Callable[[Path, float], None],
    shared: bool = True,
) -> None:
    """Execute each group's (notebook, target) pairs into `staging`; move each to its target
    only on success. With `shared`, each worker keeps one kernel for all the notebooks it
    runs (`run.SharedKernel`); without, each notebook runs in a fresh kernel.

    A failed notebook leaves its target as it was; all failures are raised together at the end.
    `verb` says what was done to each: "executed" or "refreshed".
    """
    finished = {"executed": _("[{done}/{total}] executed {notebook} in {seconds} s"),
                "refreshed": _("[{done}/{total}] refreshed {notebook} in {seconds} s")}[verb]
    staging.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    items = [item for group in groups for item in group]
    total, done = len(items), 0
    staged = {t: staging / f"{k:03d}-{p.name}" for k, (p, t) in enumerate(items)}  # two
    by_staged = {str(staged[t]): (p, t) for p, t in items}  # languages' notebooks share a name
    seen: set[Path] = set()

    def settle(path: Path, target: Path, result: float | RunError) -> None:
        nonlocal done
        if target in seen:
            return
        seen.add(target)
        done += 1
        if isinstance(result, RunError):
            failures.append(str(result))
            log(_("[{done}/{total}] FAILED {notebook}").format(
                done=done, total=total, notebook=_named(path)))
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged[target], target)
        log(finished.format(done=done, total=total, notebook=_named(path),
                            seconds=number(result, 1)))
        on_done(path, result)

    import multiprocessing

    reports = multiprocessing.get_context().SimpleQueue()  # each result as soon as known
    with _workers(min(jobs, len(groups)), reports, shared=shared) as pool:
        futures = {pool.submit(run_group, [(str(p), str(staged[t])) for p, t in group],
                               parameters, timeout): group for group in groups}
        if verb == "executed":  # the workers are forked: import the renderer meanwhile
            from .ahead import SITE, imports

            imports(SITE)
        pending = set(futures)
        while pending:
            finished_now, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            while not reports.empty():
                staged_path, result = reports.get()
                settle(*by_staged[staged_path], result)
            for future in finished_now:
                for (path, target), result in zip(futures[future], future.result(),
                                                  strict=True):
                    settle(path, target, result)
    if failures:
        raise RunError("\n".join(failures))


def _named(path: Path) -> str:
    """A notebook's name in the log: its stem, after its language's folder if it has one."""
    from .i18n import LANGUAGES

    return f"{path.parent.name}/{path.stem}" if path.parent.name in LANGUAGES else path.stem


@dataclass
class Plan:
    """One edition's notebooks: what must run, into where, and the keys to record after."""

    lang: str
    out_dir: Path
    report: BuildReport
    keys: dict[Path, str]
    todo: list[tuple[Path, Path]]

    def complete(self) -> bool:
        return len(self.report.executed) == len(self.todo)

    def done(self, path: Path, seconds: float) -> None:
        cache = self.out_dir / ".keys"
        (cache / f"{path.stem}.key").write_text(self.keys[path])
        (cache / f"{path.stem}.source").write_bytes(path.read_bytes())
        self.report.executed.append(path.stem)
        self.report.seconds[path.stem] = round(seconds, 2)


def plan(lang: str, books: list[Path], out_dir: Path, parameters: dict[str, Any],
         ds: Dataset | Remembered, *, force: bool, log: Log) -> Plan:
    """Which notebooks' inputs changed (they run); the rest are kept, or take new prose."""
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
    with to_the_user():
        if report.cached:
            log(ngettext("up to date: {count} notebook unchanged, not re-run",
                         "up to date: {count} notebooks unchanged, not re-run",
                         len(report.cached)).format(count=len(report.cached)))
        if report.spliced:
            log(ngettext("prose only: {notebooks} re-rendered with the outputs it had",
                         "prose only: {notebooks} re-rendered with the outputs it had",
                         len(report.spliced)).format(notebooks=", ".join(report.spliced)))
    return Plan(lang, out_dir, report, keys, todo)


def execute_plans(plans: list[Plan], parameters: dict[str, Any], ds: Dataset | Remembered, *,
                  jobs: int, timeout: int, log: Log,
                  when_done: Callable[[Plan], None] = lambda plan: None) -> None:
    """Run what the plans need, in one pool whose workers each keep one kernel for every
    notebook they run (`run.SharedKernel`); a notebook's editions run one after the other
    on one worker. `when_done` is called with each plan as soon as all of its notebooks
    ran, while the others still run. While they run, this process imports the renderer."""
    groups: dict[str, list[tuple[Path, Path]]] = {}
    for one in plans:
        for path, target in one.todo:
            groups.setdefault(path.name, []).append((path, target))
    if not groups:
        return
    names = [_named(path) for one in plans for path, _target in one.todo]
    workers = max(1, min(jobs, len(groups)))
    log(_("running {notebooks} on {workers}: {names}").format(
        notebooks=ngettext("{count} notebook", "{count} notebooks", len(names)).format(
            count=len(names)),
        workers=ngettext("{count} worker", "{count} workers", workers).format(count=workers),
        names=", ".join(names)))
    owner = {path: one for one in plans for path, _target in one.todo}

    def done(path: Path, seconds: float) -> None:
        one = owner[path]
        one.done(path, seconds)
        if one.complete():
            when_done(one)

    _run_pool(list(groups.values()), plans[0].out_dir / ".partial", parameters, jobs=jobs,
              timeout=timeout, log=log, verb="executed", on_done=done)


def build(
    *, out: Path | None = None, data_dir: Path | None = None, jobs: int = 2, timeout: int = 300,
    force: bool = False, log: Log = print, books: list[Path] | None = None, lang: str = "en",
) -> BuildReport:
    """Validate data, execute every notebook, render the site and swap it in atomically.

    `lang` other than English builds that language's edition from notebooks/<lang>/ into
    html/<lang>/, beside the English site; "all" builds every edition, English first.
    Each worker runs its notebooks one after another in one kernel, each as a fresh kernel
    would. One build at a time writes into `out`.
    """
    from .i18n import LANGUAGES
    from .lock import exclusive

    out = out or project_root() / "build"
    langs = LANGUAGES if lang == "all" else (lang,)
    # Each edition is made in its own language (inside); what the build says as it goes,
    # and its errors, are in the language in use: the user's, at the command line.
    with exclusive(out, log):
        return _build(out, data_dir, jobs, timeout, force, log, books, langs)


def _build(out: Path, data_dir: Path | None, jobs: int, timeout: int, force: bool, log: Log,
           books: list[Path] | None, langs: tuple[str, ...]) -> BuildReport:
    from .i18n import speaking
    from .run import list_notebooks, notebook_dir

    data_dir = Path(data_dir).resolve() if data_dir else default_data_dir()
    # A broken package stops the build before any kernel starts. One that passed every
    # check before, byte for byte with this code, is not read again unless kernels start.
    ds: Dataset | Remembered = remembered(data_dir) or load(data_dir)
    log(_("data ok: version {version}").format(version=ds.version))
    parameters = {} if data_dir == default_data_dir() else {"data_dir": str(data_dir)}
    plans = {}
    for lang in langs:
        with speaking(lang):
            folder = None if lang == "en" else notebook_dir() / lang
            plans[lang] = plan(lang, books or list_notebooks(folder), _executed(out, lang),
                               parameters, ds, force=force, log=log)
    rendered: set[str] = set()

    def render(lang: str) -> None:
        with speaking(lang):
            _render(out, lang, ds, force, log, plans[lang].report)
        rendered.add(lang)

    # An edition whose notebooks have all run renders while the others' still run (the
    # English site while the last Spanish twin runs): a core would otherwise wait.
    execute_plans(list(plans.values()), parameters, ds, jobs=jobs, timeout=timeout, log=log,
                  when_done=lambda one: render(one.lang))
    for lang in langs:
        if lang not in rendered:
            render(lang)
    if len(langs) == 1:
        return plans[langs[0]].report
    report = BuildReport()  # every edition's, each notebook named with its language
    for lang, one in plans.items():
        prefix = "" if lang == "en" else f"{lang}/"
        report.executed += [prefix + stem for stem in one.report.executed]
        report.cached += [prefix + stem for stem in one.report.cached]
        report.spliced += [prefix + stem for stem in one.report.spliced]
        report.seconds.update({prefix + k: v for k, v in one.report.seconds.items()})
        report.site = "rendered" if "rendered" in (report.site, one.report.site) else report.site
    return report


def _executed(out: Path, lang: str) -> Path:
    return out / ("executed" if lang == "en" else f"executed-{lang}")


def _render(out: Path, lang: str, ds: Dataset | Remembered, force: bool, log: Log,
            report: BuildReport) -> None:
    """Render one edition's site from its executed notebooks, unless it is up to date."""
    from .i18n import LANGUAGES
    from .site import render_site, staged_files, tree_key

    english = lang == "en"
    executed_dir = _executed(out, lang)
    files = staged_files(executed_dir, ds)
    site_key = tree_key(files)
    html = out / "html" if english else out / "html" / lang
    stamp = out / (".site.key" if english else f".site-{lang}.key")
    if not force and html.is_dir() and stamp.exists() and stamp.read_text() == site_key:
        with to_the_user():
            log(_("site up to date: {folder}").format(folder=html))
        return
    stamp.unlink(missing_ok=True)  # a half-rendered site is never taken for up to date
    with to_the_user():
        log(_("rendering the site with Sphinx ..."))
    render_site(executed_dir, html, ds, files=files,
                work=out / (".site-work" if english else f".site-work-{lang}"),
                keep=tuple(LANGUAGES[1:]) if english else ())
    stamp.write_text(site_key)
    report.site = "rendered"
    with to_the_user():
        log(_("site ready: {page}").format(page=html / "index.html"))


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

    groups = [[(p, into(p))] for p in books]  # each in a fresh kernel: the nbval baselines
    with exclusive(staging.parent, log):
        _run_pool(groups, staging, {}, jobs=jobs, timeout=timeout, log=log, verb="refreshed",
                  on_done=lambda path, seconds: None, shared=False)
    return [p.stem for p in books]
