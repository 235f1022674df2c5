"""Render stage: escaping, source text, links, writing only what changed, and pages built from the
real pipeline's briefings of the seed articles."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from generator import aggregate, docsfolder, escape, exports, pipeline, render, views
from generator.model import Briefing, Figure

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEMPLATES = ROOT / "templates"

# The Markdown extensions the site enables (mkdocs.yml), so escaping is checked against them.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def outcome() -> pipeline.Outcome:
    return pipeline.run(SEEDS, pipeline.Settings(root=ROOT))


@pytest.fixture(scope="module")
def pages(outcome) -> dict[str, str]:
    return render.render_site(outcome.briefings, outcome.articles, outcome.errors, TEMPLATES).files


# --- escaping -------------------------------------------------------------------------------

HOSTILE = "*bold* _it_ `code` [link](javascript:alert(1)) <script>alert(1)</script> # 1. - + ! ~~s~~ {: .x} &amp; :smile:"


def test_escaped_text_renders_as_exactly_the_original_words():
    rendered = to_html(escape.escape_markdown(HOSTILE))
    assert visible_text(rendered).strip() == HOSTILE


def test_escaped_text_opens_no_tag_and_no_link():
    rendered = to_html(escape.escape_markdown(HOSTILE))
    assert re.findall(r"<(\w+)", rendered) == ["p"]


def test_escaped_text_keeps_a_pipe_inside_its_table_cell():
    table = f"| a | b |\n| --- | --- |\n| {escape.escape_markdown('left | right')} | x |\n"
    cells = re.findall(r"<td>(.*?)</td>", to_html(table))
    assert [visible_text(c) for c in cells] == ["left | right", "x"]


def test_newlines_in_a_value_cannot_start_a_new_block():
    rendered = to_html("| a |\n| --- |\n| " + escape.escape_markdown("one\n\n# two\n- three") + " |\n")
    assert visible_text(re.search(r"<td>(.*?)</td>", rendered).group(1)) == "one # two - three"


@pytest.mark.parametrize("value", ["# heading", "- item", "+ item", "1990. A year", "3) three"])
def test_a_value_at_the_start_of_a_line_opens_no_block(value):
    rendered = to_html(escape.escape_markdown(value))
    assert rendered == f"<p>{html.escape(value, quote=False)}</p>" or visible_text(rendered) == value
    assert re.findall(r"<(\w+)", rendered) == ["p"]


def test_front_matter_quotes_values_that_look_like_yaml():
    title = 'Talks: "no" --- [rejected] #1 *all*'
    block = escape.front_matter({"title": title, "tags": ["a: b", "- c"]})
    data = yaml.safe_load(block.strip().strip("-"))
    assert data == {"title": title.replace('"', "&quot;"), "tags": ["a: b", "- c"]}


def test_front_matter_values_are_html_escaped_for_themes_that_print_them_raw():
    block = escape.front_matter({"title": "<b>A & B's</b>", "description": '"quoted"'})
    data = yaml.safe_load(block.strip().strip("-"))
    assert data == {"title": "&lt;b&gt;A &amp; B's&lt;/b&gt;", "description": "&quot;quoted&quot;"}


def test_front_matter_leaves_out_empty_values():
    assert "date" not in escape.front_matter({"title": "t", "date": None})


# --- the source text -------------------------------------------------------------------------

TEXT = "Armenia rejected talks.\nAliyev said <no> & \"never\".\n"
SENTENCES = [(0, 23), (24, 51)]


def test_source_text_shows_every_character_of_the_article():
    fragment = render.source_html(TEXT, SENTENCES, marks=[(8, 22)])
    shown = visible_text(fragment.replace("&#10;", "\n"))
    assert shown == TEXT


def test_each_sentence_is_an_anchor_numbered_from_one():
    fragment = render.source_html(TEXT, SENTENCES, marks=[])
    assert re.findall(r'id="(s\d+)"', fragment) == ["s1", "s2"]


def test_evidence_words_are_marked_inside_their_sentence():
    fragment = render.source_html(TEXT, SENTENCES, marks=[(8, 22)], evidence_sentences=[1])
    assert '<span class="evidence-sentence" id="s1">Armenia <mark>rejected talks</mark>.</span>' \
        in fragment


def test_neighbouring_evidence_words_share_one_mark():
    """Two positions' words side by side (a cue, then its content) read as one highlight."""
    fragment = render.source_html(TEXT, SENTENCES, marks=[(0, 8), (8, 22)])
    assert '<span id="s1"><mark>Armenia rejected talks</mark>.</span>' in fragment


def test_site_chrome_is_shown_dimmed_not_dropped():
    fragment = render.source_html("Sign up now. Real news.", [(13, 23)], [], hidden=[(0, 12)])
    assert '<span class="chrome">Sign up now.</span>' in fragment


def test_source_text_is_one_raw_html_line():
    assert "\n" not in render.source_html(TEXT, SENTENCES, marks=[])


def test_sentence_index_finds_the_sentence_holding_an_offset():
    assert [views.sentence_index(SENTENCES, o) for o in (0, 22, 23, 30, 60)] == [1, 1, None, 2, None]


# --- links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("here, target, anchor, expected", [
    ("overview.md", "briefings/a.md", "s3", "../briefings/a/#s3"),
    ("index.md", "actors/x.md", "", "actors/x/"),
    ("actors/index.md", "actors/x.md", "", "x/"),
    ("exports/index.md", "feed_rss_created.xml", "", "../feed_rss_created.xml"),
    ("briefings/a.md", "index.md", "", "../../"),
])
def test_relative_url_follows_directory_urls(here, target, anchor, expected):
    assert render.relative_url(here, target, anchor) == expected


def test_relative_url_without_directory_urls():
    assert render.relative_url("overview.md", "actors/x.md", "", directory_urls=False) == "actors/x.html"


# --- writing ------------------------------------------------------------------------------------

def test_unchanged_files_are_not_rewritten(tmp_path):
    docsfolder.write_files(tmp_path, {"a.md": "one", "b/c.md": "two"})
    before = (tmp_path / "a.md").stat().st_mtime_ns
    assert docsfolder.write_files(tmp_path, {"a.md": "one", "b/c.md": "two"}) == []
    assert (tmp_path / "a.md").stat().st_mtime_ns == before


def test_changed_files_are_rewritten(tmp_path):
    docsfolder.write_files(tmp_path, {"a.md": "one"})
    assert docsfolder.write_files(tmp_path, {"a.md": "uno"}) == ["a.md"]
    assert (tmp_path / "a.md").read_text() == "uno"


def test_pages_no_longer_generated_are_deleted_and_other_files_kept(tmp_path):
    (tmp_path / "mine.md").write_text("written by a person")
    docsfolder.write_files(tmp_path, {"a.md": "one", "old/b.md": "two"})
    assert docsfolder.write_files(tmp_path, {"a.md": "one"}) == ["old/b.md"]
    assert not (tmp_path / "old").exists()
    assert (tmp_path / "mine.md").read_text() == "written by a person"


def test_a_hidden_partial_file_left_by_a_dead_process_is_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / f".c.md.{dead.pid}.partial").write_text("half")
    (tmp_path / "b" / f".c.md.{os.getpid()}.partial").write_text("being written")
    docsfolder.write_files(tmp_path, {"a.md": "one"})
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [f".c.md.{os.getpid()}.partial"]


def test_the_manifest_keeps_the_id_of_each_source_file(tmp_path):
    docsfolder.write_files(tmp_path, {"a.md": "one"}, ids={"seeds/a.txt": "a"})
    assert docsfolder.read_manifest(tmp_path) == docsfolder.Manifest(["a.md"], {"seeds/a.txt": "a"})


def test_a_manifest_of_an_earlier_version_still_names_the_files_to_delete(tmp_path):
    (tmp_path / "old.md").write_text("two")
    (tmp_path / docsfolder.MANIFEST).write_text('["old.md"]\n')
    assert docsfolder.write_files(tmp_path, {"a.md": "one"}) == ["a.md", "old.md"]
    assert docsfolder.read_manifest(tmp_path) == docsfolder.Manifest(["a.md"], {})


# --- pages from the seed articles ------------------------------------------------------------------

def test_rendering_twice_gives_identical_pages(outcome, pages):
    again = render.render_site(outcome.briefings, outcome.articles, outcome.errors, TEMPLATES)
    assert again.files == pages


def test_every_briefing_has_a_page_and_its_json_beside_it(outcome, pages):
    for briefing in outcome.briefings:
        page = pages[f"briefings/{briefing.id}.md"]
        assert f"({briefing.id}.json)" in page
        assert json.loads(pages[f"briefings/{briefing.id}.json"]) == briefing.to_dict()


def test_briefing_json_reads_back_as_the_same_briefing(outcome, pages):
    for briefing in outcome.briefings:
        data = json.loads(pages[f"briefings/{briefing.id}.json"])
        assert Briefing.from_dict(data).to_dict() == briefing.to_dict()


def test_home_lists_briefings_newest_first_undated_last(outcome, pages):
    home = pages["index.md"]
    order = [home.index(f"briefings/{b.id}.md") for b in outcome.briefings]
    dates = [b.date for b in sorted(outcome.briefings, key=lambda b: order[outcome.briefings.index(b)])]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated))


def test_a_party_claim_reads_as_a_claim(outcome, pages):
    claimed = [(b, f) for b in outcome.briefings for f in b.figures if f.claimed_by]
    if not claimed:
        pytest.skip("the extractor found no claimed figure in the seeds")
    briefing, figure = claimed[0]
    name = briefing.actor(figure.claimed_by).name
    assert f"{escape.escape_markdown(name)} claims" in pages[f"briefings/{briefing.id}.md"]


def test_quoted_words_are_shown_as_a_quotation(outcome, pages):
    direct = [(b, p) for b in outcome.briefings for p in b.positions if p.kind == "direct"]
    if not direct:
        pytest.skip("the extractor found no direct quotation in the seeds")
    briefing, position = direct[0]
    assert f"<q>{escape.escape_html(position.content)}</q>" in pages[f"briefings/{briefing.id}.md"]


def test_every_stance_cell_links_to_a_highlighted_sentence_of_its_page(outcome, pages):
    for briefing in outcome.briefings:
        page = to_html(pages[f"briefings/{briefing.id}.md"].split("---\n", 2)[2])
        matrix = re.search(r'<table class="stance-matrix">.*?</table>', page).group(0)
        for anchor in re.findall(r'href="#(s\d+)"', matrix):
            assert re.search(rf'class="evidence-sentence" id="{anchor}"', page), anchor


def test_a_briefing_page_markdown_holds_the_article_with_its_anchors_and_evidence(outcome, pages):
    """Any engine that renders the docs folder builds the full page: the article is in it, as
    one block of HTML that Markdown passes through unchanged."""
    for briefing in outcome.briefings:
        markdown = pages[f"briefings/{briefing.id}.md"]
        html_text = to_html(markdown.split("---\n", 2)[2])
        source = re.search(r'<div class="source-text">.*?</div>', markdown).group(0)
        assert source in html_text
        assert len(re.findall(r'<span (?:class="evidence-sentence" )?id="s\d+">', source)) \
            == len(briefing.sentences)
        assert source.count('<mark>') >= 1


def test_the_source_placeholder_holds_every_sentence_anchor(outcome):
    """The MkDocs plugin renders a briefing page with the placeholder standing in for the
    article (MkDocs still checks the links to ``#s<n>``) and puts the article back after."""
    rendering = render.render_site(outcome.briefings, outcome.articles, [], TEMPLATES)
    for briefing in outcome.briefings:
        placeholder, source = rendering.sources[f"briefings/{briefing.id}.md"]
        assert placeholder == render.source_placeholder(briefing)
        assert source in rendering.files[f"briefings/{briefing.id}.md"]
        assert len(re.findall(r'<span id="s\d+"></span>', placeholder)) == len(briefing.sentences)
        assert render.fill_source(f"<p>{placeholder}</p>", placeholder, source) == f"<p>{source}</p>"
    with pytest.raises(ValueError):
        render.fill_source("<p>no placeholder</p>", render.source_placeholder(briefing), "x")


def test_stances_are_a_symbol_and_a_word_never_colour_alone(pages):
    for path, page in pages.items():
        for cell in re.findall(r'<td class="stance-cell stance-(\w+)">(.*?)</td>', page):
            stance, body = cell
            if stance != "none":
                assert views.stance_label(stance) in visible_text(body) or "×" in body, path


def test_no_navigation_entry_per_briefing_is_needed(outcome, pages):
    """Briefings are reached through index pages: by date, paginated, and by tag."""
    archive = "".join(text for path, text in pages.items() if path.startswith("archive/"))
    for briefing in outcome.briefings:
        assert f"briefings/{briefing.id}.md" in archive


def test_archive_months_are_split_into_pages(outcome):
    many = [Briefing.from_dict({**outcome.briefings[0].to_dict(), "id": f"b{i}",
                                "date": "2020-09-30"}) for i in range(5)]
    pages = render.render_site(many, outcome.articles, [], TEMPLATES, page_size=2).files
    assert sorted(p for p in pages if p.startswith("archive/")) == [
        "archive/2020-09.md", "archive/2020-09/2.md", "archive/2020-09/3.md", "archive/index.md"]
    assert "[2](2020-09/2.md)" in pages["archive/2020-09.md"]
    assert "[1](../2020-09.md)" in pages["archive/2020-09/3.md"]


def shown(briefing: Briefing) -> Briefing:
    """The briefing as the pages show it, at the site's default floor."""
    return aggregate.shown(briefing, aggregate.MIN_SHOWN_CONFIDENCE)


def copies(outcome, count: int) -> list[Briefing]:
    """``count`` briefings like the seeds, under new ids: a site that grows, its actors and
    issues recurring in every briefing."""
    seeds = outcome.briefings
    return [Briefing.from_dict({**seeds[i % len(seeds)].to_dict(), "id": f"copy-{i}",
                                "source_file": seeds[i % len(seeds)].source_file})
            for i in range(count)]


def test_no_page_grows_with_the_number_of_briefings(outcome):
    """Listings are split into pages and merged cells link a bounded number of articles, so the
    largest page of a site of 200 briefings is no larger than that of 100 (data files aside;
    100 is past the bars a chart draws, charts.MAX_BARS)."""
    def largest(count: int) -> int:
        pages = render.render_site(copies(outcome, count), outcome.articles, [], TEMPLATES,
                                   page_size=10).files
        return max(len(text) for path, text in pages.items() if path.endswith(".md"))
    assert largest(200) <= largest(100) * 1.02


def test_long_listings_are_split_into_linked_pages(outcome):
    pages = render.render_site(copies(outcome, 30), outcome.articles, [], TEMPLATES,
                               page_size=10).files
    positions = [p for b in copies(outcome, 30) for p in shown(b).positions
                 if p.actor == "nikol-pashinyan"]
    numbered = sorted(p for p in pages if p.startswith("actors/nikol-pashinyan/"))
    assert len(numbered) == (len(positions) - 1) // 10  # pages 2, 3, ... beside the first
    assert "actors/nikol-pashinyan/2.md" in numbered
    assert "[2](nikol-pashinyan/2.md)" in pages["actors/nikol-pashinyan.md"]
    home = pages["index.md"]
    assert home.count("](briefings/") == 10 and "[All 30 briefings by date](archive/index.md)" in home
    assert "and 25 more" in pages["actors/nikol-pashinyan.md"]  # 30 articles, 5 linked


def test_the_articles_own_tags_list_their_briefings(outcome):
    tagged = [Briefing.from_dict({**b.to_dict(), "tags": ["Front line", "C#"]})
              for b in outcome.briefings]
    pages = render.render_site(tagged, outcome.articles, [], TEMPLATES).files
    front_line, sharp = render.tag_page("Front line"), render.tag_page("C#")
    assert front_line != sharp and front_line != render.tag_page("C")
    assert f"[Front line]({front_line})" in pages["tags.md"]
    for briefing in tagged:
        assert f"../briefings/{briefing.id}.md" in pages[front_line]
        assert f"(../{front_line})" in pages[f"briefings/{briefing.id}.md"]


def test_actors_of_one_briefing_link_to_their_positions_there(outcome, pages):
    """Only recurring actors get a page; the others link to their positions on the briefing."""
    site_actors = {a.id for b in outcome.briefings for a in b.actors}
    with_pages = {p[len("actors/"):-3] for p in pages if p.startswith("actors/") and p != "actors/index.md"}
    assert with_pages and with_pages < site_actors
    for briefing in outcome.briefings:
        page = pages[f"briefings/{briefing.id}.md"]
        speakers = {p.actor for p in shown(briefing).positions
                    if p.actor and p.actor not in with_pages}
        for actor_id in speakers:
            assert f"{{ #{views.actor_anchor(actor_id)} }}" in page
            assert f'/#{views.actor_anchor(actor_id)}"' in page, actor_id
        linked = re.findall(r'href="\.\./\.\./actors/([^/"#]+)/"', page)
        assert linked and set(linked) <= with_pages


def test_exports_hold_every_position_and_figure(outcome, pages):
    positions = sum(len(b.positions) for b in outcome.briefings)
    figures = sum(len(b.figures) for b in outcome.briefings)
    assert pages["exports/positions.csv"].count("\n") >= positions + 1
    assert len(pages["exports/figures.csv"].splitlines()) == figures + 1
    assert len(pages["exports/briefings.jsonl"].splitlines()) == len(outcome.briefings)


def test_figures_page_draws_a_chart_per_kind_of_count(outcome, pages):
    if not any(b.figures for b in outcome.briefings):
        pytest.skip("no figures in the seeds")
    assert '<svg class="figure-chart" role="img"' in pages["figures.md"]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(A1:A9)", "\tx", "\rx"])
def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_text(cell):
    rows = list(csv.reader(io.StringIO(exports.csv_text(["content"], [[cell]]), newline="")))
    assert rows[1] == ["'" + cell.replace("\r", "\n")]


@pytest.mark.parametrize("cell", ["-5", "+3.25", "12", "The =sign", "a-b"])
def test_numbers_and_text_not_opening_a_formula_stay_as_they_are_in_csv(cell):
    rows = list(csv.reader(io.StringIO(exports.csv_text(["content"], [[cell]]), newline="")))
    assert rows[1] == [cell]


def test_a_vague_figure_reads_in_the_articles_words_and_a_number_in_digits():
    vague = Figure(id="f1", value=20, qualifier="more_than", unit="civilians", event="killed",
                   category="casualties", claimed_by=None, about=None, text="scores of civilians",
                   span=(0, 19), sentence="Scores of civilians were killed.", value_words="scores of")
    assert views.figure_words(vague) == "scores of civilians killed"
    precise = Figure(id="f2", value=1200, qualifier="at_least", unit="civilians", event="killed",
                     category="casualties", claimed_by=None, about=None, text="at least 1,200 civilians",
                     span=(0, 24), sentence="At least 1,200 civilians were killed.")
    assert views.figure_words(precise) == "at least 1,200 civilians killed"


def test_sources_are_listed_apart_from_the_key_actors(outcome, pages):
    cited = [(b, a) for b in outcome.briefings for a in b.actors if a.role == "source"]
    assert cited, "the seeds cite media or unnamed sources"
    briefing, source = cited[0]
    page = pages[f"briefings/{briefing.id}.md"]
    table = page.split("## Key actors")[1].split("</table>")[0]
    cited_line = next(line for line in page.splitlines() if line.startswith("Sources cited, not parties:"))
    assert source.name not in visible_text(table)
    assert source.name in visible_text(cited_line)


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path):
    """A later process takes the templates an earlier one compiled (compiling them is part of
    every build), except one edited since."""
    templates = Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))
    compiled = tmp_path / "compiled"
    render.environment(templates, compiled).get_template("tags.md.j2")
    render.environment(templates, compiled).get_template("issues.md.j2")
    assert len(list(compiled.rglob("*.cache"))) == 2
    (templates / "tags.md.j2").write_text((templates / "tags.md.j2").read_text("utf-8")
                                          + "Edited since.\n", "utf-8")
    later = render.environment(templates, compiled)
    compiles = []
    original = later.compile
    later.compile = lambda *args, **kwargs: compiles.append(args) or original(*args, **kwargs)
    later.get_template("issues.md.j2")
    assert compiles == []
    tags = later.get_template("tags.md.j2")
    assert len(compiles) == 1 and "Edited since." in tags.render(
        site=render.aggregate.build_site([]), link=lambda target: target, tags=[], errors=[])
