"""The pipeline: read → analyse (spaCy) → extract → briefing objects, for a set of input files.

Side effects stay at the edges: this module reads the input files it is given and returns data;
writing pages and building the site belong to ``render`` and the MkDocs plugin.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from slugify import slugify

from .extract import Lexicons, extract_briefing, load_lexicons
from .model import Briefing
from .nlp import analyse, load_pipeline
from .read import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, Article, InputError, read_article

SLUG_MAX_LENGTH = 80


@dataclass(frozen=True)
class Settings:
    """What a site configures: extra data files, limits, parallelism."""
    root: Path = Path(".")
    gazetteers: tuple[str, ...] = ()
    issues_file: Optional[str] = None
    boilerplate: tuple[str, ...] = ()
    max_input_bytes: int = DEFAULT_MAX_BYTES
    n_process: int = 1


@dataclass
class Outcome:
    """Briefings for the files that could be read, and an error for each that could not."""
    articles: list[Article] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def find_inputs(folder: Path) -> list[Path]:
    """Every file in ``folder`` (recursively) that is not hidden, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_all(paths: Iterable[Path], settings: Settings) -> tuple[list[Article], list[InputError]]:
    articles, errors = [], []
    for path in paths:
        try:
            articles.append(read_article(path, relative_name(path, settings.root),
                                         max_bytes=settings.max_input_bytes,
                                         chrome_patterns=settings.boilerplate))
        except InputError as error:
            errors.append(error)
    return articles, errors


def run(paths: Iterable[Path], settings: Settings = Settings(),
        progress: Optional[Callable[[int], None]] = None) -> Outcome:
    """Reads, analyses and extracts every input; bad inputs become errors, not exceptions."""
    articles, errors = read_all(paths, settings)
    lexicons = load_lexicons(settings.gazetteers, settings.issues_file)
    nlp = load_pipeline(tuple(settings.gazetteers))
    ids = assign_ids(articles)
    briefings = []
    docs = analyse(nlp, (a.analysis_text() for a in articles), n_process=settings.n_process)
    for article, doc in zip(articles, docs):
        briefings.append(extract_briefing(article, doc, lexicons, ids[article.source_file]))
        if progress:
            progress(1)
    return Outcome(articles=articles, briefings=briefings, errors=errors)


def assign_ids(articles: list[Article]) -> dict[str, str]:
    """Slugs of titles, unique across the site and stable across rebuilds: when titles collide,
    the file that sorts first keeps the plain slug and the others add a hash of their path."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for article in sorted(articles, key=lambda a: a.source_file):
        slug = slugify(article.title, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "briefing"
        if slug in taken:
            digest = hashlib.sha1(article.source_file.encode("utf-8")).hexdigest()[:6]
            slug = f"{slug}-{digest}"
        taken.add(slug)
        ids[article.source_file] = slug
    return ids


__all__ = ["Settings", "Outcome", "run", "read_all", "find_inputs", "assign_ids", "Lexicons",
           "SUPPORTED_SUFFIXES"]
