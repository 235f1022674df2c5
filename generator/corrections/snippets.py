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


# The fields of each kind of correction, its kind first, in the order the page script writes
# them out (it is given this on every briefing page: ``correction_data`` leaves out the empty ones).
FIELDS = {"position": ("position", "speaker", "issues", "stance"),
          "figure": ("figure", "value", "qualifier", "unit", "event", "category", "claimed_by",
                     "about"),
          "cell": ("cell", "stance"),
          "actor": ("actor", "name", "type", "title", "affiliation")}


def correction_fields(text: str, item: Any, name_of: NameOf) -> dict[str, Any]:
    """The correction of ``item`` as it stands (first key: its kind), ``text`` being its
    article's text and ``name_of`` giving an actor id's display name."""
    if isinstance(item, Position):
        return _fields("position", quote_for(text, item.content_span), name_of(item.actor),
                       list(item.issues), item.stance)
    if isinstance(item, Figure):
        value = int(item.value) if float(item.value).is_integer() else item.value
        return _fields("figure", quote_for(text, item.span), value, item.qualifier, item.unit,
                       item.event, item.category, name_of(item.claimed_by), name_of(item.about))
    if isinstance(item, StanceCell):
        return _fields("cell", {"actor": name_of(item.actor), "issue": item.issue}, item.stance)
    if isinstance(item, Actor):
        return _fields("actor", item.name, item.name, item.type, item.title,
                       name_of(item.affiliation))
    raise TypeError(f"no correction of a {type(item).__name__}")


def _fields(kind: str, *values: Any) -> dict[str, Any]:
    return dict(zip(FIELDS[kind], values, strict=True))


def correction_data(text: str, item: Any, name_of: NameOf) -> str:
    """``correction_fields`` as compact JSON, for the control's ``data-correct`` attribute. A
    page holds hundreds of these: the fields that are null are left out (the page script writes
    them out as null, in the order of ``FIELDS``)."""
    fields = {key: value for key, value in correction_fields(text, item, name_of).items()
              if value is not None}
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def fields_data() -> str:
    """``FIELDS`` as compact JSON, for the page script."""
    return json.dumps(FIELDS, separators=(",", ":"))
