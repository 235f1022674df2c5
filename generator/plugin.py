"""The MkDocs plugin: a config schema and build events, nothing else.

It turns the articles in ``seeds`` into Markdown pages in ``docs_dir`` before MkDocs collects
its files, so ``mkdocs build``, ``mkdocs serve`` and ``mkdocs gh-deploy`` need no extra step.
The generator (``pipeline``, ``render``) does not know it runs inside MkDocs.

``mkdocs build`` and ``gh-deploy`` build into a staging folder beside ``site_dir`` that replaces
it only when the build succeeds (``publish``), as ``python -m generator build`` does; that command
stages itself and passes its staging folder as ``site_dir``, which is then used as it is.
``mkdocs serve`` builds into a temporary folder of its own and is left alone. Either way the
build is made over the files of an earlier one rather than into an emptied folder
(``siteupdate``).
"""
from __future__ import annotations

import contextlib
import dataclasses
import html
import logging
import os
import shutil
from pathlib import Path
from typing import Optional
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from . import (aggregate, corrections, docs, docsfolder, htmlspace, incremental, jsonlines,
               pipeline, prerendered, publish, render, rendermemo)
from .heap import BuildThresholds
from .pagecache import PageCache, WarningCounter
from .pagepool import PagePool
from .siteupdate import SiteUpdate
from .distributed import DaskUnavailable
from .progress import progress_bar
from .read import DEFAULT_MAX_BYTES

log = get_plugin_logger("briefings")


class BriefingsConfig(base.Config):
    seeds = c.Type(str, default="seeds")
    templates = c.Type(str, default="templates")
    gazetteers = c.ListOfItems(c.Type(str), default=[])
    issues_file = c.Optional(c.Type(str))
    boilerplate = c.ListOfItems(c.Type(str), default=[])
    max_input_bytes = c.Type(int, default=DEFAULT_MAX_BYTES)
    strict = c.Type(bool, default=False)
    # Processes that analyse articles; 0 (the default) is one per core.
    jobs = c.Type(int, default=0)
    # A Dask scheduler (tcp://host:8786) that analyses the articles the cache does not have; the
    # cache and the site build stay on this machine.
    dask = c.Optional(c.Type(str))
    page_size = c.Type(int, default=render.PAGE_SIZE)
    # Actors heard in fewer briefings are read on their briefing's page (aggregate.build_site).
    actor_page_min_briefings = c.Type(int, default=aggregate.PAGE_MIN_BRIEFINGS)
    # Positions, figures and stance cells less sure than this are marked uncertain on the pages;
    # the overview's merged matrix counts only the cells at least this sure.
    min_confidence = c.Type((int, float), default=aggregate.MIN_CONFIDENCE)
    # ... and those less sure than this are not shown at all (they stay in the JSON downloads
    # and the exports, with their confidence); 0 shows everything.
    min_shown_confidence = c.Type((int, float), default=aggregate.MIN_SHOWN_CONFIDENCE)
    # The channel image of the rss plugin's feeds, a path under site_url (used when the rss
    # plugin names no image of its own; its feeds would say <url>None</url>).
    feed_image = c.Type(str, default="assets/feed.png")
    # An analyst's corrections (a YAML file or a folder of them), applied on every build.
    corrections = c.Type(str, default=corrections.DEFAULT_FILE)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # The last build's results by input, kept for the next (incremental.py).
        self._store: Optional[incremental.Store] = None
        self._memo: Optional[rendermemo.Memo] = None
        self._lines: Optional[jsonlines.JsonLines] = None
        self._command: Optional[str] = None
        self._dirty = False
        self._staged: Optional[StagedBuild] = None
        self._plain_titles: set[str] = set()
        self._sources: dict[str, tuple[str, str]] = {}
        self._skipped: list[tuple[str, str]] = []
        self._pages: Optional[PageCache] = None
        self._nav = None
        # The docs files this build's generation wrote or removed, and the helper processes
        # rendering pages beside MkDocs (pagepool).
        self._changed_docs: list[str] = []
        self._pool: Optional[PagePool] = None
        self._update: Optional[SiteUpdate] = None
        self._heap = BuildThresholds()

    # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds, so the
    # results of unchanged inputs are reused from memory instead of read again on every save.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    # First, so that every other plugin sees the staging folder as site_dir.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> None:
        self._heap.start()  # until the build ends (heap.py)
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.seeds = self.root / self.config.seeds
        self.templates = self.root / self.config.templates
        self.strict = self.config.strict or os.environ.get("BRIEFINGS_STRICT") == "1"
        if not self.templates.is_dir():
            raise PluginError(f"briefings: templates folder not found: {self.templates}")
        Path(config.docs_dir).mkdir(parents=True, exist_ok=True)
        if prerendered.NAME not in config.markdown_extensions:
            config.markdown_extensions.append(prerendered.NAME)
        if self._command in ("build", "gh-deploy") and not publish.is_staging(config.site_dir):
            custom = config.theme.custom_dir
            try:
                publish.check_site_folder(Path(config.site_dir), self.root, [
                    self.seeds, self.templates, Path(config.docs_dir),
                    Path(config.config_file_path or "mkdocs.yml"),
                    *([Path(custom)] if custom else [])])
            except publish.UnsafeSiteFolder as error:
                raise PluginError(f"briefings: {error}") from None
            self._staged = StagedBuild.start(config, copy_site=self._dirty)
        feeds = config.plugins.get("rss")
        if feeds is not None and not feeds.config.get("image") and config.site_url:
            feeds.config["image"] = urljoin(config.site_url, self.config.feed_image)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs empties the site folder after this event; a build that is not dirty is made
        # over the files of the last one instead (siteupdate), a staged one over the site its
        # last publishing replaced.
        self._update = None
        if not self._dirty and self._command in ("build", "gh-deploy", "serve"):
            self._update = SiteUpdate(Path(config.site_dir))
            self._update.hold(publish.previous_site(self._staged.site)
                              if self._staged is not None else None)
        folder = Path(config.docs_dir)
        cache = self.settings().cache_folder()
        if cache is None:
            self._pages = None
        elif self._pages is None or self._pages.folder != cache / "pages":
            self._pages = PageCache(cache / "pages")
        if self._pages is not None:
            self._pages.start(config)
            for plugin in config.plugins.values():
                self._pages.wrap_search(plugin)
        try:
            outcome = self.analyse(docsfolder.read_manifest(folder).ids)
            settings = self.settings()
            if self._memo is None:
                self._memo = docs.default_memo(settings)
            if self._lines is None:
                self._lines = docs.default_lines(settings)
            generated = docs.generate(folder, self.options(config), outcome, settings, self._memo,
                                      self._lines)
        except DaskUnavailable as error:
            raise PluginError(f"briefings: {error}") from error
        except corrections.CorrectionsError as error:
            # A malformed corrections file stops the build, so the last good site stays.
            raise PluginError(f"briefings: {error}") from error
        self._sources = generated.rendering.sources
        self._changed_docs = generated.changed
        log.info(f"{len(outcome.briefings)} briefings, {len(generated.changed)} files changed")
        for error in outcome.errors:
            log.warning(f"input skipped, see the build report: {error}")
        stale = generated.corrected.stale
        for status in stale:
            log.warning(f"correction no longer applies, see the build report: "
                        f"{status.correction.where}: {status.reason}")
        if outcome.errors and self.strict:
            raise PluginError(f"briefings: {len(outcome.errors)} input(s) could not be read")
        if stale and self.strict:
            raise PluginError(f"briefings: {len(stale)} correction(s) no longer apply")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # Changes to articles and templates rebuild the site. docs_dir holds only the pages this
        # plugin generates during a build: watched, writing them would start a second build.
        server.unwatch(config.docs_dir)
        for folder in (self.seeds, self.templates):
            if folder.is_dir():
                server.watch(str(folder))
        if self.corrections_path().exists():
            server.watch(str(self.corrections_path()))
        return server

    # Titles in front matter are HTML-escaped for the theme, which prints them raw
    # (escape.front_matter). The rss plugin reads page.title in its on_page_content (priority
    # -75) and escapes it again for XML, so its feeds would show "&quot;": it is given the plain
    # title just before, and the theme the escaped one again just after. Should the rss plugin
    # read titles elsewhere, its feeds show "&quot;" again, nothing worse. (A title given in
    # the nav of mkdocs.yml is set on the page and left alone.)
    @event_priority(-70)
    def _plain_title_for_feeds(self, html_text: str, *, page: Page, **kwargs) -> None:
        if "title" not in vars(page) and isinstance(page.meta.get("title"), str):
            page.title = html.unescape(page.meta["title"])
            self._plain_titles.add(page.file.src_uri)

    @event_priority(-80)
    def _escaped_title_for_theme(self, html_text: str, *, page: Page, **kwargs) -> None:
        if page.file.src_uri in self._plain_titles:
            self._plain_titles.discard(page.file.src_uri)
            vars(page).pop("title", None)  # the title from front matter again

    on_page_content = CombinedEvent(_plain_title_for_feeds, _escaped_title_for_theme)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files) -> Page:
        if self._pages is not None:
            self._pages.wrap_read_source(page, config)
            entry = self._pool.claim(page) if self._pool is not None else None
            if entry is not None:
                self._pages.adopt(page.file.src_uri, entry)
        return page

    # A briefing page's Markdown holds its article as one block of HTML; MkDocs, Markdown and
    # the search plugin need not parse it again on every build (render.Rendering explains), so
    # it is swapped for a placeholder here, first, and put back once the page is rendered.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs) -> str:
        if self._pages is not None:
            self._pages.wrap_render(page)
        source = self._sources.get(page.file.src_uri)
        if source is None or source[1] not in markdown:
            self._sources.pop(page.file.src_uri, None)  # edited by hand: rendered as it is
            return markdown
        return markdown.replace(source[1], source[0], 1)

    # First: the site folder is emptied by now, and other plugins may write into it here.
    @event_priority(100)
    def on_files(self, files, *, config: MkDocsConfig):
        if self._update is not None:
            self._update.restore()
        return files

    # Last before MkDocs renders the pages: helper processes (one fewer than ``jobs``) start on
    # the pages to render from the last, MkDocs takes them from the first (pagepool).
    def on_nav(self, nav, *, config: MkDocsConfig, files):
        self._nav = nav
        helpers = self.settings().workers() - 1
        # Asked first: with no helper to give them to, the pages are not looked over.
        if self._pages is not None and helpers and not self._dirty and self._command != "serve":
            pages = self._pages.to_render(files, self._changed_docs, config)
            self._pool = PagePool.start(
                pages, lambda page: self._pages.render_elsewhere(page, config, files), helpers)
        return nav

    # Every page is read and rendered into HTML by now; those whose themed page is cached for
    # the same inputs are not rendered in the theme again (pagecache).
    # The theme's templates compiled by the last build are kept for the next (an edited one is
    # compiled anew).
    def on_env(self, env, *, config: MkDocsConfig, files):
        self._close_pool()
        render.keep_compiled(env, docs.compiled_folder(self.settings(), "theme"))
        if self._pages is not None and self._nav is not None:
            self._pages.choose_templates(env, self._nav, files)
        if self._update is not None:
            self._update.keep_copies(f for f in files if not f.is_documentation_page())
        return env

    # First, so that other plugins see the page's final HTML (a minifier, say). The page is
    # cached with the placeholder of its article, which this build's article then replaces: the
    # article can change where nothing else on the page does (a typo fixed in a sentence no item
    # comes from), and the cache is keyed by the page as MkDocs rendered it. Its whitespace is
    # compacted before it is cached (htmlspace).
    @event_priority(100)
    def _rendered_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        cached = self._pages.output(page) if self._pages is not None else None
        output = cached if cached is not None else htmlspace.compact(output)
        if self._pages is not None:
            self._pages.store(page, output)
        source = self._sources.get(page.file.src_uri)
        if source is not None:
            try:
                output = render.fill_source(output, *source)
            except ValueError as error:
                raise PluginError(f"briefings: {page.file.src_uri}: {error}") from error
        return output

    # Last, once the page is final: a page with the bytes of the file already there is not
    # written again (MkDocs skips a page whose output is empty).
    @event_priority(-1000)
    def _unchanged_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._update is not None and self._update.unchanged_page(
                page.file.src_uri, page.file.abs_dest_path, output):
            return ""
        return output

    on_post_page = CombinedEvent(_rendered_page, _unchanged_page)

    # After every other plugin (-100 is only "last" by convention): the feed and search plugins
    # write their files into the staging folder here.
    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._pages is not None:
            helped = f"; {self._pages.helped} rendered by helper processes" \
                if self._pages.helped else ""
            log.info(f"pages: {self._pages.rendered} rendered, {self._pages.reused} reused, "
                     f"{self._pages.themed} reused in the theme too, "
                     f"{self._pages.indexed} in search{helped}")
            log.info(f"front matter: {self._pages.fronts} pages' reused")
            self._pages.prune()
        if self._update is not None:
            update, self._update = self._update, None
            update.prune()
            log.info(f"site: {update.kept} files kept as they were, {update.removed} removed")
        if self._staged is not None:
            staged, self._staged = self._staged, None
            staged.finish(config)
        self._heap.finish()

    def on_build_error(self, *, error: Exception) -> None:
        self._close_pool()
        if self._update is not None:
            update, self._update = self._update, None
            update.abandon()
        if self._staged is not None:
            staged, self._staged = self._staged, None
            staged.abandon()
        self._heap.finish()

    def analyse(self, previous_ids: dict[str, str]) -> pipeline.Outcome:
        """The pipeline's outcome for the current inputs, only the inputs that changed since the
        last build run again (``incremental``), with the briefing ids of the last build kept
        (``pipeline.assign_ids``)."""
        paths, hidden = pipeline.scan_inputs(self.seeds)
        self._skipped = pipeline.hidden_notes(hidden, self.root)
        settings = self.settings()
        if self._store is None or self._store.folder != settings.cache_folder():
            self._store = incremental.Store(settings.cache_folder())
        with progress_bar(len(paths), "Generating briefings") as advance:
            outcome = incremental.run(paths, settings, self._store, progress=advance)
        ids = pipeline.assign_ids(outcome.articles, previous_ids)
        return dataclasses.replace(outcome, skipped=self._skipped, briefings=[
            dataclasses.replace(b, id=ids[b.source_file]) for b in outcome.briefings])

    def corrections_path(self) -> Path:
        return self.root / self.config.corrections

    def options(self, config: MkDocsConfig) -> docs.Options:
        return docs.Options.from_options(self.root, self.config,
                                         directory_urls=config.use_directory_urls)

    def _close_pool(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.close()

    def settings(self) -> pipeline.Settings:
        return pipeline.Settings.from_options(self.root, self.config)


@dataclasses.dataclass
class StagedBuild:
    """A build into a staging folder beside the site folder (``publish.staging``), published
    over it when the build succeeds. A build in strict mode that logged a warning is about to
    fail (MkDocs counts warnings after the last build event), so it publishes nothing."""
    site: Path
    stack: contextlib.ExitStack
    warnings: WarningCounter

    @classmethod
    def start(cls, config: MkDocsConfig, copy_site: bool = False) -> "StagedBuild":
        site = Path(config.site_dir)
        with contextlib.ExitStack() as stack:  # undone if anything here fails
            folder = stack.enter_context(publish.staging(site))
            if copy_site and site.is_dir():  # a dirty build rebuilds only what changed
                shutil.copytree(site, folder, symlinks=True, dirs_exist_ok=True)
            warnings = WarningCounter()
            if config.strict:
                logging.getLogger("mkdocs").addHandler(warnings)
                stack.callback(logging.getLogger("mkdocs").removeHandler, warnings)
            log.debug(f"building into {folder}, published over {site} on success")
            config.site_dir = str(folder)
            return cls(site, stack.pop_all(), warnings)

    def finish(self, config: MkDocsConfig) -> None:
        with self.stack:
            if self.warnings.count:
                return
            publish.publish(Path(config.site_dir), self.site, keep_previous=True)
            # gh-deploy pushes config.site_dir once the build is over.
            config.site_dir = str(self.site)

    def abandon(self) -> None:
        self.stack.close()
