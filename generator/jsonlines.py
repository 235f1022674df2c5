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
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional

from .keptvalues import KeptValues
from .model import Briefing

FILE_NAME = "json-lines.pickle"
FORMAT = "json-lines/2"


def encode(briefing: Briefing) -> str:
    """A briefing as one line of JSON. Not indented: json.dumps with an indent runs in Python,
    not C, and took seconds on a large site."""
    return json.dumps(briefing.to_dict(), ensure_ascii=False) + "\n"


class JsonLines:
    """Lines of JSON by key, in memory and (when ``folder`` is given) in one file there."""

    def __init__(self, folder: Optional[Path] = None):
        self.folder = Path(folder) if folder is not None else None
        self._kept = KeptValues(self.path, (FORMAT,))
        self.reused = self.encoded = 0

    @property
    def path(self) -> Optional[Path]:
        return self.folder / FILE_NAME if self.folder is not None else None

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
        self.reused = self.encoded = 0

        def line_of(briefing: Briefing) -> str:
            held, key = named.get(id(briefing), (None, ""))
            if held is not briefing:
                self.encoded += 1
                return encode(briefing)
            line, kept = self._kept.get(key, lambda: encode(briefing))
            if kept:
                self.reused += 1
            else:
                self.encoded += 1
            return line
        return line_of

    def finish(self) -> None:
        """Drops the lines this build did not use and saves the rest, if anything changed."""
        self._kept.finish()


__all__ = ["JsonLines", "encode"]
