"""Charts of the figures, drawn at build time as inline SVG.

No script and no network at view time: each chart is a ``<figure>`` holding an SVG with a title
and a text description, so screen readers and print get the numbers too. Colours come from CSS
classes, so the light and dark palettes both apply; who claims a figure is written in the label,
never shown by colour alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable
from .aggregate import Claim, Site
from .model import Figure

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 400
PLOT_WIDTH = 230
VALUE_WIDTH = 200
MAX_BARS = 40


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str


CATEGORY_TITLES = {"casualties": "Casualties", "detentions": "Detentions",
                   "military_equipment": "Military equipment", "displacement": "Displacement",
                   "duration": "Durations", "diplomatic": "Diplomatic counts",
                   "economic": "Economic figures", "other": "Other figures"}


def figure_charts(site: Site, describe: Callable[[Figure], str]) -> list[Chart]:
    """One bar chart per category of figure (casualties, equipment...), one bar per claim, so
    rival claims about the same losses sit next to each other. Each bar is labelled with its
    own words, ``describe(figure)`` ("more than 100 people killed"), since a category mixes
    units."""
    groups: dict[str, list[Claim]] = {}
    for claim in site.claims:
        groups.setdefault(claim.figure.category, []).append(claim)
    charts = []
    for category in sorted(groups, key=lambda c: (list(CATEGORY_TITLES).index(c)
                                                  if c in CATEGORY_TITLES else 99, c)):
        title = CATEGORY_TITLES.get(category, category.replace("_", " ").capitalize())
        charts.append(Chart(title=title, svg=bar_chart(title, groups[category][:MAX_BARS], site,
                                                       describe)))
    return charts


def bar_label(claim: Claim, site: Site) -> str:
    figure = claim.figure
    who = site.actor_name(figure.claimed_by) + " claims" if figure.claimed_by else "Article states"
    about = f", about {site.actor_name(figure.about)}" if figure.about else ""
    return f"{who}{about}, {claim.briefing.date or 'undated'}"



def bar_chart(title: str, claims: list[Claim], site: Site,
              describe: Callable[[Figure], str]) -> str:
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
            f'y="{y + BAR_HEIGHT * 0.7:.1f}">{escape(_shorten(describe(claim.figure), 32))}</text>')
    description = "; ".join(f"{bar_label(c, site)}: {describe(c.figure)}" for c in claims)
    return (f'<svg class="figure-chart" role="img" viewBox="0 0 {width} {height}" '
            f'width="100%" preserveAspectRatio="xMinYMin meet" '
            f'aria-label="{escape(title)}: {escape(description)}">'
            f'<title>{escape(title)}</title>' + "".join(rows) + "</svg>")


def _shorten(text: str, limit: int = 62) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"
