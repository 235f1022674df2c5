"""Provenance: who claims a figure and whose losses or people it counts."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ...model import Position
from ..actors import ActorIndex
from .candidate import Candidate, _tokens
from .lexicon import FigureLexicon
from .units import _is_currency

SIDE_TYPES = ("state", "region", "armed_group")


def claimant(doc: Doc, cand: Candidate, positions: list[Position], actors: ActorIndex,
             lexicon: FigureLexicon) -> Optional[str]:
    """Who asserts a figure: the speaker of the narrowest position whose content holds it ("The
    Azerbaijani Defense Ministry claims that ... 2,000 casualties"), or, when that position has
    no speaker, an actor that is the subject of its cue ("ISIL claimed responsibility and said
    30 people had been killed", "with the UN warning that up to 8 million ..."); else "according
    to X" in its sentence, or the agent of a verb of reporting ("reported by the ministry"). None
    when the writer states it."""
    holding = [p for p in positions if p.content_span and
               p.content_span[0] <= cand.start and cand.end <= p.content_span[1]]
    if holding:
        best = min(holding, key=lambda p: p.content_span[1] - p.content_span[0])
        if best.actor:
            return best.actor
        found = _cue_subject(doc, best, actors)
        if found:
            return found
    tokens = _tokens(doc, cand)
    sent = tokens.sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            found = _source_named(doc, doc[tok.i + 1], sent, actors)
            if found:
                return found
    return _reporting_agent(doc, tokens.root, actors, lexicon)


def _source_named(doc: Doc, to: Token, sent, actors: ActorIndex) -> Optional[str]:
    """The actor "according to" names: its object, or up to the end of the clause when the
    parser cuts the name off ("according to the state news agency SANA")."""
    objects = [c for c in to.children if c.dep_ == "pobj"]
    end = max([o.right_edge.i for o in objects] + [to.i])
    stop = next((t.i for t in doc[to.i + 1:sent.end] if t.is_punct), sent.end)
    end = max(end, stop - 1)
    if end <= to.i:
        return None
    return actors.at(doc[to.i + 1].idx, doc[end].idx + len(doc[end]))


def _reporting_agent(doc: Doc, root: Token, actors: ActorIndex, lexicon: FigureLexicon) -> Optional[str]:
    """The agent of a verb of reporting that the figure is the subject or object of: "a death
    toll of 25 was reported by the health ministry", "figures given by the UN"."""
    verb = _clause_verb(root)
    if verb is None or verb.lemma_.lower() not in lexicon.report_verbs:
        return None
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in (c for c in agent.children if c.dep_ == "pobj"):
            return actors.at(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    return None


def _cue_subject(doc: Doc, position: Position, actors: ActorIndex) -> Optional[str]:
    """The actor named by the subject of a position's cue verb, or of the verb it is
    coordinated with ("ISIL claimed responsibility ... and said"), or by the object of "with"
    right before it ("with the UN warning that ...")."""
    if not position.cue_span:
        return None
    cue = doc.char_span(*position.cue_span, alignment_mode="expand")
    if cue is None:
        return None
    verb = cue.root
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        if subjects:
            subject = subjects[0]
            return actors.at(subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge))
        before = doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.dep_ == "pobj" and before.head.lower_ == "with":
            return actors.at(before.left_edge.idx, before.idx + len(before))
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def side_concerned(doc: Doc, cand: Candidate, actors: ActorIndex, lexicon: FigureLexicon,
                   gazetteer=None) -> Optional[str]:
    """Whose losses or people a figure counts: a demonym or name on the counted noun ("two
    Azerbaijani drones", "Armenian soldiers"), a possessive ("Armenia's losses"), an "of" phrase,
    or the subject of a verb of suffering ("Armenia suffered 2,000 casualties", "it lost ...
    130 tanks", with "it" taken as the state named last). Misses sides named only in another
    sentence."""
    noun = cand.noun
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < noun.i and \
                not (child.ent_type_ in ("NORP", "MONEY") and _is_currency(noun, lexicon)):    # "British pounds"
            found = _actor_named(child, actors, gazetteer)
            if found:
                return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = _actor_named(obj, actors, gazetteer, subtree=True)
                    if found:
                        return found
    verb = _clause_verb(cand.role or noun)
    if verb is not None and verb.lemma_.lower() in lexicon.undergoer_verbs:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.pos_ == "PRON":
                earlier = actors.mentioned_before(subject.idx, SIDE_TYPES)
                return earlier[0] if earlier else None
            return _actor_named(subject, actors, gazetteer, subtree=True)
    return None


def _clause_verb(tok: Token) -> Optional[Token]:
    """The verb of the clause a noun phrase belongs to, through conjuncts and "including"."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "prep"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _actor_named(tok: Token, actors: ActorIndex, gazetteer=None, subtree: bool = False) -> Optional[str]:
    if tok.ent_type_ == "NORP" and tok.ent_id_:
        return tok.ent_id_
    start, end = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)) if subtree else \
        (tok.idx, tok.idx + len(tok))
    found = actors.at(start, end)
    if found:
        actor = actors.get(found)
        if actor is not None and actor.type in ("person",) and actor.affiliation:
            return actor.affiliation
        return found
    if gazetteer is not None:
        entry = gazetteer.demonym(tok.text) or (gazetteer.lookup(tok.text) if tok.pos_ == "PROPN" else None)
        if entry is not None:
            return entry.id
    return None
