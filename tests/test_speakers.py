"""Who says what in a sentence: the speaker of a participle after an absolute clause, and an
"according to" whose speaker the writer describes before the content. On the real spaCy
pipeline, one behaviour per test, the sentence that shows it in the test."""
from __future__ import annotations

from test_extract import brief


def said_by(briefing, actor_id: str) -> list[str]:
    return [p.content for p in briefing.positions if p.actor == actor_id]


def test_a_participle_after_a_with_clause_is_not_the_main_subjects():
    briefing = brief("Sixteen-year-old Ahed Tamimi of Palestine received the same treatment, with "
                     "commentators obsessing over her looks, accusing her family of being paid "
                     "actors and claiming she was at fault for slapping the Israeli soldier.")
    assert said_by(briefing, "ahed-tamimi") == []


def test_the_description_after_according_to_a_name_is_not_what_they_said():
    briefing = brief("According to Ahmed Abazeid, an Istanbul-based Syrian researcher, at its peak "
                     "the Nusra Front had no more than 1,000 fighters in Eastern Ghouta.")
    (content,) = said_by(briefing, "ahmed-abazeid")
    assert content.startswith("at its peak")


def test_a_person_who_acts_is_no_source_cited():
    briefing = brief("When a young man shot and killed 17 children at a Florida high school, the "
                     "aide to a local legislator accused the students of being paid actors.")
    assert not [a for a in briefing.actors if a.name == "young man"]


def test_a_template_placeholder_is_no_part_of_what_was_said():
    briefing = brief("The women were held for months. {articleGUID} The issue is not confined to "
                     "the women, but also includes the fighters, Ahmad Ben Salem said.")
    (content,) = said_by(briefing, "ahmad-ben-salem")
    assert "articleGUID" not in content and content.startswith("The issue")


def test_he_goes_on_with_the_subject_not_someone_named_in_its_object():
    briefing = brief("Donald Trump delivered his address on Tuesday. He told the gruelling story of "
                     "North Korean defector Ji Seong-ho, and equated his yearning for freedom with "
                     "America's. He asserted it was \"that same yearning for freedom that gave "
                     "birth to a special place called America.\"")
    assert said_by(briefing, "ji-seong-ho") == []
    assert any("same yearning" in c for c in said_by(briefing, "donald-trump"))


def test_an_organisation_named_in_capitals_is_not_he():
    briefing = brief("In a survey of returnees by REACH, which researches humanitarian issues, most "
                     "respondents said they would try again.\n\n\"I know it will be difficult to get "
                     "asylum, but I cannot live in fear every second in this country,\" he said.")
    assert [p for p in briefing.positions if p.actor == "reach"] == []


def test_someone_named_as_a_point_of_comparison_is_not_he():
    briefing = brief("Donald Trump delivered his address on Tuesday. Just like Ronald Reagan and "
                     "Richard Nixon frequently did in the 1980s, he shaped his speech around "
                     "freedom. He told the gruelling story of a defector who fled the North.")
    assert said_by(briefing, "ronald-reagan") == [] and said_by(briefing, "richard-nixon") == []


def test_he_after_a_speaker_is_the_speaker_not_the_name_that_qualifies_him():
    briefing = brief("* On Tuesday, Qatar Airways CEO Akbar al-Baker sent a message to the UN's "
                     "International Civil Aviation Organisation (ICAO) saying that the body needs "
                     "to do more to resolve restrictions on air routes.\n\n* He also said his "
                     "airline could nevertheless sustain itself even if the crisis dragged on.")
    assert any(c.startswith("his airline") for c in said_by(briefing, "akbar-al-baker"))


def test_they_go_on_with_the_main_subject_not_one_in_a_clause_under_it():
    briefing = brief("The Taliban made gains after NATO withdrew most of its combat troops in late "
                     "2014. Two years later, they warned that they would take the provincial "
                     "capitals in the north.")
    assert [p.actor for p in briefing.positions if "provincial capitals" in p.content] == ["taliban"]


def test_they_after_a_clause_where_someone_speaks_is_that_speaker():
    briefing = brief("The Afghan government has also taken a tougher stand on talks, while the "
                     "Taliban say negotiations depend on foreign troops leaving. They said the "
                     "Kabul attacks were a response to Trump's aggression.")
    assert [p.actor for p in briefing.positions if "Kabul attacks" in p.content] == ["taliban"]


def test_the_name_a_speaker_echoes_is_not_the_speaker():
    briefing = brief("Joe Biden visited Ankara. Biden, echoing Erdogan, called on Kurds not to cross "
                     "into the west of the Euphrates, and turned a blind eye to the Turkish president's "
                     "new bid to pre-empt any Kurdish plans, as a priority that supersedes the fate of Assad.")
    assert said_by(briefing, "erdogan") == []
    assert said_by(briefing, "joe-biden") == ["not to cross into the west of the Euphrates"]


def test_a_charge_that_goes_on_after_the_accusation_is_not_the_accusers_act():
    briefing = brief("Erdogan routinely accuses Washington of undermining his country's security by "
                     "supporting Kurdish fighters inside Syria, refusing to extradite cleric Fethullah "
                     "Gulen for allegedly plotting a failed coup attempt in Turkey in 2016.")
    assert not [c for c in said_by(briefing, "erdogan") if "extradite" in c]


def test_who_after_an_apposition_is_the_person_not_the_body_named_in_it():
    briefing = brief("\"There is a greater goal here,\" said Representative Raul M. Grijalva of "
                     "Arizona, a co-chairman of the Congressional Progressive Caucus, who sent a "
                     "letter to Mr. Castro criticizing the mortgage sales.")
    assert said_by(briefing, "congressional-progressive-caucus") == []
    assert "the mortgage sales" in said_by(briefing, "raul-m-grijalva")


def test_which_after_a_person_and_their_body_is_the_body():
    briefing = brief("\"She has done everything except coming out in favor of it,\" said Jonathan "
                     "Westin, director of New York Communities for Change, which advocates for the "
                     "economic interests of low-income people.")
    assert not any("economic interests" in c for c in said_by(briefing, "jonathan-westin"))
