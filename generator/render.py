"""Render stage: briefings → Markdown pages (Jinja2 templates), JSON and CSV files.

Text from articles is data, never markup: every template puts it through ``md`` (Markdown and
HTML specials turned into character references, newlines into spaces) or ``html`` (inside raw
HTML), and front matter through ``yaml.safe_dump``. Output is deterministic: the same inputs
give byte-identical files, so rewriting only what changed keeps ``mkdocs serve`` from looping.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import posixpath
import re
from bisect import bisect_right
from itertools import groupby
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Optional, Sequence

import jinja2
import yaml
from markupsafe import Markup, escape
from slugify import slugify

from . import aggregate, charts, corrections, rendermemo, timeline, worldmap
from .model import Briefing, Event, Figure, Position, Provenance, Span
from .publish import process_running
from .read import Article, InputError

PAGE_SIZE = 50
TOP_ACTORS = 3
# Links to evidence shown in one cell of a cross-article table; the rest are counted.
CELL_LINKS = 5
MANIFEST = ".briefings-manifest.json"
# First characters that make a spreadsheet read a cell as a formula (csv_cell).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")

STANCE_SYMBOLS = {"support": "\u2714", "oppose": "\u2718", "conditional": "\u25d0",
                  "mixed": "\u00b1", "neutral": "\u25cb"}
QUALIFIER_WORDS = {"exact": "", "approximately": "about", "at_least": "at least",
                   "more_than": "more than", "less_than": "fewer than", "up_to": "up to"}

# Characters that open Markdown or HTML constructs anywhere in a line: emphasis, code, links,
# attribute lists, table cells, entities, tags, and the marks of common extensions (~ ^ = : $).
# "#" too: it opens a heading at the start of a line, and at the end of a heading Markdown drops
# it as a closing mark ("Strike on C#" would show as "Strike on C").
_INLINE_SPECIALS = re.compile(r"[\\`*_{}\[\]<>&|~^=:$#]")
# ...and those that do so only at the start of a line: lists, ordered lists, admonitions (!!!)
# and details blocks (???).
_LINE_START_SPECIALS = ("+", "-", "!", "?")
_ORDERED_ITEM = re.compile(r"\d+([.)])")


# ---------------------------------------------------------------------------------------------
# Escaping filters


PAGER_REACH = 3         # page links shown on each side of the current page


def escape_markdown(value: object) -> str:
    """Inline Markdown that renders as exactly ``value``: specials become numeric character
    references (valid in every Markdown context, including table cells), whitespace runs and
    newlines become one space so a value can never open a new block."""
    if value is None:
        return ""
    text = " ".join(_without_placeholder_marks(str(value)).split())
    text = _INLINE_SPECIALS.sub(lambda m: f"&#{ord(m.group())};", text)
    return _escape_line_start(text)


def _escape_line_start(text: str) -> str:
    if text[:1] in _LINE_START_SPECIALS:
        return f"&#{ord(text[0])};{text[1:]}"
    match = _ORDERED_ITEM.match(text)
    if match:
        mark = match.start(1)
        return f"{text[:mark]}&#{ord(text[mark])};{text[mark + 1:]}"
    return text


def escape_html(value: object) -> str:
    """Text for raw HTML. Raw HTML still passes through Markdown, hence no placeholder marks."""
    return str(escape("" if value is None else _without_placeholder_marks(str(value))))


# In an attribute, also the quotes that would end it and the line breaks a snippet keeps.
_ATTRIBUTE_SPECIALS = re.compile(r"[\\`*_{}\[\]<>&|~^=:$#\"'\n\r\t]")


def escape_attribute(value: object) -> str:
    """Text for an HTML attribute value anywhere on a page, raw HTML or a Markdown table cell:
    every character Markdown or HTML could read as markup becomes a character reference, line
    breaks included (``&#10;``), so the attribute holds exactly ``value``."""
    text = _without_placeholder_marks("" if value is None else str(value))
    return _ATTRIBUTE_SPECIALS.sub(lambda m: f"&#{ord(m.group())};", text)


def escape_html_attribute(value: object) -> str:
    """Text for an attribute in raw HTML (which Markdown leaves alone): HTML-escaped, its line
    breaks kept as ``&#10;`` so the raw HTML stays one line."""
    return escape_html(value).replace("\r", "&#13;").replace("\n", "&#10;")


def _without_placeholder_marks(text: str) -> str:
    # Python-Markdown marks its placeholders with STX and ETX and drops them from any text: left
    # in, they would let an article forge a placeholder, or leave a double space where one went.
    return text.replace("\x02", "").replace("\x03", "")


def front_matter(data: dict) -> str:
    """A YAML front matter block. Themes print ``title``, ``description`` and tag names into
    HTML unescaped (MkDocs treats a page title as HTML), so every string is HTML-escaped first;
    the YAML dumper then quotes it, never a template. Strings are one line, as ``md`` makes
    them. Empty values are left out (a ``date: null`` would confuse plugins reading dates)."""
    data = {key: _html_strings(value) for key, value in data.items()}
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False,
                          width=10_000)
    return f"---\n{body}---\n"


def _html_strings(value):
    # Whitespace runs become one space: yaml.safe_dump writes some line breaks (U+0085, U+2028,
    # U+2029) raw, and YAML readers fold them into spaces or keep them, each in its own way.
    # Apostrophes stay: attributes are double-quoted, and feeds that escape again would show
    # "&#39;" in every "Azerbaijan's".
    if isinstance(value, str):
        return html.escape(" ".join(value.split()), quote=False).replace('"', "&quot;")
    if isinstance(value, list):
        return [item for item in map(_html_strings, value) if item != ""]
    return value


# ---------------------------------------------------------------------------------------------
# Small views the templates use


def as_date(value: Optional[str]) -> Optional[date]:
    """An ISO date as a ``date``, so front matter holds a YAML date that feed plugins read."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_value(figure: Figure) -> str:
    """``more than 100``: the number with its qualifier in words; a range with both bounds
    (``between 10 and 15``); a vague quantity in the article's own words (``scores of``)."""
    if figure.value_words:
        return figure.value_words
    if figure.value_max is not None:
        return f"between {format_number(figure.value)} and {format_number(figure.value_max)}"
    words = QUALIFIER_WORDS.get(figure.qualifier, figure.qualifier.replace("_", " "))
    return f"{words} {format_number(figure.value)}".strip()


def figure_words(figure: Figure) -> str:
    """``more than 100 people killed``: value, qualifier, unit and what happened, in words."""
    event = figure.event if figure.event and figure.event not in (figure.unit, "other") else \
        f"{figure.total_of} in all" if figure.total_of and not figure.event else ""
    return " ".join(part for part in (figure_value(figure), figure.unit, event) if part)


def correction_words(corrected: Optional[Provenance]) -> str:
    """``Corrected by desk: a town, not an actor``: who corrected an item and why, in words."""
    if not corrected:
        return ""
    by, note = corrected.get("by"), corrected.get("note")
    words = f"Corrected by {by}" if by else "Corrected by an editor"
    return f"{words}: {note}" if note else words


def corrected_badge(corrected: Optional[Provenance]) -> Markup:
    """The mark of an item an editor corrected: the word, with who and why on hover and for
    screen readers. Safe in raw HTML and in Markdown table cells."""
    if not corrected:
        return Markup("")
    words = escape_attribute(correction_words(corrected))
    return Markup(f'<span class="corrected" title="{words}">\u270e corrected'
                  f'<span class="visually-hidden"> ({words})</span></span>')


def stance_label(stance: Optional[str]) -> str:
    """A symbol and a word, so a stance never depends on colour alone."""
    if not stance:
        return ""
    return f"{STANCE_SYMBOLS.get(stance, '?')} {stance}"


def sentence_index(sentences: Sequence[Span], offset: int) -> Optional[int]:
    """The 1-based number of the sentence that holds ``offset`` (the anchor ``#s<n>``)."""
    i = bisect_right(sentences, offset, key=lambda sentence: sentence[0]) - 1
    if i >= 0 and sentences[i][0] <= offset < max(sentences[i][1], sentences[i][0] + 1):
        return i + 1
    return None


def position_anchor(briefing: Briefing, position: Position) -> Optional[int]:
    span = position.content_span or position.cue_span or position.source_span
    return sentence_index(briefing.sentences, span[0]) if span else None


def figure_anchor(briefing: Briefing, figure: Figure) -> Optional[int]:
    return sentence_index(briefing.sentences, figure.span[0])


def event_anchor(briefing: Briefing, event: Event) -> str:
    """The sentence an event is told in (``s12``), or none."""
    n = sentence_index(briefing.sentences, event.span[0])
    return f"s{n}" if n else ""


def event_type_label(event_type: str) -> str:
    return event_type.replace("_", " ").capitalize()


def cell_anchor(briefing: Briefing, cell) -> str:
    """``s<n>``: the sentence of the first evidence position of a stance cell, or ``""``."""
    positions = {p.id: p for p in briefing.positions}
    for position_id in cell.evidence:
        if position_id in positions:
            number = position_anchor(briefing, positions[position_id])
            if number:
                return f"s{number}"
    return ""


def page_name(identifier: str, kind: str = "briefing") -> str:
    """The file stem of a briefing's or actor's page; ``index`` is taken by the folder's own
    page."""
    return f"{kind}-index" if identifier == "index" else identifier


def actor_anchor(actor_id: str) -> str:
    """The anchor of an actor's positions on a briefing page."""
    return f"actor-{actor_id}"


def actor_target(site: aggregate.Site, actor_id: Optional[str]) -> Optional[str]:
    """Where a link to an actor leads, as a docs path: its own page when it has one, else its
    positions on the one briefing they come from, else nowhere (a name only mentioned)."""
    if isinstance(site, rendermemo.SiteView):  # a briefing page, noting what it shows
        return site.actor_target(actor_id)
    profile = site.actors.get(actor_id or "")
    if profile is None:
        return None
    if profile.id in site.actor_pages:
        return f"actors/{page_name(profile.id, 'actor')}.md"
    if profile.positions:
        briefing = profile.positions[0].briefing
        return f"briefings/{page_name(briefing.id)}.md#{actor_anchor(profile.id)}"
    return None


def page_numbers(path: str, count: int) -> list[str]:
    """The docs paths of a listing split into ``count`` pages: ``X.md``, ``X/2.md``, ...
    (``X/2.md`` cannot clash with a page ``X-2.md`` an id might ask for)."""
    return [path] + [f"{path[:-3]}/{n}.md" for n in range(2, count + 1)]


# ---------------------------------------------------------------------------------------------
# The source text with sentence anchors and highlighted evidence


def source_html(text: str, sentences: Sequence[Span], marks: Iterable[Span],
                hidden: Iterable[Span] = (), evidence_sentences: Iterable[int] = ()) -> str:
    """The article as one line of HTML: each sentence a ``<span id="s<n>">``, the words a
    position or figure was taken from in ``<mark>``, site chrome dimmed. Newlines become
    ``&#10;`` (shown by ``white-space: pre-wrap``) so Markdown sees a single raw HTML line, and
    tabs ``&#9;``, which Python-Markdown would expand to spaces even in raw HTML."""
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
    pieces: list[tuple[int, str]] = []
    for here, after in zip(points, points[1:]):
        for kind, delta in sorted(events.get(here, []), key=lambda e: e[1]):
            if kind == "sentence":
                sentence = delta if delta > 0 else (0 if sentence == -delta else sentence)
            else:
                active[kind] += delta
        piece = escape_html(text[here:after].replace("\r", "")) \
            .replace("\n", "&#10;").replace("\t", "&#9;")
        if active["mark"]:
            piece = f'<mark class="evidence">{piece}</mark>'
        if active["chrome"]:
            piece = f'<span class="chrome">{piece}</span>'
        pieces.append((sentence, piece))
    return '<div class="source-text">' + _join_sentences(pieces, evidence) + "</div>"


def _join_sentences(pieces: list[tuple[int, str]], evidence: set[int]) -> str:
    """Wraps each run of pieces from one sentence in its anchored span."""
    out: list[str] = []
    for number, run in groupby(pieces, key=lambda piece: piece[0]):
        body = "".join(piece for _, piece in run)
        if not number:
            out.append(body)
            continue
        css = "sentence evidence-sentence" if number in evidence else "sentence"
        out.append(f'<span class="{css}" id="s{number}">{body}</span>')
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Exports


def plain_number(value: float) -> str:
    """A number the same way whether it was computed (``0.0``) or read back from JSON (``0``)."""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def _confidence(item) -> Optional[str]:
    return None if item.confidence is None else plain_number(item.confidence)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: one that would open a formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return first) gets a leading apostrophe, as OWASP advises
    against CSV injection; numbers (and text that is only a number) stay as they are. Carriage
    returns become line feeds, which the writer quotes (it quotes only its line terminator)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value[:1] in _FORMULA_STARTS and not _NUMBER.fullmatch(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def export_files(site: aggregate.Site, json_lines: dict[str, str]) -> dict[str, str]:
    """The CSV exports and the JSON Lines of every briefing (``json_lines``: id → line)."""
    briefings = site.briefings
    actors = csv_text(
        ["briefing", "date", "actor", "name", "type", "title", "affiliation", "mentions",
         "salience", "corrected"],
        ([b.id, b.date, a.id, a.name, a.type, a.title, a.affiliation, len(a.mentions), plain_number(a.salience),
          correction_words(a.corrected)]
         for b in briefings for a in b.actors))
    positions = csv_text(
        ["briefing", "date", "position", "actor", "cue", "content", "kind", "via", "issues",
         "stance", "start", "end", "corrected", "confidence"],
        ([b.id, b.date, p.id, p.actor, p.cue, p.content, p.kind, p.via, " ".join(p.issues),
          p.stance, p.content_span[0], p.content_span[1], correction_words(p.corrected),
          _confidence(p)]
         for b in briefings for p in b.positions))
    figures = csv_text(
        ["briefing", "date", "figure", "value", "qualifier", "unit", "event", "category",
         "claimed_by", "about", "text", "start", "end", "corrected", "confidence"],
        ([b.id, b.date, f.id, plain_number(f.value), f.qualifier, f.unit,
          f.event, f.category, f.claimed_by, f.about, f.text, f.span[0], f.span[1],
          correction_words(f.corrected), _confidence(f)]
         for b in briefings for f in b.figures))
    stances = csv_text(
        ["briefing", "date", "actor", "issue", "stance", "evidence", "corrected", "confidence"],
        ([b.id, b.date, c.actor, c.issue, c.stance, " ".join(c.evidence),
          correction_words(c.corrected), _confidence(c)]
         for b in briefings for c in b.stances))
    events = csv_text(timeline.CSV_HEADER, timeline.csv_rows(briefings, figure_words))
    jsonl = "".join(json_lines[b.id] for b in briefings)
    return {"exports/actors.csv": actors, "exports/positions.csv": positions,
            "exports/figures.csv": figures, "exports/stances.csv": stances,
            "exports/events.csv": events, "exports/briefings.jsonl": jsonl}


# ---------------------------------------------------------------------------------------------
# Pages


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)),
                             undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(md=escape_markdown, html=escape_html, number=format_number,
                       figure_value=figure_value, stance_label=stance_label,
                       front_matter=front_matter, page_name=page_name, as_date=as_date,
                       attribute=escape_attribute, html_attribute=escape_html_attribute,
                       corrected_badge=corrected_badge,
                       correction_words=correction_words)
    env.globals.update(STANCE_SYMBOLS=STANCE_SYMBOLS, CELL_LINKS=CELL_LINKS, PAGER_REACH=PAGER_REACH,
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
    """Renders every page of the site into ``files``; one method per kind of page."""

    def __init__(self, env: jinja2.Environment, site: aggregate.Site, errors: list[InputError],
                 directory_urls: bool = True):
        self.env, self.site, self.errors = env, site, errors
        self.directory_urls = directory_urls
        self.files: dict[str, str] = {}
        self.sources: dict[str, tuple[str, str]] = {}

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
        context.setdefault("site", self.site)
        self.add(path, self.env.get_template(template).render(
            errors=self.errors, url=url, link=link, **context))

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
                notes: Iterable[tuple[str, str]] = (),
                memo: Optional[rendermemo.Memo] = None) -> Rendering:
    """All pages and data files of the site. Every listing that grows with the site is split
    into pages of ``page_size``. ``correction_statuses``: what became of each correction, for the
    build report; ``notes``: (file, note) pairs for it too, inputs skipped or read but not
    simply (a guessed encoding...). Items less sure than ``min_confidence`` are marked
    uncertain, and only the stance cells at least that sure make the merged matrix. Briefing
    pages ``memo`` kept whose inputs are unchanged are taken from it (``rendermemo``)."""
    site = aggregate.build_site(briefings, actor_page_min_briefings, min_confidence)
    writer = SiteWriter(environment(templates), site, sorted(errors, key=lambda e: e.path),
                        directory_urls)
    texts = {a.source_file: a for a in articles}
    # One line of JSON per briefing, for its download and the JSON Lines export. Not indented:
    # json.dumps with an indent runs in Python, not C, and took seconds on a large site.
    json_lines = {b.id: json.dumps(b.to_dict(), ensure_ascii=False) + "\n"
                  for b in site.briefings}
    writer.page("index.md", "home.md.j2", latest=site.briefings[:page_size])
    fixed = [rendermemo.templates_fingerprint(templates), directory_urls, min_confidence]
    for briefing in site.briefings:
        _add_briefing(writer, briefing, texts.get(briefing.source_file), json_lines[briefing.id],
                      memo, fixed)
        writer.add(f"briefings/{page_name(briefing.id)}.json", json_lines[briefing.id])
    if memo is not None:
        memo.prune({f"briefings/{page_name(b.id)}.md" for b in site.briefings})
    _add_archive(writer, page_size)
    rows = timeline.event_rows(site.briefings)
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
    for path, content in export_files(site, json_lines).items():
        writer.add(path, content)
    writer.page("report.md", "report.md.j2", corrections=list(correction_statuses),
                notes=sorted(notes))
    return Rendering(writer.files, writer.sources)


def _add_briefing(writer: SiteWriter, briefing: Briefing, article: Optional[Article],
                  json_line: str, memo: Optional[rendermemo.Memo] = None,
                  fixed: Sequence = ()) -> None:
    """A briefing's page: kept by ``memo`` when its inputs and what it shows of the site are
    unchanged, else rendered with a view of the site that notes what it shows."""
    path = f"briefings/{page_name(briefing.id)}.md"

    def target_of(actor_id: Optional[str]) -> Optional[str]:
        return actor_target(writer.site, actor_id)
    key = rendermemo.page_key(*fixed, path, json_line, article.sha256 if article else None,
                              article.hidden if article else None)
    kept = memo.lookup(path, key, writer.site, target_of) if memo is not None else None
    if kept is not None:
        writer.add(path, kept.markdown)
        if article:
            start, end = kept.source
            writer.sources[path] = (source_placeholder(briefing), kept.markdown[start:end])
        return
    view = rendermemo.SiteView(writer.site, target_of)
    marks = [p.content_span for p in briefing.positions] + [f.span for f in briefing.figures]
    source = source_html(article.text, briefing.sentences, marks, article.hidden,
                         _evidence_sentences(briefing)) if article else ""
    if article:
        writer.sources[path] = (source_placeholder(briefing), source)

    def actor_name(actor_id: Optional[str]) -> str:
        return actor_display(view, briefing, actor_id)
    writer.page(path, "briefing.md.j2", site=view,
                briefing=briefing, source_text=Markup(source),
                tags=briefing_tags(view, briefing),
                positions_by_actor=positions_by_actor(briefing), anchor=_anchors(briefing),
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


def add_events(writer: SiteWriter, page_size: int, rows: Optional[list] = None) -> None:
    """The timeline (every event, the latest first, with the map of their places), and the
    same filtered by type, by place (each with its own map) and by actor; all paginated."""
    rows = timeline.event_rows(writer.site.briefings) if rows is None else rows
    places = timeline.places(rows)
    people = timeline.actors(rows, writer.site.actor_pages)
    filters = {"kinds": timeline.types(rows), "places": places[:timeline.TOP_FILTERS],
               "place_count": len(places), "people": people[:timeline.TOP_FILTERS]}

    def mapped(here: str, chosen: list) -> Markup:
        return events_map(writer, here, chosen)
    writer.listing("events/index.md", "events.md.j2", rows, page_size, heading="Timeline of events",
                   filters=filters, event_map=mapped("events/index.md", rows))
    for kind, _ in filters["kinds"]:
        chosen = [r for r in rows if r.event.type == kind]
        writer.listing(f"events/types/{kind}.md", "events.md.j2", chosen, page_size,
                       heading=f"Events: {event_type_label(kind)}", filters=filters,
                       event_map=mapped(f"events/types/{kind}.md", chosen))
    for key, label, _ in places:
        chosen = [r for r in rows if r.place == key]
        writer.listing(f"events/places/{key}.md", "events.md.j2", chosen, page_size,
                       heading=f"Events in {label}", filters=filters,
                       event_map=mapped(f"events/places/{key}.md", chosen))
    writer.listing("events/places/index.md", "event_places.md.j2", places, page_size)
    for actor_id, _ in people:
        writer.listing(f"events/actors/{page_name(actor_id, 'actor')}.md", "events.md.j2",
                       timeline.involving(rows, actor_id), page_size,
                       heading=f"Events: {writer.site.actor_name(actor_id)}", filters=filters,
                       event_map=Markup(""))


def tag_page(tag: str) -> str:
    """The docs path of a tag's page: its slug and a short hash of the tag itself, since two
    tags can share a slug ("C#" and "C"), and some have none."""
    slug = slugify(tag, max_length=60)
    digest = hashlib.sha256(tag.encode("utf-8")).hexdigest()[:8]
    return f"tags/{slug}-{digest}.md" if slug else f"tags/{digest}.md"


def _evidence_sentences(briefing: Briefing) -> set[int]:
    positions = {p.id: p for p in briefing.positions}
    numbers = set()
    for cell in briefing.stances:
        for position_id in cell.evidence:
            if position_id in positions:
                number = position_anchor(briefing, positions[position_id])
                if number:
                    numbers.add(number)
    return numbers


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


# ---------------------------------------------------------------------------------------------
# Writing


@dataclass
class Manifest:
    """What a run wrote into the docs folder: the generated ``files`` (the next run deletes those
    it no longer generates) and the briefing id of each source file (``ids``), so that the next
    run can keep every page at its URL."""
    files: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the last run in ``folder``; empty if there is none or it is unreadable
    (a list of files alone is the form of earlier versions)."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if isinstance(data, list):
        data = {"files": data}
    if not isinstance(data, dict):
        return Manifest()
    files = [f for f in data.get("files") or [] if isinstance(f, str)]
    ids = {k: v for k, v in (data.get("ids") or {}).items()
           if isinstance(k, str) and isinstance(v, str)}
    return Manifest(files, ids)


def write_files(folder: Path, files: dict[str, str], ids: Optional[dict[str, str]] = None
                ) -> list[str]:
    """Writes ``files`` under ``folder``, touching only files whose content changed (a rewrite
    with the same bytes would still wake ``mkdocs serve``), and deletes the files an earlier run
    generated that this run did not. ``ids`` (source file → briefing id) goes into the manifest.
    Returns the paths written or deleted.

    Each file is written whole or not at all (``write_whole``), so a generation killed half-way
    leaves every page either as it was or as it should be."""
    folder.mkdir(parents=True, exist_ok=True)
    _remove_partial_files(folder)
    previous = read_manifest(folder)
    # Listed before they are written, so that the next run deletes what a killed one wrote.
    _write_manifest(folder, Manifest(sorted({*previous.files, *files}), previous.ids))
    changed = []
    for relative, content in sorted(files.items()):
        target = folder / relative
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        write_whole(target, data)
        changed.append(relative)
    changed += _remove_stale(folder, previous.files, set(files))
    _write_manifest(folder, Manifest(sorted(files), dict(sorted((ids or {}).items()))))
    return changed


def write_whole(target: Path, data: bytes) -> None:
    """Writes ``data`` to a hidden file beside ``target`` (MkDocs skips hidden files), then
    renames it over ``target``: a reader sees the old file or the new one, never a part. Not
    synced to disk: this guards against a killed process, not a power cut."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}{_PARTIAL_SUFFIX}")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


_PARTIAL_SUFFIX = ".partial"
_PARTIAL = re.compile(r"\..+\.(\d+)" + re.escape(_PARTIAL_SUFFIX))


def _remove_partial_files(folder: Path) -> None:
    """Removes the hidden files of ``write_whole`` that a killed process left behind (those of
    processes still running are theirs: ``mkdocs serve`` may be writing beside a build)."""
    for path in folder.rglob(f".*{_PARTIAL_SUFFIX}"):
        match = _PARTIAL.fullmatch(path.name)
        if match and path.is_file() and not process_running(int(match.group(1))):
            path.unlink(missing_ok=True)


def _remove_stale(folder: Path, previous: list[str], current: set[str]) -> list[str]:
    """Only files listed in the previous manifest are ours to delete; anything else in the
    folder was put there by someone else."""
    removed = []
    for relative in previous:
        target = folder / relative
        if relative not in current and target.is_file() and folder.resolve() in target.resolve().parents:
            target.unlink()
            removed.append(relative)
            _prune_empty(target.parent, folder)
    return removed


def _prune_empty(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


def _write_manifest(folder: Path, manifest: Manifest) -> None:
    path = folder / MANIFEST
    data = json.dumps({"files": manifest.files, "ids": manifest.ids}, indent=0,
                      ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text("utf-8") != data:
        write_whole(path, data.encode("utf-8"))
