"""Amounts that are not counts of things: sums of money and percentages.

"$4bn", "US$2 million", "€30m" → a sum in dollars or euros (category economic); "79 percent of
Turks", "64%" → a percentage (unit ``percent``). Sums written with a currency word ("3 million
euros") are counted nouns like any other (``counted``). Neither gets an event: a share or a
sum is never added to a toll. Misses sums without a sign or a currency word ("30bn in aid")
and percentages of a change ("prices rose by a third").
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from spacy.tokens import Doc

from .candidate import Candidate
from .counted import _qualifier_start, qualifier_before
from .lexicon import FigureLexicon
from .numbers import _Number, currency_before, percent_after


def amounts(doc: Doc, lexicon: FigureLexicon, phrases: list[_Number]) -> Iterator[Candidate]:
    """Sums of money written with a currency sign, and percentages."""
    for number in phrases:
        currency = currency_before(doc, number, lexicon)
        width = percent_after(doc, number, lexicon)
        if currency is None and not width:
            continue
        # the qualifier stands before the sign: "more than $4bn"
        shifted = replace(number, i=number.i - 1) if currency else number
        qualifier = qualifier_before(doc, shifted, lexicon) or number.qualifier
        last = doc[number.j - 1 + width]
        yield Candidate(start=_qualifier_start(doc, shifted, lexicon), end=last.idx + len(last),
                        value=number.value, qualifier=qualifier, value_max=number.high,
                        unit=currency or "percent", event=None,
                        category="economic" if currency else "other",
                        kind="money" if currency else "percent", role=number.root)
