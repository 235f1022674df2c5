"""The words of the noun phrase an amount belongs to, shared by what a share measures
(``shares``) and what a sum pays for (``sums``): the noun an amount qualifies, where it goes,
and a noun with the words before it that belong to it."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

MODIFIERS = ("compound", "amod", "nmod", "npadvmod", "nummod")
DESTINATIONS = ("to", "for", "on", "in", "into", "toward", "towards")


def qualified_noun(word: Token) -> Optional[str]:
    """The noun an amount qualifies, with its first prepositional phrase: "cut on international
    programs", "rise in female deaths", "support"."""
    noun = word.head
    # "a 40 percent cut": the parser may tag the noun a verb, but not give it a verb's role
    nominal = noun.pos_ == "NOUN" or noun.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr")
    if word.dep_ not in MODIFIERS or noun.i <= word.i or not nominal:
        return None
    words = word.doc[word.i + 1:noun.i + 1].text
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.i > noun.i), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return f"{words} {prep.text} {own_phrase(obj)}" if obj is not None else words


def destination(candidates: list[Token]) -> Optional[str]:
    """The first prepositional phrase that says where an amount goes, not when ("in 2014")."""
    for prep in candidates:
        if prep.dep_ != "prep" or prep.lower_ not in DESTINATIONS:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ not in ("DATE", "TIME") and obj.pos_ != "PRON":
            return f"{prep.text} {own_phrase(obj)}"
    return None


def own_phrase(noun: Token, determiner: bool = True) -> str:
    """A noun with the words before it that belong to it ("the US population", "first-instance
    applications"), without what follows it; without its determiner when ``determiner`` is
    false."""
    left = [t for c in noun.children if c.i < noun.i and (determiner or c.dep_ != "det")
            for t in c.subtree]
    first = noun.doc[min([t.i for t in left], default=noun.i)]
    words = noun.doc[first.i:noun.i + 1].text
    # "Inflation in the country exceeds 7%": a sentence's capital is not the word's
    return words[:1].lower() + words[1:] if first.is_sent_start and first.pos_ != "PROPN" else words
