"""Small views the templates use: numbers, figures and stances in words, anchors into a
briefing's source text, page names and where a link to an actor leads."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import Optional, Sequence

from markupsafe import Markup

from . import aggregate, rendermemo
from .escape import escape_attribute
from .model import Briefing, Event, Figure, Position, Provenance, Span

STANCE_SYMBOLS = {"support": "\u2714", "oppose": "\u2718", "conditional": "\u25d0",
                  "mixed": "\u00b1", "neutral": "\u25cb"}
QUALIFIER_WORDS = {"exact": "", "approximately": "about", "at_least": "at least",
                   "more_than": "more than", "less_than": "fewer than", "up_to": "up to"}


def as_date(value: Optional[str]) -> Optional[date]:
    """An ISO date as a ``date``, so front matter holds a YAML date that feed plugins read."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_value(figure: Figure) -> str:
    """``more than 100``: the number with its qualifier in words; a range with both bounds
    (``between 10 and 15``); a vague quantity in the article's own words (``scores of``)."""
    if figure.value_words:
        return figure.value_words
    if figure.value_max is not None:
        return f"between {format_number(figure.value)} and {format_number(figure.value_max)}"
    words = QUALIFIER_WORDS.get(figure.qualifier, figure.qualifier.replace("_", " "))
    return f"{words} {format_number(figure.value)}".strip()


def figure_words(figure: Figure) -> str:
    """``more than 100 people killed``: value, qualifier, unit and what happened, in words."""
    event = figure.event if figure.event and figure.event not in (figure.unit, "other") else \
        f"{figure.total_of} in all" if figure.total_of and not figure.event else ""
    return " ".join(part for part in (figure_value(figure), figure.unit, event) if part)


def correction_words(corrected: Optional[Provenance]) -> str:
    """``Corrected by desk: a town, not an actor``: who corrected an item and why, in words."""
    if not corrected:
        return ""
    by, note = corrected.get("by"), corrected.get("note")
    words = f"Corrected by {by}" if by else "Corrected by an editor"
    return f"{words}: {note}" if note else words


def corrected_badge(corrected: Optional[Provenance]) -> Markup:
    """The mark of an item an editor corrected: the word, with who and why on hover and for
    screen readers. Safe in raw HTML and in Markdown table cells."""
    if not corrected:
        return Markup("")
    words = escape_attribute(correction_words(corrected))
    return Markup(f'<span class="corrected" title="{words}">\u270e corrected'
                  f'<span class="visually-hidden"> ({words})</span></span>')


def stance_label(stance: Optional[str]) -> str:
    """A symbol and a word, so a stance never depends on colour alone."""
    if not stance:
        return ""
    return f"{STANCE_SYMBOLS.get(stance, '?')} {stance}"


def sentence_index(sentences: Sequence[Span], offset: int) -> Optional[int]:
    """The 1-based number of the sentence that holds ``offset`` (the anchor ``#s<n>``)."""
    i = bisect_right(sentences, offset, key=lambda sentence: sentence[0]) - 1
    if i >= 0 and sentences[i][0] <= offset < max(sentences[i][1], sentences[i][0] + 1):
        return i + 1
    return None


def position_anchor(briefing: Briefing, position: Position) -> Optional[int]:
    span = position.content_span or position.cue_span or position.source_span
    return sentence_index(briefing.sentences, span[0]) if span else None


def figure_anchor(briefing: Briefing, figure: Figure) -> Optional[int]:
    return sentence_index(briefing.sentences, figure.span[0])


def event_anchor(briefing: Briefing, event: Event) -> str:
    """The sentence an event is told in (``s12``), or none."""
    n = sentence_index(briefing.sentences, event.span[0])
    return f"s{n}" if n else ""


def event_type_label(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


def cell_anchor(briefing: Briefing, cell) -> str:
    """``s<n>``: the sentence of the first evidence position of a stance cell, or ``""``."""
    positions = {p.id: p for p in briefing.positions}
    for position_id in cell.evidence:
        if position_id in positions:
            number = position_anchor(briefing, positions[position_id])
            if number:
                return f"s{number}"
    return ""


def page_name(identifier: str, kind: str = "briefing") -> str:
    """The file stem of a briefing's or actor's page; ``index`` is taken by the folder's own
    page."""
    return f"{kind}-index" if identifier == "index" else identifier


def actor_anchor(actor_id: str) -> str:
    """The anchor of an actor's positions on a briefing page."""
    return f"actor-{actor_id}"


def actor_target(site: aggregate.Site, actor_id: Optional[str]) -> Optional[str]:
    """Where a link to an actor leads, as a docs path: its own page when it has one, else its
    positions on the one briefing they come from, else nowhere (a name only mentioned)."""
    if isinstance(site, rendermemo.SiteView):  # a briefing page, noting what it shows
        return site.actor_target(actor_id)
    profile = site.actors.get(actor_id or "")
    if profile is None:
        return None
    if profile.id in site.actor_pages:
        return f"actors/{page_name(profile.id, 'actor')}.md"
    if profile.positions:
        briefing = profile.positions[0].briefing
        return f"briefings/{page_name(briefing.id)}.md#{actor_anchor(profile.id)}"
    return None


def page_numbers(path: str, count: int) -> list[str]:
    """The docs paths of a listing split into ``count`` pages: ``X.md``, ``X/2.md``, ...
    (``X/2.md`` cannot clash with a page ``X-2.md`` an id might ask for)."""
    return [path] + [f"{path[:-3]}/{n}.md" for n in range(2, count + 1)]
