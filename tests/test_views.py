"""Views: each table and sentence the notebooks show, checked against the article by hand."""

from __future__ import annotations

from explainer import views


def test_key_questions_set_each_answer_beside_the_body_it_restates(ds):
    table = views.key_questions(ds).frame
    assert len(table) == 5  # three answers to the first question, one each to the others
    asked = table["the article's question, in our words"]
    reaction = table[asked == "How did Caracas react after the call?"].iloc[0]
    assert "maintaining its pressure on Caracas" in reaction["the article's answer"]
    assert "sources cited by Reuters" in reaction["what the body says"]
    assert set(table["status"]) == {"denied", "stated by the article, no source"}


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
