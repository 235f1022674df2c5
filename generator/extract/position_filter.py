"""What the learned position filter (``speech.PositionFilter``) weighs: how each candidate was
found, its cue, length and speaker."""
from __future__ import annotations

import math

from spacy.tokens import Doc

from ..nlp import text_of
from .actors import ActorIndex
from .speech import GROUP_PRONOUNS, PERSON_PRONOUNS, Found, SpeechLexicon, inside, span_words


def position_features(doc: Doc, item: Found, actors: ActorIndex, lexicon: SpeechLexicon,
                      candidates: list[Found]) -> dict[str, float]:
    """What the filter weighs: how the candidate was found, its cue, length and speaker,
    whether it sits inside another candidate's reported words, and whether its content is a
    clause (has a verb) that runs to the end of its sentence, as reported statements do."""
    words = span_words(doc, item.content)
    features = {f"how={item.how}": 1.0, f"kind={item.kind}": 1.0, "words": math.log1p(words),
                f"words<={_bucket(words)}": 1.0}
    if item.cue and any(other is not item and inside(item.cue, other.content) for other in candidates):
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
