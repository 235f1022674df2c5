"""Kept briefing pages: a page is taken from the memo only when rendering it again would give the
same bytes, so a site rendered with the memo is always the site rendered without it. The real
pipeline's briefings of the seed articles."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator import pipeline, render, rendermemo, views

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def outcome() -> pipeline.Outcome:
    return pipeline.run(SEEDS, pipeline.Settings(root=ROOT))


def rendered(briefings, articles, memo=None) -> render.Rendering:
    return render.render_site(briefings, articles, [], TEMPLATES, memo=memo)


def test_a_second_rendering_takes_every_briefing_page_from_the_kept_files(outcome, tmp_path):
    first = rendered(outcome.briefings, outcome.articles, rendermemo.Memo(tmp_path))
    memo = rendermemo.Memo(tmp_path)  # a new process: the pages are read from the folder
    second = rendered(outcome.briefings, outcome.articles, memo)
    assert (memo.reused, memo.rendered) == (len(outcome.briefings), 0)
    assert second.files == first.files
    assert second.sources == first.sources


def test_a_page_is_rendered_again_when_the_site_names_its_actor_otherwise(outcome):
    """Four more articles call the most salient actor of the first briefing by another name,
    which becomes the site's name for it: that page shows it, so it is not taken as kept."""
    briefing = outcome.briefings[0]
    actor = max(briefing.actors, key=lambda a: a.salience)
    memo = rendermemo.Memo()
    rendered(outcome.briefings, outcome.articles, memo)
    others = [replace(briefing, id=f"other-{n}", source_file=f"seeds/other-{n}.txt",
                      actors=[replace(a, name="Their Renamed Leader") if a.id == actor.id else a
                              for a in briefing.actors]) for n in range(4)]
    briefings = [*outcome.briefings, *others]
    with_memo = rendered(briefings, outcome.articles, memo)
    page = with_memo.files[f"briefings/{views.page_name(briefing.id)}.md"]
    assert "Their Renamed Leader" in page
    assert with_memo.files == rendered(briefings, outcome.articles).files


def test_a_template_cannot_ask_a_briefing_page_s_view_what_it_does_not_note(outcome):
    view = rendermemo.SiteView(render.aggregate.build_site(outcome.briefings),
                               lambda actor_id: None)
    with pytest.raises(AttributeError):
        view.briefings  # noqa: B018
