"""What a "correct this" control on a briefing page needs to write a ready-to-edit correction of
its item: the item's kind, the words or name that identify it, and its current values. The page
script (``overrides/assets/briefings.js``) writes them out as YAML with the page's article;
pasted into the corrections file unchanged, the correction applies (and marks the item
corrected). Items are named by quoted words and actor names, never by ids.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

from ..model import Actor, Figure, Position, StanceCell
from .apply import occurrences

QUOTE_WORDS = 12
QUOTE_MAX_WORDS = 40

NameOf = Callable[[Optional[str]], Optional[str]]


def quote_for(text: str, span: tuple[int, int]) -> str:
    """Words that name ``span`` of ``text``: its first ``QUOTE_WORDS`` words, and more of the
    text after them while those occur elsewhere too."""
    words = text[span[0]:span[1]].split()[:QUOTE_WORDS]
    following = text[span[1]:].split()
    while len(occurrences(text, " ".join(words))) > 1 and following \
            and len(words) < QUOTE_MAX_WORDS:
        words.append(following.pop(0))
    return " ".join(words)


def correction_fields(text: str, item: Any, name_of: NameOf) -> dict[str, Any]:
    """The correction of ``item`` as it stands (first key: its kind), ``text`` being its
    article's text and ``name_of`` giving an actor id's display name."""
    if isinstance(item, Position):
        return {"position": quote_for(text, item.content_span), "speaker": name_of(item.actor),
                "issues": list(item.issues), "stance": item.stance}
    if isinstance(item, Figure):
        value = int(item.value) if float(item.value).is_integer() else item.value
        return {"figure": quote_for(text, item.span), "value": value,
                "qualifier": item.qualifier, "unit": item.unit, "event": item.event,
                "category": item.category, "claimed_by": name_of(item.claimed_by),
                "about": name_of(item.about)}
    if isinstance(item, StanceCell):
        return {"cell": {"actor": name_of(item.actor), "issue": item.issue},
                "stance": item.stance}
    if isinstance(item, Actor):
        return {"actor": item.name, "name": item.name, "type": item.type, "title": item.title,
                "affiliation": name_of(item.affiliation)}
    raise TypeError(f"no correction of a {type(item).__name__}")


def correction_data(text: str, item: Any, name_of: NameOf) -> str:
    """``correction_fields`` as compact JSON, for the control's ``data-correct`` attribute."""
    return json.dumps(correction_fields(text, item, name_of), ensure_ascii=False,
                      separators=(",", ":"))
