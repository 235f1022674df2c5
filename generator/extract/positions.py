"""Positions: who said, declared or did what, with source, cue and content spans.

Finds:
- direct quotations in straight or curly quotes and « », across sentences, unterminated ones cut
  at the last full stop, attributed through a speech verb beside them (`"…," Aliyev said`),
  "according to X" or "in his words";
- indirect speech through the dependency parse: a speech verb's clause complement
  ("X said that …", "X told Y …"), infinitive complements of promises and threats ("vowed to
  keep fighting"), its object with what the verb says of it ("chided Obama for …"), what it is
  about ("talked about the wall"), and "according to X" attached to a clause;
- lines with a capitalised label and a colon: transcripts, interviews ("Q: …") and headlines
  ("Paul Ryan: FBI Decision Defies Explanation");
- stance-bearing actions stated by the writer (`kind: reported`): the object of reject, rule
  out, call for, ignore, condemn… and nominal calls ("calls from the UN for a ceasefire");
- speakers behind pronouns, office descriptions ("the head of the Armenian Government"),
  relative clauses and statements put out ("issued a statement saying …"), none for the
  subject of a passive verb ("was asked whether …"), and media that relay a statement (`via`: "according to AFP", "quoted by
  Interfax", "…, Russian news agencies reported").
Misses: speakers named only in an earlier paragraph's topic, attributions in headlines without a
verb, and content spread over several clauses that the parser splits.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from spacy.tokens import Doc

from ..nlp import text_of
from ..model import Position
from .actors import ActorIndex
from .clauses import according_clauses, nominal_calls, reported_actions, speaker_labels, speech_clauses
from .position_filter import PositionFilter, position_features
from .quotes import attach_quotes, find_quotes
from .speakers import relay_through_media, resolve_speakers
from .speech import Found, SpeechLexicon, inside

__all__ = ["SpeechLexicon", "Found", "load_speech_lexicon", "extract_positions", "candidate_positions",
           "position_features"]


def load_speech_lexicon(folder: Path) -> SpeechLexicon:
    data = yaml.safe_load((folder / "speech.yaml").read_text(encoding="utf-8"))
    learned = yaml.safe_load((folder / "speech_learned.yaml").read_text(encoding="utf-8"))
    titles = yaml.safe_load((folder / "titles.yaml").read_text(encoding="utf-8"))
    return SpeechLexicon(
        speech=frozenset(data["speech"]) | frozenset(learned["speech"]), listed=frozenset(data["speech"]),
        particles=dict(data["particles"]),
        cue_share={lemma: float(share) for lemma, share in learned["speech"].items()},
        filter=PositionFilter.load(folder / "position_filter.json"),
        cue_prepositions={verb: tuple(preps) for verb, preps in data["cue_prepositions"].items()},
        cue_adverbs=frozenset(data["cue_adverbs"]),
        topic_prepositions=frozenset(data["topic_prepositions"]),
        infinitive=frozenset(data["infinitive"]), reported=frozenset(data["reported"]),
        nominal=frozenset(data["nominal"]),
        according=tuple(tuple(p.split()) for p in data["according"]),
        in_words=tuple(tuple(p.split()) for p in data["in_words"]),
        office_references={r["phrase"]: r["title"] for r in titles["office_references"]})


def extract_positions(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> list[Position]:
    """Doc → positions in text order, ids p1, p2, …"""
    candidates = candidate_positions(doc, actors, lexicon)
    found = [f for f in candidates
             if lexicon.filter.keeps(position_features(doc, f, actors, lexicon, candidates))]
    return _number(doc, join_quote_runs(text_of(doc), found))


def candidate_positions(doc: Doc, actors: ActorIndex, lexicon: SpeechLexicon) -> list[Found]:
    """Every construction that may attribute words to someone, speakers resolved."""
    quotes = find_quotes(text_of(doc), doc)
    # Speech inside a quotation belongs to the quotation, not to the article's attributions.
    found = [f for f in speech_clauses(doc, lexicon)
             if not any(inside(f.cue, quote) for quote in quotes)]
    found += list(according_clauses(doc, lexicon, found))
    found += list(speaker_labels(text_of(doc)))
    found = attach_quotes(doc, quotes, found, lexicon)
    found += list(reported_actions(doc, lexicon, found))
    found += list(nominal_calls(doc, lexicon, actors))
    resolved = []
    for item in found:
        resolved.extend(resolve_speakers(doc, item, actors, lexicon))
    relay_through_media(doc, resolved, actors, lexicon)
    return _dedupe(resolved)


QUOTE_RUN_GAP = 200     # characters between two quoted parts of one statement


def join_quote_runs(text: str, found: list[Found]) -> list[Found]:
    """One statement quoted in parts ("“Tom is a visionary,” she said. “He stepped in.”") is one
    position: consecutive quotations with the same speaker and cue, in one paragraph."""
    joined: list[Found] = []
    for item in sorted(found, key=lambda f: f.content[0]):
        last = joined[-1] if joined else None
        if (last and item.kind in ("direct", "mixed") and last.kind in ("direct", "mixed")
                and item.cue == last.cue and item.source == last.source and item.actor == last.actor
                and 0 <= item.content[0] - last.content[1] <= QUOTE_RUN_GAP
                and "\n" not in text[last.content[1]:item.content[0]]):
            last.content = (last.content[0], item.content[1])
            continue
        joined.append(item)
    return joined


def _dedupe(found: list[Found]) -> list[Found]:
    seen, kept = set(), []
    for item in found:
        key = (item.content, item.actor)
        if key not in seen and item.content[1] > item.content[0]:
            seen.add(key)
            kept.append(item)
    return kept


def _number(doc: Doc, found: list[Found]) -> list[Position]:
    text = text_of(doc)
    positions = []
    for n, item in enumerate(sorted(found, key=lambda f: (f.content[0], f.cue or (0, 0), f.actor or "")), 1):
        positions.append(Position(
            id=f"p{n}", actor=item.actor,
            source_text=text[item.source[0]:item.source[1]] if item.source else None,
            source_span=item.source, cue=text[item.cue[0]:item.cue[1]] if item.cue else "",
            cue_span=item.cue, content=text[item.content[0]:item.content[1]],
            content_span=item.content, kind=item.kind, via=item.via))
    return positions
