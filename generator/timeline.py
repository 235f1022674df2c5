"""Events across the site: the timeline's rows, its filters (type, place, actor), the places
and their tolls for the map, and the rows of ``events.csv``. Data only; ``render`` writes the
pages."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Optional

from slugify import slugify

from .model import TOLL_EVENTS, Briefing, Event, EventPlace, Figure
from .worldmap import Point

TOP_FILTERS = 20        # places and actors offered as filters on the timeline


@dataclass(frozen=True)
class EventRow:
    briefing: Briefing
    event: Event
    toll: float

    @property
    def place(self) -> Optional[str]:
        return place_key(self.event.place)


def by_month(rows: list[EventRow]) -> list[tuple[str, list[EventRow]]]:
    """Rows grouped by the month of their date, in the rows' order ("undated" for none)."""
    groups: dict[str, list[EventRow]] = {}
    for row in rows:
        groups.setdefault(row.event.date[:7] if row.event.date else "undated", []).append(row)
    return list(groups.items())


def toll(briefing: Briefing, event: Event) -> float:
    """The people an event's figures count killed, wounded or detained."""
    figures = {f.id: f for f in briefing.figures}
    return sum(figures[f].value for f in event.figures if f in figures and figures[f].event in TOLL_EVENTS)


def event_rows(briefings: Iterable[Briefing]) -> list[EventRow]:
    """Every event of the site, the latest first; undated ones last."""
    rows = [EventRow(b, e, toll(b, e)) for b in briefings for e in b.events]
    dated = sorted((r for r in rows if r.event.date), key=lambda r: (r.event.date, r.briefing.id,
                                                                      _number(r.event)), reverse=True)
    undated = sorted((r for r in rows if not r.event.date), key=lambda r: (r.briefing.id, _number(r.event)))
    return dated + undated


def _number(event: Event) -> int:
    return int(event.id[1:]) if event.id[1:].isdigit() else 0


def place_key(place: Optional[EventPlace]) -> Optional[str]:
    """Events are grouped by first-level area (or the place itself when it has none)."""
    if place is None:
        return None
    return _area_key(place.admin1 or place.name, place.country or "")


# Asked for every event row many times a build (each page of places), and slugify is slow.
@lru_cache(maxsize=None)
def _area_key(area: str, country: str) -> Optional[str]:
    return slugify(" ".join(w for w in (area, country) if w), max_length=60) or None


def place_label(place: Optional[EventPlace], detail: bool = False) -> str:
    """"Ghazni, Afghanistan"; with ``detail`` the place itself first: "Andar, Ghazni, Afghanistan"."""
    if place is None:
        return ""
    words = [place.name] if detail or not place.admin1 else []
    words += [w for w in (place.admin1, place.country) if w and w not in words]
    return ", ".join(words)


def places(rows: list[EventRow]) -> list[tuple[str, str, int]]:
    """(key, label, number of events) of every place, the most eventful first."""
    found: dict[str, list] = {}
    for row in rows:
        if row.place:
            entry = found.setdefault(row.place, [place_label(row.event.place), 0])
            entry[1] += 1
    return sorted(((k, label, n) for k, (label, n) in found.items()), key=lambda p: (-p[2], p[1], p[0]))


def types(rows: list[EventRow]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.event.type] = counts.get(row.event.type, 0) + 1
    return sorted(counts.items(), key=lambda t: (-t[1], t[0]))


def actors(rows: list[EventRow], with_pages: Iterable[str]) -> list[tuple[str, int]]:
    """Actors (with a page of their own) who did or suffered events, the most involved first."""
    wanted, counts = set(with_pages), {}
    for row in rows:
        for actor in {row.event.actor, row.event.target} & wanted:
            counts[actor] = counts.get(actor, 0) + 1
    return sorted(counts.items(), key=lambda t: (-t[1], t[0]))


def involving(rows: list[EventRow], actor_id: str) -> list[EventRow]:
    return [r for r in rows if actor_id in (r.event.actor, r.event.target)]


def map_points(rows: list[EventRow], href: Callable[[str], str]) -> list[Point]:
    """One point per place with coordinates: its number of events and its toll."""
    found: dict[str, dict] = {}
    for row in rows:
        place = row.event.place
        if row.place is None or place is None or place.lat is None or place.lon is None:
            continue
        entry = found.setdefault(row.place, {"label": place_label(place), "lat": place.lat,
                                             "lon": place.lon, "toll": 0.0, "events": 0})
        entry["toll"] += row.toll
        entry["events"] += 1
    return [Point(v["label"], v["lat"], v["lon"], v["toll"], v["events"], href(k))
            for k, v in sorted(found.items())]


def figure_events(briefing: Briefing) -> dict[str, Event]:
    """The event each figure is a toll of."""
    return {figure_id: event for event in briefing.events for figure_id in event.figures}


def when_where(event: Optional[Event]) -> str:
    """"2013-01-24 · Andar, Ghazni, Afghanistan" for a figure's line."""
    if event is None:
        return ""
    return " · ".join(w for w in (event.date or "", place_label(event.place, detail=True)) if w)


def csv_rows(briefings: Iterable[Briefing], figures_text: Callable[[Figure], str]) -> Iterable[list]:
    for b in briefings:
        figures = {f.id: f for f in b.figures}
        for e in b.events:
            place = e.place or EventPlace(name="")
            yield [b.id, b.date, e.id, e.type, e.date, e.date_end, e.date_text, place.name or None,
                   place.admin1, place.country, place.lat, place.lon, e.actor, e.target,
                   " ".join(e.figures), "; ".join(figures_text(figures[f]) for f in e.figures if f in figures),
                   e.claimed_by, e.confidence, e.text, e.span[0], e.span[1], e.sentence]


CSV_HEADER = ["briefing", "briefing_date", "event", "type", "date", "date_end", "date_text",
              "place", "admin1", "country", "lat", "lon", "actor", "target", "figures", "toll",
              "claimed_by", "confidence", "text", "start", "end", "sentence"]
