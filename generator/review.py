"""A briefing as compact plain-text tables, to check one article in a minute.

``python -m generator review FILE`` prints the actors, the sources cited (media only relaying,
people cited without a name), the positions (speaker → cue → content, with confidence), the
stance cells, the figures and the events (type, date, place, who against whom); an item its page leaves out (less sure than the default
``min_shown_confidence``) says so beside its confidence. Words from the article are data: control
characters are shown escaped, never sent to the terminal, and long texts are cut to fit.
"""
from __future__ import annotations

from typing import Optional, Sequence

from .aggregate import MIN_SHOWN_CONFIDENCE, is_uncertain
from .model import Briefing

WIDTH = 100          # characters a content or sentence may take before it is cut


def review_table(briefing: Briefing, width: int = WIDTH) -> str:
    names = {a.id: a.name for a in briefing.actors}

    def name(actor_id: Optional[str]) -> str:
        return names.get(actor_id or "", actor_id or "–")

    lines = [clean(f"{briefing.title} ({briefing.source_file})", width)]
    lines += section("ACTORS", ["id", "type", "name", "title", "affiliation", "mentions"], [
        [a.id, a.type, a.name, a.title or "", name(a.affiliation) if a.affiliation else "",
         str(len(a.mentions))] for a in briefing.actors if a.role != "source"])
    lines += section("SOURCES (cited, not parties)", ["id", "type", "name", "mentions"], [
        [a.id, a.type, a.name, str(len(a.mentions))] for a in briefing.actors if a.role == "source"])
    lines += section("POSITIONS", ["id", "conf", "kind", "speaker → cue → content"], [
        [p.id, confidence(p), p.kind,
         f"{name(p.actor)} → {p.cue or '–'} → {p.content}"
         + (f" (via {name(p.via)})" if p.via else "")] for p in briefing.positions], width)
    lines += section("STANCES", ["actor", "issue", "stance", "conf", "evidence"], [
        [name(c.actor), c.issue, c.stance, confidence(c), " ".join(c.evidence)]
        for c in briefing.stances])
    lines += section("FIGURES", ["id", "conf", "value", "qualifier", "unit", "event", "claimed by",
                                 "about", "text"], [
        [f.id, confidence(f), f.value_words or f"{f.value:g}", f.qualifier, f.unit, f.event or "",
         (name(f.claimed_by) + (f" (via {name(f.via)})" if f.via else "")) if f.claimed_by else "",
         name(f.about) if f.about else "", f.text]
        for f in briefing.figures], width)
    lines += section("EVENTS", ["id", "conf", "type", "date", "place", "who → against", "text"], [
        [e.id, f"{e.confidence:.2f}", e.type, when(e), place(e),
         f"{name(e.actor) if e.actor else '–'} → {name(e.target) if e.target else '–'}", e.text]
        for e in briefing.events], width)
    return "\n".join(lines) + "\n"


def section(title: str, header: Sequence[str], rows: list[list[str]],
            width: int = WIDTH) -> list[str]:
    """A titled table, columns padded to their widest cell, each cell cut to ``width``."""
    rows = [[clean(cell, width) for cell in row] for row in rows]
    out = ["", f"{title} ({len(rows)})"]
    if not rows:
        return out
    table = [list(header), *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        out.append("  " + "  ".join([cell.ljust(w) for cell, w in zip(row, widths)] + [row[-1]]).rstrip())
    return out


def confidence(item) -> str:
    """An item's confidence, and "hidden" where the pages leave it out."""
    if item.confidence is None:
        return "–"
    hidden = " hidden" if is_uncertain(item, MIN_SHOWN_CONFIDENCE) else ""
    return f"{item.confidence:.2f}{hidden}"


def when(event) -> str:
    """An event's date as the page gives it: a day, a range, or its absence."""
    if not event.date:
        return "undated"
    return f"{event.date}/{event.date_end}" if event.date_end else event.date


def place(event) -> str:
    """An event's place with its first-level area and country, "–" when the text names none."""
    if event.place is None:
        return "–"
    parts = (event.place.name, event.place.admin1, event.place.country)
    return ", ".join(dict.fromkeys(part for part in parts if part))    # "Kabul, Afghanistan" once


def clean(text: str, width: int) -> str:
    """One line of printable text: whitespace runs become one space, other control characters
    are escaped (a terminal would obey them), and text past ``width`` is cut with an ellipsis."""
    text = " ".join(text.split())
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= width else text[:width - 1] + "…"
