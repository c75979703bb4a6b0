"""The command line: `python -m explainer COMMAND`; `--help` lists the commands."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from .errors import DataError, ExplainerError, ParameterError, RunError
from .i18n import LANGUAGES, _, ngettext, number


def hints() -> dict[str, str]:
    """What to do about each kind of error, in the language in use."""
    return {
        "DataError": _("fix the rows named above in data/ "
                       "(columns are described in data/README.md)"),
        "ParameterError": _("see `python -m explainer run --help` "
                            "and the notebook's parameters cell"),
        "RunError": _("the message above names the notebook and cell, or the page, that failed"),
    }


def _validate(args: argparse.Namespace) -> int:
    from .data import load

    try:
        ds = load(args.data_dir)
        article = args.article or os.environ.get("EXPLAINER_ARTICLE")
        if article:
            from .evidence import check

            found = check(ds, Path(article))
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    if article:
        print(ngettext("evidence: {count} fragment found verbatim in the article",
                       "evidence: {count} fragments found verbatim in the article", found)
              .format(count=found))
    rows, tables, notes = sum(ds.row_counts().values()), len(ds.tables), len(ds.notes)
    print(_("ok: {tables}, {rows}, {notes}").format(
        tables=ngettext("{count} table", "{count} tables", tables).format(count=tables),
        rows=ngettext("{count} row", "{count} rows", rows).format(count=rows),
        notes=ngettext("{count} data note", "{count} data notes", notes).format(count=notes)))
    if args.verbose:
        for name, count in ds.row_counts().items():
            print("  " + ngettext("{table}: {count} row", "{table}: {count} rows", count)
                  .format(table=name, count=count))
        for note in ds.notes:
            print(f"  [{note.kind}] {note.message}")
    return 0


def _datadoc(args: argparse.Namespace) -> int:
    from .data import default_data_dir
    from .datadoc import render, write

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    if args.check:
        current = (data_dir / "README.md").read_text(encoding="utf-8") if (
            data_dir / "README.md").exists() else ""
        if current != render(data_dir):
            print(_("stale: {path}; run `python -m explainer datadoc`").format(
                path=data_dir / "README.md"), file=sys.stderr)
            return 1
        print(_("ok: data dictionary is current"))
        return 0
    print(_("wrote {path}").format(path=write(data_dir)))
    return 0


def _lesson(args: argparse.Namespace) -> int:
    from .data import project_root
    from .lesson import render_teaching, write_teaching

    path = project_root() / "TEACHING.md"
    if args.check:
        text = path.read_text(encoding="utf-8")
        if render_teaching(text) != text:
            print(_("stale: {path}; run `python -m explainer lesson`").format(path=path),
                  file=sys.stderr)
            return 1
        print(_("ok: the lesson plans are current"))
        return 0
    write_teaching(path)
    print(_("wrote {path}").format(path=path))
    return 0


def _answers(args: argparse.Namespace) -> int:
    from .answers import write_hashes
    from .data import load

    print(_("wrote {path}").format(path=write_hashes(load())))
    return 0


def _messages(args: argparse.Namespace) -> int:
    from . import narrative
    from .catalogue import update

    for path in [*update(), *narrative.update()]:
        print(_("wrote {path}").format(path=path))
    return 0


def _translate(args: argparse.Namespace) -> int:
    from .narrative import write_language

    for path in write_language(args.lang):
        print(_("wrote {path}").format(path=path))
    return 0


def _run(args: argparse.Namespace) -> int:
    from .ahead import meanwhile
    from .data import project_root
    from .run import execute, prepare_parameters, resolve_notebook, slug
    from .site import page_exporter, render_page

    paths = list(dict.fromkeys(resolve_notebook(name) for name in args.notebooks))
    given = dict(args.parameter or [])
    if args.lang:
        given["lang"] = args.lang
    out_dir = Path(args.out) if args.out else project_root() / "build" / "runs"
    runs = []
    for path in paths:  # every notebook's parameters checked before any kernel starts
        try:
            checked = prepare_parameters(path, given)
        except ParameterError as exc:
            if len(paths) == 1:
                raise
            raise ParameterError(f"{path.stem}: {exc}") from None  # which one refused it
        runs.append((path, out_dir / f"{path.stem}__{slug(checked)}.ipynb", checked))
    for path, _out, checked in runs:
        running = (_("running {notebook} with {parameters} ...") if checked else
                   _("running {notebook} with default parameters ..."))
        print(running.format(notebook=path.stem, parameters=checked))
    start = time.perf_counter()
    if len(runs) == 1:
        path, out, checked = runs[0]
        execute(path, out, checked, args.timeout,  # the page's exporter loads while it runs
                started=lambda: meanwhile(lambda: page_exporter(warm=True)))
        results: list[float | RunError] = [time.perf_counter() - start]
    else:  # as a build runs them: workers that each keep one kernel
        from .build import run_many

        results = run_many(runs, jobs=args.jobs, timeout=args.timeout)
    failures = []
    for (_path, out, _checked), result in zip(runs, results, strict=True):
        if isinstance(result, RunError):
            failures.append(str(result))
            continue
        page = render_page(out)
        seconds = time.perf_counter() - start if len(runs) == 1 else result
        print(_("done in {seconds} s: {notebook}").format(seconds=number(seconds, 1),
                                                          notebook=out))
        print("  " + _("page: {page}").format(page=page))
    if failures:
        raise RunError("\n".join(failures))
    return 0


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    """The build folder and the data folder."""
    from .stamp import project_root

    out = Path(args.out) if args.out else project_root() / "build"
    return out, Path(args.data_dir).resolve() if args.data_dir else project_root() / "data"


def _site(args: argparse.Namespace) -> Path:
    """The site the build makes: the English one holds every other edition's."""
    html = _folders(args)[0] / "html"
    return html if args.lang in ("en", "all") else html / args.lang


def _inputs(args: argparse.Namespace) -> dict[str, str]:
    """The hash of every input, for each edition built."""
    from . import stamp

    _out, data_dir = _folders(args)
    langs = LANGUAGES if args.lang == "all" else (args.lang,)
    return {lang: stamp.inputs_key(data_dir, f"{data_dir}\0{lang}") for lang in langs}


def _build(args: argparse.Namespace) -> int:
    from . import stamp

    start = time.perf_counter()
    out, keys, site = _folders(args)[0], _inputs(args), _site(args)
    langs = tuple(keys)
    from .lock import exclusive

    with exclusive(out):  # a build into the same folder running now finishes first
        if not args.force and all(stamp.up_to_date(out, keys[lang], lang) for lang in langs):
            print(_("up to date: nothing changed since the last build ({folder})").format(
                folder=site))
            return 0
        from .build import build

        for lang in langs:  # until the site is in place, nothing is up to date
            stamp.forget(out, lang)
        report = build(out=out, data_dir=Path(args.data_dir) if args.data_dir else None,
                       jobs=args.jobs, timeout=args.timeout, force=args.force, lang=args.lang)
        for lang in langs:
            stamp.record(out, keys[lang], lang)
    executed, cached = len(report.executed), len(report.cached)
    site = {"rendered": _("site rendered"), "unchanged": _("site unchanged")}
    print(_("build finished in {seconds} s: {executed}, {cached}, {site}").format(
        seconds=number(time.perf_counter() - start, 1),
        executed=ngettext("{count} executed", "{count} executed", executed).format(
            count=executed),
        cached=ngettext("{count} cached", "{count} cached", cached).format(count=cached),
        site=site.get(report.site, report.site)))
    return 0


def _watch(args: argparse.Namespace) -> int:
    from .stamp import sources
    from .watch import watch

    building = False

    def build() -> None:
        nonlocal building
        building = True
        try:
            _build(args)
        except (ExplainerError, OSError) as exc:  # reported; the watch goes on
            _say(exc)
            kept = (_site(args) / "index.html").is_file()
            print(_("the last good site stays in place: fix the error and save again") if kept
                  else _("no site yet: fix the error and save again"), file=sys.stderr)
        building = False
        sys.stdout.flush()

    try:
        watch(build, sources(_folders(args)[1]), lambda: "".join(_inputs(args).values()),
              log=lambda message: print(message, flush=True))
    except KeyboardInterrupt:
        if building:  # reported as a build's interruption is
            raise
        print(_("stopped watching"))
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from .build import refresh

    done = refresh(jobs=args.jobs, timeout=args.timeout)
    print(ngettext("refreshed {count} notebook in notebooks/",
                   "refreshed {count} notebooks in notebooks/", len(done)).format(count=len(done)))
    return 0


def _student(args: argparse.Namespace) -> int:
    from .classroom import export_student

    out = export_student(Path(args.out) if args.out else None, lang=args.lang)
    print(_("student edition: {folder}").format(folder=out))
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .classroom import pdf_pages, print_handouts
    from .data import project_root

    english = args.lang == "en"
    site = project_root() / "build" / "html" / ("" if english else args.lang)
    out = Path(args.out) if args.out else project_root() / "build" / (
        "handouts" if english else f"handouts-{args.lang}")
    for pdf in print_handouts(out, site=site):
        pages = pdf_pages(pdf)
        print(ngettext("handout: {pdf} ({count} page)", "handout: {pdf} ({count} pages)", pages)
              .format(pdf=pdf, count=pages))
    return 0


def _execution_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, default=2, help=_("notebooks run at once (default 2)"))
    p.add_argument("--timeout", type=int, default=300, help=_("seconds per cell (default 300)"))


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help=_("build folder (default: build/)"))
    p.add_argument("--lang", choices=[*LANGUAGES, "all"], default="en",
                   help=_("the edition to build: en into build/html/, es into build/html/es/, "
                          "all for every edition (each notebook's editions share a kernel)"))
    p.add_argument("--data-dir", help=_("build from another data package"))


def _parameters_help() -> str:
    from .params import SPECS

    lines = [_("parameters (each notebook takes data_dir and some of the others):")]
    lines += [f"  {name:<14} {spec.kind:<8} {spec.meaning()}" for name, spec in SPECS.items()]
    lines += ["", _("example: {command}").format(
        command="python -m explainer run 02 -p as_of 2025-11-25 -p tracks diplomacy,military")]
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """argparse's own words in the language in use; an epilog that is costly to make (it
    imports the parameter specs) is made when shown."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help message and exit")

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        usage = formatter.add_usage

        def add_usage(text: object, actions: object, groups: object,
                      prefix: str | None = None) -> None:
            usage(text, actions, groups, _("usage: ") if prefix is None else prefix)

        formatter.add_usage = add_usage  # type: ignore[method-assign]
        return formatter

    def format_help(self) -> str:
        if callable(self.epilog):
            self.epilog = self.epilog()
        return super().format_help()


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="python -m explainer",
        description=_("Build, rerun and teach the Venezuela Ultimatum Explainers notebooks."))
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help=_("check the data package and list its data notes"),
                       description=_("Validate every table of the data package. Prints "
                                     "'ok: N tables, M rows, K data notes' or every problem "
                                     "(exit 1)."))
    p.add_argument("data_dir", nargs="?", default=None, help=_("data folder (default: data/)"))
    p.add_argument("-v", "--verbose", action="store_true", help=_("also list rows and notes"))
    p.add_argument("--article", help=_("the source article: check its SHA-256, then that "
                                       "every evidence fragment is in it verbatim (default: "
                                       "$EXPLAINER_ARTICLE, if set)"))
    p.set_defaults(func=_validate)

    p = sub.add_parser("datadoc", help=_("write data/README.md from datapackage.json"),
                       description=_("Generate the data dictionary from datapackage.json."))
    p.add_argument("data_dir", nargs="?", default=None, help=_("data folder (default: data/)"))
    p.add_argument("--check", action="store_true", help=_("only check that it is current"))
    p.set_defaults(func=_datadoc)

    p = sub.add_parser("lesson", help=_("write the timed parts of TEACHING.md"),
                       description=_("Write the notebook times and the lesson plans in "
                                     "TEACHING.md from explainer/lesson.py, the one source of "
                                     "the kit's timings."))
    p.add_argument("--check", action="store_true", help=_("only check that it is current"))
    p.set_defaults(func=_lesson)

    p = sub.add_parser("answers", help=_("write the exercises' salted answer hashes"),
                       description=_("Compute every exercise's answer from the data and write "
                                     "the salted hashes the check cells compare against "
                                     "(explainer/answers.json)."))
    p.set_defaults(func=_answers)

    p = sub.add_parser("messages", help=_("extract the message catalogues"),
                       description=_("Write explainer/locale/explainer.pot from every message "
                                     "in the code, and locale/notebooks.pot from every "
                                     "paragraph of the notebooks' prose, and merge each into "
                                     "each language's .po file."))
    p.set_defaults(func=_messages)

    p = sub.add_parser("translate", help=_("write a language's notebooks from the catalogue"),
                       description=_("Write notebooks/<lang>/ from the English notebooks and "
                                     "locale/<lang>/LC_MESSAGES/notebooks.po (then `refresh` "
                                     "executes them)."))
    p.add_argument("--lang", default=LANGUAGES[1], choices=LANGUAGES[1:],
                   help=_("the language (default es)"))
    p.set_defaults(func=_translate)

    p = sub.add_parser("run", help=_("rerun notebooks with your own parameters"),
                       description=_("Execute each notebook with papermill into "
                                     "build/runs/<notebook>__<parameters>.ipynb and render its "
                                     "HTML page. Parameters are checked before any kernel "
                                     "starts. Several notebooks run as a build runs them: on "
                                     "--jobs workers, each keeping one kernel."),
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=_parameters_help)
    p.add_argument("notebooks", nargs="+", metavar="notebook",
                   help=_("number (2, 02), name (02_ultimatum_timeline) or file"))
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help=_("a parameter; repeat for more (lists: comma-separated)"))
    p.add_argument("--lang", choices=LANGUAGES, help=_("the language of every word the "
                                                          "notebook writes (default en)"))
    p.add_argument("--out", help=_("output folder (default: build/runs)"))
    _execution_options(p)
    p.set_defaults(func=_run)

    p = sub.add_parser("build", help=_("execute every notebook and render the site"),
                       description=_("Validate the data, execute every notebook (cached by "
                                     "content hash) and render build/html/, swapped in only "
                                     "when complete."))
    _execution_options(p)
    p.add_argument("--force", action="store_true", help=_("ignore the cache"))
    _build_options(p)
    p.set_defaults(func=_build)

    p = sub.add_parser("watch", help=_("build, then build again whenever a source changes"),
                       description=_("Build as `build` does, then again each time a notebook, "
                                     "the data, a page or a catalogue is saved, until Ctrl-C. "
                                     "One process does every build, so a prose edit costs "
                                     "only its render. A failed build leaves the last good "
                                     "site in place."))
    _execution_options(p)
    _build_options(p)
    p.set_defaults(func=_watch, force=False)

    p = sub.add_parser("refresh", help=_("re-execute the committed notebooks in place"),
                       description=_("Re-execute notebooks/*.ipynb with default parameters, "
                                     "deterministically (the nbval baselines)."))
    _execution_options(p)
    p.set_defaults(func=_refresh)

    p = sub.add_parser("student", help=_("export the student edition (no solutions)"),
                       description=_("Write the notebooks with solutions replaced by stubs and "
                                     "outputs cleared, plus student-edition.zip."))
    p.add_argument("--lang", choices=LANGUAGES, default="en",
                   help=_("the edition's language (default en)"))
    p.add_argument("--out", help=_("output folder (default: build/student)"))
    p.set_defaults(func=_student)

    p = sub.add_parser("handouts", help=_("print each rendered page to PDF"),
                       description=_("Print the rendered notebook pages to PDF with headless "
                                     "Chromium into build/handouts/ (run `build` first)."))
    p.add_argument("--lang", choices=LANGUAGES, default="en",
                   help=_("the edition to print: en from build/html/, es from build/html/es/ "
                          "into build/handouts-es/"))
    p.add_argument("--out", help=_("output folder (default: build/handouts)"))
    p.set_defaults(func=_handouts)
    return top


# A command allocates millions of objects that live until it exits (Sphinx, MyST-NB, pandas,
# Frictionless). Python's default thresholds make the collector scan them again and again,
# and once more as the interpreter exits: 0.4 s of a 2 s rebuild after a Markdown edit.
# Young objects are collected every 100,000 allocations instead of every 700, so cycles
# are still freed, only in fewer and larger passes.
COMMAND_GC_THRESHOLD = (100_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    """Run one command. Called as the program (no `argv`), it also tunes the collector
    for a process that exits when the command is done (`COMMAND_GC_THRESHOLD`) and, at
    the end, freezes what is left so that the exit does not scan it (`gc.freeze`)."""
    if argv is not None:
        return _main(argv)
    gc.set_threshold(*COMMAND_GC_THRESHOLD)
    try:
        return _main(None)
    finally:
        gc.freeze()


def _main(argv: list[str] | None) -> int:
    from .i18n import from_environment

    from_environment()  # LANG=es_… (or LANGUAGE, LC_ALL, LC_MESSAGES): help and messages
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (ExplainerError, OSError) as exc:
        _say(exc)
        return 1
    except KeyboardInterrupt:
        print(_("interrupted: the previous build is left in place"), file=sys.stderr)
        return 130


def _say(exc: ExplainerError | OSError) -> None:
    """An error as one readable message on stderr, with what to do about it."""
    if isinstance(exc, ExplainerError):
        hint = getattr(exc, "hint", "") or hints().get(type(exc).__name__)
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        if hint:
            print(_("hint: {hint}").format(hint=hint), file=sys.stderr)
        return
    # OSError: a read-only or full disk, a folder that vanished.
    where = f"{exc.filename}: " if exc.filename else ""
    print(_("error: cannot write {where}{reason}; the previous build is left in "
            "place").format(where=where, reason=exc.strerror or exc), file=sys.stderr)
