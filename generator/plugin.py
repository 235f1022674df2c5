"""The MkDocs plugin: a config schema and build events, nothing else.

It turns the articles in ``seeds`` into Markdown pages in ``docs_dir`` before MkDocs collects
its files, so ``mkdocs build``, ``mkdocs serve`` and ``mkdocs gh-deploy`` need no extra step.
The generator (``pipeline``, ``render``) does not know it runs inside MkDocs.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from . import pipeline, render
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
    jobs = c.Type(int, default=1)
    page_size = c.Type(int, default=render.PAGE_SIZE)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._fingerprint: Optional[str] = None
        self._outcome: Optional[pipeline.Outcome] = None

    # Defining on_startup keeps one plugin instance across `mkdocs serve` rebuilds, so the
    # analysis of unchanged inputs is reused instead of re-running spaCy on every save.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        pass

    def on_config(self, config: MkDocsConfig) -> None:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.seeds = self.root / self.config.seeds
        self.templates = self.root / self.config.templates
        self.strict = self.config.strict or os.environ.get("BRIEFINGS_STRICT") == "1"
        if not self.templates.is_dir():
            raise PluginError(f"briefings: templates folder not found: {self.templates}")
        Path(config.docs_dir).mkdir(parents=True, exist_ok=True)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        outcome = self.analyse()
        files = render.render_site(outcome.briefings, outcome.articles, outcome.errors,
                                   self.templates, page_size=self.config.page_size,
                                   directory_urls=config.use_directory_urls)
        changed = render.write_files(Path(config.docs_dir), files)
        log.info(f"{len(outcome.briefings)} briefings, {len(changed)} files changed")
        for error in outcome.errors:
            log.warning(f"input skipped, see the build report: {error}")
        if outcome.errors and self.strict:
            raise PluginError(f"briefings: {len(outcome.errors)} input(s) could not be read")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        # Changes to articles and templates rebuild the site; generated pages in docs_dir are
        # already watched, and are rewritten only when their text changes.
        for folder in (self.seeds, self.templates):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def analyse(self) -> pipeline.Outcome:
        """The pipeline's outcome for the current inputs, reused while no input changed."""
        paths = pipeline.find_inputs(self.seeds)
        fingerprint = self._fingerprint_of(paths)
        if fingerprint != self._fingerprint or self._outcome is None:
            with progress_bar(len(paths), "Generating briefings") as advance:
                self._outcome = pipeline.run(paths, self.settings(), progress=advance)
            self._fingerprint = fingerprint
        return self._outcome

    def settings(self) -> pipeline.Settings:
        return pipeline.Settings(
            root=self.root,
            gazetteers=tuple(str(self.root / g) for g in self.config.gazetteers),
            issues_file=str(self.root / self.config.issues_file) if self.config.issues_file else None,
            boilerplate=tuple(self.config.boilerplate),
            max_input_bytes=self.config.max_input_bytes,
            n_process=max(1, self.config.jobs))

    def _fingerprint_of(self, paths: list[Path]) -> str:
        digest = hashlib.sha256(repr(self.settings()).encode("utf-8"))
        for path in paths:
            digest.update(str(path).encode("utf-8") + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"unreadable")
        for extra in (*self.config.gazetteers, self.config.issues_file):
            if extra and (self.root / extra).is_file():
                digest.update((self.root / extra).read_bytes())
        return digest.hexdigest()
