"""Which language an article is written in, so that one the analysis cannot read (it is English
only) is reported as such instead of giving a wrong briefing.

Pure text → verdict. Three steps, cheapest first and erring toward English ("say less, be
right" applies the other way here: refusing an English article loses it):

1. English function words (``data/lexicon/languages.yaml``) make up a large share of the words:
   English, without loading anything.
2. Most letters are in a script English is not written in (Cyrillic, Arabic, CJK...): not
   English, whatever the length.
3. Otherwise, with enough words, the py3langid identifier (offline, its model in the package)
   decides, and only a confident verdict for another language counts.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from .datafile import parse_yaml

_WORD = re.compile(r"[^\W\d_]+")
# Fewer words than this in a Latin-script text are too few to say it is not English.
MIN_WORDS = 20
# The identifier's probability (normalised over its languages) that counts as confident.
MIN_CONFIDENCE = 0.9
_SAMPLE = 20_000


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 where the identifier has one
    described: str  # "Russian (Cyrillic script)", for messages


def foreign_language(text: str) -> Optional[Language]:
    """The language of ``text`` when it is clearly not English; None when it is English or
    cannot be told."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample)
    if not words:
        return None
    lexicon = _lexicon()
    common = sum(1 for w in words if w.casefold() in lexicon["words"])
    if common >= lexicon["min_share"] * len(words):
        return None
    script = _main_script(sample)
    if script is None and len(words) < MIN_WORDS:
        return None
    code, confidence = _identifier().classify(sample)
    if script is not None:
        return Language(code, f"{lexicon['names'].get(code, code)} ({script} script)")
    if code != "en" and confidence >= MIN_CONFIDENCE:
        return Language(code, lexicon['names'].get(code, code))
    return None


def _main_script(text: str) -> Optional[str]:
    """The script most letters are in, when it is not the Latin one."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = name.split(" ", 1)[0] if name else "UNKNOWN"
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    if script == "LATIN" or count * 2 < sum(counts.values()):
        return None
    return script.title()


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    text = resources.files("generator.data").joinpath("lexicon/languages.yaml").read_text("utf-8")
    data = parse_yaml(text)
    return {"min_share": float(data["english"]["min_share"]),
            "words": frozenset(data["english"]["words"]), "names": dict(data["names"])}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
