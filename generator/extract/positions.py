"""Positions: who said, declared or did what, with source, cue and content spans.

Finds:
- direct quotations in straight or curly quotes and « », across sentences, unterminated ones cut
  at the last full stop, attributed through a speech verb beside them (`"…," Aliyev said`),
  "according to X" or "in his words";
- indirect speech through the dependency parse: a speech verb's clause complement
  ("X said that …", "X told Y …"), infinitive complements of promises and threats ("vowed to
  keep fighting"), its object with what the verb says of it ("chided Obama for …"), what it is
  about ("talked about the wall"), and "according to X" attached to a clause;
- lines with a capitalised label and a colon: transcripts, interviews ("Q: …") and headlines
  ("Paul Ryan: FBI Decision Defies Explanation");
- stance-bearing actions stated by the writer (`kind: reported`): the object of reject, rule
  out, call for, ignore, condemn… and nominal calls ("calls from the UN for a ceasefire");
- speakers behind pronouns, office descriptions ("the head of the Armenian Government"),
  relative clauses and statements put out ("issued a statement saying …"), none for the
  subject of a passive verb ("was asked whether …"), and media that relay a statement (`via`: "according to AFP", "quoted by
  Interfax", "…, Russian news agencies reported").
Misses: speakers named only in an earlier paragraph's topic, attributions in headlines without a
verb, and content spread over several clauses that the parser splits.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Optional

import yaml
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..nlp import text_of
from ..model import Position, Span
from .actors import ActorIndex

OPENERS = {"\u201c": "\u201d\u00bb\"", "\u00ab": "\u00bb\u201d\"", "\u201e": "\u201d\u201c\"",
           '"': '"\u201d'}
MIN_QUOTE_WORDS = 4
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its", "we", "our"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")


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
    cue_share: dict[str, float]          # lemma → share of its uses that were cues (PolNeAR train)
    filter: "PositionFilter"


def load_speech_lexicon(folder: Path) -> SpeechLexicon:
    data = yaml.safe_load((folder / "speech.yaml").read_text(encoding="utf-8"))
    learned = yaml.safe_load((folder / "speech_learned.yaml").read_text(encoding="utf-8"))
    titles = yaml.safe_load((folder / "titles.yaml").read_text(encoding="utf-8"))
    return SpeechLexicon(
        speech=frozenset(data["speech"]) | frozenset(learned["speech"]), listed=frozenset(data["speech"]),
        particles=dict(data["particles"]),
        cue_share={lemma: float(share) for lemma, share in learned["speech"].items()},
        filter=PositionFilter.load(folder / "position_filter.json"),
        cue_prepositions={verb: tuple(preps) for verb, preps in data["cue_prepositions"].items()},
        cue_adverbs=frozenset(data["cue_adverbs"]),
        topic_prepositions=frozenset(data["topic_prepositions"]),
        infinitive=frozenset(data["infinitive"]), reported=frozenset(data["reported"]),
        nominal=frozenset(data["nominal"]),
        according=tuple(tuple(p.split()) for p in data["according"]),
        in_words=tuple(tuple(p.split()) for p in data["in_words"]),
        office_references={r["phrase"]: r["title"] for r in titles["office_references"]})


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


def extract_positions(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> list[Position]:
    """Doc → positions in text order, ids p1, p2, …"""
    candidates = candidate_positions(doc, actors, lexicon)
    found = [f for f in candidates
             if lexicon.filter.keeps(position_features(doc, f, actors, lexicon, candidates))]
    return _number(doc, join_quote_runs(text_of(doc), found))


def candidate_positions(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> list[Found]:
    """Every construction that may attribute words to someone, speakers resolved."""
    quotes = find_quotes(text_of(doc), doc)
    # Speech inside a quotation belongs to the quotation, not to the article's attributions.
    found = [f for f in speech_clauses(doc, lexicon)
             if not any(_inside(f.cue, quote) for quote in quotes)]
    found += list(according_clauses(doc, lexicon, found))
    found += list(speaker_labels(text_of(doc)))
    found = attach_quotes(doc, quotes, found, lexicon)
    found += list(reported_actions(doc, lexicon, found))
    found += list(nominal_calls(doc, lexicon, actors))
    resolved = []
    for item in found:
        resolved.extend(resolve_speakers(doc, item, actors, lexicon))
    relay_through_media(doc, resolved, actors, lexicon)
    return _dedupe(resolved)


# --- the learned filter ---------------------------------------------------------------------

@dataclass(frozen=True)
class PositionFilter:
    """A logistic model over a candidate's construction, cue, length and speaker, trained on
    PolNeAR train by scripts/train_position_filter.py; stated actions (kind reported) always
    pass, and without a model file every candidate does."""
    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.0

    @classmethod
    def load(cls, path: Path) -> "PositionFilter":
        if not path.exists():
            return cls(weights={}, bias=1.0)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"])

    def score(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def keeps(self, features: dict[str, float]) -> bool:
        return features.get("kind=reported", 0.0) > 0 or self.score(features) >= self.threshold


def position_features(doc: Doc, item: Found, actors: ActorIndex, lexicon: SpeechLexicon,
                      candidates: list[Found]) -> dict[str, float]:
    """What the filter weighs: how the candidate was found, its cue, length and speaker,
    whether it sits inside another candidate's reported words, and whether its content is a
    clause (has a verb) that runs to the end of its sentence, as reported statements do."""
    words = _span_words(doc, item.content)
    features = {f"how={item.how}": 1.0, f"kind={item.kind}": 1.0, "words": math.log1p(words),
                f"words<={_bucket(words)}": 1.0}
    if item.cue and any(other is not item and _inside(item.cue, other.content) for other in candidates):
        features["nested"] = 1.0
    if item.cue_token is not None:
        verb = doc[item.cue_token]
        lemma = verb.lemma_.lower()
        features.update({f"lemma={lemma}": 1.0, f"tag={verb.tag_}": 1.0,
                         "share": lexicon.cue_share.get(lemma, 0.0),
                         "listed": float(lemma in lexicon.speech and lemma not in lexicon.cue_share)})
        if item.cue_token and item.content[1] <= verb.idx:
            features["content_first"] = 1.0
    else:
        features["no_cue_verb"] = 1.0
    text = text_of(doc)[item.content[0]:item.content[1]]
    features["starts_with_that"] = float(text.lower().startswith("that "))
    features["quoted"] = float(any(c in text for c in "\"\u201c\u201d\u00ab\u00bb") or "''" in text)
    features.update({f"source={_source_kind(doc, item, actors)}": 1.0})
    content = doc.char_span(*item.content, alignment_mode="expand")
    if content is not None:
        features["content_has_verb"] = float(any(t.pos_ in ("VERB", "AUX") for t in content))
        features["content_ends_sentence"] = float(content.end >= content[-1].sent.end - 1)
    return features


def _bucket(words: int) -> int:
    return next(limit for limit in (2, 3, 5, 8, 13, 21, 10_000) if words <= limit)


def _source_kind(doc: Doc, item: Found, actors: ActorIndex) -> str:
    if item.source is None:
        return "none"
    actor = actors.get(item.actor)
    if actor:
        return actor.type
    words = text_of(doc)[item.source[0]:item.source[1]].split()
    if len(words) == 1 and words[0].lower() in PERSON_PRONOUNS | GROUP_PRONOUNS | {"i", "you"}:
        return "pronoun"
    return "phrase"


# --- quotations -----------------------------------------------------------------------------

_TWO_APOSTROPHES = re.compile(r"''(?=\S)[^\n]*?''")


def find_quotes(text: str, doc: Optional[Doc] = None) -> list[Span]:
    """Spans of quotations, quote marks included. An opener followed by another opener before
    its closer is unterminated: the quote ends at its last full stop before that opener.
    Typewriter style ''…'' (two apostrophes) counts as quote marks too."""
    quotes = [m.span() for m in _TWO_APOSTROPHES.finditer(text)
              if len(re.findall(r"\w+", m.group())) >= MIN_QUOTE_WORDS]
    return sorted(quotes + [q for q in _marked_quotes(text)
                            if not any(_overlap(q, other) for other in quotes)])


def _marked_quotes(text: str) -> list[Span]:
    quotes: list[Span] = []
    i = 0
    while i < len(text):
        closers = OPENERS.get(text[i])
        if not closers:
            i += 1
            continue
        end = _quote_end(text, i, closers)
        if end and len(re.findall(r"\w+", text[i:end])) >= MIN_QUOTE_WORDS:
            quotes.append((i, end))
        i = end if end else i + 1
    return quotes


def _quote_end(text: str, start: int, closers: str) -> Optional[int]:
    j = start + 1
    while j < len(text):
        char = text[j]
        if char in closers:
            return j + 1
        if (char in OPENERS and char != '"') or text.startswith("\n\n", j) or \
                (text[start] == '"' and char == "\n"):
            stop = max(text.rfind(".", start, j), text.rfind("?", start, j), text.rfind("!", start, j))
            return stop + 1 if stop > start else None
        j += 1
    return None


def attach_quotes(doc: Doc, quotes: list[Span], found: list[Found],
                  lexicon: SpeechLexicon) -> list[Found]:
    """Merges quotations into the clause positions that hold them, or makes them positions of
    their own with the cue beside them."""
    result = list(found)
    for n, quote in enumerate(quotes):
        holder = next((f for f in result if _overlap(f.content, quote) > 0
                       and not (f.cue and _inside(f.cue, quote))), None)
        if holder:
            _absorb_quote(doc, holder, quote)
            continue
        cue = _cue_beside_quote(doc, quote, quotes, lexicon, {f.cue_token for f in result})
        if cue is not None:
            verb = doc[cue]
            result = [f for f in result if f.cue_token != cue]
            content = _continued_quote(doc, quote, verb, quotes[n + 1:])
            result.append(Found(content=content, kind="direct", how="quote", cue=_cue_span(verb, lexicon),
                                source=_subject_span(verb, quote), cue_token=cue))
            continue
        result.append(_quote_by_phrase(doc, quote, lexicon) or _continuing_quote(quote, result))
    return result


CONTINUATION_REACH = 600     # characters from the previous statement to a quotation that goes on


def _continuing_quote(quote: Span, found: list[Found]) -> Found:
    """A quotation with no cue of its own continues the statement just before it (news prose
    names the speaker once per paragraph); far from any statement its source stays unknown."""
    earlier = [f for f in found if f.content[1] <= quote[0] and f.source]
    previous = max(earlier, key=lambda f: f.content[1], default=None)
    if previous and quote[0] - previous.content[1] <= CONTINUATION_REACH:
        return Found(content=quote, kind="direct", how="continued", cue=previous.cue,
                     source=previous.source)
    return Found(content=quote, kind="direct", how="unattributed", cue=None, source=None)


def _continued_quote(doc: Doc, quote: Span, verb: Token, later: list[Span]) -> Span:
    """A quotation the speech verb splits ("“The museum,” he said, “would make …”") as one
    content from the first part's start to the second part's end."""
    if not later or verb.idx < quote[1]:
        return quote
    following = later[0]
    between = text_of(doc)[quote[1]:following[0]]
    if len(between) < 100 and "\n" not in between and between.rstrip().endswith((",", ":", ".")):
        return quote[0], following[1]
    return quote


def _absorb_quote(doc: Doc, holder: Found, quote: Span) -> None:
    start = min(holder.content[0], quote[0])
    end = max(holder.content[1], quote[1])
    outside = text_of(doc)[start:quote[0]] + text_of(doc)[quote[1]:end]
    words = [w for w in re.findall(r"\w+", outside) if w.lower() != "that"]
    holder.content = (start, end)
    holder.kind = "direct" if not words else "mixed"


def _cue_beside_quote(doc: Doc, quote: Span, quotes: list[Span], lexicon: SpeechLexicon,
                      used: set) -> Optional[int]:
    """A speech verb after the quote in its last sentence, else before it in its first; never
    one inside a quotation ("“I think …,” he said, “because …”": the speaker is not "I")."""
    first = doc.char_span(quote[0], quote[0] + 1, alignment_mode="expand")
    last = doc.char_span(quote[1] - 1, quote[1], alignment_mode="expand")
    if first is None or last is None:
        return None
    after = [t for t in last.sent if t.idx >= quote[1]]
    if not after and last.sent.end < len(doc):
        following = doc[last.sent.end].sent
        if following.start_char - quote[1] <= 3 and len(following) <= 40:
            after = list(following)
    before = [t for t in reversed(first.sent) if t.idx + len(t) <= quote[0]]
    for token in after + before:
        if _is_speech_verb(token, lexicon) and token.i not in used \
                and not any(q[0] <= token.idx < q[1] for q in quotes):
            return token.i
    return None


_DASH_SIGNATURE = re.compile(r"[^\S\n]*([\u2015\u2014\u2013]|--)[^\S\n]*([A-Z][^\n,;(]{1,60})")


def _quote_by_phrase(doc: Doc, quote: Span, lexicon: SpeechLexicon) -> Optional[Found]:
    """A quotation introduced by "according to X" or "in his words", or signed with a dash
    ("“…” ― Jane Doe")."""
    signed = _DASH_SIGNATURE.match(text_of(doc), quote[1])
    if signed:
        return Found(content=quote, kind="direct", how="signed", cue=signed.span(1), source=signed.span(2))
    sentence = doc.char_span(quote[0], quote[0] + 1, alignment_mode="expand").sent
    for phrase in lexicon.according + lexicon.in_words:
        match = _phrase_in(sentence, phrase, before=quote[0])
        if match is None:
            continue
        cue = (match[0].idx, match[-1].idx + len(match[-1]))
        if phrase in lexicon.in_words:
            owner = next((t for t in match if t.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS), match[0])
            return Found(content=quote, kind="direct", how="in-words", cue=cue,
                         source=(owner.idx, owner.idx + len(owner)))
        object_ = _object_after(match)
        return Found(content=quote, kind="direct", how="according", cue=cue, source=object_)
    return None


def _phrase_in(sentence: SpacySpan, words: tuple[str, ...], before: int) -> Optional[SpacySpan]:
    tokens = [t for t in sentence if t.idx < before]
    for i in range(len(tokens) - len(words) + 1):
        if all(tokens[i + k].lower_ == w for k, w in enumerate(words)):
            return sentence.doc[tokens[i].i:tokens[i].i + len(words)]
    return None


def _object_after(match: SpacySpan) -> Optional[Span]:
    """The noun phrase after "according to": the object's subtree, up to a comma or quote."""
    doc = match.doc
    objects = [t for t in match[-1].children if t.dep_ == "pobj"]
    if objects:
        return _clip_span(objects[0])
    start = match.end
    end = start
    while end < len(doc) and doc[end].text not in {",", ":", "\u201c", '"', "\u00ab"} and not doc[end].is_sent_end:
        end += 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) if end > start else None


# --- indirect speech --------------------------------------------------------------------------

def speech_clauses(doc: Doc, lexicon: SpeechLexicon) -> Iterator[Found]:
    """"X said (that) …", "X told Y …", "X vowed to …", "…, X said."."""
    for token in doc:
        if _is_speech_verb(token, lexicon):
            complement = _complement(token, lexicon)
            if complement and complement[0] in ("dobj", "prep") and token.lemma_.lower() in lexicon.reported \
                    and token.lemma_.lower() not in lexicon.listed:
                continue      # "rejected the offer" is an act the writer reports, not speech
        elif token.pos_ == "VERB" and token.lemma_.lower() not in lexicon.speech:
            complement = _that_clause(token)   # an unlisted verb with a "that" clause: a candidate
        else:
            complement = None
        if complement is None:
            continue
        how, content = complement
        through = _topic_preposition(token, lexicon) if how.startswith("topic") else None
        yield Found(content=content, kind="indirect", how=how, cue=_cue_span(token, lexicon, through),
                    source=_subject_span(token, content), cue_token=token.i)


def _that_clause(verb: Token) -> Optional[tuple[str, Span]]:
    for child in verb.children:
        if child.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return "that-clause", _clip_span(child)
    return None


def _is_speech_verb(token: Token, lexicon: SpeechLexicon) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in lexicon.speech:
        return False
    particle = lexicon.particles.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
        return False
    return not (token.tag_ == "VBN" and token.dep_ in ("amod", "acl", "advcl") and
                any(c.dep_ == "agent" for c in token.children))


def _complement(verb: Token, lexicon: SpeechLexicon) -> Optional[tuple[str, Span]]:
    """How and what a speech verb reports: its clause complement, an infinitive for
    promise-like verbs, the object of a cue preposition ("called for"), a bare object, what it
    is about ("talked about the wall"), or the main clause around a parenthetical "…, he
    said, …"."""
    for child in verb.children:
        if child.dep_ == "ccomp" and _words(child.subtree) >= 2:
            return "ccomp", _clip_span(child)
    if verb.lemma_.lower() in lexicon.infinitive:
        for child in verb.children:
            if child.dep_ == "xcomp" and _words(child.subtree) >= 2:
                return "xcomp", _clip_span(child)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in lexicon.cue_prepositions.get(verb.lemma_.lower(), ()):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return "prep", _clip_span(objects[0])
    for child in verb.children:
        if child.dep_ == "dobj":
            content = _object_with_complements(verb, child)
            if _span_words(verb.doc, content) >= 2:     # not "said it", "told him"
                return "dobj", content
    preposition = _topic_preposition(verb, lexicon)
    if preposition is not None:
        objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            return f"topic-{preposition.lower_}", _object_with_complements(verb, objects[0])
    if verb.dep_ in ("parataxis",) and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        tokens = [t for t in head.subtree if t not in set(verb.subtree)]
        span = _tokens_span(tokens)
        return ("parataxis", span) if span else None
    return None


def _topic_preposition(verb: Token, lexicon: SpeechLexicon) -> Optional[Token]:
    """The preposition right after the verb (or its particle) that introduces what the verb is
    about: "talked about", "referred to", "lashed out at"; never "according to"."""
    if any(phrase[0] == verb.lower_ for phrase in lexicon.according):
        return None
    after = verb.i + 1
    while after < len(verb.doc) and verb.doc[after].dep_ == "prt" and verb.doc[after].head.i == verb.i:
        after += 1
    if after < len(verb.doc):
        candidate = verb.doc[after]
        if candidate.head.i == verb.i and candidate.dep_ == "prep" \
                and candidate.lower_ in lexicon.topic_prepositions:
            return candidate
    return None


def _cue_span(verb: Token, lexicon: SpeechLexicon, through: Optional[Token] = None) -> Span:
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


def _subject_span(verb: Token, content: Optional[Span] = None) -> Optional[Span]:
    """The verb's subject outside what it reports, or that of the verb it is conjoined with,
    depends on ("admitting that …", "for refusing to …") or the noun it describes. A passive
    verb's subject was told, asked or expected: its speaker is the agent ("by X"), if any."""
    if _is_passive(verb):
        return _agent_of(verb)
    token = verb
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS
                    and not (content and content[0] <= c.idx < content[1])]
        if subjects:
            return _clip_span(subjects[0])
        if token.dep_ == "xcomp":
            # "pressed Stumpf to admit …": the object of the governing verb does the admitting.
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects:
                return _clip_span(objects[0])
        if token.dep_ in ("conj", "xcomp", "advcl"):
            token = token.head
            continue
        if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
            return _author_of(token.head) or _clip_span(token.head, exclude=token)
        if token.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "AUX"):
            token = token.head.head
            continue
        return None
    return None


def _author_of(noun: Token) -> Optional[Span]:
    """"Black Lives Matter issued a statement saying …": a thing someone puts out (the object
    of a verb, not a named entity) speaks for the subject of that verb."""
    if noun.dep_ != "dobj" or noun.pos_ != "NOUN" or noun.ent_type_:
        return None
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
    return _clip_span(subjects[0]) if subjects else None


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
                return _clip_span(objects[0])
    return None


def according_clauses(doc: Doc, lexicon: SpeechLexicon, found: list[Found]) -> Iterator[Found]:
    """"…, according to X": the clause is X's position unless a speech verb already claims it."""
    claimed = {f.cue_token for f in found}
    for token in doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        if not objects:
            continue
        head = token.head
        if head.i in claimed or head.i == token.i:
            continue
        phrase = set(token.subtree)
        tokens = [t for t in head.subtree if t not in phrase]
        content = _tokens_span(tokens)
        if content:
            yield Found(content=content, kind="indirect", how="according", cue=(token.idx, to.idx + len(to)),
                        source=_clip_span(objects[0]), cue_token=head.i)


_LABEL_WORD = r"[A-Z][\w.'\u2019-]*"
_SPEAKER_LABEL = re.compile(rf"^[^\S\n]*[\"\u201c]?({_LABEL_WORD}(?: {_LABEL_WORD}){{0,4}})(:)[^\S\n]+(\S[^\n]*)$",
                            re.M)


def speaker_labels(text: str) -> Iterator[Found]:
    """Transcripts and headlines: "WALLACE: Let's start with …", "Q: …", "Paul Ryan: FBI
    Decision Defies Explanation" — the line is what the capitalised label said."""
    for match in _SPEAKER_LABEL.finditer(text):
        end = match.end(3)
        while end > match.start(3) and text[end - 1] in " \t\"\u201d":
            end -= 1
        if len(re.findall(r"\w+", match.group(3))) >= 3:
            yield Found(content=(match.start(3), end), kind="direct", how="label",
                        cue=match.span(2), source=match.span(1))


# --- reported actions and nominal calls ---------------------------------------------------------

def reported_actions(doc: Doc, lexicon: SpeechLexicon, found: list[Found]) -> Iterator[Found]:
    """The writer's account of a stance-bearing act: "rejected international calls for talks"."""
    used = {f.cue_token for f in found}
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in lexicon.reported or token.i in used:
            continue
        if lemma == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
            continue
        content_head = _object_of(token)
        if content_head is None:
            continue
        cue_end = token
        for child in token.children:
            if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "for"
                                       and child.i < content_head.i):
                cue_end = max(cue_end, child, key=lambda t: t.i)
        yield Found(content=_action_object(token, content_head), kind="reported", how="reported",
                    cue=(token.idx, cue_end.idx + len(cue_end)), source=_subject_span(token),
                    cue_token=token.i)


def _action_object(verb: Token, head: Token) -> Span:
    """The object with what the verb says of it: "accused [the West of prolonging the war]",
    "blamed [Armenia for the attack]"."""
    tokens = list(head.subtree)
    for child in verb.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ in ("of", "for", "over"):
            tokens += list(child.subtree)
    return _tokens_span(tokens) or _clip_span(head)


OBJECT_COMPLEMENTS = ("prep", "xcomp", "oprd")


def _object_with_complements(verb: Token, head: Token) -> Span:
    """The object with what the verb goes on to say of it, up to a comma: "chided [Obama for
    continuing his vacation]", "persuade [the company to acquire Allergan]"."""
    tokens = list(head.subtree)
    for child in verb.children:
        if child.i > head.i and child.dep_ in OBJECT_COMPLEMENTS:
            tokens += list(child.subtree)
    return _tokens_span(tokens) or _clip_span(head)


def _object_of(verb: Token) -> Optional[Token]:
    for child in verb.children:
        if child.dep_ in ("dobj", "xcomp", "ccomp") and _words(child.subtree) >= 1:
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "to"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def nominal_calls(doc: Doc, lexicon: SpeechLexicon, actors: ActorIndex) -> Iterator[Found]:
    """"calls from the UN … for an immediate cessation of hostilities": a call with a named caller."""
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.nominal:
            continue
        source = _caller(token)
        target = _called_for(token)
        if source is None or target is None or actors.at(*source) is None:
            continue
        yield Found(content=_clip_span(target), kind="reported", how="nominal",
                    cue=(token.idx, token.idx + len(token)),
                    source=source, cue_token=token.i)


def _caller(noun: Token) -> Optional[Span]:
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ != "PRP$":
            return _clip_span(child)
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _clip_span(objects[0], exclude_preps=("for",))
    return None


def _called_for(noun: Token) -> Optional[Token]:
    for token in noun.subtree:
        if token.dep_ == "prep" and token.lower_ == "for":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


# --- speakers -----------------------------------------------------------------------------------

def resolve_speakers(doc: Doc, item: Found, actors: ActorIndex,
                     lexicon: SpeechLexicon) -> list[Found]:
    """The actor(s) behind a source phrase: named people first, office descriptions, other named
    actors (one position each for "Armenia and Azerbaijan"), then pronouns."""
    if item.source is None:
        return [item]
    start, end = _antecedent(doc, item.source)
    inside = [m for m in actors.mentions_in(start, end) if not _inside(m, item.content)]
    people = [m for m in inside if actors.get(m[2]).type == "person"]
    if people:
        return [replace(item, actor=people[0][2])]
    office = office_holder(text_of(doc)[start:end], actors, lexicon)
    if office:
        return [replace(item, actor=office)]
    if inside:
        conjoined = _conjoined_actors(doc, item.source, inside, actors)
        return [replace(item, actor=a) for a in conjoined]
    pronoun = _pronoun_antecedent(doc, item.source, actors)
    return [replace(item, actor=pronoun)]


def _antecedent(doc: Doc, source: Span) -> Span:
    """For "who"/"which"/"that" heading a relative clause, the noun phrase it stands for."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].tag_ in ("WDT", "WP"):
        clause = span[0].head
        if clause.dep_ == "relcl":
            return _clip_span(clause.head, exclude=clause)
    return source


def office_holder(phrase: str, actors: ActorIndex, lexicon: SpeechLexicon) -> Optional[str]:
    """"the head of the Armenian Government" → the person whose title is Prime Minister and who
    is affiliated with Armenia, if the article names one."""
    words = phrase.lower()
    for reference, title in sorted(lexicon.office_references.items(), key=lambda r: -len(r[0])):
        pattern = r"\b" + r"\s+(?:[\w-]+\s+){0,2}".join(map(re.escape, reference.split())) + r"\b"
        if not re.search(pattern, words):
            continue
        candidates = [a for a in actors.actors if a.type == "person" and a.title == title]
        owner = _owner_named(phrase, actors)
        if owner:
            candidates = [a for a in candidates if a.affiliation == owner]
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


def _conjoined_actors(doc: Doc, source: Span, inside: list, actors: ActorIndex) -> list[str]:
    """Every actor of a coordination ("Armenia and Azerbaijan"), else the one the phrase names."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is not None and any(t.dep_ == "conj" for t in span) and any(t.lower_ == "and" for t in span):
        ids = []
        for _, _, actor_id in inside:
            if actor_id not in ids:
                ids.append(actor_id)
        return ids
    return [actors.at(*source)]


def _pronoun_antecedent(doc: Doc, source: Span, actors: ActorIndex) -> Optional[str]:
    words = text_of(doc)[source[0]:source[1]].lower().split()
    if len(words) != 1:
        return None
    if words[0] in PERSON_PRONOUNS:
        found = actors.mentioned_before(source[0], ("person",))
        return found[0] if found else None
    if words[0] in GROUP_PRONOUNS:
        found = actors.mentioned_before(source[0], ("state", "government", "military", "igo",
                                                    "armed_group", "group", "ngo", "region"))
        return found[0] if found else None
    return None


def relay_through_media(doc: Doc, found: list[Found], actors: ActorIndex, lexicon: SpeechLexicon) -> None:
    """Marks positions a media actor relayed: "according to AFP", "quoted by Interfax",
    "…, Russian news agencies reported"."""
    for item in found:
        if item.actor is None or item.cue_token is None:
            continue
        sentence = doc[item.cue_token].sent
        for start, end, actor_id in actors.mentions_in(sentence.start_char, sentence.end_char):
            actor = actors.get(actor_id)
            if actor.type != "media" or actor_id == item.actor or _inside((start, end), item.content):
                continue
            if _relays(doc, start, end):
                item.via = actor_id
                break
    for outer in found:
        if outer.actor and actors.get(outer.actor).type == "media":
            for inner in found:
                if inner is not outer and inner.cue and _inside(inner.cue, outer.content) and not inner.via:
                    inner.via = outer.actor


def _relays(doc: Doc, start: int, end: int) -> bool:
    before = text_of(doc)[max(0, start - 40):start].lower()
    return bool(re.search(r"(according to|quoted by|reported by|told|cited by|citing)\s+(the\s+)?$", before))


QUOTE_RUN_GAP = 200     # characters between two quoted parts of one statement


def join_quote_runs(text: str, found: list[Found]) -> list[Found]:
    """One statement quoted in parts ("“Tom is a visionary,” she said. “He stepped in.”") is one
    position: consecutive quotations with the same speaker and cue, in one paragraph."""
    joined: list[Found] = []
    for item in sorted(found, key=lambda f: f.content[0]):
        last = joined[-1] if joined else None
        if (last and item.kind in ("direct", "mixed") and last.kind in ("direct", "mixed")
                and item.cue == last.cue and item.source == last.source and item.actor == last.actor
                and 0 <= item.content[0] - last.content[1] <= QUOTE_RUN_GAP
                and "\n" not in text[last.content[1]:item.content[0]]):
            last.content = (last.content[0], item.content[1])
            continue
        joined.append(item)
    return joined


# --- helpers ------------------------------------------------------------------------------------

def _clip_span(token: Token, exclude: Optional[Token] = None,
               exclude_preps: tuple[str, ...] = ()) -> Span:
    """The token's subtree (minus an excluded subtree), trimmed of edge punctuation."""
    skip = set(exclude.subtree) if exclude is not None else set()
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in exclude_preps:
            skip |= set(child.subtree)
    tokens = [t for t in token.subtree if t not in skip]
    return _tokens_span(tokens) or (token.idx, token.idx + len(token))


def _tokens_span(tokens: list[Token]) -> Optional[Span]:
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


def _span_words(doc: Doc, span: Span) -> int:
    return len(re.findall(r"\w+", text_of(doc)[span[0]:span[1]]))


def _words(tokens) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _dedupe(found: list[Found]) -> list[Found]:
    seen, kept = set(), []
    for item in found:
        key = (item.content, item.actor)
        if key not in seen and item.content[1] > item.content[0]:
            seen.add(key)
            kept.append(item)
    return kept


def _number(doc: Doc, found: list[Found]) -> list[Position]:
    text = text_of(doc)
    positions = []
    for n, item in enumerate(sorted(found, key=lambda f: (f.content[0], f.cue or (0, 0), f.actor or "")), 1):
        positions.append(Position(
            id=f"p{n}", actor=item.actor,
            source_text=text[item.source[0]:item.source[1]] if item.source else None,
            source_span=item.source, cue=text[item.cue[0]:item.cue[1]] if item.cue else "",
            cue_span=item.cue, content=text[item.content[0]:item.content[1]],
            content_span=item.content, kind=item.kind, via=item.via))
    return positions
