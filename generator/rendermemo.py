"""Pages as they were rendered, kept while everything they show is unchanged.

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

The across-article pages (listings, overview, timeline...) are kept the same way, under a key of
the values they are rendered from (``Digests``: a briefing by its line of JSON, an actor's
profile or a merged cell by what it holds), with a ``ListingView`` that also answers for whole
parts of the site (``PARTS``: every briefing, the merged matrix...) by their digest. One edited
article renders again the pages that show something of it, not every listing of the site.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional

from . import aggregate
from .cache import data_fingerprint, package_dir, text_digest, write_atomically
from .keptvalues import KeptValues
from .model import Briefing
from .read import InputError

FORMAT = "briefing-page/1"
# The file of the kept export rows, in the memo's folder.
EXPORT_ROWS = "export-rows.pickle"
EXPORT_ROWS_FORMAT = "export-rows/1"

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


# The parts of the site an across-article page may read whole (``ListingView``).
PARTS = ("briefings", "matrix", "claims", "uncertain_cells", "issues", "matrix_issues")
# A briefing's items, each known by the briefing's digest and its place (``Digests``).
BRIEFING_ITEMS = ("actors", "places", "positions", "figures", "events", "issues", "stances")


class Digests:
    """Digests of the values pages are rendered from, for one build: a briefing by its line of
    JSON (``json_lines``, by id: everything it holds), each of its items by that and its place,
    anything else by its content. Every value given a digest is held, so that no other object
    takes its ``id()`` while this lives. ``of`` raises ``TypeError`` for a value of a kind it
    does not know (a function...): such a page is rendered every time."""

    def __init__(self, briefings: Iterable[Briefing], json_lines: Mapping[str, str]):
        self._known: dict[int, tuple[Any, str]] = {}
        self._parts: dict[str, str] = {}
        self._answers: dict[tuple[str, Optional[str]], Any] = {}
        for briefing in briefings:
            own = text_digest(json_lines[briefing.id])
            self._known[id(briefing)] = (briefing, own)
            for name in BRIEFING_ITEMS:
                for number, item in enumerate(getattr(briefing, name)):
                    self._known[id(item)] = (item, f"{own}:{name}:{number}")

    def of(self, value: Any) -> str:
        return text_digest(json.dumps(self.encode(value), ensure_ascii=False))

    def part(self, site: aggregate.Site, name: str) -> str:
        """The digest of a part of the site (``PARTS``), made once per build."""
        if name not in self._parts:
            self._parts[name] = self.of(site.matrix_issues() if name == "matrix_issues"
                                        else getattr(site, name))
        return self._parts[name]

    def answer(self, site: aggregate.Site, target_of: TargetOf, question: str,
               subject: Optional[str]) -> Any:
        """``answer``, each question answered once per build."""
        if (question, subject) not in self._answers:
            self._answers[question, subject] = _answer(site, target_of, question, subject, self)
        return self._answers[question, subject]

    def encode(self, value: Any) -> Any:
        """A JSON form of ``value``, objects given as their digests."""
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is list:
            return [self.encode(item) for item in value]
        known = self._known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if kind is tuple:
            return ["tuple", [self.encode(item) for item in value]]
        if kind is dict:
            return ["dict", [[self.encode(k), self.encode(v)] for k, v in value.items()]]
        if isinstance(value, (set, frozenset)):
            return ["set", sorted(json.dumps(self.encode(item)) for item in value)]
        if isinstance(value, str):  # Markup
            return str(value)
        if isinstance(value, InputError):
            return ["InputError", value.path, value.problem, value.fix]
        names = _field_names(kind)
        if names is None:
            raise TypeError(f"no digest for a {kind.__qualname__}")
        digest = self.of([kind.__qualname__, [getattr(value, name) for name in names]])
        self._known[id(value)] = (value, digest)
        return digest


_PLAIN = frozenset({str, int, float, bool, type(None)})


@lru_cache(maxsize=None)
def _field_names(kind: type) -> Optional[tuple[str, ...]]:
    """The fields of a dataclass, None for another type."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None



def answer(site: aggregate.Site, target_of: TargetOf, question: str, subject: Optional[str],
           digests: Optional[Digests] = None) -> Any:
    """What ``site`` answers to one of the questions a page may ask it (a part of the site, by
    its digest, only with ``digests``: across-article pages, which also answer each question
    once per build)."""
    if digests is not None:
        return digests.answer(site, target_of, question, subject)
    return _answer(site, target_of, question, subject, None)


def _answer(site: aggregate.Site, target_of: TargetOf, question: str, subject: Optional[str],
            digests: Optional[Digests]) -> Any:
    if question == "part" and digests is not None and subject in PARTS:
        return digests.part(site, subject)
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

    def __init__(self, site: aggregate.Site, target_of: TargetOf,
                 digests: Optional[Digests] = None):
        self._site, self._target_of, self._digests = site, target_of, digests
        self.min_confidence = site.min_confidence
        self.min_shown_confidence = site.min_shown_confidence
        self.answers: dict[tuple[str, Optional[str]], Any] = {}

    def _ask(self, question: str, subject: Optional[str]) -> Any:
        if (question, subject) not in self.answers:
            self.answers[question, subject] = answer(self._site, self._target_of, question,
                                                     subject, self._digests)
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


class ListingView(SiteView):
    """The site as an across-article page sees it: a briefing page's questions, and the parts
    of the site in ``PARTS``, read whole and noted by their digest."""

    def __init__(self, site: aggregate.Site, target_of: TargetOf, digests: Digests):
        super().__init__(site, target_of, digests)

    def part(self, name: str) -> Any:
        self._ask("part", name)
        return self._site.matrix_issues() if name == "matrix_issues" else getattr(self._site, name)

    briefings = property(lambda self: self.part("briefings"))
    matrix = property(lambda self: self.part("matrix"))
    claims = property(lambda self: self.part("claims"))
    uncertain_cells = property(lambda self: self.part("uncertain_cells"))

    def matrix_issues(self) -> list[aggregate.IssueProfile]:
        return self.part("matrix_issues")

    @property
    def issues(self) -> "_ListingIssues":
        return _ListingIssues(self)


class _ListingIssues(_IssueLabels):
    """``site.issues`` for an across-article page: an issue's label as for a briefing page, and
    the issues' profiles, read whole (``values``, iterating, their number)."""
    _view: ListingView

    def values(self):
        return self._view.part("issues").values()

    def __iter__(self):
        return iter(self._view.part("issues"))

    def __len__(self) -> int:
        return len(self._view.part("issues"))


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
        # The briefings' rows of the CSV exports (``exports.export_files``), kept the same way.
        self.export_rows = KeptValues(
            self.folder / EXPORT_ROWS if self.folder is not None else None,
            (EXPORT_ROWS_FORMAT, generator_fingerprint()))

    def _file(self, path: str) -> Optional[Path]:
        if self.folder is None:
            return None
        name = text_digest(path)
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

    def lookup(self, path: str, key: str, site: aggregate.Site, target_of: TargetOf,
               digests: Optional[Digests] = None) -> Optional[Kept]:
        """The page kept for ``path`` when its key is ``key`` and ``site`` answers every question
        it asked as it was answered then."""
        entry = self._entry(path)
        try:
            if entry is None or entry["key"] != key or any(
                    answer(site, target_of, question, subject, digests) != told
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
        """Forgets the pages not in ``paths`` (those no longer generated), and the export rows
        of briefings no longer built."""
        for path in set(self._memory) - paths:
            del self._memory[path]
        self.export_rows.finish()
        if self.folder is None or not self.folder.is_dir():
            return
        kept = {self._file(path) for path in paths}
        for file in self.folder.glob("*/*.json"):
            if file not in kept:
                file.unlink(missing_ok=True)


def page_key(*parts: Any) -> str:
    data = json.dumps([FORMAT, generator_fingerprint(), *parts], ensure_ascii=False,
                      default=str)
    return text_digest(data)


__all__ = ["Memo", "Kept", "SiteView", "ListingView", "Digests", "page_key",
           "templates_fingerprint", "answer"]
