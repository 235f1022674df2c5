"""The built site in a real headless Chromium (Debian's ``chromium``, driven by Playwright): what a
reader sees and does. Screenshots are kept in ``test-artifacts/``."""
from __future__ import annotations

import contextlib
import json
import os
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from projects import CHROMIUM, ROOT, TAGGED_NAME

ARTIFACTS = ROOT / "test-artifacts"
# The widths the layout is checked at: a phone and a laptop.
WIDTHS = (390, 1280)
LAPTOP = 1280

pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():
    # CI installs Debian's chromium; there a missing browser is a failure, not a skip.
    if os.environ.get("CI"):
        raise RuntimeError("chromium is not installed: apt-get install -y chromium")
    pytest.skip("chromium is not installed (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(seeds_site) -> str:
    """The URL of the shared seeds site (conftest.py), served on localhost."""
    return seeds_site.url


@pytest.fixture(scope="module")
def briefing_urls(site) -> list[str]:
    with urllib.request.urlopen(site + "exports/briefings.jsonl") as response:
        briefings = [json.loads(line) for line in response.read().decode().splitlines()]
    # The project's seeds, not the tagged one the fixture adds.
    return [f"{site}briefings/{b['id']}/" for b in briefings
            if not b["source_file"].endswith(TAGGED_NAME)]


class Watched:
    """A page whose console errors, page errors and requests outside the site are recorded."""

    def __init__(self, browser, site: str):
        self.site_host = urlparse(site).netloc
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # Only the requests to other hosts stop in this process; the site's own go straight
        # through (stopping each of them here made a page load cost half as much CPU again).
        self.page.route(re.compile(rf"^https?://(?!{re.escape(self.site_host)}/)"), self._abort)

    def _abort(self, route):
        self.external.append(route.request.url)
        route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, site):
    watched = Watched(browser, site)
    yield watched
    watched.close()


def test_home_page_lists_every_briefing(watched, site, briefing_urls):
    page = watched.page
    page.goto(site)
    links = page.eval_on_selector_all("article a", "els => els.map(a => a.href)")
    for url in briefing_urls:
        assert url in links
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)


def test_search_for_pashinyan_links_to_both_seed_briefings(watched, site, briefing_urls):
    page = watched.page
    page.goto(site)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Pashinyan", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    # Material renders results in batches as the list scrolls; show them all.
    for _ in range(5):
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(200)
    hrefs = page.eval_on_selector_all(".md-search-result__link",
                                      "els => els.map(a => a.href.split('#')[0].split('?')[0])")
    for url in briefing_urls:
        assert url in hrefs
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"))


def test_clicking_a_matrix_cell_lands_on_its_highlighted_evidence(watched, briefing_urls):
    page = watched.page
    page.goto(briefing_urls[0])
    page.wait_for_load_state("networkidle")
    # Instant loading makes every link absolute; the anchor is the part after '#'.
    cell = page.locator("table.stance-matrix a[href*='#s']").first
    anchor = "#" + cell.get_attribute("href").split("#", 1)[1]
    # Scrolling hides Material's tab bar; let the layout settle before clicking, as a reader would.
    cell.scroll_into_view_if_needed()
    page.wait_for_timeout(600)
    cell.click()
    page.wait_for_function("hash => location.hash === hash", arg=anchor, timeout=10_000)
    target = page.locator(anchor)
    assert "evidence-sentence" in target.get_attribute("class")
    assert target.locator("mark").count() >= 1
    page.wait_for_function(
        "s => getComputedStyle(document.querySelector(s)).outlineStyle === 'solid'",
        arg=anchor, timeout=10_000)
    page.wait_for_function(  # scrolled into view (the scroll may be animated)
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }", arg=anchor, timeout=10_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "evidence.png"))


def test_briefing_page_screenshot_in_light_and_dark(watched, briefing_urls):
    page = watched.page
    page.goto(briefing_urls[0])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "briefing.png"))
    page.screenshot(path=str(ARTIFACTS / "briefing-full.png"), full_page=True)
    page.wait_for_load_state("networkidle")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.locator("table.stance-matrix").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "briefing-dark.png"))


def test_tables_sort_by_a_clicked_column(watched, briefing_urls):
    page = watched.page
    page.goto(briefing_urls[0])
    table = page.locator("article table").first
    table.locator("th button.sort").first.click()
    names = table.locator("tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    assert table.locator("th").first.get_attribute("aria-sort") == "ascending"


def test_pages_log_no_console_error_and_request_nothing_outside_the_site(watched, site, briefing_urls):
    page = watched.page
    for url in [site, *briefing_urls, site + "overview/", site + "figures/", site + "tags/",
                site + "actors/", site + "archive/", site + "no-such-page/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert watched.external == []
    assert [e for e in watched.errors if "404" not in e] == []


def page_kind(path: str) -> str:
    """``briefings/…`` for ``briefings/some-id/``; one kind per folder and per top-level page."""
    parts = path.strip("/").split("/")
    return "home" if parts == [""] else parts[0] + ("/…" if len(parts) > 1 else "")


@pytest.fixture(scope="module")
def kinds_of_page(site) -> dict[str, str]:
    """One URL of every kind of page the site has (from its sitemap), and the 404 page."""
    with urllib.request.urlopen(site + "sitemap.xml") as response:
        urls = re.findall(r"<loc>([^<]+)</loc>", response.read().decode())
    kinds: dict[str, str] = {}
    for url in sorted(urls):
        kinds.setdefault(page_kind(urlparse(url).path), site + urlparse(url).path.lstrip("/"))
    kinds["404"] = site + "404.html"
    return kinds


def test_the_site_has_every_kind_of_page(kinds_of_page):
    assert set(kinds_of_page) >= {
        "home", "briefings/…", "events", "events/…", "archive", "archive/…", "overview", "figures", "actors",
        "actors/…", "issues", "issues/…", "tags", "tags/…", "exports", "report", "404"}


@contextlib.contextmanager
def in_viewport(browser, width: int):
    """A new page in a browser window ``width`` pixels wide."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


# Tables that do not fit their article at this width, as "path first-header-cell" (stance
# matrices grow with the issues and scroll in their own box; every other table must fit).
CUT_TABLES = (
    "tables => tables.filter(t => t.getBoundingClientRect().right > "
    "t.closest('article').getBoundingClientRect().right + 1 || t.scrollWidth > "
    "t.parentElement.clientWidth + 1).map(t => location.pathname + ' ' + "
    "t.rows[0].cells[0].textContent)")

# The tables of the page whose last column cannot be brought into view: neither on the screen
# nor reached by scrolling the box the table scrolls in (a clipping box does not count).
UNREACHABLE_COLUMNS = """tables => tables.filter(table => {
  const cells = table.rows.length ? [...table.rows[0].cells] : [];
  if (!cells.length || !table.offsetParent) return false;
  let box = table;
  while (box && box !== document.body && !["auto", "scroll"].includes(getComputedStyle(box).overflowX))
    box = box.parentElement;
  const scrolls = box && box !== document.body;
  if (scrolls) box.scrollLeft = box.scrollWidth;
  const view = scrolls ? box.getBoundingClientRect()
                       : {left: 0, right: document.documentElement.clientWidth};
  const last = cells[cells.length - 1].getBoundingClientRect();
  if (scrolls) box.scrollLeft = 0;
  return !(last.width > 0 && last.right <= view.right + 1 && last.right > view.left);
}).map(table => location.pathname + " " + table.rows[0].cells[0].textContent.trim())"""


@dataclass
class Survey:
    """What every kind of page showed at one window width (and the seed briefings, for their
    tables, on a laptop)."""
    too_wide: dict[str, int] = field(default_factory=dict)   # kind → its scroll width
    violations: dict[str, list] = field(default_factory=dict)  # kind → serious axe findings
    cut_tables: list[str] = field(default_factory=list)
    unreachable_columns: list[str] = field(default_factory=list)


# After a resize: the page's own scripts answer the resize event before the next frame is drawn,
# and what the new width shows fades in (Material's tabs): two frames on, once the transitions
# started by then are over, the page is what a fresh load at that width shows.
SETTLED = """new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))
  .then(() => Promise.all(document.getAnimations()
    .filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null))))
  .then(() => true)"""


def look(page, kind: str | None, width: int, found: Survey, axe) -> None:
    """Adds to ``found`` what the page shows at ``width``: its tables, and for a kind of page
    its width and its serious axe findings."""
    found.cut_tables += page.eval_on_selector_all("article table:not(.stance-matrix)", CUT_TABLES)
    found.unreachable_columns += page.eval_on_selector_all("article table", UNREACHABLE_COLUMNS)
    if kind is None:
        return
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, "
                                   "document.documentElement.clientWidth]")
    if scroll > client:
        found.too_wide[kind] = scroll
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"too-wide-{width}-{kind.strip('/…')}.png"))
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in axe.run(page).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    if violations:
        found.violations[kind] = violations


def survey(browser, kinds: dict[str, str], briefings: list[str]) -> dict[int, Survey]:
    """The ``Survey`` at each of ``WIDTHS``. Each page is loaded once, in a window of the first
    width, and looked at again at each wider one: a page load costs the browser more than a
    look, and the layout follows the window as a reader resizes it."""
    from axe_playwright_python.sync_playwright import Axe

    found, axe = {width: Survey() for width in WIDTHS}, Axe()
    with in_viewport(browser, WIDTHS[0]) as page:
        for kind, url in [*kinds.items(), *((None, url) for url in briefings)]:
            # The seed briefings are looked at on a laptop only, for their tables.
            widths = WIDTHS if kind is not None else (LAPTOP,)
            page.set_viewport_size({"width": widths[0], "height": 900})
            page.goto(url)  # until the load event: its styles, scripts and images are in
            page.evaluate("document.fonts.ready.then(() => true)")
            for n, width in enumerate(widths):
                if n:
                    page.set_viewport_size({"width": width, "height": 900})
                    page.evaluate(SETTLED)
                look(page, kind, width, found[width], axe)
    return found


@pytest.fixture(scope="module")
def surveys(browser, kinds_of_page, briefing_urls) -> dict[int, Survey]:
    return survey(browser, kinds_of_page, briefing_urls)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(surveys, width):
    assert surveys[width].too_wide == {}, f"pages wider than {width} px"


def test_on_a_laptop_every_table_shows_every_column(surveys):
    """Stance matrices grow with the issues and scroll in their own box; every other table fits."""
    assert surveys[LAPTOP].cut_tables == []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_shows_every_column_on_screen_or_in_its_own_scrolling_box(surveys, width):
    """The figures table on a phone too: its last column is reached by scrolling the table."""
    assert surveys[width].unreachable_columns == []


def test_on_a_phone_a_wide_matrix_scrolls_in_its_own_box_with_the_actor_in_view(browser,
                                                                              kinds_of_page):
    with in_viewport(browser, 390) as page:
        page.goto(kinds_of_page["overview"])
        box = page.locator(".matrix-scroll").first
        assert box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
        actor = box.locator("th[scope=row]").first
        left = actor.bounding_box()["x"]
        box.evaluate("el => el.scrollBy(200, 0)")
        page.wait_for_timeout(100)
        assert actor.bounding_box()["x"] == pytest.approx(left, abs=1)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "overview-phone.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_violation_on_any_kind_of_page(surveys, width):
    assert surveys[width].violations == {}


def test_the_events_map_is_described_and_its_points_reached_by_keyboard(watched, site):
    page = watched.page
    page.goto(site + "events/")
    description = page.locator("svg.event-map desc").text_content()
    assert "Nagorno-Karabakh" in description
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('event-point')"):
            break
    else:
        pytest.fail("no point of the map takes the keyboard focus")
    assert "Nagorno-Karabakh" in page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/places/nagorno-karabakh/")
    assert "Events in Nagorno-Karabakh" in page.locator("h1").text_content()
