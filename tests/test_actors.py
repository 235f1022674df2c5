"""Actors and places on the real spaCy pipeline, one behaviour per test, on sentences written
for the test: places are not actors, junk is not an actor, titles and affiliations only where
the text gives them to this person."""
from __future__ import annotations

import pytest

from test_extract import brief


def names(briefing) -> set[str]:
    return {a.name for a in briefing.actors}


def places(briefing) -> set[str]:
    return {p.name for p in briefing.places}


def person(briefing, name: str):
    (found,) = [a for a in briefing.actors if a.type == "person" and a.name == name]
    return found


# --- places are not actors ------------------------------------------------------------------

def test_a_name_the_text_calls_a_town_is_a_place():
    briefing = brief("The raid on Qarwa, a small and remote village, killed nine people, "
                     "officials said on Monday.")
    assert "Qarwa" in places(briefing) and "Qarwa" not in names(briefing)


def test_a_name_followed_by_district_is_a_place():
    briefing = brief("The drone struck a car in Marib's Harib district, residents said.")
    assert "Harib" in places(briefing) and "Harib" not in names(briefing)


def test_an_area_known_as_a_name_is_a_place():
    briefing = brief("The blast hit an area known as Bir Hamza in the port city, police said.")
    assert "Bir Hamza" in places(briefing) and "Bir Hamza" not in names(briefing)


def test_a_name_listed_with_places_is_a_place():
    briefing = brief("The camps will be built in the areas of Azaz, Jarablus and Qabasin, "
                     "the ministry said.")
    assert {"Azaz", "Qabasin"} <= places(briefing)
    assert not {"Azaz", "Jarablus", "Qabasin"} & names(briefing)


def test_a_name_in_a_list_of_towns_is_a_place():
    briefing = brief("Government troops now hold Aleppo, Latakia, Homs, Saraqib and Abu Kamal.")
    assert "Abu Kamal" in places(briefing) and "Abu Kamal" not in names(briefing)


def test_a_town_whose_name_holds_a_persons_name_is_a_place():
    briefing = brief("A suicide bomber struck a police station in Dera Ismail Khan on Monday.")
    assert "Dera Ismail Khan" in places(briefing)
    assert not {"Ismail Khan", "Dera Ismail Khan"} & names(briefing)


def test_a_first_name_alone_after_the_full_name_is_the_same_person():
    briefing = brief("Opposition leader Juan Guaido said the vote was rigged. Juan added that "
                     "protests would continue.")
    assert names(briefing) == {"Juan Guaido"}
    assert len(person(briefing, "Juan Guaido").mentions) == 2


def test_a_name_that_ends_a_longer_name_is_the_same_person():
    briefing = brief("Spokesman Ahmad Ben Salem said the women were held in the city. Ben Salem "
                     "said they would be released.")
    assert names(briefing) == {"Ahmad Ben Salem"}


def test_people_listed_together_stay_people():
    briefing = brief("Ahmed Khan, Ali Hassan and John Smith said the talks failed.")
    assert {"Ahmed Khan", "Ali Hassan", "John Smith"} <= names(briefing)


def test_a_name_opening_with_an_arabic_word_for_army_or_brigade_is_an_armed_group():
    briefing = brief("Jaish al-Fatah and Liwa al-Haqq said they would fight on.")
    assert {(a.name, a.type) for a in briefing.actors} == {("Jaish al-Fatah", "armed_group"),
                                                           ("Liwa al-Haqq", "armed_group")}


def test_a_geonames_city_the_ner_takes_for_a_person_is_a_place_without_its_accents():
    # GeoNames spells it "‘Afrīn"; the small model tags "Afrin" here as PERSON.
    briefing = brief("Kurdish fighters vowed to protect Afrin, because they want a united country.")
    assert "Afrin" in places(briefing) and "Afrin" not in names(briefing)


def test_an_untagged_proper_noun_after_the_town_of_is_a_place():
    briefing = brief("Speaking in the town of Ateq on Sunday, the tribal leader blamed the army.")
    assert "Ateq" in places(briefing)


def test_a_capital_used_as_a_location_is_a_place_not_the_state():
    briefing = brief("The rebels still hold the capital Sanaa. Yemen's government is based elsewhere.")
    assert "Sanaa" in places(briefing)
    yemen = next(a for a in briefing.actors if a.id == "yemen")
    assert "Sanaa" not in yemen.aliases


def test_a_capital_that_acts_still_stands_for_its_state():
    briefing = brief("Riyadh and Abu Dhabi shared one goal, the statement said.")
    saudi = next(a for a in briefing.actors if a.id == "saudi-arabia")
    assert "Riyadh" in saudi.aliases


def test_a_province_named_only_as_a_location_is_a_place():
    briefing = brief("Turkish forces set up six observation posts in Idlib to monitor the fighting.")
    assert "Idlib" in places(briefing) and "Idlib" not in names(briefing)


def test_a_state_named_only_as_a_venue_is_a_place():
    briefing = brief("The minister spoke on Tuesday at a meeting in Kuwait about the war.")
    assert "Kuwait" in places(briefing) and "Kuwait" not in names(briefing)


def test_a_state_after_its_city_in_a_venue_is_a_place():
    # The parser makes "Germany" the subject of "to discuss"; it only says where Berlin is.
    briefing = brief("Government ministers are meeting oil executives in Berlin, Germany to "
                     "discuss how to exploit the reserves.")
    assert "Germany" in places(briefing) and "Germany" not in names(briefing)


def test_a_compass_word_in_a_state_name_makes_another_place():
    briefing = brief("The separatists want greater autonomy for South Yemen, the council said.")
    assert "South Yemen" in places(briefing)
    assert all(a.id != "yemen" for a in briefing.actors)


def test_an_institute_named_after_a_city_is_not_its_state():
    briefing = brief("Samir Haddad, an analyst at the Doha Institute for Graduate Studies, said "
                     "the talks would fail.")
    assert "Qatar" not in names(briefing)
    assert "Doha Institute for Graduate Studies" in names(briefing)


# --- junk -----------------------------------------------------------------------------------

def test_a_name_glued_to_the_next_word_is_split():
    briefing = brief("Foreign Minister Anna Lindqvistcalled for calm. Lindqvist said talks must resume.")
    assert [a.name for a in briefing.actors if a.type == "person"] == ["Anna Lindqvist"]
    assert "Lindqvist" in person(briefing, "Anna Lindqvist").aliases


def test_state_of_secretary_of_state_is_not_an_actor():
    briefing = brief("US Secretary of State John Kerry said the ceasefire would hold.")
    assert "State" not in names(briefing)


def test_an_organisations_affiliation_the_article_does_not_name_is_dropped():
    # The gazetteer knows the YPG leads the SDF; this text never mentions the SDF.
    briefing = brief("The YPG said it would defend the town.")
    ypg = next(a for a in briefing.actors if a.id == "ypg")
    assert ypg.affiliation is None and all(a.mentions for a in briefing.actors)


def test_a_known_organisation_keeps_the_state_body_words_inside_its_name():
    briefing = brief("The Free Syrian Army said it had retaken the village.")
    assert "free-syrian-army" in {a.id for a in briefing.actors}
    assert all(a.id != "syria-forces" for a in briefing.actors)


@pytest.mark.parametrize("text, word", [
    ("The minister said a form of Islam should fit the country's laws.", "Islam"),
    ("The law bans the wearing of the Hijab in public offices, the court said.", "Hijab"),
    ("The report warns of rising Islamophobia and antisemitism, the group said.", "Islamophobia"),
])
def test_a_creed_or_a_garment_is_not_an_actor(text, word):
    assert word not in names(brief(text))


@pytest.mark.parametrize("text, state", [
    ("Traditionally Catholic Belgium is home to large Muslim communities, the report said.", "Belgium"),
    ("Describing Turkey as an ally, the minister said the talks would go on.", "Turkey"),
])
def test_a_state_the_ner_runs_into_the_word_before_it_is_the_state(text, state):
    briefing = brief(text)
    assert state in names(briefing)
    assert not any(name.endswith(" " + state) for name in names(briefing))


def test_an_operations_name_is_not_an_actor():
    briefing = brief("Turkey launched Operation Cedar Branch on January 20 to clear the fighters "
                     "from the region.")
    assert not any("Operation" in name for name in names(briefing))


# --- people ---------------------------------------------------------------------------------

def test_a_name_the_ner_cuts_short_takes_the_proper_nouns_after_it():
    briefing = brief("Fighting broke out between separatists and the government of President "
                     "Abd-Rabbu Mansour Hadi last month. Hadi's government fled the city.")
    hadi = person(briefing, "Abd-Rabbu Mansour Hadi")
    assert hadi.title == "President" and "Hadi" in hadi.aliases


def test_a_person_after_a_capitalised_title_inside_an_organisation_name_is_a_person():
    briefing = brief("The plan is serious, State Department Spokesperson Laura Brennan said on "
                     "Tuesday. Brennan told reporters the visit would go ahead.")
    brennan = person(briefing, "Laura Brennan")
    assert brennan.title == "Spokesperson" and "Brennan" in brennan.aliases
    assert brennan.affiliation == "united-states-foreign-ministry"


def test_a_given_name_the_ner_leaves_out_joins_the_name_but_a_title_does_not():
    briefing = brief("\"Everyone must keep to their role,\" Mehmet Kaplan, president of the "
                     "council, told reporters. Foreign Minister Ahmet Yildiz said the talks were over.")
    people = {a.name for a in briefing.actors if a.type == "person"}
    assert "Mehmet Kaplan" in people and not any(name.startswith(("Foreign", "Minister")) for name in people)


def test_a_media_possessor_makes_a_name_a_person_of_that_outlet():
    briefing = brief("Al Jazeera's Hassan Marouf, reporting from Beirut, said the mood was tense.")
    marouf = person(briefing, "Hassan Marouf")
    assert marouf.affiliation == "al-jazeera" and marouf.title is None


# --- titles and affiliations ----------------------------------------------------------------

def test_secretary_of_state_is_its_own_title_with_the_state_before_it():
    briefing = brief("US Secretary of State John Kerry said the ceasefire would hold.")
    kerry = person(briefing, "John Kerry")
    assert kerry.title == "Secretary of State" and kerry.affiliation == "united-states"


def test_a_deputy_is_not_shown_as_the_minister():
    briefing = brief("Deputy Prime Minister Ivan Petrov said the army would withdraw.")
    assert person(briefing, "Ivan Petrov").title == "Deputy Prime Minister"


def test_an_office_before_a_rank_is_the_title():
    briefing = brief("Pentagon spokesman Colonel Mark Reilly said the operation harmed the campaign.")
    reilly = person(briefing, "Mark Reilly")
    assert reilly.title == "Spokesman" and reilly.affiliation == "united-states-defense-ministry"


def test_an_apposition_gives_the_title_and_the_organisation_after_it():
    briefing = brief("Karim Nasser, a spokesman for the YPG, said the fighters would stay.")
    nasser = person(briefing, "Karim Nasser")
    assert nasser.title == "Spokesman" and nasser.affiliation == "ypg"


def test_an_analyst_at_an_institute_is_affiliated_with_it():
    briefing = brief("Samir Haddad, an analyst at the Doha Institute for Graduate Studies, said "
                     "the talks would fail.")
    haddad = person(briefing, "Samir Haddad")
    assert haddad.title == "Analyst"
    assert haddad.affiliation == "doha-institute-for-graduate-studies"


def test_a_counterpart_gives_the_side_but_no_title():
    briefing = brief("He met his Turkish counterpart, Ahmet Yildiz, in Ankara on Friday.")
    yildiz = person(briefing, "Ahmet Yildiz")
    assert yildiz.title is None and yildiz.affiliation == "turkey"


def test_no_title_is_guessed_for_a_person_the_text_gives_none():
    briefing = brief("Omar Saleh said the talks had failed.")
    assert person(briefing, "Omar Saleh").title is None


def test_a_title_in_a_neighbouring_phrase_is_not_copied():
    briefing = brief("Laila Mansour, an adviser to President Omar Saleh, said the talks had failed.")
    assert person(briefing, "Laila Mansour").title == "Adviser"


# --- bodies, coalitions, media --------------------------------------------------------------

def test_the_defence_department_and_the_pentagon_are_one_actor():
    briefing = brief("The Pentagon asked for more money. The US defence department said the "
                     "request was routine.")
    (pentagon,) = [a for a in briefing.actors if a.id == "united-states-defense-ministry"]
    assert pentagon.type == "military" and pentagon.affiliation == "united-states"
    assert "US defence department" in pentagon.aliases


def test_a_led_coalition_is_one_military_actor():
    briefing = brief("The Saudi-led coalition said it would continue its air campaign.")
    coalition = next(a for a in briefing.actors if a.id == "saudi-led-coalition")
    assert coalition.type == "military"


def test_a_state_news_agency_is_media_affiliated_with_its_state():
    briefing = brief("Syria's army entered the town, the Syrian Arab News Agency reported.")
    sana = next(a for a in briefing.actors if a.id == "sana")
    assert sana.type == "media" and sana.affiliation == "syria"


def test_a_news_agency_is_media_and_an_emergency_agency_is_not():
    briefing = brief("The Flood Relief and Emergency Agency said the Maroon News Agency had "
                     "misreported the toll.")
    types = {a.name: a.type for a in briefing.actors}
    assert types.get("Maroon News Agency") == "media"
    assert types.get("Flood Relief and Emergency Agency") == "government"


def test_a_council_of_a_faith_is_no_government_and_its_acronym_is_its_own():
    briefing = brief("Omar Haddad, head of the Danish Council of the Muslim Faith (DCMF), said the "
                     "plan was unfair. The DCMF said it would go to court.")
    (council,) = [a for a in briefing.actors if "Council" in a.name]
    assert council.name == "Danish Council of the Muslim Faith" and council.type == "ngo"


def test_a_party_possessed_by_a_state_is_no_person():
    briefing = brief("Along with the UK's British Unity Party, the group backs the government.")
    (party,) = [a for a in briefing.actors if a.name == "British Unity Party"]
    assert party.type == "group"


# --- names and titles, continued --------------------------------------------------------------

def test_a_name_cut_at_a_particle_goes_on_over_it():
    briefing = brief("The envoy Prince Zeid bin Raad al-Hussein met the council in Geneva.")
    assert [a.name for a in briefing.actors if a.type == "person"] == ["Zeid bin Raad al-Hussein"]


def test_demonym_and_titles_come_off_the_front_of_a_name_and_an_office_beats_an_honorific():
    briefing = brief("Qatari Emir Sheikh Tamim bin Hamad Al Thani met the delegation on Monday.")
    tamim = person(briefing, "Tamim bin Hamad Al Thani")
    assert tamim.title == "Emir" and tamim.affiliation == "qatar"


def test_a_state_known_from_a_demonym_has_that_demonym_as_its_mention():
    text = "The talks went on. Qatari Emir Sheikh Tamim bin Hamad Al Thani met the delegation."
    qatar = next(a for a in brief(text).actors if a.id == "qatar")
    assert [text[s:e] for s, e in qatar.mentions] == ["Qatari"]


def test_qualifiers_before_an_office_stay_in_the_title():
    briefing = brief("He met Daniel Ortner, US deputy assistant secretary of state for Gulf affairs.")
    assert person(briefing, "Daniel Ortner").title == "Deputy Assistant Secretary of State"


def test_a_title_written_for_someone_else_in_an_apposition_is_not_taken():
    briefing = brief("The inquiry looked at Jared Kell, US President's Donald Trump son-in-law, on Monday.")
    assert person(briefing, "Jared Kell").title is None


def test_a_lower_case_rank_word_is_no_rank():
    briefing = brief("Elliot Broidy, a major Trump fundraiser, tried to convince the president.")
    assert person(briefing, "Elliot Broidy").title is None


def test_a_capitalised_word_that_merely_starts_with_a_name_is_not_split():
    briefing = brief("Qatar said Qatar Airways would keep flying. Air Italy said the same.")
    assert "Qatar Airways" in {a.name for a in briefing.actors}


def test_a_social_network_is_media_not_a_person():
    briefing = brief("The ambassador Meshal Hamad said on Twitter that talks had stalled.")
    twitter = next(a for a in briefing.actors if a.name == "Twitter")
    assert twitter.type == "media"


def test_a_description_as_subject_titles_the_person_named_next():
    briefing = brief("The Turkish foreign minister has said the army will not stop. Speaking in "
                     "Ankara, Kemal Aydin said on Monday that Turkey welcomed the talks.")
    aydin = person(briefing, "Kemal Aydin")
    assert aydin.title == "Foreign Minister" and aydin.affiliation == "turkey"


def test_a_description_skips_a_person_the_text_puts_on_another_side():
    briefing = brief("The US secretary of state has said relations are at a low point, as his "
                     "Turkish counterpart, Kemal Aydin, demanded action. At a press conference on "
                     "Friday, John Carver said the alliance is too valuable.")
    carver = person(briefing, "John Carver")
    assert carver.title == "Secretary of State" and carver.affiliation == "united-states"
    assert person(briefing, "Kemal Aydin").title is None


def test_a_capital_after_the_capital_and_a_comma_is_a_place():
    briefing = brief("Speaking at a press conference in the Jordanian capital, Amman, Kemal Aydin "
                     "said on Monday that Turkey welcomed the talks.")
    assert "Amman" in places(briefing)
    assert all("Amman" not in a.aliases for a in briefing.actors)


def test_an_untagged_name_before_region_is_a_place():
    briefing = brief("Turkey launched a military offensive into the Afrin region of northern Syria "
                     "in January, in an attempt to oust the fighters.")
    assert "Afrin" in places(briefing)


def test_a_surname_two_people_share_in_one_paragraph_is_neither_persons_mention():
    briefing = brief("Bashar al-Assad succeeded his father Hafez al-Assad in 2000. Assad has "
                     "ruled since then.")
    assert [len(person(briefing, name).mentions) for name in ("Bashar al-Assad", "Hafez al-Assad")] \
        == [1, 1]
    assert "Assad" not in names(briefing)


def test_a_surname_two_people_share_is_the_one_named_in_full_last():
    briefing = brief("Hafez al-Assad ruled Syria for thirty years.\n\nHis son Bashar al-Assad took "
                     "over in 2000. Assad has ruled since then.")
    assert [len(person(briefing, name).mentions) for name in ("Bashar al-Assad", "Hafez al-Assad")] \
        == [2, 1]


def test_a_relative_named_in_passing_lends_the_family_name_only_in_that_paragraph():
    briefing = brief("President Bashar al-Assad spoke in Damascus on Sunday.\n\nIn 1982, Bashar's "
                     "father, Hafez al-Assad, crushed an uprising in Hama.\n\nAssad said the army "
                     "would retake the north.")
    assert [len(person(briefing, name).mentions) for name in ("Bashar al-Assad", "Hafez al-Assad")] \
        == [3, 1]     # "Bashar's", then "Assad said"
    assert [p.actor for p in briefing.positions] == ["bashar-al-assad"]


def test_a_surname_used_before_a_relative_is_named_is_not_the_relatives():
    briefing = brief("Supporters of Assad rallied in Rome on Saturday.\n\nThe adviser fell out of "
                     "favour with Hafez al-Assad, the current president's father.\n\nAssad said the "
                     "war was over.")
    assert len(person(briefing, "Hafez al-Assad").mentions) == 1
    assert "hafez-al-assad" not in {p.actor for p in briefing.positions}


def test_a_surname_without_its_article_joins_the_full_name():
    briefing = brief("The war was begun by Bashar al-Assad. Assad said the war was over.")
    assert [a.name for a in briefing.actors if a.type == "person"] == ["Bashar al-Assad"]


def test_an_honorific_is_never_shown_as_a_title_and_a_counterpart_keeps_its_side():
    briefing = brief("The Qatari emir received a letter from his Kuwaiti counterpart, Sheikh Nasser "
                     "al-Ahmad al-Sabah. Al-Sabah also sent letters to other leaders.")
    sabah = person(briefing, "Nasser al-Ahmad al-Sabah")
    assert sabah.title is None and sabah.affiliation == "kuwait"


def test_an_organisation_tagged_name_with_a_particle_and_a_title_is_a_person():
    briefing = brief("UN envoy Staffan de Mistura said talks would resume in Geneva.")
    mistura = person(briefing, "Staffan de Mistura")
    assert mistura.title == "Envoy" and mistura.affiliation == "united-nations"


def test_an_organisation_possessed_by_another_stays_an_organisation():
    briefing = brief("The airline wrote to the UN's International Civil Aviation Organisation on Tuesday.")
    assert all(a.type != "person" for a in briefing.actors)


# --- headings and run-on names ---------------------------------------------------------------

def test_a_name_only_in_a_section_heading_is_no_actor():
    briefing = brief("Talks in Geneva resumed on Monday, diplomats said.\n\n"
                     "Harbour Lights\n\n"
                     "The delegations met for three hours and agreed to meet again.")
    assert "Harbour Lights" not in names(briefing)


def test_a_quoted_caption_line_is_a_heading_too():
    briefing = brief("The ministry said the convoy was delayed.\n\n"
                     "'Shame on Brightwater'\n\n"
                     "Officials said the roads had been closed since Friday.")
    assert "Brightwater" not in names(briefing)


def test_an_actor_named_in_a_heading_and_the_body_is_kept_without_the_heading_mention():
    text = ("Kenya rejects the plan\n\n"
            "Kenya said on Tuesday that it would not sign the agreement.")
    briefing = brief(text)
    (kenya,) = [a for a in briefing.actors if a.name == "Kenya"]
    assert [text[s:e] for s, e in kenya.mentions] == ["Kenya"]
    assert kenya.mentions[0][0] > text.index("\n")


def test_a_persons_name_run_on_into_their_employer_ends_before_of():
    briefing = brief("The order encourages abuses, Miguel A Santos of Rights Watch International, "
                     "said in a statement on Thursday.")
    assert "Miguel A Santos" in names(briefing)
    assert not any(" of " in name for name in names(briefing))


def test_an_organisation_named_of_a_state_keeps_the_state_in_its_name_and_its_acronym():
    briefing = brief("Maria Lopez, a leader of the Socialist Party of the Philippines (SPP), said "
                     "the talks must resume. The SPP has fought the army since 1970.")
    assert "Socialist Party of the Philippines" in names(briefing)
    assert not names(briefing) & {"SPP", "Socialist Party"}


def test_a_call_to_follow_a_programme_on_social_networks_names_no_actor():
    briefing = brief("The guests disagreed on whether the uprising had failed. Follow Frontline "
                     "Talk on Twitter and Facebook.")
    assert not names(briefing) & {"Twitter", "Facebook", "Frontline Talk"}


def test_a_video_credit_names_no_actor():
    briefing = brief("Donors pledged $300m on Monday, far short of what the government says it "
                     "needs. Al Jazeera's Leila Haddad reports from Kuwait.")
    assert not names(briefing) & {"Al Jazeera", "Leila Haddad"}


def test_a_correspondent_quoted_in_the_story_is_an_actor():
    briefing = brief("Al Jazeera's Leila Haddad, reporting from Kuwait, said the pledges fell "
                     "far short of what the government needs.")
    assert "Leila Haddad" in names(briefing)


def test_a_lone_name_qualifying_a_common_noun_is_no_person():
    briefing = brief("The army has long been dominated by members of the Zarqi sect, the "
                     "report said.")
    assert not any(a.type == "person" for a in briefing.actors)


def test_a_lone_name_listed_with_a_state_is_no_person():
    briefing = brief("The ministers reviewed the relations between Qatar and Adygea on Monday.")
    assert "Adygea" not in names(briefing)


def test_a_name_before_a_document_noun_names_the_document_not_an_actor():
    briefing = brief("President Ali Hasan delivered his State of the Union address on Tuesday. "
                     "In the speech, he said the war was over.")
    assert [a.id for a in briefing.actors] == ["ali-hasan"]
    assert {p.actor for p in briefing.positions if "war was over" in p.content} == {"ali-hasan"}


def test_a_people_the_ner_takes_for_a_person_is_no_actor():
    briefing = brief("Beijing has long accused Uighur Muslims of separatism, officials said.")
    assert "Uighur Muslims" not in names(briefing)


def test_a_political_party_is_a_group():
    briefing = brief("The Communist Party of China said the vote was fair.")
    assert {(a.name, a.type) for a in briefing.actors} == {("Communist Party of China", "group")}


@pytest.mark.parametrize("text, place", [
    ("Rebels said Bab Salama had fallen after two days of fighting.", "Bab Salama"),
    ("Fighters crossed Jisr Zaydan at dawn, residents said.", "Jisr Zaydan"),
])
def test_a_name_opening_with_a_word_of_a_places_kind_is_a_place(text, place):
    briefing = brief(text)
    assert place in places(briefing) and place not in names(briefing)


def test_a_name_in_a_guest_list_ends_at_a_spaced_dash():
    briefing = brief("Presenter: Anna Berg Guests: Omar Farouk Hassan - diplomatic adviser to "
                     "the council Lena Hoff - senior fellow at the institute")
    assert "Omar Farouk Hassan" in names(briefing)
    assert not any("-" in name for name in names(briefing))


def test_a_magazine_is_media():
    briefing = brief("The Balkan Review of Books said the minister had resigned.")
    assert [a.type for a in briefing.actors if a.name == "Balkan Review of Books"] == ["media"]


@pytest.mark.parametrize("text, place", [
    ("Thousands of fighters have gone to join the fighting in Syria and Iraq since 2012.", "Iraq"),
    ("The talks took place in Geneva, Switzerland in June, officials said.", "Switzerland"),
    ("Refugees have crossed Lebanon's borders every day since June, officials said.", "Lebanon"),
])
def test_a_state_named_only_as_where_things_happen_is_no_actor(text, place):
    briefing = brief(text)
    assert place not in names(briefing)


def test_a_state_listed_beside_an_organisation_still_acts():
    briefing = brief("At the Security Council, Russia and China have repeatedly vetoed the "
                     "resolutions.")
    assert "China" in names(briefing)


@pytest.mark.parametrize("text, word", [
    ("Tit-for-tat strikes continued near the border.", "Tit"),
    ("Hundreds of pro-Assad fighters gathered outside the city.", "pro-Assad"),
    ("Rebels said the Assad-era prisons were still full.", "Assad"),
])
def test_a_name_cut_out_of_a_hyphenated_word_is_no_actor(text, word):
    assert word not in names(brief(text))


def test_a_hyphenated_name_stays_a_name():
    briefing = brief("Abd-Rabbu Mansour Hadi said the war must end. Jean-Yves Le Drian agreed.")
    assert {"Abd-Rabbu Mansour Hadi", "Jean-Yves Le Drian"} <= names(briefing)


def test_a_name_opening_with_a_particle_and_a_hyphen_stays_a_name():
    briefing = brief("Saleh al-Ateeqi said the talks had failed. Al-Ateeqi later left Sanaa.")
    assert any("Ateeqi" in name for name in names(briefing))


# --- places and junk the NER takes for organisations ---------------------------------------

def test_an_organisation_opening_with_a_compass_word_and_no_body_word_is_a_place():
    briefing = brief("A thousand people from the Western Balkans have gone to join the fighting, "
                     "a think-tank said.")
    assert "Western Balkans" in places(briefing) and "Western Balkans" not in names(briefing)


def test_a_time_zone_after_a_time_of_day_is_no_actor():
    briefing = brief("The explosion took place around 9:00am local time (04:30 GMT), police said.")
    assert "GMT" not in names(briefing)


def test_a_lone_word_qualifying_a_common_noun_is_no_organisation():
    briefing = brief("Violence erupted between migrants and Uighurs, who speak a Turkic language.")
    assert "Turkic" not in names(briefing)


def test_the_bracket_opening_an_acronym_is_not_part_of_a_name():
    briefing = brief("\"They are adopting radical ideas,\" said Mohamed Iqbel Ben Rejeb, president "
                     "of the Rescue Association of Tunisians Trapped Abroad (RATTA), an NGO.")
    assert "Rescue Association of Tunisians Trapped Abroad" in names(briefing)
    assert person(briefing, "Mohamed Iqbel Ben Rejeb").affiliation \
        == "rescue-association-of-tunisians-trapped-abroad"


def test_a_general_staff_named_through_its_state_is_a_military_body():
    briefing = brief("General Valery Gerasimov, head of Russia's General Staff, told a newspaper "
                     "that the fight was a priority.")
    (staff,) = [a for a in briefing.actors if a.name == "Russian General Staff"]
    assert staff.type == "military" and "General Staff" not in names(briefing)


def test_a_name_run_on_into_a_place_noun_is_a_place():
    briefing = brief("Rabhi and her son have been held in the Maitiga prison since February.")
    assert "Maitiga" in places(briefing) and "Maitiga" not in names(briefing)


def test_a_people_the_tagger_reads_as_a_common_noun_is_no_organisation():
    briefing = brief("Hundreds of people have been killed in Xinjiang in violence between Uighurs, "
                     "who speak a Turkic language, and migrants from the Han Chinese majority.")
    assert "Uighurs" not in names(briefing)


def test_a_first_name_the_ner_takes_for_an_organisation_is_the_person_of_that_name():
    briefing = brief("The boy, Baraa Zayani, and his mother have been held since 2016. Baraa's "
                     "father was killed and he and his mother eventually wound up in custody.")
    assert len(person(briefing, "Baraa Zayani").mentions) == 2 and "Baraa" not in names(briefing)


def test_an_organisation_cut_at_and_inside_its_name_is_one_name():
    briefing = brief("The Alternative Learning Center for Agricultural and Livelihood Development "
                     "(ALCADEV), one of the largest indigenous groups, said killing is wrong.")
    assert "Alternative Learning Center for Agricultural and Livelihood Development" in names(briefing)
    assert "Livelihood Development" not in names(briefing)


def test_two_bodies_joined_by_and_stay_two():
    briefing = brief("The Rapid Support Forces and the Sudanese Professionals Association said they "
                     "would meet.")
    assert {"Rapid Support Forces", "Sudanese Professionals Association"} <= names(briefing)


def test_a_name_run_on_into_a_place_noun_that_acts_stays_an_actor():
    briefing = brief("The committee reported that the Louvre museum apologised and opened an inquiry.")
    assert "Louvre museum" in names(briefing)


def test_a_name_with_a_particle_standing_alone_inside_is_a_person():
    briefing = brief("* In 2014 Staffan de Mistura replaced Kofi Annan as the UN special envoy for Syria.")
    assert person(briefing, "Staffan de Mistura")


def test_an_article_and_one_name_alone_is_no_person():
    briefing = brief("On Monday, Al Gharafa of Qatar opened its campaign in Abu Dhabi against Al "
                     "Jazira of the United Arab Emirates (UAE).")
    assert not [a for a in briefing.actors if a.type == "person"]


def test_an_article_and_one_name_ending_a_full_name_is_that_person():
    briefing = brief("Emir Tamim bin Hamad Al Thani met the envoy. Al Thani said the talks were good.")
    assert len(person(briefing, "Tamim bin Hamad Al Thani").mentions) == 2


def test_a_body_named_again_without_its_state_is_the_same_body():
    briefing = brief("Qatar National Human Rights Committee met the envoy in Geneva. He praised the "
                     "actions taken by the National Human Rights Committee.")
    assert "National Human Rights Committee" not in names(briefing)
    (committee,) = [a for a in briefing.actors if a.name == "Qatar National Human Rights Committee"]
    assert len(committee.mentions) == 2


def test_a_name_the_text_calls_a_town_is_that_place_in_every_mention():
    briefing = brief("Twenty fighters were killed near Lashkar Gar, the capital of Helmand province. "
                     "Clashes erupted in Lashkar Gar on Sunday.")
    assert "Lashkar Gar" in places(briefing)
    assert not [a for a in briefing.actors if a.type == "person"]


def test_a_name_before_a_noun_that_types_bodies_is_that_body_not_a_person():
    briefing = brief("Greece's Golden Dawn party said it would protest.")
    (party,) = [a for a in briefing.actors if a.name == "Golden Dawn party"]
    assert party.type == "group"


def test_a_leader_before_government_is_whose_government_not_a_body_of_that_name():
    briefing = brief("The Assad government said the rebels had left the town.")
    assert "Assad government" not in names(briefing)


def test_a_photo_credit_names_no_actor():
    briefing = brief("Fighters attacked the base [Photo: Ahmad Masood/Reuters] on Monday, the "
                     "police said.")
    assert not {"Ahmad Masood", "Reuters"} & names(briefing)


# --- media that only carry the news are sources, not parties ---------------------------------

def roles(briefing) -> dict[str, str | None]:
    return {a.name: a.role for a in briefing.actors}


def test_a_medium_told_or_quoted_through_is_a_source_not_a_party():
    briefing = brief("The ceasefire will not hold, Omar Haddad, a rebel commander, told Reuters. "
                     "\"We will fight on,\" he said in an interview with the BBC, according to AFP.")
    found = roles(briefing)
    assert found["Reuters"] == found["BBC"] == found["Agence France-Presse"] == "source"
    assert found["Omar Haddad"] is None


def test_a_correspondents_medium_and_a_mediums_study_are_sources():
    briefing = brief("Al Jazeera's Jamal Elshayyal, reporting from Ankara, said the talks had "
                     "failed. A recent BBC study found the rebels active in half of the districts.")
    found = roles(briefing)
    assert found["Al Jazeera"] == found["BBC"] == "source"


def test_a_medium_banned_or_raided_in_the_news_stays_a_party():
    briefing = brief("The Egyptian government banned Al Jazeera on Monday. Reuters's offices in "
                     "Cairo were raided by police, Omar Haddad told the BBC.")
    found = roles(briefing)
    assert found["Al Jazeera"] is None and found["Reuters"] is None
    assert found["BBC"] == "source"


def test_people_cited_without_a_name_are_sources():
    briefing = brief("Witnesses said the convoy was hit twice. The rebels said they had withdrawn.")
    assert roles(briefing)["witnesses"] == "source"


# --- buildings, peoples, documents and acronyms ------------------------------------------------

def test_a_named_building_is_a_place_not_an_actor():
    briefing = brief("Gunmen stormed Kabul's Intercontinental Hotel on Saturday, killing 20 "
                     "people, Omar Haddad said. Power is concentrated in the Presidential Palace, "
                     "he added.")
    assert "Intercontinental Hotel" in places(briefing)
    assert not {"Intercontinental Hotel", "Presidential Palace"} & names(briefing)


def test_a_people_is_no_person():
    briefing = brief("Karim Sultani, an ethnic Pashtun, became governor in 2014. The Mehsud tribe "
                     "backed him, Omar Haddad said.")
    assert not {"Pashtun", "Mehsud"} & names(briefing)
    assert "Karim Sultani" in names(briefing)


def test_an_agreement_named_like_an_organisation_is_no_actor():
    briefing = brief("The NUG Agreement made Karim Sultani the president, Omar Haddad said.")
    assert "NUG Agreement" not in names(briefing)


def test_a_participle_opening_the_sentence_is_not_part_of_a_name():
    briefing = brief("Describing Turkey as a reliable partner, Omar Haddad said the talks would go on.")
    assert "Describing Turkey" not in names(briefing)


def test_a_name_with_an_acronym_of_its_initials_is_one_organisation():
    briefing = brief("The army is fighting Ansar Beit al Maqdis (ABM), an affiliate of ISIL. ABM "
                     "said it had killed five soldiers.")
    (group,) = [a for a in briefing.actors if a.name == "Ansar Beit al Maqdis"]
    assert group.type != "person" and "ABM" in group.aliases
    assert "ABM" not in names(briefing)


def test_a_contested_region_only_fought_over_is_a_place():
    briefing = brief("The plan would hand part of the West Bank to Israel and link Sinai to Gaza, "
                     "Omar Haddad said. Nagorno-Karabakh said its forces had withdrawn.")
    assert not {"West Bank", "Gaza"} & names(briefing) and {"West Bank", "Gaza"} <= places(briefing)
    assert "Nagorno-Karabakh" in names(briefing)
