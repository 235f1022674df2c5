"""The pipeline: read → analyse (spaCy) → extract → briefing objects, for a set of input files.

Side effects stay at the edges: this module reads the input files it is given and returns data;
writing pages and building the site belong to ``render`` and the MkDocs plugin. The one thing it
keeps is the extraction cache (``cache.py``): an article whose text, data files, model and code
are unchanged is not analysed again.

The articles the cache does not have go to ``analysis`` (spaCy and the extractors, in this
process, a pool of workers or a Dask cluster), which is imported only when there are any.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

from slugify import slugify

from .cache import (DEFAULT_CACHE_DIR, ExtractionCache, Runtime, article_key, data_fingerprint,
                    environment_fingerprint)
from .gazetteer import keep_place_names_in
from .model import Briefing
from .read import (DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, Article, InputError, display_path,
                   read_article)

SLUG_MAX_LENGTH = 80
# Slugs no briefing id may be (the pages of the briefings folder's own).
RESERVED_IDS = ("index",)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """What a site configures: extra data files, limits, parallelism, the cache.

    ``n_process``: worker processes for analysis, 0 for one per core. ``cache_dir``: where the
    extraction cache lives, relative to ``root``; None turns it off. ``dask``: the address of a
    Dask scheduler (``tcp://host:8786``) to analyse on instead of local processes.
    """
    root: Path = Path(".")
    gazetteers: tuple[str, ...] = ()
    issues_file: Optional[str] = None
    boilerplate: tuple[str, ...] = ()
    max_input_bytes: int = DEFAULT_MAX_BYTES
    n_process: int = 0
    cache_dir: Optional[str] = DEFAULT_CACHE_DIR
    dask: Optional[str] = None
    # The folder inputs must be in (symlinks resolved); None reads any path given.
    seeds: Optional[Path] = None

    @classmethod
    def from_options(cls, root: Path, options: Mapping[str, Any]) -> "Settings":
        """The settings a site's plugin options give (``- briefings:`` in ``mkdocs.yml``);
        paths in them are relative to ``root``."""
        issues_file = options.get("issues_file")
        return cls(root=root,
                   gazetteers=tuple(str(root / g) for g in options.get("gazetteers") or ()),
                   issues_file=str(root / issues_file) if issues_file else None,
                   boilerplate=tuple(options.get("boilerplate") or ()),
                   max_input_bytes=options.get("max_input_bytes", DEFAULT_MAX_BYTES),
                   n_process=max(0, options.get("jobs", 0)), dask=options.get("dask"),
                   seeds=root / options.get("seeds", "seeds"))

    def workers(self) -> int:
        return self.n_process if self.n_process > 0 else available_cores()

    def cache_folder(self) -> Optional[Path]:
        if self.cache_dir is None:
            return None
        folder = Path(self.cache_dir)
        return folder if folder.is_absolute() else Path(self.root) / folder


@dataclass
class Outcome:
    """Briefings for the files that could be read, and an error for each that could not."""
    articles: list[Article] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    cache_hits: int = 0
    analysed: int = 0
    # A key of each briefing's content by source file, where the run knows one (the incremental
    # run: its input's fingerprint and its environment): the same key, the same briefing but
    # for its id. For what is made from a briefing and kept between builds (jsonlines).
    keys: dict[str, str] = field(default_factory=dict)

    # (file, note) for inputs left out before reading (hidden files: ``hidden_notes``).
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def notes(self) -> list[tuple[str, str]]:
        """(file, note) for each input left out, and each read article the Build report says
        something of."""
        return [*self.skipped, *((a.source_file, note) for a in self.articles for note in a.notes)]


def find_inputs(folder: Path) -> list[Path]:
    """Every entry in ``folder`` (recursively) that is not hidden and not a folder, in a stable
    order: files, and the links, pipes and other entries that ``read_article`` then reports.
    Links to folders are not followed (reported as entries too)."""
    return scan_inputs(folder)[0]


def scan_inputs(folder: Path) -> tuple[list[Path], list[Path]]:
    """The inputs of ``find_inputs``, and the hidden files and folders left out."""
    if not folder.is_dir():
        return [], []
    inputs, hidden = [], []
    for top, folders, files in os.walk(folder, followlinks=False):
        here = Path(top)
        for name in sorted(folders):
            if name.startswith("."):
                hidden.append(here / name)
            elif (here / name).is_symlink():
                inputs.append(here / name)
        folders[:] = [n for n in folders if not n.startswith(".")
                      and not (here / n).is_symlink()]
        for name in files:
            (hidden if name.startswith(".") else inputs).append(here / name)
    return sorted(inputs), sorted(hidden)


def hidden_notes(hidden: Iterable[Path], root: Path) -> list[tuple[str, str]]:
    """(file, note) for each hidden file or folder the inputs leave out."""
    return [(relative_name(p, root), "skipped: hidden " + ("folder" if p.is_dir() else "file")
             + " (its name starts with a dot)") for p in hidden]


def input_fingerprint(path: Path, max_bytes: int) -> bytes:
    """What identifies an input's state: its content when it is a file the reader will read,
    else its kind, size and modification time (a video dropped in the seeds folder is never
    read, not even to fingerprint it)."""
    try:
        status = os.stat(path)
    except OSError as exc:
        return f"unreadable {exc.errno}".encode("ascii")
    if (stat.S_ISREG(status.st_mode) and status.st_size <= max_bytes
            and Path(path).suffix.lower() in SUPPORTED_SUFFIXES):
        try:
            with open(path, "rb") as handle:
                return handle.read(max_bytes + 1)
        except OSError as exc:
            return f"unreadable {exc.errno}".encode("ascii")
    return f"{status.st_mode} {status.st_size} {status.st_mtime_ns}".encode("ascii")


def relative_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` as text (never an absolute path of this machine when it is
    inside it). The last part is not resolved, so a link keeps its own name."""
    path = Path(path)
    absolute = path.absolute().parent.resolve() / path.name
    try:
        relative = absolute.relative_to(Path(root).resolve())
    except ValueError:
        relative = path
    return display_path(relative)


def read_all(paths: Iterable[Path], settings: Settings) -> tuple[list[Article], list[InputError]]:
    """The articles of ``paths`` and an error for each that cannot be read. A link to a file
    read already under another name is reported, not read twice."""
    paths = list(paths)
    found: dict[int, Article] = {}
    errors = []
    # Files before links, so that the file itself keeps the page, whatever the names.
    ordered = sorted(range(len(paths)), key=lambda n: (Path(paths[n]).is_symlink(), n))
    read_as: dict[str, str] = {}
    for n in ordered:
        path = paths[n]
        name = relative_name(path, settings.root)
        try:
            real = os.path.realpath(path)
            if real in read_as:
                raise InputError(name, f"is a link to {read_as[real]}, which is read already",
                                 "remove the link")
            found[n] = read_article(path, name, max_bytes=settings.max_input_bytes,
                                    chrome_patterns=settings.boilerplate, inside=settings.seeds)
            read_as[real] = name
        except InputError as error:
            errors.append(error)
    return [found[n] for n in sorted(found)], errors


def run(paths: Iterable[Path], settings: Settings = Settings(),
        progress: Optional[Callable[[int], None]] = None) -> Outcome:
    """Reads, analyses and extracts every input; bad inputs become errors, not exceptions.

    Briefings come from the cache where it has them; the rest are analysed (each distinct text
    once) and stored. ``progress`` is called with the number of briefings done as they finish.
    """
    articles, errors = read_all(paths, settings)
    ids = assign_ids(articles)
    data = data_fingerprint([*settings.gazetteers, settings.issues_file])
    runtime = Runtime.here()
    cache = _open_cache(settings, environment_fingerprint(runtime, data))

    found: dict[str, Briefing] = {}
    missing: dict[str, Article] = {}
    for article in articles:
        key = article_key(article)
        if key in found or key in missing:
            continue
        hit = cache.get(article, "") if cache else None
        if hit is not None:
            found[key] = hit
        else:
            missing[key] = article
    if progress and found:
        progress(sum(1 for a in articles if article_key(a) in found))

    analysed = []
    if missing:
        # Only here: a build whose articles all come from the cache imports no spaCy and no
        # extractor, reads no lexicon and loads no model.
        from . import analysis
        keep_place_names_in(settings.cache_folder())
        lexicons = analysis.local_lexicons(settings.gazetteers, settings.issues_file, data)
        analysed = analysis.extract_articles(list(missing.values()), lexicons, data,
                                             settings.workers(), settings.dask, progress)
    caches = {runtime: cache}
    for key, (produced_by, data_dict) in zip(missing, analysed, strict=True):
        found[key] = Briefing.from_dict(data_dict)
        if cache is None:
            continue
        if produced_by not in caches:
            # Workers started after the code was edited (mkdocs serve keeps running), or a Dask
            # cluster with another version: their results are used, and cached for their code.
            log.warning("briefings analysed with another model or code (%s, code %s) than this "
                        "process runs (%s, code %s): restart to use the same code everywhere",
                        produced_by.model, produced_by.code[:12], runtime.model, runtime.code[:12])
            caches[produced_by] = _open_cache(settings, environment_fingerprint(produced_by, data))
        caches[produced_by].put(missing[key], found[key])
    if cache is not None:
        cache.touch()
        cache.prune()

    briefings, used = [], set()
    for article in articles:
        key = article_key(article)
        # Files with the same text share one result; each gets its own copy.
        briefing = found[key] if key not in used else copy.deepcopy(found[key])
        used.add(key)
        briefings.append(replace(briefing, id=ids[article.source_file],
                                 source_file=article.source_file))
    return Outcome(articles=articles, briefings=briefings, errors=errors,
                   cache_hits=len(found) - len(missing), analysed=len(missing))


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _open_cache(settings: Settings, environment: str) -> Optional[ExtractionCache]:
    folder = settings.cache_folder()
    return ExtractionCache(folder, environment) if folder is not None else None


def assign_ids(articles: list[Article], previous: Optional[dict[str, str]] = None
               ) -> dict[str, str]:
    """Slugs of titles, unique across the site and stable across rebuilds. ``previous`` holds the
    ids of the last build (source file → id): a file keeps its id while its title still gives it
    and it is still unique, so adding a file never moves an existing page. The other files take
    the plain slug of their title in the order of their paths, or when it is taken, the slug with
    a hash of their path."""
    previous = previous or {}
    ordered = sorted(articles, key=lambda a: a.source_file)
    candidates = {a.source_file: _candidate_ids(a) for a in ordered}
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for article in ordered:
        kept = previous.get(article.source_file)
        if kept in candidates[article.source_file] and kept not in taken:
            ids[article.source_file] = kept
            taken.add(kept)
    for article in ordered:
        if article.source_file not in ids:
            # Only a title that reads like another file's slug with its hash takes a longer one.
            slug = next(c for c in candidates[article.source_file] if c not in taken)
            ids[article.source_file] = slug
            taken.add(slug)
    return {a.source_file: ids[a.source_file] for a in articles}


def _candidate_ids(article: Article) -> list[str]:
    slug = slugify(article.title, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "briefing"
    # "index" names a folder's own page: a briefing titled "Index" is briefing-index, the same
    # name one titled "Briefing index" asks for, which then takes the hashed one.
    if slug in RESERVED_IDS:
        slug = f"briefing-{slug}"
    digest = hashlib.sha1(article.source_file.encode("utf-8")).hexdigest()
    return [slug, *(f"{slug}-{digest[:n]}" for n in (6, 12, len(digest)))]


__all__ = ["DEFAULT_CACHE_DIR", "Settings", "Outcome", "run", "read_all", "find_inputs", "assign_ids",
           "SUPPORTED_SUFFIXES"]
