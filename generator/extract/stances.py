"""Stances: which issues each position addresses, how it leans, and the actor × issue matrix.

An issue is found where one of its terms occurs in a position's content (or, for a reported
action, in its cue: "ignored calls for a ceasefire"). The lean on it is read off the words that
govern the term in the dependency tree, up to the position's cue: each `support` word keeps the
lean, each `oppose` word and each negation flips it ("is *not ready* for talks" → oppose,
"*rejected* calls *for* negotiations" → oppose, "*vowed* to *keep* fighting" → support), and a
conditional marker on that path makes it conditional ("*not the appropriate* time to talk").
Misses: irony and rhetorical questions, stances spread over several sentences, and issues
named only by pronouns.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Optional

import yaml
from spacy.tokens import Doc, Token

from ..model import Actor, Issue, Position, StanceCell

NON_PARTIES = {"media"}     # media relay positions; they are not parties in the matrix
_PREDICATE_DEPS = {"acomp", "aux", "auxpass"}
_MODIFIER_DEPS = {"neg", "aux", "auxpass", "amod", "advmod", "mark", "det", "acomp", "attr"}


@dataclass(frozen=True)
class IssueBook:
    issues: tuple[Issue, ...]
    terms: dict[str, tuple[tuple[tuple[str, ...], str], ...]]   # first word → ((words, issue id), ...)
    support: frozenset[str]
    oppose: frozenset[str]
    negations: frozenset[str]
    conditional: frozenset[str]


def load_issue_book(issues_file: Optional[str | Path] = None) -> IssueBook:
    """The default issues, or a site's own issue file in the same format, with the stance words."""
    lexicon = Path(str(resources.files("generator.data").joinpath("lexicon")))
    issues_path = Path(issues_file) if issues_file else lexicon / "issues.yaml"
    issues_data = yaml.safe_load(issues_path.read_text(encoding="utf-8"))
    stance_data = yaml.safe_load((lexicon / "stance.yaml").read_text(encoding="utf-8"))
    terms: dict[str, list] = defaultdict(list)
    for raw in issues_data["issues"]:
        for term in raw.get("terms", []):
            words = tuple(term.lower().split())
            terms[words[0]].append((words, raw["id"]))
    return IssueBook(
        issues=tuple(Issue(raw["id"], raw["label"]) for raw in issues_data["issues"]),
        terms={first: tuple(sorted(found, key=lambda t: -len(t[0]))) for first, found in terms.items()},
        support=frozenset(stance_data["support"]), oppose=frozenset(stance_data["oppose"]),
        negations=frozenset(stance_data["negations"]),
        conditional=frozenset(stance_data["conditional"]))


Leans = dict[str, str]      # issue id → stance of one position on that issue


def tag_positions(doc: Doc, positions: list[Position],
                  book: IssueBook) -> list[tuple[Position, Leans]]:
    """Each position with the issues its content addresses, its overall stance, and its lean on
    each issue (the schema keeps one stance per position; the matrix needs one per issue)."""
    tagged = []
    for position in positions:
        leans: dict[str, str] = {}
        for issue_id, term_tokens in find_issue_terms(doc, position, book):
            lean = lean_on(term_tokens, position, doc, book)
            leans[issue_id] = _hedge(leans[issue_id], lean) if issue_id in leans else lean
        issues = list(leans)
        tagged.append((replace(position, issues=issues,
                               stance=leans[issues[0]] if issues else None), leans))
    return tagged


def find_issue_terms(doc: Doc, position: Position, book: IssueBook) -> Iterator[tuple[str, list[Token]]]:
    """(issue id, the term's tokens) for each issue term in the content or a reported cue."""
    regions = [position.content_span]
    if position.kind == "reported" and position.cue_span and position.cue_span[0] < position.content_span[0]:
        regions.append((position.cue_span[0], position.content_span[0]))
    for start, end in regions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        i = 0
        while i < len(span):
            match = _term_at(span, i, book)
            if match:
                words, issue_id = match
                yield issue_id, list(span[i:i + len(words)])
                i += len(words)
            else:
                i += 1


def _term_at(span, i: int, book: IssueBook):
    token = span[i]
    for key in {token.lower_, token.lemma_.lower()}:
        for words, issue_id in book.terms.get(key, ()):
            window = span[i:i + len(words)]
            if len(window) == len(words) and all(
                    w in (t.lower_, t.lemma_.lower()) for w, t in zip(words, window)):
                return words, issue_id
    return None


def lean_on(term_tokens: list[Token], position: Position, doc: Doc, book: IssueBook) -> str:
    """support | oppose | conditional | neutral for one issue term in one position."""
    sign, polar, conditional = 1, False, False
    term_ids = {t.i for t in term_tokens}
    for token in _governing_words(term_tokens, position, doc):
        lemma = token.lemma_.lower()
        modifiers = [c for c in token.children if c.dep_ in _MODIFIER_DEPS and c.i not in term_ids]
        for word in [lemma, *(c.lemma_.lower() for c in modifiers)]:
            if word in book.negations:
                sign, polar = -sign, True
            if word in book.conditional:
                conditional = True
        # The predicate may sit beside the path: "it is very *hard* to talk", "*should* be".
        leaning = [c for c in modifiers if c.dep_ in _PREDICATE_DEPS]
        if token.i not in term_ids:
            leaning.append(token)
        for word in leaning:
            if word.lemma_.lower() in book.oppose:
                sign, polar = -sign, True
            elif word.lemma_.lower() in book.support:
                polar = True
    for token in term_tokens:     # "no military solution": the negation sits on the term itself
        if any(c.lemma_.lower() in book.negations for c in token.children if c.i not in term_ids):
            sign, polar = -sign, True
    if conditional and polar:
        return "conditional"
    if not polar:
        return "neutral"
    return "support" if sign > 0 else "oppose"


def _governing_words(term_tokens: list[Token], position: Position, doc: Doc) -> Iterator[Token]:
    """The term's head and its ancestors inside the content, then the cue's words."""
    start, end = position.content_span
    seen = set()
    token = term_tokens[-1]
    while True:
        if token.i not in seen:
            seen.add(token.i)
            yield token
        if token.head.i == token.i or not (start <= token.head.idx < end):
            break
        token = token.head
    if position.cue_span:
        cue = doc.char_span(*position.cue_span, alignment_mode="expand")
        for cue_token in cue or ():
            if cue_token.i not in seen:
                seen.add(cue_token.i)
                yield cue_token


def _hedge(first: str, second: str) -> str:
    """Two leans on one issue within one statement: a statement that both backs and rejects
    something is a conditional one ("ready for talks, but not while fighting goes on")."""
    combined = _combine_all([first, second])
    return "conditional" if combined == "mixed" else combined


def _combine_all(stances: Iterable[str]) -> str:
    """One stance from several: agreement stays, conditions win over a lean, conflict is mixed."""
    leaning = {s for s in stances if s != "neutral"}
    if not leaning:
        return "neutral"
    if {"support", "oppose"} <= leaning or "mixed" in leaning:
        return "mixed"
    if "conditional" in leaning:
        return "conditional"
    return leaning.pop()


def stance_matrix(tagged: list[tuple[Position, Leans]], actors: list[Actor]) -> list[StanceCell]:
    """One cell per (actor, issue) with its evidence; a person's positions also count for the
    state or organisation they speak for. Media and unattributed positions make no cell."""
    by_id = {a.id: a for a in actors}
    evidence: dict[tuple[str, str], list[tuple[Position, str]]] = defaultdict(list)
    for position, leans in tagged:
        speaker = by_id.get(position.actor)
        if speaker is None or speaker.type in NON_PARTIES:
            continue
        for actor_id in _speaks_for(speaker, by_id):
            for issue_id, lean in leans.items():
                evidence[(actor_id, issue_id)].append((position, lean))
    cells = []
    for (actor_id, issue_id), found in evidence.items():
        ids = sorted({p.id for p, _ in found}, key=lambda pid: int(pid[1:]))
        cells.append(StanceCell(actor=actor_id, issue=issue_id,
                                stance=_combine_all(lean for _, lean in found), evidence=ids))
    return sorted(cells, key=_row_order(cells, actors))


def _row_order(cells: list[StanceCell], actors: list[Actor]):
    """Rows by salience, each person or body right under the state it speaks for."""
    rank = {a.id: n for n, a in enumerate(actors)}
    by_id = {a.id: a for a in actors}
    in_matrix = {c.actor for c in cells}

    def group(actor_id: str) -> str:
        affiliation = by_id[actor_id].affiliation if actor_id in by_id else None
        return affiliation if affiliation in in_matrix else actor_id

    def key(cell: StanceCell):
        root = group(cell.actor)
        return (rank.get(root, len(rank)), root, cell.actor != root,
                rank.get(cell.actor, len(rank)), cell.actor, cell.issue)
    return key


def _speaks_for(speaker: Actor, by_id: dict[str, Actor]) -> list[str]:
    chain = [speaker.id]
    affiliation = by_id.get(speaker.affiliation) if speaker.affiliation else None
    if affiliation and affiliation.type not in NON_PARTIES and affiliation.id not in chain:
        chain.append(affiliation.id)
    return chain
