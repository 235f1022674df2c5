"""Charts of the figures, drawn at build time as inline SVG.

No script and no network at view time: each chart is a ``<figure>`` holding an SVG with a title
and a text description, so screen readers and print get the numbers too. Colours come from CSS
classes, so the light and dark palettes both apply; who claims a figure is written in the label,
never shown by colour alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Optional

from .aggregate import Claim, Site

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 330
PLOT_WIDTH = 300
VALUE_WIDTH = 110
MAX_BARS = 40


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str


def figure_charts(site: Site) -> list[Chart]:
    """One bar chart per kind of count (unit and what happened), bars side by side per claim."""
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in site.claims:
        figure = claim.figure
        groups.setdefault((figure.category, figure.unit, figure.event or ""), []).append(claim)
    charts = []
    for (category, unit, event), claims in groups.items():
        title = _chart_title(unit, event)
        charts.append(Chart(title=title, svg=bar_chart(title, claims[:MAX_BARS], site)))
    return charts


def _chart_title(unit: str, event: str) -> str:
    if event and event not in (unit, "other"):
        return f"{unit.capitalize()} {event}"
    return unit.capitalize()


def bar_label(claim: Claim, site: Site) -> str:
    figure = claim.figure
    who = site.actor_name(figure.claimed_by) + " claims" if figure.claimed_by else "Reported"
    about = f" about {site.actor_name(figure.about)}" if figure.about else ""
    return f"{who}{about} ({claim.briefing.date or 'undated'})"


def bar_chart(title: str, claims: list[Claim], site: Site, chart_id: Optional[str] = None) -> str:
    top = max((c.figure.value for c in claims), default=0) or 1
    height = len(claims) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    rows = []
    for i, claim in enumerate(claims):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        length = max(1.0, PLOT_WIDTH * claim.figure.value / top)
        css = "bar bar-claim" if claim.figure.claimed_by else "bar bar-report"
        rows.append(
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.1f}" '
            f'text-anchor="end">{escape(_shorten(bar_label(claim, site)))}</text>'
            f'<rect class="{css}" x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}"><title>{escape(claim.figure.text)}</title></rect>'
            f'<text class="value" x="{LABEL_WIDTH + length + 6:.1f}" '
            f'y="{y + BAR_HEIGHT * 0.7:.1f}">{escape(claim.figure.text)}</text>')
    description = "; ".join(f"{bar_label(c, site)}: {c.figure.text}" for c in claims)
    return (f'<svg class="figure-chart" role="img" viewBox="0 0 {width} {height}" '
            f'width="100%" preserveAspectRatio="xMinYMin meet" '
            f'aria-label="{escape(title)}: {escape(description)}">'
            f'<title>{escape(title)}</title>' + "".join(rows) + "</svg>")


def _shorten(text: str, limit: int = 52) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
