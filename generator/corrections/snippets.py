"""Snippets: a ready-to-edit correction of an item on a briefing page, which its "correct this"
control copies. Pasted into the corrections file unchanged, a snippet applies (and marks the
item corrected); it names the item by its article and quoted words, never by an id.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Optional

from ..model import ACTOR_TYPES, Actor, Briefing, Figure, Position, StanceCell
from .apply import occurrences
from .file import allowed_values

QUOTE_WORDS = 12
QUOTE_MAX_WORDS = 40


def quote_for(text: str, span: tuple[int, int]) -> str:
    """Words that name ``span`` of ``text``: its first ``QUOTE_WORDS`` words, and more of the
    text after them while those occur elsewhere too."""
    words = text[span[0]:span[1]].split()[:QUOTE_WORDS]
    following = text[span[1]:].split()
    while len(occurrences(text, " ".join(words))) > 1 and following \
            and len(words) < QUOTE_MAX_WORDS:
        words.append(following.pop(0))
    return " ".join(words)


def _value(value: Any) -> str:
    """A YAML value: JSON's double-quoted strings, numbers, lists and null are YAML too."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False)


def _choices(values: Iterable[Any]) -> str:
    return " | ".join("null" if v is None else str(v) for v in values)


def _snippet(lines: list[tuple[str, Any, str]]) -> str:
    """``- key: value  # comment`` lines; a key starting with ``#`` is a commented-out line."""
    out = []
    for n, (key, value, comment) in enumerate(lines):
        lead = "- " if n == 0 else "  "
        line = f"{key}" if key.startswith("#") else f"{key}: {_value(value)}"
        out.append(f"{lead}{line}" + (f"  # {comment}" if comment else ""))
    return "\n".join(out) + "\n"


_PROVENANCE_LINES = [("note", None, "why, shown to readers"), ("by", None, "who corrected it")]


def position_snippet(briefing: Briefing, text: str, position: Position,
                     name_of: Callable[[Optional[str]], Optional[str]]) -> str:
    return _snippet([
        ("article", briefing.source_file, ""),
        ("position", quote_for(text, position.content_span), "words of what was said"),
        ("speaker", name_of(position.actor), "who said it; null: nobody named"),
        ("issues", list(position.issues), "issue ids"),
        ("stance", position.stance, _choices(allowed_values()[("position", "stance")])),
        ("# drop: true", None, "not a position at all"),
        *_PROVENANCE_LINES])


def figure_snippet(briefing: Briefing, text: str, figure: Figure,
                   name_of: Callable[[Optional[str]], Optional[str]]) -> str:
    enums = allowed_values()
    return _snippet([
        ("article", briefing.source_file, ""),
        ("figure", quote_for(text, figure.span), "words of the figure"),
        ("value", figure.value, ""),
        ("qualifier", figure.qualifier, _choices(enums[("figure", "qualifier")])),
        ("unit", figure.unit, "what is counted"),
        ("event", figure.event, _choices(enums[("figure", "event")])),
        ("category", figure.category, _choices(enums[("figure", "category")])),
        ("claimed_by", name_of(figure.claimed_by), "null: the article states it"),
        ("about", name_of(figure.about), "whose losses, which side"),
        ("# drop: true", None, "not a figure that matters"),
        *_PROVENANCE_LINES])


def cell_snippet(briefing: Briefing, cell: StanceCell,
                 name_of: Callable[[Optional[str]], Optional[str]]) -> str:
    return _snippet([
        ("article", briefing.source_file, ""),
        ("cell", {"actor": name_of(cell.actor), "issue": cell.issue}, ""),
        ("stance", cell.stance, _choices(allowed_values()[("cell", "stance")])),
        ("# drop: true", None, "clear the cell"),
        *_PROVENANCE_LINES])


def actor_snippet(briefing: Briefing, actor: Actor,
                  name_of: Callable[[Optional[str]], Optional[str]]) -> str:
    return _snippet([
        ("actor", actor.name, ""),
        ("article", briefing.source_file, "remove this line to correct every briefing"),
        ("name", actor.name, ""),
        ("type", actor.type, _choices(ACTOR_TYPES)),
        ("title", actor.title, ""),
        ("affiliation", name_of(actor.affiliation), "the state or body it belongs to"),
        ("# merge_into: \"Name\"", None, "the same actor as another"),
        ("# place: true", None, "a place, not an actor"),
        ("# drop: true", None, "not an actor at all"),
        *_PROVENANCE_LINES])
