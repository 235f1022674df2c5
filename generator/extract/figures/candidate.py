"""A figure before provenance and restatements are settled."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

PEOPLE_EVENTS = ("killed", "wounded", "detained")


@dataclass
class Candidate:
    """A figure before provenance and restatements are settled."""
    start: int
    end: int
    value: float
    qualifier: str
    unit: str
    event: Optional[str]
    category: str
    kind: str                      # number | vague | one | definite | pronoun | name | duration
    noun: Optional[Token] = None   # what is counted
    role: Optional[Token] = None   # the token that ties the phrase into its clause
    trigger: Optional[Token] = None
    addition: bool = False         # marked as more people: "one additional insurgent"
    weak_addition: bool = False    # only the verb says so: "also detained two"
    partitive: bool = False        # "five of the insurgents": part of people named before
    definite: bool = False         # "the two insurgents", "both men"
    inclusive: bool = False        # "two insurgents, one of whom was the target": someone named before among them
    running_total: bool = False    # "killed since the beginning of the year"
    antecedent: Optional[int] = None   # start of the number phrase a definite one points back to
    value_max: Optional[float] = None  # upper bound of a range: "between 10 and 15 people"
    total_of: Optional[str] = None     # the event a running total counts, its own event dropped
    plight: Optional[str] = None       # what people in need suffer: "homeless", "at risk of starvation"
    claimed_by: Optional[str] = None
    via: Optional[str] = None
    about: Optional[str] = None
    segment: int = 0

    @property
    def refers_back(self) -> bool:
        return self.kind in ("definite", "pronoun", "name") or self.partitive or self.definite

    @property
    def vague(self) -> bool:
        return self.kind == "vague" or self.qualifier != "exact"


def _tokens(doc: Doc, cand: Candidate) -> SpacySpan:
    return doc.char_span(cand.start, cand.end, alignment_mode="expand")
