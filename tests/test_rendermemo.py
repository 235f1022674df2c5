"""Kept briefing pages: a page is taken from the memo only when rendering it again would give the
same bytes, so a site rendered with the memo is always the site rendered without it. The real
pipeline's briefings of the seed articles."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator import exports, pipeline, render, rendermemo, views

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def outcome() -> pipeline.Outcome:
    return pipeline.run(SEEDS, pipeline.Settings(root=ROOT))


def rendered(briefings, articles, memo=None, page_size=render.PAGE_SIZE) -> render.Rendering:
    return render.render_site(briefings, articles, [], TEMPLATES, memo=memo, page_size=page_size)


def test_a_second_rendering_takes_every_page_from_the_kept_files(outcome, tmp_path):
    first = rendered(outcome.briefings, outcome.articles, rendermemo.Memo(tmp_path))
    memo = rendermemo.Memo(tmp_path)  # a new process: the pages are read from the folder
    second = rendered(outcome.briefings, outcome.articles, memo)
    pages = [path for path in first.files if path.endswith(".md")]
    assert (memo.reused, memo.rendered) == (len(pages), 0)
    assert second.files == first.files
    assert second.sources == first.sources


def exported(rendering: render.Rendering) -> dict[str, str]:
    return {path: text for path, text in rendering.files.items() if path.startswith("exports/")}


def test_a_second_rendering_takes_the_briefings_export_rows_from_the_kept_file(outcome, tmp_path,
                                                                              monkeypatch):
    plain = rendered(outcome.briefings, outcome.articles)
    first = rendered(outcome.briefings, outcome.articles, rendermemo.Memo(tmp_path))
    assert exported(first) == exported(plain)
    monkeypatch.setattr(exports, "briefing_rows", lambda briefing: pytest.fail("rows made again"))
    second = rendered(outcome.briefings, outcome.articles, rendermemo.Memo(tmp_path))
    assert exported(second) == exported(plain)


def test_the_rows_of_a_changed_briefing_are_made_again(outcome, tmp_path):
    memo = rendermemo.Memo(tmp_path)
    rendered(outcome.briefings, outcome.articles, memo)
    changed = [stance_turned(outcome.briefings[0]), *outcome.briefings[1:]]
    assert exported(rendered(changed, outcome.articles, memo)) == \
        exported(rendered(changed, outcome.articles))


def copies(outcome, count: int) -> list:
    """The seed briefings and copies of them as other articles, so that the listings run over
    several pages (each with its own date, so that the archive has several months)."""
    made = list(outcome.briefings)
    for n in range(count):
        briefing = outcome.briefings[n % len(outcome.briefings)]
        made.append(replace(briefing, id=f"copy-{n}", source_file=f"seeds/copy-{n}.txt",
                            title=f"A copy, number {n}", date=f"2019-0{n % 9 + 1}-15"))
    return made


def retitled(briefing):
    return replace(briefing, title="A title written again")


def stance_turned(briefing):
    turned = {"support": "oppose", "oppose": "support"}
    return replace(briefing, stances=[replace(cell, stance=turned.get(cell.stance, "support"))
                                      for cell in briefing.stances])


def actor_renamed(briefing):
    actor = max(briefing.actors, key=lambda a: a.salience)
    return replace(briefing, actors=[replace(a, name="Somebody Else Entirely") if a is actor
                                     else a for a in briefing.actors])


@pytest.mark.parametrize("edit", [retitled, stance_turned, actor_renamed])
def test_an_edited_briefing_renders_again_only_the_across_article_pages_that_show_it(
        outcome, edit):
    """Listings, the overview, the timeline... are kept too, and taken only when they would be
    the same: the site rendered with the memo after an edit is the site rendered without it.
    Rendered again are the pages that changed and those that show the edited briefing; and the
    actors', issues' and overview's pages, whose profiles hold it (shown on another of their
    pages), the home page and the tags, which read every briefing and every issue."""
    briefings = copies(outcome, 8)
    memo = rendermemo.Memo()
    before = rendered(briefings, outcome.articles, memo, page_size=2)
    briefings[4] = edit(briefings[4])
    again: list[str] = []
    keep = memo.keep
    memo.keep = lambda path, *rest: (again.append(path), keep(path, *rest))  # type: ignore
    after = rendered(briefings, outcome.articles, memo, page_size=2)
    assert after.files == rendered(briefings, outcome.articles, page_size=2).files
    changed = {path for path, text in after.files.items() if before.files.get(path) != text}
    assert changed - {"exports/briefings.jsonl", "exports/briefings.csv"} <= {*again} | {
        path for path in changed if not path.endswith(".md")}
    shows = f"briefings/{views.page_name(briefings[4].id)}.md"
    assert {path for path in again if path not in changed} <= {
        path for path in again if shows in after.files[path]
        or path.startswith(("actors/", "issues/", "overview"))} | {"index.md", "tags.md"}
    assert [path for path in after.files if path.startswith("archive/") and path not in again]


def test_a_listing_page_s_view_answers_only_what_it_notes(outcome):
    site = render.aggregate.build_site(outcome.briefings)
    digests = rendermemo.Digests(site.briefings, {b.id: b.id for b in site.briefings})
    view = rendermemo.ListingView(site, lambda actor_id: None, digests)
    assert view.briefings == site.briefings and ("part", "briefings") in view.answers
    with pytest.raises(AttributeError):
        view.actors  # noqa: B018
    with pytest.raises(TypeError):  # a value with no digest: its page is rendered every time
        digests.encode(lambda: None)


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
