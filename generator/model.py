"""The briefing data model (schema ``briefing/1``), shared by every stage of the pipeline.

Every extracted thing points into the article's text with ``[start, end)`` offsets; display
text is derived from those offsets. ``Briefing.to_dict`` gives the JSON form described in
``../shared/briefing-schema.md`` and validated by ``generator/data/briefing.schema.json``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from importlib import resources
from typing import Any, Optional

SCHEMA = "briefing/1"

Span = tuple[int, int]

# ``corrected: {by, note}`` on an item an editor's correction changed or added (corrections.py).
Provenance = dict[str, Optional[str]]

ACTOR_TYPES = ("person", "state", "government", "military", "armed_group", "igo", "ngo",
               "media", "group", "region", "other")


@dataclass
class Actor:
    id: str
    name: str
    type: str
    title: Optional[str] = None
    affiliation: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    salience: float = 0.0
    corrected: Optional[Provenance] = None
    # "source": cited, not a party — a medium only relaying others ("told Reuters") or people
    # cited without a name ("witnesses said"); listed apart from the key actors
    role: Optional[str] = None


@dataclass
class Place:
    name: str
    country: Optional[str] = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Position:
    id: str
    actor: Optional[str]
    source_text: Optional[str]
    source_span: Optional[Span]
    cue: str
    cue_span: Optional[Span]
    content: str
    content_span: Span
    kind: str
    via: Optional[str] = None
    issues: list[str] = field(default_factory=list)
    stance: Optional[str] = None
    corrected: Optional[Provenance] = None
    confidence: Optional[float] = None   # calibrated: items at 0.8 are right 80 % of the time


# What a figure counts (its ``event``) when it is the toll of an event: the people it hit.
TOLL_EVENTS = ("killed", "wounded", "casualties", "detained")


@dataclass
class Figure:
    id: str
    value: float
    qualifier: str
    unit: str
    event: Optional[str]
    category: str
    claimed_by: Optional[str]
    about: Optional[str]
    text: str
    span: Span
    sentence: str
    corrected: Optional[Provenance] = None
    value_max: Optional[float] = None   # the upper bound of a range ("between 15,000 and 30,000")
    total_of: Optional[str] = None      # a running total of this event ("killed since 2015")
    # the article's words for a quantity it gives without a number ("numerous", "scores of"):
    # pages show these, `value` is only the counting convention's reading of them
    value_words: Optional[str] = None
    via: Optional[str] = None           # the media that relay the claim ("told AFP", "on Twitter")
    confidence: Optional[float] = None


@dataclass
class EventPlace:
    name: str
    admin1: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None


@dataclass
class Event:
    id: str
    type: str
    text: str
    span: Span
    sentence: str
    date: Optional[str] = None
    date_end: Optional[str] = None
    date_text: Optional[str] = None
    date_span: Optional[Span] = None
    place: Optional[EventPlace] = None
    place_span: Optional[Span] = None
    actor: Optional[str] = None
    target: Optional[str] = None
    figures: list[str] = field(default_factory=list)
    claimed_by: Optional[str] = None
    confidence: float = 0.0
    corrected: Optional[Provenance] = None


@dataclass
class Issue:
    id: str
    label: str


@dataclass
class StanceCell:
    actor: str
    issue: str
    stance: str
    evidence: list[str] = field(default_factory=list)
    corrected: Optional[Provenance] = None
    confidence: Optional[float] = None


@dataclass
class Briefing:
    id: str
    source_file: str
    title: str
    date: Optional[str]
    source: Optional[str]
    url: Optional[str]
    summary: str
    text_sha256: str
    language: str = "en"
    tags: list[str] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    stances: list[StanceCell] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: spans as two-element lists, keys in schema order."""
        data = _jsonable(self)
        order = ["schema", "id", "source_file", "title", "date", "source", "url", "language",
                 "summary", "text_sha256", "tags", "sentences", "actors", "places", "positions",
                 "figures", "events", "issues", "stances"]
        return {key: data[key] for key in order}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Briefing":
        nested = {"actors": Actor, "places": Place, "positions": Position, "figures": Figure,
                  "events": Event, "issues": Issue, "stances": StanceCell}
        kwargs = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name in nested:
                value = [_from_dict(nested[f.name], item) for item in value]
            elif f.name == "sentences":
                value = [tuple(span) for span in value]
            kwargs[f.name] = value
        return cls(**kwargs)

    def actor(self, actor_id: Optional[str]) -> Optional[Actor]:
        return next((a for a in self.actors if a.id == actor_id), None)


_SPAN_FIELDS = {"mentions", "source_span", "cue_span", "content_span", "span", "date_span",
                "place_span"}


def _from_dict(cls: type, data: dict[str, Any]):
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "mentions":
            value = [tuple(span) for span in value]
        elif f.name in _SPAN_FIELDS and value is not None:
            value = tuple(value)
        elif f.name == "place" and value is not None:
            value = EventPlace(**value)
        kwargs[f.name] = value
    return cls(**kwargs)


# Optional fields most items lack: left out of the JSON form rather than written as null.
_OMITTED_WHEN_NONE = {"corrected", "role"}


def _jsonable(value: Any) -> Any:
    """Plain JSON data for a dataclass tree; unlike ``dataclasses.asdict`` it copies nothing it
    does not convert (``asdict`` deep-copies every leaf, which made writing pages slow)."""
    if is_dataclass(value):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)
                if f.name not in _OMITTED_WHEN_NONE or getattr(value, f.name) is not None}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``briefing/1`` kept with the package."""
    text = resources.files("generator.data").joinpath("briefing.schema.json").read_text("utf-8")
    return json.loads(text)
