"""Hostile inputs (tests/fixtures/hostile/) built into a site with the real ``mkdocs build``: the
build succeeds, lists every bad file on the Build report with its problem, fails when strict,
and nothing an article says becomes markup in the built HTML."""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import pipeline
from generator.read import Article
from projects import ROOT, analyse_here, copy_cache, mkdocs_build, run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
SIZE_LIMIT = 20_000

# Bad inputs and the problem the Build report gives for each.
BAD_INPUTS = {
    "seeds/empty.txt": "is empty (0 bytes)",
    "seeds/whitespace_only.txt": "holds only whitespace",
    "seeds/binary.txt": "is a binary file, not text",
    "seeds/notes.docx": "unsupported file type '.docx'",
    "seeds/bad_front_matter.md": "has malformed YAML front matter at line 3",
    "seeds/yaml_breaking_title.md": "has malformed YAML front matter at line 2",
    "seeds/only_front_matter.md": "has no text outside front matter and site chrome",
    "seeds/big.txt": f"is larger than the limit of {SIZE_LIMIT:,} bytes",
    "seeds/bad|name<img src=x onerror=alert(1)>.txt": "is empty (0 bytes)",
    "seeds/new\nline.txt": "is empty (0 bytes)",
    "seeds/pipe.txt": "is a named pipe (FIFO), not a file",
    "seeds/outside.txt": "is a symbolic link to a file outside the seeds folder",
    "seeds/dangling.txt": "is a symbolic link to a file that does not exist",
    "seeds/loop.txt": "is a symbolic link that leads round in a loop",
    "seeds/alias.md": "is a link to seeds/duplicate_a.md, which is read already",
    "seeds/german.txt": "is in German: language not supported yet",
}
# Good inputs the Build report still says something of, and what.
NOTED_INPUTS = {
    "seeds/.hidden.txt": "skipped: hidden file",
    "seeds/cp1252.txt": "not UTF-8: decoded by guess as windows-1252",
    "seeds/controls.md": "its url 'javascript:alert(document.domain)' is not an http(s) link",
}
CONTROL_TITLE = "Shelling\b resumes\x1b[31m near\x07 the border"
# Markdown and HTML in a title, a source and a paragraph's attribute list.
MARKUP_TITLE = "<script>alert('title')</script> | *Talks* [rejected](javascript:alert(1))"
MARKUP_ARTICLE = f"""---
title: "{MARKUP_TITLE}"
date: 2020-10-01
source: "Wire <b>service</b>"
---
Nikol Pashinyan said on Thursday that <img src=x onerror=alert(1)> talks | were *not* possible.

The ministry claims that 40 soldiers were killed. {{: onclick="alert(2)" }}
"""


def make_hostile_project(folder: Path, **plugin_options) -> Path:
    """A copy of the site project whose seeds are the hostile fixtures, plus files whose names
    or sizes are better made than stored (a pipe and a newline in a name, an oversized file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(FIXTURES, folder / "seeds")
    options = {"max_input_bytes": SIZE_LIMIT, **plugin_options}
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace(
        "      templates: templates\n",
        "      templates: templates\n" + "".join(f"      {k}: {json.dumps(v)}\n" for k, v in options.items()))
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    (folder / "briefings").mkdir()
    seeds = folder / "seeds"
    (seeds / "big.txt").write_text("The minister said that the talks had failed. " * 1000, "utf-8")
    (seeds / "bad|name<img src=x onerror=alert(1)>.txt").write_bytes(b"")
    (seeds / "new\nline.txt").write_bytes(b"")
    os.mkfifo(seeds / "pipe.txt")
    (folder / "secret.txt").write_text("The root password is swordfish, the admin said.\n")
    (seeds / "outside.txt").symlink_to(folder / "secret.txt")
    (seeds / "dangling.txt").symlink_to(seeds / "gone.txt")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    (seeds / "alias.md").symlink_to(seeds / "duplicate_a.md")
    (seeds / "german.txt").write_text(
        "Der Au\u00dfenminister sagte am Montag, dass die Gespr\u00e4che \u00fcber eine "
        "Waffenruhe gescheitert seien und dass die Regierung erst nach dem Abzug der Truppen "
        "wieder verhandeln werde.\n", "utf-8")
    (seeds / ".hidden.txt").write_text("A draft the editor hid.\n")
    title = CONTROL_TITLE.replace("\b", "\\b").replace("\x1b", "\\e").replace("\x07", "\\a")
    (seeds / "controls.md").write_text(
        f'---\ntitle: "{title}"\nurl: "javascript:alert(document.domain)"\nsource: Wire\n---\n'
        "The ministry said\x1b on Sunday that shelling\x08 had resumed near the border.\n",
        "utf-8")
    (seeds / "cr_only.md").write_bytes(
        b"---\rtitle: Convoy reaches the city\rdate: 2020-10-03\r---\rThe aid agency said "
        b"on Saturday that the convoy had reached the city.\rIt carried food and medicine.\r")
    (seeds / "markup_title.md").write_text(MARKUP_ARTICLE, "utf-8")
    (seeds / "index.md").write_text("---\ntitle: Index\n---\nThe envoy said the talks "
                                    "would resume.\n", "utf-8")
    (seeds / "briefing_index.md").write_text("---\ntitle: Briefing index\n---\nThe envoy "
                                             "said the talks had failed.\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    project = analyse_here(make_hostile_project(tmp_path_factory.mktemp("hostile")))
    return project, mkdocs_build(project)


@pytest.fixture(scope="module")
def pages(hostile) -> dict[str, str]:
    project, result = hostile
    assert result.returncode == 0, result.stderr
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def briefing_page(pages: dict[str, str], source_file: str, project: Path) -> str:
    for data_file in (project / "site" / "briefings").glob("*.json"):
        data = json.loads(data_file.read_text("utf-8"))
        if data["source_file"] == source_file:
            return pages[f"briefings/{data['id']}/index.html"]
    raise AssertionError(f"no briefing for {source_file}")


class Elements(HTMLParser):
    """Every element of a page with its attributes, the text inside <script> elements, the
    visible text, and the cells of each table row."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.tables: list[list[int]] = []
        self._in = {"script": 0, "style": 0}
        self._cells = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in self._in:
            self._in[tag] += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._cells = 0
        elif tag in ("td", "th"):
            self._cells += 1

    def handle_endtag(self, tag):
        if tag in self._in:
            self._in[tag] = max(0, self._in[tag] - 1)
        if tag == "tr" and self.tables:
            self.tables[-1].append(self._cells)

    def handle_data(self, data):
        if self._in["script"]:
            self.scripts.append(data)
        elif not self._in["style"]:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join("".join(self.text).split())


# --- the build ----------------------------------------------------------------------------------

def test_the_hostile_seeds_build_with_exit_0(hostile):
    _, result = hostile
    assert result.returncode == 0, result.stderr


def test_every_good_hostile_article_becomes_a_briefing(hostile, pages):
    project, _ = hostile
    built = sorted(json.loads(p.read_text("utf-8"))["source_file"]
                   for p in (project / "site" / "briefings").glob("*.json"))
    assert built == ["seeds/briefing_index.md", "seeds/controls.md", "seeds/cp1252.txt",
                     "seeds/cr_only.md", "seeds/duplicate_a.md", "seeds/duplicate_b.md",
                     "seeds/entities.html", "seeds/index.md", "seeds/markup_title.md",
                     "seeds/pipes_and_newlines.md",
                     "seeds/script_tags.md", "seeds/yaml_quoted_title.md"]


def test_each_bad_input_is_logged_as_a_warning(hostile):
    _, result = hostile
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    for name in BAD_INPUTS:
        shown = name.replace("\n", "\\n")
        assert any(shown in line for line in warnings), name


def test_the_build_report_lists_each_bad_file_with_its_problem(pages):
    report = pages["report/index.html"].split('id="notes-on-the-inputs"')[0]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", report, re.S)
    listed = {html.unescape(file): html.unescape(problem) for file, problem, _ in rows}
    assert set(listed) == {" ".join(name.split()) for name in BAD_INPUTS}
    for name, problem in BAD_INPUTS.items():
        assert listed[" ".join(name.split())].startswith(problem), name


def test_the_build_report_gives_the_fix_for_each_bad_file(pages):
    report = html.unescape(pages["report/index.html"])
    assert "save the article as .txt, .md or .html" in report
    assert "raise max_input_bytes in mkdocs.yml" in report
    assert "fix the block between the &#39;---&#39; lines" in report or \
           "fix the block between the '---' lines" in report


def test_the_strict_option_fails_the_build(hostile, tmp_path):
    project = copy_cache(hostile[0], make_hostile_project(tmp_path, strict=True))
    result = mkdocs_build(project)
    assert result.returncode != 0 and "input(s) could not be read" in result.stderr


def test_briefings_strict_in_the_environment_fails_the_build(hostile):
    project, _ = hostile
    result = mkdocs_build(project, env={"BRIEFINGS_STRICT": "1"}, site="site-env-strict")
    assert result.returncode != 0 and "input(s) could not be read" in result.stderr


def test_mkdocs_strict_fails_the_build(hostile):
    project, _ = hostile
    assert mkdocs_build(project, "--strict", site="site-strict").returncode != 0


def test_generator_build_strict_fails_and_publishes_nothing(hostile, tmp_path):
    project = copy_cache(hostile[0], make_hostile_project(tmp_path))
    result = run(project, "-m", "generator", "build", "--strict")
    assert result.returncode != 0
    assert not (project / "site").exists()
    assert not [p for p in project.iterdir() if p.name.startswith("site.")]


# --- nothing hostile becomes markup -----------------------------------------------------------

def test_no_script_from_an_article_reaches_a_page(pages):
    for name, page in pages.items():
        assert "<script>alert" not in page, name
        assert not [s for s in Elements(page).scripts if "alert(" in s], name


def test_no_event_handler_attribute_reaches_a_page(pages):
    for name, page in pages.items():
        handlers = [(tag, key) for tag, attrs in Elements(page).elements for key in attrs
                    if key.startswith("on")]
        assert not handlers, (name, handlers)


def test_no_iframe_reaches_a_page(pages):
    for name, page in pages.items():
        assert "<iframe" not in page.lower(), name


def test_no_javascript_link_reaches_a_page(pages):
    for name, page in pages.items():
        for tag, attrs in Elements(page).elements:
            for key in ("href", "src", "action", "formaction"):
                value = (attrs.get(key) or "").strip().lower()
                if value == "javascript:void(0)":
                    continue  # the theme's own search share button
                assert not value.startswith(("javascript:", "vbscript:", "data:text/html")), (name, tag, attrs)


def test_no_image_or_link_from_an_article_reaches_a_page(pages):
    for name, page in pages.items():
        for tag, attrs in Elements(page).elements:
            assert "evil" not in (attrs.get("src") or "") + (attrs.get("href") or ""), (name, tag, attrs)


def test_jinja_syntax_in_an_article_is_shown_not_evaluated(hostile, pages):
    project, _ = hostile
    text = Elements(briefing_page(pages, "seeds/script_tags.md", project)).visible()
    assert "The envoy wrote {{ 7*7 }} and {% raw %} and {# note #}" in text
    assert "wrote 49" not in text


def test_hostile_text_is_shown_as_text(hostile, pages):
    project, _ = hostile
    text = Elements(briefing_page(pages, "seeds/script_tags.md", project)).visible()
    assert "Nikol Pashinyan said on Thursday that <script>alert(1)</script> talks | were not possible" in text
    assert "[the offer](javascript:alert(1))" in text and "![x](http://evil/x.png)" in text
    assert "<script>alert('title')</script> Talks | collapse" in text


def test_a_title_with_markup_is_escaped_on_its_page(hostile, pages):
    project, _ = hostile
    page = briefing_page(pages, "seeds/markup_title.md", project)
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page or \
           "&lt;script&gt;alert('title')&lt;/script&gt;" in page


def test_html_entities_in_a_web_page_stay_text_after_decoding(hostile, pages):
    project, _ = hostile
    page = briefing_page(pages, "seeds/entities.html", project)
    assert "said that <script>alert(5)</script> the shelling" in Elements(page).visible()
    assert "page script" not in page


def test_entities_typed_in_an_article_are_shown_as_typed(hostile, pages):
    project, _ = hostile
    text = Elements(briefing_page(pages, "seeds/yaml_quoted_title.md", project)).visible()
    assert "continued overnight &amp; into the morning" in text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in text


def test_every_table_row_has_as_many_cells_as_its_header(pages):
    for name, page in pages.items():
        for rows in Elements(page).tables:
            assert rows and len(set(rows)) == 1, (name, rows)


def test_a_title_with_pipes_and_newlines_stays_in_its_table_cell(pages):
    home = Elements(pages["index.html"])
    assert "Talks | collapse | --- | --- | | injected | row |" in home.visible()
    assert not [attrs for tag, attrs in home.elements if tag == "td" and "injected" in str(attrs)]


def test_cp1252_article_is_decoded(hostile, pages):
    project, _ = hostile
    text = Elements(briefing_page(pages, "seeds/cp1252.txt", project)).visible()
    assert "\u201cWe will not accept a ceasefire,\u201d" in text and "caf\u00e9 district" in text
    assert "shelled \u2013 again" in text


def test_duplicate_titles_get_stable_distinct_pages(pages):
    digest = hashlib.sha1(b"seeds/duplicate_b.md").hexdigest()[:6]
    assert "briefings/ceasefire-talks-collapse/index.html" in pages
    assert f"briefings/ceasefire-talks-collapse-{digest}/index.html" in pages


def titled(name: str, title: str) -> Article:
    return Article(source_file=name, text="The talks failed.", title=title)


def hashed(slug: str, name: str) -> str:
    return f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def test_a_page_keeps_its_id_when_a_file_with_the_same_title_sorts_before_it():
    ids = pipeline.assign_ids([titled("seeds/a.md", "Talks"), titled("seeds/b.md", "Talks")],
                              previous={"seeds/b.md": "talks"})
    assert ids == {"seeds/a.md": hashed("talks", "seeds/a.md"), "seeds/b.md": "talks"}


def test_a_page_keeps_its_hashed_id_when_the_file_that_had_the_plain_one_is_gone():
    ids = pipeline.assign_ids([titled("seeds/b.md", "Talks")],
                              previous={"seeds/b.md": hashed("talks", "seeds/b.md")})
    assert ids == {"seeds/b.md": hashed("talks", "seeds/b.md")}


def test_a_page_whose_title_changed_takes_the_id_of_its_new_title():
    ids = pipeline.assign_ids([titled("seeds/a.md", "Truce")], previous={"seeds/a.md": "talks"})
    assert ids == {"seeds/a.md": "truce"}


def test_an_id_two_files_kept_goes_to_the_first_of_them():
    ids = pipeline.assign_ids([titled("seeds/a.md", "Talks"), titled("seeds/b.md", "Talks")],
                              previous={"seeds/a.md": "talks", "seeds/b.md": "talks"})
    assert ids == {"seeds/a.md": "talks", "seeds/b.md": hashed("talks", "seeds/b.md")}


def test_a_title_that_reads_like_a_hashed_id_does_not_take_it_from_its_file():
    taken = hashed("talks", "seeds/b.md")
    ids = pipeline.assign_ids([titled("seeds/a.md", taken), titled("seeds/b.md", "Talks"),
                               titled("seeds/c.md", "Talks")],
                              previous={"seeds/b.md": taken, "seeds/c.md": "talks"})
    assert ids["seeds/b.md"] == taken and ids["seeds/c.md"] == "talks"
    assert ids["seeds/a.md"].startswith(taken + "-")


def test_feeds_carry_no_markup_from_articles(hostile):
    project, _ = hostile
    site = project / "site"
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        for item in json.loads((site / name).read_text("utf-8"))["items"]:
            assert "<script" not in item["content_html"] and "<img" not in item["content_html"] \
                   and "<iframe" not in item["content_html"], (name, item["content_html"])
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        for element in ElementTree.parse(site / name).iter():
            if element.tag == "title":
                continue  # plain text (next test)
            text = element.text or ""
            assert "<script" not in text and "<img" not in text and "<iframe" not in text, (name, text)


def test_feed_titles_are_the_article_titles_as_plain_text(hostile):
    # Titles in feeds are text, escaped once for XML (RSS 2.0 allows no markup in titles, and
    # JSON Feed titles are plain text), not the HTML-escaped titles of the front matter.
    project, _ = hostile
    site = project / "site"
    titles = sorted(json.loads(p.read_text("utf-8"))["title"]
                    for p in (site / "briefings").glob("*.json"))
    assert "<script>alert('title')</script> Talks | collapse" in titles
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        items = json.loads((site / name).read_text("utf-8"))["items"]
        assert sorted(item["title"] for item in items) == titles, name
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        items = ElementTree.parse(site / name).iter("item")
        assert sorted(item.findtext("title") for item in items) == titles, name
        assert "<script>" not in (site / name).read_text("utf-8"), name


def test_feeds_have_the_site_image(hostile):
    project, _ = hostile
    site = project / "site"
    feed = ElementTree.parse(site / "feed_rss_created.xml")
    assert feed.findtext("channel/image/url") == "http://127.0.0.1:8000/assets/feed.png"
    assert json.loads((site / "feed_json_created.json").read_text("utf-8"))["icon"] == \
        "http://127.0.0.1:8000/assets/feed.png"
    assert (site / "assets" / "feed.png").read_bytes().startswith(b"\x89PNG")


def test_search_index_carries_no_markup_from_articles(hostile):
    project, _ = hostile
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            assert "<script" not in doc[key] and "<img" not in doc[key] \
                   and "<iframe" not in doc[key], doc["location"]


# --- what the Build report notes, what leaves the project --------------------------------------

def test_the_build_report_notes_skipped_files_guessed_encodings_and_unlinked_urls(pages):
    report = pages["report/index.html"].split('id="notes-on-the-inputs"')[1]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", report, re.S)
    noted = {}
    for file, note in rows:
        noted.setdefault(html.unescape(file), []).append(html.unescape(note))
    for name, note in NOTED_INPUTS.items():
        assert any(n.startswith(note) for n in noted.get(name, [])), (name, noted.get(name))


def test_every_feed_is_well_formed_with_control_characters_in_a_title(hostile):
    project, _ = hostile
    site = project / "site"
    clean = " ".join(CONTROL_TITLE.replace("\b", " ").replace("\x1b", " ").replace(
        "\x07", " ").split())
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        titles = [item.findtext("title") for item in ElementTree.parse(site / name).iter("item")]
        assert clean in titles, name
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        feed = json.loads((site / name).read_text("utf-8"))
        assert clean in [item["title"] for item in feed["items"]], name


def test_no_control_character_leaves_the_project(hostile):
    project, _ = hostile
    site = project / "site"
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".jsonl"):
            text = path.read_text("utf-8")
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), path


def test_no_page_or_file_shows_an_absolute_path_of_the_build_machine(hostile):
    project, _ = hostile
    site = project / "site"
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".jsonl"):
            text = path.read_text("utf-8")
            assert str(project) not in text and str(project.resolve()) not in text, path


def test_a_link_out_of_the_seeds_folder_publishes_nothing_of_its_target(hostile):
    project, _ = hostile
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".jsonl"):
            assert "swordfish" not in path.read_text("utf-8"), path


def test_a_javascript_url_in_front_matter_is_not_linked(hostile, pages):
    project, _ = hostile
    elements = Elements(briefing_page(pages, "seeds/controls.md", project))
    links = [attrs.get("href") or "" for tag, attrs in elements.elements if tag == "a"]
    assert not [link for link in links if "alert(document.domain)" in link]
    assert "Source: Wire" in elements.visible()


def test_cr_only_line_endings_keep_the_front_matter(hostile, pages):
    project, _ = hostile
    data = [json.loads(p.read_text("utf-8")) for p in (project / "site" / "briefings").glob("*.json")]
    briefing = next(d for d in data if d["source_file"] == "seeds/cr_only.md")
    assert briefing["title"] == "Convoy reaches the city" and briefing["date"] == "2020-10-03"


def test_titles_index_and_briefing_index_get_a_page_each(hostile, pages):
    project, _ = hostile
    pages_of = {name: briefing_page(pages, name, project)
                for name in ("seeds/index.md", "seeds/briefing_index.md")}
    assert pages_of["seeds/index.md"] != pages_of["seeds/briefing_index.md"]
