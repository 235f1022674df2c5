"""Organisations' names: the name without its article and stray punctuation, its type from the
words that type bodies, and the other names the text gives it (acronyms defined after it,
initials, a name in brackets), so that every name of one body is one key."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..gazetteer import Gazetteer
from ..nlp import text_of
from .people import Mention

_ACRONYM = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z.&-]{1,9})\b([^()]{0,60})\)")
_ALSO_KNOWN = re.compile(r"(?:also known as|or|aka)\s+([A-Z][A-Za-z.&-]{1,9})\b")


def defined_acronyms(doc: Doc, ents: Iterable[SpacySpan]) -> dict[str, str]:
    """Acronyms and other names the text gives an organisation (as repaired), mapped to that
    name's key: defined after it ("Collective Security Treaty Organization (CSTO)", "(ODKB in
    its acronym in Russian)", "(ISIL, also known as ISIS)", "Failaq al-Rahman (the Rahman
    Legion)"), or the initials of its capitalised words ("the E.P.R.P." of the "Ethiopian
    People's Revolutionary Party")."""
    found: dict[str, str] = {}
    text = text_of(doc)
    organisations = [ent for ent in ents if ent.label_ == "ORG"]
    for ent in organisations:
        match = _ACRONYM.match(text, ent.end_char)
        if not match:
            continue
        long_key = ent.ent_id_ or clean_org(ent.text).casefold()
        for acronym in [match.group(1), *_ALSO_KNOWN.findall(match.group(2))]:
            found.setdefault(acronym_key(acronym), long_key)
        other_name = (match.group(1) + match.group(2)).strip()
        if len(other_name.split()) > 1 and all(w[:1].isupper() for w in other_name.split()):
            found.setdefault(other_name.casefold(), long_key)
    for ent in organisations:
        initials = "".join(w[0] for w in clean_org(ent.text).split() if w[:1].isupper())
        if len(initials) >= _INITIALS and not ent.ent_id_:
            found.setdefault(initials.casefold(), clean_org(ent.text).casefold())
    return found


_INITIALS = 3


def acronym_key(text: str) -> str:
    return clean_org(text).replace(".", "").casefold()


def names_something(name: str, particles: frozenset[str]) -> bool:
    """A name opens with a capital or a particle ("al-Qaeda"); "camel's milk", "iPhones" are
    things the NER took for organisations."""
    first = re.split(r"[\s-]", name, maxsplit=1)[0] if name else ""
    return bool(first) and (first[:1].isupper() or first.lower() in particles)


def spelt_out_acronym(ent: SpacySpan) -> bool:
    """"Ansar Beit al Maqdis (ABM)": a name the text gives an acronym of its capitalised words'
    initials names an organisation; people have no acronyms."""
    match = _ACRONYM.match(text_of(ent.doc), ent.end_char)
    initials = "".join(t.text[0] for t in ent if t.text[:1].isupper())
    return match is not None and len(initials) >= 2 and match.group(1).replace(".", "") == initials


def names_a_thing(ent: SpacySpan, document_nouns: frozenset[str]) -> bool:
    """"the State of the Union address": a name right before a document or meeting noun names
    that thing, not an organisation."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.pos_ == "NOUN" and after.lower_ in document_nouns


def clean_org(text: str) -> str:
    """The name without "the" and without the punctuation the NER leaves at its ends (a comma,
    the bracket that opens its acronym: "Rescue Association of Tunisians Trapped Abroad (")."""
    return re.sub(r"^(?:the|The|an?)\s+", "", text.strip()).strip(" ,.'\u2019(")


def org_key(text: str, acronyms: dict[str, str]) -> str:
    name = clean_org(text).casefold()
    return acronyms.get(name.replace(".", "")) or acronyms.get(name, name)


def organisation_type(name: str, types: dict[str, str], faith_words: frozenset[str]) -> str:
    """The type its last typing word gives ("news agency" before "agency"); a body named for a
    faith is no government ("the French Council of the Muslim Faith")."""
    words = [w.casefold() for w in re.findall(r"[\w']+", name)]
    for i in range(len(words) - 1, -1, -1):
        for phrase in (" ".join(words[i - 1:i + 1]) if i else None, words[i]):
            if phrase in types:
                kind = types[phrase]
                return "ngo" if kind == "government" and faith_words.intersection(words) else kind
    return "other"


CIVIL_KINDS = ("media", "group", "armed_group", "ngo")   # what a describing noun may say a body is


def described_kind(ent: SpacySpan, types: dict[str, str]) -> Optional[str]:
    """The kind of body a common noun in apposition with a name says it is: "the Russian daily
    Komsomolskaya Pravda", "the neo-fascist group CasaPound", "Il Primato Nazionale, a news
    website". Only civil kinds: a state body needs its state ("the council X" says no whose)."""
    noun = _describing_noun(ent)
    if noun is None:
        return None
    before = noun.doc[noun.i - 1].lower_ if noun.i else ""
    kind = types.get(f"{before} {noun.lower_}") or types.get(noun.lower_)
    return kind if kind in CIVIL_KINDS else None


def offshoot_kind(ent: SpacySpan, offshoot_nouns: frozenset[str], gazetteer: Gazetteer) -> Optional[str]:
    """The kind of the known body a name is described as a part or offshoot of: "Ansar Beit al
    Maqdis (ABM), an affiliate of the Islamic State" is an armed group, "the youth wing of
    Fatah" a party body. Only civil kinds, as for ``described_kind``."""
    noun = _describing_noun(ent)
    if noun is None or noun.lower_ not in offshoot_nouns:
        return None
    parents = [gazetteer.get(t.ent_id_) for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for t in c.children if t.dep_ == "pobj" and t.ent_id_]
    kinds = [entry.type for entry in parents if entry is not None]
    return kinds[0] if kinds and kinds[0] in CIVIL_KINDS else None


def described_as_someone(ent: SpacySpan, person_nouns: frozenset[str]) -> bool:
    """A name in apposition with a noun only people are ("Fethullah Gulen, the popular US-based
    preacher", "Farhana Khera, executive director of …"): a person's name, whatever the NER
    labelled it."""
    noun = _describing_noun(ent)
    return noun is not None and noun.lemma_.lower() in person_nouns


def _describing_noun(ent: SpacySpan) -> Optional[Token]:
    """The common noun a name is in apposition with, before it ("the Italian daily, La Stampa",
    "the group CasaPound") or after it ("Il Primato Nazionale, a news website"); not a noun
    the name qualifies ("party leader Roberto Fiore": the leader is no party)."""
    root = ent.root
    if root.dep_ == "appos" and root.head.i < ent.start and _common_noun(root.head):
        return root.head
    after = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end and _common_noun(c)]
    if after:
        return after[0]
    before = ent.doc[ent.start - 1] if ent.start else None
    if before is not None and _common_noun(before) and before.dep_ in ("amod", "compound") \
            and ent.start <= before.head.i < ent.end:
        return before
    return None


def _common_noun(token: Token) -> bool:
    """A lower-case noun (or "daily", which the tagger reads as an adjective)."""
    return token.text.islower() and token.pos_ in ("NOUN", "ADJ")


def bare_heads(organisations: list[Mention], entries: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """"The Council said" after "the UN Security Council": a body's capitalised head word alone
    is the one body the article names whose name ends with it (when only one does)."""
    names = {m.key: gazetteer.get(m.key).name for m in entries} | {m.key: clean_org(m.text) for m in organisations}
    for mention in organisations:
        word = clean_org(mention.text).casefold()
        if len(word.split()) != 1:
            continue
        bearers = {key for key, name in names.items()
                   if key != mention.key and len(name.split()) > 1 and name.split()[-1].casefold() == word}
        if len(bearers) == 1:
            mention.key = bearers.pop()
    return organisations


def with_state_named_keys(organisations: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """"the National Human Rights Committee" after "Qatar National Human Rights Committee" is
    that body: a name that another organisation's name ends with, after a state's name or
    demonym, takes that organisation's key (when only one does)."""
    keys = {m.key for m in organisations}
    longer: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        words = key.split()
        for width in (1, 2):
            state = " ".join(words[:width])
            entry = gazetteer.lookup(state) or gazetteer.demonym(state)
            rest = " ".join(words[width:])
            if entry and entry.type == "state" and rest in keys and len(words) - width >= 2:
                longer[rest].add(key)
    for mention in organisations:
        if len(longer.get(mention.key, ())) == 1:
            mention.key = next(iter(longer[mention.key]))
    return organisations
