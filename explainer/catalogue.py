"""Keeping the message catalogue: extract every message from the code, write the template,
and bring each language's `.po` file up to date with it (`python -m explainer messages`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .i18n import DOMAIN, LANGUAGES, LOCALES

PACKAGE = Path(__file__).parent
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
PROJECT = "Venezuela Ultimatum Explainers"
#: A fixed header date: the same code gives the same template, byte for byte.
EPOCH = datetime(2025, 11, 1, tzinfo=UTC)
HEADER = ("# Every message a reader of Venezuela Ultimatum Explainers sees.\n"
          "# Written by `python -m explainer messages` from the code: do not edit by hand.\n")


def extract():  # noqa: ANN201 - a babel Catalog; babel is imported only here
    """Every `_()` and `ngettext()` message in the package, with the files it comes from."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project=PROJECT, version="1", creation_date=EPOCH, revision_date=EPOCH,
                      fuzzy=False, charset="utf-8", header_comment=HEADER,
                      msgid_bugs_address="", copyright_holder=f"{PROJECT} contributors")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")],
            comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, locations=[(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def render(catalog: object) -> bytes:
    """A catalog as `.po`/`.pot` bytes: sorted, file names without line numbers."""
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return out.getvalue()


def template_ids(text: bytes) -> set[object]:
    """The message ids a `.pot` or `.po` file holds (a plural message as its pair)."""
    from babel.messages.pofile import read_po

    return {m.id for m in read_po(io.BytesIO(text)) if m.id}


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> list[Path]:
    """Write the template, then merge it into every language's `.po` that exists."""
    return write_and_merge(extract(), TEMPLATE, po_path)


def write_and_merge(catalog: object, template: Path, po_for: Callable[[str], Path]) -> list[Path]:
    """Write `catalog` as `template`, then merge it into each language's `.po` (from
    `po_for(lang)`) that exists; return the files written."""
    from babel.messages.pofile import read_po

    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_bytes(render(catalog))
    written = [template]
    for lang in LANGUAGES[1:]:
        path = po_for(lang)
        if not path.exists():
            continue
        with path.open("rb") as handle:
            translated = read_po(handle, locale=lang)
        translated.update(catalog, update_header_comment=False)
        translated.obsolete.clear()  # git keeps them; a near match stays, marked fuzzy
        translated.revision_date = EPOCH
        path.write_bytes(render(translated))
        written.append(path)
    return written
