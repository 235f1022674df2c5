"""Titles and affiliations on the real spaCy pipeline, one behaviour per test: the side a
person is given is the one the text gives this person, and a side the article never names is
no actor."""
from __future__ import annotations

from test_actors import names, person
from test_extract import brief


def test_the_body_named_in_an_apposition_is_the_affiliation_not_its_state():
    briefing = brief("The camps will be built near the border, Hami Aksoy, the Turkish foreign "
                     "ministry spokesman, said.")
    assert person(briefing, "Hami Aksoy").affiliation == "turkey-foreign-ministry"


def test_the_organisation_after_a_based_in_city_is_the_affiliation():
    briefing = brief("\"It was more than a PR move,\" said Heiko Wimmen, a project director at "
                     "the Brussels-based research organisation International Crisis Group.")
    assert person(briefing, "Heiko Wimmen").affiliation == "international-crisis-group"


def test_a_city_before_based_is_a_place_even_where_it_stands_for_a_body():
    briefing = brief("The Brussels-based research organisation published its report on Monday.")
    assert "European Union" not in names(briefing)


def test_a_surname_with_a_possessive_is_no_demonym():
    briefing = brief("Najib Danish, a spokesperson for the interior ministry, confirmed the blast. "
                     "Nasrat Rahimi, Danish's deputy spokesperson, said a boy was killed.")
    assert person(briefing, "Nasrat Rahimi").affiliation is None
    assert "Denmark" not in names(briefing)


def test_a_demonym_in_the_apposition_after_a_name_is_the_states_mention():
    briefing = brief("\"The society is in denial,\" said Monia Arfaoui, a Tunisian journalist "
                     "who studies radicalisation.")
    arfaoui = person(briefing, "Monia Arfaoui")
    assert (arfaoui.title, arfaoui.affiliation) == ("Journalist", "tunisia")
    (tunisia,) = [a for a in briefing.actors if a.id == "tunisia"]
    assert tunisia.mentions
