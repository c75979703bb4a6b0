"""Views of the data that the notebooks show: tables and sentences, computed, never typed."""

from __future__ import annotations

import pandas as pd

from . import bounds, dates
from .checks import BASIS_WORDS, is_interpretation
from .data import Dataset

SIDE_WORDS = {"caracas_demand": "Caracas asks", "caracas_offer": "Caracas offers",
              "washington_demand": "Washington demands", "washington_offer": "Washington offers",
              "washington_considered": "Washington agreed to consider"}
CATEGORY_WORDS = {"immunity": "immunity", "international_court": "international court",
                  "sanctions": "sanctions", "transition": "transition",
                  "elections": "elections", "exit": "exit"}
STATUS_WORDS = {"reported": "reported", "on_record": "on the record", "denied": "denied",
                "unverified": "stated by the article, no source",
                "interpretation": "interpretation", "confirmed": "confirmed"}
SOURCING_WORDS = {"named_outlet": "named outlet, its sources unnamed", "anonymous": "anonymous",
                  "on_record": "on the record", "article": "the article's own voice"}
PART_WORDS = {"lead": "lead", "body": "body", "key_questions": "Key Questions"}


def _source_names(ds: Dataset) -> pd.Series:
    return ds.sources.set_index("source_id")["name"]


def year_sentence(ds: Dataset) -> str:
    """The one line every page that shows a date carries: the year is ours, not the article's."""
    story = ds.package.get("story", {})
    if story.get("year_basis") != "inferred":
        return f"Every date is in {ds.story_year}."
    return (f"The article never states a year: every date here assumes {ds.story_year}, "
            f"which is our inference.")


def loaded(ds: Dataset, what: str) -> str:
    """What the check-and-load cell reports: the data version, what it holds, the year."""
    return f"Data package {ds.version}: {what}. {year_sentence(ds)}"


def story_steps(ds: Dataset) -> list[str]:
    """The events in the article's order, each with how its date is known."""
    steps = ds.events.sort_values("seq")
    return [f"{row.summary} [{BASIS_WORDS[str(row.date_basis)]}]" for row in steps.itertuples()]


def terms_table(ds: Dataset, perspective: str = "both", show_evidence: bool = False
                ) -> pd.DataFrame:
    """The terms, the leading side first, with who proposed and what came back."""
    terms = ds.terms.sort_values("seq").copy()
    names = _source_names(ds)
    actors = ds.actors.set_index("actor_id")["name"]
    terms["side"] = terms["position"].astype(str).map(SIDE_WORDS)
    terms["proposer"] = terms["proposed_by"].map(actors).fillna("not stated")
    terms["source"] = terms["source_id"].map(names)
    terms["answer"] = terms["response_text"]
    terms["category"] = terms["category"].astype(str).map(CATEGORY_WORDS)
    if perspective == "washington":
        terms = pd.concat([terms[terms["position"].str.startswith("washington")],
                           terms[terms["position"].str.startswith("caracas")]])
    columns = ["label", "side", "proposer", "beneficiaries", "category", "answer", "source"]
    if show_evidence:
        terms["evidence_quote"] = "\u201c" + terms["evidence"] + "\u201d"
        columns.append("evidence_quote")
    return terms[columns].reset_index(drop=True)


def readings(ds: Dataset, terms_only: bool = False) -> pd.DataFrame:
    """Interpretations (the article's own reading, or analysts'), with who reads what."""
    claims = ds.claims[is_interpretation(ds, ds.claims)].sort_values("seq")
    if terms_only:
        claims = claims[claims["term_id"].notna()]
    return pd.DataFrame({"reading": claims["statement"],
                         "whose reading": claims["source_id"].map(_source_names(ds)),
                         "about": claims["term_id"].map(ds.terms.set_index("term_id")["label"])
                         .fillna(claims["event_id"].map(ds.events.set_index("event_id")
                                                        ["label"]))}).reset_index(drop=True)


def term_sourcing(ds: Dataset) -> str:
    """How the claim rows about the terms are sourced, as a sentence."""
    rows = ds.claims[ds.claims["term_id"].notna()].merge(ds.sources, on="source_id")
    anonymous = rows[rows["sourcing"] == "anonymous"]
    on_record = rows[rows["sourcing"] == "on_record"]
    text = (f"Of the {len(rows)} claim rows about the terms, {len(anonymous)} rest on sources "
            f"nobody named ({', '.join(sorted(anonymous['name'].unique()))}).")
    if len(on_record):
        text += f" On the record: {' '.join(on_record['statement'])}"
    return text


def forces_table(ds: Dataset, kinds: list[str] | None = None) -> pd.DataFrame:
    """Each measure with its count as the article gives it, and the article's words."""
    forces = ds.forces if not kinds else ds.forces[ds.forces["kind"].isin(kinds)]
    return pd.DataFrame({
        "measure": forces["asset"],
        "count, as the article gives it": [bounds.label(c, q, u) for c, q, u in zip(
            forces["count"], forces["count_qualifier"].astype(str), forces["unit"],
            strict=True)],
        "the article's words": forces["evidence"],
        "who says it": forces["source_id"].map(_source_names(ds)),
    }).reset_index(drop=True)


def answer_sources(ds: Dataset) -> str:
    """Who the answers to the terms come from, as a sentence; our pairings said apart."""
    names = _source_names(ds)
    response = ds.terms["response"].astype(str)
    direct = ds.terms[~response.isin(["countered", "not_stated"])]
    paired = ds.terms[response == "countered"]
    counts = direct["response_source_id"].value_counts()
    parts = [f"{names[source]} ({count})" for source, count in counts.items()]
    text = f"Who the direct answers come from, by number of terms: {', '.join(parts)}."
    if len(paired):
        by = ", ".join(sorted(paired["response_source_id"].map(names).unique()))
        text += (f" For {len(paired)} of {len(ds.terms)} terms the article reports no direct "
                 f"answer; we set beside each a demand reported by {by} (our pairing).")
    silent = int((response == "not_stated").sum())
    if silent:
        text += f" For {silent} of {len(ds.terms)} terms the article reports no answer at all."
    return text


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
        "how known": rows["date_basis"].astype(str).map(BASIS_WORDS),
        "how we read it": rows["date_reasoning"],
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
    """Who is who; a role from general knowledge says so."""
    basis = ds.actors["basis"].astype(str).map({"story": "the article",
                                                "background": "background knowledge"})
    return pd.DataFrame({"name": ds.actors["name"], "role": ds.actors["role"],
                         "country": ds.actors["country"], "role from": basis}
                        ).reset_index(drop=True)


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
        "status": claims["status"].astype(str).map(STATUS_WORDS),
        "denied by": claims["denied_by"].map(statements).fillna(""),
        "part of article": claims["article_part"].astype(str).map(PART_WORDS),
    }).reset_index(drop=True)


def key_questions(ds: Dataset) -> pd.DataFrame:
    """The article's three questions with its own answers and the body they restate."""
    statements = ds.claims.set_index("claim_id")["statement"]
    body = ds.wordings.sort_values("seq").drop_duplicates("claim_id").set_index("claim_id")
    rows = []
    for _, q in ds.questions.sort_values("seq").iterrows():
        answers = ds.claims[ds.claims["question_id"] == q["question_id"]].sort_values("seq")
        for _, claim in answers.iterrows():
            said = (statements[body.loc[claim["claim_id"], "body_claim_id"]]
                    if claim["claim_id"] in body.index else "")
            rows.append({"the article's question, in our words": q["question"],
                         "the article's answer": claim["statement"],
                         "what the body says": said,
                         "status": STATUS_WORDS[str(claim["status"])]})
    return pd.DataFrame(rows)


def vague_words(ds: Dataset) -> pd.DataFrame:
    """Every vague quantity and vague date in the article, with how the data codes it."""
    rows = []
    for _, f in ds.forces.iterrows():
        if f["count_qualifier"] in bounds.VAGUE:
            rows.append({"the article says": f["evidence"], "coded as": bounds.label(
                f["count"], f["count_qualifier"], f["unit"]), "how we read it": ""})
    for _, f in ds.figures.iterrows():
        if f["qualifier"] != "exact":
            rows.append({"the article says": f["evidence"], "coded as": bounds.label(
                f["value"], f["qualifier"], f["unit"]), "how we read it": ""})
    for _, e in ds.events.iterrows():
        vague = e["date_basis"] != "stated" or e["date_start"] != e["date_end"]
        if vague and not pd.isna(e["date_text"]):
            rows.append({"the article says": e["date_text"], "coded as": dates.interval_label(
                dates.as_date(e["date_start"]), dates.as_date(e["date_end"])),
                "how we read it": e["date_reasoning"]})
    return pd.DataFrame(rows)


def source_counts(ds: Dataset) -> pd.DataFrame:
    """Claim rows per source, most first."""
    counts = ds.claims.merge(ds.sources, on="source_id").groupby(
        ["name", "sourcing"], observed=True).size().rename("claim rows").reset_index()
    counts["sourcing"] = counts["sourcing"].astype(str).map(SOURCING_WORDS)
    return counts.sort_values(["claim rows", "name"], ascending=[False, True]
                              ).reset_index(drop=True)


def anonymous_share(ds: Dataset) -> str:
    """How many claim rows rest on anonymous sources, saying exactly what is counted."""
    behind = ds.claims.merge(ds.sources, on="source_id")
    told = behind[behind["article_part"] != "key_questions"]
    anonymous = told[told["sourcing"] == "anonymous"]
    on_record = told[told["sourcing"] == "on_record"]
    readers = anonymous[is_interpretation(ds, anonymous)]
    return (f"Counting the rows of this ledger, not sentences of the article (we split some "
            f"sentences into several rows, and leave out the {len(behind) - len(told)} rows "
            f"that restate the body in the Key Questions): {len(anonymous)} of {len(told)} "
            f"rows rest on sources nobody named ({len(readers)} of them an interpretation by "
            f"unnamed analysts, which the figure counts with the interpretations), and "
            f"{len(on_record)} on someone speaking on the record.")


def attributed(ds: Dataset, claim_ids: list[str]) -> list[str]:
    """Claims as sentences with who says them."""
    claims = ds.claims.set_index("claim_id")
    names = _source_names(ds)
    return [f"{claims.loc[c, 'statement']} (who says it: {names[claims.loc[c, 'source_id']]})"
            for c in claim_ids]


def window_sentence(ds: Dataset, hours: int) -> str:
    """When a window of `hours` ending on the deadline day began, and whether the call fits."""
    events = ds.events.set_index("event_id")
    deadline = events.loc["deadline", "date_start"].date()
    call = events.loc["call", "date_start"].date()
    fits = dates.window_fits(call, deadline, hours)
    return (f"If a {hours}-hour window ran out on {dates.fmt_day(deadline)}, it began "
            f"{dates.opening_label(deadline, hours)}. Could such a window have begun on the day "
            f"of the call ({dates.fmt_day(call)})? {'Yes' if fits else 'No'}. This reading "
            f"assumes that the hours counted down to the deadline; the article does not say so.")
