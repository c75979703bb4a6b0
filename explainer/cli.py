"""The command line: `python -m explainer {validate,datadoc,run,build,refresh,student,handouts}`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import DataError, ExplainerError

HINTS = {
    "DataError": "fix the rows named above in data/ (columns are described in data/README.md)",
    "ParameterError": "see `python -m explainer run --help` and the notebook's parameters cell",
    "RunError": "the message above names the notebook and cell, or the page, that failed",
}


def _validate(args: argparse.Namespace) -> int:
    from .data import load

    try:
        ds = load(args.data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    rows = sum(ds.row_counts().values())
    print(f"ok: {len(ds.tables)} tables, {rows} rows, {len(ds.notes)} data notes")
    if args.verbose:
        for name, count in ds.row_counts().items():
            print(f"  {name}: {count} rows")
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
            print(f"stale: {data_dir / 'README.md'}; run `python -m explainer datadoc`",
                  file=sys.stderr)
            return 1
        print("ok: data dictionary is current")
        return 0
    print(f"wrote {write(data_dir)}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from .data import project_root
    from .run import execute, prepare_parameters, resolve_notebook, slug
    from .site import render_page

    path = resolve_notebook(args.notebook)
    given = dict(args.parameter or [])
    checked = prepare_parameters(path, given)  # before any kernel starts
    out_dir = Path(args.out) if args.out else project_root() / "build" / "runs"
    out = out_dir / f"{path.stem}__{slug(checked)}.ipynb"
    print(f"running {path.stem} with {checked or 'default parameters'} ...")
    start = time.perf_counter()
    execute(path, out, checked, args.timeout)
    page = render_page(out)
    print(f"done in {time.perf_counter() - start:.1f} s: {out}\n  page: {page}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from . import stamp

    start = time.perf_counter()
    out = Path(args.out) if args.out else stamp.ROOT / "build"
    data_dir = Path(args.data_dir).resolve() if args.data_dir else stamp.ROOT / "data"
    key = stamp.inputs_key(data_dir, str(data_dir))
    if not args.force and stamp.up_to_date(out, key):
        print(f"up to date: nothing changed since the last build ({out / 'html'})")
        return 0
    from .build import build

    stamp.forget(out)  # from here until the site is in place, nothing is up to date
    report = build(out=out, data_dir=Path(args.data_dir) if args.data_dir else None,
                   jobs=args.jobs, timeout=args.timeout, force=args.force)
    stamp.record(out, key)
    print(f"build finished in {time.perf_counter() - start:.1f} s: "
          f"{len(report.executed)} executed, {len(report.cached)} cached, site {report.site}")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from .build import refresh

    done = refresh(jobs=args.jobs, timeout=args.timeout)
    print(f"refreshed {len(done)} notebook(s) in notebooks/")
    return 0


def _student(args: argparse.Namespace) -> int:
    from .classroom import export_student

    out = export_student(Path(args.out) if args.out else None)
    print(f"student edition: {out}")
    return 0


def _handouts(args: argparse.Namespace) -> int:
    from .classroom import pdf_pages, print_handouts

    for pdf in print_handouts(Path(args.out) if args.out else None):
        print(f"handout: {pdf} ({pdf_pages(pdf)} pages)")
    return 0


def _execution_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    p.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")


def _parameters_help() -> str:
    from .params import SPECS

    lines = ["parameters (each notebook takes data_dir and some of the others):"]
    lines += [f"  {name:<14} {spec.kind:<8} {spec.meaning}" for name, spec in SPECS.items()]
    lines += ["", "example: python -m explainer run 02 -p as_of 2025-11-25 "
              "-p tracks diplomacy,military"]
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """An epilog that is costly to make (it imports the parameter specs) is made when shown."""

    def format_help(self) -> str:
        if callable(self.epilog):
            self.epilog = self.epilog()
        return super().format_help()


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="python -m explainer",
        description="Build, rerun and teach the Venezuela Ultimatum Explainers notebooks.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check the data package and list its data notes",
                       description="Validate every table of the data package. Prints "
                       "'ok: N tables, M rows, K data notes' or every problem (exit 1).")
    p.add_argument("data_dir", nargs="?", default=None, help="data folder (default: data/)")
    p.add_argument("-v", "--verbose", action="store_true", help="also list rows and notes")
    p.set_defaults(func=_validate)

    p = sub.add_parser("datadoc", help="write data/README.md from datapackage.json",
                       description="Generate the data dictionary from datapackage.json.")
    p.add_argument("data_dir", nargs="?", default=None, help="data folder (default: data/)")
    p.add_argument("--check", action="store_true", help="only check that it is current")
    p.set_defaults(func=_datadoc)

    p = sub.add_parser("run", help="rerun one notebook with your own parameters",
                       description="Execute one notebook with papermill into "
                       "build/runs/<notebook>__<parameters>.ipynb and render its HTML page. "
                       "Parameters are checked before any kernel starts.",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog=_parameters_help)
    p.add_argument("notebook", help="number (2, 02), name (02_ultimatum_timeline) or file")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="a parameter; repeat for more (lists: comma-separated)")
    p.add_argument("--out", help="output folder (default: build/runs)")
    p.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")
    p.set_defaults(func=_run)

    p = sub.add_parser("build", help="execute every notebook and render the site",
                       description="Validate the data, execute every notebook (cached by "
                       "content hash) and render build/html/, swapped in only when complete.")
    _execution_options(p)
    p.add_argument("--force", action="store_true", help="ignore the cache")
    p.add_argument("--out", help="build folder (default: build/)")
    p.add_argument("--data-dir", help="build from another data package")
    p.set_defaults(func=_build)

    p = sub.add_parser("refresh", help="re-execute the committed notebooks in place",
                       description="Re-execute notebooks/*.ipynb with default parameters, "
                       "deterministically (the nbval baselines).")
    _execution_options(p)
    p.set_defaults(func=_refresh)

    p = sub.add_parser("student", help="export the student edition (no solutions)",
                       description="Write the notebooks with solutions replaced by stubs and "
                       "outputs cleared, plus student-edition.zip.")
    p.add_argument("--out", help="output folder (default: build/student)")
    p.set_defaults(func=_student)

    p = sub.add_parser("handouts", help="print each rendered page to PDF",
                       description="Print the rendered notebook pages to PDF with headless "
                       "Chromium into build/handouts/ (run `build` first).")
    p.add_argument("--out", help="output folder (default: build/handouts)")
    p.set_defaults(func=_handouts)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ExplainerError as exc:
        kind = type(exc).__name__
        print(f"error: {exc}", file=sys.stderr)
        if kind in HINTS:
            print(f"hint: {HINTS[kind]}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous build is left in place", file=sys.stderr)
        return 130
