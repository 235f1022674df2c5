"""People in an article: one person per full name, with the surnames, first names and
spelling variants that name them (Pashinyan, Pashinián → Nikol Pashinyan), and the mentions
every kind of actor is built from.

A surname two people share is the one named in full last ("Assad" after "Hafez al-Assad",
then "his son Bashar al-Assad"), and neither where both are named in full in its paragraph; a
relative named in passing as someone else's ("Bashar's father, Hafez al-Assad", "Hafez
al-Assad, the current president's father") lends the family name only in that paragraph; an
article with one name ("Al Gharafa", "Al Thani") is a person only as the end of a full name,
or where the name stands alone too ("the Rev. Al Sharpton" … "Sharpton").
Misses: people named only by a description, nicknames other than the short given names of
names.yaml ("Joe" for "Joseph"), and a "Jr." (kept: it tells a son from his father)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from spacy.tokens import Doc, Span as SpacySpan

from ..datafile import parse_yaml
from ..gazetteer import normalise
from ..nlp import entities, text_of, tokens_of

PERSON_KIND = "person"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str
    key: str                 # what identifies the actor within the article
    reach: Optional[int] = None   # a relative named in passing: the end of the paragraph beyond
                                  # which the full name no longer gives a bare surname its bearer


def mention_of(ent: SpacySpan, kind: str, key: str) -> Mention:
    """The mention an entity makes, without the "the" the NER may have put before the name."""
    if ent[0].lower_ == "the" and len(ent) > 1:
        ent = ent[1:]
    return Mention(ent.start_char, ent.end_char, ent.text, kind, key)


def cluster_people(ents: list[SpacySpan], kin_nouns: frozenset[str]
                   ) -> tuple[list[Mention], list[SpacySpan]]:
    """Person mentions keyed by full name, with surnames and spelling variants attached.

    A multi-word PERSON name defines a person; a later single word (of any label, since the
    NER calls "Pashinián" an ORG) joins the person whose surname it matches. A surname two
    people share ("Hasan" after "Omar Hasan" and "Rami Hasan") is the one named in full most
    recently, and nobody's mention where that cannot be told (``last_named_in_full``). Returns
    the mentions and the entities that named nobody known."""
    first_names: dict[str, set[str]] = defaultdict(set)
    keys = sorted({person_key(clean_name(e.text)) for e in ents
                   if e.label_ == "PERSON" and len(clean_name(e.text).split()) >= 2},
                  key=lambda k: (-len(k.split()), k))
    full = [(e.start_char, clean_name(e.text), _reach(e, kin_nouns)) for e in ents if e.label_ == "PERSON"]
    for ent in ents:
        name = clean_name(ent.text)
        if ent.label_ == "PERSON" and len(name.split()) >= 2:
            first_names[_phonetic(name.split()[0])].add(_longer_name(person_key(name), keys))
    alone = {_phonetic(clean_name(e.text)) for e in ents
             if e.label_ in ("PERSON", "ORG") and len(clean_name(e.text).split()) == 1}
    mentions, leftovers = [], []
    for ent in ents:
        name = clean_name(ent.text)
        words = name.split()
        bearer = _surname_bearer(text_of(ent.doc), ent.start_char, name, full, keys) \
            if len(words) == 1 else None
        if ent.label_ == "PERSON" and _family_name(words, alone, keys) and _longer_name(person_key(name), keys) \
                == person_key(name):
            leftovers.append(SpacySpan(ent.doc, ent.start, ent.end, label="ORG"))
        elif ent.label_ == "PERSON" and len(words) >= 2:
            mention = mention_of(ent, PERSON_KIND, _longer_name(person_key(name), keys))
            mention.reach = _reach(ent, kin_nouns)
            mentions.append(mention)
        elif bearer is not None:
            if bearer:
                mentions.append(mention_of(ent, PERSON_KIND, bearer))
        elif len(words) == 1 and ent.label_ in ("PERSON", "ORG") \
                and len(first_names.get(_phonetic(name), ())) == 1:
            # "Juan added …" after "Juan Guaido", "Baraa's father" after "Baraa Zayani" (which the
            # NER tags an organisation): the one person of that first name
            mentions.append(mention_of(ent, PERSON_KIND, next(iter(first_names[_phonetic(name)]))))
        else:
            leftovers.append(ent)
    return mentions, leftovers


def _surname_bearer(text: str, start: int, surname: str,
                    full: list[tuple[int, str, Optional[int]]], keys: list[str]) -> Optional[str]:
    """The key of the person a bare surname at ``start`` names, of the full names ``full``
    (where each is written, the name, where a relative's stops naming: ``_reach``) in the
    article: None when nobody has that surname, "" when people of different first names have
    it and the text does not tell which."""
    bearers: dict[str, tuple[str, list[int]]] = {}     # first name → key, where named in full
    for at, name, reach in full:
        if reach is not None and not at < start <= reach:
            continue
        if len(name.split()) >= 2 and _surname_key(name) == _surname_key(surname):
            _, starts = bearers.setdefault(person_key(name).split()[0],
                                           (_longer_name(person_key(name), keys), []))
            starts.append(at)
    if len(bearers) <= 1:
        return next(iter(bearers.values()))[0] if bearers else None
    return last_named_in_full(text, start, dict(bearers.values())) or ""


def last_named_in_full(text: str, start: int, named_at: dict[str, list[int]]) -> Optional[str]:
    """Of people sharing a family name (who → where each is named in full), the one a bare
    family name at ``start`` names: the one named in full most recently before it; nobody when
    two were named in full in its own paragraph, or none before it."""
    last = {who: max(s for s in starts if s < start) for who, starts in named_at.items()
            if any(s < start for s in starts)}
    ranked = sorted(last, key=last.get, reverse=True)
    if not ranked or (len(ranked) > 1 and last[ranked[1]] > text.rfind("\n\n", 0, start)):
        return None
    return ranked[0]


def _reach(ent: SpacySpan, kin_nouns: frozenset[str]) -> Optional[int]:
    """Where a full name stops naming the bearer of its bare surname: the end of its paragraph
    for a relative named in passing, in apposition to a kinship noun that someone else's name
    or description possesses ("Bashar's father, Hafez al-Assad"; "Hafez al-Assad, the current
    president's father"); never for one whose kin is a pronoun ("His son Bashar al-Assad took
    over" names who the article goes on about)."""
    root = ent.root
    kin = ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
    kin = [t for t in kin if t.lower_ in kin_nouns]
    if not any(c.dep_ == "poss" and c.tag_ != "PRP$" for k in kin for c in k.children) \
            or _kin_of_another_family(ent, kin):
        return None
    text = text_of(ent.doc)
    end = text.find("\n\n", ent.end_char)
    return len(text) if end < 0 else end


def _kin_of_another_family(ent: SpacySpan, kin: list) -> bool:
    """"Jared Kushner, US President's Donald Trump son-in-law", "Moncef Abidi, Rabhi's brother":
    the one whose relative this is bears another family name, named in full in the phrase or
    by the surname of someone the article names in full (not "Bashar's father": Bashar is a
    first name), so no relative shares the bare surname ("Kushner failed …" is still Jared
    Kushner)."""
    own = _surname_key(clean_name(ent.text))
    phrase = {t.i for word in kin for t in word.subtree}
    full_names = [clean_name(e.text) for e in entities(ent.doc)
                  if e.label_ == "PERSON" and len(clean_name(e.text).split()) >= 2]
    for e in entities(ent.doc):
        if e.label_ != "PERSON" or e.start == ent.start or not phrase.intersection(range(e.start, e.end)):
            continue
        name = clean_name(e.text)
        if len(name.split()) >= 2 and _surname_key(name) != own:
            return True
        if len(name.split()) == 1 and _surname_key(name) != own and \
                any(_surname_key(full) == _surname_key(name) for full in full_names):
            return True
    return False


def _family_name(words: list[str], alone: set[str], keys: list[str]) -> bool:
    """"Al Gharafa", "Al Thani": the article and one name are a family's or a club's name, a
    person's only as the end of their full name ("Tamim bin Hamad Al Thani"), or where the name
    stands alone elsewhere (the NER may call it an organisation) and no other full name ends
    with it ("the Rev. Al Sharpton" … "with Sharpton": "Al" is his given name)."""
    if len(words) != 2 or words[0].lower() not in ("al", "el"):
        return False
    surname = _phonetic(words[1])
    return surname not in alone or any(k.split()[-1] == surname for k in keys if k.split()[0] != "person:al")


def _longer_name(key: str, keys: list[str]) -> str:
    """The one longer name that ends with this one ("Ben Salem" of "Ahmad Ben Salem"), has its
    first and last names with middle names between ("Hillary Clinton" of "Hillary Rodham
    Clinton", "Donald Trump" of "Donald J. Trump") or opens with its two or more words, a given
    name without the family or tribe ("Abdul Wahid" of "Abdul Wahid Mehsud"); the name itself
    when none or several do."""
    words = key[len("person:"):].split()
    longer = [k for k in keys if len(k.split()) > len(key.split())
              and _within(words, k[len("person:"):].split())]
    return longer[0] if len(longer) == 1 else key


def _within(words: list[str], longer: list[str]) -> bool:
    return longer[-len(words):] == words or (len(words) >= 2 and longer[:len(words)] == words) or \
        (len(words) == 2 and longer[0] == words[0] and longer[-1] == words[-1])


def missed_surnames(doc: Doc, people: list[Mention], others: list[Mention]) -> list[Mention]:
    """Surnames of known people that the NER did not tag ("Pashinyan, in turn, told …"), as
    ``_surname_bearer`` tells whose."""
    full = [(m.start, clean_name(m.text), m.reach) for m in people]
    keys = sorted({m.key for m in people}, key=lambda k: (-len(k.split()), k))
    taken = Occupancy(people + others)
    found = []
    for token in tokens_of(doc):
        if token.pos_ != "PROPN" or taken.overlaps(token.idx, token.idx + len(token)):
            continue
        key = _surname_bearer(text_of(doc), token.idx, token.text, full, keys)
        if key:
            found.append(Mention(token.idx, token.idx + len(token), token.text, PERSON_KIND, key))
    return found


def clean_name(text: str) -> str:
    """The name without a possessive, a leading "the" or an editor's brackets ("[Zine al-Abidine]
    Ben Ali")."""
    text = re.sub(r"(?:'s|\u2019s|')$", "", re.sub(r"\[|\]", "", text).strip())
    return re.sub(r"^(?:the|The)\s+", "", text).strip(" ,.")


# Memoised, as ``normalise`` is: a bare surname is weighed against every full name of the article.
@lru_cache(maxsize=1 << 16)
def _phonetic(word: str) -> str:
    """A spelling key that joins transliterations: Pashinyan/Pashinián, Aliyev/Aliev."""
    key = normalise(word).replace(" ", "")
    key = key.replace("y", "i").replace("j", "i").replace("kh", "h").replace("w", "v")
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=1 << 16)
def _surname_key(name: str) -> str:
    """The last name without an article joined to it: "al-Assad" and "Assad" are one key."""
    return _phonetic(re.sub(r"^(?:al|el| al|ul)[-\u2010\u2011]", "", name.split()[-1], flags=re.I))


def person_key(name: str) -> str:
    """The name's spelling key, a short given name read as the full one ("Joe Biden" is
    "Joseph Biden") when a surname follows."""
    words = name.split()
    if len(words) >= 2:
        words[0] = _full_given_names().get(words[0].casefold(), words[0])
    return "person:" + " ".join(_phonetic(w) for w in words)


@lru_cache(maxsize=1)
def _full_given_names() -> dict[str, str]:
    """Short given name → the full one (names.yaml ``short_given_names``)."""
    path = resources.files("generator.data").joinpath("lexicon", "names.yaml")
    table = parse_yaml(path.read_text(encoding="utf-8"))["short_given_names"]
    return {short: full for full, shorts in table.items() for short in shorts}



class Occupancy:
    """Character ranges already claimed by a longer mention."""

    def __init__(self, mentions: Iterable[Mention]):
        self.ranges = sorted((m.start, m.end) for m in mentions)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ranges)
