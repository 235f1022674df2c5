"""The data exports: CSV files of actors, positions, figures, stances and events across the
site, and the JSON Lines of every briefing. A cell a spreadsheet would read as a formula is
written as text (``csv_cell``)."""
from __future__ import annotations

import csv
import io
import re
from typing import Callable, Iterable, Optional, Sequence

from . import aggregate, timeline
from .cache import text_digest
from .keptvalues import KeptValues
from .model import Briefing
from .views import correction_words, figure_words

# First characters that make a spreadsheet read a cell as a formula (csv_cell).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def plain_number(value: float) -> str:
    """A number the same way whether it was computed (``0.0``) or read back from JSON (``0``)."""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(header)
    return buffer.getvalue() + csv_rows(rows)


def csv_rows(rows: Iterable[Sequence[object]]) -> str:
    """Rows of CSV, each cell through ``csv_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
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


ACTORS = ["briefing", "date", "actor", "name", "type", "title", "affiliation", "mentions",
          "salience", "corrected"]
POSITIONS = ["briefing", "date", "position", "actor", "cue", "content", "kind", "via", "issues",
             "stance", "start", "end", "corrected", "confidence"]
FIGURES = ["briefing", "date", "figure", "value", "qualifier", "unit", "event", "category",
           "claimed_by", "via", "about", "text", "start", "end", "corrected", "confidence"]
STANCES = ["briefing", "date", "actor", "issue", "stance", "evidence", "corrected", "confidence"]


def _actor_rows(b: Briefing) -> Iterable[list]:
    return ([b.id, b.date, a.id, a.name, a.type, a.title, a.affiliation, len(a.mentions),
             plain_number(a.salience), correction_words(a.corrected)] for a in b.actors)


def _position_rows(b: Briefing) -> Iterable[list]:
    return ([b.id, b.date, p.id, p.actor, p.cue, p.content, p.kind, p.via, " ".join(p.issues),
             p.stance, p.content_span[0], p.content_span[1], correction_words(p.corrected),
             _confidence(p)] for p in b.positions)


def _figure_rows(b: Briefing) -> Iterable[list]:
    return ([b.id, b.date, f.id, plain_number(f.value), f.qualifier, f.unit, f.event, f.category,
             f.claimed_by, f.via, f.about, f.text, f.span[0], f.span[1],
             correction_words(f.corrected), _confidence(f)] for f in b.figures)


def _stance_rows(b: Briefing) -> Iterable[list]:
    return ([b.id, b.date, c.actor, c.issue, c.stance, " ".join(c.evidence),
             correction_words(c.corrected), _confidence(c)] for c in b.stances)


def _event_rows(b: Briefing) -> Iterable[list]:
    return timeline.csv_rows([b], figure_words)


# Each CSV export: its path, its header, the rows one briefing gives it (in the briefings' order).
CSV_EXPORTS: tuple[tuple[str, Sequence[str], Callable[[Briefing], Iterable[list]]], ...] = (
    ("exports/actors.csv", ACTORS, _actor_rows),
    ("exports/positions.csv", POSITIONS, _position_rows),
    ("exports/figures.csv", FIGURES, _figure_rows),
    ("exports/stances.csv", STANCES, _stance_rows),
    ("exports/events.csv", timeline.CSV_HEADER, _event_rows),
)



def briefing_rows(briefing: Briefing) -> tuple[str, ...]:
    """The rows ``briefing`` gives each of ``CSV_EXPORTS``, as CSV text without a header (a CSV
    writer writes each row alone: the exports are their header and these texts joined)."""
    return tuple(csv_rows(rows(briefing)) for _, _, rows in CSV_EXPORTS)


def export_files(site: aggregate.Site, json_lines: dict[str, str],
                 kept: Optional[KeptValues] = None) -> dict[str, str]:
    """The CSV exports and the JSON Lines of every briefing (``json_lines``: id → line). Each
    briefing's rows (``briefing_rows``) are kept in ``kept`` under a digest of its line of JSON,
    which holds everything they are made from: writing the rows of every briefing again is most
    of a second of every build of a thousand briefings."""
    briefings = site.briefings
    rows = [kept.get(text_digest(json_lines[b.id]), lambda b=b: briefing_rows(b))[0]
            if kept is not None else briefing_rows(b) for b in briefings]
    files = {path: csv_text(header, ()) + "".join(texts[n] for texts in rows)
             for n, (path, header, _) in enumerate(CSV_EXPORTS)}
    files["exports/briefings.jsonl"] = "".join(json_lines[b.id] for b in briefings)
    return files
