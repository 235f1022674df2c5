"""Render stage: briefings → Markdown pages (Jinja2 templates), JSON and CSV files.

Text from articles is data, never markup: every template puts it through ``md`` (Markdown and
HTML specials turned into character references, newlines into spaces) or ``html`` (inside raw
HTML), and front matter through ``yaml.safe_dump``. Output is deterministic: the same inputs
give byte-identical files, so rewriting only what changed keeps ``mkdocs serve`` from looping.
"""
from __future__ import annotations

import hashlib
import posixpath
from itertools import groupby
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import jinja2
from markupsafe import Markup
from slugify import slugify

from . import aggregate, charts, corrections, jsonlines, rendermemo, timeline, worldmap
from .model import Briefing, Figure, Position, Span, StanceCell
from .escape import (escape_attribute, escape_html, escape_html_attribute, escape_markdown,
                     front_matter)
from .exports import export_files
from .views import (STANCE_SYMBOLS, actor_anchor, actor_target, as_date, cell_anchor,
                    corrected_badge, correction_words, event_anchor, event_type_label,
                    figure_anchor, figure_value, figure_words, format_number, page_name,
                    page_numbers, position_anchor, stance_label)
from .read import Article, InputError

PAGE_SIZE = 50
TOP_ACTORS = 3
# Links to evidence shown in one cell of a cross-article table; the rest are counted.
CELL_LINKS = 5


PAGER_REACH = 3         # page links shown on each side of the current page


# ---------------------------------------------------------------------------------------------
# The source text with sentence anchors and highlighted evidence


def source_html(text: str, sentences: Sequence[Span], marks: Iterable[Span],
                hidden: Iterable[Span] = (), evidence_sentences: Iterable[int] = ()) -> str:
    """The article as one line of HTML: each sentence a ``<span id="s<n>">``, the words a
    position or figure was taken from in ``<mark>``, site chrome dimmed. Newlines become
    ``&#10;`` (shown by ``white-space: pre-wrap``) so Markdown sees a single raw HTML line, and
    tabs ``&#9;``, which Python-Markdown would expand to spaces even in raw HTML.

    The article is most of a long briefing's page, so its markup is kept short: the styles find
    sentences as the anchored spans of the source text and marks inside it, with no classes of
    their own, and neighbouring marked words share one ``<mark>``."""
    evidence = set(evidence_sentences)
    events: dict[int, list[tuple[str, int]]] = {}
    for kind, spans in (("mark", marks), ("chrome", hidden)):
        for start, end in spans:
            if end > start:
                events.setdefault(start, []).append((kind, 1))
                events.setdefault(end, []).append((kind, -1))
    for number, (start, end) in enumerate(sentences, 1):
        events.setdefault(start, []).append(("sentence", number))
        events.setdefault(end, []).append(("sentence", -number))
    points = sorted({0, len(text), *[p for p in events if 0 <= p <= len(text)]})
    active = {"mark": 0, "chrome": 0}
    sentence = 0
    pieces: list[tuple[int, bool, bool, str]] = []
    for here, after in zip(points, points[1:]):
        for kind, delta in sorted(events.get(here, []), key=lambda e: e[1]):
            if kind == "sentence":
                sentence = delta if delta > 0 else (0 if sentence == -delta else sentence)
            else:
                active[kind] += delta
        piece = escape_html(text[here:after].replace("\r", "")) \
            .replace("\n", "&#10;").replace("\t", "&#9;")
        pieces.append((sentence, bool(active["mark"]), bool(active["chrome"]), piece))
    return '<div class="source-text">' + _join_sentences(pieces, evidence) + "</div>"


def _join_sentences(pieces: list[tuple[int, bool, bool, str]], evidence: set[int]) -> str:
    """Wraps each run of pieces from one sentence in its anchored span, and within it each run
    of marked or chrome pieces in one element."""
    out: list[str] = []
    for number, run in groupby(pieces, key=lambda piece: piece[0]):
        body = "".join(_styled(marked, chrome, "".join(piece[3] for piece in same))
                       for (marked, chrome), same in groupby(run, key=lambda p: p[1:3]))
        if not number:
            out.append(body)
        elif number in evidence:
            out.append(f'<span class="evidence-sentence" id="s{number}">{body}</span>')
        else:
            out.append(f'<span id="s{number}">{body}</span>')
    return "".join(out)


def _styled(marked: bool, chrome: bool, body: str) -> str:
    if marked:
        body = f"<mark>{body}</mark>"
    return f'<span class="chrome">{body}</span>' if chrome else body


# ---------------------------------------------------------------------------------------------
# Pages


def keep_compiled(env: jinja2.Environment, folder: Optional[Path]) -> None:
    """Makes ``env`` keep the templates it compiles in ``folder`` for later processes: compiling
    the site's and the theme's templates again is a second of every build. Jinja keys each by
    its name and source and checks Python's version; the subfolder is keyed by the settings that
    change the code a template compiles to, and Jinja's version."""
    if folder is None or env.bytecode_cache is not None:
        return
    settings = hashlib.sha256(repr((
        jinja2.__version__, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        sorted(env.extensions), env.optimized, env.autoescape, env.finalize is not None,
        env.is_async)).encode("utf-8")).hexdigest()[:16]
    try:
        (Path(folder) / settings).mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # compiled again, nothing worse
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(Path(folder) / settings))


def environment(templates: Path, compiled: Optional[Path] = None) -> jinja2.Environment:
    """The site's templates; compiled ones kept in ``compiled`` (``keep_compiled``)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)),
                             undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    keep_compiled(env, compiled)
    env.filters.update(md=escape_markdown, html=escape_html, number=format_number,
                       figure_value=figure_value, stance_label=stance_label,
                       front_matter=front_matter, page_name=page_name, as_date=as_date,
                       attribute=escape_attribute, html_attribute=escape_html_attribute,
                       corrected_badge=corrected_badge,
                       correction_words=correction_words)
    env.globals.update(STANCE_SYMBOLS=STANCE_SYMBOLS, CELL_LINKS=CELL_LINKS, PAGER_REACH=PAGER_REACH,
                       CORRECTION_FIELDS=corrections.fields_data(),
                       position_anchor=position_anchor, figure_anchor=figure_anchor,
                       cell_anchor=cell_anchor, actor_target=actor_target,
                       actor_anchor=actor_anchor, tag_page=tag_page, top_actors=top_actors,
                       event_anchor=event_anchor, place_label=timeline.place_label,
                       event_type_label=event_type_label, by_month=timeline.by_month,
                       figure_events=timeline.figure_events, when_where=timeline.when_where)
    return env


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL path a docs file is published at: ``a/b.md`` → ``a/b/`` (or ``a/b.html``)."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(here: str, target: str, anchor: str = "", directory_urls: bool = True) -> str:
    """A link from page ``here`` to file ``target`` (both docs paths) for raw HTML, which MkDocs
    does not rewrite the way it rewrites Markdown links. ``target`` may carry its anchor."""
    target, _, inline_anchor = target.partition("#")
    anchor = anchor or inline_anchor
    base = page_url(here, directory_urls).split("/")[:-1]
    goal = page_url(target, directory_urls).split("/")
    common = 0
    while common < min(len(base), len(goal) - 1) and base[common] == goal[common]:
        common += 1
    parts = [".."] * (len(base) - common) + goal[common:]
    url = "/".join(parts) or "./"
    return f"{url}#{anchor}" if anchor else url


class SiteWriter:
    """Renders every page of the site into ``files``; one method per kind of page. With a
    ``memo``, an across-article page whose values and answers are unchanged is taken from it
    (``rendermemo``; ``digests`` of this site, ``fixed``: what every page depends on)."""

    def __init__(self, env: jinja2.Environment, site: aggregate.Site, errors: list[InputError],
                 directory_urls: bool = True, memo: Optional[rendermemo.Memo] = None,
                 digests: Optional[rendermemo.Digests] = None, fixed: Sequence = ()):
        self.env, self.site, self.errors = env, site, errors
        self.directory_urls = directory_urls
        self.memo, self.digests, self.fixed = memo, digests, fixed
        self.files: dict[str, str] = {}
        self.sources: dict[str, tuple[str, str]] = {}

    def target_of(self, actor_id: Optional[str]) -> Optional[str]:
        return actor_target(self.site, actor_id)

    def add(self, path: str, content: str) -> None:
        if path in self.files:
            raise ValueError(f"two generated files share the path {path}")
        self.files[path] = content

    def page(self, path: str, template: str, **context) -> None:
        """Renders ``template`` as the page at ``path``, with the helpers every page shares:
        ``link`` (a Markdown link target, checked by MkDocs) and ``url`` (for raw HTML)."""
        def url(target: str, anchor: str = "") -> str:
            return relative_url(path, target, anchor, self.directory_urls)

        def link(target: str) -> str:
            return markdown_link(path, target)
        key = self._listing_key(path, template, context)
        if key is None:
            context.setdefault("site", self.site)
        else:
            kept = self.memo.lookup(path, key, self.site, self.target_of, self.digests)
            if kept is not None:
                self.add(path, kept.markdown)
                return
            context["site"] = view = rendermemo.ListingView(self.site, self.target_of,
                                                            self.digests)
        self.add(path, self.env.get_template(template).render(
            errors=self.errors, url=url, link=link, **context))
        if key is not None:
            self.memo.keep(path, key, view, self.files[path], "")

    def _listing_key(self, path: str, template: str, context: dict) -> Optional[str]:
        """The memo's key of an across-article page (one given its own ``site``, a briefing
        page's view, is not one), or None when it is not kept."""
        if self.memo is None or self.digests is None or "site" in context:
            return None
        try:
            values = self.digests.encode([self.errors, sorted(context.items())])
        except TypeError:
            return None  # a value with no digest: rendered every time
        return rendermemo.page_key(*self.fixed, path, template, values)

    def listing(self, path: str, template: str, items: Sequence, page_size: int,
                **context) -> None:
        """Renders ``items`` in pages of ``page_size`` (``page_numbers``), so that no page grows
        with the site. Each page gets its ``items``, its ``page`` number and all ``pages``."""
        chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)] or [items]
        pages = page_numbers(path, len(chunks))
        for number, (here, chunk) in enumerate(zip(pages, chunks), 1):
            self.page(here, template, items=chunk, page=number, pages=pages, **context)


def markdown_link(here: str, target: str) -> str:
    """A relative link from docs file ``here`` to docs file ``target`` (``#anchor`` kept), as
    Markdown wants it: MkDocs turns it into the page's URL and reports it if it is broken."""
    path, hash_mark, anchor = str(target).partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(here) or ".")
    return relative + hash_mark + anchor


@dataclass
class Rendering:
    """The site: ``files`` (``{path: text}``) for the docs folder, and ``sources``: for each
    briefing page, the article as the HTML block its Markdown holds, and a placeholder that can
    stand in for it while MkDocs renders the page (``fill_source`` puts the article back).

    Every page's Markdown is complete, so any engine builds the full site from the docs folder.
    The article is most of a briefing page's HTML, and MkDocs, Markdown and the search plugin
    would each parse it again on every build; the placeholder keeps the sentence anchors, so
    links to the evidence are still checked."""
    files: dict[str, str]
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)


def fill_source(page_html: str, placeholder: str, source: str) -> str:
    if placeholder not in page_html:
        raise ValueError("the placeholder of the source text is missing from the page")
    return page_html.replace(placeholder, source, 1)


def source_placeholder(briefing: Briefing) -> str:
    """An empty source-text block holding only the sentence anchors (``#s1``, ``#s2``...)."""
    anchors = "".join(f'<span id="s{n}"></span>' for n in range(1, len(briefing.sentences) + 1))
    return f'<div class="source-text" data-source="{escape_html(briefing.id)}">{anchors}</div>'


def render_site(briefings: Iterable[Briefing], articles: Iterable[Article],
                errors: Iterable[InputError], templates: Path, page_size: int = PAGE_SIZE,
                directory_urls: bool = True,
                actor_page_min_briefings: int = aggregate.PAGE_MIN_BRIEFINGS,
                correction_statuses: Sequence[corrections.Status] = (),
                min_confidence: float = aggregate.MIN_CONFIDENCE,
                min_shown_confidence: float = aggregate.MIN_SHOWN_CONFIDENCE,
                notes: Iterable[tuple[str, str]] = (),
                memo: Optional[rendermemo.Memo] = None,
                json_line: Callable[[Briefing], str] = jsonlines.encode,
                compiled: Optional[Path] = None) -> Rendering:
    """All pages and data files of the site. Every listing that grows with the site is split
    into pages of ``page_size``. ``correction_statuses``: what became of each correction, for the
    build report; ``notes``: (file, note) pairs for it too, inputs skipped or read but not
    simply (a guessed encoding...). Items less sure than ``min_confidence`` are marked
    uncertain, and only the stance cells at least that sure make the merged matrix; items less
    sure than ``min_shown_confidence`` are left out of the pages (``aggregate.shown``). Pages
    ``memo`` kept whose inputs are unchanged are taken from it (``rendermemo``), and each
    briefing's line of JSON from ``json_line`` (``jsonlines``); compiled templates are kept in
    ``compiled``."""
    site = aggregate.build_site(briefings, actor_page_min_briefings, min_confidence,
                                min_shown_confidence)
    texts = {a.source_file: a for a in articles}
    # One line of JSON per briefing, for its download and the JSON Lines export.
    json_lines = {b.id: json_line(b) for b in site.briefings}
    fixed = [rendermemo.templates_fingerprint(templates), directory_urls, min_confidence,
             min_shown_confidence]
    writer = SiteWriter(environment(templates, compiled), site, sorted(errors, key=lambda e: e.path),
                        directory_urls, memo, rendermemo.Digests(site.briefings, json_lines),
                        fixed)
    writer.page("index.md", "home.md.j2", latest=site.briefings[:page_size])
    for briefing in site.briefings:
        _add_briefing(writer, briefing, texts.get(briefing.source_file), json_lines[briefing.id],
                      memo, fixed)
        writer.add(f"briefings/{page_name(briefing.id)}.json", json_lines[briefing.id])
    _add_archive(writer, page_size)
    rows = shown_event_rows(site)
    writer.listing("overview.md", "overview.md.j2", site.matrix_actors(), page_size,
                   event_map=events_map(writer, "overview.md", rows))
    writer.listing("figures.md", "figures.md.j2", site.claims, page_size,
                   charts=charts.figure_charts(site, figure_words))
    profiles = [site.actors[actor_id] for actor_id in site.actor_pages]
    profiles.sort(key=lambda a: (-len(a.evidence_briefings()), a.name.casefold(), a.id))
    writer.listing("actors/index.md", "actors.md.j2", profiles, page_size)
    for profile in profiles:
        writer.listing(f"actors/{page_name(profile.id, 'actor')}.md", "actor.md.j2",
                       profile.positions[::-1], page_size, actor=profile)
    writer.page("issues/index.md", "issues.md.j2")
    for issue in site.issues.values():
        writer.listing(f"issues/{issue.id}.md", "issue.md.j2", issue.positions[::-1], page_size,
                       issue=issue)
    _add_tags(writer, page_size)
    add_events(writer, page_size, rows)
    writer.page("exports/index.md", "exports.md.j2")
    for path, content in export_files(site, json_lines,
                                      memo.export_rows if memo is not None else None).items():
        writer.add(path, content)
    writer.page("report.md", "report.md.j2", corrections=list(correction_statuses),
                notes=sorted(notes))
    if memo is not None:
        memo.prune(set(writer.files))
    return Rendering(writer.files, writer.sources)


def _add_briefing(writer: SiteWriter, briefing: Briefing, article: Optional[Article],
                  json_line: str, memo: Optional[rendermemo.Memo] = None,
                  fixed: Sequence = ()) -> None:
    """A briefing's page: kept by ``memo`` when its inputs and what it shows of the site are
    unchanged, else rendered with a view of the site that notes what it shows."""
    path = f"briefings/{page_name(briefing.id)}.md"
    target_of = writer.target_of
    key = rendermemo.page_key(*fixed, path, json_line, article.sha256 if article else None,
                              article.hidden if article else None)
    kept = memo.lookup(path, key, writer.site, target_of, writer.digests) \
        if memo is not None else None
    if kept is not None:
        writer.add(path, kept.markdown)
        if article:
            start, end = kept.source
            writer.sources[path] = (source_placeholder(briefing), kept.markdown[start:end])
        return
    view = rendermemo.SiteView(writer.site, target_of, writer.digests)
    page = aggregate.shown(briefing, writer.site.min_shown_confidence)
    # The words behind every cell shown are highlighted, those of a position the page leaves
    # out too: a reader follows the cell's link to them.
    marks = [p.content_span for p in [*page.positions, *_evidence(briefing, page.stances)]] \
        + [f.span for f in page.figures]
    source = source_html(article.text, page.sentences, marks, article.hidden,
                         _evidence_sentences(briefing, page.stances)) if article else ""
    if article:
        writer.sources[path] = (source_placeholder(briefing), source)

    def actor_name(actor_id: Optional[str]) -> str:
        return actor_display(view, briefing, actor_id)
    writer.page(path, "briefing.md.j2", site=view,
                briefing=page, source_text=Markup(source), left_out=_left_out(briefing, page),
                tags=briefing_tags(view, briefing),
                positions_by_actor=positions_by_actor(page), anchor=_anchors(briefing),
                actor_name=actor_name,
                correction=_corrections_of(article.text if article else "", actor_name))
    if memo is not None:
        memo.keep(path, key, view, writer.files[path], source)


def _add_archive(writer: SiteWriter, page_size: int) -> None:
    """Briefings by month, each month split into pages of ``page_size``, so no page and no
    navigation entry grows with the number of briefings."""
    months: dict[str, list[Briefing]] = {}
    for briefing in writer.site.briefings:
        months.setdefault(aggregate.month_of(briefing), []).append(briefing)
    for month, briefings in months.items():
        writer.listing(f"archive/{month}.md", "archive_month.md.j2", briefings, page_size,
                       month=month)
    writer.page("archive/index.md", "archive.md.j2",
                months=[(month, len(briefings)) for month, briefings in months.items()])


def _add_tags(writer: SiteWriter, page_size: int) -> None:
    """The articles' own tags (from their front matter), each a paginated list of briefings;
    actors and issues have pages of their own."""
    tagged: dict[str, list[Briefing]] = {}
    for briefing in writer.site.briefings:
        for tag in dict.fromkeys(briefing.tags):
            tagged.setdefault(tag, []).append(briefing)
    names = {tag: tag_page(tag) for tag in tagged}
    for tag, briefings in tagged.items():
        writer.listing(names[tag], "tag.md.j2", briefings, page_size, tag=tag)
    writer.page("tags.md", "tags.md.j2",
                tags=sorted(((tag, len(b), names[tag]) for tag, b in tagged.items()),
                            key=lambda item: (-item[1], item[0].casefold(), item[0])))


def events_map(writer: SiteWriter, here: str, rows: list) -> Markup:
    """The SVG map of the places of ``rows`` for the page ``here``, each point linking to its
    place's events."""
    points = timeline.map_points(rows, lambda key: relative_url(
        here, f"events/places/{key}.md", directory_urls=writer.directory_urls))
    return worldmap.event_map(points, "Map of the places of events")


def shown_event_rows(site: aggregate.Site) -> list:
    """Every event of the site (events are all shown), their tolls only from the figures the
    pages show."""
    return timeline.event_rows(aggregate.shown(b, site.min_shown_confidence) for b in site.briefings)


def add_events(writer: SiteWriter, page_size: int, rows: Optional[list] = None) -> None:
    """The timeline (every event, the latest first, with the map of their places), and the
    same filtered by type, by place (each with its own map) and by actor; all paginated."""
    rows = shown_event_rows(writer.site) if rows is None else rows
    places = timeline.places(rows)
    people = timeline.actors(rows, writer.site.actor_pages)
    filters = {"kinds": timeline.types(rows), "places": places[:timeline.TOP_FILTERS],
               "place_count": len(places), "people": people[:timeline.TOP_FILTERS]}

    def mapped(here: str, chosen: list) -> Markup:
        return events_map(writer, here, chosen)
    writer.listing("events/index.md", "events.md.j2", rows, page_size, heading="Timeline of events",
                   filters=filters, event_map=mapped("events/index.md", rows))
    by_kind, by_place = grouped(rows, lambda r: r.event.type), grouped(rows, lambda r: r.place)
    for kind, _ in filters["kinds"]:
        chosen = by_kind[kind]
        writer.listing(f"events/types/{kind}.md", "events.md.j2", chosen, page_size,
                       heading=f"Events: {event_type_label(kind)}", filters=filters,
                       event_map=mapped(f"events/types/{kind}.md", chosen))
    for key, label, _ in places:
        chosen = by_place[key]
        writer.listing(f"events/places/{key}.md", "events.md.j2", chosen, page_size,
                       heading=f"Events in {label}", filters=filters,
                       event_map=mapped(f"events/places/{key}.md", chosen))
    writer.listing("events/places/index.md", "event_places.md.j2", places, page_size)
    for actor_id, _ in people:
        writer.listing(f"events/actors/{page_name(actor_id, 'actor')}.md", "events.md.j2",
                       timeline.involving(rows, actor_id), page_size,
                       heading=f"Events: {writer.site.actor_name(actor_id)}", filters=filters,
                       event_map=Markup(""))


def grouped(rows: list, key: Callable) -> dict[object, list]:
    """``rows`` by ``key``, each group in the rows' order."""
    groups: dict[object, list] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def tag_page(tag: str) -> str:
    """The docs path of a tag's page: its slug and a short hash of the tag itself, since two
    tags can share a slug ("C#" and "C"), and some have none."""
    slug = slugify(tag, max_length=60)
    digest = hashlib.sha256(tag.encode("utf-8")).hexdigest()[:8]
    return f"tags/{slug}-{digest}.md" if slug else f"tags/{digest}.md"


def _left_out(briefing: Briefing, page: Briefing) -> dict[str, int]:
    """How many positions, figures and stance cells of ``briefing`` its ``page`` leaves out."""
    return {name: len(getattr(briefing, name)) - len(getattr(page, name))
            for name in aggregate.SHOWN_ITEMS}


def _evidence(briefing: Briefing, cells: Iterable[StanceCell]) -> list[Position]:
    """The positions of ``briefing`` (shown or not) behind ``cells``."""
    behind = {position_id for cell in cells for position_id in cell.evidence}
    return [p for p in briefing.positions if p.id in behind]


def _evidence_sentences(briefing: Briefing, cells: Iterable[StanceCell]) -> set[int]:
    """The sentences of the positions behind ``cells``."""
    numbers = (position_anchor(briefing, p) for p in _evidence(briefing, cells))
    return {number for number in numbers if number}


def _corrections_of(text: str, actor_name):
    """A template helper: what the "correct this" control of an item of the page copies."""
    def name_of(actor_id: Optional[str]) -> Optional[str]:
        return actor_name(actor_id) if actor_id else None

    def correction(item) -> str:
        return corrections.correction_data(text, item, name_of)
    return correction


def _anchors(briefing: Briefing):
    """A template helper: the sentence number behind a position, a figure or a stance cell."""
    def anchor(item) -> Optional[int]:
        if isinstance(item, Position):
            return position_anchor(briefing, item)
        if isinstance(item, Figure):
            return figure_anchor(briefing, item)
        name = cell_anchor(briefing, item)
        return int(name[1:]) if name else None
    return anchor


def actor_display(site: aggregate.Site, briefing: Briefing, actor_id: Optional[str]) -> str:
    actor = briefing.actor(actor_id)
    return actor.name if actor else site.actor_name(actor_id)


def positions_by_actor(briefing: Briefing) -> list[tuple[Optional[str], list[Position]]]:
    """Positions grouped by speaker, speakers in order of salience, unattributed last."""
    groups: dict[Optional[str], list[Position]] = {}
    for position in sorted(briefing.positions, key=lambda p: p.content_span):
        groups.setdefault(position.actor, []).append(position)
    rank = {a.id: (-a.salience, i) for i, a in enumerate(briefing.actors)}
    return sorted(groups.items(), key=lambda item: (
        item[0] is None, rank.get(item[0], (0.0, len(rank))), item[0] or ""))


def top_actors(briefing: Briefing, limit: int = TOP_ACTORS) -> list:
    ranked = sorted(enumerate(briefing.actors), key=lambda ia: (-ia[1].salience, ia[0]))
    return [actor for _, actor in ranked[:limit]]


def briefing_tags(site: aggregate.Site, briefing: Briefing) -> list[str]:
    """Tags for search and feeds: the article's own, its main actors, its issues."""
    issues = [site.issues[i.id].label if i.id in site.issues else i.label for i in briefing.issues]
    actors = [site.actor_name(a.id) for a in top_actors(briefing)]
    tags: list[str] = []
    for tag in [*briefing.tags, *actors, *issues]:
        if tag and tag not in tags:
            tags.append(tag)
    return tags
