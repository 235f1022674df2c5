"""Applying corrections to briefings: actors first, then positions and figures, then stance
cells, each round in the order of the files; a correction that no longer applies gets the reason.

A briefing is copied the first time a correction changes it; the briefings given are never
changed (the MkDocs plugin keeps the analysis between ``mkdocs serve`` rebuilds).
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Protocol, Sequence

from slugify import slugify

from ..issuebook import IssueBook, combine_stances, is_party, load_issue_book
from ..model import Actor, Briefing, Figure, Issue, Place, Position, StanceCell
from ..pipeline import Outcome, Settings
from .file import Correction

ROUNDS = (("actor",), ("position", "add_position", "figure", "add_figure"), ("cell",))
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
ADDED_CUE = "said"



@dataclass(frozen=True)
class Status:
    """What became of one correction: the briefings it changed, or why it no longer applies."""
    correction: Correction
    applied_to: tuple[str, ...] = ()
    reason: Optional[str] = None

    @property
    def stale(self) -> bool:
        return self.reason is not None


@dataclass
class Result:
    briefings: list[Briefing]
    statuses: list[Status] = field(default_factory=list)

    @property
    def stale(self) -> list[Status]:
        return [s for s in self.statuses if s.stale]

    @property
    def applied(self) -> list[Status]:
        return [s for s in self.statuses if not s.stale]


# ---------------------------------------------------------------------------------------------
# Finding what a correction names


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words`` occur in ``text``, any run of whitespace matching any other."""
    parts = words.split()
    if not parts:
        return []
    pattern = r"\s+".join(re.escape(part) for part in parts)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _overlapping(items: list, span_of: Callable[[Any], tuple[int, int]],
                 found: list[tuple[int, int]]) -> list:
    """The items whose span overlaps one of the ``found`` spans. Where several do, the ones
    that fit the words best: those holding them whole, of those the ones starting where the
    words start (as snippets quote), of those the shortest ("the Serbian claims" names the
    position of those words, not a longer one around them)."""
    hits = [i for i in items if any(_overlap(span_of(i), f) for f in found)]
    if len(hits) < 2:
        return hits

    def fit(item) -> tuple:
        start, end = span_of(item)
        whole = [f for f in found if start <= f[0] and f[1] <= end]
        return (not whole, not any(f[0] == start for f in whole), end - start)
    best = min(map(fit, hits))
    return [i for i in hits if fit(i) == best]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_name(actor: Actor, name: str) -> bool:
    wanted = name.casefold()
    return (actor.id == name or actor.id == slugify(name) or actor.name.casefold() == wanted
            or any(alias.casefold() == wanted for alias in actor.aliases))


def find_actor(briefing: Briefing, name: str) -> Optional[Actor]:
    return next((a for a in briefing.actors if _same_name(a, name)), None)


# ---------------------------------------------------------------------------------------------
# Applying


def apply(briefings: Sequence[Briefing], texts: dict[str, str],
          corrections: Sequence[Correction], book: IssueBook) -> Result:
    """``briefings`` with ``corrections`` applied. ``texts``: the text of each source file (the
    quoted words are looked for there); ``book``: the site's issue definitions (ids and
    labels). Briefings no correction touches are returned as they are."""
    work = _Work(list(briefings), texts, book)
    statuses: dict[int, Status] = {}
    for kinds in ROUNDS:
        for n, correction in enumerate(corrections):
            if correction.kind in kinds:
                statuses[n] = work.apply(correction)
        if kinds == ROUNDS[1]:
            # An actor correction may name a speaker or claimant the second round brought in.
            for n, correction in enumerate(corrections):
                if correction.kind == "actor" and statuses[n].stale:
                    statuses[n] = work.apply(correction)
    return Result(work.briefings, [statuses[n] for n in range(len(corrections))])


class _Work:
    """The briefings being corrected; a briefing is copied the first time it changes."""

    def __init__(self, briefings: list[Briefing], texts: dict[str, str],
                 book: IssueBook):
        self.briefings = briefings
        self.texts = texts
        self.book = book
        self.issues = {issue.id: issue for issue in book.issues}
        self.copied: set[int] = set()

    def own(self, index: int) -> Briefing:
        if index not in self.copied:
            self.briefings[index] = copy.deepcopy(self.briefings[index])
            self.copied.add(index)
        return self.briefings[index]

    def apply(self, correction: Correction) -> Status:
        if correction.article is not None:
            indices = [i for i, b in enumerate(self.briefings)
                       if b.source_file == correction.article]
            if not indices:
                return Status(correction, reason=f"no article {correction.article} among the "
                              "inputs (was it removed or renamed?)")
        else:
            indices = list(range(len(self.briefings)))
        handler = HANDLERS[correction.kind]
        applied, reasons = [], []
        for index in indices:
            briefing = self.briefings[index]
            reason = handler.check(self, briefing, correction)
            if reason is None:
                handler.run(self, self.own(index), correction)
                applied.append(self.briefings[index].id)
            else:
                reasons.append(reason)
        if applied:
            return Status(correction, applied_to=tuple(applied))
        if correction.article is None:
            return Status(correction, reason=f"no briefing has an actor named "
                          f"\u201c{correction.target}\u201d")
        return Status(correction, reason=reasons[0])

    def text(self, briefing: Briefing) -> str:
        return self.texts.get(briefing.source_file, "")

    def site_actor(self, name: str) -> Optional[Actor]:
        for briefing in self.briefings:
            actor = find_actor(briefing, name)
            if actor is not None:
                return actor
        return None

    def actor_id(self, briefing: Briefing, name: Optional[str], correction: Correction
                 ) -> Optional[str]:
        """The id of the actor ``name`` in ``briefing``; an actor known elsewhere on the site,
        or a new one, is added to it (its mentions found in the text)."""
        if name is None:
            return None
        actor = find_actor(briefing, name)
        if actor is not None:
            return actor.id
        known = self.site_actor(name)
        text = self.text(briefing)
        if known is not None:
            actor = Actor(id=known.id, name=known.name, type=known.type, title=known.title,
                          affiliation=known.affiliation, aliases=list(known.aliases))
        else:
            actor = Actor(id=slugify(name) or "actor", name=name, type="other")
        actor.mentions = sorted({s for n in {actor.name, name} for s in occurrences(text, n)})
        actor.corrected = correction.provenance()
        briefing.actors.append(actor)
        return actor.id

    def use_issues(self, briefing: Briefing, issue_ids: Iterable[str]) -> None:
        present = {i.id for i in briefing.issues}
        for issue_id in issue_ids:
            if issue_id not in present:
                briefing.issues.append(self.issues.get(issue_id, Issue(issue_id, issue_id)))
                present.add(issue_id)

    def unknown_issue(self, briefing: Briefing, issue_ids: Iterable[str]) -> Optional[str]:
        known = set(self.issues) | {i.id for i in briefing.issues}
        unknown = [i for i in issue_ids if i not in known]
        if unknown:
            return (f"no issue {', '.join(unknown)} on this site (issues: "
                    f"{', '.join(sorted(known))})")
        return None

    def contributions(self, briefing: Briefing, position: Position) -> set[tuple[str, str]]:
        """The (actor, issue) cells a position is evidence for, as ``stances.stance_matrix``
        makes them: its speaker's, if a party, on each of its issues it leans on."""
        by_id = {a.id: a for a in briefing.actors}
        speaker = by_id.get(position.actor or "")
        if speaker is None or position.stance in (None, "neutral") \
                or not is_party(speaker, by_id, self.book):
            return set()
        return {(speaker.id, issue) for issue in position.issues}

    def evidence_pairs(self, briefing: Briefing) -> set[tuple[str, tuple[str, str]]]:
        """(position id, cell) for every cell each position is evidence for."""
        return {(p.id, key) for p in briefing.positions for key in self.contributions(briefing, p)}

    def recompute_cells(self, briefing: Briefing, keys: set[tuple[str, str]],
                        correction: Correction) -> None:
        """The cells ``keys`` again from the positions now behind them (each position's one
        stance counting for all its issues), marked as corrected; a cell with no position left
        goes."""
        if not keys:
            return
        cells = {(c.actor, c.issue): c for c in briefing.stances}
        behind: dict[tuple[str, str], list[Position]] = {key: [] for key in keys}
        for position in briefing.positions:
            for key in self.contributions(briefing, position) & keys:
                behind[key].append(position)
        for key in sorted(keys):
            positions = behind[key]
            cell = cells.get(key)
            if not positions:
                if cell is not None:
                    briefing.stances.remove(cell)
                continue
            stance = combine_stances(p.stance for p in positions)
            evidence = sorted({p.id for p in positions}, key=_number)
            if cell is None:
                briefing.stances.append(StanceCell(*key, stance=stance, evidence=evidence,
                                                   corrected=correction.provenance()))
            elif (cell.stance, cell.evidence) != (stance, evidence):
                cell.stance, cell.evidence = stance, evidence
                cell.corrected = correction.provenance()


def _number(item_id: str) -> int:
    return int(item_id[1:])


def _next_id(prefix: str, items: Iterable) -> str:
    return f"{prefix}{max((_number(i.id) for i in items), default=0) + 1}"


# --- handlers: check (None, or why it does not apply) and run ----------------------------------


class _Handler(Protocol):
    def check(self, work: _Work, briefing: Briefing, correction: Correction) -> Optional[str]:
        """None when ``correction`` applies to ``briefing``, else why it does not."""

    def run(self, work: _Work, briefing: Briefing, correction: Correction) -> None:
        """Applies ``correction`` to ``briefing`` (a copy ``check`` accepted)."""


class _ActorHandler:
    def check(self, work, briefing, correction):
        actor = find_actor(briefing, correction.target)
        if actor is None:
            return f"no actor \u201c{correction.target}\u201d in this article"
        merge = correction.get("merge_into")
        if merge is not None and find_actor(briefing, merge) is actor:
            return f"\u201c{correction.target}\u201d already is \u201c{merge}\u201d"
        return None

    def run(self, work, briefing, correction):
        before = work.evidence_pairs(briefing)
        self._change(work, briefing, correction)
        changed = before ^ work.evidence_pairs(briefing)
        work.recompute_cells(briefing, {key for _, key in changed}, correction)

    def _change(self, work, briefing, correction):
        actor = find_actor(briefing, correction.target)
        if correction.drop or correction.get("place"):
            if correction.get("place"):
                briefing.places.append(Place(name=actor.name, mentions=list(actor.mentions)))
            briefing.actors.remove(actor)
            self._replace_references(briefing, actor.id, None, correction)
            return
        if correction.has("merge_into"):
            self._merge(work, briefing, actor, correction)
            return
        if correction.has("name") and correction.get("name") != actor.name:
            actor.aliases = sorted({*actor.aliases, actor.name} - {correction.get("name")})
            actor.name = correction.get("name")
        for key in ("type", "title"):
            if correction.has(key):
                setattr(actor, key, correction.get(key))
        if correction.has("affiliation"):
            actor.affiliation = work.actor_id(briefing, correction.get("affiliation"), correction)
        actor.corrected = correction.provenance()

    def _merge(self, work, briefing, actor, correction):
        target_id = work.actor_id(briefing, correction.get("merge_into"), correction)
        target = briefing.actor(target_id)
        briefing.actors.remove(actor)
        target.aliases = sorted({*target.aliases, actor.name, *actor.aliases} - {target.name})
        target.mentions = sorted({*target.mentions, *actor.mentions})
        target.salience = max(target.salience, actor.salience)
        target.corrected = correction.provenance()
        self._replace_references(briefing, actor.id, target.id, correction)

    @staticmethod
    def _replace_references(briefing, old: str, new: Optional[str], correction) -> None:
        """Everything that pointed at actor ``old`` points at ``new`` (or at nobody)."""
        for other in briefing.actors:
            if other.affiliation == old:
                other.affiliation = new if new != other.id else None
        for position in briefing.positions:
            if old in (position.actor, position.via):
                position.actor = new if position.actor == old else position.actor
                position.via = new if position.via == old else position.via
                position.corrected = correction.provenance()
        for figure in briefing.figures:
            if old in (figure.claimed_by, figure.about, figure.via):
                figure.claimed_by = new if figure.claimed_by == old else figure.claimed_by
                figure.about = new if figure.about == old else figure.about
                figure.via = new if figure.via == old else figure.via
                figure.corrected = correction.provenance()


class _QuotedHandler:
    """Corrections of a position or figure named by quoted words: ``items`` names the list of
    the briefing they are in, ``span`` the field of their words."""
    items = "positions"
    span = "content_span"

    def span_of(self, item) -> tuple[int, int]:
        return getattr(item, self.span)

    def find(self, work, briefing, correction) -> tuple[list, Optional[str]]:
        found = occurrences(work.text(briefing), correction.target)
        if not found:
            return [], "the quoted words are not in the article (was it edited?)"
        hits = _overlapping(getattr(briefing, self.items), self.span_of, found)
        return hits, None

    def check(self, work, briefing, correction):
        hits, reason = self.find(work, briefing, correction)
        if reason:
            return reason
        item = self.items[:-1]
        if not hits:
            return f"no {item} holds the quoted words (correct it with add_{item})"
        if len(hits) > 1:
            return f"the quoted words are in {len(hits)} {self.items}: quote more of them"
        return work.unknown_issue(briefing, correction.get("issues") or ())


class _PositionHandler(_QuotedHandler):

    def run(self, work, briefing, correction):
        position = self.find(work, briefing, correction)[0][0]
        before = work.contributions(briefing, position)
        if correction.drop:
            briefing.positions.remove(position)
            work.recompute_cells(briefing, before, correction)
            return
        reading = (position.actor, position.issues, position.stance)
        if correction.has("speaker"):
            position.actor = work.actor_id(briefing, correction.get("speaker"), correction)
        if correction.has("issues"):
            position.issues = list(correction.get("issues"))
            work.use_issues(briefing, position.issues)
        if correction.has("stance"):
            position.stance = correction.get("stance")
        position.corrected = correction.provenance()
        if (position.actor, position.issues, position.stance) != reading:
            after = work.contributions(briefing, position)
            work.recompute_cells(briefing, before | after, correction)


class _FigureHandler(_QuotedHandler):
    items, span = "figures", "span"

    def run(self, work, briefing, correction):
        figure = self.find(work, briefing, correction)[0][0]
        if correction.drop:
            briefing.figures.remove(figure)
            return
        set_figure_fields(work, briefing, figure, correction)


def set_figure_fields(work: _Work, briefing: Briefing, figure: Figure,
                      correction: Correction) -> None:
    for key in ("value", "qualifier", "unit", "event", "category"):
        if correction.has(key):
            setattr(figure, key, correction.get(key))
    if correction.has("value") or correction.has("qualifier"):
        figure.value_words = None       # the analyst's number replaces the article's vague words
    for key in ("claimed_by", "about"):
        if correction.has(key):
            setattr(figure, key, work.actor_id(briefing, correction.get(key), correction))
    figure.corrected = correction.provenance()


class _AddHandler(_QuotedHandler):
    """An item the extractor missed, found by its quoted words (which must occur once)."""

    def check(self, work, briefing, correction):
        found = occurrences(work.text(briefing), correction.target)
        if not found:
            return "the quoted words are not in the article (was it edited?)"
        if len(found) > 1:
            return f"the quoted words occur {len(found)} times in the article: quote more of them"
        if _overlapping(getattr(briefing, self.items), self.span_of, found):
            return (f"the extractor now finds this {self.items[:-1]}: correct it with "
                    f"{self.items[:-1]}: instead of add_{self.items[:-1]}")
        return work.unknown_issue(briefing, correction.get("issues") or ())


class _AddPositionHandler(_AddHandler):

    def run(self, work, briefing, correction):
        text = work.text(briefing)
        start, end = occurrences(text, correction.target)[0]
        before = text[:start].rstrip()[-1:]
        position = Position(
            id=_next_id("p", briefing.positions),
            actor=work.actor_id(briefing, correction.get("speaker"), correction),
            source_text=None, source_span=None, cue=correction.get("cue") or ADDED_CUE,
            cue_span=None, content=text[start:end], content_span=(start, end),
            kind=correction.get("kind") or ("direct" if before and before in QUOTE_MARKS
                                            else "indirect"),
            issues=list(correction.get("issues") or ()), stance=correction.get("stance"),
            corrected=correction.provenance())
        work.use_issues(briefing, position.issues)
        briefing.positions.append(position)
        briefing.positions.sort(key=lambda p: p.content_span)
        work.recompute_cells(briefing, work.contributions(briefing, position), correction)


class _AddFigureHandler(_AddHandler):
    items, span = "figures", "span"

    def run(self, work, briefing, correction):
        text = work.text(briefing)
        start, end = occurrences(text, correction.target)[0]
        sentence = next(((s, e) for s, e in briefing.sentences if s <= start < e), (start, end))
        figure = Figure(id=_next_id("f", briefing.figures), value=correction.get("value"),
                        qualifier="exact", unit=correction.get("unit"), event=None,
                        category="other", claimed_by=None, about=None, text=text[start:end],
                        span=(start, end), sentence=" ".join(text[slice(*sentence)].split()))
        set_figure_fields(work, briefing, figure, correction)
        briefing.figures.append(figure)
        briefing.figures.sort(key=lambda f: f.span)


class _CellHandler:
    def check(self, work, briefing, correction):
        actor_name, issue = correction.target
        actor = find_actor(briefing, actor_name)
        if actor is None:
            return f"no actor \u201c{actor_name}\u201d in this article"
        if correction.drop and self.cell(briefing, actor.id, issue) is None:
            return f"no cell {actor.name} × {issue} to clear in this article"
        return work.unknown_issue(briefing, [issue])

    @staticmethod
    def cell(briefing, actor_id, issue) -> Optional[StanceCell]:
        return next((c for c in briefing.stances if (c.actor, c.issue) == (actor_id, issue)), None)

    def run(self, work, briefing, correction):
        actor_name, issue = correction.target
        actor = find_actor(briefing, actor_name)
        cell = self.cell(briefing, actor.id, issue)
        if correction.drop:
            briefing.stances.remove(cell)
            return
        if cell is None:
            cell = StanceCell(actor=actor.id, issue=issue, stance=correction.get("stance"))
            briefing.stances.append(cell)
            work.use_issues(briefing, [issue])
        cell.stance = correction.get("stance")
        cell.corrected = correction.provenance()


HANDLERS: dict[str, _Handler] = {
    "actor": _ActorHandler(), "position": _PositionHandler(),
    "add_position": _AddPositionHandler(), "figure": _FigureHandler(),
    "add_figure": _AddFigureHandler(), "cell": _CellHandler()}


def apply_to_outcome(entries: Sequence[Correction], outcome: Outcome, settings: Settings
                     ) -> Result:
    """``apply`` to a pipeline ``Outcome`` (its briefings and the articles' texts), with the
    issues of the site's ``Settings``."""
    if not entries:
        return Result(list(outcome.briefings))
    return apply(outcome.briefings, {a.source_file: a.text for a in outcome.articles}, entries,
                 load_issue_book(settings.issues_file))
