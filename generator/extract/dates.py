"""Dates as a reader resolves them: relative to the article's date or its dateline.

The reference is the article's date (front matter or page metadata), else the date of a
dateline near its start ("KABUL, Afghanistan (Jan. 25, 2013)"). A date expression that
spaCy's NER marks (DATE, and TIME for "last night", "this morning") is read by dateparser
relative to the reference, preferring the past: "yesterday", "on Sunday", "last week",
"Sept. 27", "27 September 2020". A weekday named in an article of that weekday is the same day
("Monday" in a Monday dispatch). A week or a month ("last week", "in March") is a range.

Words of ``data/lexicon/events.yaml`` (``DateWords``) add what dateparser lacks: a modifier
leaves the day as it is ("early Monday", "earlier today"), "overnight" alone is the night before
the reference (its start date), but "an overnight operation" is a kind of operation, no date,
and an expression counting hours or days is a duration, not a date ("a two-hour battle",
"four-hour"). A month's abbreviation alone is no date ("Jan" is often a name).

Misses: durations counted back ("for a fourth day") and dates that need the year of an earlier
sentence.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span as SpacySpan

from ..nlp import entities_in, text_of

DATELINE_CHARS = 400         # where a dateline may be: the first characters of the text
_MONTHS = "|".join(sorted({m.lower()[:3] for m in calendar.month_name if m}))
_MONTH_DAY = re.compile(rf"\b(?i:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}\b(?:,?\s+(?:19|20)\d\d\b)?")
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_YEARS_ONLY = re.compile(r"^\D*\d{4}s?\D*$")
_MONTH_WORD = "(?:" + "|".join(m for m in calendar.month_name if m) + "|" + \
    "|".join(m for m in calendar.month_abbr if m) + r"|Sept)\.?"
_FULL_DATE = re.compile(rf"(?i:\d{{1,2}}\s+{_MONTH_WORD},?\s+(?:19|20)\d\d|"
                        rf"{_MONTH_WORD}\s+\d{{1,2}},?\s+(?:19|20)\d\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _in_code(ent: SpacySpan) -> bool:
    return _in_code_at(text_of(ent.doc), ent.start_char, ent.end_char)


def _in_code_at(text: str, start: int, end: int) -> bool:
    """Digits glued by a dash or slash into a release number or an identifier."""
    before = text[start - 1:start] if start else ""
    return before in ("-", "/") or text[end:end + 1] in ("-", "/")


@dataclass(frozen=True)
class DateWords:
    """Date words beside dateparser's, from ``data/lexicon/events.yaml``."""
    modifiers: frozenset[str] = frozenset()
    night_before: frozenset[str] = frozenset()
    duration_units: frozenset[str] = frozenset()
    counted_from: frozenset[str] = frozenset()   # "ago", "later": a time counted from another
    untagged: tuple[str, ...] = ()      # "last night", "overnight": read where NER missed them
    tally_prepositions: frozenset[str] = frozenset()    # "since January": a tally's period
    tally_periods: tuple[str, ...] = ()                 # "the past week"
    anaphoric: frozenset[str] = frozenset()    # "that March": a time of another sentence
    long_units: frozenset[str] = frozenset()   # "for seven years": a campaign, not an event


_NUMBER_WORD = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
    r"several|few|\w+teen|\w+ty)"
_ABBREVIATIONS = {m.lower() for m in calendar.month_abbr if m} - \
    {m.lower() for m in calendar.month_name if m} | {"sept"}


def _is_duration(words: str, words_of: "DateWords") -> bool:
    """"a two-hour", "four-hour", "six days", but not "two days ago" nor "a month later"."""
    units = words_of.duration_units
    last = words.lower().rstrip(" .").rsplit(" ", 1)[-1]
    if not units or last in words_of.counted_from:
        return False
    unit = "|".join(sorted(units))
    return re.search(rf"(?i)\b{_NUMBER_WORD}[\s-]+(?:{unit})s?\b", words) is not None


def _without_modifiers(words: str, modifiers: frozenset[str]) -> str:
    parts = words.split()
    while len(parts) > 1 and parts[0].lower() in modifiers:
        parts = parts[1:]
    return " ".join(parts)


@dataclass(frozen=True)
class When:
    start: str                  # ISO date
    end: Optional[str]          # ISO date of the last day of a range
    text: str
    span: tuple[int, int]


@lru_cache(maxsize=64)
def _parser(reference: Optional[str]):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(reference)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def resolve(text: str, reference: Optional[str],
            words_of: DateWords = DateWords()) -> Optional[tuple[str, Optional[str]]]:
    """(start, end) ISO dates of an expression, ``end`` for weeks and months; None when the
    expression names no day, week or month, or one after the reference."""
    words = _without_modifiers(text.strip(), words_of.modifiers | words_of.night_before)
    if not words or _YEARS_ONLY.match(words) or (reference is None and not _YEAR.search(words)):
        return None         # a year alone names no day; "yesterday" of an undated text neither
    if words.lower().rstrip(".") in _ABBREVIATIONS or _is_duration(words, words_of):
        return None
    if reference and words.lower() in words_of.night_before:
        return (dt.date.fromisoformat(reference) - dt.timedelta(days=1)).isoformat(), None
    full = _full_date(words)
    if full is not None:
        return (full, None) if not reference or full <= reference else None
    data = _parser(reference).get_date_data(words)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    ref = dt.date.fromisoformat(reference) if reference else None
    bare = words.lower().removeprefix("on ").strip()
    if ref and bare in _WEEKDAYS and _WEEKDAYS[bare] == ref.weekday():
        day = ref
    if ref and day > ref:
        return None
    if data.period == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start.isoformat(), min(start + dt.timedelta(days=6), ref or day).isoformat()
    if data.period == "month":
        start = day.replace(day=1)
        last = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        return start.isoformat(), min(last, ref or last).isoformat()
    if data.period == "year":
        return None
    return day.isoformat(), None


def _full_date(words: str) -> Optional[str]:
    """A date written in full, with month name, day and year ("Jan. 25, 2013", "27 September
    2020"), read by dateutil: dateparser's relative reading is not needed and costs far more."""
    match = _FULL_DATE.fullmatch(words)
    if match is None:
        return None
    from dateutil import parser as dateutil_parser

    try:
        return dateutil_parser.parse(words.replace(".", " ")).date().isoformat()
    except (ValueError, OverflowError):
        return None


def reference(text: str, article_date: Optional[str]) -> tuple[Optional[str], list[tuple[int, int]]]:
    """The date relative expressions are read against, and where the dateline's date is (not
    an event's date). The article's date comes first, else its dateline's: a date in
    parentheses near the start of the text as read (site chrome included: a dateline is often
    hidden from the analysis as boilerplate). A dateline without a year ("(Sept. 1)") takes the
    year written nearest it (a release number "2010-09-CA-005"); without one it is no reference.
    A date alone in parentheses is a dateline wherever it is (a file may hold several
    releases, "KABUL, Afghanistan (Oct. 4)"): none of them dates an event. A date after the
    article's own is no dateline."""
    found = _dateline(text)
    skip = [(m.start(), m.end()) for m in _MONTH_DAY.finditer(text)
            if text[:m.start()].rstrip().endswith("(") and text[m.end():].lstrip().startswith(")")]
    if found and article_date and found[0] > article_date:
        found = None        # "On March 15, the war will enter its eighth year" (March 4)
    if found and found[1] not in skip:
        skip.append(found[1])
    return (article_date or (found[0] if found else None)), sorted(skip)


def dateline_days(text: str, datelines: list[tuple[int, int]],
                  reference: Optional[str]) -> list[tuple[tuple[int, int], str]]:
    """The day each dateline names: its own year, else the year that puts it nearest the
    reference ("(Jan. 4)" in a file dated Jan. 5, 2011 is 2011-01-04; "(Dec. 30)" in one dated
    Jan. 2, 2011 is 2010-12-30)."""
    if reference is None:
        return []
    ref = dt.date.fromisoformat(reference)
    found = []
    for start, end in datelines:
        words = text[start:end]
        if _YEAR.search(words):
            day = resolve(words, None)
            if day and day[1] is None:
                found.append(((start, end), day[0]))
            continue
        days = [resolve(f"{words} {year}", None) for year in (ref.year - 1, ref.year, ref.year + 1)]
        near = [d[0] for d in days if d and d[1] is None]
        if near:
            best = min(near, key=lambda d: abs((dt.date.fromisoformat(d) - ref).days))
            found.append(((start, end), best))
    return found


def _dateline(text: str) -> Optional[tuple[str, tuple[int, int]]]:
    """The first date near the start that names a month and a day: in parentheses ("KABUL,
    Afghanistan (Jan. 25, 2013)"), or in a title line ("Apr. 23: Operations in ...", "Update,
    Feb. 27, 2011"). Its year, when it has none, is the one written nearest it in the header."""
    offset = len(text) - len(text.lstrip())
    head = text[offset:offset + DATELINE_CHARS]
    for match in _MONTH_DAY.finditer(head):
        words = match.group(0)
        if _in_code_at(head, match.start(), match.end()):
            continue
        if not _YEAR.search(words):
            years = sorted(_YEAR.finditer(head), key=lambda y: abs(y.start() - match.start()))
            if not years:
                continue
            words = f"{words} {years[0].group(0)}"
        found = resolve(words, None)
        if found and found[1] is None:
            return found[0], (offset + match.start(), offset + match.end())
    return None


def dates_in(sentence: SpacySpan, reference: Optional[str], skip: list[tuple[int, int]] = (),
             words_of: DateWords = DateWords()) -> list[tuple[When, SpacySpan]]:
    """The resolvable date expressions of a sentence with their words, in text order: not the
    datelines (``skip``), not digits glued into a code ("2011-02-S-199"); the relative dates
    the recogniser left untagged ("last night", "overnight") where no date entity stands
    beside them ("overnight on Tuesday" is Tuesday)."""
    dated = [ent for ent in entities_in(sentence) if ent.label_ in ("DATE", "TIME")]
    spans = [ent for ent in dated if not _in_code(ent)]
    for phrase in _untagged(sentence, words_of.untagged):
        if not any(phrase.start - 2 <= ent.end and ent.start <= phrase.end + 1 for ent in dated):
            spans.append(phrase)
    found = []
    for span in spans:
        if any(s < span.end_char and span.start_char < e for s, e in skip) or \
                _tally_period(span, words_of) or _anaphoric(span, words_of) or \
                _kind_of_night(span, words_of):
            continue
        resolved = resolve(span.text, reference, words_of)
        if resolved:
            found.append((When(resolved[0], resolved[1], span.text, (span.start_char, span.end_char)),
                          span))
    return sorted(found, key=lambda f: f[0].span)


def unread_dates(sentence: SpacySpan, reference: Optional[str], skip: list[tuple[int, int]] = (),
                 words_of: DateWords = DateWords()) -> list[SpacySpan]:
    """The date expressions of a sentence that name a time no day, week or month can be read
    from ("a month later", "late 2017", "in 2015"), or only from another sentence ("that
    March"): not lengths of time ("for seven years"), codes or datelines."""
    return [ent for ent in entities_in(sentence) if ent.label_ == "DATE" and not _in_code(ent)
            and not any(s < ent.end_char and ent.start_char < e for s, e in skip)
            and not _is_duration(ent.text, words_of)
            and (resolve(ent.text, reference, words_of) is None or _anaphoric(ent, words_of))]


def lengths_of_time(sentence: SpacySpan, words_of: DateWords = DateWords()) -> list[SpacySpan]:
    """The long lengths of time "for" gives in a sentence, counted in ``long_units`` ("killed
    for seven years", "fought for over 100 years"): how long something went on, which no one
    day dates (but "fought for three days" may be one battle)."""
    return [ent for ent in entities_in(sentence) if ent.label_ == "DATE" and ent.root.head.lower_ == "for"
            and ent.root.dep_ == "pobj" and _is_duration(ent.text, words_of)
            and ent.root.lemma_.lower() in words_of.long_units]


def _anaphoric(span: SpacySpan, words_of: DateWords) -> bool:
    """A time named by what another sentence told ("That March, protests erupted" after "In
    2011 ..."): the article's date cannot tell its year."""
    first = span.doc[span.start - 1] if span.start else None
    return (first is not None and first.lower_ in words_of.anaphoric) or \
        span.text.split(" ", 1)[0].lower() in words_of.anaphoric


def _kind_of_night(span: SpacySpan, words_of: DateWords) -> bool:
    """"an overnight operation": a night-time kind of operation, not the night before the
    reference; its day is another date of the sentence, else its paragraph's (but "detained
    three men overnight" is the night just past)."""
    root = span.root
    return span.text.lower() in words_of.night_before and root.dep_ in ("amod", "compound") \
        and root.head.pos_ in ("NOUN", "PROPN")


def _tally_period(span: SpacySpan, words_of: DateWords) -> bool:
    """"since January", "within the last month", "as of February 28": a period things are
    counted over, or the day a state is told as of; not a day a clause tells ("since Sunday,
    when the fighting broke out")."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end:span.end + 2]]
    when_clause = any(c.dep_ == "relcl" and any(w.lower_ == "when" for w in c.children)
                      for c in span.root.children)
    if when_clause or after == [",", "when"] or after[:1] == ["when"]:
        return False
    before = doc[span.start - 1].lower_ if span.start else ""
    two_before = " ".join(t.lower_ for t in doc[max(0, span.start - 2):span.start])
    words = span.text.lower()
    return before in words_of.tally_prepositions or two_before in words_of.tally_prepositions or \
        words.split(" ", 1)[0] in words_of.tally_prepositions or \
        any(words.startswith(p + " ") for p in words_of.tally_periods)


def _untagged(sentence: SpacySpan, phrases: tuple[str, ...]) -> list[SpacySpan]:
    if not phrases:
        return []
    pattern = re.compile(r"(?i)\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")
    doc, offset = sentence.doc, sentence.start_char
    found = []
    for match in pattern.finditer(sentence.text):
        span = doc.char_span(offset + match.start(), offset + match.end())
        if span is not None and all(t.ent_type_ not in ("DATE", "TIME") for t in span):
            found.append(span)
    return found
