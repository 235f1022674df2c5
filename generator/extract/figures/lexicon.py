"""The figures lexicon: what counts and how it is read, from ``data/lexicon/figures.yaml``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


from ..happenings import EventLexicon
from ...datafile import parse_yaml


@dataclass(frozen=True)
class FigureLexicon:
    """What counts and how it is read, from ``data/lexicon/figures.yaml``."""
    verb_events: dict[str, str]            # "kill" / "shoot down" → killed / destroyed
    intransitive_events: dict[str, str]    # "die" → killed (the subject is counted)
    noun_events: dict[str, str]            # "casualty", "death" → casualties, killed
    undergoer_verbs: frozenset[str]
    leaving_verbs: frozenset[str]          # "left 30 soldiers killed"
    people_only_verbs: frozenset[str]      # "hold" → detained, of people only
    report_verbs: frozenset[str]           # "reported by X": X claims the figure
    aim_verbs: frozenset[str]              # "X wanted to arm 30,000 troops": X claims nothing
    owning_nouns: frozenset[str]           # "claimed responsibility for attacks that killed 130"
    pledge_verbs: frozenset[str]           # "X pledged $25m": X claims it, whoever reports it
    ask_verbs: frozenset[str]              # "X seeks $2bn": X claims it, when no one reports it
    tally_verbs: dict[str, str]            # "surpass" → more_than
    tally_nouns: frozenset[str]
    toll_raising_verbs: frozenset[str]     # "bringing the toll to 40": a new total
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
    war_words: frozenset[str]
    life_nouns: frozenset[str]             # "the lives of 30,000 people" ...
    life_taking_verbs: frozenset[str]      # ... "claimed" them: killed
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
    joint_events: dict[frozenset, str]     # {killed, wounded} → casualties
    people_verbs: dict[str, str]           # "neutralise" people → other
    return_verbs: frozenset[str]
    plight_words: frozenset[str]
    plight_nouns: frozenset[str]           # plight words only as nouns: "in need", not "will need"
    strength_verbs: frozenset[str]
    currency_signs: dict[str, str]         # "$" → dollars
    percent_words: tuple[tuple[str, ...], ...]
    share_changes: dict[str, str]          # "increase" → rise: "revenue increased 3.5 percent"
    finding_verbs: frozenset[str]          # "a poll found 45 percent ...": the poll has no share
    poll_nouns: frozenset[str]             # "in a new Fox News poll": Fox News claims its shares
    natural_deaths: frozenset[str]         # "died", "death": killed only beside violence_words
    violence_words: frozenset[str]
    captivity_words: frozenset[str]        # "held hostage" is detention, "held accountable" not
    money_verbs: dict[str, str]            # "pledge" → pledged: "donors pledged $30bn"
    events: EventLexicon                   # what happened and whether it did (events.yaml)

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


def load_figure_lexicon(folder: Path, events: EventLexicon) -> FigureLexicon:
    """figures.yaml, with the event lexicon that tells what befell what a figure counts
    (its outcomes) and whether it happened."""
    data = parse_yaml((Path(folder) / "figures.yaml").read_text(encoding="utf-8"))
    outcomes = events.outcomes      # what befalls what is counted: the one event lexicon's
    units = {word: category for category, words in data["units"].items() for word in words}
    return FigureLexicon(
        verb_events=outcomes.verbs, intransitive_events=outcomes.intransitive,
        noun_events=outcomes.nouns,
        undergoer_verbs=frozenset(data["undergoer_verbs"]),
        leaving_verbs=frozenset(data["leaving_verbs"]), people_only_verbs=outcomes.people_only,
        report_verbs=frozenset(data["report_verbs"]), aim_verbs=frozenset(data["aim_verbs"]),
        owning_nouns=frozenset(data.get("owning_nouns") or ()),
        pledge_verbs=frozenset(data["pledge_verbs"]), ask_verbs=frozenset(data["ask_verbs"]),
        tally_verbs=dict(data["tally_verbs"]),
        tally_nouns=frozenset(data["tally_nouns"]),
        toll_raising_verbs=frozenset(data["toll_raising_verbs"]), event_categories=dict(data["event_categories"]),
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
        war_words=frozenset(data["war_words"]),
        life_nouns=frozenset(data["lives_taken"]["nouns"]),
        life_taking_verbs=frozenset(data["lives_taken"]["verbs"]),
        months=frozenset(data["months"]),
        vague_superseded_below=float(data["vague_superseded_below"]),
        definite=frozenset(data["definite_determiners"]),
        generic_people=frozenset(data["generic_people"]),
        people_classes={w: kind for kind, words in data["people_classes"].items() for w in words},
        people_suffixes=tuple(data["people_suffixes"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        singular_determiners=frozenset(data["singular_determiners"]),
        measures=frozenset(data["measures"]), plurals=dict(data["plurals"]),
        fractions={k: float(v) for k, v in data["fractions"].items()},
        joint_events={frozenset(j["events"]): j["event"] for j in data["joint_events"]},
        people_verbs=dict(data["people_verbs"]), return_verbs=frozenset(data["return_verbs"]),
        plight_words=frozenset(data["plight_words"]), plight_nouns=frozenset(data["plight_nouns"]),
        strength_verbs=frozenset(data["strength_verbs"]),
        currency_signs={str(k).lower(): v for k, v in data["currency_signs"].items()},
        percent_words=tuple(tuple(w.split()) for w in data["percent_words"]),
        share_changes={verb: change for change, verbs in data["share_changes"].items() for verb in verbs},
        finding_verbs=frozenset(data["finding_verbs"]), poll_nouns=frozenset(data["poll_nouns"]),
        natural_deaths=frozenset(data["deaths"]["words"]), violence_words=frozenset(data["deaths"]["violence"]),
        captivity_words=frozenset(data["captivity_words"]), money_verbs=dict(data["money_verbs"]),
        events=events)
