"""Briefing pages as they were rendered, kept while everything they show is unchanged.

A briefing page shows its briefing and its article, and a little of the rest of the site: the
name the site gives each actor it mentions, where a link to each actor leads (its own page, or
its positions on a briefing), the label of each issue. ``render`` renders the page with a
``SiteView`` that answers those questions from the site and notes every answer; the page's
Markdown is kept under a key of all the page's own inputs (the briefing, the article's text, its
path, the templates, the generator's code and data, the options), with the answers. A later
build takes the kept page when its key is the same and every noted question gets the same answer
from the site as it is then: the page is exactly what rendering it again would give, and a page
is rendered again only when its article changed or what it shows of the other articles did.

The view answers nothing else: a template that asks it for more fails loudly (StrictUndefined),
which is the sign to widen the view, never to bypass it. Kept pages live in memory (``mkdocs
serve``) and one file a page under the cache folder; pages no longer generated are dropped.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from . import aggregate
from .cache import data_fingerprint, package_dir, write_atomically

FORMAT = "briefing-page/1"

# Where a link to an actor leads (views.actor_target on the whole site).
TargetOf = Callable[[Optional[str]], Optional[str]]


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """The generator's code and data files, as this process loaded them."""
    digest = hashlib.sha256(data_fingerprint().encode("ascii"))
    root = package_dir()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def templates_fingerprint(templates: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(templates).rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(templates).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def answer(site: aggregate.Site, target_of: TargetOf, question: str, subject: Optional[str]
           ) -> Any:
    """What ``site`` answers to one of the questions a briefing page may ask it."""
    if question == "actor_name":
        return site.actor_name(subject)
    if question == "actor_target":
        return target_of(subject)
    if question == "issue":
        profile = site.issues.get(subject or "")
        return profile.label if profile else None
    raise ValueError(f"a briefing page cannot ask the site {question!r}")


@dataclass(frozen=True)
class IssueLabel:
    label: str


class SiteView:
    """The site as one briefing page sees it, noting what the page asked and was told."""

    def __init__(self, site: aggregate.Site, target_of: TargetOf):
        self._site, self._target_of = site, target_of
        self.min_confidence = site.min_confidence
        self.answers: dict[tuple[str, Optional[str]], Any] = {}

    def _ask(self, question: str, subject: Optional[str]) -> Any:
        if (question, subject) not in self.answers:
            self.answers[question, subject] = answer(self._site, self._target_of, question,
                                                     subject)
        return self.answers[question, subject]

    def actor_name(self, actor_id: Optional[str]) -> str:
        return self._ask("actor_name", actor_id)

    def actor_target(self, actor_id: Optional[str]) -> Optional[str]:
        return self._ask("actor_target", actor_id)

    def is_uncertain(self, item) -> bool:
        return aggregate.is_uncertain(item, self.min_confidence)

    @property
    def issues(self) -> "_IssueLabels":
        return _IssueLabels(self)


class _IssueLabels:
    """``site.issues`` for a briefing page: whether an issue is known, and its label."""

    def __init__(self, view: SiteView):
        self._view = view

    def __contains__(self, issue_id: object) -> bool:
        return isinstance(issue_id, str) and self._view._ask("issue", issue_id) is not None

    def __getitem__(self, issue_id: str) -> IssueLabel:
        label = self._view._ask("issue", issue_id)
        if label is None:
            raise KeyError(issue_id)
        return IssueLabel(label)


@dataclass(frozen=True)
class Kept:
    """A kept page: its Markdown, and where in it the article's HTML block is."""
    markdown: str
    source: tuple[int, int]


class Memo:
    """Kept briefing pages by docs path, in memory and (when ``folder`` is given) on disk."""

    def __init__(self, folder: Optional[Path] = None):
        self.folder = Path(folder) if folder is not None else None
        self._memory: dict[str, dict] = {}
        self.reused = self.rendered = 0

    def _file(self, path: str) -> Optional[Path]:
        if self.folder is None:
            return None
        name = hashlib.sha256(path.encode("utf-8")).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def _entry(self, path: str) -> Optional[dict]:
        if path in self._memory:
            return self._memory[path]
        file = self._file(path)
        if file is None:
            return None
        try:
            entry = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) and entry.get("format") == FORMAT else None

    def lookup(self, path: str, key: str, site: aggregate.Site, target_of: TargetOf
               ) -> Optional[Kept]:
        """The page kept for ``path`` when its key is ``key`` and ``site`` answers every question
        it asked as it was answered then."""
        entry = self._entry(path)
        try:
            if entry is None or entry["key"] != key or any(
                    answer(site, target_of, question, subject) != told
                    for question, subject, told in entry["answers"]):
                return None
            kept = Kept(entry["markdown"], tuple(entry["source"]))
        except (KeyError, TypeError, ValueError):
            return None  # an entry of another shape is a miss, never an error
        self._memory[path] = entry
        self.reused += 1
        return kept

    def keep(self, path: str, key: str, view: SiteView, markdown: str, source: str) -> None:
        start = markdown.rfind(source) if source else 0
        entry = {"format": FORMAT, "key": key,
                 "answers": [[q, s, told] for (q, s), told in sorted(
                     view.answers.items(), key=lambda item: (item[0][0], item[0][1] or ""))],
                 "markdown": markdown, "source": [start, start + len(source)]}
        self._memory[path] = entry
        self.rendered += 1
        file = self._file(path)
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(file, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # costs a rendering next time, nothing else

    def prune(self, paths: set[str]) -> None:
        """Forgets the pages not in ``paths`` (those no longer generated)."""
        for path in set(self._memory) - paths:
            del self._memory[path]
        if self.folder is None or not self.folder.is_dir():
            return
        kept = {self._file(path) for path in paths}
        for file in self.folder.glob("*/*.json"):
            if file not in kept:
                file.unlink(missing_ok=True)


def page_key(*parts: Any) -> str:
    data = json.dumps([FORMAT, generator_fingerprint(), *parts], ensure_ascii=False,
                      default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


__all__ = ["Memo", "Kept", "SiteView", "page_key", "templates_fingerprint", "answer"]
