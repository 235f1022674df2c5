"""Durations of fighting: ordinal ("for the fourth day in a row") and cardinal ("a six-day operation")."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from ...nlp import tokens_of
from .candidate import Candidate
from .lexicon import FigureLexicon
from .units import _plural

_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def ordinal_durations(doc: Doc, lexicon: FigureLexicon) -> Iterator[Candidate]:
    """"for the fourth day in a row", "for a fourth day", "the 10th week" → 4 days, 10 weeks.
    Misses ordinals of anything but time units ("the third round of talks")."""
    for tok in tokens_of(doc):
        if tok.dep_ != "amod" or tok.head.lemma_.lower() not in lexicon.duration_units:
            continue
        value = _ordinal_value(tok.lower_)
        if not value or tok.head.i != tok.i + 1:
            continue
        noun = tok.head
        start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "the") else tok.i
        end = noun.i + 1
        if end + 2 < len(doc) + 1 and [t.lower_ for t in doc[end:end + 3]] == ["in", "a", "row"]:
            end += 3
        unit = _plural(noun, lexicon) if noun.tag_ == "NNS" else lexicon.plurals.get(
            noun.lemma_.lower(), noun.lemma_.lower() + "s")
        yield Candidate(start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
                        value=float(value), qualifier="exact", unit=unit, event=None,
                        category="duration", kind="duration", noun=noun, role=noun)


@lru_cache(maxsize=512)
def _ordinal_value(word: str) -> Optional[int]:
    match = _ORDINAL.match(word)
    if match:
        return int(match.group(1))
    try:
        from text_to_num import alpha2digit
        digits = alpha2digit(word, "en")
    except ValueError:
        return None
    match = _ORDINAL.match(digits)
    return int(match.group(1)) if match else None


def _measures_fighting(noun: Token, lexicon: FigureLexicon) -> bool:
    """A cardinal duration counts when it measures fighting: "a six-day operation", "fighting
    continued for three days"; not "over the past 24 hours" or "existed for 20 years"."""
    for tok in (noun.head, noun.head.head, *noun.children):
        if tok.lemma_.lower() in lexicon.conflict_words:
            return tok.lemma_.lower() not in ("continue", "last", "go", "enter", "drag", "mark") or \
                _subject_is_conflict(tok, lexicon)
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in lexicon.conflict_words:
                return True
    return False


def _subject_is_conflict(verb: Token, lexicon: FigureLexicon) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lexicon.conflict_words
               for c in verb.children)
