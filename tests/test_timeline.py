"""Events on the site: the briefing page's Events section, figures with their event's date and
place, the paginated timeline and its filters, the SVG map and events.csv, built from the real
pipeline's briefings of the seed articles."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from generator import aggregate, pipeline, render, views, worldmap
from generator.model import Briefing

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def outcome() -> pipeline.Outcome:
    return pipeline.run(sorted((ROOT / "seeds").glob("*.txt")), pipeline.Settings(root=ROOT))


@pytest.fixture(scope="module")
def pages(outcome) -> dict[str, str]:
    return render.render_site(outcome.briefings, outcome.articles, outcome.errors, TEMPLATES).files


def dated(outcome) -> Briefing:
    return next(b for b in outcome.briefings if b.date == "2020-09-30")


def test_the_briefing_page_lists_its_events_with_date_place_and_sentence(outcome, pages):
    briefing = dated(outcome)
    page = pages[f"briefings/{views.page_name(briefing.id)}.md"]
    section = page[page.index("## Events"):page.index("## Actor-stance matrix")]
    assert "| 2020-09-27 (Sunday) |" in section
    assert "Stepanakert, Nagorno-Karabakh" in section
    assert re.search(r"\[s\d+\]\(#s\d+\) \|", section)


def test_a_figure_shows_the_date_of_its_event(outcome, pages):
    briefing = dated(outcome)
    page = pages[f"briefings/{views.page_name(briefing.id)}.md"]
    row = next(line for line in page.splitlines() if line.startswith("| 2,000 |"))
    assert "| 2020-09-27 |" in row


def test_a_figure_shows_the_place_of_its_event(outcome, pages):
    briefing = dated(outcome)
    page = pages[f"briefings/{views.page_name(briefing.id)}.md"]
    row = next(line for line in page.splitlines() if line.startswith("| 2 |") and "drones" in line)
    assert "| 2020-09-30 · Stepanakert, Nagorno-Karabakh |" in row


def test_the_briefing_json_on_the_site_carries_its_events(outcome, pages):
    briefing = dated(outcome)
    data = json.loads(pages[f"briefings/{views.page_name(briefing.id)}.json"])
    sunday = next(e for e in data["events"] if e["date_text"] == "Sunday")
    assert sunday["date"] == "2020-09-27" and sunday["figures"]
    assert all(f in {figure["id"] for figure in data["figures"]} for f in sunday["figures"])


def test_the_timeline_is_latest_first_and_links_each_place(pages):
    timeline = pages["events/index.md"]
    dates = re.findall(r"^\| (\d{4}-\d\d-\d\d)", timeline, re.M)
    assert dates and dates == sorted(dates, reverse=True)
    assert "(places/nagorno-karabakh.md)" in timeline
    assert "events/places/nagorno-karabakh.md" in pages and "events/types/clash.md" in pages


def test_the_map_is_inline_svg_with_a_text_alternative_and_linked_points(pages):
    svg = re.search(r"<svg class=\"event-map\".*?</svg>", pages["events/index.md"]).group(0)
    assert "<title id=\"event-map-title\">" in svg and "<desc id=\"event-map-desc\">" in svg
    assert re.search(r'<a xlink:href="places/nagorno-karabakh/" class="event-point" aria-label="[^"]+"', svg)
    assert "<path class=\"country\"" in svg
    assert not re.search(r"(?:href|src)=\"https?:", svg)


def test_the_overview_shows_the_map_of_event_places(pages):
    overview = pages["overview.md"]
    section = overview[overview.index("## Where events happened"):]
    svg = re.search(r"<svg class=\"event-map\".*?</svg>", section).group(0)
    assert re.search(r'<a xlink:href="\.\./events/places/nagorno-karabakh/" class="event-point"', svg)
    assert "<desc id=\"event-map-desc\">" in svg


def test_map_points_are_bounded_and_the_most_eventful_kept():
    points = [worldmap.Point(f"p{i}", 10 + i / 10, 20 + i / 10, 0, i, f"p{i}/")
              for i in range(worldmap.MAX_POINTS + 10)]
    svg = worldmap.event_map(points, "Map")
    assert svg.count('class="event-point"') == worldmap.MAX_POINTS
    assert 'aria-label="p0: 0 events"' not in svg


def test_events_csv_has_one_row_per_event(outcome, pages):
    rows = list(csv.DictReader(io.StringIO(pages["exports/events.csv"])))
    assert len(rows) == sum(len(b.events) for b in outcome.briefings)
    sunday = next(r for r in rows if r["date_text"] == "Sunday")
    assert sunday["date"] == "2020-09-27" and sunday["claimed_by"] == "azerbaijan-defense-ministry"


def test_events_csv_carries_the_sentence_and_escapes_a_formula(outcome):
    briefing = dated(outcome)
    data = briefing.to_dict()
    data["events"][0]["text"] = '=HYPERLINK("http://x.example","y")'
    files = render.render_site([Briefing.from_dict(data)], outcome.articles, [], TEMPLATES).files
    first = next(csv.DictReader(io.StringIO(files["exports/events.csv"])))
    assert first["text"] == "'" + data["events"][0]["text"]
    assert first["sentence"] == data["events"][0]["sentence"]


def test_event_words_are_escaped_on_every_page(outcome):
    briefing = dated(outcome)
    data = briefing.to_dict()
    data["events"][0]["text"] = "<script>alert(1)</script> [x](javascript:alert(1))"
    data["events"][0]["place"]["name"] = "<img src=x onerror=alert(1)>"
    files = render.render_site([Briefing.from_dict(data)], outcome.articles, [], TEMPLATES).files
    for path in ("events/index.md", f"briefings/{views.page_name(briefing.id)}.md"):
        assert "<script>" not in files[path] and "<img src=x" not in files[path]
        assert "](javascript:" not in files[path]


def test_timeline_pages_do_not_grow_with_the_site(outcome):
    """The timeline, its filters and the map of a site of 200 briefings are no larger than
    those of 100: listings are paginated, filters and map points capped, the pager windowed."""
    def largest(count: int) -> int:
        many = [Briefing.from_dict({**outcome.briefings[i % 2].to_dict(), "id": f"copy-{i}"})
                for i in range(count)]
        writer = render.SiteWriter(render.environment(TEMPLATES), aggregate.build_site(many), [])
        render.add_events(writer, page_size=10)
        return max(len(text) for text in writer.files.values())
    assert largest(200) <= largest(100) * 1.02


def test_an_uncertain_event_is_marked_on_its_briefing_and_the_timeline(outcome):
    briefing = dated(outcome)
    data = briefing.to_dict()
    data["events"][0]["confidence"] = 0.3
    files = render.render_site([Briefing.from_dict(data)], outcome.articles, [], TEMPLATES).files
    page = files[f"briefings/{views.page_name(briefing.id)}.md"]
    events = page[page.index("## Events"):page.index("## Actor-stance matrix")]
    assert events.count("⚠ uncertain (0.30)") == 1
    assert files["events/index.md"].count("⚠ uncertain (0.30)") == 1
