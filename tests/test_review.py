"""``python -m generator review FILE``: one article's actors, positions, stance cells, figures and
events as compact tables, on an article written for the test."""
from __future__ import annotations

import contextlib
import io

import pytest

from generator.cli import main
from generator.model import Briefing, Figure
from generator.review import review_table

ARTICLE = ("Armenia is not ready for peace talks with Azerbaijan, Armenian Prime Minister Nikol "
           "Pashinyan said on Monday. At least 12 soldiers were killed in the fighting, the "
           "Armenian defence ministry said.\n\nAzerbaijani forces shelled Stepanakert on "
           "Sunday.\n")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("review")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["review", str(folder / "article.txt"), "--no-cache"]) == 0
    return out.getvalue()


def section(printed: str, title: str) -> list[str]:
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title + " ("))
    body = []
    for line in lines[start + 2:]:
        if not line.strip():
            break
        body.append(line)
    return body


def test_review_lists_each_kind_of_item_under_its_heading_with_a_count(printed):
    for title in ("ACTORS", "POSITIONS", "STANCES", "FIGURES", "EVENTS"):
        assert any(line.startswith(title + " (") for line in printed.splitlines())
    assert len(section(printed, "FIGURES")) == int(printed.split("FIGURES (")[1].split(")")[0])


def test_review_shows_speaker_cue_and_content_with_the_confidence(printed):
    (row,) = [line for line in section(printed, "POSITIONS") if "Nikol Pashinyan" in line]
    assert "Nikol Pashinyan → said → Armenia is not ready for peace talks with Azerbaijan" in row
    assert row.split()[1].replace(".", "", 1).isdigit()      # p1  0.87  indirect  …


def test_review_shows_each_stance_cell_with_its_evidence(printed):
    rows = section(printed, "STANCES")
    assert any(r.split()[:3] == ["Nikol", "Pashinyan", "negotiations"] and "oppose" in r
               for r in rows)


def test_review_shows_each_event_with_its_type_date_and_place(printed):
    (row,) = [line for line in section(printed, "EVENTS") if "shelled Stepanakert" in line]
    assert row.split()[2] == "shelling"
    assert "Stepanakert" in row.split("shelling", 1)[1].split("→")[0]


def untitled(title: str) -> Briefing:
    return Briefing(id="x", source_file="x.txt", title=title, date=None, source=None, url=None,
                    summary="", text_sha256="")


def test_review_never_sends_the_articles_control_characters_to_the_terminal():
    text = review_table(untitled("Clear\x1b[2Jscreen"))
    assert "\x1b" not in text and "\\x1b[2J" in text


def test_review_cuts_long_texts_to_the_width_asked_for():
    first = review_table(untitled("word " * 50), width=40).splitlines()[0]
    assert len(first) == 40 and first.endswith("…")


def test_review_shows_a_vague_quantity_in_the_articles_words_as_its_page_does():
    figure = Figure(id="f1", value=20, qualifier="more_than", unit="civilians", event="killed",
                    category="casualties", claimed_by=None, about=None, text="scores of civilians",
                    span=(0, 19), sentence="Scores of civilians were killed.", value_words="scores of")
    briefing = untitled("Shelling")
    briefing.figures.append(figure)
    (row,) = section(review_table(briefing), "FIGURES")
    assert row.split()[2:4] == ["scores", "of"]


def test_review_lists_a_medium_that_only_relays_under_sources_not_actors():
    from test_extract import brief
    printed = review_table(brief("Armenia is not ready for talks, Nikol Pashinyan told Reuters."))
    assert any("Nikol Pashinyan" in row for row in section(printed, "ACTORS"))
    assert not any("Reuters" in row for row in section(printed, "ACTORS"))
    assert any("Reuters" in row for row in section(printed, "SOURCES (cited, not parties)"))


def test_review_says_which_items_the_pages_leave_out(tmp_path):
    import json
    from dataclasses import replace
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["extract", str(tmp_path / "article.txt"), "--jsonl", "--no-cache"]) == 0
    briefing = Briefing.from_dict(json.loads(out.getvalue()))
    (first, *rest) = briefing.positions
    table = review_table(replace(briefing, positions=[replace(first, confidence=0.3),
                                                      *[replace(p, confidence=0.9) for p in rest]]))
    rows = section(table, "POSITIONS")
    assert rows[0].split()[1:3] == ["0.30", "hidden"]
    assert rest and all("hidden" not in row for row in rows[1:])
