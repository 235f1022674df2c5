"""Counted numbers: number phrases with the noun they count, what happened to it and how it is qualified."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from ..happenings import is_hypothetical
from .candidate import PEOPLE_EVENTS, Candidate
from .happened import (_in_record, _is_addition, _is_definite, _is_weak_addition, _noun_event,
                       _over_period, _past_a_total, _undone, _whole_war,
                       governing_event, raised_toll)
from .durations import _measures_fighting
from .lexicon import FigureLexicon
from .numbers import (_YEAR, NOT_COUNTS, _cardinal, _Number, currency_before, number_phrases,
                      percent_after)
from .provenance import _clause_verb
from .units import _counts_people, _is_currency, _plural, unit_and_category

_OTHER_CLAUSES = {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"}
MAX_PLIGHT_WORDS = 8        # a longer predicate is a sentence, not what people in need suffer


@dataclass(frozen=True)
class _Group:
    """People or things a number phrase counts, whether or not anything happened to them."""
    start: int
    value: float
    lemma: str
    sentence: int


def counted_groups(doc: Doc, lexicon: FigureLexicon,
                   phrases: Optional[list[_Number]] = None) -> Iterator[_Group]:
    """Every number phrase with its counted noun, as antecedents for phrases that point back
    ("several armed insurgents engaged the force ... killing all individuals")."""
    sentence_starts = [s.start for s in doc.sents]
    for number in number_phrases(doc, lexicon) if phrases is None else phrases:
        noun, _, _ = counted_noun(doc, number)
        if noun is not None:
            yield _Group(doc[number.i].idx, number.value, noun.lemma_.lower(),
                         bisect.bisect_right(sentence_starts, number.i))


def antecedent(noun: Token, value: Optional[float], groups: list[_Group],
               lexicon: FigureLexicon, before: Optional[int] = None, window: int = 3) -> Optional[_Group]:
    """The nearest number phrase before ``noun`` that a definite phrase points back to: same
    noun (and same value when one is given), or any people for "them" and "individuals"."""
    sentence_starts = [s.start for s in noun.doc.sents]
    here = bisect.bisect_right(sentence_starts, noun.i)
    lemma = noun.lemma_.lower()
    generic = lemma in lexicon.generic_people or noun.lower_ in lexicon.generic_people
    before = noun.left_edge.idx if before is None else before
    for group in reversed([g for g in groups if g.start < before]):
        if here - group.sentence > window:
            break
        if value is not None and group.value != value:
            continue
        if group.lemma == lemma or (generic and lexicon.units.get(group.lemma) == "people"):
            return group
    return None


def counted_numbers(doc: Doc, lexicon: FigureLexicon, groups: list[_Group] = (),
                    phrases: Optional[list[_Number]] = None) -> Iterator[Candidate]:
    """Numbers with the noun they count and what happened to it. A number is kept when it counts
    people, equipment, durations of fighting or other listed units, or when a killing, detention
    or loss governs it; years, dates, times, percentages and measures are not counts."""
    before: Optional[Candidate] = None
    for number in number_phrases(doc, lexicon) if phrases is None else phrases:
        noun, role, partitive = counted_noun(doc, number)
        if not _is_count(number, noun, lexicon):
            continue
        qualifier = qualifier_before(doc, number, lexicon) or number.qualifier
        event, trigger, bound = governing_event(role, noun, lexicon)
        toll = raised_toll(role, lexicon)
        if toll is not None:
            event, trigger, bound = _toll_event(toll, lexicon), toll, None
        if trigger is not None and trigger.lemma_.lower() in lexicon.people_only_verbs and \
                not (_counts_people(noun, lexicon) and
                     (_past_a_total(role, lexicon).dep_ in ("dobj", "nsubjpass") or
                      (trigger.head == noun and trigger.dep_ == "acl" and trigger.tag_ == "VBN") or
                      _held_with(role, trigger, lexicon))):
            # "held three meetings", "held talks with 30 elders"; but people held: "509 women
            # are being held", "along with 36 other women and children being held in prison",
            # "509 women are being held in Iraq, with 813 children"
            event, trigger, bound = None, None, None
        if bound and qualifier in ("exact", number.qualifier):
            qualifier = bound if bound != "exact" or number.vague is False else qualifier
        if trigger is not None and noun is not None and _counts_people(noun, lexicon):
            event = lexicon.people_verbs.get(trigger.lemma_.lower(), event)
        returned = event == "displaced" and _undone(role, lexicon)
        unit, category = unit_and_category(noun, "other" if returned else event, lexicon)
        if returned:        # "refugees returned home": displacement, but nobody displaced
            event, category = "other", lexicon.event_categories["displaced"]
        if category == "duration" and not _measures_fighting(noun, lexicon):
            continue
        if event is None and (category in ("other", "military_equipment") or partitive):
            standing = None if partitive else counted_standing(noun, role, lexicon)
            if standing is None:
                continue    # equipment counts when something happened to it
            unit = unit or standing
        if event in PEOPLE_EVENTS and not _counts_people(noun, lexicon):
            continue        # "detained two insurgents and secured multiple weapons"
        if trigger is not None and (is_hypothetical(trigger, lexicon.events) or
                                    _in_record(trigger, lexicon)):
            continue
        start = doc[number.i].idx
        start = _qualifier_start(doc, number, lexicon) if qualifier != number.qualifier else start
        end_tok = noun if noun is not None and noun.i >= number.j - 1 else doc[number.j - 1]
        joined = _counted_together(noun, lexicon)
        if joined is not None and end_tok is noun:
            unit, end_tok = f"{unit} and {_plural(joined, lexicon)}", joined
        definite = _is_definite(noun or role, number, lexicon)
        earlier = antecedent(noun, number.value, groups, lexicon, before=doc[number.i].idx) \
            if definite and noun is not None else None
        plight = plight_of(noun, role, lexicon) if event is None else None
        found = Candidate(antecedent=earlier.start if earlier else None, start=start, plight=plight,
                        end=end_tok.idx + len(end_tok), value=number.value, qualifier=qualifier,
                        unit=unit, event=event, category=category, value_max=number.high,
                        kind="vague" if number.vague else "number", noun=noun, role=role,
                        trigger=trigger, partitive=partitive or _included(noun),
                        inclusive=_includes_someone_named(noun, lexicon),
                        definite=definite,
                        addition=_is_addition(noun or role, lexicon),
                        weak_addition=_is_weak_addition(trigger, lexicon),
                        running_total=toll is not None or (trigger is not None and (
                            _over_period(trigger, lexicon) or _whole_war(trigger, lexicon))))
        before = _like_the_count_before(found, before)
        yield before


def _like_the_count_before(found: Candidate, before: Optional[Candidate]) -> Candidate:
    """"At least one person has been killed and 22 others wounded": the others are more of
    what the sentence counted just before, and its lower bound holds for them too (at least
    22 people)."""
    noun = found.noun
    if noun is None or noun.lower_ != "others" or before is None or before.noun is None or \
            before.noun.sent != noun.sent:
        return found
    bounded = found.qualifier == "exact" and before.qualifier in ("at_least", "more_than")
    return replace(found, unit=before.unit, qualifier=before.qualifier if bounded else found.qualifier)


def _toll_event(toll: Token, lexicon: FigureLexicon) -> str:
    """What a toll counts: "the death toll", "the number of dead" → killed; a bare "toll" too."""
    for tok in toll.subtree:
        event = _noun_event(tok, lexicon)
        if event:
            return event
    return lexicon.noun_events.get(toll.lemma_.lower(), "other")


def _held_with(role: Token, verb: Token, lexicon: FigureLexicon) -> bool:
    """People told with "with" beside the subject of a passive verb, who share its fate ("509
    women are being held in Iraq, with 813 children"), unlike the object of an active one
    ("held talks with 30 elders")."""
    if role.dep_ != "pobj" or role.head.lower_ != "with" or role.head.head != verb:
        return False
    return any(_counts_people(_counted_by_total(c, lexicon), lexicon)
               for c in verb.children if c.dep_ == "nsubjpass")


def _counted_by_total(noun: Token, lexicon: FigureLexicon) -> Token:
    """What "a total of" counts ("a total of 509 foreign women" → women); the noun itself else."""
    if noun.lemma_.lower() in lexicon.tally_nouns:
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                return obj
    return noun


def _counted_together(noun: Optional[Token], lexicon: FigureLexicon) -> Optional[Token]:
    """People counted together with the counted noun, by one number: "36 other women and
    children" (but "12 soldiers and two civilians" are two counts)."""
    if noun is None or not _counts_people(noun, lexicon):
        return None
    for conj in noun.children:
        if conj.dep_ == "conj" and conj.tag_ in ("NNS", "NNPS") and _counts_people(conj, lexicon) and \
                not any(c.dep_ in ("nummod", "quantmod", "det") for c in conj.children) and \
                any(c.dep_ == "cc" and c.lower_ == "and" for c in noun.children):
            return conj
    return None


def _included(noun: Optional[Token]) -> bool:
    """A count told as part of a count before it: "killed 30 people, including 10 children",
    "more than a dozen insurgents, among them several leaders"."""
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ not in ("including", "among"):
        return False
    whole = noun.head.head
    return whole.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" for c in whole.children)


def _includes_someone_named(noun: Optional[Token], lexicon: FigureLexicon) -> bool:
    """A count that says it includes someone named before: "detained two insurgents, one of whom
    was the target of the search", "three men, including the commander"."""
    if noun is None:
        return False
    for child in noun.children:
        if child.dep_ == "relcl" and any(t.lower_ in ("whom", "them") and t.head.lower_ == "of"
                                         for t in child.subtree):
            return True
        if child.dep_ == "prep" and child.lower_ == "including":
            if any(o.dep_ == "pobj" and (o.ent_type_ == "PERSON" or any(
                    d.dep_ in ("det", "poss") and d.lower_ in lexicon.definite for d in o.children))
                   for o in child.children):
                return True
    return False


def counted_standing(noun: Optional[Token], role: Token, lexicon: FigureLexicon) -> Optional[str]:
    """The unit of a count that matters although nothing happened to what it counts: attacks
    ("two suicide car bombings"), people in need ("up to 8 million people are at risk of
    starvation", "more than a million have contracted cholera"), forces deployed or raised
    ("arm as many as 30,000 troops"). None for any other count ("two men", "three houses")."""
    if noun is not None and noun.lemma_.lower() in lexicon.attack_nouns:
        return _plural(noun, lexicon)
    if noun is not None and not _counts_people(noun, lexicon):
        return None
    verb = _clause_verb(role)
    if verb is None:
        return None
    if _plight_word(verb, lexicon) is not None and (noun is not None or role.lower_ != "one"):
        # a bare "one" is a pronoun: "One need look no further", "the need for one"
        return _plural(noun, lexicon) if noun is not None else "people"
    forces = noun is not None and lexicon.people_classes.get(noun.lemma_.lower()) in ("forces", "armed_groups")
    if forces and verb.lemma_.lower() in lexicon.strength_verbs and _is_patient_of(noun, verb):
        return _plural(noun, lexicon)
    return None


def _is_patient_of(noun: Token, verb: Token) -> bool:
    """Whether a noun is what a verb deploys or raises: its object or passive subject ("arm
    30,000 troops", "3,000 soldiers were deployed"), not the object of one of its prepositions
    ("sent letters to two other Gulf leaders")."""
    tok = noun
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.head.i == verb.i and tok.dep_ in ("dobj", "nsubjpass", "nsubj", "obj")


def _plight_word(verb: Token, lexicon: FigureLexicon) -> Optional[Token]:
    """The word of plight in a verb's own clause, not in the clauses under it; some count only
    as nouns ("people in need", not "he will need 60 million votes")."""
    stack = [verb]
    while stack:
        tok = stack.pop()
        lemma = tok.lemma_.lower()
        if lemma in lexicon.plight_words and (lemma not in lexicon.plight_nouns or tok.pos_ == "NOUN"):
            return tok
        stack += [c for c in tok.children if c.dep_ not in _OTHER_CLAUSES]
    return None


def plight_of(noun: Optional[Token], role: Token, lexicon: FigureLexicon) -> Optional[str]:
    """What people counted in need suffer, in the words of their clause's predicate: "remain
    *homeless*", "are *at risk of starvation*", "have contracted *cholera*"; none when the plight
    is in their own phrase or the subject's ("aid reached 40,000 people"), or takes many words."""
    verb = _clause_verb(role)
    word = _plight_word(verb, lexicon) if verb is not None else None
    if word is None or (noun is not None and not _counts_people(noun, lexicon)):
        return None
    if word.i == verb.i:
        return verb.text            # "are starving"
    top = word
    while top.head.i != verb.i:
        top = top.head
    if role in top.subtree or top.dep_ in ("nsubj", "nsubjpass") or top.i < verb.i:
        return None
    words = role.doc[top.left_edge.i:top.right_edge.i + 1]
    return words.text if len(words) <= MAX_PLIGHT_WORDS else None


def counted_noun(doc: Doc, number: _Number) -> tuple[Optional[Token], Token, bool]:
    """The noun a number counts, the token that places the phrase in its clause, and whether it
    counts part of a group named before ("five of the insurgents", "several of them").
    "100 people" → people; "three of his associates" → associates; "killing one" → none."""
    root = number.root
    inside = range(number.i, number.j)
    if root.dep_ in ("nummod", "amod", "det", "quantmod", "compound", "npadvmod", "nmod", "advmod") \
            and root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in inside:
        noun = root.head
        while noun.pos_ == "PROPN" and noun.dep_ in ("compound", "nmod") and noun.head.i > noun.i \
                and noun.head.tag_ in ("NNS", "NNPS"):
            noun = noun.head    # a name before the counted noun: "several Islamic State fighters"
        return noun, noun, False
    for tok in [*doc[number.i:number.j]]:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    obj = objects[0]
                    definite = obj.pos_ == "PRON" or any(
                        c.dep_ in ("det",) and c.lower_ in ("the", "these", "those") for c in obj.children)
                    return (None if obj.pos_ == "PRON" else obj), root, definite
    following = _noun_right_after(doc, number.j)
    if following is not None:       # the parser hung the number elsewhere: "three dozen suspected insurgents"
        return following, following, False
    return None, root, False


def _noun_right_after(doc: Doc, j: int, reach: int = 3) -> Optional[Token]:
    """A plural noun just after a number, past its modifiers only."""
    for tok in doc[j:min(len(doc), j + reach + 1)]:
        if tok.tag_ in ("NNS", "NNPS"):
            return tok
        if tok.pos_ not in ("ADJ", "VERB", "PROPN", "NOUN") or tok.dep_ not in ("amod", "compound", "nmod"):
            return None
    return None


def _is_count(number: _Number, noun: Optional[Token], lexicon: FigureLexicon) -> bool:
    doc = number.root.doc
    tokens = doc[number.i:number.j]
    if currency_before(doc, number, lexicon) or percent_after(doc, number, lexicon):
        return False        # sums and percentages are amounts (``amounts``), not counts
    if tokens[0].text.startswith("0") and tokens[0].text[1:2].isdigit():
        return False        # identifiers: "0296, 0388"
    if noun is None and _in_number_list(doc, number):
        return False
    if noun is not None and noun.tag_ == "NN" and not number.vague and number.value > 1 and \
            noun.lemma_.lower() not in lexicon.plurals and noun.dep_ not in ("compound", "amod"):
        return False        # a number on a singular noun names it: "the 2012 visit", "Highway 1"
    beside = [doc[k].lower_.rstrip(".") for k in (number.i - 1, number.j) if 0 <= k < len(doc)]
    if any(word in lexicon.months for word in beside):
        return False
    lemma = noun.lemma_.lower() if noun is not None else ""
    if (lemma in lexicon.measures or (noun is not None and noun.text.lower() in lexicon.measures)) \
            and not _is_currency(noun, lexicon):
        return False
    if any(_YEAR.match(t.text) for t in tokens) and len(tokens) == 1 and \
            (noun is None or lemma not in lexicon.units or noun.ent_type_ == "DATE"):
        return False
    if noun is None or lemma in lexicon.duration_units:
        labels = {t.ent_type_ for t in tokens} - ({"QUANTITY"} if _unmeasured(doc, number, lexicon) else set())
        return not labels & (NOT_COUNTS - {"DATE"}) and (noun is not None or not labels & NOT_COUNTS)
    money = () if _is_currency(noun, lexicon) else ("MONEY",)    # "15,000 British pounds" is a sum
    return not any(t.ent_type_ in ("PERCENT", "TIME", *money) for t in tokens)


def _unmeasured(doc: Doc, number: _Number, lexicon: FigureLexicon, reach: int = 3) -> bool:
    """A number the recogniser calls a quantity with no measure after it: "over 12 million -
    half the country's prewar population - have been displaced" counts people, not kilometres."""
    return not any(t.lemma_.lower() in lexicon.measures or t.lower_ in lexicon.measures
                   for t in doc[number.j:min(len(doc), number.j + reach)])


def _in_number_list(doc: Doc, number: _Number) -> bool:
    """Numbers in a comma-separated run of numbers ("1314,1198, 1173"): codes, not counts."""
    before = number.i >= 2 and doc[number.i - 1].text == "," and _cardinal(doc[number.i - 2]) is not None
    after = number.j + 1 < len(doc) and doc[number.j].text == "," and _cardinal(doc[number.j + 1]) is not None
    return before or after


def qualifier_before(doc: Doc, number: _Number, lexicon: FigureLexicon) -> Optional[str]:
    """The qualifier written just before a number: "more than 30", "nearly 100", "up to 12"."""
    start = _qualifier_start(doc, number, lexicon)
    if start == doc[number.i].idx:
        return None
    words = tuple(t.lower_ for t in doc.char_span(start, doc[number.i].idx, alignment_mode="expand")
                  if t.i < number.i)
    return lexicon.qualifiers.get(words)


def _qualifier_start(doc: Doc, number: _Number, lexicon: FigureLexicon) -> int:
    for width in range(lexicon.longest_qualifier, 0, -1):
        i = number.i - width
        if i >= 0 and tuple(t.lower_ for t in doc[i:number.i]) in lexicon.qualifiers:
            return doc[i].idx
    return doc[number.i].idx
