"""Each briefing's line of JSON (its download and its line of the JSON Lines export), kept
between builds under a key of its content, so that a build encodes only the briefings that
changed.

Encoding every briefing (``Briefing.to_dict``, then ``json.dumps``) walks the whole data tree
in Python: on a site of 840 articles, most of a second of every build, for one edited article.
A briefing the pipeline took unchanged from its input has the key the incremental run gives that
input (``pipeline.Outcome.keys``: the input's fingerprint and everything else the result depends
on), joined to its id and file name, and the code that writes it. A briefing a correction
changed is a copy (``corrections.apply``), which no key names: it is encoded on every build.
Lines live in memory while the process runs and in one file beside the extraction cache; those
of briefings no longer built are dropped.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional

from .model import Briefing

FILE_NAME = "json-lines.pickle"
FORMAT = "json-lines/1"


def encode(briefing: Briefing) -> str:
    """A briefing as one line of JSON. Not indented: json.dumps with an indent runs in Python,
    not C, and took seconds on a large site."""
    return json.dumps(briefing.to_dict(), ensure_ascii=False) + "\n"


class JsonLines:
    """Lines of JSON by key, in memory and (when ``folder`` is given) in one file there."""

    def __init__(self, folder: Optional[Path] = None):
        self.folder = Path(folder) if folder is not None else None
        self._lines: Optional[dict[str, str]] = None
        self._used: set[str] = set()
        self._changed = False
        self.reused = self.encoded = 0

    @property
    def path(self) -> Optional[Path]:
        return self.folder / FILE_NAME if self.folder is not None else None

    def _load(self) -> dict[str, str]:
        if self._lines is None:
            self._lines = {}
            try:
                with open(self.path, "rb") as handle:  # type: ignore[arg-type]
                    stored_format, lines = pickle.load(handle)
                if stored_format == FORMAT and isinstance(lines, dict):
                    self._lines = lines
            except Exception:  # none yet, partial or of another version: encoded again
                pass
        return self._lines

    def encoder(self, briefings: Iterable[Briefing], keys: Mapping[str, str], code: str
                ) -> Callable[[Briefing], str]:
        """``encode`` for one build, taking the kept line of each of ``briefings`` (those as the
        pipeline made them) whose source file has a content key in ``keys``. ``code``: a
        fingerprint of the code that encodes. Any other briefing is encoded."""
        # By identity, each with its briefing: held here, no other object takes its id().
        named: dict[int, tuple[Briefing, str]] = {}
        for briefing in briefings:
            content = keys.get(briefing.source_file)
            if content is not None:
                named[id(briefing)] = (briefing, hashlib.sha256("\0".join(
                    (FORMAT, code, content, briefing.id, briefing.source_file)).encode("utf-8")
                ).hexdigest())
        self._used = set()
        self.reused = self.encoded = 0

        def line_of(briefing: Briefing) -> str:
            held, key = named.get(id(briefing), (None, ""))
            if held is not briefing:
                self.encoded += 1
                return encode(briefing)
            lines = self._load()
            self._used.add(key)
            if key in lines:
                self.reused += 1
                return lines[key]
            lines[key] = encode(briefing)
            self._changed = True
            self.encoded += 1
            return lines[key]
        return line_of

    def finish(self) -> None:
        """Drops the lines this build did not use and saves the rest, if anything changed."""
        if self._lines is None:
            return
        for key in set(self._lines) - self._used:
            del self._lines[key]
            self._changed = True
        if not self._changed or self.path is None:
            return
        self._changed = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
            partial = self.path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
            with open(partial, "wb") as handle:
                pickle.dump((FORMAT, self._lines), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
        except OSError:
            pass  # the next process encodes them again, nothing worse


__all__ = ["JsonLines", "encode"]
