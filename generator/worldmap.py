"""An SVG map of event places, drawn at build time: no tiles, no requests when it is viewed.

Country outlines come from the packaged low-resolution world outlines of ``countryinfo``; the
map shows the box around the points (padded, at least ``MIN_SPAN`` degrees wide) in an
equirectangular projection. Each place is a circle whose area grows with its toll (the people
its events' figures count killed, wounded or detained), a link to its events, and focusable;
the SVG carries a title and a description, and every point a title, for readers who cannot see
it. At most ``MAX_POINTS`` places are drawn (the most eventful), so the map stays bounded
however large the site grows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from markupsafe import Markup, escape

WIDTH = 640
MIN_SPAN = 8.0          # degrees of longitude the map shows at least
PAD = 0.2               # share of the points' extent added around them
MAX_POINTS = 60
MIN_STEP = 0.8          # pixels between kept outline vertices


@dataclass(frozen=True)
class Point:
    label: str
    lat: float
    lon: float
    toll: float
    events: int
    href: str


@lru_cache(maxsize=1)
def outlines() -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """(country name, rings of (lon, lat)) for every country with an outline."""
    from countryinfo import all_countries

    found = []
    for country in all_countries():
        shape = country.geo_json() or {}
        rings = []
        for feature in shape.get("features", []):
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                rings += [tuple((float(x), float(y)) for x, y in ring[:]) for ring in polygon[:1]]
        if rings:
            found.append((country.name(), tuple(rings)))
    return tuple(sorted(found))


def _box(points: Sequence[Point]) -> tuple[float, float, float, float]:
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    span = max(east - west, north - south, MIN_SPAN / (1 + 2 * PAD))
    cx, cy = (west + east) / 2, (south + north) / 2
    half = span * (1 + 2 * PAD) / 2
    return cx - half, max(-85.0, cy - half * 0.75), cx + half, min(85.0, cy + half * 0.75)


def event_map(points: Sequence[Point], title: str) -> Markup:
    """The SVG of the places, or nothing when no place has coordinates."""
    return _drawn(tuple(sorted(points, key=lambda p: (-p.events, -p.toll, p.label))[:MAX_POINTS]),
                  title)


# The maps of a site's pages (about one a place), kept while the process runs: mkdocs serve
# draws again only those whose places changed.
@lru_cache(maxsize=256)
def _drawn(points: tuple[Point, ...], title: str) -> Markup:
    if not points:
        return Markup("")
    west, south, east, north = _box(points)
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * scale, 1), round((north - lat) * scale, 1)

    paths = []
    for name, rings in outlines():
        drawn = []
        for ring in rings:
            if not any(west <= x <= east and south <= y <= north for x, y in ring):
                continue
            kept, last = [], None
            for lon, lat in ring:
                here = xy(lon, lat)
                if last is None or abs(here[0] - last[0]) + abs(here[1] - last[1]) >= MIN_STEP:
                    kept.append(here)
                    last = here
            if len(kept) > 2:
                drawn.append("M" + "L".join(f"{x:g},{y:g}" for x, y in kept) + "Z")
        if drawn:
            paths.append(f'<path class="country" d="{"".join(drawn)}"><title>{escape(name)}</title></path>')
    biggest = max(p.toll for p in points) or 1
    marks = []
    for p in points:
        x, y = xy(p.lon, p.lat)
        radius = 4 + 10 * math.sqrt(p.toll / biggest)
        words = f"{p.label}: {p.events} event{'s' if p.events != 1 else ''}" + \
            (f", toll {p.toll:g}" if p.toll else "")
        # xlink:href, not href: the theme's instant navigation rewrites every [href] of a page
        # it loads by assigning el.href, which an SVG link only has a getter for
        marks.append(f'<a xlink:href="{escape(p.href)}" class="event-point" aria-label="{escape(words)}">'
                     f'<circle cx="{x:g}" cy="{y:g}" r="{radius:.1f}"><title>{escape(words)}</title>'
                     f'</circle></a>')
    description = "; ".join(f"{p.label} ({p.events})" for p in points)
    return Markup(
        f'<svg class="event-map" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="event-map-title event-map-desc" xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<title id="event-map-title">{escape(title)}</title>'
        f'<desc id="event-map-desc">Places of events, each a link to its events: '
        f'{escape(description)}</desc>'
        f'<rect class="sea" width="{WIDTH}" height="{height}"/>{"".join(paths)}{"".join(marks)}</svg>')
