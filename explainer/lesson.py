"""The lesson kit's one source of timings: the minutes of each notebook's sections and
exercises, the notebooks' "time to read" and "time to teach" that follow from them, and
the lesson plans built from the same parts, so every plan adds up by construction.

`python -m explainer lesson` writes the generated parts of TEACHING.md from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .i18n import _, ngettext

#: Minutes to read each section of each notebook, by a short name; a notebook's time to
#: read is their sum. Exercises take the minutes their registry gives them.
SECTIONS: dict[str, dict[str, int]] = {
    "00": {"story": 3, "cast": 2, "timeline": 2, "key_questions": 3},
    "01": {"terms": 5, "outcomes": 5, "reading": 2, "notes": 3},
    "02": {"timeline": 6, "events": 6, "chain": 3, "not_add_up": 5},
    "03": {"deployed": 3, "destroyed": 5, "pressure": 4, "notes": 3},
    "04": {"ledger": 5, "who_stands": 5, "critically": 5},
}
#: Minutes for each notebook's closing discussion (00: the opener's questions).
DISCUSSION = 5
EXIT = 5  # the exit question that ends a lesson


def section_titles() -> dict[str, dict[str, str]]:
    """Each section's heading, as the notebook shows it (a test checks they match)."""
    return {
        "00": {"story": _("The story in one screen"), "cast": _("Who is who"),
               "timeline": _("The timeline at a glance"),
               "key_questions": _("The article's Key Questions, answered from the data")},
        "01": {"terms": _("The terms, side by side"),
               "outcomes": _("What happened to each term"),
               "reading": _("The article's own reading"),
               "notes": _("Data notes: what the source leaves open")},
        "02": {"timeline": _("The timeline"),
               "events": _("The events, with the article's own date words"),
               "chain": _("The chain behind the late dates"),
               "not_add_up": _("What does not add up")},
        "03": {"deployed": _("What was deployed"), "destroyed": _("What was destroyed"),
               "pressure": _("The pressure around the talks"), "notes": _("Data notes")},
        "04": {"ledger": _("The claims ledger"), "who_stands": _("Who stands behind the story"),
               "critically": _("Reading this article critically")},
    }


def minutes(part: str) -> int:
    """The minutes of one part: "NN:section", "NN:discussion", an exercise label, "exit"."""
    from .classroom import exercises

    if part == "exit":
        return EXIT
    if part.endswith(":discussion"):
        return DISCUSSION
    if ":" in part:
        notebook, section = part.split(":")
        return SECTIONS[notebook][section]
    return exercises()[part].minutes


def read_minutes(notebook: str) -> int:
    """A notebook's time to read: its sections."""
    return sum(SECTIONS[notebook].values())


def teach_minutes(notebook: str) -> int:
    """A notebook's time to teach: reading, every exercise, and the discussion."""
    from .classroom import exercises

    return (read_minutes(notebook) + DISCUSSION
            + sum(e.minutes for e in exercises().values() if e.notebook == notebook))


def time_line(notebook: str) -> str:
    """The line each notebook carries under "What you will learn" (a test checks it)."""
    from .classroom import exercises

    text = (_("**Time to read:** {read} minutes. **Time to teach:** {teach} minutes with the "
              "exercises and the discussion.")
            if any(e.notebook == notebook for e in exercises().values()) else
            _("**Time to read:** {read} minutes. **Time to teach:** {teach} minutes as an "
              "opener, with its questions."))
    return text.format(read=read_minutes(notebook), teach=teach_minutes(notebook))


@dataclass(frozen=True)
class Step:
    """One step of a plan: what to do, and the parts whose minutes it takes."""

    parts: tuple[str, ...]
    text: str


def plans() -> dict[str, tuple[str, list[Step]]]:
    """Each plan by name: its title and its steps."""
    return {
        "plan-45": (_("A 45-minute lesson: \"What do we actually know?\""), [
            Step(("00:story", "00:cast"), _(
                "Open 00 in projector view. Read the story in one screen aloud, then the "
                "cast.")),
            Step(("04:who_stands", "anonymous_phrases"), _(
                "04, section \"Who stands behind the story\": how much rests on sources the "
                "article does not name? Does anonymous mean false? Exercise \"Sources "
                "without names\".")),
            Step(("02:not_add_up", "call_to_deadline", "two_readings"), _(
                "02, section \"What does not add up\": the Friday that is a Saturday in "
                "2025 (our inferred year), and the 72-hour window. Pairs do the exercises "
                "\"From the call to the deadline\" and \"Two readings of 72 hours\".")),
            Step(("per_vessel_bounds",), _(
                "03, exercise \"Reasoning about bounds\" (set up with a made-up headline): "
                "why no single figure follows from two lower bounds.")),
            Step(("exit",), _(
                "Exit question: name one thing the article says and one thing it does not "
                "say.")),
        ]),
        "plan-90": (_("A 90-minute lesson: \"Two sides, one article\""), [
            Step(("00:story", "00:cast"), _("00: the story and the cast.")),
            Step(("01:terms", "01:outcomes", "shared_categories", "both_at_once"), _(
                "01: groups read the terms table and the answers; each group explains one "
                "category in its own words, with who says it. Exercises \"Where both sides "
                "spoke\" and \"Could both be met?\".")),
            Step(("02:timeline", "02:not_add_up", "which_part_wrong"), _(
                "02 with a parameter per group (see below): each group reports what could "
                "have begun by its day. Then the exercise \"Friday, November 29\".")),
            Step(("03:destroyed", "per_vessel_bounds"), _(
                "03: the destroyed vessels and the fatalities as lower bounds. Exercise "
                "\"Reasoning about bounds\" in pairs.")),
            Step(("04:ledger", "04:who_stands", "who_denies"), _(
                "04: the claims ledger and who stands behind it. Exercise \"A denial and a "
                "report\".")),
            Step(("exit", "wrap_up"), _(
                "Wrap-up: what would you need to turn a reported claim into a confirmed "
                "one? Then the exit question.")),
        ]),
        "no-computer": (_("A lesson without computers"), [
            Step(("00:story", "00:cast"), _(
                "Handout 00, sections \"The story in one screen\" and \"Who is who\". Read "
                "the story aloud. Pairs highlight every phrase that says who is speaking "
                "(\"according to sources\", \"according to the Miami Herald\").")),
            Step(("04:ledger", "04:who_stands"), _(
                "Handout 04, sections \"The claims ledger\" and \"Who stands behind the "
                "story\". Each pair takes five rows and writes who says it, through whom, "
                "and its status. Ask: does anonymous mean false?")),
            Step(("02:not_add_up", "call_to_deadline"), _(
                "Handout 02, section \"What does not add up\": the Friday that is a "
                "Saturday in 2025 (our inferred year) and the two readings of the 72 hours. "
                "Pairs do the exercise \"From the call to the deadline\" on paper.")),
            Step(("03:destroyed", "per_vessel_bounds"), _(
                "Handout 03, section \"What was destroyed\" and the exercise \"Reasoning "
                "about bounds\". With pencil and paper, pairs make up one pair of numbers "
                "that gives fewer than 1 fatality per vessel and one that gives more than "
                "10, and label both as made up.")),
            Step(("considered_proposal",), _(
                "Handout 01, Table 1 and the exercise \"The proposal Washington agreed to "
                "consider\". Ask: does the article say who first made that proposal?")),
            Step(("exit",), _(
                "Exit slip: name one thing the article says and one thing it does not "
                "say.")),
        ]),
    }


#: Free parts a plan may use besides sections and exercises.
FREE = {"wrap_up": 4}


def _minutes(part: str) -> int:
    return FREE[part] if part in FREE else minutes(part)


def plan_total(name: str) -> int:
    """A plan's minutes, from its steps."""
    return sum(_minutes(part) for step in plans()[name][1] for part in step.parts)


def render_plan(name: str) -> str:
    """A plan as a numbered Markdown list with each step's minutes, and its total."""
    title, steps = plans()[name]
    minutes_of = _("{n} min")
    lines = [f"{k}. **{minutes_of.format(n=sum(_minutes(p) for p in s.parts))}** — {s.text}"
             for k, s in enumerate(steps, start=1)]
    lines += ["", ngettext("In all: {n} minute.", "In all: {n} minutes.",
                           plan_total(name)).format(n=plan_total(name))]
    return "\n".join(lines)


def render_notebooks() -> str:
    """The table of notebooks with their times to read and to teach, and the whole."""
    names = {"00": (_("00 Start here"), _("The story, the cast, the article's own Key "
                                          "Questions")),
             "01": (_("01 Negotiation terms"), _("What each side asked for and what came "
                                                 "back, according to whom; the article's own "
                                                 "reading kept apart")),
             "02": (_("02 Ultimatum timeline"), _("Dates as ranges; a weekday that "
                                                  "contradicts its date; a window with two "
                                                  "readings")),
             "03": (_("03 Military pressure"), _("Counts as bounds; \"allegedly\"; what a "
                                                 "designation is said to change")),
             "04": (_("04 Sources and claims"), _("Anonymous sourcing; denials; reading a "
                                                  "summary against its body"))}
    heads = [_("Notebook"), _("Teaches"), _("Read"), _("Teach, with every exercise")]
    minutes_of = _("{n} min")
    rows = ["| " + " | ".join(heads) + " |", "|---|---|---|---|"]
    for notebook, (name, teaches) in names.items():
        rows.append(f"| {name} | {teaches} | {minutes_of.format(n=read_minutes(notebook))} "
                    f"| {minutes_of.format(n=teach_minutes(notebook))} |")
    whole = sum(teach_minutes(n) for n in names)
    rows += ["", _("All five notebooks with every exercise take {n} minutes: plan three or four "
                   "lessons, or pick parts as the plans below do.").format(n=whole)]
    return "\n".join(rows)


BLOCK = re.compile(r"(?s)(<!-- generated: ([\w-]+) -->\n)(.*?)(<!-- end generated -->)")


def render_teaching(text: str) -> str:
    """TEACHING.md with every generated block written anew from this module."""
    blocks = {"notebooks": render_notebooks, **{name: (lambda n=name: render_plan(n))
                                                 for name in plans()}}

    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in blocks:
            raise KeyError(f"TEACHING.md: no generated block named {name!r}")
        return match.group(1) + blocks[name]() + "\n" + match.group(4)

    return BLOCK.sub(fill, text)


def write_teaching(path: Path) -> bool:
    """Rewrite the generated blocks of `path`; True if anything changed."""
    before = path.read_text(encoding="utf-8")
    after = render_teaching(before)
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before
