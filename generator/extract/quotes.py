"""Quotations: their spans in the text, and the statements they make with the cue beside
them, "according to X", a dash signature, or the statement just before them."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..nlp import text_of
from ..model import Span
from .speech import (GROUP_PRONOUNS, MIN_QUOTE_WORDS, MIN_UTTERANCE_WORDS, OPENERS,
                     PERSON_PRONOUNS, Found, SpeechLexicon, clip_span, cue_span, inside,
                     is_speech_verb, overlap, subject_span)


_TWO_APOSTROPHES = re.compile(r"''(?=\S)[^\n]*?''")


def find_quotes(text: str, doc: Optional[Doc] = None) -> list[Span]:
    """Spans of quotations, quote marks included. An opener followed by another opener before
    its closer is unterminated: the quote ends at its last full stop before that opener.
    Typewriter style ''…'' (two apostrophes) counts as quote marks too."""
    quotes = [m.span() for m in _TWO_APOSTROPHES.finditer(text)
              if len(re.findall(r"\w+", m.group())) >= MIN_QUOTE_WORDS]
    return sorted(quotes + [q for q in _marked_quotes(text)
                            if not any(overlap(q, other) for other in quotes)])


def _marked_quotes(text: str) -> list[Span]:
    quotes: list[Span] = []
    i = 0
    while i < len(text):
        closers = OPENERS.get(text[i])
        if not closers:
            i += 1
            continue
        end = _quote_end(text, i, closers)
        if end and _said_words(text[i:end]):
            quotes.append((i, end))
        i = end if end else i + 1
    return quotes


def _said_words(quote: str) -> bool:
    """Words someone said, not a term the writer sets off ("so-called 'terrorists'"): at least
    ``MIN_QUOTE_WORDS`` of them, or a short sentence ended inside the marks ("We want peace,")."""
    words = len(re.findall(r"\w+", quote))
    return words >= MIN_QUOTE_WORDS or words >= MIN_UTTERANCE_WORDS and quote[-2:-1] in ",.?!"


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
        if any(f.how == "label" and quote[0] <= f.source[0] <= quote[0] + 1 for f in result):
            continue     # '"WALLACE: Let's start …': a transcript's line, the label's words
        holder = next((f for f in result if overlap(f.content, quote) > 0
                       and not (f.cue and inside(f.cue, quote))), None)
        if holder:
            _absorb_quote(doc, holder, quote)
            if holder.source is None and holder.cue_token is not None:
                holder.source = _source_between(doc, quote, doc[holder.cue_token])
                if holder.source:     # the parse ran the quotation's clause on over its speaker
                    holder.content = (holder.content[0], min(holder.content[1], quote[1]))
            continue
        cue = _cue_beside_quote(doc, quote, quotes, lexicon, {f.cue_token for f in result})
        if cue is not None:
            verb = doc[cue]
            result = [f for f in result if f.cue_token != cue]
            content = _continued_quote(doc, quote, verb, quotes[n + 1:])
            result.append(Found(content=content, kind="direct", how="quote", cue=cue_span(verb, lexicon),
                                source=subject_span(verb, quote) or _source_between(doc, quote, verb),
                                cue_token=cue))
            continue
        result.append(_quote_by_phrase(doc, quote, lexicon) or _continuing_quote(doc, quote, result, lexicon))
    return result


CONTINUATION_REACH = 600     # characters from the previous statement to a quotation that goes on


def _continuing_quote(doc: Doc, quote: Span, found: list[Found], lexicon: SpeechLexicon) -> Found:
    """A quotation with no cue of its own continues the statement just before it (news prose
    names the speaker once per paragraph); far from any statement its source stays unknown.
    What a verb that is no speech act did to a thing ("the channel released a documentary")
    says nothing a quotation could go on with."""
    earlier = [f for f in found if f.content[1] <= quote[0] and f.source and not _bare_act(doc, f, lexicon)]
    previous = max(earlier, key=lambda f: f.content[1], default=None)
    if previous and quote[0] - previous.content[1] <= CONTINUATION_REACH:
        return Found(content=quote, kind="direct", how="continued", cue=previous.cue,
                     source=previous.source)
    return Found(content=quote, kind="direct", how="unattributed", cue=None, source=None)


def _bare_act(doc: Doc, item: Found, lexicon: SpeechLexicon) -> bool:
    return item.cue_token is not None and item.how == "dobj" and \
        doc[item.cue_token].lemma_.lower() not in lexicon.listed


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
    """A speech verb after the quote in its last sentence, else before it in its first, in the
    quote's own paragraph (a parse may run a sentence across a paragraph break, a bullet's
    line into the one before); never one inside a quotation ("“I think …,” he said, “because
    …”": the speaker is not "I")."""
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
    text = text_of(doc)
    paragraph = (text.rfind("\n\n", 0, quote[0]), _paragraph_end(text, quote[1]))
    for token in after + before:
        if not paragraph[0] < token.idx < paragraph[1]:
            continue
        if any(token.lower_ == phrase[0] for phrase in lexicon.according):
            continue     # "According to him, …" introduces the clause after it
        if is_speech_verb(token, lexicon) and token.i not in used \
                and not any(q[0] <= token.idx < q[1] for q in quotes):
            return token.i
    return None


def _source_between(doc: Doc, quote: Span, verb: Token) -> Optional[Span]:
    """The name between a quotation and the verb after it ("“…,” Flynn, a top surrogate, said"),
    when the parse hung it inside the quotation rather than under the verb."""
    if verb.idx < quote[1]:
        return None
    words = [t for t in doc[:verb.i] if t.idx >= quote[1]]
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if not words or not any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in words):
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n\n", at)
    return len(text) if end < 0 else end


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
        return clip_span(objects[0])
    start = match.end
    end = start
    while end < len(doc) and doc[end].text not in {",", ":", "\u201c", '"', "\u00ab"} and not doc[end].is_sent_end:
        end += 1
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) if end > start else None
