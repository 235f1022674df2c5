"""Dates as a reader resolves them: relative to the article's date or its dateline.

The reference is the article's date (front matter or page metadata), else the date of a
dateline near its start ("KABUL, Afghanistan (Jan. 25, 2013)"). A date expression that
spaCy's NER marks (DATE, and TIME for "last night", "this morning") is read by dateparser
relative to the reference, preferring the past: "yesterday", "on Sunday", "last week",
"Sept. 27", "27 September 2020". A weekday named in an article of that weekday is the same day
("Monday" in a Monday dispatch). A week or a month ("last week", "in March") is a range.

Misses: durations counted back ("for a fourth day"), "overnight" without a day, and dates that
need the year of an earlier sentence.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span as SpacySpan

from ..nlp import text_of

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
def resolve(text: str, reference: Optional[str]) -> Optional[tuple[str, Optional[str]]]:
    """(start, end) ISO dates of an expression, ``end`` for weeks and months; None when the
    expression names no day, week or month, or one after the reference."""
    words = text.strip()
    if not words or _YEARS_ONLY.match(words) or (reference is None and not _YEAR.search(words)):
        return None         # a year alone names no day; "yesterday" of an undated text neither
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
    Dates in parentheses near the start are datelines too: none of them dates an event."""
    found = _dateline(text)
    offset = len(text) - len(text.lstrip())
    head = text[offset:offset + DATELINE_CHARS]
    skip = [(offset + m.start(), offset + m.end()) for m in _MONTH_DAY.finditer(head)
            if head[:m.start()].rstrip().endswith("(")]
    if found:
        skip.append(found[1])
    return (article_date or (found[0] if found else None)), sorted(skip)


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


def dates_in(sentence: SpacySpan, reference: Optional[str],
             skip: list[tuple[int, int]] = ()) -> list[When]:
    """The resolvable date expressions of a sentence, in text order: not the datelines
    (``skip``), not digits glued into a code ("2011-02-S-199")."""
    found = []
    for ent in sentence.ents:
        if ent.label_ not in ("DATE", "TIME") or _in_code(ent):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in skip):
            continue
        resolved = resolve(ent.text, reference)
        if resolved:
            found.append(When(resolved[0], resolved[1], ent.text, (ent.start_char, ent.end_char)))
    return found
