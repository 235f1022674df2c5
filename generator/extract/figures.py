"""Figures: numbers that matter — tolls, losses, detentions, durations, counts of resolutions.

Finds, each with a small function below (Doc in, candidates out):

- counted numbers: digits, number words, scales and vague quantities with the noun they count
  ("2,000 casualties", "1.2 million people", "a dozen soldiers", "dozens of civilians", "three
  of his associates", "between 10 and 15 people"), qualified by the words before them ("more
  than", "nearly", "up to") or by the verb that bounds a tally ("the toll surpassed 100 people");
- ordinal durations: "for the fourth day in a row", "for a fourth day" → 4 days;
- people counted without a number as the ones killed, wounded or detained: "killed the Taliban
  leader", "an insurgent was killed", "killing him", "resulting in Umar's death" → 1.

Each figure gets what is counted (``unit``, the plural head noun), what happened to it
(``event``, from the verb or noun that governs it in the dependency parse), a ``category``, who
claims it (the speaker of the position whose content holds it, or "according to X") and whom it
is about (a demonym or possessive on the counted noun, the subject of "suffered" or "lost").

Restatements are dropped, so that figures of one event can be added up: the same people named
again ("the two insurgents", "him", "killing all individuals" after "several armed insurgents"),
a headline or lead that the body retells in detail, or a vague lead ("several insurgents") that
the body makes precise. People marked as more ("one additional insurgent", "also detained two",
"In a separate operation") are added. Counts of different claimants, sides or kinds of people
("insurgents", "soldiers", "civilians") are never taken for retellings of each other.

Left out as context, not figures of the events reported: someone's record ("linked to an attack
that killed four soldiers"), intended or hypothetical events ("an operation to detain",
"if he is wounded"), and running totals ("killed since January") when the article counts the
event itself.

Misses: numbers the parser attaches to the wrong noun; plural pronouns without a counted
antecedent ("detaining them"); details that add up to more than a lead without saying so;
appositions the parser reads as lists ("detaining one, a facilitator, and ..."); which side did
the killing (a figure is about whom it counts). Years, calendar dates, times, percentages,
measures (pounds, kilometres), identifiers and numbers inside names ("AK-47", "327th Infantry
Regiment", "the 2012 visit") are not figures.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator, Optional

import yaml
from spacy.tokens import Doc, Span as SpacySpan, Token
from text_to_num import text2num

from ..nlp import text_of
from ..model import Figure, Position
from .actors import ActorIndex

NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
NAMES = {"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON", "GPE", "LOC", "NORP",
         "LANGUAGE"}
PEOPLE_EVENTS = ("killed", "wounded", "detained")
SIDE_TYPES = ("state", "region", "armed_group")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_RANGE_LINKS = {"to", "-", "\u2013", "\u2014", "or"}
_MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall"}
_PURPOSE_HEADS = {"attempt", "try", "plan", "seek", "aim", "intend", "want", "threaten", "vow",
                  "hope", "continue", "order", "refuse", "fail", "operation", "raid", "mission"}


# --- the lexicon ------------------------------------------------------------------------------

@dataclass(frozen=True)
class FigureLexicon:
    """What counts and how it is read, from ``data/lexicon/figures.yaml``."""
    verb_events: dict[str, str]            # "kill" / "shoot down" → killed / destroyed
    intransitive_events: dict[str, str]    # "die" → killed (the subject is counted)
    noun_events: dict[str, str]            # "casualty", "death" → casualties, killed
    undergoer_verbs: frozenset[str]
    tally_verbs: dict[str, str]            # "surpass" → more_than
    tally_nouns: frozenset[str]
    event_categories: dict[str, str]
    units: dict[str, str]                  # head noun lemma → category ("people" for persons)
    duration_units: frozenset[str]
    conflict_words: frozenset[str]
    scales: dict[str, float]
    vague: dict[tuple[str, ...], tuple[float, str]]
    qualifiers: dict[tuple[str, ...], str]
    additions: frozenset[str]
    also_words: frozenset[str]
    separate_words: frozenset[str]
    record_words: frozenset[str]
    attack_nouns: frozenset[str]
    period_words: tuple[tuple[str, ...], ...]
    months: frozenset[str]
    vague_superseded_below: float
    definite: frozenset[str]
    generic_people: frozenset[str]
    people_classes: dict[str, str]         # noun lemma → kind of people (forces, civilians, ...)
    people_suffixes: tuple[str, ...]
    person_pronouns: frozenset[str]
    singular_determiners: frozenset[str]
    measures: frozenset[str]
    plurals: dict[str, str]
    fractions: dict[str, float]

    @cached_property
    def vague_by_first_word(self) -> dict[str, list]:
        """Vague quantities by their first word, longest first."""
        index: dict[str, list] = {}
        for words, reading in self.vague.items():
            index.setdefault(words[0], []).append((words, reading))
        return index

    @property
    def longest_qualifier(self) -> int:
        return max(len(k) for k in self.qualifiers)


def load_figure_lexicon(folder: Path) -> FigureLexicon:
    data = yaml.safe_load((Path(folder) / "figures.yaml").read_text(encoding="utf-8"))
    verbs, intransitive, nouns = {}, {}, {}
    for event, words in data["events"].items():
        verbs.update({w: event for w in words.get("verbs", [])})
        intransitive.update({w: event for w in words.get("intransitive", [])})
        nouns.update({w: event for w in words.get("nouns", [])})
    units = {word: category for category, words in data["units"].items() for word in words}
    return FigureLexicon(
        verb_events=verbs, intransitive_events=intransitive, noun_events=nouns,
        undergoer_verbs=frozenset(data["undergoer_verbs"]), tally_verbs=dict(data["tally_verbs"]),
        tally_nouns=frozenset(data["tally_nouns"]), event_categories=dict(data["event_categories"]),
        units=units, duration_units=frozenset(data["duration_units"]),
        conflict_words=frozenset(data["conflict_words"]),
        scales={k: float(v) for k, v in data["scales"].items()},
        vague={tuple(k.split()): (float(v["value"]), v["qualifier"]) for k, v in
               sorted(data["vague_numbers"].items(), key=lambda kv: -len(kv[0].split()))},
        qualifiers={tuple(k.split()): v for k, v in data["qualifiers"].items()},
        additions=frozenset(data["additions"]), also_words=frozenset(data["also_words"]),
        separate_words=frozenset(data["separate_words"]), record_words=frozenset(data["record_words"]),
        attack_nouns=frozenset(data["attack_nouns"]),
        period_words=tuple(tuple(p.split()) for p in data["period_words"]),
        months=frozenset(data["months"]),
        vague_superseded_below=float(data["vague_superseded_below"]),
        definite=frozenset(data["definite_determiners"]),
        generic_people=frozenset(data["generic_people"]),
        people_classes={w: kind for kind, words in data["people_classes"].items() for w in words},
        people_suffixes=tuple(data["people_suffixes"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        singular_determiners=frozenset(data["singular_determiners"]),
        measures=frozenset(data["measures"]), plurals=dict(data["plurals"]),
        fractions={k: float(v) for k, v in data["fractions"].items()})


# --- candidates -----------------------------------------------------------------------------

@dataclass
class Candidate:
    """A figure before provenance and restatements are settled."""
    start: int
    end: int
    value: float
    qualifier: str
    unit: str
    event: Optional[str]
    category: str
    kind: str                      # number | vague | one | definite | pronoun | name | duration
    noun: Optional[Token] = None   # what is counted
    role: Optional[Token] = None   # the token that ties the phrase into its clause
    trigger: Optional[Token] = None
    addition: bool = False         # marked as more people: "one additional insurgent"
    weak_addition: bool = False    # only the verb says so: "also detained two"
    partitive: bool = False        # "five of the insurgents": part of people named before
    definite: bool = False         # "the two insurgents", "both men"
    running_total: bool = False    # "killed since the beginning of the year"
    antecedent: Optional[int] = None   # start of the number phrase a definite one points back to
    claimed_by: Optional[str] = None
    about: Optional[str] = None
    segment: int = 0

    @property
    def refers_back(self) -> bool:
        return self.kind in ("definite", "pronoun", "name") or self.partitive or self.definite

    @property
    def vague(self) -> bool:
        return self.kind == "vague" or self.qualifier != "exact"


@dataclass
class _Number:
    """A number phrase: tokens ``[i, j)``, its value, and the token that heads it."""
    i: int
    j: int
    value: float
    qualifier: str
    vague: bool
    root: Token = field(repr=False, default=None)


def extract_figures(doc: Doc, actors: ActorIndex, positions: list[Position],
                    lexicon: FigureLexicon, gazetteer=None) -> list[Figure]:
    """Doc → figures whose spans index ``doc.text``, restatements of the same people dropped."""
    phrases = list(number_phrases(doc, lexicon))
    groups = list(counted_groups(doc, lexicon, phrases))
    numbers = list(counted_numbers(doc, lexicon, groups, phrases))
    taken = {t.i for c in numbers for t in _tokens(doc, c)}
    found = numbers + list(ordinal_durations(doc, lexicon))
    found += [c for c in uncounted_people(doc, lexicon, groups)
              if not taken & {t.i for t in _tokens(doc, c)}]
    segments = _segments(doc)
    for cand in found:
        cand.segment = segments(cand.start)
        cand.claimed_by = claimant(doc, cand, positions, actors)
        cand.about = side_concerned(doc, cand, actors, lexicon, gazetteer)
    kept = without_restatements(sorted(found, key=lambda c: (c.start, c.end)), lexicon)
    return [_figure(doc, n, cand) for n, cand in enumerate(kept, 1)]


def _figure(doc: Doc, n: int, cand: Candidate) -> Figure:
    sent = doc.char_span(cand.start, cand.end, alignment_mode="expand").sent
    return Figure(id=f"f{n}", value=cand.value, qualifier=cand.qualifier, unit=cand.unit,
                  event=cand.event, category=cand.category, claimed_by=cand.claimed_by,
                  about=cand.about, text=text_of(doc)[cand.start:cand.end], span=(cand.start, cand.end),
                  sentence=" ".join(sent.text.split()))


def _tokens(doc: Doc, cand: Candidate) -> SpacySpan:
    return doc.char_span(cand.start, cand.end, alignment_mode="expand")


# --- numbers --------------------------------------------------------------------------------

def number_phrases(doc: Doc, lexicon: FigureLexicon) -> Iterator[_Number]:
    """Cardinal numbers in digits or words, with scales ("1.2 million", "three dozen"), ranges
    ("between 10 and 15", "30 - 40", "two or three": the lower bound, at least) and vague
    quantities ("several", "a dozen", "dozens of"). Misses fractions and numbers split by
    line breaks; ordinals are read by ``ordinal_durations``."""
    i = 0
    while i < len(doc):
        found = _vague_at(doc, i, lexicon) or _cardinal_at(doc, i, lexicon)
        if not found:
            i += 1
            continue
        found = _with_fraction(doc, _as_range(doc, found, lexicon), lexicon)
        found.root = _phrase_root(doc, found.i, found.j)
        yield found
        i = found.j


def _vague_at(doc: Doc, i: int, lexicon: FigureLexicon) -> Optional[_Number]:
    for words, (value, qualifier) in lexicon.vague_by_first_word.get(doc[i].lower_, ()):
        j = i + len(words)
        if j <= len(doc) and tuple(t.lower_ for t in doc[i:j]) == words:
            last = doc[j - 1]
            if last.tag_ == "NNS" and last.dep_ not in ("nummod", "amod") and \
                    not (j < len(doc) and doc[j].lower_ == "of"):
                return None     # "the hundreds" as a noun of its own, "scores" of a match
            return _Number(i, j, value, qualifier, vague=True)
    return None


def _cardinal_at(doc: Doc, i: int, lexicon: FigureLexicon) -> Optional[_Number]:
    if _cardinal(doc[i]) is None or _inside_name(doc[i]):
        return None
    j = i + 1
    while j < len(doc):
        tok = doc[j]
        if _cardinal(tok) is not None and not _DIGITS.match(tok.text) and not _DIGITS.match(doc[j - 1].text):
            j += 1
        elif tok.lower_ in lexicon.scales or tok.lower_.rstrip("s") in ("hundred", "thousand"):
            j += 1
        elif tok.text == "-" and j + 1 < len(doc) and _cardinal(doc[j + 1]) is not None \
                and not _DIGITS.match(doc[j + 1].text) and not _DIGITS.match(doc[j - 1].text):
            j += 2      # "twenty-one"
        else:
            break
    value = _phrase_value([t.lower_ for t in doc[i:j] if t.text != "-"], lexicon)
    if value is None:
        return None
    return _Number(i, j, value, "exact", vague=False)


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
    base = _word_value(words[0])
    if base is None:
        return None
    for word in words[1:]:
        scale = lexicon.scales.get(word) or _word_value(word)
        if scale is None:
            return None
        base *= scale
    return base


def _as_range(doc: Doc, low: _Number, lexicon: FigureLexicon) -> _Number:
    """"between 10 and 15", "10 to 15", "30 - 40", "two or three" → at least the lower bound."""
    j = low.j
    between = low.i > 0 and doc[low.i - 1].lower_ == "between"
    if j + 1 < len(doc) and (doc[j].lower_ in _RANGE_LINKS or (between and doc[j].lower_ == "and")):
        high = _cardinal_at(doc, j + 1, lexicon)
        if high and not low.vague and high.value > low.value:
            return _Number(low.i - between, high.j, low.value, "at_least", vague=False)
    return low


def _with_fraction(doc: Doc, number: _Number, lexicon: FigureLexicon) -> _Number:
    """"a quarter of a million" → 250,000; "half a million" → 500,000."""
    words = [t.lower_ for t in doc[max(0, number.i - 3):number.i]]
    for tail in (["of", "a"], ["a"]):
        k = len(tail) + 1
        if len(words) >= k and words[-len(tail):] == tail and words[-k] in lexicon.fractions:
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


@dataclass(frozen=True)
class _Group:
    """People or things a number phrase counts, whether or not anything happened to them."""
    start: int
    value: float
    lemma: str
    sentence: int


def counted_groups(doc: Doc, lexicon: FigureLexicon,
                   phrases: Optional[list[_Number]] = None) -> Iterator[_Group]:
    """Every number phrase with its counted noun, as antecedents for phrases that point back
    ("several armed insurgents engaged the force ... killing all individuals")."""
    sentence_starts = [s.start for s in doc.sents]
    for number in number_phrases(doc, lexicon) if phrases is None else phrases:
        noun, _, _ = counted_noun(doc, number)
        if noun is not None:
            yield _Group(doc[number.i].idx, number.value, noun.lemma_.lower(),
                         bisect.bisect_right(sentence_starts, number.i))


def antecedent(noun: Token, value: Optional[float], groups: list[_Group],
               lexicon: FigureLexicon, before: Optional[int] = None, window: int = 3) -> Optional[_Group]:
    """The nearest number phrase before ``noun`` that a definite phrase points back to: same
    noun (and same value when one is given), or any people for "them" and "individuals"."""
    sentence_starts = [s.start for s in noun.doc.sents]
    here = bisect.bisect_right(sentence_starts, noun.i)
    lemma = noun.lemma_.lower()
    generic = lemma in lexicon.generic_people or noun.lower_ in lexicon.generic_people
    before = noun.left_edge.idx if before is None else before
    for group in reversed([g for g in groups if g.start < before]):
        if here - group.sentence > window:
            break
        if value is not None and group.value != value:
            continue
        if group.lemma == lemma or (generic and lexicon.units.get(group.lemma) == "people"):
            return group
    return None


def counted_numbers(doc: Doc, lexicon: FigureLexicon, groups: list[_Group] = (),
                    phrases: Optional[list[_Number]] = None) -> Iterator[Candidate]:
    """Numbers with the noun they count and what happened to it. A number is kept when it counts
    people, equipment, durations of fighting or other listed units, or when a killing, detention
    or loss governs it; years, dates, times, percentages and measures are not counts."""
    for number in number_phrases(doc, lexicon) if phrases is None else phrases:
        noun, role, partitive = counted_noun(doc, number)
        if not _is_count(number, noun, lexicon):
            continue
        qualifier = qualifier_before(doc, number, lexicon) or number.qualifier
        event, trigger, bound = governing_event(role, noun, lexicon)
        if bound and qualifier in ("exact", number.qualifier):
            qualifier = bound if bound != "exact" or number.vague is False else qualifier
        unit, category = unit_and_category(noun, event, lexicon)
        if category == "duration" and not _measures_fighting(noun, lexicon):
            continue
        if event is None and (category in ("other", "military_equipment") or partitive):
            continue        # equipment counts when something happened to it
        if event in PEOPLE_EVENTS and not _counts_people(noun, lexicon):
            continue        # "detained two insurgents and secured multiple weapons"
        if trigger is not None and (_not_a_fact(trigger) or _in_record(trigger, lexicon)):
            continue
        start = doc[number.i].idx
        start = _qualifier_start(doc, number, lexicon) if qualifier != number.qualifier else start
        end_tok = noun if noun is not None and noun.i >= number.j - 1 else doc[number.j - 1]
        definite = _is_definite(noun or role, number, lexicon)
        earlier = antecedent(noun, number.value, groups, lexicon, before=doc[number.i].idx) \
            if definite and noun is not None else None
        yield Candidate(antecedent=earlier.start if earlier else None,start=start, end=end_tok.idx + len(end_tok), value=number.value,
                        qualifier=qualifier, unit=unit, event=event, category=category,
                        kind="vague" if number.vague else "number", noun=noun, role=role,
                        trigger=trigger, partitive=partitive,
                        definite=definite,
                        addition=_is_addition(noun or role, lexicon),
                        weak_addition=_is_weak_addition(trigger, lexicon),
                        running_total=trigger is not None and _over_period(trigger, lexicon))


def counted_noun(doc: Doc, number: _Number) -> tuple[Optional[Token], Token, bool]:
    """The noun a number counts, the token that places the phrase in its clause, and whether it
    counts part of a group named before ("five of the insurgents", "several of them").
    "100 people" → people; "three of his associates" → associates; "killing one" → none."""
    root = number.root
    inside = range(number.i, number.j)
    if root.dep_ in ("nummod", "amod", "det", "quantmod", "compound", "npadvmod", "nmod", "advmod") \
            and root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in inside:
        return root.head, root.head, False
    for tok in [*doc[number.i:number.j]]:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    obj = objects[0]
                    definite = obj.pos_ == "PRON" or any(
                        c.dep_ in ("det",) and c.lower_ in ("the", "these", "those") for c in obj.children)
                    return (None if obj.pos_ == "PRON" else obj), root, definite
    following = _noun_right_after(doc, number.j)
    if following is not None:       # the parser hung the number elsewhere: "three dozen suspected insurgents"
        return following, following, False
    return None, root, False


def _noun_right_after(doc: Doc, j: int, reach: int = 3) -> Optional[Token]:
    """A plural noun just after a number, past its modifiers only."""
    for tok in doc[j:min(len(doc), j + reach + 1)]:
        if tok.tag_ in ("NNS", "NNPS"):
            return tok
        if tok.pos_ not in ("ADJ", "VERB", "PROPN", "NOUN") or tok.dep_ not in ("amod", "compound", "nmod"):
            return None
    return None


def _counts_people(noun: Optional[Token], lexicon: FigureLexicon) -> bool:
    """Whether a counted noun names people: listed, a people's name ("Palestinians"), or a word
    formed like one ("worshippers", "protesters")."""
    if noun is None or _names_people(noun):
        return True
    lemma = noun.lemma_.lower()
    category = lexicon.units.get(_unit_lemma(noun, lexicon)) or lexicon.units.get(lemma)
    if category:
        return category == "people"
    return noun.lower_.endswith(lexicon.people_suffixes)


def _is_count(number: _Number, noun: Optional[Token], lexicon: FigureLexicon) -> bool:
    doc = number.root.doc
    tokens = doc[number.i:number.j]
    if tokens[0].text.startswith("0") and tokens[0].text[1:2].isdigit():
        return False        # identifiers: "0296, 0388"
    if noun is None and _in_number_list(doc, number):
        return False
    if noun is not None and noun.tag_ == "NN" and not number.vague and number.value > 1 and \
            noun.lemma_.lower() not in lexicon.plurals and noun.dep_ not in ("compound", "amod"):
        return False        # a number on a singular noun names it: "the 2012 visit", "Highway 1"
    beside = [doc[k].lower_.rstrip(".") for k in (number.i - 1, number.j) if 0 <= k < len(doc)]
    if any(word in lexicon.months for word in beside):
        return False
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in lexicon.measures or (noun is not None and noun.text.lower() in lexicon.measures):
        return False
    if any(_YEAR.match(t.text) for t in tokens) and len(tokens) == 1 and \
            (noun is None or lemma not in lexicon.units or noun.ent_type_ == "DATE"):
        return False
    if noun is None or lemma in lexicon.duration_units:
        return not any(t.ent_type_ in NOT_COUNTS - {"DATE"} for t in tokens) and \
            (noun is not None or not any(t.ent_type_ in NOT_COUNTS for t in tokens))
    return not any(t.ent_type_ in ("PERCENT", "MONEY", "TIME") for t in tokens)


def _in_number_list(doc: Doc, number: _Number) -> bool:
    """Numbers in a comma-separated run of numbers ("1314,1198, 1173"): codes, not counts."""
    before = number.i >= 2 and doc[number.i - 1].text == "," and _cardinal(doc[number.i - 2]) is not None
    after = number.j + 1 < len(doc) and doc[number.j].text == "," and _cardinal(doc[number.j + 1]) is not None
    return before or after


def qualifier_before(doc: Doc, number: _Number, lexicon: FigureLexicon) -> Optional[str]:
    """The qualifier written just before a number: "more than 30", "nearly 100", "up to 12"."""
    start = _qualifier_start(doc, number, lexicon)
    if start == doc[number.i].idx:
        return None
    words = tuple(t.lower_ for t in doc.char_span(start, doc[number.i].idx, alignment_mode="expand")
                  if t.i < number.i)
    return lexicon.qualifiers.get(words)


def _qualifier_start(doc: Doc, number: _Number, lexicon: FigureLexicon) -> int:
    for width in range(lexicon.longest_qualifier, 0, -1):
        i = number.i - width
        if i >= 0 and tuple(t.lower_ for t in doc[i:number.i]) in lexicon.qualifiers:
            return doc[i].idx
    return doc[number.i].idx


# --- what happened ----------------------------------------------------------------------------

def governing_event(role: Token, noun: Optional[Token], lexicon: FigureLexicon
                    ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """What happened to what is counted, the word that says so, and the qualifier a tally verb
    puts on the number. Reads, in order: the counted noun itself ("2,000 casualties"), a
    participle or relative clause on it ("wounded insurgents", "soldiers who were killed"), and
    the phrase's place in its clause: object or passive subject of an event verb ("killed two
    insurgents", "three were detained"), subject of an intransitive one ("five soldiers died"),
    "of" after an event noun ("the destruction of two drones"), a tally ("the death toll
    surpassed 100 people"), and phrases that add to a patient ("along with three associates",
    "equipment, including 130 tanks"). Negated verbs ("did not kill") govern nothing."""
    if noun is not None:
        event = _noun_event(noun, lexicon)
        if event:
            return event, noun, None
        for child in noun.children:
            if child.dep_ in ("amod", "acl", "relcl") and child.i != role.i:
                event = _verb_event(child, lexicon, patient_as_subject=child.dep_ == "relcl")
                if event and (child.dep_ != "relcl" or _is_passive_or_intransitive(child, lexicon)):
                    return event, child, None
    found = _clause_event(role, lexicon)
    if found[0] is None and noun is not None:
        return _event_right_after(noun, lexicon)
    return found


def _event_right_after(noun: Token, lexicon: FigureLexicon
                       ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """For phrases the parser garbles ("Between 10-15 people were killed"): an event participle
    right after the noun, past auxiliaries and adverbs only."""
    for tok in noun.doc[noun.i + 1:noun.i + 5]:
        if tok.pos_ in ("AUX", "ADV", "PART"):
            continue
        if tok.tag_ == "VBN":
            event = _verb_event(tok, lexicon)
            return (event, tok, None) if event else (None, None, None)
        break
    return None, None, None


def _clause_event(role: Token, lexicon: FigureLexicon
                  ) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """What happened to a noun phrase, from its place in the clause."""
    tok = role
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj":
        prep = head
        if prep.lower_ == "of":
            # "the destruction of two drones"; also when the parser hangs "of" on the verb:
            # "report the destruction this morning of two drones"
            nominal = prep.head if prep.head.pos_ in ("NOUN", "PROPN") else next(
                (c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i), None)
            event = _noun_event(nominal, lexicon) if nominal is not None else None
            return (event, nominal, None) if event else (None, None, None)
        if prep.lower_ in ("with", "including", "besides", "plus", "like"):
            governor = prep.head.head if prep.head.lower_ == "along" else prep.head
            if governor.pos_ in ("VERB", "AUX"):
                event = _verb_event(governor, lexicon)
                return (event, governor, None) if event else (None, None, None)
            if governor.pos_ in ("NOUN", "PROPN") and governor.i != tok.i:
                return governing_event(governor, governor, lexicon)
        if prep.lower_ in ("to", "at") and prep.head.lemma_ in lexicon.tally_verbs:
            return _tally(prep.head, lexicon)
        if prep.lower_ == "in" and prep.head.lemma_ == "result":
            # "resulting in two insurgents, including Badam, being killed"
            for verb in [*prep.head.children, *prep.head.conjuncts]:
                event = _verb_event(verb, lexicon) if _is_passive(verb) else None
                if event:
                    return event, verb, None
        return None, None, None
    if tok.dep_ == "attr" and _is_passive(head):
        # "Also killed in the strike were more than a dozen armed insurgents"
        event = _verb_event(head, lexicon)
        return (event, head, None) if event else (None, None, None)
    if tok.dep_ in ("dobj", "nsubjpass", "obj", "oprd"):
        if head.lemma_ in lexicon.tally_verbs and tok.dep_ == "dobj":
            found = _tally(head, lexicon)
            if found[0]:
                return found
        event = _verb_event(head, lexicon)
        return (event, head, None) if event else (None, None, None)
    if tok.dep_ == "nsubj":
        event = _verb_event(head, lexicon, patient_as_subject=True)
        if event:
            return event, head, None
        for verb in head.conjuncts:
            # "several insurgents presented an immediate threat ... and were killed"
            if verb.i > head.i and _is_passive(verb) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                event = _verb_event(verb, lexicon)
                if event:
                    return event, verb, None
        if any(c.lemma_ in lexicon.noun_events and c.dep_ in ("acomp", "attr") for c in head.children):
            comp = next(c for c in head.children if c.lemma_ in lexicon.noun_events)
            return lexicon.noun_events[comp.lemma_], comp, None
    return None, None, None


def _noun_event(noun: Token, lexicon: FigureLexicon) -> Optional[str]:
    """Nouns that name what happened: casualties, deaths, detainees, refugees, "death toll"."""
    if noun.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    lemma = noun.lemma_.lower()
    if lemma in lexicon.tally_nouns:
        for child in noun.children:
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in lexicon.noun_events:
                return lexicon.noun_events[child.lemma_.lower()]
        return None
    return lexicon.noun_events.get(lemma) or lexicon.noun_events.get(noun.lower_)


def _verb_event(verb: Token, lexicon: FigureLexicon, patient_as_subject: bool = False) -> Optional[str]:
    if verb.pos_ not in ("VERB", "AUX", "ADJ") or any(c.dep_ == "neg" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    for particle in particles:
        if f"{lemma} {particle}" in lexicon.verb_events:
            return lexicon.verb_events[f"{lemma} {particle}"]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            phrase = f"{lemma} {prep.lower_} {obj.lemma_.lower()}"
            if phrase in lexicon.verb_events:      # "took two men into custody"
                return lexicon.verb_events[phrase]
    if patient_as_subject and not _is_passive(verb):
        return lexicon.intransitive_events.get(lemma)
    return lexicon.verb_events.get(lemma) or lexicon.intransitive_events.get(lemma)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _is_passive_or_intransitive(verb: Token, lexicon: FigureLexicon) -> bool:
    return _is_passive(verb) or verb.lemma_.lower() in lexicon.intransitive_events or \
        verb.dep_ in ("amod", "acl")


def _tally(verb: Token, lexicon: FigureLexicon) -> tuple[Optional[str], Optional[Token], Optional[str]]:
    """"the death toll surpassed 100 people" → killed, more than."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            event = _noun_event(child, lexicon)
            if event:
                return event, child, lexicon.tally_verbs[verb.lemma_]
    return None, None, None


def _not_a_fact(trigger: Token) -> bool:
    """Killings and arrests that are intended, threatened or hypothetical: "an operation to
    detain a Taliban leader", "will continue to capture or kill", "could kill"."""
    verb = trigger
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and (c.tag_ == "TO" or c.lower_ in _MODALS) for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
        return True         # "if he is killed"
    return verb.dep_ in ("xcomp", "advcl", "acl", "relcl") and verb.tag_ == "VB" and \
        (verb.head.lemma_.lower() in _PURPOSE_HEADS or any(c.tag_ == "TO" for c in verb.children))


def _is_addition(noun: Token, lexicon: FigureLexicon) -> bool:
    """People marked as more than those counted before: "one additional suspected insurgent",
    "two other insurgents", or a sentence that opens another operation ("In a separate
    operation", "Elsewhere")."""
    if any(c.lower_ in lexicon.additions and c.dep_ in ("amod", "det", "advmod")
           for c in noun.children):
        return True
    sent = noun.sent
    return any(t.lower_ in lexicon.separate_words for t in sent[:min(len(sent), 6)])


def _is_weak_addition(trigger: Optional[Token], lexicon: FigureLexicon) -> bool:
    """"also detained two suspected insurgents", "arrested him as well"."""
    return trigger is not None and trigger.pos_ in ("VERB", "AUX") and any(
        c.lower_ in lexicon.also_words and c.dep_ == "advmod" for c in trigger.children)


def _is_definite(noun: Token, number: _Number, lexicon: FigureLexicon) -> bool:
    """"the two insurgents", "these three men", "both men": people named before."""
    first = noun.doc[number.i]
    if first.lower_ in lexicon.definite:
        return True
    return any(c.dep_ in ("det", "poss", "predet") and c.lower_ in lexicon.definite and c.i < number.i
               for c in noun.children)


def _in_record(trigger: Token, lexicon: FigureLexicon) -> bool:
    """Killings that belong to someone's record: "linked to an attack that killed four US
    soldiers", "involved in the assassination of an official"."""
    attack = trigger.head if trigger.dep_ in ("relcl", "acl") else trigger
    if attack.lemma_.lower() not in lexicon.attack_nouns:
        return False
    return any(a.lemma_.lower() in lexicon.record_words for a in list(attack.ancestors)[:4])


def _over_period(trigger: Token, lexicon: FigureLexicon) -> bool:
    """Totals over a period: "killed since the beginning of the year", "captured this month"."""
    for child in trigger.children:
        if child.dep_ not in ("prep", "npadvmod", "advmod", "advcl", "pobj"):
            continue
        words = tuple(t.lower_ for t in child.subtree)
        for period in lexicon.period_words:
            if words[:len(period)] == period or (len(period) > 1 and _contains(words, period)):
                return True
    return False


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(words[k:k + len(phrase)] == phrase for k in range(len(words) - len(phrase) + 1))


# --- units and categories ---------------------------------------------------------------------

def unit_and_category(noun: Optional[Token], event: Optional[str],
                      lexicon: FigureLexicon) -> tuple[str, str]:
    """The plural head noun and the figure's category: people take their event's category
    (killed → casualties, detained → detentions), things take their own (tanks → military
    equipment, days → duration, resolutions → diplomatic)."""
    event_category = lexicon.event_categories.get(event or "", "other")
    if noun is None:
        return ("people", event_category) if event in lexicon.event_categories else ("", "other")
    lemma = _unit_lemma(noun, lexicon)
    category = lexicon.units.get(lemma)
    unit = _plural(noun, lexicon)
    if category == "people" or (category is None and _names_people(noun)):
        return unit, event_category if event else "other"
    if category:
        if event in ("killed", "wounded", "casualties") and category == "military_equipment":
            return unit, "military_equipment"
        return unit, category
    if _noun_event(noun, lexicon) or _counts_people(noun, lexicon):
        return unit, event_category
    return unit, "other"


def _unit_lemma(noun: Token, lexicon: FigureLexicon) -> str:
    lemma = noun.lemma_.lower()
    compound = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i == noun.i - 1]
    if compound:
        two = f"{compound[0].lemma_.lower()} {lemma}"
        if two in lexicon.units:
            return two
    return lemma


def _names_people(noun: Token) -> bool:
    return noun.ent_type_ in ("NORP",) and noun.pos_ in ("PROPN", "NOUN") and noun.tag_ == "NNPS"


def _plural(noun: Token, lexicon: FigureLexicon) -> str:
    word = noun.lower_
    lemma = noun.lemma_.lower()
    if lemma in lexicon.plurals:
        return lexicon.plurals[lemma]
    if noun.tag_ in ("NNS", "NNPS") or word != lemma:
        return word
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        return lemma + "es"
    return lemma + "s"


# --- durations -----------------------------------------------------------------------------------

_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def ordinal_durations(doc: Doc, lexicon: FigureLexicon) -> Iterator[Candidate]:
    """"for the fourth day in a row", "for a fourth day", "the 10th week" → 4 days, 10 weeks.
    Misses ordinals of anything but time units ("the third round of talks")."""
    for tok in doc:
        if tok.dep_ != "amod" or tok.head.lemma_.lower() not in lexicon.duration_units:
            continue
        value = _ordinal_value(tok.lower_)
        if not value or tok.head.i != tok.i + 1:
            continue
        noun = tok.head
        start = tok.i - 1 if tok.i > 0 and doc[tok.i - 1].lower_ in ("a", "the") else tok.i
        end = noun.i + 1
        if end + 2 < len(doc) + 1 and [t.lower_ for t in doc[end:end + 3]] == ["in", "a", "row"]:
            end += 3
        unit = _plural(noun, lexicon) if noun.tag_ == "NNS" else lexicon.plurals.get(
            noun.lemma_.lower(), noun.lemma_.lower() + "s")
        yield Candidate(start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
                        value=float(value), qualifier="exact", unit=unit, event=None,
                        category="duration", kind="duration", noun=noun, role=noun)


@lru_cache(maxsize=512)
def _ordinal_value(word: str) -> Optional[int]:
    match = _ORDINAL.match(word)
    if match:
        return int(match.group(1))
    try:
        from text_to_num import alpha2digit
        digits = alpha2digit(word, "en")
    except ValueError:
        return None
    match = _ORDINAL.match(digits)
    return int(match.group(1)) if match else None


def _measures_fighting(noun: Token, lexicon: FigureLexicon) -> bool:
    """A cardinal duration counts when it measures fighting: "a six-day operation", "fighting
    continued for three days"; not "over the past 24 hours" or "existed for 20 years"."""
    for tok in (noun.head, noun.head.head, *noun.children):
        if tok.lemma_.lower() in lexicon.conflict_words:
            return tok.lemma_.lower() not in ("continue", "last", "go", "enter", "drag", "mark") or \
                _subject_is_conflict(tok, lexicon)
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in lexicon.conflict_words:
                return True
    return False


def _subject_is_conflict(verb: Token, lexicon: FigureLexicon) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lexicon.conflict_words
               for c in verb.children)


# --- people without a number ------------------------------------------------------------------

def uncounted_people(doc: Doc, lexicon: FigureLexicon, groups: list[_Group] = ()) -> Iterator[Candidate]:
    """One person killed, wounded or detained, named without a number: "killed the Taliban
    leader", "an insurgent was killed", "captured another", "killing him", "his death", "the
    capture of a Taliban senior leader". Misses plurals without a number ("detained suspected
    insurgents"), people named only by a pronoun in another sentence's event, and events told
    with verbs outside the lexicon."""
    for tok in doc:
        event = _verb_event(tok, lexicon) if tok.pos_ in ("VERB", "AUX") else None
        if event in PEOPLE_EVENTS and not _not_a_fact(tok) and not _in_record(tok, lexicon) \
                and not _over_period(tok, lexicon):
            patients = _verb_patients(tok, lexicon)
        elif tok.pos_ == "NOUN" and lexicon.noun_events.get(tok.lemma_.lower()) in PEOPLE_EVENTS \
                and tok.lemma_.lower() not in lexicon.units and not _in_record(tok, lexicon):
            event = lexicon.noun_events[tok.lemma_.lower()]
            patients = _noun_patients(tok)
        else:
            continue
        for patient in patients:
            cand = _one_person(patient, event, tok, lexicon) or \
                _people_named_before(patient, event, tok, lexicon, groups)
            if cand:
                yield cand


def _people_named_before(patient: Token, event: str, trigger: Token, lexicon: FigureLexicon,
                         groups: list[_Group]) -> Optional[Candidate]:
    """A plural definite patient counted by its antecedent: "killing all individuals" after
    "several armed insurgents engaged the force", "The armed militants ... were all killed"."""
    plural = patient.tag_ in ("NNS", "NNPS") or patient.lower_ in ("them", "they")
    if not plural or any(c.dep_ == "nummod" for c in patient.children):
        return None
    definite = patient.pos_ == "PRON" or any(
        c.dep_ in ("det", "predet", "poss") and c.lower_ in lexicon.definite for c in patient.children)
    if not definite:
        return None
    earlier = antecedent(patient, None, groups, lexicon)
    if earlier is None:
        return None
    left = [c for c in patient.children if c.i < patient.i and c.dep_ in ("det", "predet", "amod", "compound")]
    start = min([c.left_edge.idx for c in left] + [patient.idx])
    unit = "people" if patient.pos_ == "PRON" else _plural(patient, lexicon)
    return Candidate(start=start, end=patient.idx + len(patient), value=earlier.value,
                     qualifier="exact", unit=unit, event=event,
                     category=lexicon.event_categories.get(event, "other"), kind="definite",
                     noun=patient, role=patient, trigger=trigger, antecedent=earlier.start)


def _verb_patients(verb: Token, lexicon: FigureLexicon) -> list[Token]:
    deps = {"dobj", "nsubjpass"} | ({"nsubj"} if verb.lemma_.lower() in lexicon.intransitive_events else set())
    direct = [c for c in verb.children if c.dep_ in deps]
    if not direct and verb.dep_ == "conj" and _is_passive(verb) is False and verb.head.pos_ == "VERB":
        direct = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not direct and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children):
        direct = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not direct and verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "dobj") for c in verb.children):
        # "He was engaged and killed", "insurgents presented a threat and were killed"
        deps = ("nsubjpass", "nsubj") if _is_passive(verb) else ("nsubjpass",)
        direct = [c for c in verb.head.children if c.dep_ in deps]
    found = []
    for patient in direct:
        found += _with_conjuncts(patient)
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("along", "with"):
            inner = [c for c in prep.subtree if c.dep_ == "pobj"]
            found += inner[:1] and _with_conjuncts(inner[0])
    for patient in list(found):
        for prep in patient.children:
            if prep.dep_ == "prep" and prep.lower_ == "along":
                inner = [c for c in prep.subtree if c.dep_ == "pobj"]
                found += inner[:1] and _with_conjuncts(inner[0])
    return found


def _noun_patients(noun: Token) -> list[Token]:
    found = [c for c in noun.children if c.dep_ == "poss"]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found += [c for c in prep.children if c.dep_ == "pobj"]
    return [p for patient in found for p in _with_conjuncts(patient)]


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i]


def _one_person(patient: Token, event: str, trigger: Token, lexicon: FigureLexicon
                ) -> Optional[Candidate]:
    lower = patient.lower_
    doc = patient.doc
    kind, start, end = None, patient.idx, patient.idx + len(patient)
    if patient.pos_ == "PRON" or lower in lexicon.person_pronouns:
        if lower in lexicon.person_pronouns or lower in ("his", "her"):
            kind = "pronoun"
        elif lower == "another":
            kind = "one"
    elif lower == "another" or (lower == "one" and patient.pos_ == "NUM"):
        kind = "one"
    elif patient.ent_type_ == "PERSON" or (patient.pos_ == "PROPN" and patient.ent_type_ not in
                                           ("GPE", "LOC", "ORG", "FAC", "NORP", "DATE", "TIME")):
        ent = next((e for e in doc.ents if e.start <= patient.i < e.end), None)
        kind = "name"
        if ent is not None:
            start, end = ent.start_char, ent.end_char
    elif patient.pos_ in ("NOUN", "PROPN") and patient.tag_ in ("NN", "NNP") and \
            lexicon.units.get(_unit_lemma(patient, lexicon), lexicon.units.get(patient.lemma_.lower())) == "people":
        dets = [c for c in patient.children if c.dep_ in ("det", "poss") and c.i < patient.i]
        if any(d.lower_ in lexicon.singular_determiners for d in dets) or \
                (not dets and _is_addition(patient, lexicon)):
            kind = "one"        # "an insurgent", "another facilitator", "additional suspect"
        else:
            kind = "definite"   # "the Taliban leader", "Taliban leader Mahjur"
        left = [c for c in patient.children if c.i < patient.i and c.dep_ in
                ("det", "poss", "amod", "compound", "nmod", "nummod")]
        if left:
            start = min(c.left_edge.idx for c in left)
    if kind is None:
        return None
    if any(c.dep_ == "nummod" for c in patient.children):
        return None
    unit = "people" if kind in ("pronoun", "name", "one") and patient.pos_ != "NOUN" else \
        _plural(patient, lexicon)
    return Candidate(start=start, end=end, value=1.0, qualifier="exact", unit=unit, event=event,
                     category=lexicon.event_categories.get(event, "other"), kind=kind,
                     noun=patient, role=patient, trigger=trigger,
                     addition=kind == "one" and _is_addition(patient, lexicon),
                     weak_addition=kind == "one" and _is_weak_addition(trigger, lexicon))


# --- provenance --------------------------------------------------------------------------------

def claimant(doc: Doc, cand: Candidate, positions: list[Position], actors: ActorIndex) -> Optional[str]:
    """Who asserts a figure: the speaker of the narrowest position whose content holds it ("The
    Azerbaijani Defense Ministry claims that ... 2,000 casualties"), else "according to X" in
    its sentence. None when the writer states it."""
    holding = [p for p in positions if p.content_span and
               p.content_span[0] <= cand.start and cand.end <= p.content_span[1]]
    if holding:
        best = min(holding, key=lambda p: p.content_span[1] - p.content_span[0])
        if best.actor:
            return best.actor
    sent = _tokens(doc, cand).sent
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objects:
                phrase = objects[0]
                found = actors.at(phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge))
                if found:
                    return found
    return None


def side_concerned(doc: Doc, cand: Candidate, actors: ActorIndex, lexicon: FigureLexicon,
                   gazetteer=None) -> Optional[str]:
    """Whose losses or people a figure counts: a demonym or name on the counted noun ("two
    Azerbaijani drones", "Armenian soldiers"), a possessive ("Armenia's losses"), an "of" phrase,
    or the subject of a verb of suffering ("Armenia suffered 2,000 casualties", "it lost ...
    130 tanks", with "it" taken as the state named last). Misses sides named only in another
    sentence."""
    noun = cand.noun
    if noun is None:
        return None
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < noun.i:
            found = _actor_named(child, actors, gazetteer)
            if found:
                return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = _actor_named(obj, actors, gazetteer, subtree=True)
                    if found:
                        return found
    verb = _clause_verb(cand.role or noun)
    if verb is not None and verb.lemma_.lower() in lexicon.undergoer_verbs:
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if subject.pos_ == "PRON":
                earlier = actors.mentioned_before(subject.idx, SIDE_TYPES)
                return earlier[0] if earlier else None
            return _actor_named(subject, actors, gazetteer, subtree=True)
    return None


def _clause_verb(tok: Token) -> Optional[Token]:
    """The verb of the clause a noun phrase belongs to, through conjuncts and "including"."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "prep"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _actor_named(tok: Token, actors: ActorIndex, gazetteer=None, subtree: bool = False) -> Optional[str]:
    if tok.ent_type_ == "NORP" and tok.ent_id_:
        return tok.ent_id_
    start, end = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)) if subtree else \
        (tok.idx, tok.idx + len(tok))
    found = actors.at(start, end)
    if found:
        actor = actors.get(found)
        if actor is not None and actor.type in ("person",) and actor.affiliation:
            return actor.affiliation
        return found
    if gazetteer is not None:
        entry = gazetteer.demonym(tok.text) or (gazetteer.lookup(tok.text) if tok.pos_ == "PROPN" else None)
        if entry is not None:
            return entry.id
    return None


# --- restatements ---------------------------------------------------------------------------------

def without_restatements(cands: list[Candidate], lexicon: FigureLexicon) -> list[Candidate]:
    """Figures that add up. For each event, claimant and side, the lead (the first sentence or
    headline that counts it) and the details after it tell the same people twice, so the larger
    account is kept (the precise one when they tie); a vague placeholder ("several insurgents")
    gives way to a precise count elsewhere; a running total ("since January") is kept only when
    the article gives no count of its own for that event; people marked as more ("one additional", "in a
    separate operation") are added; people named again ("the two insurgents", "him", the same
    count repeated) are not counted twice. Figures with no event are kept as found."""
    kept = [c for c in cands if c.event is None]
    groups: dict[tuple, list[Candidate]] = {}
    for cand in cands:
        if cand.event is not None:
            groups.setdefault(_group_key(cand), []).append(cand)
    for group in groups.values():
        if any(not c.running_total for c in group):
            group = [c for c in group if not c.running_total]
        for side in _accounts(group, lexicon):
            kept += _one_account(side, lexicon)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _group_key(cand: Candidate) -> tuple:
    people = cand.category in ("casualties", "detentions", "displacement")
    return cand.event, "people" if people else cand.unit


def _accounts(group: list[Candidate], lexicon: FigureLexicon) -> list[list[Candidate]]:
    """Splits the figures of one event into accounts that cannot retell each other: different
    claimants, kinds of people ("insurgents" and "soldiers") or sides ("two American soldiers
    ... two Afghan soldiers"). Figures that name none of these join the only one named."""
    accounts = [group]
    for attribute in (lambda c: c.claimed_by, lambda c: _people_class(c, lexicon),
                      lambda c: c.about):
        accounts = [part for account in accounts for part in _split(account, attribute)]
    return accounts


def _split(group: list[Candidate], attribute) -> list[list[Candidate]]:
    values = sorted({attribute(c) for c in group} - {None})
    if len(values) <= 1:
        return [group]
    return [[c for c in group if attribute(c) == value] for value in [*values, None]
            if any(attribute(c) == value for c in group)]


def _people_class(cand: Candidate, lexicon: FigureLexicon) -> Optional[str]:
    if cand.noun is None:
        return None
    return lexicon.people_classes.get(cand.noun.lemma_.lower()) or \
        lexicon.people_classes.get(_unit_lemma(cand.noun, lexicon))


def _one_account(group: list[Candidate], lexicon: FigureLexicon) -> list[Candidate]:
    group = _without_placeholders(group, lexicon)
    if not group:
        return []
    lead_segment = group[0].segment
    lead = _counted_once([c for c in group if c.segment == lead_segment])
    later = [c for c in group if c.segment != lead_segment]
    additions = [c for c in later if _adds_people(c, group) or _beside_one_person(c, lead, group)]
    details = _counted_once([c for c in later if c not in additions], earlier=lead)
    lead_total = sum(c.value for c in lead)
    detail_total = sum(c.value for c in details)
    precise_details = any(not c.vague for c in details)
    vague_lead = all(c.vague for c in lead)
    if detail_total > lead_total or (details and detail_total == lead_total and vague_lead
                                     and precise_details):
        return details + _counted_once(additions, earlier=details)
    return lead + _counted_once(additions, earlier=lead)


def _without_placeholders(group: list[Candidate], lexicon: FigureLexicon) -> list[Candidate]:
    """Drops small vague counts ("several insurgents") where another sentence gives a number
    ("three insurgents"); one person named alone ("a Taliban facilitator") is not that number."""
    precise = {c.segment for c in group
               if c.kind == "number" and not c.vague and not c.refers_back}
    return [c for c in group if not (c.kind == "vague" and c.qualifier != "exact" and not c.addition
                                     and precise - {c.segment}
                                     and c.value < lexicon.vague_superseded_below)]


def _adds_people(cand: Candidate, group: list[Candidate]) -> bool:
    """A count marked as more people, unless it is told beside people named before ("the
    commander and one additional insurgent" retells the lead) or, marked only by "also",
    repeats a count already given."""
    if cand.refers_back or not (cand.addition or cand.weak_addition):
        return False
    partners = [c for c in group if c is not cand and c.trigger is not None and
                cand.trigger is not None and c.trigger.i == cand.trigger.i]
    if any(p.refers_back for p in partners):
        return False
    if not cand.addition and any(c.start < cand.start and c.value == cand.value and
                                 c.unit == cand.unit for c in group):
        return False
    return True


def _beside_one_person(cand: Candidate, lead: list[Candidate], group: list[Candidate]) -> bool:
    """People counted after a lead that names single people only ("captured a Taliban
    facilitator ... Multiple suspected insurgents were detained"): others, unless the sentence
    points back to the lead ("detained the facilitator and several of his associates") or
    counts the same noun."""
    if cand.refers_back or not lead or any(c.kind not in ("one", "definite", "name") for c in lead):
        return False
    if any(c.refers_back for c in group if c.segment == cand.segment):
        return False
    lemma = cand.noun.lemma_.lower() if cand.noun is not None else None
    return lemma is not None and all(c.noun is None or c.noun.lemma_.lower() != lemma for c in lead)


def _counted_once(cands: list[Candidate], earlier: list[Candidate] = ()) -> list[Candidate]:
    """Drops mentions of people counted before: a phrase pointing back to a number phrase that
    is counted ("killed two insurgents ... the two insurgents"), a part of people counted
    ("five of the insurgents"), and, within one account, a pronoun, description or name after
    the first ("him", "the leader", "Umar"), or a count repeated in another sentence ("killed one
    insurgent" in a release and in its update). ``earlier`` is the account told before."""
    kept: list[Candidate] = []
    for cand in cands:
        if cand.antecedent is not None:
            if any(k.start == cand.antecedent for k in [*earlier, *kept]):
                continue
        elif cand.partitive and (kept or earlier):
            continue
        elif cand.refers_back and kept:
            continue
        if not cand.addition and any(k.segment != cand.segment and k.kind == cand.kind and
                                     k.value == cand.value and k.unit == cand.unit for k in kept):
            continue
        kept.append(cand)
    return kept


def _segments(doc: Doc):
    """Maps a character offset to its sentence, split further at line breaks (a headline that
    the parser joins to the first sentence is a segment of its own)."""
    starts = sorted({s.start_char for s in doc.sents} |
                    {m.end() for m in re.finditer(r"\n", text_of(doc))})

    def segment(offset: int) -> int:
        return bisect.bisect_right(starts, offset)
    return segment
