"""Broken data packages: each stops with one clear message naming file, row and column.

Each case starts from a copy of the real package and breaks one thing, so that
the cases stay valid as the data grows. The message each must give is written
here, by hand, from what a reader needs to fix the file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit, retranslate

from explainer import data
from explainer.errors import DataError


def drop_column(text: str, name: str) -> str:
    lines = text.splitlines()
    import csv
    import io

    rows = list(csv.reader(lines))
    index = rows[0].index(name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row[:index] + row[index + 1:])
    return out.getvalue()


CASES = {
    "missing column": ("events.csv", lambda t: drop_column(t, "summary"),
                       "events.csv:1:summary: column missing from the header"),
    "unknown column": ("actors.csv", lambda t: t.replace("evidence\n", "evidence,bogus\n", 1)
                       .replace("\n", ",x\n").replace("evidence,bogus,x\n", "evidence,bogus\n"),
                       "actors.csv:1:bogus: unknown column 'bogus' (not in datapackage.json)"),
    "wrong type": ("events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,"),
                   "events.csv:10:seq: 'nine' is not a valid integer"),
    "impossible date": ("events.csv", lambda t: t.replace("call,4,Phone call,2025-11-21",
                                                          "call,4,Phone call,2025-02-30"),
                        "events.csv:5:date_start: '2025-02-30' is not a valid date"),
    "end before start": ("events.csv", lambda t: t.replace(
        "rejection,6,Nearly all rejected,2025-11-21,2025-11-29",
        "rejection,6,Nearly all rejected,2025-11-21,2025-11-20"),
        "events.csv:7:date_end: 2025-11-20 is before date_start 2025-11-21"),
    "unknown foreign key": ("events.csv", lambda t: t.replace(",legal,state_department,",
                                                              ",legal,nobody,"),
                            "events.csv:4:actor_id: unknown reference: no actor_id in actors "
                            "is 'nobody'"),
    "row with a cell missing": ("events.csv", lambda t: t.replace(
        ",article,Cuba denouncing\n", ",article\n"),
        "events.csv:18:evidence: missing cell (the row has too few columns)"),
    "row with a cell too many": ("events.csv", lambda t: t.replace(
        ",article,Cuba denouncing\n", ",article,Cuba denouncing,extra\n"),
        "events.csv:18: extra cell 'extra' (the row has too many columns)"),
    "NUL in a cell": ("actors.csv", lambda t: t.replace(",Maduro's wife,", ",Maduro's\x00wife,"),
                      "actors.csv:5:role: control character U+0000 in the text: remove it"),
    "escape character in a cell": ("events.csv", lambda t: t.replace(
        "call,4,Phone call,", "call,4,Phone\x1b[31mcall,"),
        "events.csv:5:label: control character U+001B in the text: remove it"),
    "unbalanced quote": ("actors.csv", lambda t: t.replace(",Maduro's wife,", ',"Maduro\'s wife,'),
                         "actors.csv: line 5: a quoted field starts on this line and runs on to "
                         "line 6 (an unbalanced \")"),
    "unclosed quote on the last line": ("actors.csv", lambda t: t.rstrip("\n") + ',"open\n',
                                        "actors.csv: line 23: a quoted field starts on this line "
                                        "and never ends (an unbalanced \")"),
    "bare quote in a quoted field": ("claims.csv", lambda t: t.replace(
        "Maduro denied seeking amnesty.", 'Maduro denied "seeking" amnesty.'),
        "claims.csv: line 25: a quote inside a quoted field must be doubled (\"\")"),
    "blank row": ("events.csv", lambda t: t + ",,,,,,,,,,,,,,,\n", "events.csv:19: blank row"),
    "duplicated column": ("actors.csv", lambda t: t.replace("actor_id,name,", "actor_id,actor_id,",
                                                            1),
                          "actors.csv:1:actor_id: column appears more than once in the header"),
    "duplicate key": ("actors.csv", lambda t: t.replace("\ntrump,", "\nmaduro,"),
                      "actors.csv:3:actor_id: duplicate key 'maduro'"),
    "empty required cell": ("sources.csv", lambda t: t.replace(
        "miami_herald,The Miami Herald,", "miami_herald,,"),
        "sources.csv:6:name: '' breaks the constraint: constraint \"required\""),
    "value outside enum": ("events.csv", lambda t: t.replace(",legal,state_department,",
                                                             ",naval,state_department,"),
                           "events.csv:4:track: 'naval' is not one of diplomacy, military, "
                           "legal, policy, statement, reaction"),
    "negative count": ("forces.csv", lambda t: t.replace("drug trafficking\",20,",
                                                         "drug trafficking\",-3,"),
                       "forces.csv:6:count: '-3' breaks the constraint: constraint \"minimum\""),
    "count with unknown qualifier": ("forces.csv", lambda t: t.replace(
        "Destroyers,,unknown", "Destroyers,4,unknown"),
        "forces.csv:4:count: a count is given but the qualifier says 'unknown'"),
    "stated date without a day": ("events.csv", lambda t: t.replace(
        ",stated,on November 21,", ",stated,in November,"),
        "events.csv:5:date_text: 'stated' needs a month and a day in date_text"),
    "date words not about time": ("events.csv", lambda t: t.replace(
        ",relative,Following the breakdown,", ",relative,In this context,"),
        "events.csv:12:date_text: 'In this context' is not a phrase about time"),
    "inferred date with date words": ("events.csv", lambda t: t.replace(
        "2025-11-21,2025-11-21,inferred,,", "2025-11-21,2025-11-21,inferred,on November 21,"),
        "events.csv:6:date_text: 'inferred' dates have no date words; with date words the "
        "basis is 'relative'"),
    "anonymous claim without its attribution": ("claims.csv", lambda t: t.replace(
        "According to sources consulted by Reuters, Trump rejected",
        "Trump rejected"),
        "claims.csv:10:statement: comes from 'reuters_sources' but drops its attribution "
        "'according to sources consulted by Reuters'"),
    "reports without reports of": ("events.csv", lambda t: t.replace(
        "There are reports of U.S. military air activity", "There is U.S. military air activity"),
        "events.csv:16:summary: comes from 'air_activity_reports' but drops its attribution "
        "'reports of'"),
    "anonymous source without a phrase": ("sources.csv", lambda t: t.replace(
        ",not stated,according to sources,", ",not stated,,"),
        "sources.csv:3:attribution: a source with sourcing 'anonymous' needs its attribution "
        "phrase"),
    "the article's reading as a term": ("terms.csv", lambda t: t.replace(
        'unnamed_sources,"Delcy Rodríguez assume', 'article_reading,"Delcy Rodríguez assume'),
        "terms.csv:5:source_id: 'article_reading' interprets; an interpretation is a claim, "
        "not a term"),
    "interpretation reported as fact": ("claims.csv", lambda t: t.replace(
        'during the transition.",interpretation,', 'during the transition.",reported,'),
        "claims.csv:9:status: status 'interpretation' goes with an interpreting source "
        "(analysts, article_reading), and only with one"),
    "key question never compared": ("wordings.csv", lambda t: "\n".join(
        line for line in t.split("\n") if not line.startswith("kq_icc_words")),
        "claims.csv:35:claim_id: a Key Questions answer needs a row in wordings.csv comparing "
        "it with the body"),
    "wording that compares two body claims": ("wordings.csv", lambda t: t.replace(
        "lead_amnesty_words,1,lead_amnesty,", "lead_amnesty_words,1,three_conditions,"),
        "wordings.csv:2:claim_id: must name a claim in: lead, key_questions"),
    "undated event with a date": ("events.csv", lambda t: t.replace(
        "argentina_demand,16,Argentina's demand,,,undated,",
        "argentina_demand,16,Argentina's demand,2025-11-01,,undated,"),
        "events.csv:17:date_basis: 'undated' but a date is given"),
    "stated date with one end": ("events.csv", lambda t: t.replace(
        "call,4,Phone call,2025-11-21,2025-11-21,stated", "call,4,Phone call,2025-11-21,,stated"),
        "events.csv:5:date_basis: 'stated' needs both date_start and date_end"),
    "relative date with no bound": ("events.csv", lambda t: t.replace(
        "Caracas seeks channels,2025-11-21,,relative", "Caracas seeks channels,,,relative"),
        "events.csv:12:date_basis: 'relative' needs at least one date bound"),
    "window without its deadline": ("events.csv", lambda t: t.replace(
        ",72,deadline,reuters_sources", ",72,,reuters_sources"),
        "events.csv:8:deadline_event_id: window_hours and deadline_event_id go together"),
    "deadline that has no date": ("events.csv", lambda t: t.replace(
        ",72,deadline,reuters_sources", ",72,argentina_demand,reuters_sources"),
        "events.csv:8:deadline_event_id: the deadline event has no date"),
    "bound without a count": ("forces.csv", lambda t: t.replace(
        "Destroyers,,unknown", "Destroyers,,more_than"),
        "forces.csv:4:count: qualifier 'more_than' needs a count"),
    "vague share with a number": ("figures.csv", lambda t: t.replace(
        "Trump rejected,,nearly_all,", "Trump rejected,5,nearly_all,"),
        "figures.csv:5:value: only a 'nearly_all' figure may leave value empty"),
    "response source without its words": ("terms.csv", lambda t: t.replace(
        "on elections.,,,unnamed_sources", "on elections.,article,,unnamed_sources"),
        "terms.csv:6:response_evidence: response_source_id and response_evidence go together"),
    "story definition without a source": ("glossary.csv", lambda t: t.replace(
        ",background,,complete amnesty", ",story,,complete amnesty"),
        "glossary.csv:2:source_id: a 'story' definition needs a source_id; a 'background' one "
        "has none"),
    "denied without denial": ("claims.csv", lambda t: t.replace("denied,maduro_denial,", "denied,,",
                                                                1),
                              "claims.csv:2:denied_by: status 'denied' and denied_by go together"),
    # Translations: every text a reader sees, in every language, from the English it has now.
    "text without its translation": ("translations.csv", lambda t: t.replace(
        "glossary,amnesty,term,es,Amnesty,Amnistía\n", ""),
        "glossary.csv:2:term: no translation into es in translations.csv"),
    "article's words without their translation": ("translations.csv", lambda t: t.replace(
        "events,maduro_denial,date_text,es,on Monday,el lunes\n", ""),
        "events.csv:14:date_text: no translation into es in translations.csv"),
    "translation of older English": ("glossary.csv", lambda t: t.replace(
        "amnesty,Amnesty,", "amnesty,Amnesty (general),"),
        "translations.csv:279:source_text: stale: glossary.term of amnesty now says something "
        "else in English; translate it again and copy the new English here"),
    "evidence without its translation": ("translations.csv", lambda t: t.replace(
        "forces,deaths,evidence,es,more than 80 fatalities,más de 80 muertes\n", ""),
        "forces.csv:7:evidence: no translation into es in translations.csv"),
    "translation of a column that is not translated": ("translations.csv", lambda t: t.replace(
        "glossary,amnesty,term,es,", "glossary,amnesty,basis,es,"),
        "translations.csv:279:field: glossary.basis is not a translated column (see "
        "translations.fields in datapackage.json)"),
    "translation of a row that is not there": ("translations.csv", lambda t: t.replace(
        "glossary,amnesty,term,es,", "glossary,amnesti,term,es,"),
        "translations.csv:279:row_id: glossary has no row 'amnesti'"),
    "story text without its translation": ("datapackage.json", lambda t: t.replace(
        '"year_reason": "El art', '"year_reason_draft": "El art'),
        "datapackage.json:story.translations: no translation into es of story.year_reason"),
    "translation into an unknown language": ("translations.csv", lambda t: t.replace(
        "glossary,amnesty,term,es,", "glossary,amnesty,term,fr,"),
        "translations.csv:279:lang: 'fr' is not one of es"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_row_gives_its_message(case, data_copy):
    file, change, message = CASES[case]
    edit(data_copy / file, change)
    with pytest.raises(DataError) as caught:
        data.load(data_copy)
    text = str(caught.value)
    assert message in text
    assert "Traceback" not in text and "pandas" not in text
    assert text.startswith(f"the data package in {data_copy} has ")


@pytest.mark.parametrize("case", ["row with a cell missing", "blank row"])
def test_no_knock_on_errors(case, data_copy):
    file, change, message = CASES[case]
    edit(data_copy / file, change)
    with pytest.raises(DataError) as caught:
        data.load(data_copy)
    assert str(caught.value).splitlines()[1:] == [f"  {message}"]


def test_every_problem_is_listed_not_just_the_first(data_copy):
    edit(data_copy / "events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,")
         .replace(",legal,state_department,", ",naval,state_department,"))
    with pytest.raises(DataError) as caught:
        data.load(data_copy)
    assert len(caught.value.problems) == 2


def test_a_broken_package_is_never_remembered_as_valid(data_copy):
    edit(data_copy / "events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,"))
    for _ in range(2):
        with pytest.raises(DataError):
            data.load(data_copy)


def test_utf8_bom_is_accepted(data_copy):
    path = data_copy / "sources.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(data.load(data_copy).sources) > 0
    assert "source_id" in data.load(data_copy).sources.columns


def test_crlf_line_endings_are_accepted(data_copy, ds):
    path = data_copy / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    loaded = data.load(data_copy)
    assert loaded.events["summary"].tolist() == ds.events["summary"].tolist()


def test_file_that_is_not_utf8(data_copy):
    path = data_copy / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(DataError) as caught:
        data.load(data_copy)
    assert "actors.csv" in str(caught.value) and "not UTF-8" in str(caught.value)


def test_empty_file(data_copy):
    (data_copy / "figures.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=r"figures\.csv: empty file"):
        data.load(data_copy)


def test_header_only_table(data_copy):
    path = data_copy / "questions.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"questions\.csv: header only, no data rows"):
        data.load(data_copy)


def test_missing_csv_named_in_the_package(data_copy):
    (data_copy / "glossary.csv").unlink()
    with pytest.raises(DataError, match=r"glossary\.csv: missing \(named by resource 'glossary'"):
        data.load(data_copy)


def test_package_that_is_not_json(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json: not valid JSON"):
        data.load(data_copy)


def test_missing_folder(tmp_path: Path):
    with pytest.raises(DataError, match="no such data folder"):
        data.load(tmp_path / "nowhere")


HOSTILE = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>']


def test_html_in_text_fields_is_kept_as_data(data_copy):
    edit(data_copy / "events.csv", lambda t: t.replace(
        "The deadline expires without a response from Caracas.",
        f"{HOSTILE[0]} The deadline expires."))
    edit(data_copy / "actors.csv", lambda t: t.replace(",Maduro's wife,", f",{HOSTILE[1]},"))
    retranslate(data_copy)
    loaded = data.load(data_copy)
    assert HOSTILE[0] in loaded.events.set_index("event_id").loc["deadline", "summary"]
    assert loaded.actors.set_index("actor_id").loc["cilia_flores", "role"] == HOSTILE[1]


def test_validate_command_lists_problems_and_exits_1(data_copy):
    edit(data_copy / "events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,"))
    done = subprocess.run([sys.executable, "-m", "explainer", "validate", str(data_copy)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert "events.csv:10:seq: 'nine' is not a valid integer" in done.stderr
    assert "Traceback" not in done.stderr


def test_evidence_missing_from_the_article_is_named(data_copy):
    from conftest import ARTICLE, article_text

    article_text()  # the article must be beside this checkout (it is, in CI)
    edit(data_copy / "actors.csv", lambda t: t.replace(",his wife Cilia Flores\n",
                                                       ",his beloved wife Cilia Flores\n"))
    retranslate(data_copy)  # its Spanish gloss follows: only the article check is left to fail
    done = subprocess.run([sys.executable, "-m", "explainer", "validate", str(data_copy),
                           "--article", str(ARTICLE)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert ("actors.csv:5:evidence: not found verbatim in the article: 'his beloved wife Cilia "
            "Flores'") in done.stderr


def test_the_evidence_check_refuses_another_article(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Another story altogether.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "explainer", "validate", "--article",
                           str(other)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert f"{other}: not the article this package codes (its SHA-256 is " in done.stderr


def test_the_real_package_passes_the_evidence_check():
    from conftest import ARTICLE, article_text

    article_text()
    done = subprocess.run([sys.executable, "-m", "explainer", "validate", "--article",
                           str(ARTICLE)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert re.match(r"evidence: \d{3} fragments found verbatim in the article", done.stdout)
