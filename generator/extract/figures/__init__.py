"""Figures: numbers that matter — tolls, losses, detentions, durations, counts of resolutions.

Finds, each with a small function below (Doc in, candidates out):

- counted numbers: digits, number words, scales and vague quantities with the noun they count
  ("2,000 casualties", "1.2 million people", "a dozen soldiers", "dozens of civilians", "three
  of his associates", "between 10 and 15 people", "several thousand villagers" → at least 3,000),
  qualified by the words before them ("more than", "nearly", "up to") or by the verb that bounds
  a tally ("the toll surpassed 100 people"); headline tolls without a verb ("At least 30 killed
  in twin blasts", "Dozens dead");
- amounts: sums of money with a currency sign ("$4bn") and percentages that say what they measure
  ("79 percent of Turks hold an unfavourable view", "a 40 percent cut"; ``shares``);
- counts with no event that still matter: attacks ("two suicide bombings"), people in need
  ("up to 8 million people are at risk of starvation"), forces deployed ("arm 30,000 troops");
- ordinal durations: "for the fourth day in a row", "for a fourth day" → 4 days;
- people counted without a number as the ones killed, wounded or detained: "killed the Taliban
  leader", "an insurgent was killed", "killing him", "resulting in Umar's death" → 1.

Each figure gets what is counted (``unit``, the plural head noun), what happened to it
(``event``, from the verb or noun that governs it in the dependency parse), a ``category``, who
claims it (the speaker of the position whose content holds it, or "according to X"), the media
that relay the claim (``via``: "a security source told AFP") and whom it is about (a demonym or possessive on the counted noun, the subject of "suffered" or "lost").

Restatements are dropped, so that figures of one event can be added up: the same people named
again ("the two insurgents", "him", "killing all individuals" after "several armed insurgents"),
a headline or lead that the body retells in detail, or a vague lead ("several insurgents") that
the body makes precise. People marked as more ("one additional insurgent", "also detained two",
"In a separate operation") are added. Counts of different claimants, sides or kinds of people
("insurgents", "soldiers", "civilians") are never taken for retellings of each other.

Left out as context, not figures of the events reported: someone's record ("linked to an attack
that killed four soldiers"), intended or hypothetical events ("an operation to detain",
"if he is wounded"); running totals ("killed since January", "in the past month") and tolls of
a whole war ("the war has killed 10,000 people") are kept as totals (``total_of``), never added
to an event's toll; a count told as part of another ("30 people, including 10 children") is not
added to it. Verbs told together of the same
people read as one event ("killed or wounded" → casualties; "captured or killed" → other).

Misses: numbers the parser attaches to the wrong noun; plural pronouns without a counted
antecedent ("detaining them"); details that add up to more than a lead without saying so;
appositions the parser reads as lists ("detaining one, a facilitator, and ..."); which side did
the killing (a figure is about whom it counts). Years, calendar dates, times,
measures (pounds, kilometres), identifiers and numbers inside names ("AK-47", "327th Infantry
Regiment", "the 2012 visit") are not figures.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from ...model import Figure, Position
from ...nlp import text_of
from ..actors import ActorIndex
from .amounts import amounts
from .candidate import Candidate, _tokens
from .counted import counted_groups, counted_numbers
from .durations import ordinal_durations
from .lexicon import FigureLexicon, load_figure_lexicon
from .numbers import number_phrases
from .provenance import claimant, relay, side_concerned
from .restatements import _segments, without_restatements
from .uncounted import uncounted_people

__all__ = ["FigureLexicon", "extract_figures", "load_figure_lexicon"]


def extract_figures(doc: Doc, actors: ActorIndex, positions: list[Position],
                    lexicon: FigureLexicon, gazetteer=None) -> list[Figure]:
    """Doc → figures whose spans index ``doc.text``, restatements of the same people dropped."""
    phrases = list(number_phrases(doc, lexicon))
    groups = list(counted_groups(doc, lexicon, phrases))
    numbers = list(counted_numbers(doc, lexicon, groups, phrases))
    taken = {t.i for c in numbers for t in _tokens(doc, c)}
    found = numbers + list(amounts(doc, lexicon, phrases)) + list(ordinal_durations(doc, lexicon))
    found += [c for c in uncounted_people(doc, lexicon, groups)
              if not taken & {t.i for t in _tokens(doc, c)}]
    segments = _segments(doc)
    for cand in found:
        cand.segment = segments(cand.start)
        cand.claimed_by = claimant(doc, cand, positions, actors, lexicon)
        cand.via = relay(doc, cand, positions)
        cand.about = side_concerned(doc, cand, actors, lexicon, gazetteer)
    kept = without_restatements(sorted(found, key=lambda c: (c.start, c.end)), lexicon)
    return [_figure(doc, n, cand) for n, cand in enumerate(kept, 1)]


def _figure(doc: Doc, n: int, cand: Candidate) -> Figure:
    sent = doc.char_span(cand.start, cand.end, alignment_mode="expand").sent
    # people in need say what they suffer ("people (homeless)"); restatements compare bare units
    unit = f"{cand.unit} ({cand.plight})" if cand.plight else cand.unit
    return Figure(id=f"f{n}", value=cand.value, qualifier=cand.qualifier, unit=unit,
                  event=cand.event, category=cand.category, claimed_by=cand.claimed_by,
                  about=cand.about, text=text_of(doc)[cand.start:cand.end], span=(cand.start, cand.end),
                  sentence=" ".join(sent.text.split()), value_max=cand.value_max,
                  total_of=cand.total_of, value_words=_quantity_words(doc, cand), via=cand.via)


def _quantity_words(doc: Doc, cand: Candidate) -> Optional[str]:
    """The words of a vague quantity, before what it counts: "scores of" (civilians), "several
    thousand" (villagers); none for a number the text gives."""
    if cand.kind != "vague":
        return None
    end = cand.noun.idx if cand.noun is not None and cand.noun.idx > cand.start else cand.end
    return " ".join(text_of(doc)[cand.start:end].split()) or None
