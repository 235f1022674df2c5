"""Who a name is: names the NER runs together or cuts, acronyms and other names of one body,
middle names and nicknames of one person, headlines, credits and things that are no actor.
On the real spaCy pipeline, one behaviour per test, the sentence that shows it in the test."""
from __future__ import annotations

import pytest

from test_actors import names, person
from test_extract import brief


def test_a_name_run_on_past_a_possessive_is_the_possessor_and_the_person():
    briefing = brief("\u201cThere are values,\u201d the Zionist Union Party\u2019s Nachman Shai told the AP.")
    assert person(briefing, "Nachman Shai").affiliation == "zionist-union-party"
    assert "Zionist Union Party" in names(briefing)


def test_a_person_possessing_an_organisation_is_not_in_its_name():
    briefing = brief("Nega's Coalition for Unity and Democracy won 137 of the 138 seats on the "
                     "City Council. Berhanu Nega was poised to become mayor.")
    assert "Coalition for Unity and Democracy" in names(briefing)
    assert len(person(briefing, "Berhanu Nega").mentions) == 2


def test_a_people_in_the_possessive_stays_inside_an_organisations_name():
    briefing = brief("He joined a resistance movement called the Ethiopian People's "
                     "Revolutionary Party in 1975.")
    assert "Ethiopian People's Revolutionary Party" in names(briefing)


def test_the_initials_of_an_organisation_named_in_the_text_are_that_organisation():
    briefing = brief("He joined a resistance movement called the Ethiopian People's Revolutionary "
                     "Party. As the crackdown intensified, the E.P.R.P. sent him north.")
    (party,) = [a for a in briefing.actors if a.name == "Ethiopian People's Revolutionary Party"]
    assert len(party.mentions) == 2 and "E.P.R.P" not in names(briefing)


def test_a_name_in_brackets_after_an_organisations_is_its_other_name():
    briefing = brief("The group had sided with Faylaq Sham (the Sham Legion), another armed "
                     "group. The Sham Legion said it would fight on.")
    (legion,) = [a for a in briefing.actors if a.name == "Faylaq Sham"]
    assert len(legion.mentions) == 3 and "Sham Legion" not in names(briefing)


def test_a_name_without_the_middle_names_is_the_same_person():
    briefing = brief("In her campaign, Hillary Rodham Clinton has stressed her ties to the "
                     "president. Analysts say Hillary Clinton is more hawkish.")
    assert [a.name for a in briefing.actors if a.type == "person"] == ["Hillary Rodham Clinton"]


def test_the_surname_of_someone_named_as_the_relative_of_another_family_is_theirs():
    briefing = brief("Media reported that the US special counsel was looking into possible ties "
                     "between the business of Jared Kessler, US President's Donald Trump "
                     "son-in-law, and Trump's foreign policy.\n\nIt is alleged that Kessler "
                     "failed to get funding for a real estate project.")
    assert len(person(briefing, "Jared Kessler").mentions) == 2
    assert "Kessler" not in names(briefing)


def test_a_nickname_given_with_known_as_is_the_persons():
    briefing = brief("That changed in June 2014, when Andargachew Tsege, known to everyone as "
                     "Andy, made a brief stopover in Sana.")
    assert len(person(briefing, "Andargachew Tsege").mentions) == 2 and "Andy" not in names(briefing)


def test_a_name_ending_in_a_peoples_name_is_a_people():
    briefing = brief("The genocide began in 1915, when Ottoman Turks killed about 1.5 million "
                     "Armenians.")
    assert "Ottoman Turks" not in names(briefing)


def test_a_headline_in_title_case_names_no_one():
    briefing = brief("What The Propaganda Videos Actually Contain Makes Hillary\u2019s Trump Claim "
                     "Even Worse.\n\nThe group released a video on Monday.")
    assert not {"Hillary", "Trump", "Hillary\u2019s Trump"} & names(briefing)


def test_a_credit_line_names_no_one():
    briefing = brief("Israel said on Monday it would not recognise the genocide.\n\nTranslated "
                     "by Karim Traboulsi.")
    assert "Karim Traboulsi" not in names(briefing)


def test_lower_case_words_the_ner_took_for_organisations_are_no_actors():
    briefing = brief("Traders sit in new shopping malls hawking such items as iPhones and fur "
                     "coats, and people stop to buy vodka and camel's milk.")
    assert not {"iPhones", "camel"} & names(briefing)


def test_a_name_after_a_or_the_is_one_actor():
    briefing = brief("China unveiled a Silk Road Economic Belt in 2013, with a $40 billion fund. "
                     "The Silk Road Economic Belt would revive ancient trading routes.")
    assert "a Silk Road Economic Belt" not in names(briefing)


def test_a_given_name_without_the_tribe_is_the_same_person():
    briefing = brief("\"He was a very honest person,\" said Abdul Wahid Mehsud, one of the founders "
                     "of the movement.\n\n\"We will not step backwards,\" Abdul Wahid said.")
    assert [a.name for a in briefing.actors if a.type == "person"] == ["Abdul Wahid Mehsud"]


def test_the_brother_of_someone_of_another_family_keeps_his_bare_surname():
    briefing = brief("Wahida Bin Mokhtar Rabhi left for Libya in 2015.\n\nMoncef Abidi, Rabhi's "
                     "brother, said his sister only began to see suspicious behaviour in late "
                     "2015.\n\n\"The moment she felt the danger she became a hostage,\" said Abidi.")
    assert "Abidi" not in names(briefing)
    assert person(briefing, "Moncef Abidi").mentions[-1][0] > 150


def test_a_heading_of_capitalised_words_and_a_full_stop_names_no_one():
    briefing = brief("The ministry said it would open 40 shelters for victims of abuse.\n\n"
                     "Gender Equality.\n\nHe said the new law would protect women in the workplace.")
    assert "Gender Equality" not in names(briefing)
    assert not [p for p in briefing.positions if p.content.startswith("the new law") and p.actor]


def test_a_state_abbreviated_with_its_compass_initial_is_that_state():
    briefing = brief("N. Korea fired two missiles into the sea on Monday, the Pentagon said.")
    assert "North Korea" in names(briefing) and "N. Korea" not in names(briefing)


def test_a_bodys_head_word_alone_is_the_body_named_in_full():
    briefing = brief("The UN Security Council met on Monday to discuss the siege. The Council said "
                     "the ceasefire must hold.")
    assert "Council" not in names(briefing)


def test_a_preposition_before_a_title_is_no_part_of_it():
    briefing = brief("Under President Joe Biden, the US has sent weapons to Ukraine, officials said.")
    assert person(briefing, "Joe Biden").title == "President"


def test_an_under_secretary_keeps_the_rank():
    briefing = brief("Under Secretary of State Victoria Nuland said the talks would resume.")
    assert person(briefing, "Victoria Nuland").title == "Under Secretary of State"


def test_a_given_name_in_brackets_before_a_surname_is_one_person():
    briefing = brief('Nadhif said the only Tunisian strategy today is "the same policy '
                     '[Zine al-Abidine] Ben Ali employed to treat those who returned from Iraq".')
    people = {a.name for a in briefing.actors if a.type == "person"}
    assert "Zine al-Abidine Ben Ali" in people and not {"Ben Ali", "Zine al-Abidine"} & people



@pytest.mark.parametrize("text, mentions", [
    # a short given name and a middle initial
    ("Vice President Joseph R. Biden said on Monday that the talks would go on. Later, Joe Biden "
     "told reporters that he was hopeful.", 2),
    # a bare surname after both forms is still that person, not one of two
    ("Joseph R. Biden met the prime minister on Monday, and Joe Biden spoke to reporters "
     "afterwards. Biden said the talks would go on.", 3)])
def test_a_short_given_name_names_the_same_person(text, mentions):
    briefing = brief(text)
    assert len(person(briefing, "Joseph R. Biden").mentions) == mentions and "Joe Biden" not in names(briefing)


def test_a_team_named_after_a_person_keeps_no_mention_of_the_person():
    briefing = brief("Hillary Clinton is staggering in. Sanders met voters. Team Clinton's contention "
                     "is an excuse. Clinton said the race was long.")
    assert len(person(briefing, "Hillary Clinton").mentions) == 2
    assert [a.type for a in briefing.actors if a.name == "Team Clinton"] == ["group"]


def test_al_as_a_given_name_is_one_person_with_the_bare_surname():
    briefing = brief("Sanders met the Rev. Al Sharpton in Harlem. Sanders later had breakfast with "
                     "Sharpton at a diner.")
    assert len(person(briefing, "Al Sharpton").mentions) == 2


def test_a_word_in_lower_case_is_nobody():
    briefing = brief("He could only say ooooh, whoooa when Clinton accused him.")
    assert "whoooa" not in names(briefing)
