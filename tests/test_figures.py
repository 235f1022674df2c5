"""Figures: one behaviour per test, each shown by the sentence that needs it, parsed by the real
spaCy pipeline. Spans must index the text."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.extract.actors import extract_actors
from generator.extract.figures import extract_figures
from generator.model import Position


@pytest.fixture(scope="module")
def figures(nlp, lexicons):
    def run(text: str, positions=()):
        doc = nlp(text)
        actors = extract_actors(doc, lexicons.gazetteer, lexicons.actors)
        found = extract_figures(doc, actors, list(positions), lexicons.figures)
        for figure in found:
            assert text[figure.span[0]:figure.span[1]] == figure.text
        return found
    return run


def only(found, **expected):
    assert len(found) == 1, [f.text for f in found]
    figure = found[0]
    for key, value in expected.items():
        assert getattr(figure, key) == value, (key, getattr(figure, key))
    return figure


def total(found, event: str) -> float:
    return sum(f.value for f in found if f.event == event)


# --- numbers and qualifiers -------------------------------------------------------------------

def test_a_tally_verb_qualifies_the_number(figures):
    only(figures("The confirmed death toll surpassed 100 people including civilians Wednesday."),
         value=100, qualifier="more_than", event="killed", category="casualties", unit="people")


def test_a_dozen_is_approximately_twelve(figures):
    only(figures("A dozen soldiers were wounded in the shelling."),
         value=12, qualifier="approximately", event="wounded", unit="soldiers")


def test_number_words_with_a_scale(figures):
    only(figures("The fighting has displaced 1.2 million people."),
         value=1_200_000, event="displaced", category="displacement")


def test_thousands_separators(figures):
    only(figures("Armenia suffered 2,000 casualties."), value=2000, event="casualties")


def test_dozens_of_is_more_than_a_dozen(figures):
    only(figures("Dozens of civilians fled the town."),
         value=12, qualifier="more_than", event="displaced", unit="civilians")


def test_tens_of_thousands_is_no_guessed_number(figures):
    only(figures("The insurgency has killed tens of thousands of people since it began."),
         value=10_000, qualifier="more_than", text="tens of thousands of people")


def test_a_range_counts_its_lower_bound_and_keeps_the_upper(figures):
    only(figures("Between 10 and 15 people were killed in the attack."),
         value=10, value_max=15, qualifier="at_least", event="killed")


def test_a_range_the_parser_hangs_on_between_keeps_its_event(figures):
    only(figures("Between 15,000 and 30,000 people fled the fighting."),
         value=15_000, value_max=30_000, event="displaced", text="Between 15,000 and 30,000 people")


def test_a_thousand_is_a_number(figures):
    only(figures("Over a thousand fighters were killed in the siege."),
         value=1000, qualifier="more_than", event="killed", text="Over a thousand fighters")


def test_qualifier_words_before_a_number(figures):
    only(figures("Nearly 300 fighters were captured."),
         value=300, qualifier="approximately", event="detained", category="detentions")


def test_equipment_destroyed(figures):
    only(figures("Armenian forces destroyed 12 tanks near the border."),
         value=12, event="destroyed", category="military_equipment", unit="tanks")


def test_counts_of_resolutions(figures):
    only(figures("There are four UNSC resolutions that demand the withdrawal."),
         value=4, category="diplomatic", unit="resolutions")


# --- durations ------------------------------------------------------------------------------

def test_ordinal_day_in_a_row_is_a_duration(figures):
    only(figures("The clashes continue for the fourth day in a row."),
         value=4, unit="days", category="duration", text="the fourth day in a row")


def test_for_a_fourth_day_is_a_duration(figures):
    only(figures("Clashes over the disputed region raged for a fourth day."),
         value=4, unit="days", category="duration")


def test_a_period_that_is_not_fighting_is_no_duration(figures):
    assert figures("Three operations took place over the past 24 hours.") == []


# --- not counts -----------------------------------------------------------------------------

def test_a_year_is_not_a_figure(figures):
    assert figures("The Minsk Group was set up in 1992 to resolve the conflict.") == []


def test_a_calendar_date_is_not_a_figure(figures):
    assert figures("KABUL, Afghanistan (April 25, 2011) Forces searched a compound.") == []


def test_measures_are_not_figures(figures):
    assert figures("The force seized 44 pounds of explosives and walked 12 miles.") == []


def test_numbers_in_names_are_not_figures(figures):
    assert figures("Soldiers from the 327th Infantry Regiment found two AK-47s.") == []


# --- people counted without a number ------------------------------------------------------------

def test_killed_the_leader_counts_one(figures):
    only(figures("An Afghan and coalition force killed the Taliban leader, Alaudin."),
         value=1, event="killed", unit="leaders")


def test_an_insurgent_was_killed_counts_one(figures):
    only(figures("An insurgent was killed during the operation."), value=1, event="killed")


def test_a_pronoun_counts_one_when_no_one_was_counted(figures):
    only(figures("The security force engaged the man, killing him."), value=1, event="killed")


def test_intended_arrests_are_not_counted(figures):
    assert figures("The force conducted an operation to detain a Taliban leader.") == []


def test_a_toll_that_could_happen_is_not_counted(figures):
    # the modals and conditions are those of the event lexicon (events.yaml), as for events
    assert total(figures("Aid workers warned that the shelling could kill 40 civilians."), "killed") == 0
    assert total(figures("If the dam bursts, floods will kill 300 villagers."), "killed") == 0


def test_someones_record_is_not_a_toll(figures):
    found = figures("The commander is linked to an attack that killed four US soldiers.")
    assert total(found, "killed") == 0


# --- restatements ----------------------------------------------------------------------------

def test_the_same_people_named_again_are_counted_once(figures):
    found = figures("The patrol killed two insurgents yesterday. "
                    "The two insurgents were killed when they attacked the patrol.")
    assert total(found, "killed") == 2


def test_a_vague_lead_gives_way_to_a_precise_count(figures):
    found = figures("The force detained several insurgents in Logar province. "
                    "After questioning, the force detained three insurgents.")
    assert total(found, "detained") == 3


def test_additional_people_are_added(figures):
    found = figures("The force captured a Taliban facilitator yesterday. "
                    "The force also detained one additional suspected insurgent.")
    assert total(found, "detained") == 2


def test_a_lead_retold_in_detail_is_counted_once(figures):
    found = figures("The force detained four suspected insurgents, including a commander. "
                    "After questioning, the commander and three additional suspected insurgents "
                    "were detained.")
    assert total(found, "detained") == 4


# --- provenance -----------------------------------------------------------------------------

def test_claimed_by_the_speaker_of_the_claim(figures):
    text = "The Azerbaijani Defense Ministry claims that Armenia suffered 2,000 casualties."
    start = text.index("Armenia")
    claim = Position(id="p1", actor="azerbaijan-defense-ministry", source_text=None,
                     source_span=None, cue="claims", cue_span=None, content=text[start:-1],
                     content_span=(start, len(text) - 1), kind="indirect")
    only(figures(text, [claim]), claimed_by="azerbaijan-defense-ministry")


def test_stated_by_the_writer_is_claimed_by_no_one(figures):
    only(figures("Armenia suffered 2,000 casualties."), claimed_by=None)


def test_about_the_subject_that_suffered(figures):
    only(figures("Armenia suffered 2,000 casualties."), about="armenia")


def test_about_the_side_a_demonym_names(figures):
    only(figures("Nagorno-Karabakh forces reported the destruction of two Azerbaijani drones."),
         value=2, event="destroyed", about="azerbaijan")


def test_a_plural_phrase_pointing_back_counts_its_antecedent(figures):
    found = figures("Later, several armed insurgents engaged the force. "
                    "The security force returned fire, killing all individuals.")
    assert total(found, "killed") == 3


def test_different_kinds_of_people_are_not_retellings(figures):
    found = figures("More than 30 insurgents were killed during the operation. "
                    "One Afghan soldier was killed by small-arms fire.")
    assert total(found, "killed") == 31


def test_a_group_after_one_named_person_is_added(figures):
    found = figures("The force captured a Taliban facilitator today. "
                    "Multiple suspected insurgents were detained during the operation.")
    assert total(found, "detained") == 4


def test_identifier_lists_are_not_counts(figures):
    assert figures("ISAF Joint Command 2011-01-S-140 1511, 1533, 1574, 1586 For Immediate Release") == []


def test_a_number_naming_a_singular_noun_is_not_a_count(figures):
    assert figures("Obama's landmark 2012 visit to Rangoon was preceded by other visits.") == []


def test_a_conditional_injury_is_not_a_figure(figures):
    assert figures("If he is wounded, the doctors will operate.") == []


def test_fractions_of_a_scale(figures):
    only(figures("Half a million people fled the city."), value=500_000, event="displaced")


def test_a_hyphenated_range_the_parser_garbles(figures):
    found = figures("Between 10-15 people were killed in the village.")
    assert [(f.value, f.qualifier, f.event) for f in found] == [(10, "at_least", "killed")]


def test_a_hyphenated_duration_of_an_operation(figures):
    only(figures("Commandos concluded a six-day operation in the district."),
         value=6, category="duration", text="six-day")


# --- what happened, read with the words around it; money, percentages, counts with no event -----

SINGLE_READINGS = {case["case"]: case for case in yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "single_figure_readings.yaml").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("case", SINGLE_READINGS)
def test_single_reading(figures, case):
    """One sentence, its one figure, how it reads: tests/fixtures/single_figure_readings.yaml."""
    only(figures(SINGLE_READINGS[case]["sentence"]), **SINGLE_READINGS[case]["figure"])


def test_captured_or_killed_counts_neither(figures):
    found = figures("The patrol captured or killed five insurgents near the river.")
    assert total(found, "killed") == 0 and total(found, "detained") == 0


def test_separate_objects_keep_separate_events(figures):
    found = figures("The raid killed two gunmen and wounded five bystanders.")
    assert total(found, "killed") == 2 and total(found, "wounded") == 5


def test_neutralised_people_are_not_equipment_destroyed(figures):
    figure = only(figures("Troops neutralised 15 militants in the mountains."), value=15)
    assert figure.event != "destroyed" and figure.category != "military_equipment"


def test_returns_are_not_displacement(figures):
    figure = only(figures("Thousands of refugees returned to their villages last week."))
    assert figure.event != "displaced" and figure.category == "displacement"


def test_a_share_says_what_its_people_do(figures):
    found = figures("A recent poll found that 79 percent of Turks hold an unfavourable view of the "
                    "US government.")
    only(found, value=79, event=None, unit="percent of Turks hold an unfavourable view of the US government")


def test_a_share_of_a_subject_ends_before_the_next_share(figures):
    found = figures("A survey found that 64 percent of voters oppose the deal and 20% back it.")
    assert found[0].unit == "percent of voters oppose the deal"


def test_a_share_says_what_it_is_of_and_what_it_sets_the_level_of(figures):
    found = figures("The US military spending - at 16 percent of the federal budget - already exceeds it.")
    only(found, value=16, unit="percent of the federal budget (US military spending)")


def test_a_share_says_what_a_verb_gives_it_to(figures):
    found = figures("Trump delivered his address on Tuesday, reserving approximately 80 percent of his "
                    "speech for domestic policy issues.")
    only(found, value=80, unit="percent of his speech for domestic policy issues")


def test_a_share_says_the_noun_it_qualifies(figures):
    found = figures("The practice has been waning after he imposed a 40 percent cut on international "
                    "programs at the State Department.")
    only(found, value=40, unit="percent cut on international programs")


def test_a_share_a_verb_changes_is_a_rise_or_fall_of_its_subject(figures):
    only(figures("Revenue fell by 17.7 percent at the casinos."), value=17.7, unit="percent fall in revenue")


def test_a_share_a_verb_sets_is_the_level_of_its_subject(figures):
    only(figures("Unemployment fell to 4.9 percent in August."), value=4.9, unit="percent unemployment")


@pytest.mark.parametrize("text", ["The most recent poll shows Cruz has fallen to 27 percent.",
                                  "Trump's closest competition is Senator Ted Cruz, who sits at just 16%.",
                                  "Asked about the deal, 59 percent said it was not fair.",
                                  "The plan is not just for the 99 percent of them."])
def test_a_share_that_does_not_say_what_it_measures_is_not_a_figure(figures, text):
    assert figures(text) == []


def test_a_share_does_not_concern_whoever_reports_it(figures):
    found = figures("The UN mission in Afghanistan (UNAMA) reported a five percent rise in female deaths.")
    only(found, value=5, unit="percent rise in female deaths", about=None)


def test_a_share_whose_people_act_on_someone_unnamed_is_not_a_figure(figures):
    assert figures("In the last poll, 48 percent chose him.") == []


def test_a_share_of_those_who_answered_is_not_a_figure(figures):
    assert figures("Asked whether Clinton has the integrity, 75 percent of Democrats said yes.") == []


@pytest.mark.parametrize("text, pollster", [
    ("In March, Ted Cruz had 38 percent support in a Fox News poll.", "fox-news"),
    ("In a survey by the Pew Research Center, 45 percent of Americans approve of the job Congress "
     "is doing.", "pew-research-center")])
def test_a_share_is_claimed_by_the_poll_it_comes_from(figures, text, pollster):
    assert figures(text)[0].claimed_by == pollster


def test_a_share_concerns_the_person_its_clause_is_about(figures):
    found = figures("Senator Ted Cruz was at 25 percent support in the poll.")
    only(found, value=25, unit="percent support in the poll", about="ted-cruz")


def test_people_with_nothing_happening_are_not_figures(figures):
    assert figures("Two men walked into three houses and met four neighbours.") == []


# --- running totals and claimants ----------------------------------------------------------------

def test_a_running_total_beside_an_event_is_kept_as_a_total(figures):
    found = figures("More than 3,000 people have been killed since 2015. "
                    "On Monday an air strike killed 12 civilians.")
    assert total(found, "killed") == 12
    assert [(f.value, f.total_of) for f in found if f.event is None] == [(3000, "killed")]


def test_a_period_on_the_clause_makes_a_participle_a_running_total(figures):
    found = figures("Since June, security forces have conducted several operations, capturing "
                    "more than 125 suspected insurgents. Yesterday the force detained two insurgents.")
    assert total(found, "detained") == 2


def unattributed(text: str, cue: str, content_from: str) -> Position:
    """A position the speaker model left without a speaker: its cue and its content, which runs
    from ``content_from`` to the sentence's full stop."""
    at, start = text.index(cue), text.index(content_from)
    return Position(id="p1", actor=None, source_text=None, source_span=None, cue=cue,
                    cue_span=(at, at + len(cue)), content=text[start:-1],
                    content_span=(start, len(text) - 1), kind="indirect")


def test_claimed_by_the_subject_of_a_cue_whose_position_has_no_speaker(figures):
    text = "The Taliban claimed the attack and said 14 soldiers had been killed."
    only(figures(text, [unattributed(text, "said", "14")]), claimed_by="taliban")


def test_claimed_by_the_actor_a_with_clause_gives_the_cue(figures):
    text = "The war has ruined the economy, with the UN warning that up to 8 million people are at risk of famine."
    only(figures(text, [unattributed(text, "warning", "up to")]), claimed_by="united-nations", value=8e6)


def test_a_lone_running_total_is_a_total_not_a_toll(figures):
    found = figures("Several Taliban leaders have been captured and two were killed this month alone.")
    assert total(found, "killed") == 0
    assert [f.total_of for f in found if f.value == 2] == ["killed"]


TOTALS = {case["case"]: case for case in yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "figure_totals.yaml").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("case", TOTALS)
def test_total_of_an_event(figures, case):
    """A short release, one event, the total its figures add up to:
    tests/fixtures/figure_totals.yaml."""
    found = figures(TOTALS[case]["text"])
    assert total(found, TOTALS[case]["event"]) == TOTALS[case]["total"]


# --- headlines, vague scales, wholes and parts --------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier, event", [
    ("At least 40 killed in twin blasts near the port", 40, "at_least", "killed"),
    ("Dozens dead as fighting spreads to the hills", 12, "more_than", "killed"),
    ("Province: 17 dead, 9 wounded in market bombing", 17, "exact", "killed"),
    ("Hundreds injured in clashes with riot police", 100, "more_than", "wounded"),
])
def test_a_headline_toll_without_a_verb(figures, text, value, qualifier, event):
    found = [f for f in figures(text) if f.event == event]
    assert [(f.value, f.qualifier, f.unit) for f in found] == [(value, qualifier, "people")]


@pytest.mark.parametrize("text, value, qualifier", [
    ("Several thousand villagers fled the shelling.", 3000, "at_least"),
    ("A few hundred fighters were killed in the offensive.", 300, "approximately"),
    ("Many thousands of families have been displaced.", 3000, "at_least"),
])
def test_a_vague_word_on_a_scale_is_no_precise_number(figures, text, value, qualifier):
    only(figures(text), value=value, qualifier=qualifier)


def test_a_vague_quantity_keeps_the_articles_words(figures):
    (vague,) = figures("The shelling killed scores of civilians in the old town.")
    assert vague.value_words == "scores of" and vague.qualifier == "more_than"
    (precise,) = figures("The shelling killed three civilians in the old town.")
    assert precise.value_words is None and precise.value == 3


@pytest.mark.parametrize("text, event, expected", [
    # a count told as part of a count before it
    ("The air strike killed 23 people, including 8 children.", "killed", 23),
    # a count that says it includes the person named before retells him
    ("Troops detained a rebel commander in the valley. Later they searched a house and "
     "detained three men, one of whom was the commander.", "detained", 3),
    # ... and without saying so it adds to him
    ("Troops detained a rebel commander in the valley. Later they searched a house and "
     "detained three men.", "detained", 4),
])
def test_wholes_and_their_parts_are_counted_once(figures, text, event, expected):
    assert total(figures(text), event) == expected


def test_the_toll_of_a_whole_war_is_a_total_not_a_toll(figures):
    found = figures("The civil war has killed more than 50,000 people. On Friday shelling "
                    "killed four soldiers.")
    assert total(found, "killed") == 4
    assert [(f.value, f.total_of) for f in found if f.event is None] == [(50000, "killed")]


def test_people_held_are_detained(figures):
    only(figures("A total of 212 foreign fighters are being held in camps in the east."),
         value=212, event="detained", category="detentions")


@pytest.mark.parametrize("text", ["The envoys held four meetings with 20 tribal elders.",
                                  "An urgent Loya Jirga was held with the elders of the valley."])
def test_holding_talks_or_meetings_detains_nobody(figures, text):
    assert total(figures(text), "detained") == 0


def test_an_inverted_passive_counts_its_subject(figures):
    only(figures("Also wounded in the ambush were more than a dozen police officers."),
         value=12, qualifier="more_than", event="wounded")


def test_a_name_before_the_counted_noun(figures):
    only(figures("Police arrested several suspected Free Syrian Army fighters."),
         value=3, event="detained", unit="fighters")


def test_an_of_phrase_between_the_noun_and_its_passive_verb(figures):
    found = figures("The cargo was seized by customs officers and one member of the crew was detained.")
    assert total(found, "detained") == 1


def test_a_running_total_over_the_last_month(figures):
    found = figures("In the past month, police have arrested 45 suspects across the country.")
    assert total(found, "detained") == 0
    assert [f.total_of for f in found] == ["detained"]


def test_claimed_by_the_source_named_after_according_to(figures):
    only(figures("Nine soldiers were killed, according to the state news agency SANA."),
         claimed_by="sana")


def test_claimed_by_the_agent_of_a_verb_of_reporting(figures):
    only(figures("A death toll of 31 was reported by the Red Cross."),
         value=31, claimed_by="icrc")


# --- numbers written otherwise, currencies, repeated amounts ------------------------------------

def test_a_decimal_comma_before_a_scale(figures):
    only(figures("The agency counts over 2,5 million displaced people in the region."),
         value=2_500_000, qualifier="more_than", event="displaced")


def test_a_scale_word_alone_is_no_number(figures):
    assert [f.value for f in figures("Officials say 4;7 million displaced people need shelter.")
            if f.value == 1_000_000] == []


@pytest.mark.parametrize("text, value, unit", [
    ("The mayor was paid 40,000 pesos by the militia.", 40_000, "pesos"),
    ("The smugglers were fined 9,000 Egyptian pounds.", 9_000, "pounds"),
    ("The lawmaker was paid 12,000 British pounds for the speech.", 12_000, "pounds"),
    ("The government pledged 3 million euros for the camps.", 3_000_000, "euros"),
])
def test_sums_in_currency_words(figures, text, value, unit):
    only(figures(text), value=value, unit=unit, category="economic", about=None)


def test_pounds_of_a_thing_are_a_measure(figures):
    assert figures("Police seized 300 pounds of explosives at the border.") == []


def test_an_amount_told_again_is_shown_once(figures):
    found = figures("The council offered a reward of $5,000 for the killers. "
                    "Residents said the $5,000 reward was too small.")
    assert [f.value for f in found] == [5000]


def test_dozens_more_counts_the_others(figures):
    found = figures("At least 9 people were killed and dozens more were injured in the attack.")
    assert [(f.value, f.qualifier, f.event) for f in found] == [(9, "at_least", "killed"),
                                                                (12, "more_than", "wounded")]


def test_a_toll_brought_to_a_new_total_is_a_total(figures):
    found = figures("The bomb killed 11 people, bringing the death toll from the week's attacks to 52.")
    assert total(found, "killed") == 11
    assert [(f.value, f.total_of) for f in found if f.event is None] == [(52, "killed")]


def test_people_forced_from_their_homes_are_displaced(figures):
    only(figures("The shelling has forced 8,000 villagers from their homes."),
         value=8000, event="displaced", category="displacement")


@pytest.mark.parametrize("text, unit", [
    ("Two boys were killed when the shell hit the school.", "boys"),
    ("Her father and three daughters were wounded in the raid.", "daughters"),
    ("Four pilgrims were killed on the road to the shrine.", "pilgrims"),
])
def test_family_members_and_other_people_are_people(figures, text, unit):
    assert [f.unit for f in figures(text) if f.unit == unit and f.event in ("killed", "wounded")] == [unit]


def test_what_befalls_a_count_is_read_from_the_one_event_lexicon(tmp_path):
    import shutil
    from generator.extract import lexicon_folder
    from generator.extract.figures import load_figure_lexicon
    from generator.extract.happenings import load_event_lexicon
    for name in ("events.yaml", "figures.yaml"):
        shutil.copy(lexicon_folder() / name, tmp_path / name)
    events_file = tmp_path / "events.yaml"
    text = events_file.read_text(encoding="utf-8")
    events_file.write_text(text.replace("outcomes:\n  killed:\n    verbs: [",
                                        "outcomes:\n  killed:\n    verbs: [liquidate, "), encoding="utf-8")
    events = load_event_lexicon(tmp_path)
    assert load_figure_lexicon(tmp_path, events).verb_events["liquidate"] == "killed"
    assert events.verbs["liquidate"] == "killing"      # the type killing takes the outcome's verbs
