"""What happened: the event type a word names, and whether the text tells it as having happened.

One reading of ``data/lexicon/events.yaml`` for every stage that asks "what happened here?":
``events`` builds its events from these triggers, figures read what befell what they count
from its ``outcomes`` ("killed", "detained", ...), and a figure's event is the one whose
trigger governs it. A trigger is a verb ("killed", "shelled", "shoot down", "opened fire") or a noun
("airstrike", "air strike", "clashes"). It is *stated* unless it is negated ("did not attack"),
intended or hypothetical ("will attack", "plans to attack", "if they strike", "an operation to
detain"), someone's record ("responsible for attacks", "linked to the bombing", "for having
fought") or told in the present ("are attacking", "has been fighting"): a state, a habit or a
headline, not something that happened.

Misses: events told only by a pronoun or an adjective ("the deadly day"), and idioms outside
the lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from .dates import DateWords
from ..datafile import parse_yaml
from ..nlp import tokens_of


@dataclass(frozen=True)
class Outcomes:
    """What befalls what is counted ("killed 12 soldiers", "12 deaths"), by the word that
    governs a number, from the ``outcomes`` of ``data/lexicon/events.yaml``: what figures read."""
    verbs: dict[str, str]                      # "kill" / "shoot down" → killed / destroyed
    intransitive: dict[str, str]               # "die" → killed (the subject is counted)
    nouns: dict[str, str]                      # "casualty", "death" → casualties, killed
    people_only: frozenset[str]                # "hold" → detained, of people only


def load_outcomes(data: dict) -> Outcomes:
    verbs, intransitive, nouns, people_only = {}, {}, {}, set()
    for outcome, words in data.items():
        verbs.update({w: outcome for w in words.get("verbs", []) + words.get("people_only", [])})
        people_only.update(words.get("people_only", []))
        intransitive.update({w: outcome for w in words.get("intransitive", [])})
        nouns.update({w: outcome for w in words.get("nouns", [])})
    return Outcomes(verbs=verbs, intransitive=intransitive, nouns=nouns,
                    people_only=frozenset(people_only))


@dataclass(frozen=True)
class EventLexicon:
    """Event types and their trigger words, and the outcomes figures count, from
    ``data/lexicon/events.yaml``."""
    order: tuple[str, ...]                     # types, first match wins
    labels: dict[str, str]
    verbs: dict[str, str]                      # lemma or "verb particle/object" → type
    intransitive: dict[str, str]
    nouns: dict[str, str]                      # lemma or "modifier noun" → type
    not_events: frozenset[str]                 # "verb preposition", "verb object", "modifier noun"
    active_only: frozenset[str]                # "was met with scepticism" is no meeting
    one_per_party: frozenset[str]              # pledges of different parties are different events
    modals: frozenset[str]
    conditions: frozenset[str]
    purpose_heads: frozenset[str]
    asking_heads: frozenset[str]               # "demanded the arrest of 12": only asked for
    causatives: frozenset[str]                 # "caused thousands to flee": they fled
    circumstances: frozenset[str]
    time_prepositions: frozenset[str]
    time_nouns: frozenset[str]
    means_prepositions: frozenset[str]
    same_time_marks: frozenset[str]
    general_types: frozenset[str]
    participation_verbs: frozenset[str]
    habit_adverbs: frozenset[str]
    counted_since: frozenset[str]
    tally_quantities: frozenset[str]           # "hundreds of rocket attacks": a tally
    incident_nouns: frozenset[str]             # "an incident in which two were killed"
    record_words: frozenset[str]
    report_verbs: frozenset[str]               # "confirmed the arrest": told, not done
    admin1_words: frozenset[str]
    district_words: frozenset[str]
    place_suffixes: tuple[str, ...]
    place_nouns: frozenset[str]                # "the city of Aden" is Aden
    outcomes: Outcomes = Outcomes({}, {}, {}, frozenset())
    date_words: DateWords = DateWords()

    def label(self, event_type: str) -> str:
        return self.labels.get(event_type, event_type.replace("_", " ").capitalize())


def load_event_lexicon(folder: Path) -> EventLexicon:
    data = parse_yaml((Path(folder) / "events.yaml").read_text(encoding="utf-8"))
    verbs, intransitive, nouns, labels = {}, {}, {}, {}
    outcomes = data.get("outcomes") or {}
    for event_type, words in data["types"].items():
        labels[event_type] = words.get("label") or event_type
        shared = outcomes.get(words.get("outcome"), {})    # "killing" has the verbs of "killed"
        for key, table in (("verbs", verbs), ("intransitive", intransitive), ("nouns", nouns)):
            for word in (words.get(key) or []) + ([] if key == "nouns" else shared.get(key, [])):
                table.setdefault(word, event_type)
    return EventLexicon(order=tuple(data["types"]), labels=labels, verbs=verbs,
                        intransitive=intransitive, nouns=nouns,
                        not_events=frozenset(data.get("not_events") or ()),
                        active_only=frozenset(data.get("active_only") or ()),
                        one_per_party=frozenset(data.get("one_per_party") or ()),
                        modals=frozenset(data["modals"]), conditions=frozenset(data["conditions"]),
                        purpose_heads=frozenset(data["purpose_heads"]),
                        asking_heads=frozenset(data.get("asking_heads") or ()),
                        causatives=frozenset(data.get("causatives") or ()),
                        circumstances=frozenset(data.get("circumstance_prepositions") or ()),
                        time_prepositions=frozenset(data.get("time_prepositions") or ()),
                        time_nouns=frozenset(data.get("time_nouns") or ()),
                        means_prepositions=frozenset(data.get("means_prepositions") or ()),
                        same_time_marks=frozenset(data.get("same_time_marks") or ()),
                        general_types=frozenset(data.get("general_types") or ()),
                        participation_verbs=frozenset(data.get("participation_verbs") or ()),
                        habit_adverbs=frozenset(data.get("habit_adverbs") or ()),
                        counted_since=frozenset(data.get("counted_since") or ()),
                        tally_quantities=frozenset(data.get("tally_quantities") or ()),
                        incident_nouns=frozenset(data.get("incident_nouns") or ()),
                        record_words=frozenset(data["record_words"]),
                        report_verbs=frozenset(data.get("report_verbs") or ()),
                        admin1_words=frozenset(data["admin1_words"]),
                        district_words=frozenset(data["district_words"]),
                        place_suffixes=tuple(data["place_suffixes"]),
                        place_nouns=frozenset(data.get("place_nouns") or ()),
                        outcomes=load_outcomes(outcomes),
                        date_words=DateWords(modifiers=frozenset(data.get("date_modifiers") or ()),
                                             night_before=frozenset(data.get("night_before") or ()),
                                             untagged=tuple(data.get("untagged_dates") or ()),
                                             tally_prepositions=frozenset(data.get("tally_prepositions") or ()),
                                             tally_periods=tuple(data.get("tally_periods") or ()),
                                             duration_units=frozenset(data.get("duration_units") or ()),
                                             counted_from=frozenset(data.get("counted_from") or ()),
                                             anaphoric=frozenset(data.get("anaphoric_dates") or ()),
                                             long_units=frozenset(data.get("long_units") or ())))


def event_type(tok: Token, lexicon: EventLexicon) -> Optional[str]:
    """The event type a token names as a verb or noun, reading phrases first ("shoot down",
    "open fire", "air strike", "violate ceasefire")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        if _not_an_event(tok, lemma, lexicon):
            return None
        for child in tok.children:
            if child.dep_ in ("prt", "dobj", "prep"):
                phrase = f"{lemma} {child.lemma_.lower()}"
                if phrase in lexicon.verbs:
                    return lexicon.verbs[phrase]
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    phrase = f"{lemma} {child.lower_} {obj.lemma_.lower()}"
                    if phrase in lexicon.verbs:
                        return lexicon.verbs[phrase]
        return lexicon.verbs.get(lemma) or lexicon.intransitive.get(lemma)
    if tok.pos_ in ("NOUN", "PROPN"):
        for child in tok.children:
            if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
                phrase = f"{child.lemma_.lower()} {lemma}"
                if phrase in lexicon.not_events:
                    return None
                if phrase in lexicon.nouns:
                    return lexicon.nouns[phrase]
        return lexicon.nouns.get(lemma)
    return None


def _not_an_event(tok: Token, lemma: str, lexicon: EventLexicon) -> bool:
    """A trigger verb in a phrase that names no event: without its object, "engaged with the
    authorities", "engaged in talks" (but "engaged the insurgents"); with its object, "pledged
    allegiance"; in the passive, "was met with scepticism"."""
    children = list(tok.children)
    if lemma in lexicon.active_only and any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        return True
    objects = [c for c in children if c.dep_ == "dobj"]
    if objects:
        return any(f"{lemma} {c.lemma_.lower()}" in lexicon.not_events for c in objects)
    return any(c.dep_ == "prep" and f"{lemma} {c.lower_}" in lexicon.not_events for c in children)


def is_stated(tok: Token, lexicon: EventLexicon) -> bool:
    """Whether a trigger is told as having happened: not negated, not modal or conditional, not
    asked, not the aim of a purpose head and not part of someone's record."""
    verb = tok
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if _told_in_present(tok, verb) or _asked(tok):
        return False
    for word in (tok, verb):
        for child in word.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and (
                    child.tag_ == "TO" or child.lower_ in lexicon.modals
                    or child.lower_ == "having")):
                return False
            if child.dep_ == "mark" and child.lower_ in lexicon.conditions:
                return False
    below = verb
    for ancestor in list(verb.ancestors)[:4]:
        lemma = ancestor.lemma_.lower()
        if lemma in lexicon.record_words or ancestor.lower_ in lexicon.record_words:
            return False
        if (lemma in lexicon.purpose_heads or ancestor.lower_ in lexicon.purpose_heads) and \
                not (below.dep_ == "prep" and below.lower_ in lexicon.circumstances):
            return False        # "plans to attack", but not "stopped a car during an operation"
        below = ancestor
        if ancestor.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ in lexicon.modals for c in ancestor.children):
            return False
    return True


def _asked(tok: Token) -> bool:
    """In a question: the first mark that ends a sentence after the trigger is a question mark
    ("Who shelled the market?" the mayor asked; "Did the army shell the town?")."""
    for word in tok.doc[tok.i + 1:tok.sent.end]:
        if word.text in _SENTENCE_ENDS:
            return word.text == "?"
    return False


_SENTENCE_ENDS = (".", "!", "?", ";")


def is_hypothetical(trigger: Token, lexicon: EventLexicon) -> bool:
    """Intended, threatened or hypothetical, as figures read a count's event: a modal or an
    infinitive ("could kill", "to capture"), a condition ("if he is killed"), or a bare verb
    under a purpose head or an infinitive ("an operation to detain", "will continue to capture
    or kill"), and an event noun that is only asked for or planned ("calls for the
    arrest of the three generals", "demanded the release of 12 prisoners")."""
    verb = trigger
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return _asked_for(verb, lexicon)
    if _caused(verb, lexicon):
        return is_hypothetical(verb.head, lexicon)
    if any(c.dep_ == "aux" and (c.tag_ == "TO" or c.lower_ in lexicon.modals) for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in lexicon.conditions for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "advcl", "acl", "relcl") and verb.tag_ == "VB" and \
        (verb.head.lemma_.lower() in lexicon.purpose_heads or any(c.tag_ == "TO" for c in verb.children))


def _asked_for(noun: Token, lexicon: EventLexicon) -> bool:
    """Is an event noun the object of a verb that only asks for it, plans or fends it off,
    directly or through its preposition ("demanded *the arrest*", "called for *the arrest*"),
    or what a demand includes ("their demands include *the arrest*"), not a circumstance of
    its act ("stopped a car *during* the arrest")? An order is not asked for: "ordered the
    imprisonment of thousands" is told as done."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in lexicon.circumstances:
        noun, head = head, head.head
    if noun.dep_ not in ("dobj", "attr", "prep") or head.pos_ not in ("VERB", "AUX"):
        return False
    # what a demand includes or is: "their demands include the arrest of …"
    asking = [head] + [c for c in head.children if c.dep_ == "nsubj"]
    return any(word.lemma_.lower() in lexicon.asking_heads for word in asking)


def _caused(verb: Token, lexicon: EventLexicon) -> bool:
    """An infinitive a causative verb makes happen: "caused tens of thousands of civilians to
    flee" (whether they fled is whether the causing happened)."""
    return verb.dep_ in ("ccomp", "xcomp") and verb.tag_ == "VB" and \
        verb.head.lemma_.lower() in lexicon.causatives and verb.head.pos_ in ("VERB", "AUX")


def _told_in_present(tok: Token, verb: Token) -> bool:
    """A verb in the present ("are attacking", "is targeting", "has been fighting", "Fighting
    continues", "encourages killing"): a state, a habit or a headline, not something told as
    having happened."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    if verb.dep_ == "xcomp" and verb.tag_ in ("VBG", "VB") and verb.head.tag_ in ("VBZ", "VBP") and \
            not any(c.dep_ == "aux" for c in verb.children):
        return True         # "it encourages killing"
    if tok.tag_ != "VBG":
        return False
    auxes = [c for w in (tok, verb) for c in w.children if c.dep_ == "aux"]
    return any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes) or (
        any(a.lower_ == "been" for a in auxes) and any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP")
                                                       for a in auxes))


def goes_on(tok: Token) -> bool:
    """An event named as what goes on ("Fighting continues", "clashes rage", "the heaviest
    bombing has been in the east"): the subject of a verb in the present, or of "has been",
    told as a state unless a date says which day."""
    head = tok.head
    present = head.tag_ in ("VBZ", "VBP") and head.lemma_ != "be"
    has_been = head.lower_ == "been" and any(c.dep_ == "aux" and c.lemma_ == "have" and
                                             c.tag_ in ("VBZ", "VBP") for c in head.children)
    return tok.dep_ in ("nsubj", "nsubjpass", "csubj") and (present or has_been) and \
        (tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG")


def joined(tok: Token, lexicon: EventLexicon) -> bool:
    """An event noun someone joins ("groups have joined the fighting in Syria"): a war taken
    part in, not an event told."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" and \
        tok.head.lemma_.lower() in lexicon.participation_verbs


def names_something_else(tok: Token, lexicon: EventLexicon) -> bool:
    """A trigger that only describes a noun: "an assassination cell leader", "the attack
    planner" are people, not events; "imprisoned children", "the detained leader" are people
    told by what befell them."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.dep_ == "amod"
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod", "nmod") and \
        event_type(tok.head, lexicon) is None


def is_background(tok: Token, lexicon: EventLexicon, filed: int = 0) -> bool:
    """A trigger told inside a relative clause or a participle that describes someone or
    something ("the leader who was detained on Feb. 26", "the insurgents who conducted the
    attack", "operations that began July 25"), an event noun that only tells a time ("since
    the battle of Aleppo") or a clause that does ("after an air attack exposed a network"):
    background to the sentence's news, not news. A clause the parser hangs on the words of a
    dateline that opens the sentence (before ``filed``: "KABUL, Afghanistan (Dec. 30) -
    Several insurgents were killed" as a clause of "KABUL") is the sentence's own."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and (
            _time_preposition(tok.head, lexicon) or
            (tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lexicon.time_nouns)):
        return True         # "since the battle of Aleppo", "in the aftermath of the war"
    word = tok
    while word.head.i != word.i and word.head.idx >= filed:
        if describes(word, lexicon) or time_clause(word, lexicon):
            return True
        word = word.head
    return False


def time_clause(word: Token, lexicon: EventLexicon) -> bool:
    """A clause that tells when the sentence's news happened by something else ("held since
    2016, after an air attack exposed the network", "killed before troops stormed the town"):
    background to the news, not news."""
    if word.dep_ == "pcomp" and _time_preposition(word.head, lexicon):
        return True         # "emerged in Syria after overrunning large portions of Iraq"
    return word.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lexicon.time_prepositions
                                        for c in word.children)


def _time_preposition(prep: Token, lexicon: EventLexicon) -> bool:
    """"after", "since", or one of two words ("prior to", "ahead of": the word before it is its
    head)."""
    return prep.lower_ in lexicon.time_prepositions or \
        f"{prep.head.lower_} {prep.lower_}" in lexicon.time_prepositions


def describes(word: Token, lexicon: EventLexicon) -> bool:
    """A relative clause or participle of a noun that is not itself an event: "the leader who
    was detained", but not "an operation that killed 12" (the operation's own toll), a day's
    "when" clause ("Sunday, when the fighting broke out") nor what an incident was ("an
    incident in which two civilians were killed": the clause is the event)."""
    return word.dep_ in ("relcl", "acl") and event_type(word.head, lexicon) is None and \
        word.head.ent_type_ not in ("DATE", "TIME") and \
        word.head.lemma_.lower() not in lexicon.incident_nouns


NAME_LABELS = ("ORG", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "PERSON", "NORP", "EVENT")


def triggers(doc: Doc, lexicon: EventLexicon) -> Iterator[tuple[Token, str]]:
    """Every token that names a stated event, with its type, in text order; not words inside
    names ("the Organization for Security and Co-operation in Europe")."""
    for tok in tokens_of(doc):
        if tok.ent_type_ in NAME_LABELS:
            continue
        found = event_type(tok, lexicon)
        if found and is_stated(tok, lexicon) and not names_something_else(tok, lexicon) and \
                not joined(tok, lexicon):
            yield tok, found
