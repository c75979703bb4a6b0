"""The message catalogue: every word a reader sees passes through here.

Messages are written in English in the code, wrapped in `_()` or `ngettext()`, and
extracted with Babel into `explainer/locale/explainer.pot` (`make messages`). A
language's translations live in `explainer/locale/<lang>/LC_MESSAGES/explainer.po`.
Dates and numbers are formatted by Babel for the language in use.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

DOMAIN = "explainer"
LOCALES = Path(__file__).parent / "locale"
#: The languages of the collection; the first is the one the code is written in.
LANGUAGES = ("en", "es")

#: A plain global (notebook cells do not share a context): the language in use, and the
#: language of the person at the command line, when `from_environment` found one.
_state = {"lang": LANGUAGES[0], "user": ""}


def use(lang: str) -> None:
    """Speak `lang` from now on (in this process)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang


def from_environment() -> str:
    """Speak the user's language, as the usual variables name it (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG, first set first), when it is one of ours; English otherwise."""
    import os

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            use(code if code in LANGUAGES else LANGUAGES[0])
            break
    _state["user"] = current()
    return current()


@contextlib.contextmanager
def to_the_user() -> Iterator[None]:
    """Inside the block, speak the language of the person at the command line (what
    `from_environment` found), whichever edition is being made; else the one in use."""
    with speaking(_state["user"] or current()):
        yield


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block, and the language spoken before after it."""
    was = current()
    use(lang)
    try:
        yield
    finally:
        use(was)


def current() -> str:
    """The language in use."""
    return _state["lang"]


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of `lang`, compiled in memory from its `.po` file."""
    po = LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == LANGUAGES[0] or not po.exists():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        messages = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """`message` in the language in use."""
    return catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the language in use."""
    return catalogue(current()).ngettext(singular, plural, int(n))


def day(value: date | datetime, form: str = "long") -> str:
    """A date the language's way: "November 29, 2025", "29 de noviembre de 2025".

    `form` is a Babel format name ("long", "full") or one of our skeletons: "month"
    (November), "month_short" (Nov), "month_day" (Nov 29), "month_day_long" (November 29).
    """
    from babel.dates import format_date, format_skeleton

    skeletons = {"month_short": "MMM", "month_day": "MMMd", "month_day_long": "MMMMd"}
    if isinstance(value, datetime):
        value = value.date()
    if form == "month":
        return format_date(value, "LLLL", locale=current())
    if form in skeletons:
        return format_skeleton(skeletons[form], value, locale=current())
    return format_date(value, format=form, locale=current())


def number(value: float, digits: int | None = None) -> str:
    """A number the language's way ("1,234.5", "1234,5"), with `digits` decimals if given."""
    from babel.numbers import format_decimal

    pattern = None if digits is None else "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=current())


def sort_key(text: str) -> str:
    """A word as a dictionary sorts it: no case, no accents ("Cártel" between "Cap" and
    "Cas")."""
    import unicodedata

    spelled = unicodedata.normalize("NFKD", text)
    return "".join(c for c in spelled if not unicodedata.combining(c)).casefold()


def listed(items: object) -> str:
    """Items as a plain comma list (our sentences list things; they do not enumerate)."""
    return ", ".join(str(item) for item in items)  # type: ignore[attr-defined]
