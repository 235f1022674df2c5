"""Number phrases: cardinals in digits or words, scales, ranges, fractions and vague quantities."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterator, Optional

from spacy.tokens import Doc, Token
from text_to_num import text2num

from ...nlp import tokens_of
from .lexicon import FigureLexicon

NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
NAMES = {"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "LOC", "NORP",
         "LANGUAGE"}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_RANGE_LINKS = {"to", "-", "\u2013", "\u2014", "or"}
_SCALED = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([a-z]+)$")
_ONE = {"a", "an"}
_DECIMAL_COMMA = re.compile(r"^(\d{1,3}),(\d{1,2})$")


@dataclass
class _Number:
    """A number phrase: tokens ``[i, j)``, its value, and the token that heads it."""
    i: int
    j: int
    value: float
    qualifier: str
    vague: bool
    root: Token = field(repr=False, default=None)
    high: Optional[float] = None    # the upper bound of a range ("between 10 and 15")


def number_phrases(doc: Doc, lexicon: FigureLexicon) -> Iterator[_Number]:
    """Cardinal numbers in digits or words, with scales ("1.2 million", "three dozen", "a
    thousand", "$4bn"), ranges ("between 10 and 15", "30 - 40", "two or three": at least the lower
    bound, up to the upper one) and vague quantities ("several", "a dozen", "dozens of"). Misses
    numbers split by line breaks; ordinals are read by ``ordinal_durations``."""
    i = 0
    while i < len(doc):
        found = _vague_at(doc, i, lexicon) or _cardinal_at(doc, i, lexicon)
        if not found:
            i += 1
            continue
        found = _with_fraction(doc, _as_range(doc, _and_a_fraction(doc, found, lexicon), lexicon), lexicon)
        found.root = _phrase_root(doc, found.i, found.j)
        yield found
        i = found.j


def _vague_at(doc: Doc, i: int, lexicon: FigureLexicon) -> Optional[_Number]:
    doc_tokens = tokens_of(doc)
    for words, (value, qualifier) in lexicon.vague_by_first_word.get(doc_tokens[i].lower_, ()):
        j = i + len(words)
        if j <= len(doc) and tuple(t.lower_ for t in doc[i:j]) == words:
            scale, j = _scale_after(doc, j, lexicon)
            scale, j = _of_a_scale(doc, j, scale, lexicon)
            last = doc_tokens[j - 1]
            if last.tag_ == "NNS" and last.dep_ not in ("nummod", "amod") and \
                    not (j < len(doc) and doc_tokens[j].lower_ in ("of", "more")) and \
                    not _tells_an_event(last, lexicon):
                return None     # "the hundreds" as a noun of its own, "scores" of a match
            return _Number(i, j, value * scale, qualifier, vague=True)
    return None


def _scale_after(doc: Doc, j: int, lexicon: FigureLexicon) -> tuple[float, int]:
    """The scale a vague word multiplies: "several thousand" (at least 3,000), "a few hundred",
    "many thousands"; 1 and ``j`` when none follows."""
    if j < len(doc):
        word = doc[j].lower_
        scale = lexicon.scales.get(word) if doc[j].pos_ == "NUM" else None
        scale = scale or (lexicon.scales.get(word[:-1]) if word.endswith("s") else None)
        if scale and scale >= 100:
            return scale, j + 1
    return 1.0, j


def _of_a_scale(doc: Doc, j: int, scale: float, lexicon: FigureLexicon) -> tuple[float, int]:
    """A vague quantity of a scale's plural multiplies it: "hundreds of millions" (of dollars)
    is more than 100 million, "several hundreds of millions" at least 300 million, never the
    "millions" alone."""
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_.endswith("s"):
        multiple = lexicon.scales.get(doc[j + 1].lower_[:-1])
        if multiple and multiple >= 1000:
            return scale * multiple, j + 2
    return scale, j


def _tells_an_event(tok: Token, lexicon: FigureLexicon) -> bool:
    """A quantity noun that heads its own headline: "Dozens dead", "Hundreds wounded"."""
    beside = [c for c in tok.children if c.dep_ in ("amod", "acl")]
    if tok.dep_ == "nsubj":
        beside.append(tok.head)
    return any(c.i == tok.i + 1 and (lexicon.noun_events.get(c.lower_) or
                                     lexicon.verb_events.get(c.lemma_.lower())) for c in beside)


def _cardinal_at(doc: Doc, i: int, lexicon: FigureLexicon) -> Optional[_Number]:
    words = tokens_of(doc)
    one_scale = words[i].lower_ in _ONE and i + 1 < len(doc) and \
        words[i + 1].lower_ in lexicon.scales and words[i + 1].pos_ == "NUM"    # "a thousand fighters"
    if not one_scale and _cardinal(words[i]) is None and not _DECIMAL_COMMA.match(words[i].text) \
            and not _SCALED.match(words[i].lower_):
        return None     # most words: no number starts here
    if not one_scale and _inside_name(words[i]):
        return None
    decimal = _DECIMAL_COMMA.match(words[i].text)
    if decimal and i + 1 < len(doc) and words[i + 1].lower_ in lexicon.scales:
        # "6,5 million": a decimal comma, as many languages write it
        value = float(f"{decimal.group(1)}.{decimal.group(2)}") * lexicon.scales[words[i + 1].lower_]
        return _Number(i, i + 2, value, "exact", vague=False)
    if not one_scale and _cardinal(words[i]) is None:
        glued = _SCALED.match(words[i].lower_)       # "$4bn", "10k"
        if glued and glued.group(2) in lexicon.scales:
            value = float(glued.group(1).replace(",", "")) * lexicon.scales[glued.group(2)]
            return _Number(i, i + 1, value, "exact", vague=False)
        return None
    if not one_scale and words[i].lower_ in lexicon.scales and words[i].pos_ == "NUM":
        return None     # a scale alone ("million displaced") is the tail of a number not read
    j = i + 1
    while j < len(doc):
        tok = words[j]
        if _cardinal(tok) is not None and not _DIGITS.match(tok.text) and not _DIGITS.match(words[j - 1].text):
            j += 1
        elif tok.lower_ in lexicon.scales or tok.lower_.rstrip("s") in ("hundred", "thousand") or \
                _scale_ending_a_sentence(doc, j, lexicon):
            j += 1
        elif tok.text == "-" and j + 1 < len(doc) and _cardinal(words[j + 1]) is not None \
                and not _DIGITS.match(words[j + 1].text) and not _DIGITS.match(words[j - 1].text):
            j += 2      # "twenty-one"
        else:
            break
    value = _phrase_value([t.lower_ for t in doc[i:j] if t.text != "-"], lexicon)
    if value is None:
        return None
    return _Number(i, j, value, "exact", vague=False)


def _scale_ending_a_sentence(doc: Doc, j: int, lexicon: FigureLexicon) -> bool:
    """A scale glued to its number with the sentence's full stop, which the tokenizer keeps as
    one abbreviation: "pledged $25m." is $25 million."""
    word = doc[j].lower_
    return word.endswith(".") and word[:-1] in lexicon.scales and not doc[j - 1].whitespace_ and \
        _DIGITS.match(doc[j - 1].text) is not None


@lru_cache(maxsize=4096)
def _word_value(word: str) -> Optional[float]:
    if _DIGITS.match(word):
        return float(word.replace(",", ""))
    if not word.isalpha():
        return None
    try:
        return float(text2num(word, "en"))
    except ValueError:
        return None


def _cardinal(tok: Token) -> Optional[float]:
    """The value of a token that is a cardinal number by itself ("2,000", "seven")."""
    if tok.lower_ in ("hundreds", "thousands", "millions", "billions"):
        return None
    return _word_value(tok.lower_)


def _phrase_value(words: list[str], lexicon: FigureLexicon) -> Optional[float]:
    if not words:
        return None
    if all(w.isalpha() for w in words):
        try:
            return float(text2num(" ".join(words), "en"))
        except ValueError:
            pass
    base = 1.0 if words[0] in _ONE and len(words) > 1 else _word_value(words[0])
    if base is None:
        return None
    for word in words[1:]:
        scale = lexicon.scales.get(word.rstrip(".")) or _word_value(word)
        if scale is None:
            return None
        base *= scale
    return base


def _as_range(doc: Doc, low: _Number, lexicon: FigureLexicon) -> _Number:
    """"between 10 and 15", "10 to 15", "30 - 40", "two or three" → at least the lower bound,
    the upper one kept beside it."""
    j = low.j
    between = low.i > 0 and doc[low.i - 1].lower_ == "between"
    if j + 1 < len(doc) and (doc[j].lower_ in _RANGE_LINKS or (between and doc[j].lower_ == "and")):
        high = _cardinal_at(doc, j + 1, lexicon)
        if high and not low.vague and high.value > low.value:
            return _Number(low.i - between, high.j, low.value, "at_least", vague=False,
                           high=high.value)
    return low


def currency_before(doc: Doc, number: _Number, lexicon: FigureLexicon) -> Optional[str]:
    """The currency of a sum written with its sign: "$4bn" → dollars."""
    if number.i == 0:
        return None
    return lexicon.currency_signs.get(doc[number.i - 1].lower_)


def percent_after(doc: Doc, number: _Number, lexicon: FigureLexicon) -> int:
    """How many tokens after a number make it a percentage ("79 percent", "64%"), or 0."""
    for words in lexicon.percent_words:
        j = number.j + len(words)
        if j <= len(doc) and tuple(t.lower_ for t in doc[number.j:j]) == words:
            return len(words)
    return 0


def _and_a_fraction(doc: Doc, number: _Number, lexicon: FigureLexicon) -> _Number:
    """"six and a half years" → 6.5 (years), "two and a half million people" → 2,500,000: the
    fraction is part of the number, and what the number counts comes after it."""
    j = number.j
    words = [t.lower_ for t in doc[j:j + 3]]
    if number.vague or len(words) < 3 or words[:2] != ["and", "a"] or words[2] not in lexicon.fractions:
        return number
    value, j = number.value + lexicon.fractions[words[2]], j + 3
    scale = lexicon.scales.get(doc[j].lower_) if j < len(doc) else None
    if scale and scale >= 100:
        value, j = value * scale, j + 1
    return replace(number, j=j, value=value)


def _with_fraction(doc: Doc, number: _Number, lexicon: FigureLexicon) -> _Number:
    """"a quarter of a million" → 250,000; "half a million" → 500,000."""
    words = [t.lower_ for t in doc[max(0, number.i - 3):number.i]]
    # the phrase may start at its article already ("a million")
    tails = (["of"], []) if doc[number.i].lower_ in _ONE else (["of", "a"], ["a"])
    for tail in tails:
        k = len(tail) + 1
        if len(words) >= k and words[len(words) - len(tail):] == tail and words[-k] in lexicon.fractions:
            return replace(number, i=number.i - k, value=number.value * lexicon.fractions[words[-k]])
    return number


def _phrase_root(doc: Doc, i: int, j: int) -> Token:
    """The token of ``doc[i:j]`` whose head lies outside it (the phrase's link to the clause)."""
    for tok in doc[i:j]:
        if not i <= tok.head.i < j or tok.head.i == tok.i:
            return tok
    return doc[j - 1]


def _inside_name(tok: Token) -> bool:
    """Numbers that are part of a name or code: "AK-47", "F-16s", "Russia 1", "2011-01-S-115",
    "#3". Hyphens to lower-case words ("six-day") and to numbers ("10-15") are not codes."""
    if tok.ent_type_ in NAMES:
        return True
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].text == "#":
        return True
    for link, other in ((tok.i - 1, tok.i - 2), (tok.i + 1, tok.i + 2)):
        if not (0 <= other < len(doc)) or doc[link].text not in ("-", "/"):
            continue
        first, second = sorted((tok.i, other))
        glued = not doc[first].whitespace_ and not doc[first + 1].whitespace_
        code_like = any(c.isupper() for c in doc[other].text) or doc[other].text.startswith("0")
        if glued and code_like:
            return True
    return False
