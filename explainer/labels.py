"""Display labels for every code the data uses: a reader never sees a raw code.

Each label is a catalogue message, looked up when it is shown, so it comes out in the
language in use.
"""

from __future__ import annotations

from .i18n import _


def vocabulary() -> dict[str, dict[str, str]]:
    """Field name -> code -> label, in the language in use."""
    return {
        "track": {"diplomacy": _("Diplomacy"), "military": _("Military"), "legal": _("Legal"),
                  "policy": _("Policy"), "statement": _("Statement"),
                  "reaction": _("Reaction")},
        "date_basis": {"stated": _("stated date"), "month": _("month only"),
                       "relative": _("relative date"), "inferred": _("inferred by us"),
                       "undated": _("undated")},
        "position": {"caracas_demand": _("Caracas asks"), "caracas_offer": _("Caracas offers"),
                     "washington_demand": _("Washington demands"),
                     "washington_offer": _("Washington offers"),
                     "washington_considered": _("Washington agreed to consider")},
        "verb": {"caracas_demand": _("asks"), "caracas_offer": _("offers"),
                 "washington_demand": _("demands"), "washington_offer": _("offers"),
                 "washington_considered": _("agreed to consider")},
        "category": {"immunity": _("immunity"), "international_court": _("international court"),
                     "sanctions": _("sanctions"), "transition": _("transition"),
                     "elections": _("elections"), "exit": _("exit")},
        "response": {
            "nearly_all_rejected": _("among the 'nearly all' reported rejected (which ones: "
                                     "not said)"),
            "countered": _("no direct answer; a U.S. demand set beside it (our reading)"),
            "halted_dialogue": _("the demand reported to have halted the dialogue"),
            "no_reply": _("the deadline expired without a response from Caracas (the "
                          "article's narration)"),
            "not_stated": _("no answer reported")},
        "status": {"reported": _("reported"), "on_record": _("on the record"),
                   "denied": _("denied"),
                   "unverified": _("unverified (no source)"),
                   "interpretation": _("interpretation"), "confirmed": _("confirmed")},
        "sourcing": {"named_outlet": _("named outlet, its sources unnamed"),
                     "anonymous": _("anonymous"), "on_record": _("on the record"),
                     "article": _("the article's own voice"),
                     "reading": _("an interpretation (the article's or analysts')")},
        "article_part": {"lead": _("lead"), "body": _("body"),
                         "key_questions": _("Key Questions")},
        "basis": {"story": _("the article"), "background": _("background knowledge"),
                  "method": _("our method")},
        "side": {"caracas": _("Caracas"), "washington": _("Washington"),
                 "reading": _("the article's own reading (not a term)")},
        "kind": {"deployment": _("deployment"), "strike": _("vessels destroyed"),
                 "designation": _("designation"), "airspace": _("airspace"),
                 "air_activity": _("air activity"), "policy": _("policy")},
    }


def label(field: str, code: object) -> str:
    """The label of one code; KeyError names the field and the code when one is missing."""
    try:
        return vocabulary()[field][str(code)]
    except KeyError:
        raise KeyError(f"no display label for {field} = {code!r}") from None


def labels(field: str, codes: object) -> list[str]:
    """The labels of several codes, in order."""
    return [label(field, code) for code in codes]  # type: ignore[attr-defined]
