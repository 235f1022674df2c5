"""Unnamed sources: the people a writer cites without a name ("witnesses and local medics say",
"according to the residents", "a senior police officer told AFP") become actors of type
`other`, named by their phrase, so that what they said has a speaker. Type `other` holds no
stance: they tell what they saw, they are not parties (``role: source``, listed apart from the
key actors: an actor of the briefing needs a name)."""
from __future__ import annotations

from typing import Iterator, Optional

from slugify import slugify
from spacy.tokens import Doc, Token

from ..model import Actor, Span
from ..nlp import text_of, tokens_of
from .actors import ActorIndex
from .channels import SOURCE_ROLE
from .speech import SpeechLexicon, is_speech_verb, tells_an_act

NAME_DEPS = ("amod", "compound")


def is_unnamed(actor: Optional[Actor]) -> bool:
    """An actor for people cited without a name: untyped and named by a common-noun phrase
    ("officials", "Tunisian diplomat": its head noun in lower case)."""
    return actor is not None and actor.type == "other" and actor.name.split()[-1][:1].islower()


def with_unnamed_sources(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> ActorIndex:
    """The actor index with an actor for every unnamed source that speaks or is cited."""
    taken = {a.id for a in actors.actors}
    found: dict[str, Actor] = {}
    last_by_head: dict[str, str] = {}         # head noun → the latest source it named
    for span in _source_phrases(doc, lexicon):
        if actors.mentions_in(*span):
            continue
        phrase = doc.char_span(*span, alignment_mode="expand")
        head = phrase.root.lemma_.lower()
        if len(phrase) == 1 and head in last_by_head and _definite(phrase.root):
            found[last_by_head[head]].mentions.append(span)    # "the source added": the one cited
            continue
        name = text_of(doc)[span[0]:span[1]]
        if name[:1].isupper() and phrase[0].pos_ != "PROPN" and phrase[0].ent_type_ != "NORP":
            name = name[0].lower() + name[1:]      # "Residents said": sentence case, not a name
                                                   # (but "Tunisian diplomat" keeps its demonym)
        actor_id = slugify(name)
        if actor_id in taken:
            continue
        actor = found.setdefault(actor_id, Actor(id=actor_id, name=name, type="other",
                                                   role=SOURCE_ROLE))
        actor.mentions.append(span)
        last_by_head[head] = actor_id
    if not found:
        return actors
    return ActorIndex(actors.actors + sorted(found.values(), key=lambda a: a.mentions[0]), actors.places)


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)


def _source_phrases(doc: Doc, lexicon: SpeechLexicon) -> Iterator[Span]:
    for token in tokens_of(doc):
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.unnamed_sources:
            continue
        # not "When a young man shot and killed 17 children": what he did cites no one
        if token.dep_ == "nsubj" and is_speech_verb(token.head, lexicon) \
                and not tells_an_act(token.head.lemma_.lower(), lexicon):
            yield _name(token)
        elif token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
            yield _name(token)


def _name(head: Token) -> Span:
    """The head noun with its adjectives and compounds, and a noun it is coordinated with:
    "senior police officer", "witnesses and local medics"."""
    last = _last_conjunct(head) or head
    first = min([head] + [c for c in head.children if c.dep_ in NAME_DEPS and c.i < head.i],
                key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _last_conjunct(head: Token) -> Optional[Token]:
    conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    if conjuncts and any(c.dep_ == "cc" and c.lower_ == "and" for c in head.children):
        return conjuncts[-1]
    return None
