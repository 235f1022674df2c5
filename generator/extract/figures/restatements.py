"""Restatements: figures of one event told twice are counted once, so that they add up."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc

from ...nlp import entities_in, text_of
from .candidate import Candidate
from .lexicon import FigureLexicon
from .numbers import _YEAR
from .units import _unit_lemma


def without_restatements(cands: list[Candidate], lexicon: FigureLexicon) -> list[Candidate]:
    """Figures that add up. For each event, claimant and side, the lead (the first sentence or
    headline that counts it) and the details after it tell the same people twice, so the larger
    account is kept (the precise one when they tie); a vague placeholder ("several insurgents")
    gives way to a precise count elsewhere; a running total ("since January", "this month
    alone") is kept as a total of its event (``total_of``, no event: it is never added to a
    toll); people marked as more ("one additional", "in a separate
    operation") are added; people named again ("the two insurgents", "him", the same count
    repeated) are not counted twice. Figures with no event are kept as found."""
    kept = _said_once([c for c in cands if c.event is None])
    groups: dict[tuple, list[Candidate]] = {}
    for cand in cands:
        if cand.event is not None:
            groups.setdefault(_group_key(cand), []).append(cand)
    for group in groups.values():
        kept += [replace(c, event=None, total_of=c.event) for c in group if c.running_total]
        group = [c for c in group if not c.running_total]
        for side in _accounts(group, lexicon):
            kept += _one_account(side, lexicon)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _said_once(cands: list[Candidate]) -> list[Candidate]:
    """Figures with no event told again in another sentence ("20,000 pesos ($384)" in the lead
    and in the body) are shown once: the first that names a claimant, else the first."""
    firsts: dict[tuple, Candidate] = {}
    for cand in cands:
        key = (cand.value, cand.value_max, cand.qualifier, cand.unit, cand.category, cand.total_of)
        first = firsts.setdefault(key, cand)
        if first.claimed_by is None and cand.claimed_by is not None:
            firsts[key] = cand
    return list(firsts.values())


def _group_key(cand: Candidate) -> tuple:
    people = cand.category in ("casualties", "detentions", "displacement")
    return cand.event, "people" if people else cand.unit


def _accounts(group: list[Candidate], lexicon: FigureLexicon) -> list[list[Candidate]]:
    """Splits the figures of one event into accounts that cannot retell each other: different
    claimants, kinds of people ("insurgents" and "soldiers"), sides ("two American soldiers
    ... two Afghan soldiers") or the years they are told in (``_by_year``). Figures that name
    no claimant, kind or side join the only one named."""
    accounts = [group]
    for attribute in (lambda c: c.claimed_by, lambda c: _people_class(c, lexicon),
                      lambda c: c.about):
        accounts = [part for account in accounts for part in _split(account, attribute)]
    return [part for account in accounts for part in _by_year(account)]


def _by_year(group: list[Candidate]) -> list[list[Candidate]]:
    """Figures told in different years, also a year against none: the news of the day names
    none, a past event its year ("In 1982, ... killing tens of thousands of people")."""
    years = sorted({_year_told(c) for c in group}, key=str)
    return [[c for c in group if _year_told(c) == year] for year in years]


def _split(group: list[Candidate], attribute) -> list[list[Candidate]]:
    values = sorted({attribute(c) for c in group} - {None})
    if len(values) <= 1:
        return [group]
    return [[c for c in group if attribute(c) == value] for value in [*values, None]
            if any(attribute(c) == value for c in group)]


def _year_told(cand: Candidate) -> Optional[str]:
    """The year a figure's sentence sets its events in ("In 1982", "in April 2017", "during
    2016"), none for the news of the day, or for people named again ("The leader was detained
    before, and released in April 2009" is the leader the news counts)."""
    anchor = cand.noun if cand.noun is not None else cand.role
    if anchor is None or cand.refers_back:
        return None
    for ent in entities_in(anchor.sent):
        before = ent.start - 1
        if ent.label_ == "DATE" and before >= 0 and ent.doc[before].lower_ in ("in", "during"):
            year = next((t.text for t in ent if _YEAR.match(t.text)), None)
            if year:
                return year
    return None


def _people_class(cand: Candidate, lexicon: FigureLexicon) -> Optional[str]:
    if cand.noun is None:
        return None
    return lexicon.people_classes.get(cand.noun.lemma_.lower()) or \
        lexicon.people_classes.get(_unit_lemma(cand.noun, lexicon))


def _one_account(group: list[Candidate], lexicon: FigureLexicon) -> list[Candidate]:
    group = _without_placeholders(group, lexicon)
    if not group:
        return []
    lead_segment = group[0].segment
    lead = _counted_once([c for c in group if c.segment == lead_segment])
    later = [c for c in group if c.segment != lead_segment]
    additions = [c for c in later if _adds_people(c, group) or _beside_one_person(c, lead, group, lexicon)]
    details = _counted_once([c for c in later if c not in additions], earlier=lead)
    lead_total = sum(c.value for c in lead)
    detail_total = sum(c.value for c in details)
    precise_details = any(not c.vague for c in details)
    vague_lead = all(c.vague for c in lead)
    # a detail told only by a small vague word ("several men were detained") is no count of its
    # own beside a lead that is not; a qualified number ("at least 16") is, and so is a scale
    # ("killing hundreds of demonstrators" after "one of the boys was killed")
    loose_details = all(c.kind == "vague" and c.qualifier != "exact" and
                        c.value < lexicon.vague_superseded_below for c in details)
    # on a tie the details are kept when they are precise, or say who counted them and the
    # lead does not ("over 12 million displaced" beside the UN agency's "over 5.5 million
    # refugees" and "over 6.5 million internally displaced")
    sourced = any(c.claimed_by for c in details) and not any(c.claimed_by for c in lead)
    if (detail_total > lead_total and not (loose_details and not vague_lead)) or \
            (details and detail_total == lead_total and (vague_lead and precise_details or sourced)):
        return details + _counted_once(additions, earlier=details)
    return lead + _counted_once(additions, earlier=lead)


def _without_placeholders(group: list[Candidate], lexicon: FigureLexicon) -> list[Candidate]:
    """Drops small vague counts ("several insurgents") where another sentence gives a number
    ("three insurgents"); one person named alone ("a Taliban facilitator") is not that number."""
    precise = {c.segment for c in group
               if c.kind == "number" and not c.vague and not c.refers_back}
    return [c for c in group if not (c.kind == "vague" and c.qualifier != "exact" and not c.addition
                                     and precise - {c.segment}
                                     and c.value < lexicon.vague_superseded_below)]


def _adds_people(cand: Candidate, group: list[Candidate]) -> bool:
    """A count marked as more people, unless it is told beside people named before ("the
    commander and one additional insurgent" retells the lead) or, marked only by "also",
    repeats a count already given."""
    if cand.refers_back or cand.inclusive or not (cand.addition or cand.weak_addition):
        return False
    partners = [c for c in group if c is not cand and c.trigger is not None and
                cand.trigger is not None and c.trigger.i == cand.trigger.i]
    if any(p.refers_back for p in partners):
        return False
    if not cand.addition and any(c.start < cand.start and c.value == cand.value and
                                 c.unit == cand.unit for c in group):
        return False
    return True


def _beside_one_person(cand: Candidate, lead: list[Candidate], group: list[Candidate],
                       lexicon: FigureLexicon) -> bool:
    """People counted after a lead that names single people only ("captured a Taliban
    facilitator ... Multiple suspected insurgents were detained"): others, unless the sentence
    points back to the lead ("detained the facilitator and several of his associates"), counts
    the same noun, or counts vaguely with a noun that fits anyone ("several men were detained"
    after "a Taliban leader and another associate")."""
    if cand.refers_back or cand.inclusive or not lead or \
            any(c.kind not in ("one", "definite", "name") for c in lead):
        return False
    if cand.kind == "vague" and cand.noun is not None and \
            cand.noun.lemma_.lower() in lexicon.generic_people:
        return False
    if any(c.refers_back for c in group if c.segment == cand.segment):
        return False
    lemma = cand.noun.lemma_.lower() if cand.noun is not None else None
    return lemma is not None and all(c.noun is None or c.noun.lemma_.lower() != lemma for c in lead)


def _counted_once(cands: list[Candidate], earlier: list[Candidate] = ()) -> list[Candidate]:
    """Drops mentions of people counted before: a phrase pointing back to a number phrase that
    is counted ("killed two insurgents ... the two insurgents"), a part of people counted
    ("five of the insurgents"), and, within one account, a pronoun, description or name after
    the first ("him", "the leader", "Umar"), or a count repeated in another sentence ("killed one
    insurgent" in a release and in its update, "six" in a lead and again in the
    details). ``earlier`` is the account told before."""
    kept: list[Candidate] = []
    for cand in cands:
        if cand.antecedent is not None:
            if any(k.start == cand.antecedent for k in [*earlier, *kept]):
                continue
        elif cand.partitive and (kept or earlier):
            continue
        elif cand.refers_back and kept:
            continue
        # an exact number repeated alone from the account told before is dropped; one told
        # beside a description pointing back ("the leader and two insurgents") and that
        # description stay, to count the people the sentence retells; a bound ("at least
        # seven") may be told again of other people beside it
        alone = not any(c.refers_back and c.segment == cand.segment for c in cands)
        told = [*earlier, *kept] if cand.kind == "number" and cand.qualifier == "exact" and alone \
            else kept
        if not cand.addition and any(k.segment != cand.segment and k.kind == cand.kind and
                                     k.value == cand.value and _same_unit(k, cand) for k in told):
            continue
        kept.append(cand)
    return kept


def _same_unit(one: Candidate, other: Candidate) -> bool:
    """Counted in the same unit, people named by no noun being any people: the headline
    "Seventeen Killed" and the lead's "killed seventeen insurgents"."""
    return one.unit == other.unit or (one.category == other.category and
                                      "people" in (one.unit, other.unit) and
                                      None in (one.noun, other.noun))


def _segments(doc: Doc):
    """Maps a character offset to its sentence, split further at line breaks (a headline that
    the parser joins to the first sentence is a segment of its own)."""
    starts = sorted({s.start_char for s in doc.sents} |
                    {m.end() for m in re.finditer(r"\n", text_of(doc))})

    def segment(offset: int) -> int:
        return bisect.bisect_right(starts, offset)
    return segment
