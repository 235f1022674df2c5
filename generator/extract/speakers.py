"""Speakers: the actor behind a source phrase (named people, office descriptions, conjoined
actors, relative pronouns and pronouns), and the media that relay a statement (`via`)."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc

from ..nlp import text_of
from ..model import Span
from .actors import ActorIndex
from .speech import GROUP_PRONOUNS, PERSON_PRONOUNS, Found, SpeechLexicon, clip_span, inside


def resolve_speakers(doc: Doc, item: Found, actors: ActorIndex,
                     lexicon: SpeechLexicon) -> list[Found]:
    """The actor(s) behind a source phrase: named people first, office descriptions, other named
    actors (one position each for "Armenia and Azerbaijan"), then pronouns."""
    if item.source is None:
        return [item]
    start, end = _antecedent(doc, item.source)
    named = [m for m in actors.mentions_in(start, end) if not inside(m, item.content)]
    people = [m for m in named if actors.get(m[2]).type == "person"]
    if people:
        return [replace(item, actor=people[0][2])]
    office = office_holder(text_of(doc)[start:end], actors, lexicon)
    if office:
        return [replace(item, actor=office)]
    if named:
        conjoined = _conjoined_actors(doc, item.source, named, actors)
        return [replace(item, actor=a) for a in conjoined]
    pronoun = _pronoun_antecedent(doc, item.source, actors)
    return [replace(item, actor=pronoun)]


def _antecedent(doc: Doc, source: Span) -> Span:
    """For "who"/"which"/"that" heading a relative clause, the noun phrase it stands for."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].tag_ in ("WDT", "WP"):
        clause = span[0].head
        if clause.dep_ == "relcl":
            return clip_span(clause.head, exclude=clause)
    return source


def office_holder(phrase: str, actors: ActorIndex, lexicon: SpeechLexicon) -> Optional[str]:
    """"the head of the Armenian Government" → the person whose title is Prime Minister and who
    is affiliated with Armenia, if the article names one."""
    words = phrase.lower()
    for reference, title in sorted(lexicon.office_references.items(), key=lambda r: -len(r[0])):
        pattern = r"\b" + r"\s+(?:[\w-]+\s+){0,2}".join(map(re.escape, reference.split())) + r"\b"
        if not re.search(pattern, words):
            continue
        candidates = [a for a in actors.actors if a.type == "person" and a.title == title]
        owner = _owner_named(phrase, actors)
        if owner:
            candidates = [a for a in candidates if a.affiliation == owner]
        if len(candidates) >= 1 and (owner or len(candidates) == 1):
            return candidates[0].id
    return None


def _owner_named(phrase: str, actors: ActorIndex) -> Optional[str]:
    for actor in actors.actors:
        if actor.type in ("state", "region"):
            names = [actor.name, *actor.aliases]
            if any(re.search(r"\b" + re.escape(n[:max(4, len(n) - 2)]), phrase) for n in names):
                return actor.id
    return None


def _conjoined_actors(doc: Doc, source: Span, named: list, actors: ActorIndex) -> list[str]:
    """Every actor of a coordination ("Armenia and Azerbaijan"), else the one the phrase names."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is not None and any(t.dep_ == "conj" for t in span) and any(t.lower_ == "and" for t in span):
        ids = []
        for _, _, actor_id in named:
            if actor_id not in ids:
                ids.append(actor_id)
        return ids
    return [actors.at(*source)]


def _pronoun_antecedent(doc: Doc, source: Span, actors: ActorIndex) -> Optional[str]:
    words = text_of(doc)[source[0]:source[1]].lower().split()
    if len(words) != 1:
        return None
    if words[0] in PERSON_PRONOUNS:
        found = actors.mentioned_before(source[0], ("person",))
        return found[0] if found else None
    if words[0] in GROUP_PRONOUNS:
        found = actors.mentioned_before(source[0], ("state", "government", "military", "igo",
                                                    "armed_group", "group", "ngo", "region"))
        return found[0] if found else None
    return None


def relay_through_media(doc: Doc, found: list[Found], actors: ActorIndex, lexicon: SpeechLexicon) -> None:
    """Marks positions a media actor relayed: "according to AFP", "quoted by Interfax",
    "…, Russian news agencies reported"."""
    for item in found:
        if item.actor is None or item.cue_token is None:
            continue
        sentence = doc[item.cue_token].sent
        for start, end, actor_id in actors.mentions_in(sentence.start_char, sentence.end_char):
            actor = actors.get(actor_id)
            if actor.type != "media" or actor_id == item.actor or inside((start, end), item.content):
                continue
            if _relays(doc, start, end):
                item.via = actor_id
                break
    for outer in found:
        if outer.actor and actors.get(outer.actor).type == "media":
            for inner in found:
                if inner is not outer and inner.cue and inside(inner.cue, outer.content) and not inner.via:
                    inner.via = outer.actor


def _relays(doc: Doc, start: int, end: int) -> bool:
    before = text_of(doc)[max(0, start - 40):start].lower()
    return bool(re.search(r"(according to|quoted by|reported by|told|cited by|citing)\s+(the\s+)?$", before))
