"""People counted without a number: one person killed, wounded or detained, or people named before."""
from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from ...nlp import entity_at, tokens_of
from ..happenings import is_hypothetical
from .candidate import PEOPLE_EVENTS, Candidate
from .counted import _Group, antecedent
from .happened import _in_record, _is_addition, _is_passive, _is_weak_addition, _over_period, _verb_event
from .lexicon import FigureLexicon
from .units import _plural, _unit_lemma


def uncounted_people(doc: Doc, lexicon: FigureLexicon, groups: list[_Group] = ()) -> Iterator[Candidate]:
    """One person killed, wounded or detained, named without a number: "killed the Taliban
    leader", "an insurgent was killed", "captured another", "killing him", "his death", "the
    capture of a Taliban senior leader". Misses plurals without a number ("detained suspected
    insurgents"), people named only by a pronoun in another sentence's event, and events told
    with verbs outside the lexicon."""
    for tok in tokens_of(doc):
        event = _verb_event(tok, lexicon) if tok.pos_ in ("VERB", "AUX") else None
        if event in PEOPLE_EVENTS and not is_hypothetical(tok, lexicon.events) \
                and not _in_record(tok, lexicon) and not _over_period(tok, lexicon):
            patients = _verb_patients(tok, lexicon)
        elif tok.pos_ == "NOUN" and lexicon.noun_events.get(tok.lemma_.lower()) in PEOPLE_EVENTS \
                and tok.lemma_.lower() not in lexicon.units and not _in_record(tok, lexicon) \
                and not is_hypothetical(tok, lexicon.events):
            event = lexicon.noun_events[tok.lemma_.lower()]
            patients = _noun_patients(tok)
        else:
            continue
        if tok.lemma_.lower() in lexicon.natural_deaths and not _violence_near(tok, lexicon):
            continue    # "Justice Scalia died four days later", "her death in 2011"
        if tok.lemma_.lower() in lexicon.people_only_verbs and _held_as_something(tok, lexicon):
            continue    # "held accountable", "being held up as the face of racism"
        if tok.lemma_.lower() in lexicon.people_only_verbs:
            # "held him", "the commander was held"; not "a shura was held"
            patients = [p for p in patients if p.pos_ in ("PRON", "NOUN") or (
                p.ent_type_ == "PERSON" and not any(c.dep_ == "det" for c in p.children))]
        for patient in patients:
            cand = _one_person(patient, event, tok, lexicon) or \
                _people_named_before(patient, event, tok, lexicon, groups)
            if cand:
                yield cand


def _people_named_before(patient: Token, event: str, trigger: Token, lexicon: FigureLexicon,
                         groups: list[_Group]) -> Optional[Candidate]:
    """A plural definite patient counted by its antecedent: "killing all individuals" after
    "several armed insurgents engaged the force", "The armed militants ... were all killed"."""
    plural = patient.tag_ in ("NNS", "NNPS") or patient.lower_ in ("them", "they")
    if not plural or any(c.dep_ == "nummod" for c in patient.children):
        return None
    definite = patient.pos_ == "PRON" or any(
        c.dep_ in ("det", "predet", "poss") and c.lower_ in lexicon.definite for c in patient.children)
    if not definite:
        return None
    earlier = antecedent(patient, None, groups, lexicon)
    if earlier is None:
        return None
    left = [c for c in patient.children if c.i < patient.i and c.dep_ in ("det", "predet", "amod", "compound")]
    start = min([c.left_edge.idx for c in left] + [patient.idx])
    unit = "people" if patient.pos_ == "PRON" else _plural(patient, lexicon)
    return Candidate(start=start, end=patient.idx + len(patient), value=earlier.value,
                     qualifier="exact", unit=unit, event=event,
                     category=lexicon.event_categories.get(event, "other"), kind="definite",
                     noun=patient, role=patient, trigger=trigger, antecedent=earlier.start)


def _verb_patients(verb: Token, lexicon: FigureLexicon) -> list[Token]:
    deps = {"dobj", "nsubjpass"} | ({"nsubj"} if verb.lemma_.lower() in lexicon.intransitive_events else set())
    direct = [c for c in verb.children if c.dep_ in deps]
    if not direct and verb.dep_ == "conj" and _is_passive(verb) is False and verb.head.pos_ == "VERB":
        direct = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not direct and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children):
        direct = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not direct and verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children):
        # "He was engaged and killed", "insurgents presented a threat and were killed"
        deps = ("nsubjpass", "nsubj") if _is_passive(verb) else ("nsubjpass",)
        direct = [c for c in verb.head.children if c.dep_ in deps]
    found = []
    for patient in direct:
        found += _with_conjuncts(patient)
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("along", "with"):
            inner = [c for c in prep.subtree if c.dep_ == "pobj"]
            found += inner[:1] and _with_conjuncts(inner[0])
    for patient in list(found):
        for prep in patient.children:
            if prep.dep_ == "prep" and prep.lower_ == "along":
                inner = [c for c in prep.subtree if c.dep_ == "pobj"]
                found += inner[:1] and _with_conjuncts(inner[0])
    return found


def _noun_patients(noun: Token) -> list[Token]:
    """Whom a noun of an event happens to: its "of" object ("the capture of a Taliban leader"),
    else its possessor ("his death"); beside an "of" object the possessor is the doer ("Mr.
    Trump's capture of the nomination")."""
    found = [c for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
             for c in prep.children if c.dep_ == "pobj"]
    found = found or [c for c in noun.children if c.dep_ == "poss"]
    return [p for patient in found for p in _with_conjuncts(patient)]


def _violence_near(word: Token, lexicon: FigureLexicon) -> bool:
    """Whether a death's sentence tells of violence, beside the word of death itself: a death
    in an attack, a strike or fighting, of wounds, at the hands of forces."""
    return any(t.i != word.i and t.lemma_.lower() in lexicon.violence_words for t in word.sent)


def _held_as_something(verb: Token, lexicon: FigureLexicon) -> bool:
    """"held accountable", "held up as the face of racism", "held responsible": a verb of holding
    with a particle or a complement that is no captivity ("held hostage", "held captive" are)."""
    return any(c.dep_ in ("prt", "acomp", "oprd", "xcomp", "advcl") and
               c.lemma_.lower() not in lexicon.captivity_words for c in verb.children if c.i > verb.i)


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i]


def _one_person(patient: Token, event: str, trigger: Token, lexicon: FigureLexicon
                ) -> Optional[Candidate]:
    lower = patient.lower_
    doc = patient.doc
    kind, start, end = None, patient.idx, patient.idx + len(patient)
    if patient.pos_ == "PRON" or lower in lexicon.person_pronouns:
        if lower in lexicon.person_pronouns or lower in ("his", "her"):
            kind = "pronoun"
        elif lower == "another":
            kind = "one"
    elif lower == "another" or (lower == "one" and patient.pos_ == "NUM"):
        kind = "one"
    elif patient.ent_type_ == "PERSON" or (patient.pos_ == "PROPN" and patient.ent_type_ not in
                                           ("GPE", "LOC", "ORG", "FAC", "NORP", "DATE", "TIME")):
        ent = entity_at(patient)
        kind = "name"
        if ent is not None:
            start, end = ent.start_char, ent.end_char
    elif patient.pos_ in ("NOUN", "PROPN") and patient.tag_ in ("NN", "NNP") and \
            lexicon.units.get(_unit_lemma(patient, lexicon), lexicon.units.get(patient.lemma_.lower())) == "people":
        dets = [c for c in patient.children if c.dep_ in ("det", "poss") and c.i < patient.i]
        if any(d.lower_ in lexicon.singular_determiners for d in dets) or \
                (not dets and _is_addition(patient, lexicon)):
            kind = "one"        # "an insurgent", "another facilitator", "additional suspect"
        else:
            kind = "definite"   # "the Taliban leader", "Taliban leader Mahjur"
        left = [c for c in patient.children if c.i < patient.i and c.dep_ in
                ("det", "poss", "amod", "compound", "nmod", "nummod")]
        if left:
            start = min(c.left_edge.idx for c in left)
    if kind is None:
        return None
    if any(c.dep_ == "nummod" for c in patient.children):
        return None
    unit = "people" if kind in ("pronoun", "name", "one") and patient.pos_ != "NOUN" else \
        _plural(patient, lexicon)
    return Candidate(start=start, end=end, value=1.0, qualifier="exact", unit=unit, event=event,
                     category=lexicon.event_categories.get(event, "other"), kind=kind,
                     noun=patient, role=patient, trigger=trigger,
                     addition=kind == "one" and _is_addition(patient, lexicon),
                     weak_addition=kind == "one" and _is_weak_addition(trigger, lexicon))
