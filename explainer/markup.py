"""Text from the data into Markdown or MyST: the one way in, and it is inert.

Every character that could open HTML, a link or image, a role, a directive, a
substitution, math, a code span, a fence, a heading or a table cell is backslash-escaped
(CommonMark lets any ASCII punctuation be escaped), so they all come out as the
characters they are. Emphasis (`*`, `_`) is left alone: it can only slant words. Line
breaks become spaces: text from the data is always placed inline.
"""

from __future__ import annotations

import re

#: The ASCII punctuation that can open something active; the rest stays readable.
_ACTIVE = re.compile(r"([\\`{}\[\]<>#|$~&])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def text(value: object) -> str:
    """`value` as inline Markdown/MyST that shows exactly its characters."""
    return _ACTIVE.sub(r"\\\1", _BREAKS.sub(" ", "" if value is None else str(value)))


def code(value: object) -> str:
    """`value` as an inline code span (literal by nature), safe in a table cell."""
    body = _BREAKS.sub(" ", "" if value is None else str(value))
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
    return f"{fence}{pad}{body}{pad}{fence}".replace("|", "\\|")


def link(label: object, target: str) -> str:
    """A link to a file beside the page, only when `target` is a plain relative file name;
    anything else (a scheme such as `javascript:`, a path that climbs) is shown as code."""
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-/]*", target) and ".." not in target:
        return f"[{text(label)}]({target})"
    return code(target)
