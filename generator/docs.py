"""The docs folder, without MkDocs: a pipeline outcome → corrections → rendered pages → files.

What it writes is the complete Markdown site any MkDocs-compatible engine builds: every page
holds everything its reader sees, a briefing page the article itself too (a pre-rendered HTML
block with its sentence anchors and highlighted evidence). ``python -m generator generate`` and
the MkDocs plugin both call ``generate``; the plugin only adds what a build needs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from . import aggregate, corrections, docsfolder, jsonlines, pipeline, render, rendermemo


@dataclass(frozen=True)
class Options:
    """A site's generation options (``- briefings:`` in ``mkdocs.yml``), paths made absolute."""
    root: Path
    seeds: Path
    templates: Path
    corrections: Path
    page_size: int = render.PAGE_SIZE
    actor_page_min_briefings: int = aggregate.PAGE_MIN_BRIEFINGS
    min_confidence: float = aggregate.MIN_CONFIDENCE
    min_shown_confidence: float = aggregate.MIN_SHOWN_CONFIDENCE
    directory_urls: bool = True

    @classmethod
    def from_options(cls, root: Path, options: Mapping[str, Any],
                     directory_urls: bool = True) -> "Options":
        return cls(root=root, seeds=root / options.get("seeds", "seeds"),
                   templates=root / options.get("templates", "templates"),
                   corrections=root / options.get("corrections", corrections.DEFAULT_FILE),
                   page_size=options.get("page_size", render.PAGE_SIZE),
                   actor_page_min_briefings=options.get("actor_page_min_briefings",
                                                        aggregate.PAGE_MIN_BRIEFINGS),
                   min_confidence=options.get("min_confidence", aggregate.MIN_CONFIDENCE),
                   min_shown_confidence=options.get("min_shown_confidence",
                                                    aggregate.MIN_SHOWN_CONFIDENCE),
                   directory_urls=directory_urls)


@dataclass
class Generated:
    """What ``generate`` did: the corrections applied, the pages rendered, the files it wrote
    or deleted (``changed``)."""
    corrected: corrections.Result
    rendering: render.Rendering
    changed: list[str]


def generate(docs: Path, options: Options, outcome: pipeline.Outcome,
             settings: pipeline.Settings, memo: Optional[rendermemo.Memo] = None,
             lines: Optional[jsonlines.JsonLines] = None) -> Generated:
    """Applies the corrections file to ``outcome``, renders the site and writes it into ``docs``
    (only files whose content changed). Briefing pages whose inputs are unchanged come from
    ``memo``, and the JSON of briefings whose content is unchanged from ``lines`` (by default
    those in the cache folder of ``settings``). Raises ``corrections.CorrectionsError`` for a
    malformed corrections file, before anything is written."""
    entries = corrections.load(options.corrections, options.root)
    corrected = corrections.apply_to_outcome(entries, outcome, settings)
    lines = lines or default_lines(settings)
    rendering = render.render_site(
        corrected.briefings, outcome.articles, outcome.errors, options.templates,
        page_size=options.page_size, directory_urls=options.directory_urls,
        actor_page_min_briefings=options.actor_page_min_briefings,
        correction_statuses=corrected.statuses, min_confidence=options.min_confidence,
        min_shown_confidence=options.min_shown_confidence,
        notes=outcome.notes(), memo=memo or default_memo(settings),
        json_line=lines.encoder(outcome.briefings, outcome.keys,
                                rendermemo.generator_fingerprint()),
        compiled=compiled_folder(settings, "templates"))
    lines.finish()
    changed = docsfolder.write_files(docs, rendering.files,
                                 ids={b.source_file: b.id for b in outcome.briefings})
    return Generated(corrected, rendering, changed)


def compiled_folder(settings: pipeline.Settings, name: str) -> Optional[Path]:
    """Where templates compiled by one build are kept for the next (``name``: whose, the site's
    or the theme's), beside the extraction cache (none without one)."""
    folder = settings.cache_folder()
    return folder / "compiled" / name if folder is not None else None


def default_memo(settings: pipeline.Settings) -> Optional[rendermemo.Memo]:
    """The kept briefing pages of a site, beside its extraction cache (none without one)."""
    folder = settings.cache_folder()
    return rendermemo.Memo(folder / "briefing-pages") if folder is not None else None


def default_lines(settings: pipeline.Settings) -> jsonlines.JsonLines:
    """The kept JSON of a site's briefings, beside its extraction cache (in memory only
    without one)."""
    folder = settings.cache_folder()
    return jsonlines.JsonLines(folder / "json-lines" if folder is not None else None)


__all__ = ["Options", "Generated", "generate", "default_memo", "default_lines", "compiled_folder"]
