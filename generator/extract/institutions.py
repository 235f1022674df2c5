"""State bodies named through their state: "the Azerbaijani Defense Ministry", "Armenian
forces", "the Ministry of Defense of Armenia" (the forms in ``lexicon/institutions.yaml``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..nlp import span_text, tokens_of


@dataclass(frozen=True)
class Institution:
    id: str
    label: str
    type: str


def state_bodies(doc: Doc, gazetteer: Gazetteer, institutions: dict[str, Institution]
                 ) -> Iterator[tuple[int, int, str, Institution]]:
    """State bodies written as <state or demonym> <body>, or <body> of <state>: where each
    starts and ends (characters), the state's id and the body, ``institutions`` mapping each
    lower-case form to its body."""
    forms = sorted(institutions, key=lambda f: -len(f.split()))
    longest = max(len(f.split()) for f in forms)
    i = 0
    while i < len(doc):
        # Both forms start with a capital: "Azerbaijani Defense Ministry", "Ministry of Defense of …".
        found = _institution_at(doc, i, gazetteer, institutions, longest) \
            if doc[i].text[:1].isupper() else None
        if found:
            yield found
            i = doc.char_span(found[0], found[1], alignment_mode="expand").end
        else:
            i += 1


def _institution_at(doc: Doc, i: int, gazetteer: Gazetteer, institutions: dict[str, Institution],
                    longest: int) -> Optional[tuple[int, int, str, Institution]]:
    owner, after = _owner_at(doc, i, gazetteer)
    if owner:
        if after < len(doc) and doc[after].text in ("'s", "\u2019s"):
            after += 1
        body = _longest_form(doc, after, institutions, longest)
        if body:
            institution, end = body
            start = doc[i - 1].idx if i > 0 and doc[i - 1].lower_ == "the" else doc[i].idx
            return start, doc[end - 1].idx + len(doc[end - 1]), owner, institution
    body = _longest_form(doc, i, institutions, longest)
    if body and body[1] + 1 < len(doc) and doc[body[1]].lower_ == "of":
        institution, end = body
        owner, after = _owner_at(doc, end + 1, gazetteer, allow_the=True)
        if owner and doc[i].text[:1].isupper():
            last = doc[after - 1]
            return doc[i].idx, last.idx + len(last), owner, institution
    return None


def _owner_at(doc: Doc, i: int, gazetteer: Gazetteer, allow_the: bool = False) -> tuple[Optional[str], int]:
    """The state or region that tokens from ``i`` name (as a name or a demonym), and where they end."""
    words = tokens_of(doc)
    if allow_the and i < len(doc) and words[i].lower_ == "the":
        i += 1
    if i >= len(doc) or not words[i].text[:1].isupper() or not gazetteer.may_begin_name(words[i].text):
        return None, i
    for width in (3, 2, 1):
        if i + width > len(doc):
            continue
        name = span_text(doc, i, i + width)
        entry = gazetteer.demonym(name) or gazetteer.lookup(name)
        if entry and entry.type in ("state", "region") and not gazetteer.is_metonym(name):
            if _hyphenated(doc, i + width):
                return None, i     # "the Turkey-based opposition": a word made with the name
            return entry.id, i + width
    return None, i


def _hyphenated(doc: Doc, end: int) -> bool:
    """Whether the name ending before token ``end`` runs on into a hyphen ("Turkey-based")."""
    return doc[end - 1].text.endswith("-") or end < len(doc) and doc[end].text == "-" \
        and not doc[end - 1].whitespace_


def _longest_form(doc: Doc, i: int, table: dict, longest: int):
    for width in range(longest, 0, -1):
        if i + width <= len(doc):
            value = table.get(span_text(doc, i, i + width).lower())
            if value:
                return value, i + width
    return None
