"""Media named only as the channel of the news: sources of the briefing, not parties to it.

"X told Reuters", "according to AFP", "said on Twitter", "Al Jazeera's Tony Birtley reported",
"a BBC study", "CNN quoted US officials": the medium carries what others say. Such an actor
keeps its mentions (positions and figures name it as their ``via``) and is marked
``role: source``, which lists it apart from the key actors. A medium that acts or is acted on in
the news itself ("the government banned Al Jazeera", "Al Jazeera's offices were raided", "Al
Jazeera released a documentary") remains a party.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from ..datafile import parse_yaml
from .actors import ActorIndex

SOURCE_ROLE = "source"
# Where a name stands to its verb when that verb does something to it or it does something.
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "dative")


@dataclass(frozen=True)
class ChannelLexicon:
    verbs: frozenset[str]     # what a medium does as the channel: say, report, quote, carry…


def load_channel_lexicon(folder: Path) -> ChannelLexicon:
    data = parse_yaml((folder / "media.yaml").read_text(encoding="utf-8"))
    return ChannelLexicon(frozenset(data["channel_verbs"]))


def mark_channels(doc: Doc, actors: ActorIndex, lexicon: ChannelLexicon) -> None:
    """Marks as sources the media actors that no mention makes a party to the news."""
    for actor in actors.actors:
        if actor.type != "media":
            continue
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in actor.mentions]
        if all(span is not None and not _takes_part(span.root, lexicon) for span in spans):
            actor.role = SOURCE_ROLE


def _takes_part(token: Token, lexicon: ChannelLexicon) -> bool:
    """Whether a medium's mention acts or is acted on: the subject or object of a verb that is
    not a channel's ("banned Al Jazeera", "Reuters and AFP were expelled"), itself or what it
    owns ("Al Jazeera's offices were raided")."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ == "poss":
        token = token.head
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "agent":       # "obtained by the BBC"
        verb = verb.head
    elif token.dep_ not in _ARGUMENT_DEPS:
        return False
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in lexicon.verbs
