"""What happened to what is counted: the verb or noun that governs a figure in the parse, its
outcome read from the ``outcomes`` of the one event lexicon (``events.yaml``). Whether it
happened, or is only intended or hypothetical, is asked of ``happenings``, as events ask it."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .lexicon import FigureLexicon
from .numbers import _Number

def governing_event(role: Token, noun: Optional[Token], lexicon: FigureLexicon
                    ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """What happened to what is counted, the word that says so, and the qualifier a tally verb
    puts on the number. Reads, in order: the counted noun itself ("2,000 casualties"), a
    participle or relative clause on it ("wounded insurgents", "soldiers who were killed"), and
    the phrase's place in its clause: object or passive subject of an event verb ("killed two
    insurgents", "three were detained"), subject of an intransitive one ("five soldiers died"),
    "of" after an event noun ("the destruction of two drones"), a tally ("the death toll
    surpassed 100 people"), and phrases that add to a patient ("along with three associates",
    "equipment, including 130 tanks"). Negated verbs ("did not kill") govern nothing."""
    if noun is not None:
        event = _noun_event(noun, lexicon)
        if event:
            return event, noun, None
        for child in noun.children:
            if child.dep_ in ("amod", "acl", "relcl") and child.i != role.i:
                event = _verb_event(child, lexicon, patient_as_subject=child.dep_ == "relcl")
                if event and (child.dep_ != "relcl" or _is_passive_or_intransitive(child, lexicon)):
                    return event, child, None
    else:
        found = _headline_event(role, lexicon)
        if found[0]:
            return found
    found = _clause_event(_past_a_total(role, lexicon), lexicon)
    if found[0] is None and noun is not None:
        return _event_right_after(noun, lexicon)
    return found


def _past_a_total(role: Token, lexicon: FigureLexicon) -> Token:
    """"A total of 509 women are being held": the clause holds the total, not its "of" phrase."""
    if role.dep_ == "pobj" and role.head.lower_ == "of" and role.head.head.lemma_.lower() in \
            lexicon.tally_nouns and not _noun_event(role.head.head, lexicon):
        return role.head.head
    return role


def _headline_event(number: Token, lexicon: FigureLexicon
                    ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """A number that counts people by itself, told with a participle or adjective and no verb,
    as headlines and breakdowns do: "At least 30 killed in twin blasts", "Dozens dead", "25
    dead, dozens wounded", "5,243 civilian casualties including 1,662 deaths and 3,581 injured".
    Misses a breakdown the parser reads as active verbs ("(861 killed and 2,318 injured)"): its
    parts, once read, would be taken for retellings of the day's toll."""
    words = [c for c in number.children if c.dep_ in ("acl", "amod") and c.i > number.i]
    if number.dep_ in ("nummod", "nsubj") and number.head.pos_ in ("ADJ", "VERB") and \
            number.head.i > number.i:
        words.append(number.head)
    # The participle right after the number, wherever the parser hangs it: "including 1,662
    # deaths and 3,581 injured".
    after = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if after is not None and after.tag_ == "VBN" and after.pos_ == "VERB":
        words.append(after)
    for word in words:
        if any(c.dep_ == "dobj" for c in word.children):
            continue    # "Dozens killed two ..." has its own object: the number did the killing
        event = _verb_event(word, lexicon) if word.tag_ == "VBN" else \
            _noun_event(word, lexicon) if word.pos_ == "ADJ" else None
        if event:
            return event, word, None
    return None, None, None


def _event_right_after(noun: Token, lexicon: FigureLexicon
                       ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """For phrases the parser garbles ("Between 10-15 people were killed", "Between 10 and 15
    people fled"): an event participle right after the noun, or an intransitive event verb
    without a subject of its own, past auxiliaries, adverbs and the noun's own "of" phrase only
    ("one person of interest was detained")."""
    after = noun.i
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) and noun.right_edge.i - noun.i <= 4:
        after = noun.right_edge.i
    for tok in noun.doc[after + 1:after + 5]:
        if tok.pos_ in ("AUX", "ADV", "PART"):
            continue
        if tok.tag_ == "VBN":
            event = _verb_event(tok, lexicon)
            return (event, tok, None) if event else (None, None, None)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.intransitive_events and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return _verb_event(tok, lexicon, patient_as_subject=True), tok, None
        break
    return None, None, None


def _clause_event(role: Token, lexicon: FigureLexicon
                  ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """What happened to a noun phrase, from its place in the clause."""
    tok = role
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj":
        prep = head
        if prep.lower_ == "of":
            # "the destruction of two drones"; also when the parser hangs "of" on the verb:
            # "report the destruction this morning of two drones"
            nominal = prep.head if prep.head.pos_ in ("NOUN", "PROPN") else next(
                (c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i), None)
            event = _noun_event(nominal, lexicon) if nominal is not None else None
            if event is None and nominal is not None and _lives_taken(nominal, lexicon):
                return "killed", nominal.head, None
            return (event, nominal, None) if event else (None, None, None)
        if prep.lower_ in ("with", "including", "besides", "plus", "like"):
            governor = prep.head.head if prep.head.lower_ == "along" else prep.head
            if governor.pos_ in ("VERB", "AUX"):
                event = _verb_event(governor, lexicon)
                return (event, governor, None) if event else (None, None, None)
            if governor.pos_ in ("NOUN", "PROPN") and governor.i != tok.i:
                return governing_event(governor, governor, lexicon)
        if prep.lower_ in ("to", "at") and prep.head.lemma_ in lexicon.tally_verbs:
            return _tally(prep.head, lexicon)
        if prep.lower_ == "in" and prep.head.lemma_ == "result":
            # "resulting in two insurgents, including Badam, being killed"
            for verb in [*prep.head.children, *prep.head.conjuncts]:
                event = _verb_event(verb, lexicon) if _is_passive(verb) else None
                if event:
                    return event, verb, None
        return None, None, None
    if tok.dep_ == "attr" and head.dep_ == "auxpass":
        head = head.head    # the parser hangs the inverted subject on "were"
    if tok.dep_ == "attr" and _is_passive(head):
        # "Also killed in the strike were more than a dozen armed insurgents"
        event = _verb_event(head, lexicon)
        return (event, head, None) if event else (None, None, None)
    if tok.dep_ in ("dobj", "nsubjpass", "obj", "oprd"):
        if head.lemma_ in lexicon.tally_verbs and tok.dep_ == "dobj":
            found = _tally(head, lexicon)
            if found[0]:
                return found
        event = _verb_event(head, lexicon)
        if event is None and tok.dep_ == "dobj":
            return _predicate_event(head, tok, lexicon)
        return (event, head, None) if event else (None, None, None)
    if tok.dep_ == "nsubj":
        event = _verb_event(head, lexicon, patient_as_subject=True)
        if event:
            return event, head, None
        left = leaving_subject(tok, lexicon)
        if left is not None:
            return _own_verb_event(left, lexicon), left, None
        for verb in head.conjuncts:
            # "several insurgents presented an immediate threat ... and were killed"
            if verb.i > head.i and _is_passive(verb) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                event = _verb_event(verb, lexicon)
                if event:
                    return event, verb, None
        if any(c.lemma_ in lexicon.noun_events and c.dep_ in ("acomp", "attr") for c in head.children):
            comp = next(c for c in head.children if c.lemma_ in lexicon.noun_events)
            return lexicon.noun_events[comp.lemma_], comp, None
    return None, None, None


def _predicate_event(verb: Token, patient: Token, lexicon: FigureLexicon
                     ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """What a verb's object ends up as, from the verb's predicative complement: "left 36 people
    dead", "left hundreds wounded", "found two men killed"."""
    for comp in verb.children:
        if comp.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and comp.i > patient.i:
            event = _noun_event(comp, lexicon) if comp.pos_ == "ADJ" else \
                _verb_event(comp, lexicon) if comp.tag_ == "VBN" else None
            if event:
                return event, comp, None
    if verb.lemma_.lower() in lexicon.leaving_verbs:
        comp = _left_in_a_state(verb, lexicon)
        if comp is not None and comp.i > patient.i:
            return _own_verb_event(comp, lexicon), comp, None
    return None, None, None


def _left_in_a_state(verb: Token, lexicon: FigureLexicon) -> Optional[Token]:
    """The participle a verb of leaving puts its objects in when the parser reads it as a verb
    coordinated with it: "has left at least 30 Turkish soldiers and over a thousand YPG
    fighters killed" (parsed "left 30 soldiers and [a thousand] killed"). Never a verb with an
    object of its own, or with a subject that is not a count ("left the city and killed")."""
    for comp in verb.children:
        if comp.dep_ != "conj" or comp.tag_ not in ("VBN", "VBD") or not _own_verb_event(comp, lexicon):
            continue
        if any(c.dep_ in ("dobj", "obj") for c in comp.children):
            continue
        subjects = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
        if all(_is_counted(s) for s in subjects):
            return comp
    return None


def leaving_subject(tok: Token, lexicon: FigureLexicon) -> Optional[Token]:
    """The participle a count is the subject of in the same misreading ("... and over a
    thousand of YPG fighters killed" after "left")."""
    verb = tok.head
    if tok.dep_ == "nsubj" and verb.dep_ == "conj" and verb.head.lemma_.lower() in lexicon.leaving_verbs \
            and _left_in_a_state(verb.head, lexicon) == verb:
        return verb
    return None


def _is_counted(tok: Token) -> bool:
    return tok.pos_ == "NUM" or tok.like_num or any(c.dep_ == "nummod" for c in tok.children)


def _lives_taken(nominal: Token, lexicon: FigureLexicon) -> bool:
    """"claimed the lives of more than 30,000 people": lives a verb of taking has as object."""
    return nominal.lemma_.lower() in lexicon.life_nouns and nominal.dep_ == "dobj" and \
        nominal.head.lemma_.lower() in lexicon.life_taking_verbs


def _noun_event(noun: Token, lexicon: FigureLexicon) -> Optional[str]:
    """Nouns that name what happened: casualties, deaths, detainees, refugees, "death toll"."""
    if noun.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    lemma = noun.lemma_.lower()
    if lemma in lexicon.tally_nouns:
        for child in noun.children:
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in lexicon.noun_events:
                return lexicon.noun_events[child.lemma_.lower()]
        return None
    return lexicon.noun_events.get(lemma) or lexicon.noun_events.get(noun.lower_)


def _verb_event(verb: Token, lexicon: FigureLexicon, patient_as_subject: bool = False) -> Optional[str]:
    """The event a verb names, read together with the verbs coordinated with it that share its
    patient: "killed or wounded dozens" → casualties, "captured or killed" → other (neither
    count is known)."""
    event = _own_verb_event(verb, lexicon, patient_as_subject)
    if event is None:
        return None
    shared = {_own_verb_event(c, lexicon) for c in verb.conjuncts
              if c.pos_ in ("VERB", "AUX", "ADJ") and not _has_patient(c, verb, lexicon)} - {None, event}
    if not shared:
        return event
    return lexicon.joint_events.get(frozenset(shared | {event}), "other")


def _has_patient(verb: Token, other: Token, lexicon: FigureLexicon) -> bool:
    """Whether a verb coordinated with ``other`` names its own patient, or opens a clause of its
    own with a subject after it ("two were killed and one injured"), so that the two verbs do
    not tell of the same people."""
    deps = {"dobj", "nsubjpass", "attr", "oprd"} | \
        ({"nsubj"} if verb.lemma_.lower() in lexicon.intransitive_events or verb.i > other.i else set())
    return any(c.dep_ in deps for c in verb.children)


def _own_verb_event(verb: Token, lexicon: FigureLexicon, patient_as_subject: bool = False) -> Optional[str]:
    if verb.pos_ not in ("VERB", "AUX", "ADJ") or any(c.dep_ == "neg" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    for particle in particles:
        if f"{lemma} {particle}" in lexicon.verb_events:
            return lexicon.verb_events[f"{lemma} {particle}"]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            phrase = f"{lemma} {prep.lower_} {obj.lemma_.lower()}"
            if phrase in lexicon.verb_events:      # "took two men into custody"
                return lexicon.verb_events[phrase]
    if patient_as_subject and not _is_passive(verb):
        return lexicon.intransitive_events.get(lemma)
    return lexicon.verb_events.get(lemma) or lexicon.intransitive_events.get(lemma)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _is_passive_or_intransitive(verb: Token, lexicon: FigureLexicon) -> bool:
    return _is_passive(verb) or verb.lemma_.lower() in lexicon.intransitive_events or \
        verb.dep_ in ("amod", "acl")


def _tally(verb: Token, lexicon: FigureLexicon) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """"the death toll surpassed 100 people" → killed, more than."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            event = _noun_event(child, lexicon)
            if event:
                return event, child, lexicon.tally_verbs[verb.lemma_]
    return None, None, None


def _undone(role: Token, lexicon: FigureLexicon) -> bool:
    """People who are the subject of a verb that undoes their displacement: "thousands of
    refugees returned home"."""
    tok = role
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lexicon.return_verbs


def _is_addition(noun: Token, lexicon: FigureLexicon) -> bool:
    """People marked as more than those counted before: "one additional suspected insurgent",
    "two other insurgents", or a sentence that opens another operation ("In a separate
    operation", "Elsewhere")."""
    if any(c.lower_ in lexicon.additions and c.dep_ in ("amod", "det", "advmod")
           for c in noun.children):
        return True
    sent = noun.sent
    return any(t.lower_ in lexicon.separate_words for t in sent[:min(len(sent), 6)])


def _is_weak_addition(trigger: Optional[Token], lexicon: FigureLexicon) -> bool:
    """"also detained two suspected insurgents", "arrested him as well"."""
    return trigger is not None and trigger.pos_ in ("VERB", "AUX") and any(
        c.lower_ in lexicon.also_words and c.dep_ == "advmod" for c in trigger.children)


def _is_definite(noun: Token, number: _Number, lexicon: FigureLexicon) -> bool:
    """"the two insurgents", "these three men", "both men": people named before."""
    first = noun.doc[number.i]
    if first.lower_ in lexicon.definite:
        return True
    return any(c.dep_ in ("det", "poss", "predet") and c.lower_ in lexicon.definite and c.i < number.i
               for c in noun.children)


def _in_record(trigger: Token, lexicon: FigureLexicon) -> bool:
    """Killings that belong to someone's record: "linked to an attack that killed four US
    soldiers", "involved in the assassination of an official"."""
    attack = trigger.head if trigger.dep_ in ("relcl", "acl") else trigger
    if attack.lemma_.lower() not in lexicon.attack_nouns:
        return False
    return any(a.lemma_.lower() in lexicon.record_words for a in list(attack.ancestors)[:4])


def _over_period(trigger: Token, lexicon: FigureLexicon) -> bool:
    """Totals over a period: "killed since the beginning of the year", "captured this month",
    also when the period modifies the clause a participle hangs on ("Since June, forces have
    conducted several operations, capturing more than 125 insurgents")."""
    clauses = [trigger] + ([trigger.head] if trigger.dep_ in ("advcl", "xcomp", "conj") else [])
    for child in (c for clause in clauses for c in clause.children if c.i != trigger.i):
        if child.dep_ not in ("prep", "npadvmod", "advmod", "advcl", "pobj"):
            continue
        words = tuple(t.lower_ for t in child.subtree)
        for period in lexicon.period_words:
            if words[:len(period)] == period or (len(period) > 1 and _contains(words, period)):
                return True
    return False


def raised_toll(role: Token, lexicon: FigureLexicon) -> Optional[Token]:
    """The toll a number is the new total of: "bringing the toll from this week's attacks to
    40", "raising the number of dead to 300" (the new total counts the people just reported
    too: a total, not another toll)."""
    if role.dep_ != "pobj" or role.head.lower_ != "to":
        return None
    verb = role.head.head
    if verb.lemma_.lower() not in lexicon.toll_raising_verbs:
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if _noun_event(obj, lexicon) or obj.lemma_.lower() in lexicon.tally_nouns:
            return obj
    return None


def _whole_war(trigger: Token, lexicon: FigureLexicon) -> bool:
    """Tolls of a whole war, not of the events reported: "the war has killed more than 10,000
    people", "the conflict killed ...", "10,000 people have been killed in the war", also told
    in a relative clause on the war ("his drug war, which has killed thousands of people", "a
    rebellion that has so far claimed the lives of more than 30,000 people")."""
    verb = trigger
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP") for c in subjects):
        subjects = _antecedents(verb.head)
    if any(s.lemma_.lower() in lexicon.war_words for s in subjects):
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    return perfect and any(c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout") and
                           any(o.dep_ == "pobj" and o.lemma_.lower() in lexicon.war_words
                               for o in c.children) for c in verb.children)


def _antecedents(noun: Token) -> list[Token]:
    """What a relative pronoun may stand for: the noun the clause hangs on, and the noun whose
    "against" or "of" phrase that is, as the parser often hangs the clause on the nearest noun
    ("a fight against the Turkish state that has killed tens of thousands")."""
    found = [noun]
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        found.append(noun.head.head)
    return found


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(words[k:k + len(phrase)] == phrase for k in range(len(words) - len(phrase) + 1))
