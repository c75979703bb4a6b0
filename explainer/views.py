"""Views of the data that the notebooks show: tables and sentences, computed, never typed."""

from __future__ import annotations

import pandas as pd

from . import dates
from .data import Dataset

SIDE_WORDS = {"caracas_demand": "Caracas asks", "caracas_offer": "Caracas offers",
              "washington_demand": "Washington demands", "washington_offer": "Washington offers"}


def _source_names(ds: Dataset) -> pd.Series:
    return ds.sources.set_index("source_id")["name"]


def terms_table(ds: Dataset, perspective: str = "both", show_evidence: bool = False
                ) -> pd.DataFrame:
    """The terms, the leading side first, with who proposed and what came back."""
    terms = ds.terms.sort_values("seq").copy()
    names = _source_names(ds)
    actors = ds.actors.set_index("actor_id")["name"]
    terms["side"] = terms["position"].map(SIDE_WORDS)
    terms["proposer"] = terms["proposed_by"].map(actors).fillna("not stated")
    terms["source"] = terms["source_id"].map(names)
    terms["answer"] = terms["response_text"]
    if perspective == "washington":
        terms = pd.concat([terms[terms["position"].str.startswith("washington")],
                           terms[terms["position"].str.startswith("caracas")]])
    columns = ["label", "side", "proposer", "beneficiaries", "category", "answer", "source"]
    if show_evidence:
        terms["evidence_quote"] = "\u201c" + terms["evidence"] + "\u201d"
        columns.append("evidence_quote")
    return terms[columns].reset_index(drop=True)


def events_table(ds: Dataset, as_of: str | None = None, tracks: list[str] | None = None
                 ) -> pd.DataFrame:
    """Events with the article's own date words beside the interpreted interval."""
    from .charts import timeline_rows

    rows = timeline_rows(ds, as_of, tracks).sort_values("seq")
    rows = rows[rows["shown"]]
    out = pd.DataFrame({
        "event": rows["label"],
        "lane": rows["track"].astype(str),
        "article's words": rows["date_text"].fillna("(none)"),
        "interpreted date": [dates.interval_label(dates.as_date(a), dates.as_date(b))
                             for a, b in zip(rows["date_start"], rows["date_end"], strict=True)],
        "how known": rows["date_basis"].astype(str),
        "source": rows["source_id"].map(_source_names(ds)),
    })
    return out.reset_index(drop=True)


def known_by(ds: Dataset, as_of: str, tracks: list[str] | None = None) -> str:
    """What had and had not yet begun on `as_of`, in one paragraph."""
    from .charts import timeline_rows

    rows = timeline_rows(ds, as_of, tracks)
    dated = rows[rows["shape"] != "undated"]
    begun, later = dated[dated["shown"]], dated[~dated["shown"]]
    undated = rows[rows["shape"] == "undated"]
    text = (f"By {dates.fmt_day(dates.parse_iso(as_of))}, {len(begun)} of {len(dated)} dated "
            f"events could have begun")
    text += f": {', '.join(begun['label'])}." if len(begun) else "."
    if len(later):
        text += f" Not yet: {', '.join(later['label'])}."
    if len(undated):
        text += (f" {len(undated)} event(s) have no date at all and cannot be placed: "
                 f"{', '.join(undated['label'])}.")
    return text


def glossary(ds: Dataset, ids: list[str] | None = None) -> pd.DataFrame:
    items = ds.glossary
    if ids:
        items = items.set_index("glossary_id").loc[ids].reset_index()
    return items[["term", "definition", "basis"]].reset_index(drop=True)


def cast(ds: Dataset) -> pd.DataFrame:
    return ds.actors[["name", "role", "country"]].reset_index(drop=True)


def claims_ledger(ds: Dataset, claimant: str = "all", status: str = "all") -> pd.DataFrame:
    """Each claim, its source and channel, its status, and the denial beside it."""
    claims = ds.claims.merge(ds.sources[["source_id", "name", "via", "sourcing"]],
                             on="source_id").sort_values("seq")
    if claimant != "all":
        claims = claims[claims["source_id"] == claimant]
    if status != "all":
        claims = claims[claims["status"] == status]
    statements = ds.claims.set_index("claim_id")["statement"]
    return pd.DataFrame({
        "claim": claims["statement"],
        "who says it": claims["name"],
        "via": claims["via"],
        "status": claims["status"].astype(str),
        "denied by": claims["denied_by"].map(statements).fillna(""),
        "part of article": claims["article_part"].astype(str),
    }).reset_index(drop=True)


def key_questions(ds: Dataset) -> pd.DataFrame:
    """The article's three questions with its own answers and what the body adds."""
    rows = []
    for _, q in ds.questions.sort_values("seq").iterrows():
        answers = ds.claims[ds.claims["question_id"] == q["question_id"]].sort_values("seq")
        for _, claim in answers.iterrows():
            body = ""
            if not pd.isna(claim["term_id"]):
                term = ds.terms.set_index("term_id").loc[claim["term_id"]]
                body = str(term["summary"])
            elif not pd.isna(claim["event_id"]):
                body = str(ds.events.set_index("event_id").loc[claim["event_id"], "summary"])
            rows.append({"question": q["question"], "the article's answer": claim["statement"],
                         "what the body says": body, "status": str(claim["status"])})
    return pd.DataFrame(rows)


def vague_words(ds: Dataset) -> pd.DataFrame:
    """Every vague quantity and vague date in the article, with how the data codes it."""
    rows = []
    for _, f in ds.forces.iterrows():
        if f["count_qualifier"] in ("more_than", "at_least", "unknown"):
            rows.append({"the article says": f["evidence"], "coded as": dates.bound_label(
                f["count"], f["count_qualifier"], f["unit"])})
    for _, f in ds.figures.iterrows():
        if f["qualifier"] != "exact":
            rows.append({"the article says": f["evidence"], "coded as": dates.bound_label(
                f["value"], f["qualifier"], f["unit"])})
    for _, e in ds.events.iterrows():
        vague = e["date_basis"] == "relative" or e["date_start"] != e["date_end"]
        if vague and not pd.isna(e["date_text"]):
            rows.append({"the article says": e["date_text"], "coded as": dates.interval_label(
                dates.as_date(e["date_start"]), dates.as_date(e["date_end"]))})
    return pd.DataFrame(rows)


def source_counts(ds: Dataset) -> pd.DataFrame:
    counts = ds.claims.merge(ds.sources, on="source_id").groupby(
        ["name", "sourcing"], observed=True).size().rename("claims").reset_index()
    return counts.sort_values("claims", ascending=False).reset_index(drop=True)


def attributed(ds: Dataset, claim_ids: list[str]) -> list[str]:
    """Claims as sentences with who says them."""
    claims = ds.claims.set_index("claim_id")
    names = _source_names(ds)
    return [f"{claims.loc[c, 'statement']} (who says it: {names[claims.loc[c, 'source_id']]})"
            for c in claim_ids]


def window_sentence(ds: Dataset, hours: int) -> str:
    """When a window of `hours` ending on the deadline day opened, and whether the call fits."""
    events = ds.events.set_index("event_id")
    deadline = events.loc["deadline", "date_start"].date()
    call = events.loc["call", "date_start"].date()
    first, last = dates.window_opening(deadline, hours)
    fits = dates.window_fits(call, deadline, hours)
    return (f"A {hours}-hour window that ran out on {dates.fmt_day(deadline)} opened between "
            f"{dates.fmt_moment(first)} and {dates.fmt_moment(last)}. Could it have opened on "
            f"the day of the call ({dates.fmt_day(call)})? {'Yes' if fits else 'No'}.")
