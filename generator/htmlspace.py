"""The whitespace of a themed page, compacted: a run of whitespace that holds a line break
becomes one line break.

The theme's templates indent every line of the navigation and the table of contents, and leave
blank lines where their conditions rendered nothing: on a long briefing page a twentieth of its
bytes. HTML shows a run of whitespace between words or elements as one space whatever it holds,
so the page reads the same, except where whitespace is kept as written: inside ``pre``,
``textarea``, ``code``, ``script`` and ``style``, which are left as they are. (The article's
text, shown with ``white-space: pre-wrap``, is one line whose line breaks are ``&#10;``:
``render.source_html``.)
"""
from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_BROKEN_SPACE = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def compact(page: str) -> str:
    parts = _KEPT.split(page)
    # split gives text, kept element, its tag name, text, ...
    out = []
    for number, part in enumerate(parts):
        kind = number % 3
        if kind == 0:
            out.append(_BROKEN_SPACE.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


__all__ = ["compact"]
