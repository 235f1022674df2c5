"""Statements in the parse: a speech verb's complement, "according to X", speaker labels before
a colon, stance-bearing actions the writer reports and nominal calls."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from spacy.tokens import Doc, Token

from ..model import Span
from ..nlp import tokens_of
from .actors import ActorIndex
from .speech import (FINITE_TAGS, SUBJECT_DEPS, Found, SpeechLexicon, clip_span, cue_span, is_speech_verb,
                     misattached_verb, span_words, subject_span, tokens_span, word_count)


def speech_clauses(doc: Doc, lexicon: SpeechLexicon) -> Iterator[Found]:
    """"X said (that) …", "X told Y …", "X vowed to …", "…, X said."."""
    for token in tokens_of(doc):
        if is_speech_verb(token, lexicon):
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
        yield Found(content=content, kind="indirect", how=how, cue=cue_span(token, lexicon, through),
                    source=subject_span(token, content), cue_token=token.i)


def _that_clause(verb: Token) -> Optional[tuple[str, Span]]:
    for child in verb.children:
        if child.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return "that-clause", clip_span(child)
    return None


def _complement(verb: Token, lexicon: SpeechLexicon) -> Optional[tuple[str, Span]]:
    """How and what a speech verb reports: its clause complement, an infinitive for
    promise-like verbs, the object of a cue preposition ("called for"), a bare object, what it
    is about ("talked about the wall"), or the main clause around a parenthetical "…, he
    said, …"."""
    for child in verb.children:
        if child.dep_ == "ccomp" and word_count(child.subtree) >= 2:
            reporting = next((c for c in child.children if is_speech_verb(c, lexicon) and _reporting_clause(c)),
                             None)
            return "ccomp", _with_subject_taken_for_object(verb, child, clip_span(child, exclude=reporting))
    if verb.lemma_.lower() in lexicon.infinitive:
        for child in verb.children:
            if child.dep_ == "xcomp" and word_count(child.subtree) >= 2:
                return "xcomp", _with_addressee(verb, child)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in lexicon.cue_prepositions.get(verb.lemma_.lower(), ()):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return "prep", clip_span(objects[0])
    for child in verb.children:
        if child.dep_ == "dobj":
            content = _object_with_complements(verb, child)
            if span_words(verb.doc, content) >= 2:     # not "said it", "told him"
                return "dobj", content
    preposition = _topic_preposition(verb, lexicon)
    if preposition is not None:
        objects = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            return f"topic-{preposition.lower_}", _object_with_complements(verb, objects[0])
    if verb.dep_ in ("parataxis",) and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        tokens = [t for t in head.subtree if t not in set(verb.subtree)]
        span = tokens_span(tokens)
        return ("parataxis", span) if span else None
    if _reporting_clause(verb):
        head = verb.head
        while head.dep_ in ("ccomp", "parataxis") and head.head.i < head.i:
            head = head.head
        tokens = [t for t in head.subtree if t not in set(verb.subtree)]
        span = tokens_span(tokens)
        return ("parataxis", span) if span else None
    return None


def _with_subject_taken_for_object(verb: Token, clause: Token, span: Span) -> Span:
    """"agreed [the Gulf obstacle …] [can be resolved …]": a finite clause without a subject after
    the verb's object is the object's clause (the parser took its subject for the verb's object);
    what was said runs from the object."""
    finite = clause.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"
                                               for c in clause.children)
    if not finite or any(c.dep_ in (*SUBJECT_DEPS, "expl", "csubj") for c in clause.children):
        return span
    # Not who was told ("told Reuters there were limits", "assured him …"): a name or a pronoun;
    # nor an object a colon or a quotation parts from the clause ("addressed the crowd: “…”").
    doc = verb.doc
    objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i
               and c.pos_ == "NOUN" and not c.ent_type_
               and not any(t.is_punct for t in doc[c.right_edge.i + 1:clause.left_edge.i])]
    return (clip_span(objects[0])[0], span[1]) if objects else span


def _with_addressee(verb: Token, infinitive: Token) -> Span:
    """An infinitive's span, from the one asked or urged to do it when the verb names one
    before it: "asked *Damascus to send forces*" (without it the words read as the speaker's own
    plan)."""
    span = clip_span(infinitive)
    addressee = next((c for c in verb.children if c.dep_ == "dobj" and c.i < infinitive.i), None)
    return (clip_span(addressee)[0], span[1]) if addressee is not None else span


def _reporting_clause(verb: Token) -> bool:
    """"X shows just how “serious this matter is,” Nauert said": a speech verb with a subject
    and nothing it reports, after a comma that closes the words before it, which the parser
    took for the complement of those words' verb: the sentence up to it is what was said."""
    doc = verb.doc
    before = verb.left_edge.i - 1
    return verb.dep_ == "ccomp" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX") \
        and any(c.dep_ == "nsubj" for c in verb.children) and before > 0 \
        and (doc[before].text == "," or (doc[before].is_quote and doc[before - 1].text == ","))


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
                and candidate.lower_ in lexicon.topic_prepositions and not _a_name_given(verb, candidate):
            return candidate
    return None


def _a_name_given(verb: Token, preposition: Token) -> bool:
    """"Rao Anwar, known as Karachi's 'Dirty Harry'", "is widely seen as a moderate": the name
    or reputation others give the subject of a passive, not words it said (but "was quoted as
    saying" is, and "has described the deal as a disaster" is active)."""
    if preposition.lower_ != "as" or any(c.pos_ in ("VERB", "AUX") for c in preposition.children):
        return False
    return verb.tag_ == "VBN" and (any(c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "acl" and not any(c.dep_ == "aux" for c in verb.children)))


def according_clauses(doc: Doc, lexicon: SpeechLexicon, found: list[Found]) -> Iterator[Found]:
    """"…, according to X": the clause is X's position unless a speech verb already claims it."""
    claimed = {f.cue_token for f in found}
    for token in tokens_of(doc):
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        if not objects:
            continue
        head = token.head
        if head.i in claimed or head.i == token.i:
            continue
        phrase = set(token.subtree) | set(_described_after(token, lexicon))
        tokens = [t for t in head.subtree if t not in phrase]
        content = tokens_span(tokens)
        if content:
            yield Found(content=content, kind="indirect", how="according", cue=(token.idx, to.idx + len(to)),
                        source=clip_span(objects[0]), cue_token=head.i)


_DESCRIPTION_WORDS = 8


def _described_after(according: Token, lexicon: SpeechLexicon) -> list[Token]:
    """"According to Ahmed Abazeid, an Istanbul-based Syrian researcher, at its peak …": the
    description of the source between commas right after its name, which the parser often
    takes for the subject of the content; it says who speaks, not what they said."""
    doc = according.doc
    start = according.right_edge.i + 1
    if start >= len(doc) or doc[start].text != ",":
        return []
    words = []
    for token in doc[start + 1:start + 1 + _DESCRIPTION_WORDS]:
        if token.text == ",":
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return []
        words.append(token)
    else:
        return []
    nouns = [t for t in words if t.pos_ == "NOUN"]
    if not words or words[0].pos_ != "DET" or not nouns:
        return []
    segment = doc[start:start + 1 + len(words) + 1]
    verb = according.head
    subject_after = any(c.dep_ in SUBJECT_DEPS and c.i >= segment.end for c in verb.children)
    if not subject_after and not _a_description(nouns[-1].lemma_.lower(), lexicon):
        return []
    return list(segment)


def _a_description(word: str, lexicon: SpeechLexicon) -> bool:
    return word in lexicon.unnamed_sources or lexicon.same_office.get(word, word) in lexicon.person_descriptions


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
    for token in tokens_of(doc):
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
                    cue=(token.idx, cue_end.idx + len(cue_end)), source=subject_span(token),
                    cue_token=token.i)


def _action_object(verb: Token, head: Token) -> Span:
    """The object with what the verb says of it: "accused [the West of prolonging the war]",
    "blamed [Armenia for the attack]"."""
    tokens = list(head.subtree)
    for child in verb.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ in ("of", "for", "over"):
            tokens += list(child.subtree)
    return tokens_span(tokens) or clip_span(head)


OBJECT_COMPLEMENTS = ("prep", "xcomp", "oprd")


def _object_with_complements(verb: Token, head: Token) -> Span:
    """The object with what the verb goes on to say of it, up to a comma: "chided [Obama for
    continuing his vacation]", "persuade [the company to acquire Allergan]"; a verb the parser
    misattached to the object is no part of it ("echoing [Erdogan], called on …")."""
    skip = {t for c in head.children if misattached_verb(c) for t in c.subtree}
    tokens = [t for t in head.subtree if t not in skip]
    for child in verb.children:
        if child.i > head.i and child.dep_ in OBJECT_COMPLEMENTS:
            tokens += list(child.subtree)
    return tokens_span(tokens) or clip_span(head)


def _object_of(verb: Token) -> Optional[Token]:
    for child in verb.children:
        if child.dep_ in ("dobj", "xcomp", "ccomp") and word_count(child.subtree) >= 1:
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "to"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def nominal_calls(doc: Doc, lexicon: SpeechLexicon, actors: ActorIndex) -> Iterator[Found]:
    """"calls from the UN … for an immediate cessation of hostilities": a call with a named caller."""
    for token in tokens_of(doc):
        if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon.nominal:
            continue
        source = _caller(token)
        target = _called_for(token)
        if source is None or target is None or actors.at(*source) is None:
            continue
        yield Found(content=clip_span(target), kind="reported", how="nominal",
                    cue=(token.idx, token.idx + len(token)),
                    source=source, cue_token=token.i)


def _caller(noun: Token) -> Optional[Span]:
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ != "PRP$":
            return clip_span(child)
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return clip_span(objects[0], exclude_preps=("for",))
    return None


def _called_for(noun: Token) -> Optional[Token]:
    for token in noun.subtree:
        if token.dep_ == "prep" and token.lower_ == "for":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None
