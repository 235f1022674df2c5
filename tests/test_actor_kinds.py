"""How an actor's type is told from the sentence and the gazetteer, on the real spaCy pipeline:
a river a direction is taken from is a place, a name described as an offshoot of a known body
shares its kind, one described as a preacher is a person, major parties are parties."""
from __future__ import annotations

import pytest

from test_actors import names, places
from test_extract import brief


def kind(briefing, name: str) -> str:
    (found,) = [a for a in briefing.actors if a.name == name]
    return found.type


def test_a_name_a_direction_is_taken_from_is_a_place():
    briefing = brief("Biden, echoing Erdogan, called on Kurds not to cross into the west of the "
                     "Euphrates, and turned a blind eye.")
    assert "Euphrates" not in names(briefing) and "Euphrates" in places(briefing)


@pytest.mark.parametrize("text, name, expected", [
    pytest.param("The Israelis have been providing Egypt with support in its fight against Ansar "
                 "Beit al Maqdis (ABM), an affiliate of the Islamic State of Iraq and the Levant "
                 "(ISIL) on the Sinai Peninsula.", "Ansar Beit al Maqdis", "armed_group",
                 id="an affiliate of an armed group is an armed group"),
    pytest.param("He opened the legal door to the extradition of Fethullah Gulen, the popular "
                 "US-based preacher whom Erdogan accuses of masterminding the coup attempt.",
                 "Fethullah Gulen", "person", id="a name described as a preacher is a person"),
    pytest.param("GOP presidential nominee Donald Trump has said that a Muslim federal judge "
                 "would not treat him fairly.", "GOP", "group", id="the GOP is a party"),
    pytest.param("The Democratic National Committee said on Monday that hackers had stolen its "
                 "research on Donald Trump.", "Democratic National Committee", "group",
                 id="a party committee is a party body, not a government"),
])
def test_the_type_a_description_or_the_gazetteer_tells(text, name, expected):
    assert kind(brief(text), name) == expected


def test_the_party_by_its_nickname_and_its_name_is_one_party():
    briefing = brief("The Republican Party chose Cleveland for its convention. GOP leaders said "
                     "on Monday that the city was ready.")
    (party,) = [a for a in briefing.actors if a.id == "republican-party"]
    assert party.type == "group" and len(party.mentions) == 2


def test_a_name_tagged_a_person_and_an_organisation_is_the_person():
    briefing = brief("Trump’s acceptance speech Thursday night was the moment thousands in the "
                     "Cleveland arena were waiting for. Boos rained down when Trump mentioned the "
                     "former secretary of state.")
    assert kind(briefing, "Trump") == "person"



def test_a_firm_tagged_a_person_once_stays_a_firm():
    briefing = brief("These include Blair Effron of Centerview Partners and Marc Lasry of Avenue "
                     "Capital Group. And in 2006, Lasry’s Avenue Capital Group hired Chelsea Clinton.")
    assert all(a.type != "person" for a in briefing.actors if a.name == "Avenue Capital Group")


def test_a_one_word_name_after_the_is_nobody():
    briefing = brief("The Danube flooded the town, officials said. Water levels on the Danube rose "
                     "on Monday, when the Assad regime said it had won.")
    people = {a.name for a in briefing.actors if a.type == "person"}
    assert "Danube" not in people
