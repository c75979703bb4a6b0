"""Load and validate the shared data package; the only way notebooks read data.

`load(data_dir)` checks the whole Frictionless package (types, constraints, keys,
foreign keys), then the story rules that a schema cannot express, and returns a
`Dataset` of typed DataFrames plus the data notes the notebooks print. Any
problem raises one `DataError` listing every problem as `file:row:column: message`.

A full Frictionless validation costs about two seconds in a fresh process, so a
package that passed once is remembered by the SHA-256 of its bytes; any change
to any file gives a new hash and a full validation.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError
from .i18n import _
from .stamp import PACKAGE_FILE, project_root

if TYPE_CHECKING:
    import pandas as pd

    from .checks import DataNote

TABLES = (
    "sources",
    "actors",
    "events",
    "terms",
    "forces",
    "figures",
    "claims",
    "questions",
    "wordings",
    "glossary",
    "translations",
)


def default_data_dir() -> Path:
    """The shared data package of this repository."""
    return project_root() / "data"


@dataclass(repr=False)
class Dataset:
    """The validated package: one typed DataFrame per table, plus data notes (read-only)."""

    tables: dict[str, pd.DataFrame]
    notes: list[DataNote]
    package: dict[str, Any]
    digest: str
    data_dir: Path
    schemas: dict[str, list[dict[str, Any]]] = field(repr=False, default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        rows = ", ".join(f"{name} {len(frame)}" for name, frame in self.tables.items())
        notes = len(self.notes)
        return f"<Dataset {self.version} from {self.data_dir}: {rows} rows; {notes} notes>"

    @property
    def version(self) -> str:
        """The package's version plus the short content hash, e.g. `1.0.0+3f2a9c1d`."""
        return f"{self.package.get('version', '0')}+{self.digest[:8]}"

    @property
    def story_year(self) -> int:
        """The year every date assumes (the article states none)."""
        return int(self.package.get("story", {}).get("year", 2025))

    def enum(self, table: str, column: str) -> list[str]:
        """The allowed values of an enum column, in the schema's order."""
        for spec in self.schemas[table]:
            if spec["name"] == column:
                return list(spec.get("constraints", {}).get("enum", []))
        raise KeyError(f"{table}.{column}")

    def notes_of(self, *kinds: str) -> list[DataNote]:
        """The data notes of the given kinds (all when none given)."""
        return [n for n in self.notes if not kinds or n.kind in kinds]

    def row_counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}


# ---------------------------------------------------------------- reading


def _problem(where: object, text: str) -> str:
    """One problem as `where: text`; only the text is in the reader's language."""
    return f"{where}: {text}"


def _read_package(data_dir: Path) -> dict[str, Any]:
    path = data_dir / PACKAGE_FILE
    if not data_dir.is_dir():
        raise DataError([_problem(data_dir, _("no such data folder"))], hint=_(
            "check the data folder's path: a relative one starts at the notebook's own "
            "folder (for the collection's notebooks, ../data)"))
    if not path.is_file():
        raise DataError([_problem(PACKAGE_FILE, _("missing from {folder}").format(
            folder=data_dir))], str(data_dir))
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError([_problem(PACKAGE_FILE, _("not valid JSON ({error})").format(
            error=exc))], str(data_dir)) from None
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        raise DataError([_problem(PACKAGE_FILE, _("lists no resources"))], str(data_dir))
    return package


def _resource_paths(package: dict[str, Any], data_dir: Path) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    problems = []
    for res in package["resources"]:
        name, rel = res.get("name"), res.get("path")
        if not isinstance(name, str) or not isinstance(rel, str):
            problems.append(_problem(PACKAGE_FILE, _("a resource lacks a name or a path")))
            continue
        path = (data_dir / rel).resolve()
        if data_dir.resolve() not in path.parents:
            problems.append(_problem(f"{PACKAGE_FILE}:{name}", _(
                "path {path} leaves the data folder").format(path=repr(rel))))
        elif not path.is_file():
            problems.append(_problem(rel, _("missing (named by resource {resource} in {package})")
                                     .format(resource=repr(name), package=PACKAGE_FILE)))
        paths[name] = path
    missing = [t for t in TABLES if t not in paths]
    problems += [_problem(PACKAGE_FILE, _("no resource named {table}").format(table=repr(t)))
                 for t in missing]
    if problems:
        raise DataError(problems, str(data_dir))
    return paths


def package_digest(data_dir: Path | str) -> str:
    """SHA-256 over datapackage.json and every file it names, in a fixed order."""
    data_dir = Path(data_dir)
    package = _read_package(data_dir)
    paths = _resource_paths(package, data_dir)
    digest = hashlib.sha256((data_dir / PACKAGE_FILE).read_bytes())
    for name in sorted(paths):
        digest.update(name.encode() + b"\0" + paths[name].read_bytes() + b"\0")
    return digest.hexdigest()


def row_counts(data_dir: Path) -> dict[str, int]:
    """Records per table, read with the csv module alone (quoted line breaks count once)."""
    package = _read_package(data_dir)
    counts = {}
    for name, path in _resource_paths(package, data_dir).items():
        with path.open(newline="", encoding="utf-8-sig") as handle:
            counts[name] = max(sum(1 for _record in csv.reader(handle)) - 1, 0)
    return counts


# ------------------------------------------------------ schema validation

APP = "venezuela-explainers"


def _cache_dir() -> Path:
    """The user's cache (platformdirs: XDG_CACHE_HOME on Linux), or $EXPLAINER_CACHE."""
    from platformdirs import user_cache_dir

    base = os.environ.get("EXPLAINER_CACHE")
    root = Path(base) / APP if base else Path(user_cache_dir(APP, appauthor=False))
    return root / "validated"


def _validity_key(digest: str) -> str:
    """A package is remembered valid for its bytes *and* the code that checked them."""
    from .stamp import code_fingerprint  # the lock carries the Frictionless version

    return hashlib.sha256(f"{digest}:{code_fingerprint()}".encode()).hexdigest()


def _remembered(digest: str) -> bool:
    return (_cache_dir() / _validity_key(digest)).is_file()


def _remember(digest: str) -> None:
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _validity_key(digest)).write_text("valid\n", encoding="utf-8")
    except OSError:
        pass  # a read-only home only costs speed


@dataclass(frozen=True)
class Remembered:
    """A package checked before, from these bytes with this code: no need to read it again."""

    package: dict[str, Any]
    digest: str
    data_dir: Path

    @property
    def version(self) -> str:
        return f"{self.package.get('version', '0')}+{self.digest[:8]}"

    def enum(self, table: str, column: str) -> list[str]:
        """The allowed values of an enum column, from the descriptor alone."""
        for res in self.package["resources"]:
            for spec in res["schema"]["fields"] if res["name"] == table else []:
                if spec["name"] == column:
                    return list(spec.get("constraints", {}).get("enum", []))
        raise KeyError(f"{table}.{column}")


def column_values(data_dir: Path, table: str, column: str) -> list[str]:
    """The non-empty cells of one column, as text, read with the csv module alone."""
    path = _resource_paths(_read_package(data_dir), data_dir)[table]
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [row[column] for row in csv.DictReader(handle) if row.get(column)]


def remembered(data_dir: Path) -> Remembered | None:
    """The package in `data_dir` if it passed every check before, else None (load it)."""
    package = _read_package(data_dir)
    digest = package_digest(data_dir)
    return Remembered(package, digest, data_dir) if _remembered(digest) else None


def _describe(error: Any, file: str, schema: dict[str, Any]) -> str:
    """One Frictionless error as `file:row:column: message`, from its structured fields."""
    fields = schema.get("fields", [])
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    cell = getattr(error, "cell", None)
    kind = error.type
    if kind == "foreign-key":
        column = ", ".join(error.field_names)
        values = ", ".join(repr(v) for v in error.field_cells)
        target = error.reference_name or file.removesuffix(".csv")
        text = _("unknown reference: no {fields} in {table} is {values}").format(
            fields=", ".join(error.reference_field_names), table=target, values=values)
    elif kind == "type-error":
        expected = next((f.get("type", "string") for f in fields if f["name"] == column), "?")
        text = _("{value} is not a valid {type}").format(value=repr(cell), type=expected)
    elif kind == "constraint-error":
        spec = next((f for f in fields if f["name"] == column), {})
        choices = spec.get("constraints", {}).get("enum")
        if choices and '"enum"' in str(error.note):
            text = _("{value} is not one of {values}").format(
                value=repr(cell), values=", ".join(str(v) for v in choices))
        else:
            text = _("{value} breaks the constraint: {constraint}").format(
                value=repr(cell), constraint=error.note)
    elif kind == "unique-error":
        text = _("duplicate key {key}").format(key=repr(cell))
    elif kind == "primary-key":
        names = [f["name"] for f in fields]
        key = schema.get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        column = ", ".join(key)
        values = [error.cells[names.index(k)] for k in key
                  if k in names and names.index(k) < len(error.cells)]
        text = _("duplicate key {key}").format(key=", ".join(repr(v) for v in values))
    elif kind == "missing-cell":
        text = _("missing cell (the row has too few columns)")
    elif kind == "extra-cell":
        text = _("extra cell {value} (the row has too many columns)").format(value=repr(cell))
    elif kind == "missing-label":
        text = _("column missing from the header")
    elif kind == "extra-label":
        text = _("unknown column {column} (not in datapackage.json)").format(column=repr(column))
    elif kind == "duplicate-label":
        text = _("column {column} appears more than once in the header").format(
            column=repr(column))
    elif kind == "incorrect-label":
        text = _("header says {label} where the schema expects {column}").format(
            label=repr(getattr(error, "label", "?")), column=repr(column))
    elif kind == "blank-row":
        text = _("blank row")
    elif kind == "encoding-error":
        text = _("not UTF-8 text: save the file as UTF-8")
    else:
        text = error.note or error.message
    parts = [file, str(row) if row else "", column or ""]
    return _problem(":".join(p for p in parts if p), text)


def _schema_problems(data_dir: Path, package: dict[str, Any]) -> list[str]:
    """Every Frictionless error in the package, in plain words."""
    import frictionless  # imported lazily: it is slow and needed only on a cache miss

    files = {r["name"]: r["path"] for r in package["resources"]}
    schemas = {r["name"]: r.get("schema", {}) for r in package["resources"]}
    try:
        report = frictionless.validate(str(data_dir / PACKAGE_FILE))
    except Exception as exc:  # frictionless raises on descriptors it cannot read
        return [f"{PACKAGE_FILE}: {exc}"]
    problems = []
    for error in getattr(report, "errors", []):
        problems.append(f"{PACKAGE_FILE}: {error.note or error.message}")
    for task in report.tasks:
        file = files.get(task.name, task.place)
        blank = {e.row_number for e in task.errors if e.type == "blank-row"}
        missing = {(e.row_number, e.field_name) for e in task.errors if e.type == "missing-cell"}
        for error in task.errors:
            # Knock-on errors say nothing new: a missing cell is also "required but None",
            # and a blank row also has an empty, duplicated key.
            place = (getattr(error, "row_number", None), getattr(error, "field_name", None))
            if error.type == "constraint-error" and place in missing:
                continue
            if error.type != "blank-row" and getattr(error, "row_number", None) in blank:
                continue
            problems.append(_describe(error, file, schemas.get(task.name, {})))
    return problems


def _shape_problems(paths: dict[str, Path], package: dict[str, Any]) -> list[str]:
    """Encoding, emptiness and header problems: checked first, as each would cascade."""
    problems = []
    for res in package["resources"]:
        file, path = res["path"], paths[res["name"]]
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(_problem(file, _(
                "not UTF-8 text (byte {byte}): save the file as UTF-8").format(byte=exc.start)))
            continue
        lines = [line for line in text.splitlines() if line.strip()]
        if not lines:
            problems.append(_problem(file, _(
                "empty file (expected a header row and data rows)")))
            continue
        if len(lines) == 1:
            problems.append(_problem(file, _("header only, no data rows")))
        header = next(csv.reader([lines[0]]))
        expected = [f["name"] for f in res.get("schema", {}).get("fields", [])]
        problems += _header_problems(file, header, expected) or _text_problems(file, text)
    return problems


#: Characters no page can show faithfully: C0 controls (tab and line breaks aside), DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text_problems(file: str, text: str) -> list[str]:
    """Control characters (NUL included), named by row and column, and a quoted field that
    never closes, named by the line where it starts."""
    import io

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    problems: list[str] = []
    started = 1
    try:
        for record, row in enumerate(reader, start=1):
            header = header or row
            for index, cell in enumerate(row):
                found = _CONTROL.search(cell)
                if found:
                    column = header[index] if index < len(header) else str(index + 1)
                    problems.append(_problem(f"{file}:{record}:{column}", _(
                        "control character U+{code} in the text: remove it").format(
                        code=f"{ord(found.group()):04X}")))
            started = reader.line_num + 1
    except csv.Error as exc:
        if "end of data" in str(exc):
            problems.append(_problem(f"{file}: line {started}", _(
                "a quoted field starts on this line and never ends (an unbalanced \")")))
        elif reader.line_num > started:
            problems.append(_problem(f"{file}: line {started}", _(
                "a quoted field starts on this line and runs on to line {end} (an unbalanced "
                "\")").format(end=reader.line_num)))
        else:
            problems.append(_problem(f"{file}: line {started}", _(
                "a quote inside a quoted field must be doubled (\"\")")))
    return problems


def _header_problems(file: str, header: list[str], expected: list[str]) -> list[str]:
    """Columns repeated, missing, unknown or out of order in a file's header row."""
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        return [_problem(f"{file}:1:{name}", _("column appears more than once in the header"))
                for name in twice]
    problems = [_problem(f"{file}:1:{name}", _("column missing from the header"))
                for name in expected if name not in header]
    problems += [_problem(f"{file}:1:{name}", _(
        "unknown column {column} (not in datapackage.json)").format(column=repr(name)))
        for name in header if name not in expected]
    if set(header) == set(expected) and header != expected:
        problems.append(_problem(f"{file}:1", _("columns out of order; expected {columns}")
                                 .format(columns=", ".join(expected))))
    return problems


# ----------------------------------------------------------------- typing


def _typed(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Cast the all-string frame to the schema's types."""
    import pandas as pd
    out = {}
    for spec in fields:
        name, kind = spec["name"], spec.get("type", "string")
        column = frame[name].replace("", pd.NA) if name in frame else pd.Series(dtype="string")
        if kind == "date":
            out[name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind == "integer":
            out[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "boolean":
            out[name] = column.map({"true": True, "false": False}).astype("boolean")
        elif "enum" in spec.get("constraints", {}):
            out[name] = pd.Categorical(column, categories=spec["constraints"]["enum"])
        else:
            out[name] = column.astype("string")
    return pd.DataFrame(out, index=frame.index)


def _read_tables(
    paths: dict[str, Path], package: dict[str, Any]
) -> tuple[dict[str, pd.DataFrame], dict[str, list[dict[str, Any]]]]:
    import pandas as pd

    tables, schemas = {}, {}
    for res in package["resources"]:
        name = res["name"]
        fields = res["schema"]["fields"]
        raw = pd.read_csv(
            paths[name], dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
        raw.index = pd.RangeIndex(2, len(raw) + 2, name="row")  # file row numbers
        tables[name] = _typed(raw, fields)
        schemas[name] = fields
    return tables, schemas


# ------------------------------------------------------------------ entry

_LOADED: dict[tuple[str, str, str], Dataset] = {}  # a package once per process and language


def load(data_dir: Path | str | None = None) -> Dataset:
    """Validate the package in `data_dir` and return it typed, with its data notes."""
    from .checks import story_errors, story_notes, translated, translation_errors
    from .i18n import current

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    package = _read_package(data_dir)
    paths = _resource_paths(package, data_dir)
    digest = package_digest(data_dir)
    lang = current()  # the texts and the notes come in the language in use
    key = (str(data_dir.resolve()), digest, lang)
    if key in _LOADED:
        return _LOADED[key]
    if not _remembered(digest):
        problems = _shape_problems(paths, package) or _schema_problems(data_dir, package)
        if problems:
            raise DataError(problems, str(data_dir))
    tables, schemas = _read_tables(paths, package)
    files = {r["name"]: r["path"] for r in package["resources"]}
    problems = story_errors(tables, files) + translation_errors(tables, files, package)
    if problems:
        raise DataError(problems, str(data_dir))
    _remember(digest)
    if lang != "en":
        tables = translated(tables, package, lang)
    dataset = Dataset(tables, [], package, digest, data_dir, schemas)
    dataset.notes = story_notes(dataset)
    _LOADED[key] = dataset
    return dataset


def iter_evidence(dataset: Dataset) -> Iterator[tuple[str, int, str, str]]:
    """Every evidence fragment as (table, row, column, text)."""
    for name, frame in dataset.tables.items():
        for column in frame.columns:
            if column.endswith("evidence") or column.startswith("evidence"):
                for row, text in frame[column].dropna().items():
                    yield name, int(row), column, str(text)
