"""Actors and places: who acts or speaks in an article, one actor per real-world entity.

Finds:
- gazetteer entities tagged by the entity ruler, capitals and seats of power merged into their
  state ("Baku" → Azerbaijan) unless they are plainly places ("fighting in Baku");
- state bodies named through a state or demonym ("the Azerbaijani Defense Ministry",
  "Armenian forces", "the Ministry of Defense of Armenia"), affiliated with that state;
- people from the statistical NER, one actor per person: surnames, accents and
  transliterations merged with the full name (Pashinyan, Pashinián → Nikol Pashinyan), with the
  title and affiliation written beside a mention ("Azerbaijan's president Ilham Aliyev",
  "Hami Aksoy, the Turkish foreign ministry spokesman");
- other organisations, typed by their head noun, with acronyms defined in the text
  ("Collective Security Treaty Organization (ODKB in its acronym in Russian)").
Misses: people named only by a description ("a senior official"), nested organisations the
NER splits, and places the NER tags as people outside a locative phrase.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

import yaml
from slugify import slugify
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..gazetteer import Gazetteer, city_names, normalise
from ..nlp import text_of
from ..model import Actor, Place, Span

PLACE_NOUNS = {"capital", "city", "town", "village", "province", "district", "region", "enclave",
               "area", "port", "county", "state", "territory", "settlement", "suburb", "neighbourhood",
               "neighborhood", "border", "valley", "river", "mountains", "outskirts"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "over", "around", "into", "outside", "inside", "across",
                         "towards", "toward", "through", "within", "throughout", "along", "to", "from"}
PERSON_KIND, INSTITUTION_KIND, ENTRY_KIND, ORG_KIND = "person", "institution", "entry", "org"


@dataclass(frozen=True)
class Institution:
    id: str
    label: str
    type: str


@dataclass(frozen=True)
class ActorLexicon:
    titles: dict[str, str]               # lower-case form → canonical title
    office_references: dict[str, str]    # lower-case description → canonical title
    institutions: dict[str, Institution]  # lower-case form → institution
    organisation_types: dict[str, str]   # head noun → actor type


def load_actor_lexicon(folder: Path) -> ActorLexicon:
    titles_data = yaml.safe_load((folder / "titles.yaml").read_text(encoding="utf-8"))
    institutions_data = yaml.safe_load((folder / "institutions.yaml").read_text(encoding="utf-8"))
    titles = {form.lower(): t["canonical"] for t in titles_data["titles"] for form in t["forms"]}
    references = {r["phrase"].lower(): r["title"] for r in titles_data["office_references"]}
    institutions = {}
    for raw in institutions_data["institutions"]:
        institution = Institution(raw["id"], raw["label"], raw["type"])
        institutions.update({form.lower(): institution for form in raw["forms"]})
    types = {word: kind for kind, words in institutions_data["organisation_types"].items()
             for word in words}
    return ActorLexicon(titles, references, institutions, types)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str
    key: str                 # what identifies the actor within the article


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
        inside = self.mentions_in(start, end)
        if not inside:
            return None
        return min(inside, key=lambda m: (_TYPE_RANK.get(self._by_id[m[2]].type, 9), m[0]))[2]

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
    institutions = list(find_institutions(doc, gazetteer, lexicon))
    taken = _Occupancy(m for m, _ in institutions)
    entry_mentions, places = [], []
    people, organisations, place_candidates = [], [], []
    for ent in doc.ents:
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        entry = gazetteer.get(ent.ent_id_) if ent.ent_id_ else None
        if entry and ent.label_ == "NORP":
            continue
        if entry:
            if gazetteer.is_metonym(ent.text) and _is_locative(ent):
                places.append(ent)
            else:
                entry_mentions.append(_mention(ent, ENTRY_KIND, entry.id))
        elif ent.label_ == "PERSON":
            people.append(ent)
        elif ent.label_ == "ORG":
            organisations.append(ent)
        elif ent.label_ in ("GPE", "LOC"):
            place_candidates.append(ent)
    person_mentions, leftovers = cluster_people(people + organisations + place_candidates)
    people_left = [e for e in leftovers if e.label_ == "PERSON"]
    for ent in people_left:
        if _is_locative(ent) or _has_place_apposition(ent) or _is_known_city(ent):
            places.append(ent)
        else:
            person_mentions.append(_mention(ent, PERSON_KIND, _person_key(_clean_name(ent.text))))
    acronyms = defined_acronyms(doc)
    org_mentions = [_mention(ent, ORG_KIND, _org_key(ent.text, acronyms))
                    for ent in leftovers if ent.label_ == "ORG" and _clean_org(ent.text)]
    places += [ent for ent in leftovers if ent.label_ in ("GPE", "LOC")]
    person_mentions += missed_surnames(doc, person_mentions, entry_mentions + org_mentions)
    mentions = entry_mentions + person_mentions + org_mentions + [m for m, _ in institutions]
    actors = _build_actors(doc, mentions, dict(institutions_by_key(institutions)), gazetteer, lexicon)
    return ActorIndex(actors=actors, places=_build_places(places))


# --- institutions: "the Azerbaijani Defense Ministry" -------------------------------------

def find_institutions(doc: Doc, gazetteer: Gazetteer,
                      lexicon: ActorLexicon) -> Iterator[tuple[Mention, tuple[str, Institution]]]:
    """State bodies written as <state or demonym> <body>, or <body> of <state>."""
    forms = sorted(lexicon.institutions, key=lambda f: -len(f.split()))
    longest = max(len(f.split()) for f in forms)
    i = 0
    while i < len(doc):
        # Both forms start with a capital: "Azerbaijani Defense Ministry", "Ministry of Defense of …".
        found = _institution_at(doc, i, gazetteer, lexicon, longest) if doc[i].text[:1].isupper() else None
        if found:
            mention, owner = found
            yield mention, owner
            i = doc.char_span(mention.start, mention.end, alignment_mode="expand").end
        else:
            i += 1


def _institution_at(doc: Doc, i: int, gazetteer: Gazetteer, lexicon: ActorLexicon,
                    longest: int) -> Optional[tuple[Mention, tuple[str, Institution]]]:
    owner, after = _owner_at(doc, i, gazetteer)
    if owner:
        if after < len(doc) and doc[after].text in ("'s", "\u2019s"):
            after += 1
        body = _longest_form(doc, after, lexicon.institutions, longest)
        if body:
            institution, end = body
            start = doc[i - 1].idx if i > 0 and doc[i - 1].lower_ == "the" else doc[i].idx
            return _institution_mention(doc, start, doc[end - 1].idx + len(doc[end - 1]),
                                        owner, institution), (owner, institution)
    body = _longest_form(doc, i, lexicon.institutions, longest)
    if body and body[1] + 1 < len(doc) and doc[body[1]].lower_ == "of":
        institution, end = body
        owner, after = _owner_at(doc, end + 1, gazetteer, allow_the=True)
        if owner and doc[i].text[:1].isupper():
            last = doc[after - 1]
            return _institution_mention(doc, doc[i].idx, last.idx + len(last), owner,
                                        institution), (owner, institution)
    return None


def _owner_at(doc: Doc, i: int, gazetteer: Gazetteer, allow_the: bool = False) -> tuple[Optional[str], int]:
    """The state or region that tokens from ``i`` name (as a name or a demonym), and where they end."""
    if allow_the and i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i >= len(doc) or not doc[i].text[:1].isupper():
        return None, i
    for width in (3, 2, 1):
        if i + width > len(doc):
            continue
        words = doc[i:i + width]
        entry = gazetteer.demonym(words.text) or gazetteer.lookup(words.text)
        if entry and entry.type in ("state", "region") and not gazetteer.is_metonym(words.text):
            return entry.id, i + width
    return None, i


def _longest_form(doc: Doc, i: int, table: dict, longest: int):
    for width in range(longest, 0, -1):
        if i + width <= len(doc):
            value = table.get(doc[i:i + width].text.lower())
            if value:
                return value, i + width
    return None


def _institution_mention(doc: Doc, start: int, end: int, owner: str,
                         institution: Institution) -> Mention:
    return Mention(start, end, text_of(doc)[start:end], INSTITUTION_KIND, f"{owner}-{institution.id}")


def institutions_by_key(found) -> Iterator[tuple[str, tuple[str, Institution]]]:
    for mention, owner in found:
        yield mention.key, owner


# --- people ---------------------------------------------------------------------------------

def cluster_people(ents: list[SpacySpan]) -> tuple[list[Mention], list[SpacySpan]]:
    """Person mentions keyed by full name, with surnames and spelling variants attached.

    A multi-word PERSON name defines a person; a later single word (of any label, since the
    NER calls "Pashinián" an ORG) joins the person whose surname it matches. Returns the
    mentions and the entities that named nobody known."""
    full_names: dict[str, str] = {}
    for ent in ents:
        name = _clean_name(ent.text)
        if ent.label_ == "PERSON" and len(name.split()) >= 2:
            full_names.setdefault(_surname_key(name), _person_key(name))
    mentions, leftovers = [], []
    for ent in ents:
        name = _clean_name(ent.text)
        words = name.split()
        if ent.label_ == "PERSON" and len(words) >= 2:
            mentions.append(_mention(ent, PERSON_KIND, _person_key(name)))
        elif len(words) == 1 and _surname_key(name) in full_names:
            mentions.append(_mention(ent, PERSON_KIND, full_names[_surname_key(name)]))
        else:
            leftovers.append(ent)
    return mentions, leftovers


def missed_surnames(doc: Doc, people: list[Mention], others: list[Mention]) -> list[Mention]:
    """Surnames of known people that the NER did not tag ("Pashinyan, in turn, told …")."""
    keys = {_surname_key(m.text): m.key for m in people if len(_clean_name(m.text).split()) >= 2}
    taken = _Occupancy(people + others)
    found = []
    for token in doc:
        if token.pos_ != "PROPN" or taken.overlaps(token.idx, token.idx + len(token)):
            continue
        key = keys.get(_phonetic(token.text))
        if key:
            found.append(Mention(token.idx, token.idx + len(token), token.text, PERSON_KIND, key))
    return found


def _clean_name(text: str) -> str:
    text = re.sub(r"(?:'s|\u2019s|')$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text).strip(" ,.")


def _phonetic(word: str) -> str:
    """A spelling key that joins transliterations: Pashinyan/Pashinián, Aliyev/Aliev."""
    key = normalise(word).replace(" ", "")
    key = key.replace("y", "i").replace("j", "i").replace("kh", "h").replace("w", "v")
    return re.sub(r"(.)\1+", r"\1", key)


def _surname_key(name: str) -> str:
    return _phonetic(name.split()[-1])


def _person_key(name: str) -> str:
    return "person:" + " ".join(_phonetic(w) for w in name.split())


# --- organisations and acronyms ---------------------------------------------------------------

_ACRONYM = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z.&-]{1,9})\b([^()]{0,60})\)")
_ALSO_KNOWN = re.compile(r"(?:also known as|or|aka)\s+([A-Z][A-Za-z.&-]{1,9})\b")


def defined_acronyms(doc: Doc) -> dict[str, str]:
    """Acronyms the text defines after an organisation's name, mapped to that name's key:
    "Collective Security Treaty Organization (CSTO)", "(ODKB in its acronym in Russian)",
    "(ISIL, also known as ISIS)"."""
    found: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        match = _ACRONYM.match(text_of(doc), ent.end_char)
        if not match:
            continue
        long_key = ent.ent_id_ or _clean_org(ent.text).casefold()
        for acronym in [match.group(1), *_ALSO_KNOWN.findall(match.group(2))]:
            found.setdefault(acronym.replace(".", "").casefold(), long_key)
    return found


def _clean_org(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip()).strip(" ,.'\u2019")


def _org_key(text: str, acronyms: dict[str, str]) -> str:
    name = _clean_org(text).casefold()
    return acronyms.get(name.replace(".", ""), name)


# --- building the actors ------------------------------------------------------------------

def _mention(ent: SpacySpan, kind: str, key: str) -> Mention:
    if ent[0].lower_ == "the" and len(ent) > 1:
        ent = ent[1:]
    return Mention(ent.start_char, ent.end_char, ent.text, kind, key)


def _build_actors(doc: Doc, mentions: list[Mention], owners: dict[str, tuple[str, Institution]],
                  gazetteer: Gazetteer, lexicon: ActorLexicon) -> list[Actor]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.start):
        by_key[mention.key].append(mention)
    actors: dict[str, Actor] = {}
    for key, group in by_key.items():
        actor = _actor_for(key, group, owners, gazetteer, lexicon)
        if actor.type == "person":
            actor.title, actor.affiliation = person_title(doc, group, gazetteer, lexicon)
        if actor.id in actors:
            _merge_into(actors[actor.id], actor)
        else:
            actors[actor.id] = actor
    for actor in list(actors.values()):
        if actor.affiliation and actor.affiliation not in actors:
            entry = gazetteer.get(actor.affiliation)
            if entry:
                actors[entry.id] = Actor(id=entry.id, name=entry.name, type=entry.type)
    _score_salience(doc, list(actors.values()))
    return sorted(actors.values(), key=lambda a: (-a.salience, a.id))


def _actor_for(key: str, group: list[Mention], owners: dict, gazetteer: Gazetteer,
               lexicon: ActorLexicon) -> Actor:
    surfaces = [_clean_name(m.text) for m in group]
    mentions = [(m.start, m.end) for m in group]
    kind = group[0].kind
    if kind == ENTRY_KIND:
        entry = gazetteer.get(key)
        return Actor(id=entry.id, name=entry.name, type=entry.type, affiliation=entry.affiliation,
                     aliases=_aliases(entry.name, surfaces), mentions=mentions)
    if kind == INSTITUTION_KIND:
        owner_id, institution = owners[key]
        owner = gazetteer.get(owner_id)
        demonym = owner.demonyms[0] if owner.demonyms else owner.name
        name = f"{demonym} {institution.label}"
        return Actor(id=key, name=name, type=institution.type, affiliation=owner_id,
                     aliases=_aliases(name, [_clean_org(s) for s in surfaces]), mentions=mentions)
    if kind == PERSON_KIND:
        name = max(surfaces, key=lambda s: (len(s.split()), surfaces.count(s), -surfaces.index(s)))
        return Actor(id=slugify(name) or "person", name=name, type="person",
                     aliases=_aliases(name, surfaces), mentions=mentions)
    entry = gazetteer.get(key)
    if entry:   # an acronym defined in the text for a gazetteer organisation
        return Actor(id=entry.id, name=entry.name, type=entry.type, affiliation=entry.affiliation,
                     aliases=_aliases(entry.name, surfaces), mentions=mentions)
    names = [_clean_org(s) for s in surfaces]
    name = max(names, key=lambda s: (len(s), -names.index(s)))
    return Actor(id=slugify(name) or "organisation", name=name, type=organisation_type(name, lexicon),
                 aliases=_aliases(name, names), mentions=mentions)


def organisation_type(name: str, lexicon: ActorLexicon) -> str:
    words = [w.casefold() for w in re.findall(r"[\w']+", name)]
    for word in reversed(words):
        if word in lexicon.organisation_types:
            return lexicon.organisation_types[word]
    return "other"


def _aliases(name: str, surfaces: list[str]) -> list[str]:
    seen = {name}
    aliases = []
    for surface in surfaces:
        if surface and surface not in seen:
            seen.add(surface)
            aliases.append(surface)
    return aliases


def _merge_into(actor: Actor, other: Actor) -> None:
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


# --- titles and affiliations of people ------------------------------------------------------

def person_title(doc: Doc, group: list[Mention], gazetteer: Gazetteer,
                 lexicon: ActorLexicon) -> tuple[Optional[str], Optional[str]]:
    """The office and the state or organisation written beside any mention of the person."""
    title = affiliation = None
    for mention in group:
        found = _title_before(doc, mention, gazetteer, lexicon) or \
            _title_after(doc, mention, gazetteer, lexicon)
        if found:
            title = title or found[0]
            affiliation = affiliation or found[1]
        if title and affiliation:
            break
    return title, affiliation


_LEFT_WINDOW = 10


def _title_before(doc: Doc, mention: Mention, gazetteer: Gazetteer, lexicon: ActorLexicon):
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    end = span.start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    return _title_ending_at(doc, max(span.sent.start, end - _LEFT_WINDOW), end, gazetteer, lexicon)


def _title_after(doc: Doc, mention: Mention, gazetteer: Gazetteer, lexicon: ActorLexicon):
    """Appositions: "Hami Aksoy, the Turkish foreign ministry spokesman"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    stop = min(span.sent.end, i + 1 + _LEFT_WINDOW)
    for end in range(stop, i + 1, -1):
        if doc[end - 1].text in (",", "."):
            continue
        found = _title_ending_at(doc, i + 1, end, gazetteer, lexicon, whole=True)
        if found:
            return found
    return None


def _title_ending_at(doc: Doc, lo: int, end: int, gazetteer: Gazetteer, lexicon: ActorLexicon,
                     whole: bool = False):
    """A title form ending at token ``end``, with an owner (demonym, state, organisation,
    possessive) just before it. With ``whole`` the phrase must start at ``lo``."""
    for start in range(lo, end):
        form = doc[start:end].text.lower()
        canonical = lexicon.titles.get(form)
        if not canonical:
            continue
        owner_tokens = [t for t in doc[lo:start] if t.text not in ("'s", "\u2019s")]
        while owner_tokens and owner_tokens[0].lower_ in ("the", "a", "an", "former", "then"):
            owner_tokens = owner_tokens[1:]
        if whole and len(owner_tokens) > 4:
            continue
        return canonical, _owner_of_title(_adjacent(owner_tokens), gazetteer)
    return None


def _adjacent(tokens: list[Token]) -> list[Token]:
    """The words right before a title, back to a line break or punctuation."""
    kept: list[Token] = []
    for token in reversed(tokens):
        if token.is_space or "\n" in token.whitespace_ or (token.is_punct and token.text not in "-."):
            break
        kept.insert(0, token)
    return kept[-3:]


def _owner_of_title(tokens: list[Token], gazetteer: Gazetteer) -> Optional[str]:
    for width in range(len(tokens), 0, -1):
        for start in range(0, len(tokens) - width + 1):
            words = " ".join(t.text for t in tokens[start:start + width])
            entry = gazetteer.demonym(words) or gazetteer.lookup(words)
            if entry and entry.type != "media":
                return entry.id
    return None


# --- places ---------------------------------------------------------------------------------

def _is_locative(ent: SpacySpan) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS


def _is_known_city(ent: SpacySpan) -> bool:
    """A lone name that is a city and does not speak: "Russian shelling of Kharkiv"."""
    return len(ent) == 1 and ent.root.dep_ not in ("nsubj", "nsubjpass") \
        and normalise(ent.text) in city_names()


def _has_place_apposition(ent: SpacySpan) -> bool:
    """"Stepanakert, the capital of the enclave"."""
    doc = ent.doc
    i = ent.end
    window = doc[i:i + 4]
    return len(window) > 1 and window[0].text == "," and any(t.lower_ in PLACE_NOUNS for t in window[1:])


def _build_places(ents: list[SpacySpan]) -> list[Place]:
    by_name: dict[str, Place] = {}
    for ent in ents:
        name = _clean_org(ent.text)
        if not name:
            continue
        place = by_name.setdefault(normalise(name), Place(name=name))
        place.mentions.append((ent.start_char, ent.end_char))
    return sorted(by_name.values(), key=lambda p: p.mentions[0])


class _Occupancy:
    """Character ranges already claimed by a longer mention."""

    def __init__(self, mentions: Iterable[Mention]):
        self.ranges = sorted((m.start, m.end) for m in mentions)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ranges)
