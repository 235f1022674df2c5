"""What MkDocs makes of a page, kept between builds, so that a page whose inputs did not change
is not rendered again.

MkDocs renders every page on every build: its Markdown into HTML (``Page.render``), then that
HTML into the theme's template. On a site of a thousand briefings that is most of a build, though
one edited article changes a handful of pages. This cache keeps both results of each page, each
under a key of everything it depends on:

- the HTML of the Markdown: the Markdown the page is rendered from (as the plugins left it), its
  path, the Markdown extensions and their settings, MkDocs' version; and every documentation file
  the page links to, as MkDocs found it (looked up through its ``Files`` while rendering, recorded,
  and looked up again before reuse: a link whose target appeared, moved or went is rendered anew).
  A page whose rendering logged a warning (a broken link...) is not kept, so the warning comes back
  on every build, and ``--strict`` keeps failing.
- the page in the theme: that HTML and the table of contents, the page's metadata, title, URL
  and neighbours, the whole navigation with its titles, the site's configuration (the theme's
  options, ``extra``, the plugins' settings...) and the theme itself (Material's and MkDocs'
  versions, the files of ``custom_dir``). The themed pages of the last two configurations are
  kept (``mkdocs serve`` gives the site its own address), so that a build after serving, or
  serving after a build, does not theme every page again.

A page whose entry matches is not rendered: its HTML, table of contents, anchors and links to
other pages' anchors come from the entry (MkDocs still checks those links, and the search and
feed plugins still read the page's content, so the search index and the feeds stay complete),
and a template that renders nothing stands in for the theme's, the cached page being put back by
the plugin's ``on_post_page``, which then puts this build's article into it, as into a page
rendered anew. So a warm build gives the very bytes of a cold one.

The entry also keeps the page's metadata as MkDocs parsed it from its YAML front matter, with
that text: the same text gives the same metadata, taken from the entry without parsing it again.

The entry also keeps the sections Material's search plugin made of the page (it parses every
page's HTML on every build), under a key of all they are made from: the page's HTML, address,
title, metadata and table of contents, the plugin's settings and version. The same key gives
the same sections, which are added to the index as they were.

Entries live one file per page (pickled: an entry is mostly HTML, which JSON would escape and
unescape again, two seconds of every build of a thousand pages), written only when something in
them changed, and in memory while the process runs (``mkdocs serve`` keeps one cache across its
builds, so a rebuild reads none of them again); entries of pages no longer built are removed at
the end of a build.
"""
from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import importlib
import json
import logging
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as front_matter

from .cache import text_digest, write_atomically

# 2: a themed page is kept as rendered in the theme, before the plugin adds its article.
# 3: the themed page of each of the last THEMED_VARIANTS configurations.
# 4: pickled.
FORMAT = "pagecache/4"
# `mkdocs serve` themes every page for its own address (site_url), `mkdocs build` for the
# site's: with one themed page kept, each would theme the whole site again after the other.
THEMED_VARIANTS = 2
# The template a page whose theme rendering is cached is given: it renders nothing.
CACHED_TEMPLATE = "briefings-cached-page.html"
# The configuration that does not change what a page looks like (where the site is built).
_NOT_PAGE_CONFIG = ("site_dir", "docs_dir", "config_file_path", "watch", "dev_addr",
                    "plugins", "nav", "theme", "markdown_extensions", "mdx_configs")


def digest(*parts: Any) -> str:
    """A hash of JSON forms of ``parts`` (values JSON cannot hold are written as text)."""
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return text_digest(data)



def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "none"


def markdown_fingerprint(config: MkDocsConfig) -> str:
    """What the HTML of any page's Markdown depends on beside the page itself."""
    return digest(FORMAT, package_version("mkdocs"), package_version("markdown"),
                  [str(e) for e in config.markdown_extensions], config.mdx_configs,
                  config.use_directory_urls, dict(config.validation))


def theme_fingerprint(config: MkDocsConfig) -> str:
    """What the theme rendering of any page depends on beside the page and the navigation: the
    site's configuration, the plugins' settings, the theme's options and files."""
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    files = []
    if custom and custom.is_dir():
        for path in sorted(custom.rglob("*")):
            if path.is_file():
                files.append((path.relative_to(custom).as_posix(),
                              hashlib.sha256(path.read_bytes()).hexdigest()))
    settings = {key: value for key, value in config.items() if key not in _NOT_PAGE_CONFIG}
    plugins = {name: plugin_settings(plugin) for name, plugin in config.plugins.items()}
    return digest(FORMAT, package_version("mkdocs"), config.theme.name,
                  package_version(f"mkdocs-{config.theme.name}"), dict(config.theme), files,
                  settings, plugins)


def plugin_settings(plugin: Any) -> Any:
    """A plugin's settings; a hook (``hooks:`` in mkdocs.yml, a module among the plugins, with
    no settings) by the hash of its source, which can change what it does to a page."""
    if hasattr(plugin, "config"):
        return dict(plugin.config)
    source = getattr(plugin, "__file__", None)
    return hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else None


def navigation_fingerprint(nav: Navigation) -> str:
    """The navigation as every page shows it: sections, titles, addresses, metadata."""
    def item(entry) -> Any:
        if entry.is_section:
            return ["section", entry.title, [item(child) for child in entry.children]]
        if entry.is_page:
            return ["page", entry.title, entry.url, entry.meta,
                    [item(child) for child in getattr(entry, "children", None) or []]]
        return ["link", entry.title, entry.url]
    return digest([item(entry) for entry in nav.items],
                  nav.homepage.url if nav.homepage else None)


@functools.lru_cache(maxsize=None)
def _build_module(package: str) -> Any:
    """The build step of ``package`` (``mkdocs``, or ``properdocs`` running the same plugin)."""
    return importlib.import_module(f"{package}.commands.build")


def toc_tokens(toc: Iterable) -> list[dict]:
    """A table of contents as the tokens ``get_toc`` builds it from."""
    return [{"level": link.level, "id": link.id, "name": link.title,
             "children": toc_tokens(link.children)} for link in toc]


def _neighbour(page: Optional[Page]) -> Optional[list]:
    return [page.title, page.url] if page is not None else None


def _ancestors(page: Page) -> list:
    titles, parent = [], page.parent
    while parent is not None:
        titles.append(parent.title)
        parent = parent.parent
    return titles


class _RecordingFiles:
    """MkDocs' ``Files`` for one page's rendering, noting each file looked up and what it was."""

    def __init__(self, files: Files):
        self._files = files
        self.lookups: dict[str, Optional[list]] = {}

    def get_file_from_path(self, path: str) -> Optional[File]:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = describe(found)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def describe(file: Optional[File]) -> Optional[list]:
    """What a link to ``file`` turns into: its address and whether it is built."""
    return None if file is None else [file.url, str(file.inclusion)]


class WarningCounter(logging.Handler):
    """Counts the warnings logged while it is attached to a logger."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _variants(entry: dict) -> list[dict]:
    """The themed pages an entry keeps, the latest first (one of another shape is none)."""
    themed = entry.get("themed")
    if not isinstance(themed, list):
        return []
    return [variant for variant in themed if isinstance(variant, dict)
            and isinstance(variant.get("key"), str) and isinstance(variant.get("output"), str)]


class PageCache:
    """The entries of one site, in ``folder``, used by one build at a time (``start``)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        # Every entry read or made, by page, for the later builds of this process.
        self._memory: dict[str, dict] = {}
        self._entries: dict[str, dict] = {}
        self._outputs: dict[str, str] = {}
        self._theme_keys: dict[str, str] = {}
        self._built: set[str] = set()
        self._changed: set[str] = set()
        # The front matter of pages read anew in this build, for their entries (``_keep_front``).
        self._parsed_fronts: dict[str, dict] = {}
        # This build's files and what a link to each of those looked up leads to (``_described``).
        self._lookup_files: Optional[Files] = None
        self._looked_up: dict[str, Optional[list]] = {}
        self._markdown = self._theme = self._front = ""
        # Material's search, as ``wrap_search`` left it (None for another search plugin).
        self._add_search: Optional[Callable[[Page], None]] = None
        # The pages a helper process rendered in this build (``adopt``).
        self._adopted: set[str] = set()
        self.rendered = self.reused = self.themed = self.indexed = self.fronts = 0

    def start(self, config: MkDocsConfig) -> None:
        """A new build: what every page depends on is taken from ``config`` again."""
        self._entries, self._outputs, self._theme_keys = {}, {}, {}
        self._built, self._changed, self._parsed_fronts = set(), set(), {}
        self._lookup_files, self._looked_up = None, {}
        self._add_search, self._adopted = None, set()
        self._markdown = markdown_fingerprint(config)
        self._front = digest(FORMAT, package_version("mkdocs"), package_version("PyYAML"))
        self._theme = theme_fingerprint(config)
        self.rendered = self.reused = self.themed = self.indexed = 0

    def path(self, src_uri: str) -> Path:
        return Path(self._file(src_uri))

    def _file(self, src_uri: str) -> str:
        name = text_digest(src_uri)
        return os.path.join(self.folder, name[:2], f"{name}.pickle")

    def _load(self, src_uri: str) -> dict:
        if src_uri in self._memory:
            return self._memory[src_uri]
        try:
            with open(self._file(src_uri), "rb") as handle:
                entry = pickle.load(handle)
        except Exception:  # missing, partial or of another version: rendered again
            return {}
        if not isinstance(entry, dict) or entry.get("format") != FORMAT \
                or entry.get("page") != src_uri:
            return {}
        self._memory[src_uri] = entry
        return entry

    # --- the front matter --------------------------------------------------------------------

    def wrap_read_source(self, page: Page, config: MkDocsConfig) -> None:
        """Makes ``page.read_source`` take the page's metadata from its entry when its YAML front
        matter is the text it was parsed from (MkDocs parses every page's front matter on every
        build), and note it when not. A plugin that gives pages their source
        (``on_page_read_source``) leaves MkDocs' own reading in place."""
        if config.plugins.events["page_read_source"]:
            return
        read_source: Callable[[MkDocsConfig], None] = page.read_source

        def cached_read_source(config: MkDocsConfig) -> None:
            try:
                source = page.file.content_string
            except (OSError, ValueError):
                return read_source(config)  # which reports the error as MkDocs does
            found = front_matter.YAML_RE.match(source)
            src_uri = page.file.src_uri
            kept = self._load(src_uri).get("front") if found else None
            if isinstance(kept, dict) and kept.get("key") == self._front \
                    and kept.get("yaml") == found.group(1):
                page.markdown = source[found.end():].lstrip("\n")
                page.meta = copy.deepcopy(kept["meta"])
                self.fronts += 1
                return
            page.markdown, page.meta = front_matter.get_data(source)
            # Kept only when it is what the front matter gave: a mapping, stripped off.
            if found and page.meta and page.markdown == source[found.end():].lstrip("\n"):
                self._parsed_fronts[src_uri] = {"key": self._front, "yaml": found.group(1),
                                         "meta": copy.deepcopy(page.meta)}
        page.read_source = cached_read_source  # type: ignore[method-assign]

    def _keep_front(self, src_uri: str, entry: dict) -> None:
        if src_uri in self._parsed_fronts:
            entry["front"] = self._parsed_fronts.pop(src_uri)
            self._changed.add(src_uri)

    # --- the Markdown ------------------------------------------------------------------------

    def wrap_render(self, page: Page) -> None:
        """Makes ``page.render`` reuse the entry of the page when its Markdown, its settings and
        every file it links to are as they were, and record a new entry when not."""
        render: Callable[[MkDocsConfig, Files], None] = page.render

        def cached_render(config: MkDocsConfig, files: Files) -> None:
            src_uri = page.file.src_uri
            key = digest(self._markdown, src_uri, text_digest(page.markdown))
            entry = self._load(src_uri)
            html = entry.get("html")
            if (isinstance(html, dict) and html.get("key") == key
                    and all(self._described(files, path) == found
                            for path, found in html["lookups"].items())):
                self._restore(page, html, files)
                self._entries[src_uri] = entry
                self._keep_front(src_uri, entry)
                return
            recording, warnings = _RecordingFiles(files), WarningCounter()
            logging.getLogger("mkdocs").addHandler(warnings)
            try:
                render(config, recording)  # type: ignore[arg-type]
            finally:
                logging.getLogger("mkdocs").removeHandler(warnings)
            self.rendered += 1
            if warnings.count:
                self._entries.pop(src_uri, None)
                self._memory.pop(src_uri, None)
                return
            links = {target.src_uri: anchors
                     for target, anchors in (page.links_to_anchors or {}).items()}
            self._entries[src_uri] = {"format": FORMAT, "page": src_uri, "html": {
                "key": key, "lookups": recording.lookups, "content": page.content,
                "toc": toc_tokens(page.toc), "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()), "links": links}}
            if "front" in entry:
                self._entries[src_uri]["front"] = entry["front"]
            self._keep_front(src_uri, self._entries[src_uri])
            self._memory[src_uri] = self._entries[src_uri]
            self._changed.add(src_uri)
        page.render = cached_render  # type: ignore[method-assign]

    def _described(self, files: Files, path: str) -> Optional[list]:
        """``describe`` of the file at ``path`` in ``files``, looked up once per build (pages
        link to the same few hundred files)."""
        if files is not self._lookup_files:
            self._lookup_files, self._looked_up = files, {}
        if path not in self._looked_up:
            self._looked_up[path] = describe(files.get_file_from_path(path))
        return self._looked_up[path]

    def _restore(self, page: Page, html: dict, files: Files) -> None:
        page.content = html["content"]
        page.toc = get_toc(html["toc"])
        page._title_from_render = html["title"]
        page.present_anchor_ids = set(html["anchors"])
        links = {}
        for src_uri, anchors in html["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = anchors
        page.links_to_anchors = links
        if page.file.src_uri in self._adopted:
            self.rendered += 1
        else:
            self.reused += 1

    # --- the theme ---------------------------------------------------------------------------

    def theme_key(self, page: Page, nav: str) -> str:
        return digest(self._theme, nav, page.file.src_uri, page.url, page.canonical_url,
                      page.edit_url, page.is_homepage, page.title, page.meta,
                      text_digest(page.content or ""),
                      toc_tokens(page.toc), _neighbour(page.previous_page),
                      _neighbour(page.next_page), _ancestors(page))

    def choose_templates(self, env: jinja2.Environment, nav: Navigation, files: Files) -> None:
        """Once every page is read: each page whose entry holds its themed page for the same
        inputs is given the template that renders nothing (its page comes from ``output``)."""
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED_TEMPLATE: ""}), env.loader])
        navigation = navigation_fingerprint(nav)
        self._built = {file.src_uri for file in files.documentation_pages()}
        for file in files.documentation_pages():
            page = file.page
            entry = self._entries.get(file.src_uri)
            if page is None or entry is None or "template" in page.meta:
                continue
            key = self.theme_key(page, navigation)
            self._theme_keys[file.src_uri] = key
            output = next((variant["output"] for variant in _variants(entry)
                           if variant["key"] == key), None)
            if output is not None:
                self._outputs[file.src_uri] = output
                page.meta["template"] = CACHED_TEMPLATE
                self.themed += 1

    def output(self, page: Page) -> Optional[str]:
        """The cached themed page of ``page`` when it is used in this build."""
        return self._outputs.get(page.file.src_uri)

    # --- the search index --------------------------------------------------------------------

    def wrap_search(self, plugin: Any) -> None:
        """Makes Material's search plugin add the sections a page's entry holds for the same
        inputs instead of parsing the page's HTML again, and record them when not. Another
        search plugin, or one of another shape, is left alone."""
        index = getattr(plugin, "search_index", None)
        if not (type(index).__module__.startswith("material.")
                and isinstance(getattr(index, "entries", None), list)
                and callable(getattr(index, "add_entry_from_context", None))):
            return
        add: Callable[[Page], None] = index.add_entry_from_context
        settings = digest(FORMAT, package_version("mkdocs-material"), index.config,
                          getattr(sys.modules.get(type(index).__module__), "jieba", None)
                          is not None)

        def cached_add(page: Page) -> None:
            src_uri = page.file.src_uri
            entry = self._entries.get(src_uri)
            if entry is None:
                add(page)
                return
            # The template this cache gives a page it themed before is not the page's own.
            meta = {name: value for name, value in page.meta.items()
                    if (name, value) != ("template", CACHED_TEMPLATE)}
            key = digest(settings, page.url, page.title, meta, toc_tokens(page.toc),
                         text_digest(page.content or ""))
            search = entry.get("search")
            if isinstance(search, dict) and search.get("key") == key:
                index.entries.extend(search["sections"])
                self.indexed += 1
                return
            start = len(index.entries)
            add(page)
            sections = index.entries[start:]
            # Kept only when they are plain JSON, so that the kept ones are the same values.
            if json.loads(json.dumps(sections, default=str)) == sections:
                entry["search"] = {"key": key, "sections": sections}
                self._changed.add(src_uri)
        index.add_entry_from_context = cached_add
        self._add_search = cached_add

    # --- pages rendered by helper processes (pagepool) -----------------------------------------

    def to_render(self, files: Files, changed: Iterable[str], config: MkDocsConfig) -> list[Page]:
        """The pages of ``files``, in the order MkDocs renders them, that this build is likely
        to render anew: those whose Markdown file ``changed`` and those of which the cache has
        no HTML. A page left out of the navigation is given its ``Page`` here, as MkDocs would
        give it just before rendering it."""
        changed, pages = set(changed), []
        for file in files.documentation_pages():
            if file.src_uri in changed or "html" not in self._load(file.src_uri):
                if file.page is None and file.inclusion.is_not_in_nav():
                    Page(None, file, config)
                if file.page is not None:
                    pages.append(file.page)
        return pages

    def render_elsewhere(self, page: Page, config: MkDocsConfig, files: Files) -> Optional[dict]:
        """In a helper process: ``page`` read and rendered into HTML by the running MkDocs' own
        step (or ProperDocs': the package that made ``page``), its plugins' events included,
        its search sections added, and the entry this cache made of it; None when it made none
        (the rendering warned)."""
        _build_module(type(page).__module__.split(".")[0])._populate_page(page, config, files)
        entry = self._entries.get(page.file.src_uri)
        if entry is None or "html" not in entry:
            return None
        if self._add_search is not None:
            self._add_search(page)
        return entry

    @property
    def helped(self) -> int:
        """How many pages of this build helper processes rendered."""
        return len(self._adopted)

    def adopt(self, src_uri: str, entry: dict) -> None:
        """The entry a helper process made of a page this build is about to render: restored
        when MkDocs renders it, and kept for later builds."""
        self._memory[src_uri] = entry
        self._adopted.add(src_uri)
        self._changed.add(src_uri)

    # -----------------------------------------------------------------------------------------

    def store(self, page: Page, output: str) -> None:
        """Keeps what this build learned of a page for later builds: the page just rendered in
        the theme (``output``, unless it came from the entry), its HTML, its search sections."""
        src_uri = page.file.src_uri
        entry, key = self._entries.get(src_uri), self._theme_keys.get(src_uri)
        if entry is None:
            return
        if key is not None and src_uri not in self._outputs:
            others = [variant for variant in _variants(entry) if variant["key"] != key]
            entry["themed"] = [{"key": key, "output": output}, *others][:THEMED_VARIANTS]
            self._changed.add(src_uri)
        if src_uri not in self._changed:
            return
        self._changed.discard(src_uri)
        target = self.path(src_uri)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # costs a rendering next time, nothing else

    def prune(self) -> None:
        """Removes the entries of pages this build did not have."""
        for src_uri in set(self._memory) - self._built:
            del self._memory[src_uri]
        kept = {self._file(src_uri) for src_uri in self._built}
        if not kept or not self.folder.is_dir():
            return
        # Entries of earlier formats (.json) too.
        for top, _, names in os.walk(self.folder):
            for name in names:
                path = os.path.join(top, name)
                if path not in kept and not name.startswith("."):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(path)


__all__ = ["PageCache", "WarningCounter", "CACHED_TEMPLATE", "digest", "navigation_fingerprint", "toc_tokens"]
