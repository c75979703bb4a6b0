"""The one place that selects data and puts it into words.

Every table, sentence, box of notes, caption and alt text the notebooks show comes from
here, in the language in use (`explainer.i18n`). `explainer.show` displays what a view
returns; `explainer.charts` draws a `Plot` and selects nothing.
"""

from ..labels import label, labels
from .figures import (
                      assets,
                      bounds,
                      pressure,
                      sourcing,
                      term_outcomes,
                      terms_side_by_side,
                      timeline,
)
from .parts import Notes, Plot, Table
from .selection import (
    claims_rows,
    forces_rows,
    glossary_used,
    story_span,
    terms_rows,
    timeline_rows,
)
from .sentences import (
                      anonymous_share,
                      answer_sources,
                      attributed,
                      known_by,
                      ledger_count,
                      loaded,
                      notes_box,
                      story_steps,
                      term_sourcing,
                      window_sentence,
                      year_sentence,
)
from .tables import (
                      cast,
                      claims_ledger,
                      events_table,
                      forces_table,
                      glossary,
                      key_questions,
                      readings,
                      source_counts,
                      terms_table,
                      vague_words,
)

__all__ = [
    "claims_rows", "forces_rows", "terms_rows",
    "Notes", "Plot", "Table", "answer_sources", "anonymous_share", "assets", "attributed",
    "bounds", "cast", "claims_ledger", "events_table", "forces_table", "glossary",
    "glossary_used",
    "key_questions", "known_by", "label", "labels", "ledger_count", "loaded", "notes_box",
    "pressure", "readings", "source_counts", "sourcing", "story_span", "story_steps",
    "term_outcomes", "term_sourcing", "terms_side_by_side", "terms_table", "timeline",
    "timeline_rows",
    "vague_words", "window_sentence", "year_sentence",
]
