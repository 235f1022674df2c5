"""Amounts that are not counts of things: sums of money and percentages.

"$4bn", "US$2 million", "€30m" → a sum in dollars or euros (category economic), its unit
saying what it pays for when the parse does ("dollars pledged", ``sums``); "64 percent of
voters oppose the deal" → a percentage whose unit says what it measures ("percent of voters
oppose the deal", ``shares``), none when the parse does not say. Sums written with a currency word ("3 million
euros") are counted nouns like any other (``counted``). Neither gets an event: a share or a
sum is never added to a toll. The verb that bounds an amount qualifies it: inflation "exceeds
7%" is more than 7%. Misses sums without a sign or a currency word ("30bn in aid")
and percentages of a change ("prices rose by a third").
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Optional

from spacy.tokens import Doc

from .candidate import Candidate
from .counted import _qualifier_start, qualifier_before
from .lexicon import FigureLexicon
from .numbers import _Number, currency_before, percent_after
from .shares import measured, percent_word
from .sums import paid_for


def amounts(doc: Doc, lexicon: FigureLexicon, phrases: list[_Number]) -> Iterator[Candidate]:
    """Sums of money written with a currency sign, and percentages that say what they measure."""
    for number in phrases:
        currency = currency_before(doc, number, lexicon)
        width = percent_after(doc, number, lexicon)
        share = percent_word(doc, number.j, number.j + width) if width and not currency else None
        unit = paid_for(number.root, currency, lexicon) if currency else \
            measured(share, lexicon) if share is not None else None
        if unit is None:
            continue
        # the qualifier stands before the sign: "more than $4bn"
        shifted = replace(number, i=number.i - 1) if currency else number
        qualifier = qualifier_before(doc, shifted, lexicon) or _bound_by_its_verb(
            doc, number, width, lexicon) or number.qualifier
        last = doc[number.j - 1 + width]
        # "$25m." ends with the sentence's full stop: the figure does not
        yield Candidate(start=_qualifier_start(doc, shifted, lexicon), end=last.idx + len(last.text.rstrip(".")),
                        value=number.value, qualifier=qualifier, value_max=number.high,
                        unit=unit, event=None, category="economic" if currency else "other",
                        kind="money" if currency else "percent", role=share or number.root)


def _bound_by_its_verb(doc: Doc, number: _Number, width: int, lexicon: FigureLexicon) -> Optional[str]:
    """The bound a verb puts on the amount it takes as object ("exceeds 7%", "topped $4bn" →
    more than); none for a verb that gives the amount itself ("reached 7%")."""
    head = number.root
    while number.i <= head.head.i < number.j + width and head.head.i != head.i:
        head = head.head
    bound = lexicon.tally_verbs.get(head.head.lemma_.lower()) if head.dep_ == "dobj" else None
    return bound if bound != "exact" else None
