"""What a sum of money is for, so that a sum is shown with what it pays.

A sum's unit says, after its currency, what the parse gives: the noun it qualifies ("a $60
million fee" → dollars (fee)), the noun it is the amount of ("a war chest of $100 million" →
dollars (war chest)) or whose level it is ("the minimum wage is $7.25"), or the verb that moves it with where it goes ("donors pledged $30bn" →
dollars pledged, "allocates $550m to military activities" → dollars allocated to military
activities, "spending $1.5 million on television advertisements"). A sum none of these gives
keeps its bare currency. Misses verbs outside the lexicon's ``money_verbs``.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .lexicon import FigureLexicon
from .phrases import destination, own_phrase, qualified_noun


def paid_for(word: Token, currency: str, lexicon: FigureLexicon) -> str:
    """The unit of the sum headed by ``word``: its currency and what the sum is for."""
    noun = qualified_noun(word) or _amount_of(word) or _level_of(word)
    if noun:
        return f"{currency} ({noun})"
    moved = _moved(word, lexicon)
    return f"{currency} {moved}" if moved else currency


def _amount_of(word: Token) -> Optional[str]:
    """"a war chest of $100 million" → war chest."""
    prep = word.head
    if word.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ != "NOUN":
        return None
    return own_phrase(prep.head, determiner=False)


def _level_of(word: Token) -> Optional[str]:
    """"the current federal minimum wage is $7.25" → federal minimum wage."""
    if word.dep_ != "attr" or word.head.lemma_ != "be":
        return None
    subject = next((c for c in word.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
    return own_phrase(subject, determiner=False) if subject is not None else None


def _moved(word: Token, lexicon: FigureLexicon) -> Optional[str]:
    """The verb that moves a sum, as a participle, with where the sum goes: "pledged",
    "allocated to military activities", "requested $300m for X and $250m for Y"."""
    first = word
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    verb = first.head
    if first.dep_ != "dobj" or verb.lemma_.lower() not in lexicon.money_verbs:
        return None
    participle = lexicon.money_verbs[verb.lemma_.lower()]
    later = [c for c in verb.children if c.i > word.i] if first is word else []
    goal = destination(list(word.children) + later)
    return f"{participle} {goal}" if goal else participle
