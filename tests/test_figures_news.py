"""Figures as news reports tell them: who claims them, tolls of whole wars and of past years,
people displaced, held or killed in the constructions conflict reporting uses. One behaviour per
test, each with the sentence that needs it, parsed by the real spaCy pipeline (the positions
too, where a claimant depends on them)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator.extract.actors import extract_actors
from generator.extract.figures import extract_figures
from generator.extract.positions import scored_positions
from generator.extract.sources import with_unnamed_sources


@pytest.fixture(scope="module")
def figures(nlp, lexicons):
    """Figures of a text with the positions the speaker model finds in it, as extraction runs."""
    def run(text: str):
        doc = nlp(text)
        actors = with_unnamed_sources(doc, extract_actors(doc, lexicons.gazetteer, lexicons.actors),
                                      lexicons.speech)
        positions = [replace(p, confidence=probability)
                     for p, probability in scored_positions(doc, actors, lexicons.speech)]
        found = extract_figures(doc, actors, positions, lexicons.figures)
        for figure in found:
            assert text[figure.span[0]:figure.span[1]] == figure.text
        return found
    return run


def the(found, words: str):
    matching = [f for f in found if f.text == words]
    assert len(matching) == 1, [f.text for f in found]
    return matching[0]


# --- who claims a figure ----------------------------------------------------------------------

def test_claimed_by_the_agency_that_registered_it(figures):
    found = figures("The UN refugee agency (UNHCR) had registered over 5.5 million refugees from Syria.")
    assert the(found, "over 5.5 million refugees").claimed_by == "unhcr"


def test_the_media_a_claim_is_relayed_through_are_its_channel(figures):
    found = figures("A total of 509 foreign women are being held in Iraq, a security source told AFP "
                    "news agency.")
    assert the(found, "509 foreign women").via == "agence-france-presse"


def test_what_someone_wanted_is_not_a_figure_they_claim(figures):
    found = figures("Turkey had also reacted angrily to reports that the US wanted to arm as many as "
                    "30,000 Kurdish troops in Syria's Manbij.")
    assert the(found, "as many as 30,000 Kurdish troops").claimed_by is None


def test_a_toll_in_the_writers_aside_is_not_the_speakers(figures):
    found = figures("Recently, the International Criminal Court announced it had taken the first step to "
                    "investigate Duterte over his drug war, which has killed thousands of people.")
    assert the(found, "thousands of people").claimed_by is None


def test_a_pledge_is_the_pledgers_not_the_speaker_named_before_it(figures):
    found = figures("Norway said it would provide $40m, Canada pledged $25m and Japan vowed to give "
                    "Yemen $60m in grants.")
    assert [the(found, s).claimed_by for s in ("$40m", "$25m", "$60m")] == ["norway", "canada", "japan"]


@pytest.mark.parametrize("text, words, by", [
    ("The president of Ghana, John Mahama, pledged $3bn in loans.", "$3bn", "john-mahama"),
    # the conference's host is no donor
    ("Charities at the Norway-hosted conference on Yemen have pledged more than $20 million.",
     "more than $20 million", None),
    ("Sudan seeks $2 billion in foreign aid to rebuild its ports.", "$2 billion", "sudan"),
    ("The Sudanese government says it needs $6bn to rebuild its roads.", "$6bn", "sudan-government"),
])
def test_a_sum_pledged_or_asked_for_is_claimed_by_who_pledges_or_asks(figures, text, words, by):
    assert the(figures(text), words).claimed_by == by


def test_a_sum_before_he_noted_is_the_speakers(figures):
    found = figures("Chad's Minister of Finance Idriss Mahamat had said his country needed an estimated "
                    '$12.5bn to achieve its goals - $4bn of which are needed "immediately", he noted.')
    assert the(found, "$4bn").claimed_by == the(found, "an estimated $12.5bn").claimed_by is not None


def test_the_toll_of_attacks_someone_claims_is_not_their_claim(figures):
    found = figures("In January, Taliban claimed responsibility for two separate attacks that killed "
                    "nearly 130 people.")
    assert the(found, "two separate attacks").claimed_by == "taliban"
    assert the(found, "nearly 130 people").claimed_by is None


# --- totals of a war --------------------------------------------------------------------------

def test_a_war_that_has_killed_is_a_total(figures):
    found = figures("Duterte is under investigation over his drug war, which has killed thousands of people.")
    assert (the(found, "thousands of people").total_of, the(found, "thousands of people").event) == ("killed", None)


def test_a_relative_clause_the_parser_hangs_on_the_enemy_still_tells_the_war(figures):
    found = figures("The PKK has waged a decades-long armed fight against the Turkish state that has "
                    "killed tens of thousands of people.")
    assert the(found, "tens of thousands of people").total_of == "killed"


def test_lives_a_rebellion_claimed_are_people_killed(figures):
    found = figures("The party launched a rebellion in 1968 that has so far claimed the lives of more "
                    "than 30,000 people.")
    figure = the(found, "more than 30,000 people")
    assert (figure.total_of, figure.value, figure.qualifier) == ("killed", 30000, "more_than")


def test_lives_saved_are_nobody_killed(figures):
    assert not [f for f in figures("Rescuers saved the lives of 30 people.") if f.event or f.total_of]


# --- what happened to the people counted ------------------------------------------------------

def test_people_a_verb_caused_to_flee_are_displaced(figures):
    found = figures("The offensive caused tens of thousands of civilians to flee.")
    assert the(found, "tens of thousands of civilians").event == "displaced"


def test_people_an_offensive_will_cause_to_flee_are_not_counted(figures):
    assert figures("The offensive will cause thousands of civilians to flee.") == []


def test_a_number_the_recogniser_calls_a_quantity_still_counts_people(figures):
    found = figures("Meanwhile, more than 465,000 Syrians have been killed in the fighting, over a million "
                    "injured, and over 12 million - half the country's prewar population - have been "
                    "displaced from their homes.")
    assert (the(found, "over 12 million").event, the(found, "over 12 million").value) == ("displaced", 12e6)


def test_people_being_held_are_detained(figures):
    found = figures("Rabhi now sits in limbo, along with 36 other Tunisian women and children being held "
                    "in the Maitiga prison.")
    assert the(found, "36 other Tunisian women and children").event == "detained"


def test_people_held_with_those_held_are_detained(figures):
    found = figures("A total of 509 foreign women are being held in Iraq, with 813 children, a security "
                    "source told AFP news agency.")
    assert the(found, "813 children").event == "detained"


def test_people_a_meeting_was_held_with_are_not_detained(figures):
    assert not [f for f in figures("The meeting was held with 30 elders.") if f.event == "detained"]


def test_people_counted_together_by_one_number_share_the_unit(figures):
    found = figures("At least a dozen other women and children are being held in a separate facility.")
    assert the(found, "At least a dozen other women and children").unit == "women and children"


def test_an_imprisonment_detains(figures):
    found = figures("In response, authorities ordered the imprisonment of thousands of activists.")
    assert the(found, "thousands of activists").event == "detained"


@pytest.mark.parametrize("text", [
    "Human rights groups demanded the arrest of 12 police officers.",
    "The opposition called for the arrest of 12 police officers.",
])
def test_people_whose_arrest_is_only_demanded_are_not_detained(figures, text):
    assert not [f for f in figures(text) if f.event == "detained"]


@pytest.mark.parametrize("text", [
    "The protesters demanded the arrest of Rao Anwar.",
    "Their demands include the arrest and trial of Rao Anwar.",
])
def test_someone_whose_arrest_is_only_demanded_is_not_detained(figures, text):
    assert not [f for f in figures(text) if f.event == "detained"]


def test_injured_right_after_a_number_of_a_breakdown_is_wounded(figures):
    found = figures("UNAMA reported 5,243 civilian casualties including 1,662 deaths and 3,581 injured.")
    assert the(found, "3,581").event == "wounded"


def test_the_others_of_a_toll_are_more_of_its_people_under_its_bound(figures):
    found = figures("At least one person has been killed and 22 others wounded in a suicide bombing "
                    "in Kabul, officials said.")
    others = the(found, "22 others")
    assert (others.value, others.qualifier, others.unit, others.event) == \
        (22, "at_least", "people", "wounded")


def test_people_an_operation_left_killed_in_a_coordination(figures):
    found = figures("The ongoing operation has left at least 30 Turkish soldiers and over a thousand of "
                    "YPG fighters killed, according to reports.")
    assert [(f.value, f.event) for f in found] == [(30, "killed"), (1000, "killed")]


def test_letters_sent_to_leaders_count_no_forces(figures):
    assert figures("Al-Sabah also reportedly sent letters to two other Gulf leaders.") == []


# --- figures of one event told twice, and of different events ---------------------------------

def test_a_toll_of_a_past_year_is_no_retelling_of_the_news(figures):
    found = figures("Security forces killed 20 protesters on Friday. In 1982, a crackdown in Hama "
                    "killed tens of thousands of people.")
    assert [f.text for f in found if f.event == "killed"] == ["20 protesters", "tens of thousands of people"]


def test_a_scale_after_one_person_is_a_count_of_its_own(figures):
    found = figures("One of the boys was killed after being tortured. The government responded to the "
                    "protests by killing hundreds of demonstrators.")
    assert "hundreds of demonstrators" in [f.text for f in found if f.event == "killed"]


def test_on_a_tie_the_details_a_source_gives_are_kept(figures):
    found = figures("Over 12 million people have been displaced. The UN refugee agency (UNHCR) had "
                    "registered over 5.5 million refugees and estimated that there are over 6.5 million "
                    "internally displaced persons.")
    assert [f.value for f in found if f.event == "displaced"] == [5.5e6, 6.5e6]


# --- sums and shares ---------------------------------------------------------------------------

def test_a_share_a_verb_exceeds_is_more_than_it(figures):
    found = figures("Inflation in the country exceeds 7% this year.")
    assert the(found, "7%").qualifier == "more_than"


def test_a_sum_says_the_noun_it_qualifies(figures):
    found = figures("Centerview reaped a $60 million fee for helping orchestrate the merger.")
    assert the(found, "$60 million").unit == "dollars (fee)"


def test_a_sum_says_whose_amount_it_is(figures):
    found = figures("Party leaders armed his campaign with a war chest of $100 million.")
    assert the(found, "$100 million").unit == "dollars (war chest)"


def test_a_sum_a_copula_gives_is_the_level_of_its_subject(figures):
    assert the(figures("The current federal minimum wage is $7.25."), "$7.25").unit == \
        "dollars (current federal minimum wage)"


def test_a_sum_says_the_verb_that_moves_it_and_where_it_goes(figures):
    found = figures("The Club for Growth is spending $1.5 million on television advertisements.")
    assert the(found, "$1.5 million").unit == "dollars spent on television advertisements"


def test_a_sum_in_trillions_keeps_its_scale(figures):
    found = figures("The plan would cost $1 trillion over ten years.")
    assert (the(found, "$1 trillion").value, the(found, "$1 trillion").unit) == (1e12, "dollars cost")


def test_a_sum_ending_a_sentence_keeps_its_scale(figures):
    found = figures("The donors pledged $25m. The money will be spent on schools.")
    assert (the(found, "$25m").value, the(found, "$25m").unit) == (25_000_000, "dollars pledged")


def test_hundreds_of_millions_are_not_millions(figures):
    found = figures("Saudi cash to the tune of several hundreds of millions of dollars will help "
                    "keep the economy afloat.")
    sum_ = the(found, "several hundreds of millions of dollars")
    assert (sum_.value, sum_.qualifier, sum_.unit) == (300_000_000, "at_least", "dollars")


def test_a_number_and_a_half_is_one_number(figures):
    found = figures("Six and a half years into the bloodshed in Syria, General Issam Zahreddine, "
                    "infamous for breaking the siege of Deir Az Zor, was killed by a landmine.")
    assert not [f for f in found if f.event == "killed" and f.value != 1]
    found = figures("The fighting has displaced two and a half million people, the UN said.")
    assert the(found, "two and a half million people").value == 2_500_000


# --- one person's death, capture or holding, told outside a conflict ---------------------------

@pytest.mark.parametrize("text", ["Justice Antonin Scalia, who voted in the majority, died four days later.",
                                  "They remained married until her death in 2011.",
                                  "Biden decided not to run following the death of his son Beau."])
def test_a_death_told_without_violence_is_no_toll(figures, text):
    assert figures(text) == []


def test_one_death_is_a_toll_beside_violence_only(figures):
    assert figures("Umar died four days later.") == []
    assert [(f.value, f.event) for f in figures("Umar died in the airstrike.")] == [(1, "killed")]


def test_the_possessor_beside_an_of_object_is_the_doer_not_the_one_captured(figures):
    found = figures("The vote formally marked Mr. Trump's capture of the Republican nomination.")
    assert not [f for f in found if f.event == "detained"]


@pytest.mark.parametrize("text", ["\u201cI believe Remington acted irresponsibly and should be held accountable.\u201d",
                                  "Donald Trump is now being held up as the face of racism."])
def test_held_as_something_is_no_detention(figures, text):
    assert not [f for f in figures(text) if f.event == "detained"]


def test_held_as_a_captive_is_detention_held_as_anything_else_is_not(figures):
    assert [(f.value, f.event) for f in figures("The kidnappers held him hostage for 444 days.")] == \
        [(1, "detained")]
    assert not [f for f in figures("The party held him up as a model.") if f.event == "detained"]


@pytest.mark.parametrize("text", ["One need look no further than another president to find someone more qualified.",
                                  "He has hired a pollster, having rejected the need for one in the primaries."])
def test_a_bare_one_or_a_verb_of_needing_is_no_count_of_people_in_need(figures, text):
    assert figures(text) == []


def test_people_in_need_say_what_they_suffer(figures):
    found = figures("Thousands of people remain homeless due to flooding that damaged 40,000 homes.")
    assert the(found, "Thousands of people").unit == "people (homeless)"
