"""The evidence check: every `evidence` fragment is found verbatim in the source article.

The article is not shipped (it is not ours to publish); the data package carries its
SHA-256 (`story.article_sha256`), so anyone holding the article can run the check:
`python -m explainer validate --article PATH`.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from .data import Dataset
from .errors import DataError
from .i18n import _


def normalise(text: str) -> str:
    """Typographic quotes made straight, whitespace runs made one space, case folded."""
    text = (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2018", "'"))
    return re.sub(r"\s+", " ", text).strip().casefold()


def fragments(ds: Dataset) -> Iterator[tuple[str, int, str, str]]:
    """Every evidence fragment as (file, row as the file numbers it, column, text)."""
    for res in ds.package["resources"]:
        with (ds.data_dir / res["path"]).open(newline="", encoding="utf-8-sig") as handle:
            for row, record in enumerate(csv.DictReader(handle), start=2):
                for column, value in record.items():
                    if column and "evidence" in column and value and value.strip():
                        yield res["path"], row, column, value


def check(ds: Dataset, article: Path) -> int:
    """Raise DataError naming every fragment the article lacks; return how many were found.

    The article must be the one the package codes: its SHA-256 is checked first.
    """
    try:
        raw = Path(article).read_bytes()
    except OSError as exc:
        raise DataError([_("{path}: cannot read the article: {reason}").format(
            path=article, reason=exc.strerror or exc)], str(ds.data_dir)) from None
    expected = ds.package.get("story", {}).get("article_sha256")
    actual = hashlib.sha256(raw).hexdigest()
    if expected and actual != expected:
        raise DataError([_("{path}: not the article this package codes (its SHA-256 is "
                           "{actual}; datapackage.json expects {expected})").format(
            path=article, actual=actual, expected=expected)], str(ds.data_dir))
    text = normalise(raw.decode("utf-8-sig"))
    problems, found = [], 0
    for file, row, column, fragment in fragments(ds):
        if normalise(fragment) in text:
            found += 1
            continue
        problems.append(_("{file}:{row}:{column}: not found verbatim in the article: "
                          "{fragment}").format(file=file, row=row, column=column,
                                               fragment=repr(fragment)))
    if problems:
        raise DataError(problems, str(ds.data_dir))
    return found
