"""Issue terms: where a position's words name an issue (generator/data/lexicon's issue
definitions, read by ``issuebook``), for ``stances`` to read the lean on each.

A term counts in the position's content, or for a reported action in its cue ("ignored calls
for a ceasefire"); it is matched however the tokenizer splits its hyphens ("de-escalation").
Phrases that hold a term without being about its issue ("war crimes") are skipped; terms in a
relative clause or apposition describe their noun, not the speaker; fighting named under another
issue's term is what that term is about ("a truce in the fighting"); an anchored term counts
only beside its anchor; and words of an issue that also name speech are not about it when aimed
at a person or qualified as speech ("his attacks against Senator Miller").
"""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from ..issuebook import Anchor, IssueBook, Verbal
from ..model import Position
from .actors import ActorIndex


def find_issue_terms(doc: Doc, position: Position, book: IssueBook,
                     actors: Optional[ActorIndex] = None) -> Iterator[tuple[str, list[Token], bool]]:
    """(issue id, the term's tokens, whether its lean is inverted) for each issue term in the
    content or a reported cue. A term of fighting that hangs under another issue's term is what
    that term is about ("calls for *de-escalation* of the fighting", "aid for the offensive"),
    not a lean of its own, and so are civilians under an attack ("the shelling of civilians").
    A term naming the issue's opposite inverts the lean ("ended the *occupation*"), and so
    does a term taken away by a term of removal ("criticised the *withdrawal* of the
    observers" backs the observers), which then says nothing of its own issue. A framing
    term over another issue's term names no issue of its own ("recognised Ukraine's
    sovereignty")."""
    regions = [position.content_span]
    if position.kind == "reported" and position.cue_span and position.cue_span[0] < position.content_span[0]:
        regions.append((position.cue_span[0], position.content_span[0]))
    in_regions = [(start, end, _terms_in(doc, start, end, book)) for start, end in regions]
    # A framing term may be in a reported cue and what it frames in the content ("recognised |
    # the territorial integrity of Georgia").
    every = [term for _, _, found in in_regions for term in found]
    outer = (min(start for start, _ in regions), max(end for _, end in regions))
    for start, end, found in in_regions:
        pairs = list(_removed_terms(found, book))
        removals, removed = {id(removal) for _, removal in pairs}, {id(term) for term, _ in pairs}
        for issue_id, tokens in found:
            if issue_id in book.nested_topics and \
                    _under_other_issue(tokens, found, start, end, book.nested_topics[issue_id]):
                continue
            if id(tokens) in removals:
                continue      # "the withdrawal of the observers" is about the observers
            if issue_id in book.framings and _governs_other_issue(tokens, issue_id, every, *outer):
                continue      # "recognised Ukraine's sovereignty" is about sovereignty
            inverse = tuple(t.lower_ for t in tokens) in book.inverse or \
                tuple(t.lemma_.lower() for t in tokens) in book.inverse
            anchor = book.anchors.get(issue_id)
            if not inverse and anchor is not None and anchor.binds(tokens) and \
                    not _anchored(tokens, anchor, actors, *outer):
                continue      # "withdraw from the race" is no withdrawal of forces
            if issue_id in book.verbal and _speech(tokens, book.verbal[issue_id]):
                continue      # "his attacks on Clinton" are words
            yield issue_id, tokens, inverse != (id(tokens) in removed)


def _terms_in(doc: Doc, start: int, end: int, book: IssueBook) -> list[tuple[str, list[Token]]]:
    """(issue id, tokens) of each issue term between two offsets, but for phrases that only
    hold a term ("war crimes") and terms describing someone else (``_describes_someone_else``)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    found: list[tuple[str, list[Token]]] = []
    i = 0
    while span is not None and i < len(span):
        other = _phrase_at(span, i, book.not_terms)
        if other:            # "war crimes", "humanitarian law": not the issue's words
            i += len(other)
            continue
        match = _term_at(span, i, book)
        if match and len(match[0]) == 1 and match[0][0] in book.noun_terms and \
                span[i].pos_ not in ("NOUN", "PROPN"):
            match = None     # "offensive content" is no offensive
        if match:
            tokens = list(span[i:i + len(match[0])])
            if not _describes_someone_else(tokens, start, end):
                found.append((match[1], tokens))
            i += len(match[0])
        else:
            i += 1
    return found


def _removed_terms(found: list[tuple[str, list[Token]]], book: IssueBook
                   ) -> Iterator[tuple[list[Token], list[Token]]]:
    """(term, removal term) for each term that a term of a removing issue governs as its
    object: "withdraw the peacekeepers", "the withdrawal of the observers"."""
    removals = {t.i: term for issue_id, term in found if issue_id in book.removals for t in term}
    for issue_id, term in found:
        if issue_id in book.removals:
            continue
        token = term[-1]
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep":
            head = head.head
        elif token.dep_ not in ("dobj", "nsubjpass"):
            continue
        if head.i in removals:
            yield term, removals[head.i]


def _under_other_issue(tokens: list[Token], found: list[tuple[str, list[Token]]],
                       start: int, end: int, under: Optional[frozenset[str]] = None) -> bool:
    """Does the term hang under a term of another issue (of one of ``under``, if given)?"""
    others = {t.i for other_id, term in found if term is not tokens
              and (under is None or other_id in under) for t in term}
    token = tokens[-1]
    while token.head.i != token.i and start <= token.head.idx < end:
        token = token.head
        if token.i in others:
            return True
    return False


def _anchored(tokens: list[Token], anchor: Anchor, actors: Optional[ActorIndex],
              start: int, end: int) -> bool:
    """Do the term's words or what hangs under it name one of the issue's anchors, a word
    ("troops", "territories") or an entity of a kind ("Syria"), or is its doer (its subject,
    or for an infinitive the one urged to do it: "urged Israel *to withdraw*") an actor of an
    anchoring type ("the YPG must withdraw")?"""
    root = tokens[-1]
    while root.head.i != root.i and root.head in tokens:
        root = root.head
    doers = [c for c in root.children if c.dep_ == "nsubj"]
    if root.dep_ == "xcomp":
        doers += [c for c in root.head.children if c.dep_ in ("nsubj", "dobj", "prep")]
    # The doer itself, not its words: "*Greek* Prime Minister X threatened to withdraw …"
    near = [t for t in root.subtree if start <= t.idx < end] + doers
    if any(t.lemma_.lower() in anchor.words or t.lower_ in anchor.words or
           t.ent_type_ in anchor.entities for t in tokens + near):
        return True
    if actors is None:
        return False
    return any(actors.get(actor_id).type in anchor.doers for doer in doers
               for first, last, actor_id in actors.mentions_in(
                   doer.left_edge.idx, doer.right_edge.idx + len(doer.right_edge))
               if first <= doer.idx < last)


def _speech(tokens: list[Token], verbal: Verbal) -> bool:
    """Is a term that can name words aimed at a person or a rival (its object, or what it is
    on, against or from: "refused to attack his rivals", "attacks from Governor Harris") or
    qualified as speech ("personal attacks")?"""
    root = tokens[-1]
    if root.lemma_.lower() not in verbal.terms:
        return False
    targets = [c for c in root.children if c.dep_ == "dobj"] + \
        [g for c in root.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "upon", "from")
         for g in c.children if g.dep_ == "pobj"]
    return any(t.ent_type_ in verbal.entities or t.lemma_.lower() in verbal.words for t in targets) or \
        any(c.dep_ == "amod" and c.lemma_.lower() in verbal.qualifiers for c in root.children)


def _governs_other_issue(tokens: list[Token], issue_id: str, found: list[tuple[str, list[Token]]],
                         start: int, end: int) -> bool:
    """Does a term of another issue hang under the term?"""
    return any(other_id != issue_id and _under_other_issue(term, [(issue_id, tokens)], start, end)
               for other_id, term in found if term is not tokens)


def _describes_someone_else(term_tokens: list[Token], start: int, end: int) -> bool:
    """A term inside a relative clause or an apposition describes the noun it hangs on ("the
    SDF, *which has been fighting* ISIL"), not what the speaker wants."""
    token = term_tokens[-1]
    while token.head.i != token.i and start <= token.head.idx < end:
        if token.dep_ in ("relcl", "appos") or (token.dep_ == "acl" and token.tag_ == "VBN"):
            return True      # "the accord *adopted after* negotiations" describes the accord
        token = token.head
    return False


def _term_at(span, i: int, book: IssueBook):
    token = span[i]
    for key in sorted({token.lower_, token.lemma_.lower()}):
        for words, issue_id in book.terms.get(key, ()):
            if _words_at(span, i, words):
                return words, issue_id
    return None


def _phrase_at(span, i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]):
    token = span[i]
    for key in sorted({token.lower_, token.lemma_.lower()}):
        for words in phrases.get(key, ()):
            if _words_at(span, i, words):
                return words
    return None


def _words_at(span, i: int, words: tuple[str, ...]) -> bool:
    window = span[i:i + len(words)]
    return len(window) == len(words) and all(
        w in (t.lower_, t.lemma_.lower()) for w, t in zip(words, window))
