"""Places: how a name is used in its sentence tells a location from an actor.

A name is a place when the sentence uses it as one: the object of a locative preposition ("in
Idlib", "to Manbij"), of "of" after a place noun ("the Syrian town of Manbij"), a name a place
noun follows or describes ("Shabwa's Said district", "Yakla, an impoverished town", "an area
known as Gold Mohr"), a name listed with places ("the areas of Azaz, Albil and Bardakli"), a city
GeoNames knows that does not speak, or the first half of "X-based". A name is agentive when it
does something: the subject of a verb (not of "is under X's control", "remains in the hands of
X"), a possessor, the agent of a passive.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..gazetteer import city_names, normalise, place_key, town_names
from ..model import Place
from ..nlp import entity_at, tokens_of
from .organisations import clean_org
from .people import PERSON_KIND, Mention, clean_name, person_key

PLACE_NOUNS = {"capital", "city", "town", "village", "province", "district", "region", "enclave",
               "area", "areas", "port", "county", "state", "territory", "settlement", "suburb",
               "neighbourhood", "neighborhood", "border", "valley", "river", "mountains",
               "outskirts", "governorate", "municipality", "camp", "hamlet", "locality", "oblast",
               "towns", "villages", "cities", "districts", "provinces", "regions",
               "prison", "airport", "museum"}
FEATURE_NOUNS = {"street", "road", "avenue", "boulevard", "square", "highway", "bridge", "river",
                 "lake", "canal", "dam", "valley", "mountains", "mountain", "desert", "strait"}
SETTLEMENT_NOUNS = {"capital", "city", "town", "village", "province", "district", "region", "port",
                    "county", "governorate", "municipality", "oblast", "enclave", "suburb"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "over", "around", "into", "outside", "inside", "across",
                         "towards", "toward", "through", "within", "throughout", "along", "to", "from"}
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                 "central", "upper", "lower"}
COMPASS_POINTS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                  "north-east", "north-west", "south-east", "south-west"}
NAMING_WORDS = {"known", "called", "named", "dubbed", "nicknamed"}
AGENTIVE_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
COPULAS = {"be", "remain", "stay"}
PLACING_PREPOSITIONS = LOCATIVE_PREPOSITIONS - {"to", "from", "towards", "toward", "through"} | {"under"}


def is_locative(ent: SpacySpan) -> bool:
    """"in Idlib", "to Manbij" (but not "according to"), and so every member of a list there
    ("in Syria and Iraq", "visits to Kuwait, Jordan and Lebanon") and the state after a city
    there ("in Geneva, Switzerland"); and a possessor of a place ("Syria's borders", "Syria's
    Manbij")."""
    before = _place_named_before(ent)
    if before is not None and is_locative(before):
        return True
    token = ent.root
    while token.head.i != token.i and token.dep_ in ("conj", "appos") \
            and token.head.ent_type_ in ("GPE", "LOC"):
        token = token.head
    if token.dep_ == "poss" and (token.head.lemma_.lower() in PLACE_NOUNS or
                                 token.head.ent_type_ in ("GPE", "LOC", "FAC")):
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS \
        and not (head.lower_ == "to" and head.head.lower_ == "according")


def _place_named_before(ent: SpacySpan) -> Optional[SpacySpan]:
    """The place a name follows after a comma, as a state follows its city ("in Berlin, Germany");
    the parser often makes the state the subject of what comes next ("Germany to discuss")."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != ",":
        return None
    last = doc[ent.start - 2]
    named = entity_at(last)
    return named if named is not None and named.end == last.i + 1 and named.label_ in ("GPE", "LOC") else None


def is_place_use(ent: SpacySpan) -> bool:
    """Used as a location: locative, "the town of X", "the capital Sanaa", "X district"."""
    root = ent.root
    if is_locative(ent):
        return True
    if _of_place_noun(root):
        return True
    if root.dep_ == "appos" and root.head.lower_ in PLACE_NOUNS:    # "the capital, Amman"
        return True
    if _after_settlement_noun(ent):
        return True     # the same, where the parser lost the apposition
    return any(t.dep_ in ("compound", "amod", "appos") and t.lower_ in PLACE_NOUNS
               for t in root.children if t.i < ent.start)


def is_named_place(ent: SpacySpan) -> bool:
    """A name the text itself calls a place."""
    return _of_place_noun(ent.root) or _place_noun_follows(ent) or _place_apposition(ent) \
        or _named_as_place(ent) or _listed_with_places(ent) or is_based_in(ent) or _a_feature_name(ent)


def _a_feature_name(ent: SpacySpan) -> bool:
    """"Al-Nour Street", "Tahrir Square", "the Euphrates River", "Mosul Dam": a name ending in
    a capitalised word for a street or a natural feature names a place, where it does not act
    ("Downing Street said" is the government speaking)."""
    last = ent[-1]
    return len(ent) > 1 and last.text[:1].isupper() and last.lower_ in FEATURE_NOUNS and not is_agentive(ent)


def is_known_city(ent: SpacySpan) -> bool:
    """A lone name that is a GeoNames city and does not speak: "Russian shelling of Kharkiv"."""
    return len(ent) == 1 and ent.root.dep_ not in ("nsubj", "nsubjpass") \
        and place_key(ent.text) in city_names()


def is_agentive(ent: SpacySpan) -> bool:
    """Does something in its sentence: "Ankara said", "Idlib's council", "Riyadh and Abu Dhabi
    shared", "backed by Washington"."""
    token: Optional[Token] = ent.root
    while token is not None and token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ in AGENTIVE_DEPS:
        return not _said_to_be_somewhere(token)
    return token.dep_ == "pobj" and token.head.lower_ == "by"


def _said_to_be_somewhere(subject: Token) -> bool:
    """"Idlib is under HTS control", "Aleppo remains in the hands of the rebels": the subject of
    a copula whose complement is where or under whom it is, a place that does nothing."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ not in COPULAS:
        return False
    complements = [c for c in verb.children if c.dep_ in ("attr", "acomp", "dobj", "xcomp", "ccomp")]
    return not complements and any(c.dep_ == "prep" and c.lower_ in PLACING_PREPOSITIONS
                                   for c in verb.children)


def _of_place_noun(token: Token) -> bool:
    """"the Syrian town of Manbij", "the areas of Azaz", and a direction taken from a name ("the
    west of the Euphrates", "20km north of Aleppo")."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" \
        and (token.head.head.lower_ in PLACE_NOUNS or token.head.head.lower_ in COMPASS_POINTS)


def _place_noun_follows(ent: SpacySpan) -> bool:
    """"Shabwa's Said district", "Tawahi district"."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in PLACE_NOUNS \
        and not doc[ent.end - 1].whitespace_.count("\n") \
        and ent.root.dep_ == "compound"


def _after_settlement_noun(ent: SpacySpan) -> bool:
    """A name between commas right after a settlement noun ("the provincial capital, Lashkar
    Gar, said"), unless a description follows it ("near the border, Hami Aksoy, the ministry's
    spokesman, said")."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].text == "," \
        and doc[ent.start - 2].lower_ in SETTLEMENT_NOUNS \
        and not (ent.end + 1 < len(doc) and doc[ent.end + 1].pos_ == "DET")


def _place_apposition(ent: SpacySpan) -> bool:
    """"Stepanakert, the capital of the enclave", "Yakla, an impoverished and desolate town",
    and after the place noun, between commas: "from the provincial capital, Lashkar Gar, said
    …" (which the parser may make the subject)."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    if _after_settlement_noun(ent):
        return True
    if any(t.lower_ in PLACE_NOUNS for t in doc[ent.end + 1:ent.end + 4]):
        return True
    return any(t.dep_ == "appos" and t.lower_ in PLACE_NOUNS for t in ent.root.children)


def _named_as_place(ent: SpacySpan) -> bool:
    """"an area known as Gold Mohr", "a village called X"."""
    root = ent.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "as":
        return _participle_names_place(root)
    return _participle_names_place(prep)


def _participle_names_place(token: Token) -> bool:
    verb = token.head
    return verb.lower_ in NAMING_WORDS and verb.head.lower_ in PLACE_NOUNS


def _listed_with_places(ent: SpacySpan) -> bool:
    """A member of a list whose first member is a place ("the areas of Azaz, Albil and
    Bardakli"), or whose other members are mostly towns ("Aleppo, Latakia, Hama, Homs")."""
    first = ent.root
    while first.dep_ == "conj":
        first = first.head
    members = [first, *(t for t in first.subtree if t.dep_ == "conj" and _in_list_of(t, first))]
    others = [t for t in members if not (ent.start <= t.i < ent.end)]
    if len(others) >= 2 and sum(map(_a_town, others)) * 2 > len(others):
        return True
    if first == ent.root:
        return False
    if _of_place_noun(first):
        return True
    return first.ent_type_ in ("GPE", "LOC", "FAC") and first.dep_ == "pobj" \
        and first.head.lower_ in LOCATIVE_PREPOSITIONS


def town_named(ent: SpacySpan) -> Optional[SpacySpan]:
    """The town a name the NER took for a person or organisation is part of, when it does not
    act: the name with the capitalised word before it ("Dera" + "Ismail Khan"), or the name
    itself when it has more than one word ("Abu Kamal"), if GeoNames has a town so named."""
    if is_agentive(ent):
        return None
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() \
            and before.ent_iob_ == "O" and place_key(doc[ent.start - 1:ent.end].text) in town_names():
        return doc[ent.start - 1:ent.end]
    if len(ent) >= 2 and place_key(ent.text) in town_names():
        return ent
    return None


def _in_list_of(token: Token, first: Token) -> bool:
    while token.dep_ == "conj" and token.i != first.i:
        token = token.head
    return token.i == first.i


def _a_town(token: Token) -> bool:
    """A list member that is a town: a place name the NER knows no state by, or the name of a
    GeoNames city in any Latin spelling ("Raqqa", "Qamishli") that the NER did not take for a
    person (many towns share a personal name: "Hassan", "Khan")."""
    if token.ent_type_ in ("GPE", "LOC", "FAC") and not token.ent_id_:
        return True
    if token.ent_type_ == "PERSON":
        return False
    named = entity_at(token)
    names = [named.text] if named is not None and "," not in named.text else []
    return place_key(names[0] if names else token.text) in town_names()


def is_based_in(ent: SpacySpan) -> bool:
    """"the Doha-based broadcaster": Doha is where it is, not who acts."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "based"


def untagged_places(doc: Doc, taken: set[int]) -> list[SpacySpan]:
    """Proper nouns no entity covers, used as places: "the city of Ateq", "the Afrin region"."""
    found = []
    for token in tokens_of(doc):
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        before_noun = token.dep_ == "compound" and token.head.i == token.i + 1 \
            and token.head.lower_ in PLACE_NOUNS
        if not (_of_place_noun(token) or before_noun):
            continue
        start = token.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token \
                and doc[start - 1].pos_ == "PROPN" and start - 1 not in taken:
            start -= 1
        found.append(doc[start:token.i + 1])
    return found


def directional_place(ent: SpacySpan) -> Optional[SpacySpan]:
    """"South Yemen": a compass word written into a state's name makes another place."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and before.lower_ in COMPASS_WORDS and before.text[:1].isupper() \
            and before.dep_ == "compound" and before.ent_iob_ == "O" and not before.whitespace_.count("\n"):
        return doc[ent.start - 1:ent.end]
    return None


def build_places(ents: list[SpacySpan], clean) -> list[Place]:
    by_name: dict[str, Place] = {}
    for ent in ents:
        name = clean(ent.text)
        if not name:
            continue
        place = by_name.setdefault(normalise(name), Place(name=name))
        if (ent.start_char, ent.end_char) not in place.mentions:
            place.mentions.append((ent.start_char, ent.end_char))
    for place in by_name.values():
        place.mentions.sort()
    return sorted(by_name.values(), key=lambda p: p.mentions[0])


def one_reading_of_a_place(named: list[Mention], places: list[SpacySpan]
                            ) -> tuple[list[Mention], list[SpacySpan]]:
    """A name the article calls a place somewhere ("Manjib, a Syrian town", "Lashkar Gar, the
    capital of Helmand") is that place wherever the NER also took it for an organisation or a
    person, and so is its actor's every mention ("Gar" of "Lashkar Gar")."""
    place_names = {normalise(clean_org(p.text)) for p in places if is_named_place(p)}
    if not place_names:
        return named, places
    placed = {m.key for m in named if normalise(clean_org(m.text)) in place_names
              and (m.kind != PERSON_KIND or person_key(clean_name(m.text)) == m.key)}
    doc = places[0].doc
    placed |= _only_where(doc, named, place_names)
    if not placed:
        return named, places
    moved = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in named
             if m.key in placed and normalise(clean_org(m.text)) in place_names]
    return [m for m in named if m.key not in placed], places + moved


def _only_where(doc: Doc, named: list[Mention], place_names: set[str]) -> set[str]:
    """"In the Sheikh Maqsoud district …, Kurds from Sheikh Maqsoud …": a "person" the text
    calls a place once and otherwise names only as where something is or comes from."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in named:
        if mention.kind == PERSON_KIND:
            by_key[mention.key].append(mention)
    found = set()
    for key, mentions in by_key.items():
        if not any(normalise(clean_org(m.text)) in place_names for m in mentions):
            continue
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in mentions]
        if all(is_locative(span) or normalise(clean_org(m.text)) in place_names
               for m, span in zip(mentions, spans)):
            found.add(key)
    return found
