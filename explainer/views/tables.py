"""The tables the notebooks show: rows selected from the data, headings and captions in words."""

from __future__ import annotations

import pandas as pd

from .. import bounds, dates
from ..checks import is_interpretation
from ..data import Dataset
from ..i18n import _, sort_key
from ..labels import label, labels
from .parts import Table
from .selection import claims_rows, forces_rows, terms_rows, timeline_rows


def source_names(ds: Dataset) -> pd.Series:
    """source_id -> the source's name."""
    return ds.sources.set_index("source_id")["name"]


def terms_table(ds: Dataset, perspective: str = "both", show_evidence: bool = False) -> Table:
    """The terms, the leading side first, with who proposed and what came back."""
    terms = terms_rows(ds, perspective)
    actors = ds.actors.set_index("actor_id")["name"]
    frame = pd.DataFrame({
        _("term"): terms["label"],
        _("side"): labels("position", terms["position"]),
        _("proposed by"): terms["proposed_by"].map(actors).fillna(_("not stated")),
        _("who benefits"): terms["beneficiaries"],
        _("category"): labels("category", terms["category"]),
        _("the answer"): terms["response_text"],
        _("source"): terms["source_id"].map(source_names(ds)),
    })
    if show_evidence:
        frame[_("the article's words")] = [_("\u201c{quote}\u201d").format(quote=q)
                                           for q in terms["evidence"]]
    return Table(frame.reset_index(drop=True),
                 _("Every term put forward, and what came back."))


def readings(ds: Dataset, terms_only: bool = False) -> Table:
    """Interpretations (the article's own reading, or analysts'), with who reads what."""
    claims = ds.claims[is_interpretation(ds, ds.claims)].sort_values("seq")
    if terms_only:
        claims = claims[claims["term_id"].notna()]
    about = claims["term_id"].map(ds.terms.set_index("term_id")["label"]).fillna(
        claims["event_id"].map(ds.events.set_index("event_id")["label"])).fillna(
        _("the story as a whole"))
    frame = pd.DataFrame({_("reading"): claims["statement"],
                          _("whose reading"): claims["source_id"].map(source_names(ds)),
                          _("about"): about}).reset_index(drop=True)
    caption = (_("The article's own reading of the terms.") if terms_only
               else _("Interpretations, and whose they are."))
    return Table(frame, caption)


def forces_table(ds: Dataset, since: str | None = None, kinds: list[str] | None = None
                 ) -> Table:
    """Each measure shown in the figures, with its count as the article gives it."""
    forces = forces_rows(ds, since, kinds)
    frame = pd.DataFrame({
        _("measure"): forces["asset"],
        _("count, as the article gives it"): [bounds.label(c, q, u) for c, q, u in zip(
            forces["count"], forces["count_qualifier"].astype(str), forces["unit"],
            strict=True)],
        _("the article's words"): forces["evidence"],
        _("who says it"): forces["source_id"].map(source_names(ds)),
    }).reset_index(drop=True)
    return Table(frame, _("Each measure as the article counts it, with its words."))


def events_table(ds: Dataset, as_of: str | None = None, tracks: list[str] | None = None
                 ) -> Table:
    """Events with the article's own date words beside the interpreted interval."""
    rows = timeline_rows(ds, as_of, tracks).sort_values("seq")
    rows = rows[rows["shown"]]
    frame = pd.DataFrame({
        _("event"): rows["label"],
        _("lane"): labels("track", rows["track"]),
        _("the article's words"): rows["date_text"].fillna(_("(none)")),
        _("interpreted date"): [dates.interval_label(dates.as_date(a), dates.as_date(b))
                                for a, b in zip(rows["date_start"], rows["date_end"],
                                                strict=True)],
        _("how known"): labels("date_basis", rows["date_basis"]),
        _("how we read it"): rows["date_reasoning"],
        _("source"): rows["source_id"].map(source_names(ds)),
    })
    return Table(frame.reset_index(drop=True),
                 _("Each event, the article's date words, and what they allow."))


def glossary(ds: Dataset, ids: list[str] | None = None, notebook: str = "") -> Table:
    """Glossary entries (all, the given ids, or the words a notebook uses), alphabetically,
    with where each definition comes from."""
    from ..words import WORDS

    items = ds.glossary
    ids = list(WORDS[notebook]) if notebook else ids
    if ids:
        items = items.set_index("glossary_id").loc[ids].reset_index()
    items = items.sort_values("term", key=lambda terms: terms.map(sort_key))
    frame = pd.DataFrame({_("term"): items["term"], _("definition"): items["definition"],
                          _("from"): labels("basis", items["basis"])})
    caption = (_("The words this notebook uses, defined.") if ids else
               _("Every word the collection defines."))
    return Table(frame.reset_index(drop=True), caption, "glossary")


def cast(ds: Dataset) -> Table:
    """Who is who; a role from general knowledge says so."""
    frame = pd.DataFrame({_("name"): ds.actors["name"], _("role"): ds.actors["role"],
                          _("country"): ds.actors["country"],
                          _("role from"): labels("basis", ds.actors["basis"])})
    return Table(frame.reset_index(drop=True),
                 _("The cast. \u201cRole from\u201d says whether a role comes from the article "
                   "or from background knowledge."))


def claims_ledger(ds: Dataset, claimant: str = "all", status: str = "all") -> Table:
    """Each claim, its source and channel, its status, and the denial beside it."""
    claims = claims_rows(ds, claimant, status)
    names = ds.sources.set_index("source_id")["name"]  # the denial's own source, by name
    deniers = ds.claims.set_index("claim_id")["source_id"].map(names)
    frame = pd.DataFrame({
        _("claim"): claims["statement"],
        _("who says it"): claims["name"],
        _("via"): claims["via"],
        _("status"): labels("status", claims["status"]),
        _("denied by"): claims["denied_by"].map(deniers).fillna(""),
        _("part of the article"): labels("article_part", claims["article_part"]),
    }).reset_index(drop=True)
    return Table(frame, _("The claims ledger."))


def key_questions(ds: Dataset) -> Table:
    """The article's three questions with its own answers and the body they restate."""
    statements = ds.claims.set_index("claim_id")["statement"]
    body = ds.wordings.sort_values("seq").drop_duplicates("claim_id").set_index("claim_id")
    rows = []
    for question in ds.questions.sort_values("seq").itertuples():
        answers = ds.claims[ds.claims["question_id"] == question.question_id]
        for claim in answers.sort_values("seq").itertuples():
            said = (statements[body.loc[claim.claim_id, "body_claim_id"]]
                    if claim.claim_id in body.index else "")
            rows.append({_("the article's question, in our words"): question.question,
                         _("the article's answer"): claim.statement,
                         _("what the body says"): said,
                         _("status"): label("status", claim.status)})
    return Table(pd.DataFrame(rows),
                 _("The Key Questions, the article's answers, and the body they restate."))


def vague_words(ds: Dataset) -> Table:
    """Every vague quantity and vague date in the article, with how the data codes it."""
    said, coded, reading = _("the article says"), _("coded as"), _("how we read it")
    rows = []
    for force in ds.forces.itertuples():
        if force.count_qualifier in bounds.VAGUE:
            rows.append({said: force.evidence, reading: "", coded: bounds.label(
                force.count, force.count_qualifier, force.unit)})
    for figure in ds.figures.itertuples():
        if figure.qualifier != "exact":
            rows.append({said: figure.evidence, reading: "", coded: bounds.label(
                figure.value, figure.qualifier, figure.unit)})
    for event in ds.events.itertuples():
        vague = event.date_basis != "stated" or event.date_start != event.date_end
        if vague and not pd.isna(event.date_text):
            rows.append({said: event.date_text, reading: event.date_reasoning,
                         coded: dates.interval_label(dates.as_date(event.date_start),
                                                     dates.as_date(event.date_end))})
    frame = pd.DataFrame(rows, columns=[said, coded, reading])
    return Table(frame, _("The article's vague words and how the data codes them."))


def source_counts(ds: Dataset) -> Table:
    """Claim rows per source, most first."""
    counts = ds.claims.merge(ds.sources, on="source_id").groupby(
        ["name", "sourcing"], observed=True).size().rename("rows").reset_index()
    counts = counts.sort_values(["rows", "name"], ascending=[False, True])
    frame = pd.DataFrame({_("source"): counts["name"],
                          _("kind of source"): labels("sourcing", counts["sourcing"]),
                          _("claim rows"): counts["rows"]}).reset_index(drop=True)
    return Table(frame, _("Claim rows per source, all rows."))
