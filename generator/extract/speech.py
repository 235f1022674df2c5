"""What every position finder shares: the speech lexicon, a candidate position (`Found`), the
speech verb with its cue and subject, and spans from tokens."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc, Token

from ..nlp import text_of
from ..model import Span
from .logistic import Features, LogisticModel

OPENERS = {"\u201c": "\u201d\u00bb\"", "\u00ab": "\u00bb\u201d\"", "\u201e": "\u201d\u201c\"",
           '"': '"\u201d'}
MIN_QUOTE_WORDS = 4
MIN_UTTERANCE_WORDS = 3
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its", "we", "our"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
FINITE_TAGS = ("VBD", "VBZ", "VBP")


@dataclass(frozen=True)
class PositionFilter(LogisticModel):
    """A logistic model over a candidate's construction, cue, length and speaker
    (``position_filter.position_features``), trained on PolNeAR train by
    scripts/train_position_filter.py; stated actions (kind reported) always pass, and without a
    model file every candidate does."""
    threshold: float = 0.0

    @classmethod
    def load(cls, path: Path) -> "PositionFilter":
        if not path.exists():
            return cls(weights={}, bias=1.0)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"])

    def keeps(self, features: Features) -> bool:
        return features.get("kind=reported", 0.0) > 0 or self.score(features) >= self.threshold


@dataclass(frozen=True)
class SpeechLexicon:
    speech: frozenset[str]
    listed: frozenset[str]               # the hand-written speech verbs (speech acts)
    particles: dict[str, str]
    cue_prepositions: dict[str, tuple[str, ...]]
    topic_prepositions: frozenset[str]
    cue_adverbs: frozenset[str]
    infinitive: frozenset[str]
    reported: frozenset[str]
    nominal: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    in_words: tuple[tuple[str, ...], ...]
    office_references: dict[str, str]
    descriptions: dict[str, frozenset[str]]   # a description's last word → the actor types it refers to
    hypothetical: frozenset[str]              # "if X says …": no statement of X's
    abstentions: frozenset[str]               # "refrained from mentioning": words not said
    speaking: frozenset[str]                  # "declined to comment": held back, nothing said
    speculation: frozenset[str]               # "perhaps X will oppose": the writer's guess
    anonymity: frozenset[str]                 # "asked to remain anonymous": no position
    charges: frozenset[str]                   # "accuses X of …": participles after it charge X
    references: frozenset[str]                # "repeated that message": words told before
    occasions: frozenset[str]                 # "when he described the wall, …": a time
    unnamed_sources: frozenset[str]           # "witnesses said": head nouns of sources cited unnamed
    relays: tuple[str, ...]                   # "according to", "on": words that make a medium the relay
    force: frozenset[str]                     # verbs of force: narration unless a person speaks
    support_verbs: frozenset[str]             # "backed the rebels": material support, narration
    supported_bodies: frozenset[str]          # rebels, fighters: who material support goes to
    commands: frozenset[str]                  # "ordered a crackdown": the act ordered, no words
    act_share: float                          # a learned cue this rarely a cue: a bare object is an act
    deed_share: float                         # a learned cue this rarely a cue: "by nominating" is a deed
    mute_subjects: frozenset[str]             # "the war has claimed …": happenings, no speakers
    source_verbs: frozenset[str]              # "citing sources": the object is a source, no statement
    owner_speakers: frozenset[str]            # "officials of X": heads that speak for the X after them
    owner_prepositions: frozenset[str]        # "a spokesman for X": X owns the speaker ("critics like X": no)
    person_voices: frozenset[str]             # "Erdogan's spokesman": what a person speaks through
    question_verbs: frozenset[str]            # "asked whether …": a question, no position
    question_words: frozenset[str]
    person_descriptions: frozenset[str]       # office words: "the spokesman" is the spokesman named before
    same_office: dict[str, str]               # spokeswoman → spokesman: one office in other words
    lesser_ranks: frozenset[str]              # vice, deputy: "the president" is not the Vice President
    cue_share: dict[str, float]          # lemma → share of its uses that were cues (PolNeAR train)
    filter: PositionFilter


@dataclass
class Found:
    """A position before ids are given: token-level pieces kept for merging."""
    content: Span
    kind: str
    cue: Optional[Span]
    source: Optional[Span]
    cue_token: Optional[int] = None
    actor: Optional[str] = None
    via: Optional[str] = None
    how: str = ""            # what construction found it: ccomp, quote, according, dobj…
    probability: Optional[float] = None   # the position filter's, once it has weighed the candidate


def is_speech_verb(token: Token, lexicon: SpeechLexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in lexicon.speech:
        return False
    particle = lexicon.particles.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
        return False
    return not (token.tag_ == "VBN" and token.dep_ in ("amod", "acl", "advcl") and
                any(c.dep_ == "agent" for c in token.children))


def tells_an_act(lemma: str, lexicon: SpeechLexicon) -> bool:
    """A verb of force, or one rarely a cue ("shot and killed", "NATO withdrew its troops"):
    it tells what its subject did, not what anyone said."""
    return lemma in lexicon.force or rarely_a_cue(lemma, lexicon)


def rarely_a_cue(lemma: str, lexicon: SpeechLexicon) -> bool:
    """A verb learned as a cue that rarely is one ("shoot": 8 of 72 uses): what it says of its
    object or subject is mostly an act."""
    return lemma not in lexicon.listed and lexicon.cue_share.get(lemma, 0.0) < lexicon.act_share


def cue_span(verb: Token, lexicon: SpeechLexicon, through: Optional[Token] = None) -> Span:
    """The verb with the auxiliaries and cue adverbs right before it, its particle or cue
    preposition (or the preposition of its topic, `through`), and a colon that opens a
    quotation: "has learned", "also said", "pointed out", "called on", "talked about", "said:"."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].head.i == verb.i and (
            doc[start - 1].dep_ in ("aux", "auxpass") or doc[start - 1].lower_ in lexicon.cue_adverbs):
        start -= 1
    end = verb.i + 1
    lemma = verb.lemma_.lower()
    particle = lexicon.particles.get(lemma)
    for child in verb.children:
        if child.dep_ == "prt" and child.lower_ == particle:
            end = max(end, child.i + 1)
    if through is not None:
        end = through.i + 1
    elif end < len(doc) and doc[end].lower_ in lexicon.cue_prepositions.get(lemma, ()):
        end += 1
    if end < len(doc) and doc[end].head.i == verb.i and doc[end].dep_ == "npadvmod" \
            and doc[end].ent_type_ == "DATE":       # "said Monday"
        end += 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def subject_span(verb: Token, content: Optional[Span] = None) -> Optional[Span]:
    """The verb's subject outside what it reports, or that of the verb it is conjoined with,
    depends on ("admitting that …", "for refusing to …") or the noun it describes. A passive
    verb's subject was told, asked or expected: its speaker is the agent ("by X"), if any."""
    if _is_passive(verb):
        return _agent_of(verb)
    token = verb
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS
                    and not (content and content[0] <= c.idx < content[1])]
        subjects = [c for c in subjects if not _a_label(c)] or subjects
        subjects = [c for c in subjects if not _a_title_after(c, token)]
        if subjects:
            before = [c for c in subjects if c.i < token.i]
            return _nearest_subject(before) if before else clip_span(subjects[0])
        absolute = _absolute_subject(token)
        if absolute is not None:
            return absolute
        if token.dep_ == "xcomp":
            # "pressed Stumpf to admit …": the object of the governing verb does the admitting.
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects:
                return clip_span(objects[0])
        if token.dep_ in ("conj", "xcomp", "advcl"):
            token = token.head
            continue
        owner = _echoing_owner(token)
        if owner is not None:
            return owner
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return _author_of(token.head) or clip_span(token.head, exclude=token)
        if token.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "AUX"):
            # "Al Jazeera quoted [Karl Aune] as saying …": the one quoted is the one saying.
            objects = [c for c in token.head.head.children if c.dep_ == "dobj" and c.i < token.i]
            if token.head.lower_ == "as" and objects:
                return clip_span(objects[0])
            token = token.head.head
            continue
        return None
    return None


def _absolute_subject(participle: Token) -> Optional[Span]:
    """"X received the same treatment, with commentators obsessing over her looks, accusing her
    family …": a participle after an absolute clause (with a noun and its participle) goes on
    with that noun, though the parser hangs it from the main verb."""
    if participle.dep_ != "advcl" or participle.tag_ != "VBG":
        return None
    for prep in participle.head.children:
        if prep.dep_ != "prep" or prep.lower_ != "with" or not prep.i < participle.i:
            continue
        for noun in prep.children:
            doing = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"]
            if noun.dep_ == "pobj" and doing:
                return clip_span(noun, exclude=doing[0])
    return None


def misattached_verb(verb: Token) -> bool:
    """"Biden, echoing Erdogan, called on Kurds …": a finite verb without a subject that the
    parser hung (as `acl`, a form for participles) from the object of a participle set off by
    commas. It is the main verb of the noun the participle describes, not a clause about the
    object."""
    return _echoing_owner(verb) is not None


def _echoing_owner(verb: Token) -> Optional[Span]:
    """The noun phrase before the commas whose main verb a misattached verb is (see
    `misattached_verb`), however the parser hung the participle."""
    if verb.dep_ != "acl" or verb.tag_ not in FINITE_TAGS or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    echoed, participle = verb.head, verb.head.head
    doc = verb.doc
    if echoed.dep_ != "dobj" or participle.tag_ != "VBG" or participle.i < 2 \
            or doc[participle.i - 1].text != "," or doc[verb.left_edge.i - 1].text != ",":
        return None
    comma = participle.i - 1
    owner = doc[comma - 1]
    while owner.head.i < comma and owner.head.i != owner.i:
        owner = owner.head
    if owner.pos_ not in ("NOUN", "PROPN"):
        return None
    return tokens_span([t for t in owner.subtree if t.i < comma])


def _nearest_subject(subjects: list[Token]) -> Span:
    """Of two subjects the parser gave one verb, the one next to it ("…made by a parliamentarian,
    Jane Doe, the ministry said": the ministry), with the one before it when only a hyphen
    parts them (a name the tokenizer split: "Akbar al-Baker")."""
    start, end = clip_span(subjects[-1])
    for earlier in reversed(subjects[:-1]):
        between = earlier.doc[earlier.right_edge.i + 1:subjects[-1].left_edge.i]
        if not all(t.text in "-\u2010\u2011" for t in between):
            break
        start = clip_span(earlier)[0]
    return start, end


def _a_label(subject: Token) -> bool:
    """A phrase that heads its line before a colon ("* Chemical red line: Former President X
    had warned …"): a label, not the subject, when the parse takes it for one."""
    last = max(t.i for t in subject.subtree)
    doc = subject.doc
    return doc[last].text == ":" or (last + 1 < len(doc) and doc[last + 1].text == ":")


def _a_title_after(subject: Token, verb: Token) -> bool:
    """A phrase in quotation marks after the verb ("..., Flynn said on Fox's “Fox and
    Friends.”"): the title of a show or a text the parse took for the subject, not a speaker."""
    doc = subject.doc
    first = subject.left_edge.i
    return subject.i > verb.i and first > 0 and doc[first - 1].text in OPENERS


def _author_of(noun: Token) -> Optional[Span]:
    """"Black Lives Matter issued a statement saying …": a thing someone puts out (the object
    of a verb, not a named entity) speaks for the subject of that verb."""
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or noun.ent_type_:
        return None
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
    return _nearest_subject([c for c in subjects if c.i < noun.i] or subjects) if subjects else None


def _is_passive(verb: Token) -> bool:
    """"was asked", "is expected to", and a participle clause without auxiliary ("Asked
    whether …, Ryan said": Ryan was asked)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ == "aux" for c in verb.children)


def _agent_of(verb: Token) -> Optional[Span]:
    """"was told by aides": the object of the verb's "by"."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return clip_span(objects[0])
    return None


# --- spans from tokens ---------------------------------------------------------------------------

def clip_span(token: Token, exclude: Optional[Token] = None,
               exclude_preps: tuple[str, ...] = ()) -> Span:
    """The token's subtree (minus an excluded subtree), trimmed of edge punctuation."""
    skip = set(exclude.subtree) if exclude is not None else set()
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in exclude_preps:
            skip |= set(child.subtree)
    tokens = [t for t in token.subtree if t not in skip]
    return tokens_span(tokens) or (token.idx, token.idx + len(token))


def tokens_span(tokens: list[Token]) -> Optional[Span]:
    """The contiguous run around the tokens' first word, trimmed of edge punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct and tokens[0].text not in OPENERS or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or (tokens[-1].is_punct and tokens[-1].text in ",;:-\u2014")):
        tokens = tokens[:-1]
    if not tokens:
        return None
    run = [tokens[0]]
    for token in tokens[1:]:
        if token.i != run[-1].i + 1:
            break
        run.append(token)
    while run and run[-1].text in ",;:-\u2014":
        run = run[:-1]
    if not run:
        return None
    return run[0].idx, run[-1].idx + len(run[-1])


def span_words(doc: Doc, span: Span) -> int:
    return len(re.findall(r"\w+", text_of(doc)[span[0]:span[1]]))


def word_count(tokens) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
