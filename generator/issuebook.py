"""The issue book: the issues a site tracks, the words that lean on them, and which actors may
hold a stance; read from ``generator/data/lexicon/issues.yaml`` (or a site's own issue file)
and ``stance.yaml``.

Plain data and the rules on it that need no parse: the extract stage finds the leans in a
parsed article with it (``extract.stances``), and the corrections stage recomputes stance cells
with it without importing spaCy (a build whose articles all come from the cache parses nothing).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from .datafile import parse_yaml
from .model import Actor, Issue


@dataclass(frozen=True)
class Anchor:
    """What an issue's term must name, in its words or as its doer, to be about the issue:
    lemmas, entity labels, or actor types of the doer. With ``terms``, only those of the
    issue's terms need it ("an *evacuation* of civilians", not of fighters); without, all do."""
    words: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    doers: frozenset[str] = frozenset()
    terms: frozenset[tuple[str, ...]] = frozenset()

    def binds(self, tokens) -> bool:
        """Must this term (its tokens) name one of the anchors?"""
        return not self.terms or tuple(t.lower_ for t in tokens) in self.terms or \
            tuple(t.lemma_.lower() for t in tokens) in self.terms


@dataclass(frozen=True)
class Verbal:
    """An issue's terms (lemmas) that also name words ("attacks on Clinton"), and what tells
    them apart: a target (entity labels, lemmas) or a qualifier that makes them speech."""
    terms: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IssueBook:
    issues: tuple[Issue, ...]
    terms: dict[str, tuple[tuple[tuple[str, ...], str], ...]]   # first word → ((words, issue id), ...)
    support: frozenset[str]
    oppose: frozenset[str]
    negations: frozenset[str]
    conditional: frozenset[str]
    first_person: frozenset[str] = frozenset()
    non_party_types: frozenset[str] = frozenset({"media"})
    non_party_titles: frozenset[str] = frozenset()
    inverse: frozenset[tuple[str, ...]] = frozenset()   # terms naming the issue's opposite
    action_verbs: frozenset[str] = frozenset()
    # Issues whose terms under another issue's term only say what it is about: issue → the
    # issues it may hang under (None: any).
    nested_topics: dict[str, Optional[frozenset[str]]] = field(default_factory=dict)
    removals: frozenset[str] = frozenset()   # issues whose terms take away what they govern
    framings: frozenset[str] = frozenset()   # issues whose terms over another's only frame it
    noun_terms: frozenset[str] = frozenset()     # terms naming their issue only as a noun
    anchors: dict[str, Anchor] = field(default_factory=dict)   # issue → what its terms must name
    verbal: dict[str, Verbal] = field(default_factory=dict)    # issue → its terms that name words
    # Phrases holding a term that are not about its issue ("war crimes"), by first word.
    not_terms: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    deeds: frozenset[str] = frozenset()     # harm done by whoever is the verb's subject
    harms: frozenset[str] = frozenset()     # harm done to the verb's object: "kill civilians"
    modals: frozenset[str] = frozenset()    # "X must stop the offensive" prescribes, not reports
    condition_marks: frozenset[str] = frozenset()
    exits: dict[str, str] = field(default_factory=dict)     # "out" → "of": "get out of the war"
    claims: frozenset[str] = frozenset()      # "claimed responsibility": backs only when affirmed
    incident_verbs: frozenset[str] = frozenset()   # "condemned the attack": over one deed, no lean
    incidents: frozenset[str] = frozenset()        # … when the deed is one of these, singular
    pretexts: frozenset[str] = frozenset()    # "as an excuse": no lean
    denials: frozenset[str] = frozenset()     # "denied that …": a fact disputed, no lean
    reports: frozenset[str] = frozenset()     # "denied *reports* that …": a fact told
    # Pronouns that stand for the speaker as a subject: by speaker kind ("person", "body").
    speaker_pronouns: dict[str, frozenset[str]] = field(default_factory=dict)
    forecasts: frozenset[str] = frozenset()   # "warned that X would …": foretells, leans nothing
    agent_pronouns: frozenset[str] = frozenset()   # subjects that name someone: "he", "they"
    agent_nouns: frozenset[str] = frozenset()      # … and common nouns that do: "the rebels"
    own_bodies: frozenset[str] = frozenset()       # "his country", "its forces": the speaker's side


def load_issue_book(issues_file: Optional[str | Path] = None) -> IssueBook:
    """The default issues, or a site's own issue file in the same format, with the stance words."""
    lexicon = Path(str(resources.files("generator.data").joinpath("lexicon")))
    issues_path = Path(issues_file) if issues_file else lexicon / "issues.yaml"
    issues_data = parse_yaml(issues_path.read_text(encoding="utf-8"))
    stance_data = parse_yaml((lexicon / "stance.yaml").read_text(encoding="utf-8"))
    terms: dict[str, list] = defaultdict(list)
    inverse = set()
    for raw in issues_data["issues"]:
        for term in raw.get("terms", []) + raw.get("inverse_terms", []):
            for words in spellings(term):
                terms[words[0]].append((words, raw["id"]))
        inverse.update(words for term in raw.get("inverse_terms", []) for words in spellings(term))
    not_terms: dict[str, list] = defaultdict(list)
    for phrase in issues_data.get("not_terms", []):
        for words in spellings(phrase):
            not_terms[words[0]].append(words)
    return IssueBook(
        issues=tuple(Issue(raw["id"], raw["label"]) for raw in issues_data["issues"]),
        terms={first: tuple(sorted(set(found), key=lambda t: (-len(t[0]), t))) for first, found in terms.items()},
        inverse=frozenset(inverse),
        not_terms={first: tuple(sorted(set(found), key=lambda w: (-len(w), w)))
                   for first, found in not_terms.items()},
        deeds=frozenset(stance_data.get("deeds", ())),
        harms=frozenset(stance_data.get("harms", ())),
        modals=frozenset(stance_data.get("modals", ())),
        condition_marks=frozenset(stance_data.get("condition_marks", ())),
        exits=dict(stance_data.get("exits", {})),
        claims=frozenset(stance_data.get("claims", ())),
        incident_verbs=frozenset(stance_data.get("incident_verbs", ())),
        incidents=frozenset(stance_data.get("incidents", ())),
        pretexts=frozenset(stance_data.get("pretexts", ())),
        denials=frozenset(stance_data.get("denials", ())),
        reports=frozenset(stance_data.get("reports", ())),
        speaker_pronouns={kind: frozenset(words) for kind, words
                          in stance_data.get("speaker_pronouns", {}).items()},
        forecasts=frozenset(stance_data.get("forecasts", ())),
        agent_pronouns=frozenset(stance_data.get("agent_pronouns", ())),
        agent_nouns=frozenset(stance_data.get("agent_nouns", ())),
        own_bodies=frozenset(stance_data.get("own_bodies", ())),
        support=frozenset(stance_data["support"]), oppose=frozenset(stance_data["oppose"]),
        negations=frozenset(stance_data["negations"]),
        conditional=frozenset(stance_data["conditional"]),
        first_person=frozenset(stance_data.get("first_person", ())),
        non_party_types=frozenset(stance_data.get("non_party_types", ("media",))),
        non_party_titles=frozenset(t.lower() for t in stance_data.get("non_party_titles", ())),
        nested_topics={issue: None if under == "any" else frozenset(under)
                       for issue, under in stance_data.get("nested_topics", {}).items()},
        removals=frozenset(stance_data.get("removals", ())),
        framings=frozenset(stance_data.get("framings", ())),
        noun_terms=frozenset(issues_data.get("noun_terms", ())),
        anchors={raw["id"]: _anchor(raw["anchors"]) for raw in issues_data["issues"] if "anchors" in raw},
        verbal={raw["id"]: _verbal(raw["verbal"]) for raw in issues_data["issues"] if "verbal" in raw},
        action_verbs=frozenset(stance_data.get("action_verbs", ())))


def _anchor(raw: dict) -> Anchor:
    return Anchor(words=frozenset(raw.get("words", ())), entities=frozenset(raw.get("entities", ())),
                  doers=frozenset(raw.get("doers", ())),
                  terms=frozenset(words for term in raw.get("terms", ()) for words in spellings(term)))


def _verbal(raw: dict) -> Verbal:
    targets = raw.get("targets", {})
    return Verbal(terms=frozenset(raw.get("terms", ())), entities=frozenset(targets.get("entities", ())),
                  words=frozenset(targets.get("words", ())), qualifiers=frozenset(raw.get("qualifiers", ())))


def spellings(term: str) -> set[tuple[str, ...]]:
    """A term's words as the tokenizer may give them: "de-escalation" is one word in the
    issue file and three tokens in a parse ("de", "-", "escalation"), or one when it is kept."""
    words = term.lower().split()
    return {tuple(words), tuple(part for word in words for part in re.findall(r"[^-]+|-", word))}

def combine_stances(stances: Iterable[str]) -> str:
    """One stance from several: agreement stays, conditions win over a lean, conflict is mixed."""
    leaning = {s for s in stances if s != "neutral"}
    if not leaning:
        return "neutral"
    if {"support", "oppose"} <= leaning or "mixed" in leaning:
        return "mixed"
    if "conditional" in leaning:
        return "conditional"
    return leaning.pop()

def is_party(actor: Actor, by_id: dict[str, Actor], book: IssueBook) -> bool:
    """May the actor hold a stance? Not media, nor anyone working for them, nor reporters and
    analysts (they relay and explain the parties' positions), nor an actor of unknown kind."""
    if actor.type in book.non_party_types:
        return False
    employer = by_id.get(actor.affiliation) if actor.affiliation else None
    if employer is not None and employer.type == "media":
        return False
    return not (actor.title and actor.title.lower() in book.non_party_titles)
