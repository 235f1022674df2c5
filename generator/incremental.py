"""The pipeline's outcome of the last build, kept, so that the next one reads and looks up only
the inputs that changed.

``pipeline.run`` reads every input and takes every briefing from the extraction cache: on a site
of a thousand articles that is seconds of decoding text and parsing JSON, on every build, for
one edited article. Here each input's result (its article and briefing, or its error) is kept
with a fingerprint of the input (``pipeline.input_fingerprint``: its bytes, or for a file that is
never read its kind, size and time), in memory for ``mkdocs serve`` and in one file beside the
extraction cache for the next process. A run hands ``pipeline.run`` only the inputs whose
fingerprint changed and takes the others as they were; the result is the outcome
``pipeline.run`` gives for all of them. Everything else a result depends on (the settings, the
data files, the model, the extraction code) is the store's key: when it changes, or when an input
is a symbolic link (whose reading depends on the other inputs), every input goes through
``pipeline.run`` again.

The file holds every result (about 13 kB an article: over 10 MB for a site of 840), so a run
that changed a few does not write it again: it appends those results to a journal beside it,
which the next process reads after it. Once the journal holds ``JOURNAL_MAX`` results the store
is written whole and the journal starts again. Every result carries its input's fingerprint and
is used only for an input that has it, so a journal record lost (a process killed while it
appends, two processes saving at once) costs the inputs it held a new run, never a wrong result.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional

from . import pipeline
from .cache import Runtime, data_fingerprint, environment_fingerprint
from .model import Briefing
from .read import Article, InputError

STORE_NAME = "outcome.pickle"
JOURNAL_NAME = "outcome.journal"
FORMAT = "outcome/1"
# Results the journal holds before the store is written whole again.
JOURNAL_MAX = 64


@dataclass
class Result:
    """What the pipeline made of one input: an article and its briefing, or an error."""
    fingerprint: str
    article: Optional[Article] = None
    briefing: Optional[Briefing] = None
    error: Optional[tuple[str, str, str]] = None   # InputError's path, problem, fix


@dataclass
class Store:
    """The results of the last run by input name, for one environment (``key``)."""
    folder: Optional[Path]
    key: str = ""
    results: dict[str, Result] = field(default_factory=dict)
    # The results as the files hold them (None: unknown, the next save writes the store whole),
    # and how many the journal holds.
    _saved: Optional[dict[str, Result]] = field(default=None, repr=False)
    _journaled: int = field(default=0, repr=False)

    @property
    def path(self) -> Optional[Path]:
        return self.folder / STORE_NAME if self.folder is not None else None

    @property
    def journal(self) -> Optional[Path]:
        return self.folder / JOURNAL_NAME if self.folder is not None else None

    def load(self, key: str) -> None:
        """The stored results, when they are of environment ``key`` (else none)."""
        if self.key == key:
            return
        self.key, self.results, self._saved, self._journaled = key, {}, None, 0
        if self.path is None:
            return
        try:
            with open(self.path, "rb") as handle:
                stored_format, stored_key, results = pickle.load(handle)
        except Exception:  # missing, partial or of another version: a cold run
            return
        if stored_format == FORMAT and stored_key == key and isinstance(results, dict):
            self._journaled = _replay(self.journal, key, results)
            self.results, self._saved = results, dict(results)

    def save(self) -> None:
        """Writes the results that changed since the last save or load to the journal, or all
        of them to the store when the journal is full or the files' state is unknown."""
        if self.path is None:
            return
        saved = self._saved
        changed = {name: result for name, result in self.results.items()
                   if saved is None or saved.get(name) is not result}
        removed = [name for name in saved or () if name not in self.results]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if saved is not None and self._journaled + len(changed) + len(removed) <= JOURNAL_MAX:
                with open(self.journal, "ab") as handle:  # one write: appends do not interleave
                    handle.write(pickle.dumps((FORMAT, self.key, changed, removed),
                                              protocol=pickle.HIGHEST_PROTOCOL))
                self._journaled += len(changed) + len(removed)
            else:
                self._write_whole()
            self._saved = dict(self.results)
        except OSError:
            self._saved = None  # the next process starts cold, nothing worse

    def _write_whole(self) -> None:
        partial = self.path.with_name(f".{STORE_NAME}.{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            pickle.dump((FORMAT, self.key, self.results), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)
        self.journal.unlink(missing_ok=True)
        self._journaled = 0


def _replay(journal: Path, key: str, results: dict[str, Result]) -> int:
    """Applies the records of ``journal`` of environment ``key`` to ``results``, in order, up to
    the first it cannot read (one a killed process left half-written); how many results they
    held."""
    count = 0
    try:
        with open(journal, "rb") as handle:
            while True:
                stored_format, stored_key, changed, removed = pickle.load(handle)
                if stored_format == FORMAT and stored_key == key:
                    results.update(changed)
                    for name in removed:
                        results.pop(name, None)
                count += len(changed) + len(removed)
    except Exception:  # the end of the journal, or none
        return count


def environment_key(settings: pipeline.Settings) -> str:
    """What every input's result depends on beside the input itself."""
    data = data_fingerprint([*settings.gazetteers, settings.issues_file])
    return hashlib.sha256(f"{FORMAT}\0{settings!r}\0{environment_fingerprint(Runtime.here(), data)}"
                          .encode("utf-8")).hexdigest()


def fingerprint(path: Path, settings: pipeline.Settings) -> str:
    return hashlib.sha256(pipeline.input_fingerprint(path, settings.max_input_bytes)).hexdigest()


def content_key(environment: str, input_print: str) -> str:
    """The key of what an input gives in an environment (a link's reading depends on the other
    inputs: it has none)."""
    return hashlib.sha256(f"{environment}\0{input_print}".encode("ascii")).hexdigest()


def run(paths: list[Path], settings: pipeline.Settings, store: Store,
        progress: Optional[Callable[[int], None]] = None) -> pipeline.Outcome:
    """``pipeline.run(paths, settings)``, running only the inputs that changed since ``store``
    was last saved (or kept in memory), and saving it."""
    store.load(environment_key(settings))
    names = {path: pipeline.relative_name(path, settings.root) for path in paths}
    prints = {path: fingerprint(path, settings) for path in paths}
    linked = any(Path(path).is_symlink() for path in paths)
    if linked:
        changed = list(paths)
    else:
        changed = [p for p in paths if getattr(store.results.get(names[p]), "fingerprint", None)
                   != prints[p]]
    if progress and len(changed) < len(paths):
        progress(len(paths) - len(changed))
    fresh = pipeline.run(changed, settings, progress=progress) if changed else pipeline.Outcome()
    made: dict[str, Result] = {}
    for article, briefing in zip(fresh.articles, fresh.briefings, strict=True):
        made[article.source_file] = Result("", article=article, briefing=briefing)
    for error in fresh.errors:
        made[error.path] = Result("", error=(error.path, error.problem, error.fix))
    for path in changed:
        if names[path] in made:
            made[names[path]].fingerprint = prints[path]
    results = {names[p]: made.get(names[p]) or store.results[names[p]] for p in paths}
    if changed or set(results) != set(store.results):
        store.results = results
        store.save()
    outcome = pipeline.Outcome(analysed=fresh.analysed)
    if not linked:
        outcome.keys = {names[p]: content_key(store.key, prints[p]) for p in paths}
    for result in results.values():
        if result.error:
            outcome.errors.append(InputError(*result.error))
        else:
            outcome.articles.append(result.article)
            outcome.briefings.append(result.briefing)
    ids = pipeline.assign_ids(outcome.articles)
    outcome.briefings = [b if b.id == ids[b.source_file] else replace(b, id=ids[b.source_file])
                         for b in outcome.briefings]
    outcome.cache_hits = len(outcome.briefings) - fresh.analysed
    return outcome


__all__ = ["Store", "Result", "run", "environment_key", "STORE_NAME", "JOURNAL_NAME"]
