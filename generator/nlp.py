"""Analyse stage: the spaCy pipeline, loaded once, with the gazetteer's entity ruler added.

The model is the one ``spacymodel`` finds installed. A span ruler runs after the statistical NER
and its matches replace the model's labels where the gazetteer knows better ("Armenia" tagged
PERSON becomes a GPE with the id ``armenia``), while names the gazetteer does not know still
come from the model.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy
import spacy
from spacy.attrs import IS_ALPHA, IS_LOWER, IS_SPACE, IS_STOP, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer, load_gazetteer
from .datafile import parse_yaml
from .spacymodel import model_name

@lru_cache(maxsize=2)
def load_pipeline(gazetteer_paths: tuple[str, ...] = ()) -> Language:
    return build_pipeline(load_gazetteer(gazetteer_paths))


GAZETTEER_SPANS = "gazetteer"


def build_pipeline(gazetteer: Gazetteer) -> Language:
    nlp = spacy.load(model_name())
    nlp.add_pipe("glued_words", first=True)
    nlp.add_pipe("line_breaks", before="parser")
    ruler = nlp.add_pipe("span_ruler", name="gazetteer_ruler", after="ner",
                         config={"spans_key": GAZETTEER_SPANS, "phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):     # phrase patterns need only the tokenizer
        ruler.add_patterns(gazetteer.ruler_patterns())
    nlp.add_pipe("gazetteer_entities", after="gazetteer_ruler")
    return nlp


@Language.component("glued_words")
def glued_words(doc: Doc) -> Doc:
    """Splits a name glued to the speech verb after it where a line break or a typo dropped the
    space ("Rex Tillersoncalled on allies"): a capitalised token written once, made of a name
    the article writes on its own elsewhere and a form of a speech verb. The text is not
    changed; the token becomes two, before any tagging."""
    counts = Counter(t.text for t in doc)
    verbs = speech_verb_forms()
    glued = []
    for token in doc:
        if not token.is_alpha or not token.text[:1].isupper() or counts[token.text] > 1:
            continue
        for cut in range(4, len(token.text) - 2):
            name, rest = token.text[:cut], token.text[cut:]
            if rest in verbs and counts[name] and name[-1].islower():
                glued.append((token, name, rest))
                break
    if glued:
        with doc.retokenize() as retokenizer:
            for token, name, rest in glued:
                retokenizer.split(token, [name, rest], heads=[(token, 0), (token, 1)],
                                  attrs={"SPACY": [False, token.whitespace_ != ""]})
    return doc


@lru_cache(maxsize=1)
def speech_verb_forms() -> frozenset[str]:
    """Inflected forms of the speech verbs in ``lexicon/speech.yaml``."""
    path = resources.files("generator.data").joinpath("lexicon", "speech.yaml")
    data = parse_yaml(path.read_text(encoding="utf-8"))
    forms = {form for irregular in data.get("irregular", {}).values() for form in irregular}
    for lemma in data["speech"]:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma, lemma + "s", stem + "ed", stem + "ing"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
    return frozenset(forms)


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break (a newline or a Unicode line or paragraph separator) ends a sentence:
    headlines, datelines and paragraphs are not run together with the text after them; but one
    break between a word and a lower-case word, or after a lower-case function word, wraps a
    line ("a security force\u2028killed", "the village of\u2028Tawdobay Kalay").
    A word followed by a single space goes on in the same sentence: the parser otherwise cuts
    a name it does not know ("in Muhammad | Aghah district"). The parser keeps boundaries set
    before it, either way."""
    if len(doc) < 2:
        return doc
    # Read and written as whole columns: a Token object per word made this component cost
    # as much CPU as the parser.
    space, alpha, lower, stop, spaced = doc.to_array(_BREAK_ATTRS).astype(bool).T
    starts = doc.to_array([SENT_START]).astype(numpy.int64)
    starts[1:][alpha[:-1] & spaced[:-1] & ~space[1:]] = -1
    for i in numpy.flatnonzero(space[:-1]):
        breaks = len(_LINE_BREAKS.findall(doc[i].text))
        if breaks:
            before = max(i - 1, 0)
            wrapped = breaks == 1 and alpha[before] and (
                lower[i + 1] or (lower[before] and stop[before]))
            starts[i + 1] = -1 if wrapped else 1
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


_BREAK_ATTRS = [IS_SPACE, IS_ALPHA, IS_LOWER, IS_STOP, SPACY]
_LINE_BREAKS = re.compile("[\n\u2028\u2029]")


@Language.component("gazetteer_entities")
def gazetteer_entities(doc: Doc) -> Doc:
    """Gazetteer matches become entities, over the model's labels, except where the model found a
    longer person ("Israel Katz") or a body named through a demonym ("the Armenian Foreign
    Ministry"), which the match only starts. A longer name that opens with a word no name
    opens with is the model running a state into the words before it ("Traditionally Catholic
    France", "Describing Turkey"): the state wins."""
    matches = spacy.util.filter_spans(doc.spans.get(GAZETTEER_SPANS, []))
    kept_model = []
    for ent in doc.ents:
        inside = [m for m in matches if ent.start <= m.start and m.end <= ent.end and len(m) < len(ent)]
        if inside and _opens_as_a_name(ent) and (ent.label_ == "PERSON" or all(m.label_ == "NORP" for m in inside)
                       or ent.label_ == "ORG" and all(m.label_ == "GPE" for m in inside)
                       and _named_after_place(ent)):
            kept_model.append(ent)
    kept = set((e.start, e.end) for e in kept_model)
    chosen = kept_model + [m for m in matches
                           if not any(s <= m.start and m.end <= e for s, e in kept)]
    others = [e for e in doc.ents if not any(e.start < c.end and c.start < e.end for c in chosen)]
    doc.ents = spacy.util.filter_spans(chosen + others)
    return doc


def _opens_as_a_name(ent) -> bool:
    """A name's first word is a proper noun, an adjective of one ("Armenian") or "the", never
    an adverb or a verb."""
    return ent[0].pos_ not in ("ADV", "VERB", "AUX", "SCONJ", "ADP")


def _named_after_place(ent) -> bool:
    """"Doha Institute for Graduate Studies": an organisation whose name holds a place name and
    goes on past it with a capitalised word (not "Baku government")."""
    return ent[-1].text[:1].isupper() and ent[-1].ent_type_ != "GPE" and len(ent) >= 2


def text_of(doc: Doc) -> str:
    """The doc's text, joined once: ``Doc.text`` rebuilds the string from every token on each
    call, which the extractors would otherwise pay thousands of times per article."""
    return _kept(doc, "text", lambda: doc.text)


def _kept(doc: Doc, name: str, make: Callable[[], Any]) -> Any:
    """What ``make`` gives for ``doc``, made on first use and kept in its ``user_data``: the
    extractors run after the pipeline, which alone changes a doc's tokens and entities."""
    key = ("generator", name)
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = make()
    return value


def tokens_of(doc: Doc) -> list[Token]:
    """The doc's tokens, made once: ``doc[i]`` and iterating a Doc make a new Token object on
    every access, which was the extractors' largest single cost."""
    return _word_index(doc)[0]


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, without making the Span: the extractors look up every few words
    of an article in their tables."""
    if end <= start:
        return ""
    _, starts, ends = _word_index(doc)
    return text_of(doc)[starts[start]:ends[end - 1]]


def _word_index(doc: Doc) -> tuple[list[Token], list[int], list[int]]:
    """The doc's tokens and where each starts and ends in its text."""
    def make():
        words = list(doc)
        return words, [t.idx for t in words], [t.idx + len(t) for t in words]
    return _kept(doc, "words", make)


def entities(doc: Doc) -> tuple[Span, ...]:
    """The doc's entities, made once: ``Doc.ents`` makes a new Span of every entity on each
    call, and ``Span.ents`` does so for the whole doc to pick a sentence's, which the
    extractors would otherwise pay for every sentence they look at."""
    return _entity_index(doc)[0]


def entities_in(span: Span) -> list[Span]:
    """The entities that start and end inside ``span``, in order, as ``Span.ents`` gives them."""
    ents, starts = _entity_index(span.doc)
    inside = []
    for ent in ents[bisect_left(starts, span.start):]:
        if ent.end > span.end:
            break
        inside.append(ent)
    return inside


def entity_at(token: Token) -> Span | None:
    """The entity the token is part of, if any."""
    ents, starts = _entity_index(token.doc)
    at = bisect_right(starts, token.i) - 1
    return ents[at] if at >= 0 and token.i < ents[at].end else None


def _entity_index(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    """The doc's entities and where each starts."""
    def make():
        ents = tuple(doc.ents)
        return ents, [ent.start for ent in ents]
    return _kept(doc, "entities", make)


def analyse(nlp: Language, texts: Iterable[str], n_process: int = 1,
            batch_size: int = 8) -> Iterator[Doc]:
    """Parses texts in order. ``n_process > 1`` spreads them over that many processes."""
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


# Longest text parsed in one piece: spaCy's parser and entity recogniser need about 1 GB of
# memory per 100,000 characters, and refuse texts over ``nlp.max_length`` (1,000,000).
PIECE_CHARS = 100_000
# Where a long text is cut, best first: between paragraphs, lines, sentences, words.
_CUTS = ("\n\n", "\n", ". ", " ")


def parse(nlp: Language, texts: Sequence[str], batch_size: int = 8) -> Iterator[Doc]:
    """Parses ``texts`` in order, one Doc each whose text is exactly the text: a text longer
    than ``PIECE_CHARS`` (or ``nlp.max_length``) is parsed in pieces cut between paragraphs
    where it can, joined back into one Doc."""
    limit = max(1, min(PIECE_CHARS, nlp.max_length))
    pieces = [split_text(text, limit) for text in texts]
    docs = nlp.pipe((piece for parts in pieces for piece in parts), batch_size=batch_size)
    for parts in pieces:
        parsed = [next(docs) for _ in parts]
        yield parsed[0] if len(parsed) == 1 else Doc.from_docs(
            parsed, ensure_whitespace=False, exclude=["user_data", "tensor"])


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters that join back into it,
    each cut at the last paragraph break (else line break, sentence end, space) before the
    limit."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(mark) + len(mark) for mark in _CUTS
                    if window.rfind(mark) > limit // 2), limit)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces

