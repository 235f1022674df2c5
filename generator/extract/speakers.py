"""Speakers: the actor behind a source phrase (named people, office descriptions, conjoined
actors, relative pronouns and pronouns), and the media that relay a statement (`via`)."""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Optional

from spacy.tokens import Doc

from .. import geo
from ..gazetteer import city_names, place_key
from ..nlp import text_of
from ..model import Span
from .actors import ActorIndex
from .sources import is_unnamed
from .speech import (GROUP_PRONOUNS, PERSON_PRONOUNS, Found, SpeechLexicon, clip_span, inside,
                     tells_an_act)


def resolve_all(doc: Doc, found: list[Found], actors: ActorIndex, lexicon: SpeechLexicon,
                quotes: list[Span]) -> list[Found]:
    """Every candidate's speaker(s). Named sources first; then, in text order, pronouns and
    definite descriptions ("the spokesman", "the militia") through the speaker model."""
    resolved = [r for item in found for r in resolve_speakers(doc, item, actors, lexicon)]
    model = SpeakerModel(doc, actors, lexicon, quotes, resolved)
    for item in sorted((r for r in resolved if r.source and model.refers(r)), key=lambda f: f.source[0]):
        item.actor = model.referent(item) or item.actor
        model.heard(item)
    return resolved


def resolve_speakers(doc: Doc, item: Found, actors: ActorIndex,
                     lexicon: SpeechLexicon) -> list[Found]:
    """The actor(s) a source phrase names: named people first, office descriptions, other named
    actors (one position each for "Armenia and Azerbaijan"); none for pronouns and descriptions."""
    if item.source is None:
        return [item]
    start, end = _antecedent(doc, item.source)
    naming = _naming_tokens(doc, (start, end), lexicon)
    named = [m for m in actors.mentions_in(start, end) if not inside(m, item.content)
             and doc.char_span(m[0], m[1], alignment_mode="expand").root.i in naming]
    named = [m for m in named if not _within_another_name(doc, m, named, actors)]
    owners = {m: _owner_of(doc, (start, end), m, lexicon) for m in named}
    named = [m for m in named if owners[m] is None or _speaks_through(owners[m], m, actors, lexicon)]
    # the person the phrase names in its own right before one it names as whose they are
    people = sorted((m for m in named if actors.get(m[2]).type == "person"), key=lambda m: owners[m] is not None)
    if people:
        return [replace(item, actor=people[0][2])]
    office = office_holder("".join(doc[i].text_with_ws for i in sorted(naming)), start, actors, lexicon)
    if office:
        return [replace(item, actor=office)]
    if named and _body_of_its_own(doc, (start, end), named, lexicon):
        return [replace(item, actor=None)]
    if named:
        conjoined = _conjoined_actors(doc, item.source, named, actors)
        return [replace(item, actor=a) for a in conjoined]
    return [replace(item, actor=None)]


def _within_another_name(doc: Doc, mention: tuple[int, int, str], named: list, actors: ActorIndex) -> bool:
    """Whether a name hangs from another name of the phrase, not coordinated with it: "Human
    Rights Watch" in "Conde of Human Rights Watch", "Rural Training" read as a name inside
    "the School for Farming and Rural Training"; "Iran" of "Russia, Iran and Turkey" is not,
    nor the body of a source cited unnamed ("a senior official of the ministry")."""
    roots = {doc.char_span(m[0], m[1], alignment_mode="expand").root.i for m in named
             if m != mention and not is_unnamed(actors.get(m[2]))}
    token = doc.char_span(mention[0], mention[1], alignment_mode="expand").root
    while token.head.i != token.i and token.dep_ != "conj":
        token = token.head
        if token.i in roots:
            return True
    return False


def _owner_of(doc: Doc, source: Span, mention: tuple[int, int, str], lexicon: SpeechLexicon):
    """The noun of the source phrase that a name hangs from as whose or of what it is
    ("Iran's [minister]", "a [spokesman] for the ministry", "the Hamas [spokesman]", "Erdogan's
    [adviser]"); None for a name the phrase gives in its own right ("Iran", "Erdogan's
    spokesman Ibrahim Kalin" for Kalin)."""
    phrase = doc.char_span(*source, alignment_mode="expand")
    token = doc.char_span(mention[0], mention[1], alignment_mode="expand")
    if phrase is None or token is None:
        return None
    token, root = token.root, phrase.root
    while token.i != root.i and token.head.i != token.i and root.left_edge.i <= token.i <= root.right_edge.i:
        if token.dep_ == "poss" or (token.dep_ == "compound" and token.head.pos_ == "NOUN"):
            return token.head
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in lexicon.owner_prepositions:
            return token.head.head
        token = token.head
    return None


def _speaks_through(owned, mention: tuple[int, int, str], actors: ActorIndex,
                    lexicon: SpeechLexicon) -> bool:
    """Whether an actor named as the owner of a speaker speaks through them: a body that
    speaks through its people does ("Iran's foreign minister", "a spokesman for the ministry"),
    a person or a medium only through a spokesman, an office or what they put out ("Erdogan's
    spokesman", "a letter by Putin", "a report by Politico"), an untyped name unless it is a
    place; "Erdogan's adviser", "Putin's visit", "Helmand's governor" and "Al Jazeera's
    correspondent" are not Erdogan, Putin, Helmand or Al Jazeera speaking. A noun that says
    what kind of actor the name is ("the Anadolu news agency") is the name itself."""
    actor = actors.get(mention[2])
    word = owned.lemma_.lower()
    if actor.type in lexicon.descriptions.get(word, ()) or actor.type in lexicon.descriptions.get(owned.lower_, ()):
        return True
    if actor.type in ("person", "media"):
        return lexicon.same_office.get(word, word) in lexicon.person_voices
    if actor.type == "other":
        return not _a_place(actor.name)
    return actor.type in SPEAKING_BODIES


def _a_place(name: str) -> bool:
    """A name GeoNames knows as a city or a first-level area ("Helmand", "Idlib")."""
    return place_key(name) in city_names() or geo.subdivision_anywhere(name) is not None


# Dependencies that put words in a clause or modifier about the source, not in its name:
# "a commander in the alliance *fighting* in support of X", "an official *close* to X".
_CLAUSE_DEPS = ("acl", "relcl", "advcl", "xcomp", "ccomp")
_MODIFIER_DEPS = ("amod", "advmod")


def _naming_tokens(doc: Doc, source: Span, lexicon: SpeechLexicon) -> set[int]:
    """The tokens of a source phrase that name the speaker or the body it speaks for ("an
    official of the Iranian ministry", "a Hamas spokesman"), without the clauses and modifiers
    about the speaker ("a commander fighting in support of X", "an official close to X",
    "forces loyal to X"): who those mention is not who speaks. The agent of what was put out
    is its author ("the statement issued by the ministry"), not the one who quotes or cites
    the speaker ("an official quoted by Reuters": Reuters relays the official's words) nor
    the one a person speaks to ("a refugee interviewed by Amnesty")."""
    phrase = doc.char_span(*source, alignment_mode="expand")
    if phrase is None:
        return {t.i for t in doc if source[0] <= t.idx < source[1]}
    about: set[int] = set()
    for token in phrase:
        if token == phrase.root or not (token.dep_ in _CLAUSE_DEPS or (
                token.dep_ in _MODIFIER_DEPS and any(c.dep_ == "prep" for c in token.children))):
            continue
        about.update(t.i for t in token.subtree)
        # "the statement issued by the ministry": the agent of what was put out is its author;
        # not of a person ("a refugee interviewed by Amnesty" speaks for herself)
        if token.lemma_.lower() not in lexicon.source_verbs and not _a_person_word(token.head, lexicon):
            about.difference_update(t.i for c in token.children if c.dep_ == "agent" for t in c.subtree)
    return {t.i for t in phrase} - about


def _a_person_word(noun, lexicon: SpeechLexicon) -> bool:
    """A noun for a person: a name, a source cited unnamed ("refugee") or an office ("envoy")."""
    word = noun.lemma_.lower()
    return noun.ent_type_ == "PERSON" or word in lexicon.unnamed_sources or \
        lexicon.same_office.get(word, word) in lexicon.person_descriptions


class SpeakerModel:
    """Who is speaking where: the speakers already resolved and the actors the writer names
    outside every quotation and every reported content, in text order. A pronoun or a
    description ("he", "the spokesman", "the group") refers to the nearest earlier one that
    fits, never to someone named inside what another speaker said, and only within reach: its
    own paragraph or the two before, with no heading between ("Germany's ISIL teen" starts
    another story). "They" or "we" after a person was named is not the body named before."""

    def __init__(self, doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon, quotes: list[Span],
                 found: list[Found]):
        self.doc, self.actors, self.lexicon = doc, actors, lexicon
        reported = quotes + [f.content for f in found if f.how in STATEMENTS]
        self.quotes = quotes
        sources = [f.source for f in found if f.source]
        anchors = {(f.source[0], f.actor) for f in found if f.actor and f.source
                   and not any(inside(f.source, span) for span in reported)}
        anchors |= {(f.content[0], f.actor) for f in found if _speaks_on(f)}
        self.speakers = {(f.source[0], f.actor) for f in found if f.actor and f.source and self._says(f)}
        self.speakers |= {(f.content[0], f.actor) for f in found if _speaks_on(f) and self._says(f)}
        for start, end, actor_id in actors.mentions_in(0, len(text_of(doc))):
            if any(inside((start, end), span) for span in reported):
                continue
            if actors.get(actor_id).type == "person" and \
                    any(inside((start, end), s) and s[0] != start for s in sources):
                continue       # "Nasrat Rahimi, Danish's deputy": Danish is not the speaker here
            if _a_comparison(self._token_at(start)):
                continue
            anchors.add((start, actor_id))
        self.anchors = sorted(anchors)
        self.paragraphs, self.reach = paragraph_reach(text_of(doc))

    def refers(self, item: Found) -> bool:
        """Whether the speaker model decides the item's speaker: nobody is named in its source,
        or only the body of an office it describes ("the UN envoy" is the envoy, not the UN)."""
        if not item.actor:
            return True
        words = re.findall(r"[\w'-]+", text_of(self.doc)[item.source[0]:item.source[1]].lower())
        return len(words) <= 5 and words[0] == "the" and self._office(words[-1]) in \
            self.lexicon.person_descriptions and self.actors.get(item.actor).type != "person"

    def referent(self, item: Found) -> Optional[str]:
        source = item.source
        phrase = text_of(self.doc)[source[0]:source[1]].lower()
        words = re.findall(r"[\w'-]+", phrase)
        if len(words) == 1 and words[0] in PERSON_PRONOUNS:
            anchor = self._nearest_anchor(source[0], self._may_be_he, skip=self._co_arguments(item))
            return self._subject_before(anchor, self._may_be_he, source)[1] if anchor else None
        if len(words) == 1 and words[0] in GROUP_PRONOUNS:
            body = self._nearest_anchor(source[0], _a_body, skip=self._co_arguments(item))
            body = self._subject_before(body, _a_body, source) if body else None
            if body and words[0] in PLURAL_PRONOUNS and \
                    self._nearest_anchor(source[0], lambda a: a.type == "person", since=body[0]):
                return None     # "they" after "the emir met the president": not a state named before
            return body[1] if body else None
        if not words or words[0] not in ("the", "this", "that"):
            return None
        if len(words) > 5:
            return None
        types = _longest_ending(words, self.lexicon.descriptions)
        if types:
            return self._described(source, words[-1], types)
        office = self._office(words[-1])
        if office in self.lexicon.person_descriptions:
            ranks = self.lexicon.lesser_ranks.intersection(words)
            return self._nearest(source[0], lambda a: a.type == "person" and bool(a.title) and
                                 self._holds(a.title, office, ranks))
        return None

    def _may_be_he(self, actor) -> bool:
        """A person; an untyped actor with a proper name may be one (not one named in capitals,
        as "REACH"), and so may a source cited unnamed ("the woman condemned to death", "a
        police officer"); "witnesses" are not "he"."""
        return actor.type == "person" or (actor.type == "other" and (
            not is_unnamed(actor) and not actor.name.isupper()
            or actor.name.split()[-1].lower() in self.lexicon.unnamed_sources))

    def _subject_before(self, anchor: tuple[int, str], fits, source: Span) -> tuple[int, str]:
        """"He told the story of defector Ji Seong-ho … He asserted …", "The Taliban made gains
        after NATO withdrew … they were threatening …": a pronoun that is a subject goes on with
        the subject of the sentence before, not with one named in what that subject did or in a
        clause under it, when that sentence has both."""
        if not _a_subject(self._token_at(source[0])) or self._in_subject(anchor):
            return anchor
        sentence_start = self._token_at(anchor[0]).sent.start_char
        for start, actor_id in reversed(self.anchors):
            if start >= anchor[0]:
                continue
            if start < sentence_start:
                break
            if actor_id != anchor[1] and fits(self.actors.get(actor_id)) and self._in_subject((start, actor_id)):
                return start, actor_id
        return anchor

    def _in_subject(self, anchor: tuple[int, str]) -> bool:
        """Whether an anchor is someone speaking ("while the Taliban say …") or the subject of
        its main clause (not "after NATO withdrew …")."""
        if anchor in self.speakers:
            return True
        token = self._token_at(anchor[0])
        return _a_subject(token) and not any(t.dep_ in SUBORDINATE_DEPS for t in token.ancestors)

    def _says(self, item: Found) -> bool:
        """Whether a candidate's verb says something, as a verb of force or one rarely a cue
        ("NATO withdrew its troops") does not."""
        if item.cue_token is None:
            return True
        return not tells_an_act(self.doc[item.cue_token].lemma_.lower(), self.lexicon)

    def _token_at(self, offset: int):
        return self.doc.char_span(offset, offset + 1, alignment_mode="expand")[0]

    def _holds(self, title: str, office: str, ranks: frozenset[str]) -> bool:
        """Whether a title is the office described, of the same rank: "the president" is
        President X, not Vice President Y; "the deputy minister" is Deputy Foreign Minister Z."""
        words = [self._office(w) for w in re.findall(r"[\w']+", title.lower())]
        return office in words and self.lexicon.lesser_ranks.intersection(words) == ranks

    def _office(self, word: str) -> str:
        return self.lexicon.same_office.get(word, word)

    def _described(self, source: Span, head: str, types: frozenset[str]) -> Optional[str]:
        """"the militia said": the nearest actor of a fitting type whose name has the word
        ("the coalition" → the Saudi-led coalition), else one of a fitting type named in the
        same sentence, even inside the statement ("Members of the PMF were killed, the militia
        said"); otherwise nobody."""
        sentence = self.doc.char_span(*source, alignment_mode="expand")[0].sent
        stem = head.rstrip("s")
        for start, end, actor_id in reversed(self.actors.mentions_in(0, source[0])):
            actor = self.actors.get(actor_id)
            if actor.type not in types:
                continue
            if any(stem in name.lower() for name in (actor.name, *actor.aliases)) or \
                    start >= sentence.start_char:
                return actor_id
        return None

    def heard(self, item: Found) -> None:
        """A speaker just resolved is an anchor for the pronouns after it."""
        if item.actor:
            heard = [(item.source[0], item.actor)] + ([(item.content[0], item.actor)] if _speaks_on(item) else [])
            for anchor in heard:
                bisect.insort(self.anchors, anchor)
                if self._says(item):
                    self.speakers.add(anchor)

    def _co_arguments(self, item: Found) -> frozenset[int]:
        """Where the words stand that the pronoun's own verb governs outside every subject and
        quotation: "Welcoming Macron, he said …", "After talks with Putin, he said …": whoever
        they name is not "he" (a subject there may be: "After Erdogan arrived, he said …")."""
        if item.cue_token is None:
            return frozenset()
        verb = self.doc[item.cue_token]
        return frozenset(t.idx for t in verb.subtree if t.idx < item.source[0] and not _in_a_subject(t, verb)
                         and not any(q[0] <= t.idx < q[1] for q in self.quotes))

    def _nearest(self, before: int, fits, skip: frozenset[int] = frozenset()) -> Optional[str]:
        anchor = self._nearest_anchor(before, fits, skip=skip)
        return anchor[1] if anchor else None

    def _nearest_anchor(self, before: int, fits, since: int = 0,
                        skip: frozenset[int] = frozenset()) -> Optional[tuple[int, str]]:
        """The last anchor before ``before`` (and after ``since``) that fits, within reach,
        except those standing where ``skip`` says."""
        reach = max(since, self.reach[bisect.bisect_right(self.paragraphs, before) - 1])
        for start, actor_id in reversed(self.anchors):
            if start < reach:
                return None
            if start < before and start not in skip and fits(self.actors.get(actor_id)):
                return start, actor_id
        return None


COMPARISONS = ("like", "unlike")
SUBORDINATE_DEPS = ("advcl", "relcl", "acl", "pcomp")


def _a_body(actor) -> bool:
    return actor.type in SPEAKING_BODIES


def _a_comparison(token) -> bool:
    """"Just like Ronald Reagan and Richard Nixon did in the 1980s, he shaped …", "Unlike his
    predecessor Barack Obama, Trump …": someone named as a point of comparison is not whom
    the text goes on about."""
    while token.head.i != token.i:
        if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in COMPARISONS:
            return True
        token = token.head
    return False


def _a_subject(token) -> bool:
    """Whether a word is the subject of its clause, or a word of a name that is (not of a name
    that qualifies it: "Qatar Airways" in "Qatar Airways CEO Akbar al-Baker")."""
    if token.dep_ == "det":           # "The Taliban"
        token = token.head
    while token.dep_ in ("compound", "flat") and token.head.i != token.i and token.ent_type_ \
            and token.head.ent_type_ == token.ent_type_ and token.head.ent_iob_ == "I":
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _in_a_subject(token, verb) -> bool:
    """Whether a word below a verb stands in the subject of it or of a clause under it."""
    while token.i != verb.i:
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        token = token.head
    return False


PARAGRAPH_REACH = 2       # paragraphs before its own that a pronoun reaches back to
HEADING_WORDS = 8         # a one-line paragraph this short, without closing punctuation, heads a section


def _speaks_on(item: Found) -> bool:
    """Whether a speaker stays present through words of theirs after their name (a run of
    quoted paragraphs): the content's start is an anchor of its own."""
    return bool(item.actor and item.source and item.content[0] > item.source[0])


def paragraph_reach(text: str) -> tuple[list[int], list[int]]:
    """The start of each paragraph, and how far back a pronoun in it may look: the start of
    the paragraph ``PARAGRAPH_REACH`` before it, or the end of the last heading before it."""
    starts = [0] + [m.end() for m in re.finditer(r"\n[^\S\n]*\n\s*", text)]
    reach, heading_end = [], 0
    for n, start in enumerate(starts):
        reach.append(max(starts[max(0, n - PARAGRAPH_REACH)], heading_end))
        block = text[start:starts[n + 1] if n + 1 < len(starts) else len(text)].strip()
        if block and "\n" not in block and len(block.split()) <= HEADING_WORDS \
                and block[-1] not in ".,;:\"\u201d'\u2019\u00bb)]":
            heading_end = start + len(block)
    return starts, reach


def _body_of_its_own(doc: Doc, source: Span, named: list, lexicon: SpeechLexicon) -> bool:
    """"The football federations of Norway and Sweden", "residents of Aden", "the UAE's
    football association": the phrase's head is a common noun for a body of its own, and every
    actor it names only says whose or where that body is. Heads that speak for their owner
    ("officials of the ministry", "the government of Turkey", "Iran's foreign minister") are
    the lexicon's owner speakers and descriptions."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    if head.pos_ != "NOUN" or head.ent_type_:
        return False
    words = {head.lower_, head.lemma_.lower()}
    if words & (lexicon.owner_speakers | lexicon.person_descriptions | set(lexicon.same_office)
                | {d.split()[-1] for d in lexicon.descriptions}):
        return False
    modifiers = [t for c in head.children if c.dep_ in ("prep", "poss") for t in c.subtree]
    return all(any(t.idx <= m[0] < t.idx + len(t) for t in modifiers) for m in named)


def _longest_ending(words: list[str], table: dict):
    """The entry for the longest run of last words that the table has ("the armed group")."""
    return next((table[" ".join(words[i:])] for i in range(1, len(words)) if " ".join(words[i:]) in table),
                None)


STATEMENTS = ("ccomp", "that-clause", "parataxis", "quote", "continued", "according", "label", "signed",
              "in-words")
PLURAL_PRONOUNS = ("they", "them", "their", "we", "our")
SPEAKING_BODIES = ("state", "government", "military", "igo", "armed_group", "group", "ngo", "region")


def _antecedent(doc: Doc, source: Span) -> Span:
    """For "who"/"which"/"that" heading a relative clause, the noun phrase it stands for. The
    parser hangs the clause from the nearest noun, which after an apposition is often the
    wrong one: "who" stands for a person ("Grijalva, a co-chairman of the Caucus, who sent a
    letter …": Grijalva), "which" for no person ("Westin, director of New York Communities
    for Change, which advocates …": the group)."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].tag_ in ("WDT", "WP"):
        clause = span[0].head
        if clause.dep_ == "relcl":
            if span[0].lower_ in PERSON_RELATIVES:
                noun = _person_above(clause.head)
            elif span[0].lower_ == "which" and clause.head.ent_type_ == "PERSON":
                return _thing_before(span[0]) or clip_span(clause.head, exclude=clause)
            else:
                noun = clause.head
            return clip_span(noun, exclude=clause)
    return source


PERSON_RELATIVES = ("who", "whom")


def _person_above(noun):
    """The person a noun stands in, through prepositions and appositions ("Grijalva of
    Arizona, a co-chairman of the Caucus" from "Caucus": Grijalva); the noun itself when
    it is a person or none is above it."""
    token = noun
    while token.ent_type_ != "PERSON" and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
        elif token.dep_ == "appos":
            token = token.head
        else:
            break
    return token if token.ent_type_ == "PERSON" else noun


def _thing_before(relative) -> Optional[Span]:
    """The named body or place right before "which" and its comma ("…, director of New York
    Communities for Change, which …"), when that is no person."""
    doc = relative.doc
    i = relative.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    if i < 0 or doc[i].ent_type_ in ("", "PERSON"):
        return None
    entity = next((e for e in doc.ents if e.start <= i < e.end), None)
    return (entity.start_char, entity.end_char) if entity is not None else None


def office_holder(phrase: str, start: int, actors: ActorIndex, lexicon: SpeechLexicon) -> Optional[str]:
    """"the head of the Armenian Government" → the person whose title is Prime Minister and who
    is affiliated with Armenia, if the article names one. An office whose state the phrase does
    not name goes back to someone named before the phrase (at ``start``): "the president" is
    never a president of a council named only later (but "the Turkish foreign minister" in a
    lead may be named in the next paragraph)."""
    words = phrase.lower()
    for reference, title in sorted(lexicon.office_references.items(), key=lambda r: -len(r[0])):
        pattern = r"\b" + r"\s+(?:[\w-]+\s+){0,2}".join(map(re.escape, reference.split())) + r"\b"
        if not re.search(pattern, words):
            continue
        candidates = [a for a in actors.actors if a.type == "person" and a.title == title]
        owner = _owner_named(phrase, actors)
        if owner:
            candidates = [a for a in candidates if a.affiliation == owner]
        else:
            candidates = [a for a in candidates if any(s < start for s, _ in a.mentions)]
        if len(candidates) >= 1 and (owner or len(candidates) == 1):
            return candidates[0].id
    return None


def _owner_named(phrase: str, actors: ActorIndex) -> Optional[str]:
    for actor in actors.actors:
        if actor.type in ("state", "region"):
            names = [actor.name, *actor.aliases]
            if any(re.search(r"\b" + re.escape(n[:max(4, len(n) - 2)]), phrase) for n in names):
                return actor.id
    return None


def _conjoined_actors(doc: Doc, source: Span, named: list, actors: ActorIndex) -> list[str]:
    """Every actor of a coordination ("Armenia and Azerbaijan", "the ministers of Russia and
    Turkey"), else the one the phrase names (of those its naming words hold: not a medium that
    quotes the speaker). Only actors coordinated with each other speak together: "experts on
    Iran and nonproliferation" or "Russia, Syria's ally and its lender" are one speaker."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is not None and any(t.lower_ == "and" for t in span):
        roots = {m: doc.char_span(m[0], m[1], alignment_mode="expand").root for m in named}
        for group in _coordinations(span):
            ids = list(dict.fromkeys(m[2] for m, root in roots.items() if root.i in group))
            if len(ids) > 1:
                return ids
    return [actors.first_named(named)]


def _coordinations(span: Span) -> list[set[int]]:
    """The token indexes of each coordination in the span: a first conjunct and its conjuncts."""
    return [{head.i} | {t.i for t in head.subtree if _conjunct_of(t, head)}
            for head in span if head.dep_ != "conj" and any(c.dep_ == "conj" for c in head.children)]


def _conjunct_of(token, head) -> bool:
    while token.dep_ == "conj" and token.i != head.i:
        token = token.head
    return token.i == head.i


def relay_through_media(doc: Doc, found: list[Found], actors: ActorIndex, lexicon: SpeechLexicon) -> None:
    """Marks positions a media actor relayed: "according to AFP", "quoted by Interfax",
    "…, Russian news agencies reported"."""
    for item in found:
        if item.actor is None or item.cue_token is None:
            continue
        sentence = doc[item.cue_token].sent
        for start, end, actor_id in actors.mentions_in(sentence.start_char, sentence.end_char):
            actor = actors.get(actor_id)
            if actor.type != "media" or actor_id == item.actor or inside((start, end), item.content):
                continue
            if _relays(doc, start, end, lexicon) or _quotes(doc, start, end, item, lexicon):
                item.via = actor_id
                break
    for outer in found:
        if outer.actor and actors.get(outer.actor).type == "media":
            for inner in found:
                if inner is not outer and inner.cue and inside(inner.cue, outer.content) and not inner.via:
                    inner.via = outer.actor


def _quotes(doc: Doc, start: int, end: int, item: Found, lexicon: SpeechLexicon) -> bool:
    """Whether the medium is the subject of a verb that quotes the statement's speaker ("Al
    Jazeera quoted Karl Aune as saying …", "the agency cited officials as saying …")."""
    mention = doc.char_span(start, end, alignment_mode="expand")
    verb = mention.root.head if mention is not None else None
    return verb is not None and mention.root.dep_ == "nsubj" and \
        verb.lemma_.lower() in lexicon.source_verbs and doc[item.cue_token] in verb.subtree


def _relays(doc: Doc, start: int, end: int, lexicon: SpeechLexicon) -> bool:
    """Whether the words before a medium's mention make it the relay: "according to", "quoted
    by", "told", "on" (Twitter), "carried by", "in an interview with" (speech.yaml `relays`),
    with an article or a description between ("carried by the state news agency SANA")."""
    before = text_of(doc)[max(0, start - 60):start].lower()
    phrases = "|".join(re.escape(p) for p in sorted(lexicon.relays, key=len, reverse=True))
    return bool(re.search(rf"\b({phrases})\s+(the\s+|an?\s+)?([a-z-]+\s+){{0,3}}$", before))
