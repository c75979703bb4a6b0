"""Views: each table and sentence the notebooks show, checked against the article by hand."""

from __future__ import annotations

import pytest

from explainer import views


def test_key_questions_set_each_answer_beside_the_body_it_restates(ds):
    table = views.key_questions(ds).frame
    assert len(table) == 5  # three answers to the first question, one each to the others
    asked = table["the article's question, in our words"]
    reaction = table[asked == "How did Caracas react after the call?"].iloc[0]
    assert "maintaining its pressure on Caracas" in reaction["the article's answer"]
    assert "sources cited by Reuters" in reaction["what the body says"]
    assert set(table["status"]) == {"denied", "unverified (no source)"}


def test_vague_words_keep_every_date_word_the_article_uses(ds):
    said = set(views.vague_words(ds).frame["the article says"])
    for words in ("Since September", "Days earlier", "The following day",
                  "Following the breakdown", "on Monday", "Meanwhile",
                  "destroyed over 20 vessels", "more than 80 fatalities",
                  "rejected nearly all the conditions"):
        assert words in said, words


def test_source_counts_add_up_to_the_ledger(ds):
    counts = views.source_counts(ds).frame
    assert counts["claim rows"].sum() == len(views.claims_ledger(ds).frame)
    kinds = counts["kind of source"]
    assert "anonymous" in set(kinds) and "_" not in "".join(kinds)


def test_known_by_lists_what_had_not_begun(ds):
    text = views.known_by(ds, "2025-11-25")
    assert text.startswith("By November 25, 2025, 10 of 15 dated events could have begun")
    assert "Not yet: Deadline expires, Airspace closure ordered, Maduro's denial" in text
    assert "Argentina's demand, Cuba's denunciation" in text


def test_cast_says_where_each_role_comes_from(ds):
    cast = views.cast(ds).frame.set_index("name")
    assert cast.loc["The Pentagon", "role from"] == "background knowledge"
    assert cast.loc["Cilia Flores", "country"] == "not stated"
    assert cast.loc["Nicolás Maduro", "role from"] == "the article"


def test_the_ledger_shows_no_internal_code(ds):
    ledger = views.claims_ledger(ds).frame
    shown = set(ledger["status"]) | set(ledger["part of the article"])
    assert not {"on_record", "key_questions", "unverified"} & shown


def test_window_sentence_gives_the_reading_it_assumes(ds):
    text = views.window_sentence(ds, 72)
    assert "began during November 26, 2025" in text and "? No." in text
    assert "the article does not say so" in text
    assert "? Yes." in views.window_sentence(ds, 24 * 8)  # eight days reach back to the call


def test_events_table_shows_how_each_date_was_read(ds):
    table = views.events_table(ds).frame.set_index("event")
    assert table.loc["Maduro's denial", "interpreted date"] == "on or after December 1, 2025"
    assert "our reading" in table.loc["Maduro's denial", "how we read it"].lower()
    assert table.loc["Deployment begins", "how known"] == "month only"


def test_answer_sources_keep_our_pairings_apart(ds):
    text = views.answer_sources(ds)
    # Direct answers: the Herald's "halted the dialogue" (2 terms), the Reuters sources'
    # "nearly all" (3), the article's "without a response" (1). Two terms are our pairing.
    assert text.startswith("Who the direct answers come from, by number of terms:")
    assert "The Miami Herald (2)" in text and "Sources consulted by Reuters (3)" in text
    assert "For 2 of 9 terms the article reports no direct answer" in text
    assert "(our pairing)" in text
    assert "For 1 of 9 terms the article reports no answer at all" in text
    # "Trump rejected nearly all of the conditions": three conditions, which ones not said.
    assert "covers 3 terms as a group: the article does not say which of them" in text


def test_forces_table_gives_counts_as_the_article_does(ds):
    table = views.forces_table(ds).frame.set_index("measure")
    counts = table["count, as the article gives it"]
    assert counts["Destroyers"] == "number not given"  # "destroyers": plural, no number
    assert counts["Nuclear submarine"] == "1 ship"  # "a nuclear submarine"
    assert any(c == "more than 20 vessels" for c in counts)  # "over 20 vessels"
    assert any(c == "more than 80 fatalities" for c in counts)  # "more than 80 fatalities"


def test_glossary_boxes_are_alphabetical(ds):
    terms = list(views.glossary(ds, ["safe_passage", "amnesty"]).frame["term"])
    assert terms == ["Amnesty", "Safe passage"]
    box = list(views.glossary(ds, notebook="03").frame["term"])
    assert box == sorted(box, key=str.casefold) and "Lower bound" in box


def test_boxes_of_notes_pick_their_notes(ds):
    calendar = views.notes_box(ds, "calendar")
    assert calendar.title == "Calendar check" and len(calendar.items) == 1
    assert "Friday" in calendar.items[0] and "Saturday" in calendar.items[0]
    counts = views.notes_box(ds, "counts").items
    assert any("more than 20 vessels" in n for n in counts)
    with pytest.raises(KeyError, match="no box of notes named 'nope'"):
        views.notes_box(ds, "nope")


def test_load_sentences_say_what_was_loaded(ds):
    assert "claim rows from" in views.loaded(ds, "claims")
    assert views.loaded(ds).endswith("every date here assumes 2025, which is our inference.")
    with pytest.raises(KeyError, match="no load sentence for 'nope'"):
        views.loaded(ds, "nope")


def test_ledger_count_names_the_source_not_its_code(ds):
    text = views.ledger_count(ds, 2, "maduro_tv", "denied")
    assert "claimant: Maduro's televised appearance; status: denied" in text
    assert "maduro_tv" not in text


def test_attributed_claims_keep_who_says_them(ds):
    (item,) = views.attributed(ds, ["end_of_ultimatum"]).items
    assert "interpreted by analysts" in item and "who says it: Unnamed analysts" in item


def test_the_washington_perspective_puts_washington_first(ds):
    sides = list(views.terms_table(ds, "washington").frame["side"])
    first_caracas = next(i for i, s in enumerate(sides) if s.startswith("Caracas"))
    assert all(s.startswith("Washington") for s in sides[:first_caracas])
    assert all(s.startswith("Caracas") for s in sides[first_caracas:])


def test_story_steps_say_how_each_date_is_known(ds):
    steps = views.story_steps(ds).items
    assert steps[0].startswith("Since September") and steps[0].endswith("[date: month only]")
