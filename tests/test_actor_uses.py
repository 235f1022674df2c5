"""Whether a name acts where it is written: a state named inside a hyphenated word, a capital
naming where a meeting is held, a province said to be under someone's control, a newspaper
introduced by its common noun. On the real spaCy pipeline, one behaviour per test."""
from __future__ import annotations

from test_extract import brief


def ids(briefing) -> set[str]:
    return {a.id for a in briefing.actors}


def test_a_state_in_a_based_compound_owns_no_body_after_of():
    briefing = brief("In December the council issued an ultimatum to the Syrian Interim Government "
                     "of the Turkey-based Syrian opposition to cease all operations.")
    assert "turkey-government" not in ids(briefing)


def test_a_capital_naming_talks_is_where_they_are_held():
    briefing = brief("The group was designated moderate opposition by the Russian defence ministry "
                     "and took part in the Russian-backed Astana talks last year.")
    assert "kazakhstan" not in ids(briefing)


def test_a_province_said_to_be_under_someones_control_is_a_place():
    briefing = brief("After the operation, you can no longer say that Idlib is under exclusive "
                     "HTS control, the analyst said.")
    assert "idlib" not in ids(briefing)


def test_the_cia_is_a_us_state_body():
    briefing = brief("The CIA armed rebel groups in the south for years, the United States "
                     "admitted on Monday.")
    (cia,) = [a for a in briefing.actors if a.name == "CIA"]
    assert cia.type == "government" and cia.affiliation == "united-states"


def test_a_party_named_by_its_acronym_is_a_civil_body():
    briefing = brief("Turkey considers the PYD and its armed wing, the YPG, to be terrorist groups.")
    (pyd,) = [a for a in briefing.actors if a.name == "PYD"]
    assert pyd.type == "group"


def test_a_newspaper_introduced_by_its_common_noun_is_media():
    briefing = brief("General Valery Gerasimov told the Russian daily Komsomolskaya Pravda that the "
                     "destruction of the group was a priority task.")
    (daily,) = [a for a in briefing.actors if a.name == "Komsomolskaya Pravda"]
    assert daily.type == "media"


def test_a_group_introduced_by_its_common_noun_is_no_person():
    briefing = brief("Members of the neo-fascist group Golden Dawn attended the rally, police said.")
    (group,) = [a for a in briefing.actors if a.name == "Golden Dawn"]
    assert group.type == "group"


def test_a_name_between_commas_after_a_place_noun_is_that_place():
    briefing = brief("In the south, the Taliban have been pushed back 30 km from the provincial "
                     "capital, Lashkar Gar, said governor Hayatullah Hayat.")
    assert "Lashkar Gar" not in {a.name for a in briefing.actors}
    assert "Hayatullah Hayat" in {a.name for a in briefing.actors}


def test_a_name_called_a_district_once_and_otherwise_named_as_where_is_a_place():
    briefing = brief("In the Sheikh Maqsoud district of Aleppo, a regime city, YPG forces patrol "
                     "the streets. Scores of Kurds from Sheikh Maqsoud have gone to Afrin to support "
                     "the fight, Kurdish officials there said. \"Of course people went from Sheikh "
                     "Maqsoud - in the hundreds - to bear arms and defend Afrin,\" said Badran Himo, "
                     "a YPG official from Sheikh Maqsoud.")
    assert not [a for a in briefing.actors if "Maqsoud" in a.name]


def test_a_street_is_a_place_not_an_actor():
    briefing = brief("Fighters crossed the Euphrates River and took positions on Al-Nour Street, "
                     "residents said.")
    assert not [a for a in briefing.actors if a.name in ("Al-Nour Street", "Euphrates River")]


def test_a_street_that_speaks_for_a_government_stays_its_speaker():
    briefing = brief("Downing Street said on Monday that the talks with Brussels would resume "
                     "next week.")
    assert [p.actor for p in briefing.positions if "talks" in p.content] == ["united-kingdom"]
