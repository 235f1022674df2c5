"""The built site: a real ``mkdocs build`` (the briefings plugin running the real pipeline) of a
copy of the project in a temporary folder (the shared ``seeds_site`` of conftest.py);
``mkdocs serve`` and ``python -m generator deploy`` run for real too. Builds of further copies
start from the seeds site's extraction cache, and have their new articles analysed in the test
process (``projects.analyse_here``), where what they test is not the analysis."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator import pipeline, prerendered
from projects import (BUILD_ENV, ROOT, analyse_here, briefing_ids, copy_cache, make_project,
                      make_seeds_project, mkdocs_build, run, snapshot)


# --- a strict build of the seeds ---------------------------------------------------------------

def test_strict_build_passes_with_no_warning(seeds_site):
    assert "WARNING" not in seeds_site.result.stderr


def test_home_page_links_every_seed_briefing(seeds_site):
    home = (seeds_site.site / "index.html").read_text("utf-8")
    ids = seeds_site.ids()
    assert len(ids) == len(list((seeds_site.project / "seeds").iterdir()))
    for briefing_id in ids:
        assert f'href="briefings/{briefing_id}/"' in home


def test_search_index_finds_pashinyan_in_both_seed_briefings(seeds_site):
    index = json.loads((seeds_site.site / "search" / "search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"] if "Pashinyan" in doc["text"]}
    assert len(seeds_site.seed_ids()) == len(list((ROOT / "seeds").iterdir()))
    for briefing_id in seeds_site.seed_ids():
        assert f"briefings/{briefing_id}/" in pages


def test_each_briefing_json_is_published_next_to_its_page(seeds_site):
    for briefing_id in seeds_site.ids():
        page = (seeds_site.site / "briefings" / briefing_id / "index.html").read_text("utf-8")
        assert f'href="../{briefing_id}.json"' in page
        data = json.loads((seeds_site.site / "briefings" / f"{briefing_id}.json").read_text("utf-8"))
        assert data["schema"] == "briefing/1" and data["id"] == briefing_id


class NavLinks(HTMLParser):
    """The targets of the navigation's links (sidebar and tabs)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and re.search(r"md-(nav|tabs)__link", attrs.get("class") or ""):
            self.links.append(attrs.get("href") or "")


def test_navigation_does_not_list_briefings(seeds_site):
    parser = NavLinks()
    parser.feed((seeds_site.site / "index.html").read_text("utf-8"))
    assert parser.links
    assert not [link for link in parser.links if re.match(r"briefings/[^/]+/", link)]


def test_briefings_are_reached_by_issue_and_by_recurring_actor(seeds_site):
    site = seeds_site.site
    tags = (site / "tags" / "index.html").read_text("utf-8")
    assert re.search(r'href="\.\./issues/negotiations/">Peace talks and negotiations</a>', tags)
    actors = (site / "actors" / "index.html").read_text("utf-8")
    assert re.search(r'href="nikol-pashinyan/">Nikol Pashinyan</a>', actors)
    issue = (site / "issues" / "negotiations" / "index.html").read_text("utf-8")
    for briefing_id in seeds_site.seed_ids():
        assert f"briefings/{briefing_id}/" in issue


def test_search_indexes_briefings_but_not_listings_or_source_text(seeds_site):
    index = json.loads((seeds_site.site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for briefing_id in seeds_site.ids():
        assert f"briefings/{briefing_id}/" in locations
    listings = [loc for loc in locations if re.match(r"(actors|archive|issues|tags)/[^/]+/", loc)]
    assert not listings  # their entries would repeat the briefings'; the folder indexes stay
    assert not [doc for doc in index["docs"] if doc["title"].startswith("Source text")]
    assert "Pashinyan" in " ".join(doc["text"] for doc in index["docs"])


def test_exports_feed_and_404_are_built(seeds_site):
    site = seeds_site.site
    for name in ("actors.csv", "positions.csv", "figures.csv", "stances.csv", "briefings.jsonl"):
        assert (site / "exports" / name).stat().st_size > 0
    feed = (site / "feed_rss_created.xml").read_text("utf-8")
    for briefing_id in seeds_site.ids():
        assert f"briefings/{briefing_id}/" in feed
    assert "Page not found" in (site / "404.html").read_text("utf-8")


def test_pages_carry_open_graph_metadata(seeds_site):
    briefing_id = seeds_site.ids()[0]
    page = (seeds_site.site / "briefings" / briefing_id / "index.html").read_text("utf-8")
    assert '<meta property="og:type" content="article">' in page
    assert re.search(r'<meta property="og:description" content="[^"]+">', page)


def test_the_site_makes_no_request_outside_itself(seeds_site):
    for page in seeds_site.site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', text):
            assert src.startswith(seeds_site.url), (page, src)


def test_two_builds_of_the_same_inputs_are_byte_identical(seeds_site, tmp_path):
    """A second build of a fresh copy, with no cache: the analysis too gives the same bytes."""
    first = seeds_site.project
    second = make_seeds_project(tmp_path)
    assert mkdocs_build(second, "--strict", env=seeds_site.env).returncode == 0
    for folder in ("briefings", "site"):
        names = sorted(p.relative_to(first / folder) for p in (first / folder).rglob("*") if p.is_file())
        assert names == sorted(p.relative_to(second / folder)
                               for p in (second / folder).rglob("*") if p.is_file())
        for name in names:
            assert (first / folder / name).read_bytes() == (second / folder / name).read_bytes(), name


def test_generate_writes_the_docs_folder_a_build_writes_without_mkdocs(seeds_site, tmp_path):
    project = copy_cache(seeds_site.project, make_seeds_project(tmp_path / "generated"))
    result = run(project, "-m", "generator", "generate", env=seeds_site.env)
    assert result.returncode == 0, result.stderr
    assert not (project / "site").exists()

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    generated = files(project / "briefings")
    assert generated == files(seeds_site.project / "briefings")
    briefing = next(text for name, text in generated.items()
                    if name.startswith("briefings/") and name.endswith(".md"))
    assert b'<mark>' in briefing and b'id="s1"' in briefing


def article_html(page: Path) -> str:
    text = page.read_text("utf-8")
    return text[text.index("<article"):text.index("</article>")]


def test_properdocs_builds_the_seeds_site_with_the_plugin_unchanged(seeds_site, tmp_path):
    """ProperDocs, the maintained fork of MkDocs 1.x, runs the same plugin: every briefing page
    holds what the MkDocs build put in it, the article text with its evidence included."""
    project = copy_cache(seeds_site.project, make_seeds_project(tmp_path / "properdocs"))
    result = run(project, "-m", "properdocs", "build", "--strict", "-d", "site",
                 env=seeds_site.env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    pages = sorted(seeds_site.site.glob("briefings/*/index.html"))
    assert pages
    others = [article_html(project / "site" / page.relative_to(seeds_site.site)) for page in pages]
    assert others == [article_html(page) for page in pages]
    assert sum('<mark>' in other for other in others) > len(others) / 2


def test_pages_rendered_by_helper_processes_give_the_site_mkdocs_alone_gives(seeds_site,
                                                                            tmp_path):
    """The seeds site is built with a helper process beside MkDocs (``jobs: 0``, one process
    per core: generator.pagepool); built with ``jobs: 1``, MkDocs renders every page itself,
    and the site is the same, byte for byte."""
    if pipeline.available_cores() < 2:
        pytest.skip("one core: no helper process")
    assert re.search(r"; [1-9]\d* rendered by helper processes", seeds_site.result.stderr)
    project = copy_cache(seeds_site.project, make_seeds_project(tmp_path / "alone"))
    shutil.rmtree(project / pipeline.DEFAULT_CACHE_DIR / "pages")  # or the pages would come from the helpers' build
    config = project / "mkdocs.yml"
    text, found = re.subn(r"(?m)^(\s*)jobs: 0$", r"\1jobs: 1", config.read_text("utf-8"))
    assert found == 1
    config.write_text(text, "utf-8")
    result = mkdocs_build(project, "--strict", env=seeds_site.env)
    assert result.returncode == 0, result.stderr
    assert "by helper processes" not in result.stderr
    assert snapshot(project / "site") == snapshot(seeds_site.site)


def test_the_plugin_passes_its_pages_prerendered_blocks_through_markdown_unchanged(seeds_site):
    """The build converts each page with its one-line HTML blocks stored as they are
    (generator.prerendered): the HTML of every generated page is what it is without that."""
    config = load_config(str(seeds_site.project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert prerendered.NAME in config.markdown_extensions
    without = [e for e in config.markdown_extensions if e != prerendered.NAME]
    pages = sorted((seeds_site.project / "briefings").rglob("*.md"))
    stored = {}
    for page in pages:
        text = page.read_text("utf-8")
        fast = markdown.Markdown(extensions=config.markdown_extensions,
                                 extension_configs=config.mdx_configs)
        slow = markdown.Markdown(extensions=without, extension_configs=config.mdx_configs)
        assert fast.convert(text) == slow.convert(text), page
        alone = markdown.Markdown(extensions=config.markdown_extensions)
        alone.preprocessors["briefings_prerendered"].run(text.split("\n"))
        stored[page.parent.name] = stored.get(page.parent.name, 0) + len(alone.htmlStash.rawHtmlBlocks)
    # The briefings' blocks most of all: the article text, the positions, the matrix.
    assert pages and stored["briefings"] > 2 * len(list(seeds_site.project.glob("briefings/briefings/*.md")))


def test_a_rebuild_rewrites_no_generated_page(seeds_site, tmp_path):
    project = Path(shutil.copytree(seeds_site.project, tmp_path / "project", symlinks=True))
    stamps = {p: p.stat().st_mtime_ns for p in (project / "briefings").rglob("*") if p.is_file()}
    assert mkdocs_build(project, "--strict", env=seeds_site.env).returncode == 0
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def site_files(project: Path) -> dict[str, bytes]:
    """Every file of the docs folder and of the site, by path."""
    return {p.relative_to(project).as_posix(): p.read_bytes()
            for folder in ("briefings", "site") for p in sorted((project / folder).rglob("*"))
            if p.is_file()}


def test_an_incremental_build_after_an_edit_gives_the_bytes_of_a_cold_build(seeds_site, tmp_path):
    """A copy of the built project (its caches too) builds an edited article, then the article
    as it was: only what changed is rendered, and the site (pages, search index, feeds) is then
    byte for byte the cold build of the same inputs."""
    cold = seeds_site.project
    project = tmp_path / "warm"
    shutil.copytree(cold, project, symlinks=True)
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    original = seed.read_bytes()
    # Said by someone the article names, so that the page lists it (and search finds it).
    seed.write_bytes(original + b"\nArmenian Prime Minister Nikol Pashinyan said on Monday that "
                                b"Quorvania would host the next round of talks.\n")
    analyse_here(project)
    edited = mkdocs_build(project, "--strict", env=seeds_site.env)
    assert edited.returncode == 0, edited.stderr
    # Most pages came from the cache, and the edit is on its page, in search and in the feed.
    rendered, reused = map(int, re.search(r"pages: (\d+) rendered, (\d+) reused", edited.stderr)
                           .groups())
    assert 0 < rendered < reused
    # The search sections of the unchanged pages too (Material's plugin parses no HTML for them).
    indexed = int(re.search(r"(\d+) in search", edited.stderr).group(1))
    assert 0 < indexed <= reused
    # And their metadata (MkDocs parses no front matter for them).
    fronts = int(re.search(r"front matter: (\d+) pages' reused", edited.stderr).group(1))
    assert reused <= fronts <= rendered + reused
    # The theme's templates as the first build compiled them (render.keep_compiled).
    assert list((project / ".cache" / "briefings" / "compiled" / "theme").rglob("*.cache"))
    site = project / "site"
    assert any("Quorvania" in p.read_text("utf-8") for p in site.glob("briefings/*/index.html"))
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "Quorvania" in index
    for briefing_id in briefing_ids(project):
        assert f"briefings/{briefing_id}/" in index
        assert f"briefings/{briefing_id}/" in (site / "feed_rss_created.xml").read_text("utf-8")

    seed.write_bytes(original)
    reverted = mkdocs_build(project, "--strict", env=seeds_site.env)
    assert reverted.returncode == 0, reverted.stderr
    # Built over the site the edited build replaced (siteupdate): most files were kept.
    kept = int(re.search(r"site: (\d+) files kept as they were", reverted.stderr).group(1))
    assert kept > len(briefing_ids(project))
    assert site_files(project) == site_files(cold)


def test_a_build_for_another_address_leaves_the_themed_pages_of_the_first(seeds_site, tmp_path):
    """`mkdocs serve` themes the pages for its own address: a build for the site's address
    afterwards takes every page from the cache again."""
    project = Path(shutil.copytree(seeds_site.project, tmp_path / "project", symlinks=True))
    assert mkdocs_build(project, "--strict", env=seeds_site.env).returncode == 0
    served = dict(seeds_site.env, SITE_URL="http://127.0.0.1:8000/")
    other = mkdocs_build(project, "--strict", env=served)
    assert other.returncode == 0, other.stderr
    assert re.search(r"pages: 0 rendered, \d+ reused, 0 reused in the theme", other.stderr)
    again = mkdocs_build(project, "--strict", env=seeds_site.env)
    assert again.returncode == 0, again.stderr
    reused, themed = map(int, re.search(r"pages: 0 rendered, (\d+) reused, (\d+) reused in the "
                                        r"theme", again.stderr).groups())
    assert themed == reused > 0


def spans_in(data) -> list[tuple[int, int]]:
    """Every [start, end] pair anywhere in a briefing's JSON (the spans its items come from)."""
    if isinstance(data, dict):
        return [span for value in data.values() for span in spans_in(value)]
    if isinstance(data, list):
        if len(data) == 2 and all(isinstance(n, int) for n in data) and data[0] <= data[1]:
            return [(data[0], data[1])]
        return [span for value in data for span in spans_in(value)]
    return []


def source_line(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith('<div class="source-text"'))


def test_an_edit_of_the_article_alone_shows_on_its_cached_page(seeds_site, tmp_path):
    """A space turned into a tab in a sentence no item comes from changes the article on the
    page and nothing else in its Markdown: the page, rendered from the cache, shows the article
    as it is now."""
    project = Path(shutil.copytree(seeds_site.project, tmp_path / "project", symlinks=True))
    # The copy's own build first: the themed pages are kept for the copy's paths.
    assert mkdocs_build(project, "--strict", env=seeds_site.env).returncode == 0
    briefing_id = seeds_site.seed_ids()[0]
    page = project / "briefings" / "briefings" / f"{briefing_id}.md"
    before = page.read_text("utf-8")
    data = json.loads(page.with_suffix(".json").read_text("utf-8"))
    seed = project / data["source_file"]
    text = seed.read_text("utf-8")
    taken = spans_in({key: value for key, value in data.items() if key != "sentences"})
    start, end = next((a, b) for a, b in reversed(data["sentences"][2:])
                      if " " in text[a:b] and not any(a < y and x < b for x, y in taken))
    space = text.rindex(" ", start, end)
    seed.write_text(text[:space] + "\t" + text[space + 1:], "utf-8")
    analyse_here(project)

    result = mkdocs_build(project, "--strict", env=seeds_site.env)
    assert result.returncode == 0, result.stderr
    assert re.search(r"[1-9]\d* reused in the theme", result.stderr)
    after = page.read_text("utf-8")
    assert source_line(after) != source_line(before)
    assert after.replace(source_line(after), "") == before.replace(source_line(before), "")
    assert source_line(after) in article_html(project / "site" / "briefings" / briefing_id
                                              / "index.html")


def briefing_sources(project: Path) -> dict[str, str]:
    """The source file of each published briefing page, by page URL."""
    return {f"briefings/{p.stem}/": json.loads(p.read_text("utf-8"))["source_file"]
            for p in (project / "site" / "briefings").glob("*.json")}


def test_a_new_article_with_the_same_title_does_not_move_an_existing_page(seeds_site, tmp_path):
    article = "---\ntitle: Ceasefire talks collapse\ndate: 2020-10-05\n---\n{} said that the talks had collapsed.\n"
    project = analyse_here(copy_cache(seeds_site.project, make_project(
        tmp_path, {"zz-talks.md": article.format("Lavrov").encode("utf-8")})))
    assert mkdocs_build(project).returncode == 0
    before = briefing_sources(project)
    assert before["briefings/ceasefire-talks-collapse/"] == "seeds/zz-talks.md"
    (project / "seeds" / "aa-talks.md").write_text(article.format("Aliyev"), "utf-8")
    analyse_here(project)
    assert mkdocs_build(project).returncode == 0
    after = briefing_sources(project)
    assert {url: after[url] for url in before} == before
    assert [url for url in after if after[url] == "seeds/aa-talks.md"] == \
           [f"briefings/ceasefire-talks-collapse-{hashlib.sha1(b'seeds/aa-talks.md').hexdigest()[:6]}/"]


# --- serve and deploy -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float, every: float = 0.25):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:
            pass
        time.sleep(every)
    raise AssertionError("timed out")


def test_serve_regenerates_a_briefing_when_its_seed_changes(seeds_site, tmp_path):
    project = copy_cache(seeds_site.project, make_project(tmp_path))
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **BUILD_ENV})
    try:
        seed = sorted((project / "seeds").glob("*.txt"))[0]
        wait_for(lambda: briefing_ids(project), timeout=240)
        page_id = next(i for i in briefing_ids(project)
                       if json.loads((project / "briefings" / "briefings" / f"{i}.json")
                                     .read_text("utf-8"))["source_file"].endswith(seed.name))
        url = f"http://127.0.0.1:{port}/briefings/{page_id}/"
        wait_for(lambda: "Pashinyan" in fetch(url), timeout=240)
        builds_before = (tmp_path / "serve.log").read_text().count("Building documentation")
        with seed.open("a", encoding="utf-8") as handle:
            handle.write("\nThe mediators proposed a meeting in Zanzibarville next week.\n")
        wait_for(lambda: "Zanzibarville" in fetch(url), timeout=240)
        # One edit, one build: the pages it writes into docs_dir start no other. Such a build
        # would start as soon as this one ended: mkdocs serve polls its watched folders every
        # 0.5 s and starts the build it was asked for 0.1 s after the one running ends.
        time.sleep(3)
        assert (tmp_path / "serve.log").read_text().count("Building documentation") \
            == builds_before + 1, "an edit started more than one build"
        # The server builds into a temporary folder of its own: no site/, no staging folder.
        assert not [p.name for p in project.iterdir() if p.name.startswith("site")]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, check=True,
                          capture_output=True, text=True).stdout


def test_deploy_publishes_the_site_to_the_gh_pages_branch(seeds_site, tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "-q", str(remote))
    project = make_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "site")
    git(project, "remote", "add", "origin", str(remote))
    copy_cache(seeds_site.project, project)
    result = run(project, "-m", "generator", "deploy", env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in published and ".nojekyll" in published
    home = git(remote, "show", "gh-pages:index.html")
    for briefing_id in briefing_ids(project):
        assert f'href="briefings/{briefing_id}/"' in home
