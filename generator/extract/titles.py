"""Titles and affiliations of people, only where the text gives them to this person.

Read from the words beside a mention: a title written before the name ("US Secretary of State
Rex Tillerson", "Pentagon spokesman Colonel Rob Manning": an office before a rank wins), an
apposition after it ("Hami Aksoy, the Turkish foreign ministry spokesman", "Ibrahim Fraihat, an
analyst at the Doha Institute"), a relation that gives the side but no office ("his Turkish
counterpart, Mevlut Cavusoglu") and a possessor ("Al Jazeera's Jamal Elshayyal"). Nothing is
guessed: no default title, no title of a neighbouring name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer
from ..datafile import parse_yaml
from ..nlp import span_text, tokens_of

# A function from a character range to the actor id named there (organisations, bodies, states).
ActorAt = Callable[[int, int], Optional[str]]

_LEFT_WINDOW = 10
_OWNER_WORDS = 4
_SKIPPED = {"the", "a", "an", "former", "then", "his", "her", "their", "its", "senior", "top", "chief"}
_AFFILIATION_PREPOSITIONS = {"at", "of", "for", "with", "from"}


@dataclass(frozen=True)
class TitleLexicon:
    offices: dict[str, str]      # lower-case form → display title
    ranks: dict[str, str]        # lower-case form → display rank
    relations: frozenset[str]    # words that give a side but no office
    honorifics: frozenset[str]   # "Sheikh", "Prince": passed over, never shown
    qualifiers: frozenset[str]   # words before an office that belong to it ("deputy")
    longest: int                 # tokens in the longest form
    past: frozenset[str] = frozenset()   # "former", "ex": an office no longer held

    def names_office(self, word: str) -> bool:
        return word in self.offices or word in self.ranks or word in self.honorifics


def load_title_lexicon(path: Path) -> TitleLexicon:
    data = parse_yaml(path.read_text(encoding="utf-8"))

    def table(key: str) -> dict[str, str]:
        return {form.lower(): t["canonical"] for t in data.get(key, []) for form in t["forms"]}
    offices, ranks, relations = table("titles"), table("ranks"), frozenset(data.get("relations", []))
    honorifics = frozenset(data.get("honorifics", []))
    longest = max(len(re.findall(r"\w+|[^\w\s]", f)) for f in [*offices, *ranks, *relations, *honorifics])
    return TitleLexicon(offices, ranks, relations, honorifics, frozenset(data.get("qualifiers", [])),
                        longest, frozenset(data.get("past", [])))


@dataclass(frozen=True)
class Found:
    title: Optional[str]
    affiliation: Optional[str]
    rank: bool = False


def person_title(doc: Doc, mentions: list[tuple[int, int]], gazetteer: Gazetteer,
                 lexicon: TitleLexicon, actor_at: ActorAt) -> tuple[Optional[str], Optional[str]]:
    """The office and the state or organisation written beside the person's mentions. An office
    beats a rank; the first mention that gives one decides."""
    found: list[Found] = []
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for item in (title_before(doc, span.start, gazetteer, lexicon, actor_at),
                     title_after(doc, span.end, gazetteer, lexicon, actor_at),
                     possessor(doc, span.start, actor_at)):
            if item:
                found.append(item)
    offices = [f for f in found if f.title and not f.rank]
    ranks = [f for f in found if f.title and f.rank]
    title = (offices or ranks or [Found(None, None)])[0].title
    affiliation = next((f.affiliation for f in found if f.affiliation), None)
    return title, affiliation


def title_before(doc: Doc, start: int, gazetteer: Optional[Gazetteer], lexicon: TitleLexicon,
                 actor_at: ActorAt) -> Optional[Found]:
    """"Turkish President Recep Tayyip Erdogan", "his Turkish counterpart, Mevlut Cavusoglu"."""
    end = start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    lo = max(doc[start].sent.start, end - _LEFT_WINDOW)
    found = _form_ending_at(doc, lo, end, lexicon)
    if found is None:
        return None
    form_start, title, rank = found
    if rank:    # an office right before the rank is the person's title: "spokesman Colonel X"
        before = form_start - 1 if form_start > lo and doc[form_start - 1].text == "," else form_start
        office = _form_ending_at(doc, lo, before, lexicon)
        if office and not office[2]:
            form_start, title, rank = office
    form_start, title = _qualified(doc, lo, form_start, title, lexicon)
    owner = _owner_of(_adjacent(doc[lo:form_start]), gazetteer, actor_at)
    return Found(_in_time(doc, lo, form_start, title, lexicon), owner, rank)


def title_after(doc: Doc, end: int, gazetteer: Optional[Gazetteer], lexicon: TitleLexicon,
                actor_at: ActorAt) -> Optional[Found]:
    """Appositions: "Hami Aksoy, the Turkish foreign ministry spokesman", "Nuri Mahmoud, a
    spokesman for the YPG". The title is the first one after a few modifiers; "at", "of" or
    "for" an organisation after it names the affiliation."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    sent_end = doc[end].sent.end
    i = end + 1
    modifiers: list[Token] = []
    while i < sent_end and len(modifiers) <= _OWNER_WORDS:
        form = _form_starting_at(doc, i, sent_end, lexicon)
        if form:
            form_end, title, rank = form
            if form_end < len(doc) and doc[form_end].text in ("'s", "\u2019s"):
                return None     # "…, an adviser to President Saleh's …": another person's title
            i, title = _qualified(doc, end + 1, i, title, lexicon)
            owner = _owner_of(_adjacent(doc[end + 1:i]), gazetteer, actor_at) \
                or _organisation_after(doc, form_end, sent_end, actor_at)
            return Found(_in_time(doc, end + 1, i, title, lexicon), owner, rank)
        token = doc[i]
        if token.is_punct and token.text not in "-'\u2019" or token.pos_ in ("ADP", "VERB", "AUX", "PRON"):
            return None
        if token.lower_ not in _SKIPPED:
            modifiers.append(token)
        i += 1
    return None


def possessor(doc: Doc, start: int, actor_at: ActorAt) -> Optional[Found]:
    """"Al Jazeera's Jamal Elshayyal": the possessor is the person's organisation."""
    if start < 2 or doc[start - 1].text not in ("'s", "\u2019s"):
        return None
    owner = doc[start - 2]
    first = owner.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    affiliation = actor_at(doc[first].idx, owner.idx + len(owner))
    return Found(None, affiliation) if affiliation else None


def _form_ending_at(doc: Doc, lo: int, end: int, lexicon: TitleLexicon):
    """(start token, title, is a rank) of the longest title form ending right before ``end``."""
    for start in range(max(lo, end - lexicon.longest), end):
        found = _lookup(span_text(doc, start, end), lexicon)
        if found:
            return (start, *found)
    return None


def _form_starting_at(doc: Doc, i: int, limit: int, lexicon: TitleLexicon):
    for width in range(min(lexicon.longest, limit - i), 0, -1):
        found = _lookup(span_text(doc, i, i + width), lexicon)
        if found:
            return (i + width, *found)
    return None


def _lookup(text: str, lexicon: TitleLexicon) -> Optional[tuple[Optional[str], bool]]:
    form = text.lower()
    if form in lexicon.offices:
        return lexicon.offices[form], False
    if form in lexicon.ranks and text[:1].isupper():
        return lexicon.ranks[form], True
    if form in lexicon.honorifics and text[:1].isupper():
        return None, True
    if form in lexicon.relations:
        return None, False
    return None


def _qualified(doc: Doc, lo: int, start: int, title: Optional[str],
               lexicon: TitleLexicon) -> tuple[int, Optional[str]]:
    """"deputy assistant secretary of state": qualifiers before an office join its title, not
    a preposition spelt as one that opens a phrase before the clause ("Under President Joe
    Biden, the US …")."""
    if title is None:
        return start, title
    words = []
    while start > lo and doc[start - 1].lower_ in lexicon.qualifiers \
            and doc[start - 1].lower_ not in title.lower().split() and not _fronted_phrase(doc[start - 1]):
        start -= 1
        words.insert(0, doc[start].text.capitalize())
    return start, " ".join(words + [title])


def _fronted_phrase(word) -> bool:
    """A preposition heading a phrase a comma closes before the clause: "Under President X, …"."""
    after = word.right_edge.i + 1
    return word.dep_ == "prep" and after < len(word.doc) and word.doc[after].text == ","


def _in_time(doc: Doc, lo: int, start: int, title: Optional[str],
             lexicon: TitleLexicon) -> Optional[str]:
    """"former US President X", "X, the ex-minister": the title of an office no longer held
    says so ("Former President"), never the office as if it were held now."""
    if title is None:
        return None
    for token in reversed(doc[lo:start]):
        if token.lower_ in lexicon.past:
            return f"Former {title}"
        if token.is_space or "\n" in token.whitespace_ or (token.is_punct and token.text != "-"):
            break
    return title


def _adjacent(tokens) -> list[Token]:
    """The words right before a title, back to a line break, a determiner or punctuation."""
    kept: list[Token] = []
    for token in reversed(list(tokens)):
        if token.is_space or "\n" in token.whitespace_ or (token.is_punct and token.text not in "-."):
            break
        if token.text in ("'s", "\u2019s"):
            continue
        if token.lower_ in _SKIPPED:
            break
        kept.insert(0, token)
    return kept[-3:]


def _owner_of(tokens: list[Token], gazetteer: Optional[Gazetteer], actor_at: ActorAt) -> Optional[str]:
    """The state or organisation the words before a title name: a demonym, a name, an acronym."""
    if not tokens or gazetteer is None:
        return None
    doc = tokens[0].doc
    first = tokens[0].i - 1 if tokens[0].i and doc[tokens[0].i - 1].lower_ == "the" else tokens[0].i
    named = actor_at(doc[first].idx, tokens[-1].idx + len(tokens[-1]))   # "the Turkish foreign ministry"
    if named:
        return named
    for width in range(len(tokens), 0, -1):
        for start in range(0, len(tokens) - width + 1):
            words = " ".join(t.text for t in tokens[start:start + width])
            entry = (None if _possessive(tokens[start + width - 1]) else gazetteer.demonym(words)) \
                or gazetteer.lookup(words)
            if entry and entry.type != "media":
                return entry.id
    return None


def _possessive(token: Token) -> bool:
    """"Danish's deputy": a word with "'s" is a noun, someone's name, never a demonym."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text in ("'s", "\u2019s")


def _organisation_after(doc: Doc, i: int, limit: int, actor_at: ActorAt) -> Optional[str]:
    """"… at the Doha Institute for Graduate Studies", "… for the YPG", "… of US forces": the
    first actor named in the phrase."""
    if i >= limit or doc[i].lower_ not in _AFFILIATION_PREPOSITIONS:
        return None
    j = i + 1
    if j < limit and doc[j].lower_ == "the":
        j += 1
    k = j
    while k < limit and _in_noun_phrase(doc[k]):
        k += 1
    return actor_at(doc[j].idx, doc[k - 1].idx + len(doc[k - 1])) if k > j else None


def _in_noun_phrase(token: Token) -> bool:
    """Words of the phrase after "at", up to a verb, a preposition or a comma: "the Brussels-based
    research organisation International Crisis Group" (the organisation, not where it is)."""
    after_hyphen = token.i > 0 and token.doc[token.i - 1].text == "-"
    if token.is_punct:
        return token.text == "-"
    return after_hyphen or token.pos_ not in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "PART")


def described_titles(doc: Doc, people: dict[str, tuple[list[tuple[int, int]], Optional[str], Optional[str]]],
                     gazetteer: Gazetteer, lexicon: TitleLexicon, actor_at: ActorAt) -> dict[str, Found]:
    """"The Turkish foreign minister has said … Speaking in Amman, Mevlut Cavusoglu said …": a
    definite description of an office-holder as a subject describes the next person named in
    the next two sentences (not its own: that is someone it acts on) whom the text gives no
    title and no other side (``people``: id →
    mentions, title, affiliation), if that is where the person is first named."""
    mentions = sorted((s, person_id) for person_id, (spans, _, _) in people.items() for s, _ in spans)
    sentence_of = {sent.start: n for n, sent in enumerate(doc.sents)}
    found: dict[str, Found] = {}
    for token in tokens_of(doc):
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "NOUN":
            continue
        lo = token.sent.start
        form = _form_ending_at(doc, lo, token.i + 1, lexicon) \
            or _starting_form(doc, token.i, token.sent.end, lexicon)
        if form is None or form[1] is None or form[2] or not _definite(doc, lo, form[0]):
            continue
        form_start, title = _qualified(doc, lo, form[0], form[1], lexicon)
        owner = _owner_of(_adjacent(doc[lo:form_start]), gazetteer, actor_at)
        for start, person_id in mentions:
            spans, own_title, own_side = people[person_id]
            if start < token.idx or own_title or (own_side and own_side != owner):
                continue
            distance = sentence_of[doc.char_span(start, start + 1, alignment_mode="expand").sent.start] \
                - sentence_of[lo]
            if spans[0][0] == start and 1 <= distance <= 2 and person_id not in found:
                found[person_id] = Found(title, owner)
            break
    return found


def _starting_form(doc: Doc, i: int, limit: int, lexicon: TitleLexicon):
    """(start, title, is a rank) of a title form that starts at ``i`` ("secretary of state")."""
    found = _form_starting_at(doc, i, limit, lexicon)
    return (i, found[1], found[2]) if found else None


def _definite(doc: Doc, lo: int, start: int) -> bool:
    """"the Turkish foreign minister", "the US secretary of state": "the" opens the phrase."""
    i = start - 1
    while i >= lo and doc[i].lower_ != "the" and not doc[i].is_punct and i > start - 4:
        i -= 1
    return i >= lo and doc[i].lower_ == "the"
