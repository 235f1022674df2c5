"""Names the NER tags a person or an organisation that are no party to the news: buildings
("Kabul's Intercontinental Hotel", a place), peoples ("an ethnic Pashtun"), documents ("the NUG
Agreement") and a participle the tagger ran into the name after it ("Describing Turkey as …").
Words in ``no_parties.yaml`` (operations and battles: ``event_openers`` of names.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span as SpacySpan

from ..datafile import parse_yaml
from .places import is_agentive


@dataclass(frozen=True)
class NoPartyLexicon:
    buildings: frozenset[str] = frozenset()
    people_words: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()


def load_no_party_lexicon(path: Path, document_nouns: frozenset[str]) -> NoPartyLexicon:
    data = parse_yaml(path.read_text(encoding="utf-8"))
    return NoPartyLexicon(frozenset(data["buildings"]), frozenset(data["people_words"]),
                          document_nouns)


def names_a_building(ent: SpacySpan, lexicon: NoPartyLexicon) -> bool:
    """"the Presidential Palace", "Kabul's Intercontinental Hotel": a place, where it does not act."""
    last = ent[-1]
    return len(ent) > 1 and last.text[:1].isupper() and last.lower_ in lexicon.buildings \
        and not is_agentive(ent)


def names_no_party(ent: SpacySpan, lexicon: NoPartyLexicon) -> bool:
    """A people, a document (its head word: "the NUG Agreement", not the
    "Government of National Accord") or a participle with a name: no actor at all."""
    words = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
    document = len(words) > 1 and words.root.text[:1].isupper() \
        and words.root.lower_ in lexicon.document_nouns
    return document or _a_people(ent, lexicon) or _opens_with_participle(words)


def _a_people(ent: SpacySpan, lexicon: NoPartyLexicon) -> bool:
    """"an ethnic Pashtun", "the Mehsud tribe", "members of the Pashtun community"."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return (before is not None and before.lower_ in lexicon.people_words and before.pos_ == "ADJ") \
        or (after is not None and after.lower_ in lexicon.people_words and after.pos_ == "NOUN"
            and ent.root.head.i == after.i)


def _opens_with_participle(words: SpacySpan) -> bool:
    """"Describing Turkey as the only NATO ally …": a sentence opening with a participle the
    tagger joined to the name after it; no name starts with a verb's -ing form."""
    first = words[0]
    return len(words) > 1 and first.is_sent_start and first.tag_ == "VBG" and first.lower_.endswith("ing")
