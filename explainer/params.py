"""Notebook parameters: one spec per name, shared by the CLI and the notebooks.

The notebooks declare their parameters as plain literals in a cell tagged
`parameters`; the first cell after it calls `check(...)`, so a plain papermill
run gets the same one-line `ParameterError` as our CLI, which calls the same
code before starting any kernel. Allowed choices come from the data package's
enums, so the data and the checks cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import dates
from .data import Dataset, Remembered, column_values, load, project_root
from .errors import ParameterError
from .i18n import LANGUAGES, _, use


@dataclass(frozen=True)
class Spec:
    """What a parameter is: its kind, and where its allowed values come from."""

    kind: str  # path | date | int | bool | choice | choices
    meaning: Callable[[], str]  # in the language in use: `lambda: _("...")`
    choices: Callable[[Dataset], list[str]] | None = None
    low: int | None = None
    high: int | None = None


def _enum(table: str, column: str) -> Callable[[Dataset], list[str]]:
    return lambda ds: ds.enum(table, column)


def _with_all(read: Callable[[Dataset], list[str]]) -> Callable[[Dataset], list[str]]:
    return lambda ds: ["all", *read(ds)]


def _claimants(ds: Dataset | Remembered) -> list[str]:
    return ["all", *sorted(set(column_values(ds.data_dir, "claims", "source_id")))]


SPECS: dict[str, Spec] = {
    "data_dir": Spec("path", lambda: _("folder holding datapackage.json (relative to notebooks/)")),
    "lang": Spec("choice", lambda: _("language of every word the notebook writes: en or es"),
                 lambda ds: list(LANGUAGES)),
    "as_of": Spec("date", lambda: _("show only what had begun by this day (YYYY-MM-DD)")),
    "since": Spec("date", lambda: _("only measures still under way on or after this day "
                                    "(YYYY-MM-DD)")),
    "window_hours": Spec("int", lambda: _("length of the safe-passage window, in hours"),
                         low=1, high=24 * 60),
    "tracks": Spec("choices", lambda: _("timeline lanes to show"), _enum("events", "track")),
    "kinds": Spec("choices", lambda: _("kinds of measure to include"), _enum("forces", "kind")),
    "perspective": Spec("choice", lambda: _("whose terms come first: caracas or washington; "
                                            "both: category by category, where the sides "
                                            "meet first"),
                        lambda ds: ["caracas", "washington", "both"]),
    "show_evidence": Spec("bool", lambda: _("show the verbatim evidence beside each row")),
    "claimant": Spec("choice", lambda: _("only claims from this source (a source_id), or all"),
                     _claimants),
    "status": Spec("choice", lambda: _("only claims with this status, or all"),
                   _with_all(_enum("claims", "status"))),
}


#: The annotation papermill shows for each kind (`papermill --help-notebook`).
ANNOTATIONS = {"path": "str", "date": "str", "int": "int", "bool": "bool", "choice": "str",
               "choices": "list[str]"}


def parameters_cell(defaults: dict[str, Any]) -> str:
    """The source of a notebook's `parameters` cell, written from SPECS: one declaration of
    each parameter feeds the notebooks, papermill's help, the CLI and its checks."""
    lines = []
    for name, value in defaults.items():
        spec = SPECS[name]
        lines.append(f"{name}: {ANNOTATIONS[spec.kind]} = {_literal(value)}  # {spec.meaning()}")
    return "\n".join(lines)


def declared_defaults(source: str) -> dict[str, Any]:
    """Names and default values of a `parameters` cell's source, in order (the cell is
    written by `parameters_cell` as `name: type = literal  # meaning`)."""
    import ast

    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            found[node.target.id] = ast.literal_eval(node.value)
    return found


def with_defaults(source: str, **changes: Any) -> str:
    """A `parameters` cell's source with some defaults changed, written anew from SPECS (in
    the language in use)."""
    return parameters_cell({**declared_defaults(source), **changes})


def _literal(value: object) -> str:
    """A Python literal, strings in double quotes as papermill writes them."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


class Params(dict):
    """Checked parameter values, readable as attributes (`p.as_of`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def resolve_data_dir(value: object, base: Path | None = None) -> Path:
    """A data folder. A relative path starts at `base`: the running notebook's own folder,
    which is the kernel's working folder in Jupyter (and under papermill's --cwd). When
    no such folder is there (papermill run from elsewhere without --cwd), it starts at
    the collection's notebooks/ folder instead."""
    if value in (None, ""):
        return project_root() / "data"
    if not isinstance(value, str | Path):
        raise ParameterError(
            _("parameter data_dir: {value} is not a folder path").format(value=repr(value)))
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    here = ((base or Path.cwd()) / path).resolve()
    collection = (project_root() / "notebooks" / path).resolve()
    return here if here.is_dir() or not collection.is_dir() else collection


def date_range(ds: Dataset | Remembered) -> tuple[date, date]:
    """The first and last day the events' intervals name."""
    days = [date.fromisoformat(text) for col in ("date_start", "date_end")
            for text in column_values(ds.data_dir, "events", col)]
    return min(days), max(days)


def _fail(message: str, name: str, value: object, **more: object) -> ParameterError:
    """`message` (with `{name}`, `{value}` and `more`) as the error for one parameter."""
    return ParameterError(message.format(name=name, value=repr(value), **more))


def unknown(name: str, valid: object = None) -> ParameterError:
    """The one error for a parameter name a notebook does not take (CLI, papermill, check)."""
    return ParameterError(_("unknown parameter {name}; valid parameters: {names}").format(
        name=repr(name), names=", ".join(valid if valid is not None else SPECS)))


def injected_names() -> list[str]:
    """The names papermill injected into this kernel, read from its `# Parameters` cell.

    papermill passes unknown names on with only a warning; the cell it injected is in the
    kernel's input history, so a notebook can refuse them itself. Outside a kernel, or in
    a run without injected parameters, there are none.
    """
    import ast
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    cells = list(getattr(getattr(shell, "history_manager", None), "input_hist_raw", []) or [])
    injected = [c for c in cells if c.lstrip().startswith("# Parameters")]
    if not injected:
        return []
    try:
        tree = ast.parse(injected[-1])
    except SyntaxError:
        return []
    return [target.id for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)]


def coerce(name: str, value: object, ds: Dataset) -> Any:
    """One parameter, coerced from text or a literal to its kind and checked."""
    if name not in SPECS:
        raise unknown(name)
    spec = SPECS[name]
    if spec.kind == "date":
        first, last = date_range(ds)
        try:
            day = dates.parse_iso(value) if isinstance(value, str) else None
        except ValueError as exc:
            raise _fail(_("parameter {name}: {value} is not valid: {error}"), name, value,
                        error=exc) from None
        if day is None:
            raise _fail(_("parameter {name}: {value} is not an ISO date (YYYY-MM-DD)"),
                        name, value)
        if not first <= day <= last:
            raise _fail(_("parameter {name}: {value} is outside the story's dates "
                          "({first} to {last})"), name, value, first=first, last=last)
        return day.isoformat()
    if spec.kind == "int":
        return _whole_number(name, value, spec)
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        words = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        if isinstance(value, str) and value.strip().lower() in words:
            return words[value.strip().lower()]
        raise _fail(_("parameter {name}: {value} is not true or false"), name, value)
    if spec.kind in ("choice", "choices"):
        allowed = spec.choices(ds)
        if spec.kind == "choice":
            if value not in allowed:
                raise _fail(_("parameter {name}: {value} is not one of: {choices}"), name, value,
                            choices=", ".join(allowed))
            return value
        items = _as_list(name, value)
        bad = [item for item in items if item not in allowed]
        if bad or not items:
            raise _fail(_("parameter {name}: {value} must list one or more of: {choices}"),
                        name, value, choices=", ".join(allowed))
        return [item for item in allowed if item in items]  # canonical order, no repeats
    raise AssertionError(spec.kind)


def _whole_number(name: str, value: object, spec: Spec) -> int:
    if isinstance(value, bool):
        raise _fail(_("parameter {name}: {value} is not a whole number"), name, value)
    try:
        number = int(value) if isinstance(value, int | str) else None
    except ValueError:
        number = None
    if number is None:
        raise _fail(_("parameter {name}: {value} is not a whole number"), name, value)
    if not spec.low <= number <= spec.high:
        raise _fail(_("parameter {name}: {value} is out of range ({low} to {high})"), name, value,
                    low=spec.low, high=spec.high)
    return number


def _as_list(name: str, value: object) -> list[str]:
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                parsed = None
            if isinstance(parsed, list) and all(isinstance(v, str) for v in parsed):
                return parsed
            raise _fail(_("parameter {name}: {value} is not a list of names"), name, value)
        return [part.strip() for part in text.split(",") if part.strip()]
    raise _fail(_("parameter {name}: {value} is not a list of names"), name, value)


def check(**values: object) -> Params:
    """Check every parameter of a notebook; return them typed. `data_dir` is required."""
    for name in values:
        if name not in SPECS:
            raise unknown(name)
    for name in injected_names():  # a plain papermill run with a name this notebook lacks
        if name not in values:
            raise unknown(name, values)
    if "data_dir" not in values:
        raise ParameterError(_("parameter data_dir is missing"))
    if "lang" in values:  # first: the messages below, the data and its notes speak it
        if values["lang"] not in LANGUAGES:
            raise _fail(_("parameter {name}: {value} is not one of: {choices}"), "lang",
                        values["lang"], choices=", ".join(LANGUAGES))
        use(str(values["lang"]))
    data_dir = resolve_data_dir(values["data_dir"])
    ds = load(data_dir)
    checked = Params(data_dir=data_dir)
    for name, value in values.items():
        if name != "data_dir":
            checked[name] = coerce(name, value, ds)
    return checked
