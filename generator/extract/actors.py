"""Actors and places: who acts or speaks in an article, one actor per real-world entity.

Finds:
- gazetteer entities tagged by the entity ruler; a capital stands for its state where it acts
  ("Ankara said") and is a place where it is one ("the capital Sanaa", "control of Aden"); a
  province or a state named only as where something happens is a place (``places.py``);
- state bodies named through a state or demonym ("the Azerbaijani Defense Ministry", "Armenian
  forces", "the Ministry of Defense of Armenia": ``institutions.py``), affiliated with that
  state, unless they are words inside a known organisation's name ("Free Syrian Army");
- people from the statistical NER, repaired where it cuts or misses names (``names.py``), one
  actor per person: surnames, accents and transliterations merged with the full name
  (Pashinyan, Pashinián → Nikol Pashinyan), with the title and affiliation the text gives this
  person (``titles.py``);
- other organisations, typed by their head word, with acronyms defined in the text
  ("Collective Security Treaty Organization (ODKB in its acronym in Russian)").
Names the sentence uses as places ("Yakla, a desolate town", "Shabwa's Said district") are
places, never actors, and names in section headings and captions are no one's mention. Misses: people named only by a description ("a senior official"), and
coreference of a description with a later name ("the US secretary of state … Tillerson").
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from slugify import slugify
from spacy.tokens import Doc, Span as SpacySpan

from ..gazetteer import Gazetteer
from ..nlp import GAZETTEER_SPANS, text_of
from ..model import Actor, Place, Span
from .institutions import Institution, state_bodies
from .no_parties import NoPartyLexicon, load_no_party_lexicon, names_a_building, names_no_party
from .names import looks_like_person, repaired_entities
from .organisations import (acronym_key, bare_heads, clean_org, defined_acronyms, described_as_someone,
                            described_kind, names_a_thing, names_something, offshoot_kind, org_key,
                            organisation_type, spelt_out_acronym, with_state_named_keys)
from .people import (PERSON_KIND, Mention, Occupancy, clean_name, cluster_people, mention_of,
                     missed_surnames, person_key)
from .places import (NAMING_WORDS, PLACE_NOUNS, build_places, directional_place, is_agentive, is_based_in,
                     is_known_city, is_locative, is_named_place, is_place_use, one_reading_of_a_place,
                     town_named, untagged_places)
from .titles import TitleLexicon, described_titles, load_title_lexicon, person_title
from ..datafile import parse_yaml

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC"}    # entity labels that name actors or places
INSTITUTION_KIND, ENTRY_KIND, ORG_KIND = "institution", "entry", "org"


@dataclass(frozen=True)
class ActorLexicon:
    titles: TitleLexicon
    name_particles: frozenset[str]        # "bin", "al", "von": lower-case words inside names
    institutions: dict[str, Institution]  # lower-case form → institution
    organisation_types: dict[str, str]   # head word or phrase → actor type
    document_nouns: frozenset[str] = frozenset()   # "address": "the State of the Union address"
    place_openers: frozenset[str] = frozenset()    # "North Sinai", "Bab al-Hawa": places
    kin_nouns: frozenset[str] = frozenset()        # "father": "Bashar's father, Hafez al-Assad"
    not_actors: frozenset[str] = frozenset()       # "Islam", "Islamophobia", "the Hijab"
    faith_words: frozenset[str] = frozenset()      # "Muslim": "the Council of the Muslim Faith"
    event_openers: frozenset[str] = frozenset()    # "Operation": "Operation Olive Branch"
    no_parties: NoPartyLexicon = NoPartyLexicon()   # buildings, peoples, documents
    collective_possessors: frozenset[str] = frozenset()   # "People's": "the … People's Party"
    describing_types: dict[str, str] = field(default_factory=dict)   # "group": "the group Golden Dawn"
    offshoot_nouns: frozenset[str] = frozenset()   # "affiliate": "X, an affiliate of ISIL"
    person_nouns: frozenset[str] = frozenset()     # "preacher": "X, the US-based preacher"


def load_actor_lexicon(folder: Path) -> ActorLexicon:
    institutions_data = parse_yaml((folder / "institutions.yaml").read_text(encoding="utf-8"))
    institutions = {}
    for raw in institutions_data["institutions"]:
        institution = Institution(raw["id"], raw["label"], raw["type"])
        institutions.update({form.lower(): institution for form in raw["forms"]})
    types = {word: kind for kind, words in institutions_data["organisation_types"].items()
             for word in words}
    describing = types | {word: kind for kind, words in institutions_data["describing_types"].items()
                          for word in words}
    names = parse_yaml((folder / "names.yaml").read_text(encoding="utf-8"))
    documents = frozenset(names["document_nouns"])
    return ActorLexicon(load_title_lexicon(folder / "titles.yaml"), frozenset(names["particles"]),
                        institutions, types, documents,
                        frozenset(names.get("place_openers", ())), frozenset(names["kin_nouns"]),
                        frozenset(names["not_actors"]), frozenset(institutions_data["faith_words"]),
                        frozenset(names["event_openers"]),
                        load_no_party_lexicon(folder / "no_parties.yaml", documents),
                        frozenset(names["collective_possessors"]), describing,
                        frozenset(institutions_data["offshoot_nouns"]), frozenset(names["person_nouns"]))


@dataclass
class ActorIndex:
    """The article's actors and where each is mentioned, for the extractors that follow."""
    actors: list[Actor]
    places: list[Place]
    _starts: list[int] = field(default_factory=list, repr=False)
    _mentions: list[tuple[int, int, str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._mentions = sorted((s, e, a.id) for a in self.actors for s, e in a.mentions)
        self._starts = [m[0] for m in self._mentions]
        self._by_id = {a.id: a for a in self.actors}

    def get(self, actor_id: Optional[str]) -> Optional[Actor]:
        return self._by_id.get(actor_id) if actor_id else None

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions that lie inside ``[start, end)``, in text order."""
        i = bisect.bisect_left(self._starts, start)
        found = []
        while i < len(self._mentions) and self._mentions[i][0] < end:
            if self._mentions[i][1] <= end:
                found.append(self._mentions[i])
            i += 1
        return found

    def at(self, start: int, end: int) -> Optional[str]:
        """The actor a phrase names: a person before a body before a state, the first one."""
        return self.first_named(self.mentions_in(start, end))

    def first_named(self, mentions: list[tuple[int, int, str]]) -> Optional[str]:
        """Of some mentions, the actor a phrase holding them names (as ``at``)."""
        if not mentions:
            return None
        return min(mentions, key=lambda m: (_TYPE_RANK.get(self._by_id[m[2]].type, 9), m[0]))[2]

    def starting_in(self, start: int, end: int) -> Optional[str]:
        """The actor whose mention starts inside ``[start, end)`` first ("the Doha Institute
        for Graduate Studies" from its first words)."""
        i = bisect.bisect_left(self._starts, start)
        return self._mentions[i][2] if i < len(self._mentions) and self._mentions[i][0] < end else None

    def mentioned_before(self, offset: int, types: Iterable[str]) -> list[str]:
        """Actors of the given types mentioned before ``offset``, nearest first."""
        wanted = set(types)
        i = bisect.bisect_left(self._starts, offset)
        seen: list[str] = []
        for s, e, actor_id in reversed(self._mentions[:i]):
            if self._by_id[actor_id].type in wanted and actor_id not in seen:
                seen.append(actor_id)
        return seen


_TYPE_RANK = {"person": 0, "government": 1, "military": 1, "igo": 2, "ngo": 2, "armed_group": 2,
              "group": 3, "media": 3, "other": 3, "state": 4, "region": 5}


def extract_actors(doc: Doc, gazetteer: Gazetteer, lexicon: ActorLexicon) -> ActorIndex:
    """Doc → the article's actors (with titles, affiliations, aliases, mentions) and places."""
    ents = repaired_entities(doc, lexicon.titles, lexicon.name_particles, lexicon.collective_possessors)
    institutions = [found for found in find_institutions(doc, gazetteer, lexicon)
                    if not _inside_named_body(found[0], ents, gazetteer)]
    taken = Occupancy(m for m, _ in institutions)
    entry_mentions, places, located = [], [], []
    people, organisations, place_candidates = [], [], []
    for ent in ents:
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        entry = gazetteer.get(ent.ent_id_) if ent.ent_id_ else None
        if entry and ent.label_ == "NORP":
            continue
        if entry:
            use = entry_use(ent, gazetteer, lexicon.document_nouns)
            if use == "place":
                places.append(directional_place(ent) or ent)
            else:
                (located if use == "located" else entry_mentions).append(mention_of(ent, ENTRY_KIND, entry.id))
        elif ent.label_ in ("PERSON", "ORG") and clean_org(ent.text).casefold() in lexicon.not_actors:
            continue      # "a form of Islam", "the wearing of the Hijab": a creed or a garment
        elif ent.label_ in ("PERSON", "ORG") and _names_an_operation(ent, lexicon):
            continue
        elif ent.label_ in ("PERSON", "ORG") and _part_of_a_word(ent, lexicon.name_particles):
            continue      # "Tit-for-tat", "pro-Assad", "Qaeda-linked": a word, not a name
        elif ent.label_ in ("PERSON", "ORG") and names_a_building(ent, lexicon.no_parties):
            places.append(ent)                 # "Kabul's Intercontinental Hotel"
        elif ent.label_ in ("PERSON", "ORG") and names_no_party(ent, lexicon.no_parties):
            continue      # "an ethnic Pashtun", "the NUG Agreement", "Describing Turkey"
        elif ent.label_ == "PERSON" and spelt_out_acronym(ent):
            organisations.append(SpacySpan(doc, ent.start, ent.end, label="ORG"))
        elif ent.label_ in ("PERSON", "ORG") and town_named(ent) is not None:
            places.append(town_named(ent))     # "Dera Ismail Khan": a town, not "Ismail Khan"
        elif ent.label_ == "PERSON" and (ent[-1].tag_ in ("NNS", "NNPS") or _a_people_named(ent, gazetteer)):
            continue      # "Uighur Muslims", "Yazidi Kurds", "Ottoman Turks": a people, not someone
        elif ent.label_ == "ORG" and len(ent) == 1 and ent[0].tag_ == "NNS":
            continue      # "between Uighurs and migrants": a people the tagger reads as a common noun
        elif ent.label_ == "PERSON" and (_organisation_word_first(ent, lexicon) or _described_kind(ent, lexicon, gazetteer)):
            organisations.append(SpacySpan(doc, ent.start, ent.end, label="ORG"))
        elif ent.label_ in ("PERSON", "ORG") and _typed_by_its_noun(ent, lexicon) is not None:
            organisations.append(_typed_by_its_noun(ent, lexicon))
        elif ent.label_ == "PERSON" and (_a_name_with_an_article(ent) or ent.text.islower()):
            continue      # "the Danube", "ooooh, whoooa": nobody is named with "the" or in lower case
        elif ent.label_ == "PERSON":
            (places if is_named_place(ent) or _opens_as_place(ent, lexicon) else people).append(ent)
        elif ent.label_ == "ORG" and _a_persons_name(ent, lexicon) \
                and ent[-1].lower_ not in lexicon.organisation_types \
                and not _described_kind(ent, lexicon, gazetteer):    # "the UK's British National Party"
            people.append(SpacySpan(doc, ent.start, ent.end, label="PERSON"))
        elif ent.label_ == "ORG":
            organisations.append(ent)
        elif ent.label_ in ("GPE", "LOC"):
            place_candidates.append(ent)
    places += untagged_places(doc, {t.i for ent in ents for t in ent
                                    if ent.label_ in NAME_LABELS or ent.ent_id_})
    acting = {m.key for m in entry_mentions}
    entry_mentions += [m for m in located if m.key in acting]
    places += [doc.char_span(m.start, m.end, alignment_mode="expand") for m in located if m.key not in acting]
    person_mentions, leftovers = cluster_people(people + organisations + place_candidates,
                                                  lexicon.kin_nouns)
    acronyms = defined_acronyms(doc, ents + organisations)
    leftovers = [SpacySpan(doc, e.start, e.end, label="ORG")
                 if e.label_ == "PERSON" and acronym_key(e.text) in acronyms else e for e in leftovers]
    for ent in leftovers:
        if ent.label_ in ("GPE", "LOC") or _named_as_place(ent) or _listed_with_a_place(ent) \
                or _compass_place(ent, lexicon):
            places.append(ent)
        elif ent.label_ == "PERSON" and not _name_as_modifier(ent):
            person_mentions.append(mention_of(ent, PERSON_KIND, _nickname_of(ent, person_mentions)
                                              or person_key(clean_name(ent.text))))
    org_mentions = [mention_of(ent, ORG_KIND, org_key(ent.text, acronyms)) for ent in leftovers
                    if ent.label_ == "ORG" and names_something(clean_org(ent.text), lexicon.name_particles)
                    and not _named_as_place(ent)
                    and not _compass_place(ent, lexicon) and not names_a_thing(ent, lexicon.document_nouns)
                    and not _after_clock_time(ent) and not _word_as_modifier(ent, lexicon)]
    org_mentions = bare_heads(with_state_named_keys(org_mentions, gazetteer), entry_mentions, gazetteer)
    person_mentions += missed_surnames(doc, person_mentions, entry_mentions + org_mentions)
    named, places = one_reading_of_a_place(person_mentions + org_mentions, places)
    mentions = entry_mentions + named + [m for m, _ in institutions]
    headings = heading_lines(text_of(doc))
    mentions = [m for m in mentions if not headings.overlaps(m.start, m.end)]
    kinds = {m.key: kind for m in org_mentions
             for kind in [_described_kind(doc.char_span(m.start, m.end, alignment_mode="expand"), lexicon, gazetteer)]
             if kind}
    actors = _build_actors(doc, mentions, dict(institutions_by_key(institutions)), kinds, gazetteer, lexicon)
    return ActorIndex(actors=actors, places=build_places(places, clean_org))


_HEADING_WORDS = 10
_QUOTES = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb "


def heading_lines(text: str) -> "Occupancy":
    """Section headings and captions: lines of a few words that end without a full stop
    ("Cash for killing", "'Insult to indigenous people'", "Louvre Map"), and headlines written
    in title case however long ("What ISIS Videos Contain Makes Hillary's Trump Claim Even
    Worse."). Names in them label a section; they are no one's mention (the body names whoever
    acts)."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        words = line.group().strip(_QUOTES)
        if words and words[:1].isupper() and (_title_case(words) or len(words.split()) <= _HEADING_WORDS
                                              and words[-1] not in ".!,;:\u2026" or _run_in_heading(words)):
            found.append(Mention(line.start(), line.end(), line.group(), "heading", ""))
    return Occupancy(found)


_RUN_IN_WORDS = 3


def _run_in_heading(line: str) -> bool:
    """"Gender Equality.": a line of a few capitalised words and a full stop, a heading, never a
    sentence (one has a verb in lower case)."""
    words = line.rstrip(".").split()
    return line.endswith(".") and 1 < len(words) <= _RUN_IN_WORDS and all(w[:1].isupper() for w in words)


_TITLE_CASE_WORDS = 6


def _title_case(line: str) -> bool:
    """Every word of more than three letters capitalised, as headlines are and sentences never."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if len(w) > 3]
    return len(long_words) >= _TITLE_CASE_WORDS and all(w[:1].isupper() for w in long_words)


def entry_use(ent: SpacySpan, gazetteer: Gazetteer, document_nouns: frozenset[str]) -> str:
    """How a gazetteer name is used: "actor", "place", or "located" (a state named only as where
    something happens: an actor if the article also has it act, a place otherwise)."""
    entry = gazetteer.get(ent.ent_id_)
    if is_based_in(ent):      # "Doha-based", and "Brussels-based" of a body Brussels stands for
        return "place"
    if gazetteer.is_metonym(ent.text) and names_a_thing(ent, document_nouns):
        return "place"        # "the Astana talks", "the Minsk agreement": where, not who
    if entry.type not in ("state", "region"):
        return "actor"
    if directional_place(ent) is not None:    # "South Yemen"
        return "place"
    if is_named_place(ent) and (entry.type == "region" or gazetteer.is_metonym(ent.text)):
        return "place"
    if gazetteer.is_metonym(ent.text):      # "the capital Sanaa", "control of Aden"
        return "place" if is_place_use(ent) else "actor"
    if entry.type == "region" and entry.affiliation:   # a province of a state: "in Idlib"
        return "actor" if is_agentive(ent) else "place"
    if entry.type == "region":     # a contested territory: a party where it acts ("Nagorno-
        return "actor" if is_agentive(ent) else "located"  # Karabakh said"), else fought over
    return "located" if is_locative(ent) else "actor"


def _named_as_place(ent: SpacySpan) -> bool:
    """A name the NER took for a person or organisation that the sentence uses as a place."""
    if ent.label_ == "PERSON":
        return is_locative(ent) or is_named_place(ent) or is_known_city(ent)
    return ent.label_ == "ORG" and (is_named_place(ent) or is_known_city(ent) or _ends_in_place_noun(ent))


def _ends_in_place_noun(ent: SpacySpan) -> bool:
    """"in the Maitiga prison": a name the NER ran on into a common noun of place, where it does
    not act ("the Louvre museum apologised" is the museum's people speaking)."""
    return len(ent) > 1 and ent[-1].text.islower() and ent[-1].lower_ in PLACE_NOUNS \
        and not is_agentive(ent)


_NAMING_REACH = 3


def _nickname_of(ent: SpacySpan, people: list[Mention]) -> Optional[str]:
    """The key of the person a lone name is the nickname of: "Tsege, known to everyone as
    Andy", "Michael (Mike) Moodian" (a name in brackets inside or right after a person's)."""
    if len(ent) != 1:
        return None
    doc, root = ent.doc, ent.root
    named = None
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        word = root.head
        for _ in range(_NAMING_REACH):     # "known [to everyone] as"
            word = word.head
            if word.lower_ in NAMING_WORDS and word.dep_ == "acl":
                named = word.head
                break
    elif 1 < ent.start and ent.end < len(doc) and doc[ent.start - 1].text == "(" \
            and doc[ent.end].text == ")":
        named = doc[ent.start - 2]
    if named is None:
        return None
    return next((m.key for m in people if m.start <= named.idx < m.end), None)


def _a_people_named(ent: SpacySpan, gazetteer: Gazetteer) -> bool:
    """A name that ends in a people's name in the plural, which the gazetteer knows as a state's
    demonym ("Ottoman Turks", "Bosnian Serbs", tagged as proper nouns): a people."""
    last = ent[-1].text
    return len(ent) > 1 and last.endswith("s") and gazetteer.demonym(last) is not None


def _described_kind(ent: SpacySpan, lexicon: ActorLexicon, gazetteer: Gazetteer) -> Optional[str]:
    return described_kind(ent, lexicon.describing_types) or offshoot_kind(ent, lexicon.offshoot_nouns, gazetteer)


def _a_persons_name(ent: SpacySpan, lexicon: ActorLexicon) -> bool:
    """An "organisation" that looks like a person's name, or that the sentence describes as
    someone ("Fethullah Gulen, the popular US-based preacher")."""
    return looks_like_person(ent, lexicon.titles, lexicon.name_particles) \
        or len(ent) > 1 and all(t.pos_ == "PROPN" for t in ent) \
        and described_as_someone(ent, lexicon.person_nouns | frozenset(lexicon.titles.offices))


def _a_name_with_an_article(ent: SpacySpan) -> bool:
    """A "person" of one word after "the" that qualifies no noun ("the Danube", but not "the
    Assad regime", a person's name as a modifier): a river, a thing or a place, never someone."""
    words = ent[1:] if ent[0].lower_ == "the" else ent
    before = ent[0] if ent[0].lower_ == "the" else (ent.doc[ent.start - 1] if ent.start else None)
    return len(words) == 1 and not words.text.isupper() and before is not None and before.lower_ == "the" \
        and words.root.dep_ not in ("compound", "amod", "nmod", "poss")


def _organisation_word_first(ent: SpacySpan, lexicon: ActorLexicon) -> bool:
    """A "person" whose name opens with a word that types organisations ("Jaish al-Islam",
    "Faylaq al-Rahman", "Liwa al-Quds": army, legion, brigade) names a body, not someone."""
    first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
    return len(ent) > 1 and first.lower_ in lexicon.organisation_types


def _typed_by_its_noun(ent: SpacySpan, lexicon: ActorLexicon) -> Optional[SpacySpan]:
    """"Greece's Golden Dawn party", "the Tev-Dem movement": a name the next word, a common noun
    that types organisations, is the name of, is that organisation (with the noun), never a
    person (though possessed by a state, as people are: "Greece's Kyriakos Mitsotakis")."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is None or not after.text.islower() or after.lower_ not in lexicon.organisation_types \
            or ent.root.head.i != after.i or ent.root.dep_ != "compound":
        return None
    if after.tag_ == "NNS" or lexicon.organisation_types[after.lower_] == "government":
        return None     # "Assad government", "Uighur fighters": whose, not a body's name
    return SpacySpan(doc, ent.start, ent.end + 1, label="ORG")


def _names_an_operation(ent: SpacySpan, lexicon: ActorLexicon) -> bool:
    """"Operation Olive Branch", "the Battle of Mosul": a name opening with a word for an
    operation or a battle is a happening's name."""
    first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
    return len(ent) > 1 and first.text[:1].isupper() and first.lower_ in lexicon.event_openers


def _opens_as_place(ent: SpacySpan, lexicon: ActorLexicon) -> bool:
    """A "person" whose name opens with a word of direction or of a place's kind ("North
    Sinai", "Bab al-Hawa": gate, "Deir ez-Zor": monastery, "Tel Abyad": hill) names a place;
    nobody's given name is one of these."""
    first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
    return len(ent) > 1 and first.lower_ in lexicon.place_openers


def _compass_place(ent: SpacySpan, lexicon: ActorLexicon) -> bool:
    """An organisation the NER found that opens with a place's first word and has no word that
    types a body ("Eastern Ghouta", "the Western Balkans", but not the "Northern Alliance")."""
    return ent.label_ == "ORG" and _opens_as_place(ent, lexicon) \
        and organisation_type(ent.text, lexicon.organisation_types, lexicon.faith_words) == "other"


def _after_clock_time(ent: SpacySpan) -> bool:
    """"04:30 GMT", "9am EST": a time zone after a time of day, not an organisation."""
    before = ent.doc[ent.start - 1] if ent.start else None
    return before is not None and (re.fullmatch(r"\d{1,2}[:.]\d{2}|\d{1,2}(?:am|pm)", before.lower_) is not None
                                   or before.lower_ in ("am", "pm", "a.m.", "p.m."))


def _word_as_modifier(ent: SpacySpan, lexicon: ActorLexicon) -> bool:
    """A lone word the NER took for an organisation that qualifies a common noun which names no
    body ("a Turkic language", "Chemical red line"): an adjective, not an actor ("the Tev-Dem
    movement" keeps its body)."""
    root = ent.root
    return len(ent) == 1 and root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" \
        and root.head.lower_ not in lexicon.organisation_types and root.head.lower_ != "group"


def _part_of_a_word(ent: SpacySpan, particles: frozenset[str]) -> bool:
    """A name the NER cut out of a hyphenated word with a lower-case part: "Tit" of
    "Tit-for-tat", "pro-Assad", "Assad-era" (but "al-Ateeqi": a particle of the name)."""
    text = text_of(ent.doc)
    after = text[ent.end_char:ent.end_char + 2]
    prefix = re.search(r"([a-z]+)-$", text[max(0, ent.start_char - 12):ent.start_char]) \
        or re.match(r"([a-z]+)-", ent.text)
    return (len(after) == 2 and after[0] == "-" and after[1].islower()) or \
        (prefix is not None and prefix.group(1) not in particles)


def _name_as_modifier(ent: SpacySpan) -> bool:
    """A lone word the NER took for a person that qualifies a common noun: a people or a sect
    ("Uighur fighters", "the Alawi sect"), not someone."""
    root = ent.root
    return len(ent) == 1 and root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN"


def _listed_with_a_place(ent: SpacySpan) -> bool:
    """A lone word the NER took for a person, joined by "and" or a comma to a state or place
    ("relations between Qatar and Ingushetia", "Homs, Damascus, Palmyra"): a place too."""
    root = ent.root
    return ent.label_ == "PERSON" and len(ent) == 1 and root.dep_ == "conj" \
        and root.head.ent_type_ in ("GPE", "LOC")


def _inside_named_body(mention: Mention, ents: list[SpacySpan], gazetteer: Gazetteer) -> bool:
    """"Free Syrian Army", "Saudi Press Agency": a known organisation's name holds the words of a
    state body; the organisation wins."""
    start = mention.start + 4 if mention.text[:4].lower() == "the " else mention.start
    for ent in ents:
        entry = gazetteer.get(ent.ent_id_) if ent.ent_id_ else None
        if entry and entry.type not in ("state", "region") and ent.label_ != "NORP" \
                and ent.start_char < mention.end and start < ent.end_char \
                and (ent.start_char < start or ent.end_char > mention.end):
            return True
    return False


# --- institutions: "the Azerbaijani Defense Ministry" (institutions.py) ----------------------

def find_institutions(doc: Doc, gazetteer: Gazetteer,
                      lexicon: ActorLexicon) -> Iterator[tuple[Mention, tuple[str, Institution]]]:
    """State bodies written as <state or demonym> <body>, or <body> of <state>."""
    for start, end, owner, institution in state_bodies(doc, gazetteer, lexicon.institutions):
        mention = Mention(start, end, text_of(doc)[start:end], INSTITUTION_KIND,
                          f"{owner}-{institution.id}")
        yield mention, (owner, institution)


def institutions_by_key(found) -> Iterator[tuple[str, tuple[str, Institution]]]:
    for mention, owner in found:
        yield mention.key, owner


# --- building the actors ------------------------------------------------------------------

def _build_actors(doc: Doc, mentions: list[Mention], owners: dict[str, tuple[str, Institution]],
                  kinds: dict[str, str], gazetteer: Gazetteer, lexicon: ActorLexicon) -> list[Actor]:
    """One actor per key; ``kinds`` the types the text gives bodies whose names have no word of
    their kind ("the Russian daily Komsomolskaya Pravda")."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.start):
        by_key[mention.key].append(mention)
    actors: dict[str, Actor] = {}
    for key, group in by_key.items():
        actor = _actor_for(key, group, owners, gazetteer, lexicon)
        if actor.type == "other" and key in kinds:
            actor.type = kinds[key]
        if actor.id in actors:
            _merge_into(actors[actor.id], actor)
        else:
            actors[actor.id] = actor
    bodies = ActorIndex([a for a in actors.values() if a.type != "person"], [])
    people = [a for a in actors.values() if a.type == "person"]
    for actor in people:
        actor.title, actor.affiliation = person_title(doc, actor.mentions, gazetteer, lexicon.titles,
                                                      bodies.starting_in)
    described = described_titles(doc, {a.id: (a.mentions, a.title, a.affiliation) for a in people},
                                 gazetteer, lexicon.titles, bodies.starting_in)
    for actor in people:
        if actor.id in described and not actor.title:
            actor.title = described[actor.id].title
            actor.affiliation = actor.affiliation or described[actor.id].affiliation
    for actor in list(actors.values()):
        if actor.affiliation and actor.affiliation not in actors:
            entry = gazetteer.get(actor.affiliation)
            demonyms = _state_named_near(doc, entry.id, actor.mentions) \
                if entry and (actor.type == "person" or actor.id in owners) else []
            if demonyms:                           # by its demonym: "Turkish …"
                actors[entry.id] = Actor(id=entry.id, name=entry.name, type=entry.type,
                                         mentions=demonyms)
            else:                                  # the article does not name it
                actor.affiliation = None
    _score_salience(doc, list(actors.values()))
    return sorted(actors.values(), key=lambda a: (-a.salience, a.id))


def _state_named_near(doc: Doc, entry_id: str, mentions: list[Span]) -> list[Span]:
    """The demonyms and names of a state written in, just before or just after an actor it is
    known from ("Qatari Emir Tamim", "Yemen's government", "Monia Arfaoui, a Tunisian
    journalist"): the state's mentions when the article names it no other way."""
    spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in mentions]
    return sorted({(d.start_char, d.end_char) for d in doc.spans.get(GAZETTEER_SPANS, [])
                   if d.id_ == entry_id
                   and any(m.start - _DEMONYM_REACH <= d.start < m.end + _DEMONYM_REACH for m in spans)})


_DEMONYM_REACH = 6


def _actor_for(key: str, group: list[Mention], owners: dict, gazetteer: Gazetteer,
               lexicon: ActorLexicon) -> Actor:
    surfaces = [clean_name(m.text) for m in group]
    mentions = [(m.start, m.end) for m in group]
    kind = group[0].kind
    entry = gazetteer.get(key) if kind != PERSON_KIND else None
    if entry:   # a gazetteer entry, an acronym defined for one, or a state body it names
        return Actor(id=entry.id, name=entry.name, type=entry.type, affiliation=entry.affiliation,
                     aliases=_aliases(entry.name, surfaces), mentions=mentions)
    if kind == INSTITUTION_KIND:
        owner_id, institution = owners[key]
        owner = gazetteer.get(owner_id)
        demonym = owner.demonyms[0] if owner.demonyms else owner.name
        name = f"{demonym} {institution.label}"
        return Actor(id=key, name=name, type=institution.type, affiliation=owner_id,
                     aliases=_aliases(name, [clean_org(s) for s in surfaces]), mentions=mentions)
    if kind == PERSON_KIND:
        name = max(surfaces, key=lambda s: (len(s.split()), surfaces.count(s), -surfaces.index(s)))
        return Actor(id=slugify(name) or "person", name=name, type="person",
                     aliases=_aliases(name, surfaces), mentions=mentions)
    names = [clean_org(s) for s in surfaces]
    name = max(names, key=lambda s: (len(s), -names.index(s)))
    return Actor(id=slugify(name) or "organisation", name=name, type=organisation_type(name, lexicon.organisation_types,
                                                                           lexicon.faith_words),
                 aliases=_aliases(name, names), mentions=mentions)


def _aliases(name: str, surfaces: list[str]) -> list[str]:
    seen = {name}
    aliases = []
    for surface in surfaces:
        if surface and surface not in seen:
            seen.add(surface)
            aliases.append(surface)
    return aliases


def _merge_into(actor: Actor, other: Actor) -> None:
    """Two readings of one name ("Trump" tagged a person here, an organisation there) are one
    actor, of the type one of them tells ("other" tells none; a person's only a lone surname:
    the "Louvre museum", the "Supreme Court" are no one)."""
    if actor.type == "other" and (other.type != "person" or len(actor.name.split()) == 1):
        actor.type = other.type
    actor.mentions = sorted(set(actor.mentions) | set(other.mentions))
    actor.aliases = _aliases(actor.name, actor.aliases + [other.name] + other.aliases)
    actor.title = actor.title or other.title
    actor.affiliation = actor.affiliation or other.affiliation


def _score_salience(doc: Doc, actors: list[Actor]) -> None:
    """Share of mentions relative to the most mentioned actor, with a bonus for the lead."""
    if not actors:
        return
    most = max(len(a.mentions) for a in actors) or 1
    sentences = list(doc.sents)
    lead_end = sentences[min(1, len(sentences) - 1)].end_char if sentences else 0
    for actor in actors:
        in_lead = any(s < lead_end for s, _ in actor.mentions)
        actor.salience = round(min(1.0, 0.8 * len(actor.mentions) / most + 0.2 * in_lead), 3)
