"""Invariants of the built-in gazetteer data (generator/data/gazetteer/*.yaml) and how it
behaves in a real spaCy pipeline."""
from __future__ import annotations

import importlib.util
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from generator.gazetteer import default_paths, load_gazetteer, normalise
from generator.model import ACTOR_TYPES

ROOT = Path(__file__).resolve().parents[1]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# States that have no capital metonym, each for a reason given in scripts/state_extras.yaml or
# because the capital is spelled like the state.
STATES_WITHOUT_METONYM = {
    "belgium",       # "Brussels" stands for the EU
    "israel",        # Jerusalem's status is contested
    "seychelles",    # "Victoria" is a common given name
    "djibouti", "luxembourg", "monaco", "singapore", "vatican-city",  # capital = name
}
# States whose only demonym is claimed by a better-known namesake, or that have none in use.
STATES_WITHOUT_DEMONYM = {"republic-of-the-congo", "dominica", "vatican-city"}


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _surfaces(entry):
    return entry.names() + entry.metonyms


def test_all_five_files_are_loaded(gaz):
    names = {p.name for p in default_paths()}
    assert {"states.yaml", "organisations.yaml", "media.yaml", "armed_groups.yaml",
            "regions.yaml"} <= names
    counts = Counter(e.type for e in gaz.entries)
    assert counts["state"] >= 195
    assert counts["igo"] >= 50 and counts["ngo"] >= 20
    assert counts["media"] >= 50 and counts["armed_group"] >= 50 and counts["region"] >= 30


def test_ids_are_unique_and_slug_shaped(gaz):
    counts = Counter(e.id for e in gaz.entries)
    assert [i for i, n in counts.items() if n > 1] == []
    assert [e.id for e in gaz.entries if not SLUG.match(e.id)] == []


def test_entries_are_well_formed(gaz):
    problems = []
    for entry in gaz.entries:
        if entry.type not in ACTOR_TYPES:
            problems.append((entry.id, "type", entry.type))
        for kind in ("aliases", "metonyms", "demonyms"):
            values = getattr(entry, kind)
            if not isinstance(values, tuple) or any(not isinstance(v, str) for v in values):
                problems.append((entry.id, kind, "not a list of strings"))
                continue
            if len(set(values)) != len(values):
                problems.append((entry.id, kind, "repeated value"))
        for surface in (entry.name,) + entry.aliases + entry.metonyms + entry.demonyms:
            if not surface or surface != surface.strip() or not normalise(surface):
                problems.append((entry.id, "surface", surface))
    assert problems == []


def test_affiliations_point_at_existing_entries(gaz):
    ids = {e.id for e in gaz.entries}
    dangling = [(e.id, e.affiliation) for e in gaz.entries
                if e.affiliation is not None and e.affiliation not in ids]
    assert dangling == []
    assert [e.id for e in gaz.entries if e.affiliation == e.id] == []


def test_no_surface_form_is_claimed_by_two_entries(gaz):
    owners = defaultdict(set)
    for entry in gaz.entries:
        for surface in _surfaces(entry):
            owners[normalise(surface)].add(entry.id)
    clashes = {key: sorted(ids) for key, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


def test_no_demonym_is_claimed_by_two_entries(gaz):
    owners = defaultdict(set)
    for entry in gaz.entries:
        for demonym in entry.demonyms:
            owners[normalise(demonym)].add(entry.id)
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}


def test_a_demonym_is_not_another_entrys_name(gaz):
    names = {normalise(s): e.id for e in gaz.entries for s in _surfaces(e)}
    clashes = [(d, e.id, names[normalise(d)]) for e in gaz.entries for d in e.demonyms
               if normalise(d) in names and names[normalise(d)] != e.id]
    assert clashes == []


def test_a_metonym_is_not_the_entrys_own_name(gaz):
    # is_metonym() would otherwise call "Singapore" a metonym of Singapore.
    own = [(e.id, m) for e in gaz.entries for m in e.metonyms
           if normalise(m) in {normalise(n) for n in e.names()}]
    assert own == []


def test_states_have_capitals_and_demonyms(gaz):
    states = [e for e in gaz.entries if e.type == "state"]
    assert sorted(e.id for e in states if not e.metonyms) == sorted(STATES_WITHOUT_METONYM)
    assert sorted(e.id for e in states if not e.demonyms) == sorted(STATES_WITHOUT_DEMONYM)


@pytest.mark.parametrize("surface, entry_id", [
    ("Baku", "azerbaijan"), ("the Kremlin", "russia"), ("Kremlin", "russia"),
    ("Türkiye", "turkey"), ("Turkiye", "turkey"), ("Turkey", "turkey"),
    ("Yerevan", "armenia"), ("Moscow", "russia"), ("Kyiv", "ukraine"), ("Kiev", "ukraine"),
    ("U.S.", "united-states"), ("USA", "united-states"), ("the White House", "united-states"),
    ("Britain", "united-kingdom"), ("Downing Street", "united-kingdom"),
    ("Czechia", "czech-republic"), ("Côte d'Ivoire", "ivory-coast"), ("DRC", "dr-congo"),
    ("Minsk", "belarus"), ("Minsk Group", "osce-minsk-group"), ("Brussels", "european-union"),
    ("U.N. Security Council", "un-security-council"), ("Security Council", "un-security-council"),
    ("Daesh", "islamic-state"), ("Ansar Allah", "houthis"), ("Artsakh", "nagorno-karabakh"),
    ("Donbass", "donbas"), ("Doctors Without Borders", "msf"), ("Red Cross", "icrc"),
    ("Reuters", "reuters"), ("RSF", "rapid-support-forces"),
])
def test_lookup(gaz, surface, entry_id):
    entry = gaz.lookup(surface)
    assert entry is not None and entry.id == entry_id


def test_spot_checks(gaz):
    assert gaz.demonym("Azerbaijani").id == "azerbaijan"
    assert gaz.demonym("Azeris").id == "azerbaijan"
    assert gaz.demonym("Britons").id == "united-kingdom"
    assert gaz.demonym("Guinean").id == "guinea"
    assert gaz.lookup("ODKB").id == gaz.lookup("CSTO").id == "csto"
    assert gaz.lookup("Minsk Group").affiliation == "osce"
    assert gaz.lookup("AFP").type == "media"
    assert gaz.lookup("Kurdistan Region").affiliation == "iraq"
    assert gaz.is_metonym("Baku") and gaz.is_metonym("the Kremlin")
    assert not gaz.is_metonym("Azerbaijan")
    assert gaz.lookup("Jerusalem") is None and gaz.lookup("Tel Aviv") is None
    assert gaz.lookup("IS") is None and gaz.lookup("AA") is None


def test_states_yaml_is_what_the_build_script_makes():
    for tool in ("country_converter", "countryinfo"):
        pytest.importorskip(tool, reason=f"{tool} is a dev-time tool of build_states.py")
    spec = importlib.util.spec_from_file_location("build_states", ROOT / "scripts" / "build_states.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == module.OUT.read_text(encoding="utf-8"), \
        "states.yaml is out of date: run .venv/bin/python scripts/build_states.py"


# --- a real spaCy pipeline (the `nlp` fixture of conftest.py) ---------------------------

def _ents(nlp, text):
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]


def test_capital_and_state_resolve_to_the_same_id(nlp):
    ents = _ents(nlp, "Yerevan said Armenia would not attend.")
    assert ("Yerevan", "GPE", "armenia") in ents
    assert ("Armenia", "GPE", "armenia") in ents


def test_ruler_prefers_longer_matches_and_labels_by_type(nlp):
    ents = _ents(nlp, "The OSCE Minsk Group met in Minsk, the Washington Post reported, "
                      "after Azerbaijani troops entered Nagorno-Karabakh.")
    assert ("The OSCE Minsk Group", "ORG", "osce-minsk-group") in ents  # "The" at a sentence start belongs to the name
    assert ("Minsk", "GPE", "belarus") in ents
    assert ("the Washington Post", "ORG", "the-washington-post") in ents
    assert ("Azerbaijani", "NORP", "azerbaijan") in ents
    assert ("Nagorno-Karabakh", "GPE", "nagorno-karabakh") in ents


def test_the_kremlin_matches_as_a_whole(nlp):
    ents = _ents(nlp, "A spokesman for the Kremlin said the People's Republic of China agreed.")
    assert ("the Kremlin", "GPE", "russia") in ents
    assert ("the People's Republic of China", "GPE", "china") in ents
