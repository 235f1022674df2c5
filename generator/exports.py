"""The data exports: CSV files of actors, positions, figures, stances and events across the
site, and the JSON Lines of every briefing. A cell a spreadsheet would read as a formula is
written as text (``csv_cell``)."""
from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Optional, Sequence

from . import aggregate, timeline
from .views import correction_words, figure_words

# First characters that make a spreadsheet read a cell as a formula (csv_cell).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def plain_number(value: float) -> str:
    """A number the same way whether it was computed (``0.0``) or read back from JSON (``0``)."""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def _confidence(item) -> Optional[str]:
    return None if item.confidence is None else plain_number(item.confidence)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one that would open a formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return first) gets a leading apostrophe, as OWASP advises
    against CSV injection; numbers (and text that is only a number) stay as they are. Carriage
    returns become line feeds, which the writer quotes (it quotes only its line terminator)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value[:1] in _FORMULA_STARTS and not _NUMBER.fullmatch(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def export_files(site: aggregate.Site, json_lines: dict[str, str]) -> dict[str, str]:
    """The CSV exports and the JSON Lines of every briefing (``json_lines``: id → line)."""
    briefings = site.briefings
    actors = csv_text(
        ["briefing", "date", "actor", "name", "type", "title", "affiliation", "mentions",
         "salience", "corrected"],
        ([b.id, b.date, a.id, a.name, a.type, a.title, a.affiliation, len(a.mentions), plain_number(a.salience),
          correction_words(a.corrected)]
         for b in briefings for a in b.actors))
    positions = csv_text(
        ["briefing", "date", "position", "actor", "cue", "content", "kind", "via", "issues",
         "stance", "start", "end", "corrected", "confidence"],
        ([b.id, b.date, p.id, p.actor, p.cue, p.content, p.kind, p.via, " ".join(p.issues),
          p.stance, p.content_span[0], p.content_span[1], correction_words(p.corrected),
          _confidence(p)]
         for b in briefings for p in b.positions))
    figures = csv_text(
        ["briefing", "date", "figure", "value", "qualifier", "unit", "event", "category",
         "claimed_by", "via", "about", "text", "start", "end", "corrected", "confidence"],
        ([b.id, b.date, f.id, plain_number(f.value), f.qualifier, f.unit,
          f.event, f.category, f.claimed_by, f.via, f.about, f.text, f.span[0], f.span[1],
          correction_words(f.corrected), _confidence(f)]
         for b in briefings for f in b.figures))
    stances = csv_text(
        ["briefing", "date", "actor", "issue", "stance", "evidence", "corrected", "confidence"],
        ([b.id, b.date, c.actor, c.issue, c.stance, " ".join(c.evidence),
          correction_words(c.corrected), _confidence(c)]
         for b in briefings for c in b.stances))
    events = csv_text(timeline.CSV_HEADER, timeline.csv_rows(briefings, figure_words))
    jsonl = "".join(json_lines[b.id] for b in briefings)
    return {"exports/actors.csv": actors, "exports/positions.csv": positions,
            "exports/figures.csv": figures, "exports/stances.csv": stances,
            "exports/events.csv": events, "exports/briefings.jsonl": jsonl}
