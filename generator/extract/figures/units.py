"""Units and categories: what a figure counts (the plural head noun) and its category."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from .happened import _noun_event
from .lexicon import FigureLexicon


def unit_and_category(noun: Optional[Token], event: Optional[str],
                      lexicon: FigureLexicon) -> tuple[str, str]:
    """The plural head noun and the figure's category: people take their event's category
    (killed → casualties, detained → detentions), things take their own (tanks → military
    equipment, days → duration, resolutions → diplomatic)."""
    event_category = lexicon.event_categories.get(event or "", "other")
    if noun is None:
        return ("people", event_category) if event in lexicon.event_categories else ("", "other")
    lemma = _unit_lemma(noun, lexicon)
    category = "economic" if _is_currency(noun, lexicon) else lexicon.units.get(lemma)
    unit = _plural(noun, lexicon)
    if category == "people" or (category is None and _names_people(noun)):
        return unit, event_category if event else "other"
    if category:
        if event in ("killed", "wounded", "casualties") and category == "military_equipment":
            return unit, "military_equipment"
        return unit, category
    if _noun_event(noun, lexicon) or _counts_people(noun, lexicon):
        return unit, event_category
    return unit, "other"


def _is_currency(noun: Optional[Token], lexicon: FigureLexicon) -> bool:
    """A currency word, also one that is a measure too when a people's name qualifies it:
    "20,000 pesos", "15,000 British pounds" (not "150 pounds of explosives")."""
    if noun is None:
        return False
    lemma = noun.lemma_.lower()
    if lexicon.units.get(lemma) == "economic":
        return True
    return lemma in lexicon.measures and any(
        c.dep_ in ("amod", "compound") and c.i < noun.i and
        (c.ent_type_ == "NORP" or (c.ent_type_ == "MONEY" and c.text[:1].isupper()))
        for c in noun.children)


def _counts_people(noun: Optional[Token], lexicon: FigureLexicon) -> bool:
    """Whether a counted noun names people: listed, a people's name ("Palestinians"), or a word
    formed like one ("worshippers", "protesters")."""
    if noun is None or _names_people(noun):
        return True
    lemma = noun.lemma_.lower()
    category = lexicon.units.get(_unit_lemma(noun, lexicon)) or lexicon.units.get(lemma)
    if category:
        return category == "people"
    return noun.lower_.endswith(lexicon.people_suffixes)


def _unit_lemma(noun: Token, lexicon: FigureLexicon) -> str:
    lemma = noun.lemma_.lower()
    compound = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i == noun.i - 1]
    if compound:
        two = f"{compound[0].lemma_.lower()} {lemma}"
        if two in lexicon.units:
            return two
    return lemma


def _names_people(noun: Token) -> bool:
    return noun.ent_type_ in ("NORP",) and noun.pos_ in ("PROPN", "NOUN") and noun.tag_ == "NNPS"


def _plural(noun: Token, lexicon: FigureLexicon) -> str:
    word = noun.lower_
    lemma = noun.lemma_.lower()
    if lemma in lexicon.plurals:
        return lexicon.plurals[lemma]
    if noun.tag_ in ("NNS", "NNPS") or word != lemma:
        return word
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        return lemma + "es"
    return lemma + "s"
