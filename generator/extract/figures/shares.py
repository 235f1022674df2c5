"""What a percentage measures, so that a share is shown with its subject or not at all.

A share's unit says what it is of, from the parse: its "of" phrase ("16 percent of the federal
budget"), the noun it qualifies and that noun's own phrase ("a 40 percent cut on international
programs", "25 percent support"), what the people it counts do when it is a clause's subject
("79 percent of Turks hold an unfavourable view of the US government", "37 percent would vote
for Sanders"), or the thing whose level or change it gives ("inflation exceeds 7%" → percent
inflation, "revenue fell 1.3 percent" → percent fall in revenue). A percentage none of these
gives ("Cruz has fallen to 27 percent", "sits at just 16%", "59 percent said it was not", "the
99 percent of them") is one a reader cannot use, and is not a figure.

Whom a share concerns is the actor its clause's subject names ("Kasich was at 25 percent
support"). Misses poll results told as a contest ("Sanders with 47 percent versus Clinton") and
measures named in another sentence.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from .lexicon import FigureLexicon
from .phrases import MODIFIERS, destination, own_phrase, qualified_noun

SUBJECTS = ("nsubj", "nsubjpass")
# what a verb's share is told with: its objects, complements and their prepositions
PREDICATE_PARTS = ("dobj", "prep", "attr", "acomp", "dative", "xcomp", "prt", "oprd", "agent")
LEVEL_PREPOSITIONS = ("at", "to")
SHARE_PREPOSITIONS = LEVEL_PREPOSITIONS + ("by",)


def percent_word(doc: Doc, start: int, end: int) -> Token:
    """The token that heads the percent words ``doc[start:end]`` ("percent", "%", "per cent")."""
    inside = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return inside[0] if inside else doc[end - 1]


def measured(word: Token, lexicon: FigureLexicon) -> Optional[str]:
    """The unit of the percentage headed by ``word``: "percent" and what it measures, or None
    when the parse does not say what it measures."""
    own = _of_phrase(word) or qualified_noun(word)
    if word.dep_ in SUBJECTS:
        if _says_a_clause(word.head):
            return None     # "75 percent of Democrats said yes": what they were asked is not told
        predicate = _predicate(word.head)
        return f"percent {' '.join(p for p in (own, predicate) if p)}" if own or predicate else None
    if own:
        return f"percent {' '.join(p for p in (own, _purpose(word), _described(word)) if p)}"
    measure = _level_or_change(word, lexicon)
    return f"percent {measure}" if measure else None


def share_subject(word: Token, lexicon: FigureLexicon) -> Optional[Token]:
    """The subject of the clause that gives a share, when the share is not part of it: "Kasich"
    in "Kasich was at 25 percent support"; none for the subject of a verb that reports or finds
    it ("UNAMA reported a five percent rise", "a study found ... 36%"), or for a share in an
    aside ("with 100 percent of precincts reporting")."""
    verb = _governing_verb(word)
    lemma = verb.lemma_.lower() if verb is not None else None
    if verb is None or lemma in lexicon.report_verbs or lemma in lexicon.finding_verbs or _aside(word):
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECTS and word not in c.subtree), None)


def _of_phrase(word: Token) -> Optional[str]:
    """"of the federal budget", "of precincts reporting", not "of them"."""
    obj = _of_object(word)
    if obj is None or obj.pos_ == "PRON":
        return None
    participle = next((c for c in obj.children if c.dep_ == "acl" and c.i == obj.i + 1), None)
    return f"of {own_phrase(obj)}" + (f" {participle.text}" if participle is not None else "")


def _of_object(word: Token) -> Optional[Token]:
    prep = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _aside(word: Token) -> bool:
    """A share told as the circumstance of a clause: "with 100 percent of precincts reporting"."""
    obj = _of_object(word)
    return word.head.lower_ == "with" and obj is not None and any(c.dep_ == "acl" for c in obj.children)


def _purpose(word: Token) -> Optional[str]:
    """What a verb gives a share to: "reserving 80 percent of his speech *for domestic policy
    issues*"."""
    verb, obj = word.head, _of_object(word)
    if word.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    own = [c for c in obj.children if c.i > obj.i] if obj is not None else []
    return destination(own + [c for c in verb.children if c.i > word.i])


def _described(word: Token) -> Optional[str]:
    """The noun a share sets the level of through "at": "the US military spending - at 16
    percent of the federal budget -" → (US military spending)."""
    prep = word.head
    if word.dep_ != "pobj" or prep.lower_ != "at" or prep.head.pos_ != "NOUN":
        return None
    return f"({own_phrase(prep.head, determiner=False)})"


def _predicate(verb: Token) -> Optional[str]:
    """What a share's people do: the verb with its auxiliaries and objects ("would vote for
    Sanders", "were rejected"), up to the first word that opens another clause."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    first = min([c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i],
                default=verb.i)
    last = verb.i
    for child in (c for c in verb.children if c.i > verb.i):
        if child.dep_ not in PREDICATE_PARTS:
            break
        if child.dep_ == "dobj" and child.pos_ == "PRON":     # "chose him": whom, the text said before
            return None
        last = max(t.i for t in child.subtree)
    last = _before_another_share(verb.doc[verb.i:last + 1])
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if last == verb.i and not passive:
        return None
    return verb.doc[first:last + 1].text


def _says_a_clause(verb: Token) -> bool:
    """A verb whose object is a clause or an answer ("said it was not", "say they only buy
    American", "said yes"): a share of those who said it needs the question asked."""
    return any(c.dep_ in ("ccomp", "parataxis") or (c.dep_ in ("intj", "dobj") and c.lower_ in ("yes", "no"))
               for c in verb.children if c.i > verb.i)


def _before_another_share(words: Span) -> int:
    """The last word before a conjunction that goes on to another number ("oppose the deal" in
    "oppose the deal and 20% back it"), or the last of ``words``."""
    for word in words:
        following = next((c for c in word.head.children if c.dep_ == "conj" and c.i > word.i), None)
        if word.dep_ == "cc" and following is not None and any(t.like_num for t in following.subtree):
            return word.i - 1
    return words[-1].i


def _level_or_change(word: Token, lexicon: FigureLexicon) -> Optional[str]:
    """The thing a share is the level or the change of, when a verb gives it of its subject:
    "inflation exceeds 7%" → inflation, "revenue fell by 1.3 percent" → fall in revenue. Not of
    people or names ("Cruz has fallen to 27 percent")."""
    subject = share_subject(word, lexicon)
    through = word.head.lower_ if word.head.dep_ == "prep" else None
    if subject is None or subject.pos_ != "NOUN" or _names_people(subject, lexicon) or \
            (word.dep_ not in ("dobj", "attr", "npadvmod") and through not in SHARE_PREPOSITIONS):
        return None
    thing = own_phrase(subject, determiner=False)
    level = word.dep_ == "attr" or through in LEVEL_PREPOSITIONS
    change = lexicon.share_changes.get(_governing_verb(word).lemma_.lower())
    return f"{change} in {thing}" if change and not level else thing


def _names_people(noun: Token, lexicon: FigureLexicon) -> bool:
    """A noun for people: listed, or a plural formed like one ("voters"); "unemployment" is not."""
    lemma = noun.lemma_.lower()
    if lexicon.units.get(lemma) == "people" or lemma in lexicon.people_classes:
        return True
    return noun.tag_ == "NNS" and noun.lower_.endswith(lexicon.people_suffixes)


def _governing_verb(word: Token) -> Optional[Token]:
    """The verb a share, or the noun it qualifies, is the object of, directly or through one
    preposition."""
    if word.dep_ in MODIFIERS and word.head.i > word.i:
        word = word.head
    head = word.head.head if word.head.dep_ in ("prep", "agent") else word.head
    return head if head.pos_ in ("VERB", "AUX") and head.i != word.i else None
