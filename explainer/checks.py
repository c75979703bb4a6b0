"""Story rules beyond the schema: hard errors for broken rows, data notes for the source's gaps."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from . import bounds, dates
from .i18n import _, ngettext
from .labels import label

if TYPE_CHECKING:
    from datetime import date

    from .data import Dataset

Tables = dict[str, pd.DataFrame]


def _blank(value: object) -> bool:
    return value is None or value is pd.NaT or bool(pd.isna(value))


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_DAY = re.compile(rf"\b({MONTHS})\s+\d{{1,2}}\b")
_MONTH = re.compile(rf"\b({MONTHS})\b")
_TIME_WORD = re.compile(
    rf"\b({MONTHS}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|days?|weeks?|"
    r"months?|years?|hours?|earlier|later|following|since|after|before|meanwhile|ago|until|"
    r"previous|next)\b", re.IGNORECASE)
#: Source kinds whose words are an interpretation, never a party's term.
READING_KINDS = ("analysts", "article_reading")
#: How far a source can be traced, when its words must carry an attribution phrase.
ATTRIBUTED = ("anonymous", "named_outlet")
Add = Callable[[str, int, str, str], None]


def is_interpretation(ds: Dataset, claims: pd.DataFrame) -> pd.Series:
    """Which of these claims are an interpretation: the article's own reading, or analysts'."""
    kinds = ds.sources.set_index("source_id")["kind"].astype(str)
    return claims["source_id"].map(kinds).isin(READING_KINDS)


def story_errors(tables: Tables, files: dict[str, str]) -> list[str]:
    """Rows that pass the schema but cannot be true: `file:row:column: message` each."""
    problems: list[str] = []

    def add(table: str, row: int, column: str, text: str) -> None:
        problems.append(f"{files[table]}:{row}:{column}: {text}")

    events = tables["events"]
    for row, ev in events.iterrows():
        start, end, basis = ev["date_start"], ev["date_end"], ev["date_basis"]
        if not _blank(start) and not _blank(end) and end < start:
            add("events", row, "date_end", _("{end} is before date_start {start}").format(
                end=f"{end:%Y-%m-%d}", start=f"{start:%Y-%m-%d}"))
        if basis == "undated" and not (_blank(start) and _blank(end)):
            add("events", row, "date_basis", _("'undated' but a date is given"))
        if basis in ("stated", "month") and (_blank(start) or _blank(end)):
            add("events", row, "date_basis",
                _("{basis} needs both date_start and date_end").format(basis=repr(basis)))
        if basis in ("relative", "inferred") and _blank(start) and _blank(end):
            add("events", row, "date_basis",
                _("{basis} needs at least one date bound").format(basis=repr(basis)))
        if _blank(ev["window_hours"]) != _blank(ev["deadline_event_id"]):
            add("events", row, "deadline_event_id",
                _("window_hours and deadline_event_id go together"))
        if not _blank(ev["deadline_event_id"]):
            deadline = events[events["event_id"] == ev["deadline_event_id"]]
            if not deadline.empty and _blank(deadline["date_start"].iloc[0]):
                add("events", row, "deadline_event_id", _("the deadline event has no date"))

    for row, force in tables["forces"].iterrows():
        has_count, qualifier = not _blank(force["count"]), force["count_qualifier"]
        if has_count and qualifier in bounds.WITHOUT_A_NUMBER:
            add("forces", row, "count", _("a count is given but the qualifier says {qualifier}")
                .format(qualifier=repr(qualifier)))
        if not has_count and qualifier in bounds.WITH_A_NUMBER:
            add("forces", row, "count",
                _("qualifier {qualifier} needs a count").format(qualifier=repr(qualifier)))

    for row, fig in tables["figures"].iterrows():
        if _blank(fig["value"]) != (fig["qualifier"] == "nearly_all"):
            add("figures", row, "value", _("only a 'nearly_all' figure may leave value empty"))

    for row, claim in tables["claims"].iterrows():
        if (claim["status"] == "denied") == _blank(claim["denied_by"]):
            add("claims", row, "denied_by",
                _("status 'denied' and denied_by go together (one is missing)"))

    for row, term in tables["terms"].iterrows():
        if _blank(term["response_source_id"]) != _blank(term["response_evidence"]):
            add("terms", row, "response_evidence",
                _("response_source_id and response_evidence go together"))

    for row, item in tables["glossary"].iterrows():
        if (item["basis"] == "story") == _blank(item["source_id"]):
            add("glossary", row, "source_id",
                _("a 'story' definition needs a source_id; a 'background' one has none"))

    _date_word_errors(tables, add)
    _attribution_errors(tables, add)
    _reading_errors(tables, add)
    _wording_errors(tables, add)
    return problems


def _date_word_errors(tables: Tables, add: Add) -> None:
    """A date's basis must match the article's own date words."""
    for row, ev in tables["events"].iterrows():
        basis, text = ev["date_basis"], ev["date_text"]
        words = "" if _blank(text) else str(text)
        if words and not _TIME_WORD.search(words):
            add("events", row, "date_text",
                _("{words} is not a phrase about time").format(words=repr(words)))
        if basis == "stated" and not _MONTH_DAY.search(words):
            add("events", row, "date_text", _("'stated' needs a month and a day in date_text"))
        if basis == "month" and not _MONTH.search(words):
            add("events", row, "date_text", _("'month' needs a month name in date_text"))
        if basis == "relative" and not words:
            add("events", row, "date_text", _("'relative' needs the article's date words"))
        if basis in ("inferred", "undated") and words:
            add("events", row, "date_text",
                _("{basis} dates have no date words; with date words the basis is 'relative'")
                .format(basis=repr(basis)))


def _attribution_errors(tables: Tables, add: Add) -> None:
    """Words from an anonymous source or a named outlet carry its attribution phrase."""
    sources = tables["sources"].set_index("source_id")
    for row, src in tables["sources"].iterrows():
        if src["sourcing"] in ATTRIBUTED and _blank(src["attribution"]):
            add("sources", row, "attribution",
                _("a source with sourcing {sourcing} needs its attribution phrase")
                .format(sourcing=repr(src["sourcing"])))
    for table, column in (("claims", "statement"), ("events", "summary")):
        for row, item in tables[table].iterrows():
            if item["source_id"] not in sources.index:
                continue
            src = sources.loc[item["source_id"]]
            phrase = "" if _blank(src["attribution"]) else str(src["attribution"])
            if src["sourcing"] in ATTRIBUTED and phrase.lower() not in str(item[column]).lower():
                add(table, row, column,
                    _("comes from {source} but drops its attribution {phrase}")
                    .format(source=repr(item["source_id"]), phrase=repr(phrase)))


def _reading_errors(tables: Tables, add: Add) -> None:
    """An interpretation is its own kind: never a term, always status 'interpretation'."""
    kinds = tables["sources"].set_index("source_id")["kind"].astype(str)
    for row, term in tables["terms"].iterrows():
        if kinds.get(term["source_id"]) in READING_KINDS:
            add("terms", row, "source_id",
                _("{source} interprets; an interpretation is a claim, not a term")
                .format(source=repr(term["source_id"])))
    for row, claim in tables["claims"].iterrows():
        reading = kinds.get(claim["source_id"]) in READING_KINDS
        if reading != (claim["status"] == "interpretation"):
            add("claims", row, "status",
                _("status 'interpretation' goes with an interpreting source ({kinds}), "
                  "and only with one").format(kinds=", ".join(READING_KINDS)))


def _wording_errors(tables: Tables, add: Add) -> None:
    """Every Key Questions answer is compared with the body it restates."""
    claims = tables["claims"].set_index("claim_id")
    compared = set(tables["wordings"]["claim_id"].dropna())
    for row, claim in tables["claims"].iterrows():
        if claim["article_part"] == "key_questions" and claim["claim_id"] not in compared:
            add("claims", row, "claim_id",
                _("a Key Questions answer needs a row in wordings.csv comparing it with the body"))
    sides = (("claim_id", ("lead", "key_questions")), ("body_claim_id", ("body",)))
    for row, item in tables["wordings"].iterrows():
        for column, parts in sides:
            part = claims["article_part"].get(item[column])
            if part is not None and part not in parts:
                add("wordings", row, column,
                    _("must name a claim in: {parts}").format(parts=", ".join(parts)))


# ------------------------------------------------------------------ notes


@dataclass(frozen=True)
class DataNote:
    """Something the source leaves uncertain or gets wrong, found by a check."""

    kind: str
    table: str
    row_id: str
    message: str


def _note(kind: str, table: str, row_id: str, message: str) -> DataNote:
    return DataNote(kind, table, row_id, message)


def year_notes(ds: Dataset) -> list:
    story = ds.package.get("story", {})
    if story.get("year_basis") != "inferred":
        return []
    from .i18n import current

    said = story.get("translations", {}).get(current(), {})  # the reason, in the language
    text = _("The article never states a year: every date here assumes {year} (inferred). "
             "{reason}").format(year=story.get("year"),
                                reason=said.get("year_reason", story.get("year_reason", "")))
    return [_note("year", "events", "*", text.strip())]


def weekday_notes(ds: Dataset) -> list:
    """A named weekday that contradicts its date, or that names no date at all."""
    notes = []
    for _index, ev in ds.events.iterrows():
        weekday = dates.weekday_named(ev["date_text"])
        start, end = dates.as_date(ev["date_start"]), dates.as_date(ev["date_end"])
        if weekday is None or start is None:
            continue
        if start == end:
            actual = dates.weekday_of(start)
            if actual != weekday:
                notes.append(_note("weekday", "events", ev["event_id"], _(
                    "The article says \"{words}\", but {day} is a {actual}, not a {weekday} "
                    "(the year {year} is inferred). The article does not say which is wrong, "
                    "the weekday or the date.").format(
                    words=ev["date_text"], day=dates.fmt_day(start),
                    actual=dates.weekday_shown(actual), weekday=dates.weekday_shown(weekday),
                    year=start.year)))
        else:
            last = end or start + pd.Timedelta(days=27)
            days = dates.days_with_weekday(start, last, weekday)
            text = (_("\"{words}\" names a weekday but no date: on our reading of the "
                      "article's order (the date's own note says why), any {weekday} {span} "
                      "fits ({days}).") if end else
                    _("\"{words}\" names a weekday but no date: on our reading of the "
                      "article's order (the date's own note says why), any {weekday} {span} "
                      "fits ({days}, or later)."))
            notes.append(_note("weekday", "events", ev["event_id"], text.format(
                words=ev["date_text"], weekday=dates.weekday_shown(weekday),
                span=dates.interval_label(start, end),
                days=", ".join(dates.fmt_day(d) for d in days[:4]))))
    return notes


def window_notes(ds: Dataset) -> list:
    """A deadline window that cannot run from the event's earliest day: both readings."""
    notes = []
    events = ds.events.set_index("event_id")
    for event_id, ev in events.iterrows():
        if _blank(ev["window_hours"]):
            continue
        hours = int(ev["window_hours"])
        opened = dates.as_date(ev["date_start"])
        deadline = dates.as_date(events.loc[ev["deadline_event_id"], "date_start"])
        if opened is None or deadline is None or dates.window_fits(opened, deadline, hours):
            continue
        notes.append(_note("window", "events", str(event_id),
                           _window_text(opened, deadline, hours)))
    return notes


def _window_text(opened: date, deadline: date, hours: int) -> str:
    """The two readings of a window that does not fit, one sentence at a time."""
    _earliest, latest_close = dates.window_close(opened, hours)
    last_day = latest_close.date() - pd.Timedelta(days=1)
    gap = (deadline - last_day).days - 1
    sentences = [
        ngettext("The article gives a {hours}-hour window and a deadline of {deadline}, "
                 "but not when the {hours} hour began.",
                 "The article gives a {hours}-hour window and a deadline of {deadline}, "
                 "but not when the {hours} hours began.", hours),
        _("Two readings."),
        ngettext("First: if the {hours} hour ran out at the deadline, it began {opening}, "
                 "not on {opened}: a window opened that day would have closed by the end of "
                 "{last_day}, with {gap} still to go before the deadline day.",
                 "First: if the {hours} hours ran out at the deadline, they began {opening}, "
                 "not on {opened}: a window opened that day would have closed by the end of "
                 "{last_day}, with {gap} still to go before the deadline day.", hours),
        ngettext("Second: if \"within {hours} hour\" was the time to leave once the passage "
                 "was accepted, the window need not end at the deadline, and nothing conflicts.",
                 "Second: if \"within {hours} hours\" was the time to leave once the passage "
                 "was accepted, the window need not end at the deadline, and nothing conflicts.",
                 hours),
        _("The article does not say which reading is right."),
    ]
    values = {
        "hours": hours, "deadline": dates.fmt_day(deadline),
        "opening": dates.opening_label(deadline, hours), "opened": dates.fmt_day(opened),
        "last_day": dates.fmt_day(last_day),
        "gap": ngettext("{count} full day", "{count} full days", gap).format(count=gap),
    }
    return " ".join(sentence.format(**values) for sentence in sentences)


def open_date_notes(ds: Dataset) -> list:
    """Every date that is not simply stated: the article's words, the range, the reasoning."""
    notes = []
    for _index, ev in ds.events.iterrows():
        if ev["date_basis"] == "stated":
            continue
        text = (_("{label} ({basis}; no date words): {span}. {reasoning}")
                if _blank(ev["date_text"]) else
                _("{label} ({basis}; \"{words}\"): {span}. {reasoning}"))
        span = dates.interval_label(dates.as_date(ev["date_start"]), dates.as_date(ev["date_end"]))
        notes.append(_note("date", "events", ev["event_id"], text.format(
            label=ev["label"], basis=label("date_basis", ev["date_basis"]),
            words=ev["date_text"],
            span=span, reasoning=ev["date_reasoning"])))
    return notes


def bound_notes(ds: Dataset) -> list:
    notes = []
    for _index, row in ds.forces.iterrows():
        if row["count_qualifier"] in bounds.VAGUE:
            given = bounds.label(row["count"], row["count_qualifier"], row["unit"])
            notes.append(_note("bound", "forces", row["force_id"],
                               _("{asset}: {label} (the article's words: \"{evidence}\").")
                               .format(asset=row["asset"], label=given,
                                       evidence=row["evidence"])))
    for _index, row in ds.figures.iterrows():
        if row["qualifier"] != "exact":
            given = bounds.label(row["value"], row["qualifier"], row["unit"])
            notes.append(_note("bound", "figures", row["figure_id"],
                               _("{measure}: {label} (\"{evidence}\").").format(
                                   measure=row["measure"], label=given,
                                   evidence=row["evidence"])))
    return notes


def part_words() -> dict[str, str]:
    """The parts of the article a wording note names, in the language in use."""
    return {"lead": _("The lead"), "key_questions": _("The Key Questions")}


def aspect_words() -> dict[str, str]:
    """How a wording differs from the body, in the language in use."""
    return {"wording": _("other words"), "scope": _("general, not specific"),
            "actor": _("another actor"), "timing": _("another moment"),
            "addition": _("something added"), "attribution": _("who says it")}


def wording_notes(ds: Dataset) -> list:
    """Where the lead or the Key Questions word something differently from the body."""
    notes = []
    claims = ds.claims.set_index("claim_id")
    parts, aspects = part_words(), aspect_words()
    for _index, item in ds.wordings.sort_values("seq").iterrows():
        text = (_("{part} ({aspect}): \"{evidence}\"; nothing of the kind in the body. {note}")
                if _blank(item["evidence_body"]) else
                _("{part} ({aspect}): \"{evidence}\"; the body: \"{body}\". {note}"))
        notes.append(_note("wording", "wordings", str(item["wording_id"]), text.format(
            part=parts[str(claims.loc[item["claim_id"], "article_part"])],
            aspect=aspects[str(item["aspect"])], evidence=item["evidence"],
            body=item["evidence_body"], note=item["note"])))
    return notes


def denial_notes(ds: Dataset) -> list:
    notes = []
    claims = ds.claims.set_index("claim_id")
    names = ds.sources.set_index("source_id")["name"]
    for claim_id, claim in claims.iterrows():
        if claim["status"] == "denied":
            denial = claims.loc[claim["denied_by"]]
            notes.append(_note(
                "denial", "claims", str(claim_id),
                _("\"{claim}\" ({source}) is denied on the record: \"{denial}\" ({denier}).")
                .format(claim=claim["evidence"], source=names[claim["source_id"]],
                        denial=denial["evidence"], denier=names[denial["source_id"]])))
    return notes


def story_notes(ds: Dataset) -> list:
    """Every data note, in a fixed order."""
    return [
        *year_notes(ds), *weekday_notes(ds), *window_notes(ds), *open_date_notes(ds),
        *bound_notes(ds), *wording_notes(ds), *denial_notes(ds),
    ]


def translation_errors(tables: Tables, files: dict[str, str],
                       package: dict[str, object]) -> list[str]:
    """Every text a reader sees has its translation in every language, made from the
    English it now has; no translation points at a row or a column that is not there."""
    spec = package.get("translations") or {}
    languages, fields = list(spec.get("languages", [])), _translated_columns(spec)
    keys = _primary_keys(package)
    ids = {table: set(tables[table][keys[table]].astype(str)) for table in fields}
    problems: list[str] = []
    given = tables["translations"]
    made: dict[tuple[str, str, str, str], tuple[int, str]] = {}
    for row, tr in given.iterrows():
        table, field = str(tr["table"]), str(tr["field"])
        where = f"{files['translations']}:{row}"
        if field not in fields.get(table, []):
            problems.append(f"{where}:field: " + _(
                "{table}.{field} is not a translated column (see translations.fields in "
                "datapackage.json)").format(table=table, field=field))
            continue
        made[(table, str(tr["row_id"]), field, str(tr["lang"]))] = (int(row),
                                                                   str(tr["source_text"]))
    for table, columns in fields.items():
        key, frame = keys[table], tables[table]
        for column in columns:
            for row, value in frame[column].items():
                if _blank(value):
                    continue
                for lang in languages:
                    found = made.pop((table, str(frame.at[row, key]), column, lang), None)
                    if found is None:
                        problems.append(f"{files[table]}:{row}:{column}: " + _(
                            "no translation into {lang} in translations.csv").format(lang=lang))
                    elif found[1] != str(value):
                        problems.append(f"{files['translations']}:{found[0]}:source_text: " + _(
                            "stale: {table}.{column} of {row_id} now says something else in "
                            "English; translate it again and copy the new English here").format(
                            table=table, column=column, row_id=frame.at[row, key]))
    story = package.get("story") or {}
    for lang in languages:  # the package's own words a reader sees: the year's reason
        if story.get("year_reason") and not (story.get("translations") or {}).get(  # type: ignore[union-attr]
                lang, {}).get("year_reason"):
            problems.append("datapackage.json:story.translations: " + _(
                "no translation into {lang} of story.year_reason").format(lang=lang))
    for (table, row_id, column, _lang), (line, _text) in made.items():  # none of the above
        if row_id not in ids[table]:
            problems.append(f"{files['translations']}:{line}:row_id: " + _(
                "{table} has no row {row_id}").format(table=table, row_id=repr(row_id)))
        else:  # the row is there, its English is empty
            problems.append(f"{files['translations']}:{line}:row_id: " + _(
                "{table}.{column} of {row_id} has no text to translate").format(
                table=table, column=column, row_id=row_id))
    return problems


def _primary_keys(package: dict[str, object]) -> dict[str, str]:
    """Each table's key column (every table but translations has a single one)."""
    return {r["name"]: r["schema"]["primaryKey"][0]  # type: ignore[index]
            for r in package["resources"]}  # type: ignore[union-attr]


def _translated_columns(spec: dict[str, object]) -> dict[str, list[str]]:
    """Table -> its translated columns: the texts (`fields`) and the article's own words
    (`quotes`), which a language shows beside the English, marked as its translation."""
    columns: dict[str, list[str]] = {}
    for group in ("fields", "quotes"):
        for table, names in dict(spec.get(group, {})).items():  # type: ignore[call-overload]
            columns.setdefault(table, []).extend(names)
    return columns


def _unquoted(words: str) -> str:
    """A quotation without the quotation marks around the whole of it, if it has them: the
    gloss puts its own (a fragment that is one quoted phrase is not quoted twice)."""
    marks = {'"': '"', "\u201c": "\u201d"}
    if len(words) > 1 and words[0] in marks and words[-1] == marks[words[0]]:
        inner = words[1:-1]
        if words[0] not in inner and words[-1] not in inner:
            return inner
    return words


def translated(tables: Tables, package: dict[str, object], lang: str) -> Tables:
    """The tables with every translated text in `lang`; the article's own words (`quotes`:
    evidence, date words) stay in English, followed by their translation marked as ours."""
    keys = _primary_keys(package)
    given = tables["translations"]
    given = given[given["lang"].astype(str) == lang]
    if given.empty:
        return tables
    out = {name: frame.copy() for name, frame in tables.items()}
    quotes = dict((package.get("translations") or {}).get("quotes", {}))  # type: ignore[union-attr]
    shown = _("\"{quote}\" (\u00ab{translation}\u00bb, our translation)")
    for (table, field), rows in given.groupby(["table", "field"], observed=True):
        frame = out[str(table)]
        text = dict(zip(rows["row_id"].astype(str), rows["text"].astype(str), strict=True))
        if str(field) in quotes.get(str(table), []):  # the article's words stay, glossed
            english = dict(zip(frame[keys[str(table)]].astype(str), frame[str(field)],
                               strict=True))
            text = {k: shown.format(quote=_unquoted(english[k]), translation=_unquoted(v))
                    for k, v in text.items()}
        ids = frame[keys[str(table)]].astype(str)
        frame[str(field)] = ids.map(text).fillna(frame[str(field)]).astype("string")
    return out
