"""The learned filter: which candidate positions are kept, from a logistic model over how each
was found, its cue, length and speaker."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..nlp import text_of
from .actors import ActorIndex
from .speech import GROUP_PRONOUNS, PERSON_PRONOUNS, Found, SpeechLexicon, inside, span_words


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

    def probability(self, features: dict[str, float]) -> float:
        """The logistic model's probability that annotators would mark the candidate."""
        return 1.0 / (1.0 + math.exp(-self.score(features)))


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
