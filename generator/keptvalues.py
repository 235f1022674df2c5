"""Values made by one build and kept for the next, by key, in memory while the process runs and
in one pickle file (``jsonlines``, the export rows of ``exports``). A build marks each value it
uses; at its end (``finish``) the values it did not use are dropped and the file is written again
if anything changed. The file holds a header (the format and the code the values were made by):
a file of another header, a partial one or none is an empty start, never an error.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any, Callable, Optional


class KeptValues:
    """Values by key, kept in ``path`` (memory only without one) under ``header``."""

    def __init__(self, path: Optional[Path], header: tuple):
        self.path, self.header = path, header
        self._values: Optional[dict[str, Any]] = None
        self._used: set[str] = set()
        self._changed = False

    def _load(self) -> dict[str, Any]:
        if self._values is None:
            self._values = {}
            try:
                with open(self.path, "rb") as handle:  # type: ignore[arg-type]
                    header, values = pickle.load(handle)
                if header == self.header and isinstance(values, dict):
                    self._values = values
            except Exception:  # none yet, partial or of another version: made again
                pass
        return self._values

    def get(self, key: str, make: Callable[[], Any]) -> tuple[Any, bool]:
        """The value kept for ``key``, or the one ``make`` gives, kept from now on; and whether
        it was kept already."""
        values = self._load()
        self._used.add(key)
        if key in values:
            return values[key], True
        values[key] = make()
        self._changed = True
        return values[key], False

    def finish(self) -> None:
        """Drops the values this build did not use and saves the rest, if anything changed."""
        if self._values is None:
            return
        for key in set(self._values) - self._used:
            del self._values[key]
            self._changed = True
        self._used = set()
        if not self._changed or self.path is None:
            return
        self._changed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(partial, "wb") as handle:
                pickle.dump((self.header, self._values), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.path)
        except OSError:
            pass  # made again by the next process, nothing worse


__all__ = ["KeptValues"]
