"""The generated docs folder on disk: files written whole and only when their bytes change, the
files an earlier run generated and this one did not removed, and a manifest of both.

The side effects of generation live here; ``render`` only makes the files' text.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .publish import process_running

MANIFEST = ".briefings-manifest.json"


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
