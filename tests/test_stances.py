"""Stances on the real spaCy pipeline: how a statement leans on an issue, and who may hold a
cell of the actor × issue matrix. One behaviour per test, on sentences written for the test."""
from __future__ import annotations

from functools import lru_cache

import pytest

from generator.extract import extract_briefing, load_lexicons
from generator.model import Briefing
from generator.nlp import load_pipeline
from generator.read import parse_article

lexicons = lru_cache(maxsize=1)(load_lexicons)


def brief(text: str) -> Briefing:
    article = parse_article(text.encode("utf-8"), "sample.txt", ".txt")
    return extract_briefing(article, load_pipeline()(article.analysis_text()), lexicons(), "sample")


def cells_of(text: str) -> dict[tuple[str, str], str]:
    return {(c.actor, c.issue): c.stance for c in brief(text).stances}


def issues_in(text: str) -> set[str]:
    """The issues any cell of the text's matrix is on."""
    return {issue for _, issue in cells_of(text)}


def test_having_no_plans_to_withdraw_opposes_withdrawal():
    cells = cells_of("The United States said it has no plans to withdraw its troops from Syria.")
    assert cells[("united-states", "withdrawal")] == "oppose"


def test_rejecting_any_possibility_of_talks_is_a_refusal_not_a_condition():
    cells = cells_of("Azerbaijan rejected any possibility of talks with Armenia.")
    assert cells[("azerbaijan", "negotiations")] == "oppose"


def test_a_demand_to_end_an_occupation_supports_withdrawal():
    cells = cells_of("Azerbaijan demanded an end to the occupation of its territories.")
    assert cells[("azerbaijan", "withdrawal")] == "support"


def test_fighting_named_inside_a_call_for_a_truce_is_no_lean_on_military_action():
    cells = cells_of("Russia urged both sides to agree on a truce in the fighting.")
    assert cells[("russia", "ceasefire")] == "support"
    assert ("russia", "military_action") not in cells


def test_fighting_in_a_relative_clause_describes_its_noun_not_the_speaker():
    cells = cells_of("Turkey demanded that the United States stop working with the militia, "
                     "which has been fighting the rebels.")
    assert ("turkey", "military_action") not in cells


def test_a_statement_that_only_mentions_an_issue_makes_no_cell():
    briefing = brief("Turkish Foreign Minister Mevlut Cavusoglu said aid convoys reached the "
                     "city on Monday.")
    assert [p.issues for p in briefing.positions] == [["humanitarian"]]
    assert briefing.stances == []


def test_the_speakers_side_vowing_to_strike_back_supports_military_action():
    cells = cells_of("\"We will strike back if we are attacked,\" Armenian Defence Minister "
                     "Davit Tonoyan said.")
    assert cells[("davit-tonoyan", "military_action")] == "support"


def test_the_speakers_side_sending_aid_supports_humanitarian_relief():
    cells = cells_of("\"We are sending humanitarian aid to the region,\" Turkish Foreign "
                     "Minister Mevlut Cavusoglu said.")
    assert cells[("mevlut-cavusoglu", "humanitarian")] == "support"


def test_an_offensive_the_speaker_reports_of_another_side_is_no_stance_of_the_speaker():
    cells = cells_of("Armenia said Azerbaijani forces launched an offensive.")
    assert ("armenia", "military_action") not in cells


def test_respecting_sovereignty_is_not_recognition():
    cells = cells_of("Russian Foreign Minister Sergei Lavrov said Moscow respects the "
                     "sovereignty of Ukraine.")
    assert ("sergei-lavrov", "recognition") not in cells
    assert cells[("sergei-lavrov", "sovereignty")] == "support"


@pytest.mark.parametrize("text", [
    "Al Jazeera's correspondent John Smith said Turkey wants talks with the Kurds.",
    "John Smith, Al Jazeera's correspondent in Ankara, said Turkey wants talks.",
    "Reporting from Gaziantep, Al Jazeera's John Smith said Turkey wants talks.",
    "Middle East analyst John Smith said Turkey wants talks with the Kurds.",
])
def test_reporters_and_analysts_hold_no_stance(text):
    assert not any(actor == "john-smith" for actor, _ in cells_of(text))


def test_a_source_interviewed_by_a_medium_still_holds_its_stance():
    cells = cells_of("Turkish Foreign Minister Mevlut Cavusoglu told Al Jazeera that Turkey "
                     "wants talks.")
    assert cells[("mevlut-cavusoglu", "negotiations")] == "support"


def test_no_longer_accepting_a_mediator_is_a_refusal():
    cells = cells_of("Palestinian President Mahmoud Abbas said the Palestinians would no longer "
                     "accept the United States as a mediator in the peace process.")
    assert cells[("mahmoud-abbas", "negotiations")] == "oppose"


def test_a_call_for_de_escalation_supports_a_ceasefire_not_military_action():
    cells = cells_of("Iran proposed de-escalation zones in the north.")
    assert cells[("iran", "ceasefire")] == "support"
    assert ("iran", "military_action") not in cells


@pytest.mark.parametrize("text", [
    "Russia said it would not object to the evacuation of the fighters from Eastern Ghouta.",
    "\"If those who have influence with the group coordinate this evacuation, we will not "
    "object,\" Lavrov said.",
])
def test_evacuating_fighters_or_no_one_named_is_no_humanitarian_stance(text):
    assert "humanitarian" not in issues_in(text)


def test_evacuating_civilians_supports_relief():
    cells = cells_of("Turkey said it would evacuate its citizens from Sudan.")
    assert cells[("turkey", "humanitarian")] == "support"


def test_ceasing_an_administrations_operations_is_no_military_action():
    cells = cells_of("The Salvation Government issued an ultimatum to the Interim Government to "
                     "cease all operations in the province.")
    assert not any(issue == "military_action" for _, issue in cells)


def test_an_operation_named_by_its_forces_or_place_is_military_action():
    cells = cells_of("Germany called on Turkey to halt its operation in Afrin.")
    assert cells[("germany", "military_action")] == "oppose"


def test_war_crimes_are_no_military_action():
    cells = cells_of("Germany said the general must be tried for war crimes.")
    assert ("germany", "military_action") not in cells


def test_a_negated_counterfactual_makes_no_cell():
    cells = cells_of("\"If the intervention had not happened, thousands would have been killed,\" "
                     "Egypt said.")
    assert ("egypt", "military_aid") not in cells


def test_harm_someone_else_does_to_an_issue_is_a_complaint_not_a_lean():
    cells = cells_of("France said the shelling undermines the peace talks.")
    assert ("france", "negotiations") not in cells


def test_a_demand_that_someone_else_stop_an_offensive_still_opposes_it():
    cells = cells_of("Germany said Russia must stop the offensive.")
    assert cells[("germany", "military_action")] == "oppose"


def test_wanting_out_of_a_war_opposes_military_action():
    cells = cells_of("Ukraine said it wants to get out of the war.")
    assert cells[("ukraine", "military_action")] == "oppose"


def test_a_demand_to_end_a_blockade_opposes_it():
    cells = cells_of("Qatar demanded an immediate end to the blockade.")
    assert cells[("qatar", "sanctions")] == "oppose"


def test_a_demand_to_lift_sanctions_opposes_them():
    cells = cells_of("Iran demanded that the United States lift the sanctions.")
    assert cells[("iran", "sanctions")] == "oppose"


def test_calling_it_vital_to_guarantee_sovereignty_supports_it():
    cells = cells_of("Kuwait said it is vital to guarantee the sovereignty of small states.")
    assert cells[("kuwait", "sovereignty")] == "support"


def test_the_best_way_being_to_engage_in_negotiations_supports_them():
    cells = cells_of("Colombia said the best way to end the conflict is to engage in negotiations.")
    assert cells[("colombia", "negotiations")] == "support"


def test_an_attack_said_to_be_expected_is_no_support_for_it():
    cells = cells_of("Germany said the attack on the city was expected.")
    assert ("germany", "military_action") not in cells


def test_someone_at_a_research_organisation_holds_no_stance():
    cells = cells_of("Jane Doe, a project director at the research organisation Crisis Watch, "
                     "said Turkey wants talks.")
    assert not any(actor == "jane-doe" for actor, _ in cells)


def test_claiming_responsibility_for_an_attack_supports_military_action():
    cells = cells_of("The Northern Front claimed responsibility for the attack on the base.")
    assert cells[("northern-front", "military_action")] == "support"


def test_denying_responsibility_for_an_attack_makes_no_cell():
    cells = cells_of("The Northern Front denied responsibility for the attack on the base.")
    assert ("northern-front", "military_action") not in cells


def test_an_issue_named_as_someones_excuse_is_no_lean_on_it():
    cells = cells_of("Iran said Washington can no longer use fighting the rebels as an excuse "
                     "to stay in the region.")
    assert ("iran", "military_action") not in cells


def test_a_plan_to_arm_fighters_is_military_aid():
    cells = cells_of("The United States said it wanted to arm the Kurdish fighters.")
    assert cells[("united-states", "military_aid")] == "support"


def test_what_the_speaker_says_another_side_did_is_no_stance_of_the_speaker():
    cells = cells_of("Armenia said Russia rejected the peace talks.")
    assert ("armenia", "negotiations") not in cells


def test_an_event_told_of_the_issue_itself_is_no_stance():
    cells = cells_of("Turkey said the ceasefire broke down on Monday.")
    assert ("turkey", "ceasefire") not in cells


def test_a_prescription_for_the_issue_itself_is_a_stance():
    cells = cells_of("Turkey said the ceasefire must hold.")
    assert cells[("turkey", "ceasefire")] == "support"


def test_the_speaker_named_again_by_a_pronoun_keeps_its_stance():
    cells = cells_of("Turkey said it would not accept talks with the militia.")
    assert cells[("turkey", "negotiations")] == "oppose"


def test_a_demand_that_another_side_stop_arming_a_group_opposes_military_aid():
    cells = cells_of("Turkey demanded that the United States stop sending weapons to the militia.")
    assert cells[("turkey", "military_aid")] == "oppose"


def test_warning_that_the_speakers_side_will_act_is_no_rejection_of_it():
    cells = cells_of("Erdogan, the Turkish president, warned that Turkey would expand its "
                     "military operation.")
    assert cells[("erdogan", "military_action")] == "support"


def test_a_clause_whose_subject_is_a_thing_keeps_the_speakers_lean():
    cells = cells_of("Russia said special emphasis was placed on the urgent need for a ceasefire.")
    assert cells[("russia", "ceasefire")] == "support"


def test_the_speakers_side_named_through_his_pronoun_keeps_its_stance():
    cells = cells_of("Greek Prime Minister Nikos Papas said his government would not accept "
                     "talks with the militia.")
    assert cells[("nikos-papas", "negotiations")] == "oppose"


def test_what_the_speaker_says_of_a_group_named_by_a_common_noun_is_no_stance():
    cells = cells_of("Greek Prime Minister Nikos Papas said the rebels would not accept talks "
                     "with the government.")
    assert ("nikos-papas", "negotiations") not in cells


def test_a_verb_of_stopping_leans_only_on_its_own_object_not_on_its_conjuncts():
    cells = cells_of("Russia called on both sides to stop the shelling and resume the peace talks.")
    assert cells[("russia", "negotiations")] == "support"


def test_a_people_the_speaker_is_not_placed_in_is_another_side():
    cells = cells_of("Mahmoud Abbas said the Russians would no longer accept the United States "
                     "as a mediator.")
    assert ("mahmoud-abbas", "negotiations") not in cells


def test_warning_of_a_danger_is_no_stance_on_it():
    cells = cells_of("Greek Prime Minister Nikos Papas warned of a wider war in the region.")
    assert ("nikos-papas", "military_action") not in cells


def test_warning_against_an_offensive_opposes_it():
    cells = cells_of("Greek Prime Minister Nikos Papas warned against a new offensive in the region.")
    assert cells[("nikos-papas", "military_action")] == "oppose"


def test_threatening_to_cut_off_aid_opposes_it():
    cells = cells_of("Greece threatened to cut off humanitarian aid to the region.")
    assert cells[("greece", "humanitarian")] == "oppose"


def test_saying_the_speakers_side_will_suspend_talks_opposes_them():
    cells = cells_of("Iran said it would suspend the peace talks with the European Union.")
    assert cells[("iran", "negotiations")] == "oppose"


def test_denying_that_an_attack_happened_is_no_stance_on_attacks():
    cells = cells_of("Greece denied that air attacks had forced the villagers to flee.")
    assert ("greece", "military_action") not in cells


def test_denying_reports_of_a_truce_is_no_stance_on_it():
    cells = cells_of("Greece denied reports that it had agreed to a truce.")
    assert ("greece", "ceasefire") not in cells


def test_criticising_the_withdrawal_of_observers_backs_them():
    cells = cells_of("Greece criticised the withdrawal of the observers from the border.")
    assert cells[("greece", "peacekeepers")] == "support"
    assert ("greece", "withdrawal") not in cells


def test_an_act_of_another_side_under_a_threat_is_no_stance_on_it():
    cells = cells_of("Greece threatened to leave the truce if Turkey continued the strikes.")
    assert ("greece", "military_action") not in cells


def test_civilians_under_a_shelling_are_what_it_hits_not_a_humanitarian_stance():
    cells = cells_of("Greece urged Turkey to stop the shelling of civilians.")
    assert cells[("greece", "military_action")] == "oppose"
    assert ("greece", "humanitarian") not in cells


def test_what_the_speakers_side_has_not_done_is_an_account_not_a_stance():
    cells = cells_of("Greek Prime Minister Nikos Papas said Greece has never sent weapons to "
                     "the militia.")
    assert ("nikos-papas", "military_aid") not in cells


def test_what_the_speakers_side_was_doing_at_the_time_is_an_account_not_a_stance():
    cells = cells_of("The Greek army said its soldiers were conducting military operations "
                     "near the border at the time.")
    assert not [issue for actor, issue in cells if issue == "military_action"]


def test_what_the_speakers_side_has_always_supported_is_a_stance():
    cells = cells_of("Greek Prime Minister Nikos Papas said \"We have always expressed our "
                     "support for the sovereignty of Cyprus\".")
    assert cells[("nikos-papas", "sovereignty")] == "support"


def test_saying_what_something_was_is_no_stance_on_it():
    cells = cells_of("Greek Prime Minister Nikos Papas said the blast was not a terrorist attack.")
    assert ("nikos-papas", "military_action") not in cells


def test_the_speaker_attacked_by_someone_else_is_no_attack_of_the_speakers():
    cells = cells_of("\"I was viciously attacked by the governor,\" Greek Prime Minister Nikos "
                     "Papas said.")
    assert ("nikos-papas", "military_action") not in cells


def test_assailing_someone_for_supporting_a_war_opposes_it():
    cells = cells_of("Greek Prime Minister Nikos Papas assailed the governor for supporting "
                     "the war.")
    assert cells[("nikos-papas", "military_action")] == "oppose"


def test_an_issue_that_is_only_the_topic_of_remarks_makes_no_cell():
    cells = cells_of("The Greek foreign ministry said other countries should not make "
                     "thoughtless remarks about issues of territorial sovereignty.")
    assert not [issue for actor, issue in cells if issue == "sovereignty"]


@pytest.mark.parametrize("text", [
    "Nikos Papas said he did not want to talk about the investigation.",
    "Nikos Papas urged the council to freeze settlement construction in the valley.",
])
def test_words_that_only_look_like_negotiations_are_no_issue(text):
    assert not [issue for actor, issue in cells_of(text) if issue == "negotiations"]


def test_what_others_the_speaker_calls_ours_would_do_is_no_stance_of_the_speaker():
    cells = cells_of("\"If our colleagues at the UN coordinate this evacuation, we will not "
                     "object,\" Greek Prime Minister Nikos Papas said.")
    assert ("nikos-papas", "humanitarian") not in cells


def test_the_speakers_own_soldiers_striking_back_supports_military_action():
    cells = cells_of("\"Our soldiers will strike back if they are attacked,\" Greek Prime "
                     "Minister Nikos Papas said.")
    assert cells[("nikos-papas", "military_action")] == "support"


def test_saying_the_speakers_side_will_not_withdraw_opposes_withdrawal():
    cells = cells_of("Greece said it would not withdraw its troops from the island.")
    assert cells[("greece", "withdrawal")] == "oppose"


def test_no_military_solution_opposes_military_action():
    cells = cells_of("Greece said there was no military solution to the conflict.")
    assert cells[("greece", "military_action")] == "oppose"


@pytest.mark.parametrize("text", [
    "Greece urged all sides to avoid further escalation on the border.",
    "Greece called on both sides to refrain from military action.",
])
def test_a_call_to_avoid_military_action_opposes_it(text):
    assert cells_of(text)[("greece", "military_action")] == "oppose"


@pytest.mark.parametrize("text", [
    "Greece urged the council to prevent a humanitarian catastrophe on the islands.",
    "Greece urged Turkey to avoid civilian casualties.",
])
def test_a_call_to_avert_a_humanitarian_harm_supports_relief(text):
    assert cells_of(text)[("greece", "humanitarian")] == "support"


@pytest.mark.parametrize("text", [
    "Greece said it recognised the sovereignty and territorial integrity of Cyprus.",
    "Greece said it recognised the need for talks.",
    "Greece said it wanted to maintain the status quo on the islands.",
])
def test_recognising_something_other_than_a_status_is_no_recognition(text):
    assert ("greece", "recognition") not in cells_of(text)


def test_recognising_an_independence_is_recognition():
    cells = cells_of("Greece said it recognised the independence of Kosovo.")
    assert cells[("greece", "recognition")] == "support"


def test_blaming_someone_for_the_collapse_of_a_truce_supports_it():
    cells = cells_of("Greece blamed the rebels for the collapse of the truce.")
    assert cells[("greece", "ceasefire")] == "support"


def test_pressing_on_with_an_offensive_despite_calls_for_a_truce_opposes_the_truce():
    cells = cells_of("Greece said it would press ahead with its offensive despite "
                     "international calls for a ceasefire.")
    assert cells[("greece", "ceasefire")] == "oppose"
    assert cells[("greece", "military_action")] == "support"


@pytest.mark.parametrize("text", [
    "Greece denied targeting civilians on the island.",
    "Greece denied any involvement in the attack.",
])
def test_denying_an_act_is_no_stance_on_its_issue(text):
    assert cells_of(text) == {}


def test_refusing_any_truce_that_fails_a_condition_is_conditional():
    cells = cells_of("Greece said it would not accept any ceasefire that does not lift the "
                     "blockade of the island.")
    assert cells[("greece", "ceasefire")] == "conditional"


def test_calling_an_intervention_a_mistake_opposes_it():
    cells = cells_of("Greece said a military intervention would be a mistake.")
    assert cells[("greece", "military_aid")] == "oppose"



def test_an_offensive_remark_is_no_military_action():
    cells = cells_of("Greek Prime Minister Nikos Papas called the statement offensive and "
                     "outlandish.")
    assert not [issue for _, issue in cells if issue == "military_action"]


@pytest.mark.parametrize("text", [
    "Greek Prime Minister Nikos Papas said he would not withdraw from the race.",
    "Greek Prime Minister Nikos Papas threatened to withdraw the nomination.",
])
def test_withdrawing_from_something_other_than_a_place_is_no_withdrawal_of_forces(text):
    assert not [issue for _, issue in cells_of(text) if issue == "withdrawal"]


def test_a_demand_that_an_armed_group_withdraw_supports_withdrawal():
    cells = cells_of("Turkey demanded that the YPG withdraw from Manbij.")
    assert cells[("turkey", "withdrawal")] == "support"


def test_recognising_that_something_is_so_is_no_recognition():
    cells = cells_of("Greek Prime Minister Nikos Papas said he recognised that the economy "
                     "was weak.")
    assert not [issue for _, issue in cells if issue == "recognition"]


def test_negotiations_describing_an_accord_are_no_stance_on_talks():
    cells = cells_of("Greek Prime Minister Nikos Papas criticised the accord adopted after two "
                     "weeks of negotiations among diplomats.")
    assert not [issue for _, issue in cells if issue == "negotiations"]


def test_a_humanitarian_intervention_is_about_the_intervention_not_relief():
    cells = cells_of("Greece said it opposed a humanitarian intervention in Libya.")
    assert cells[("greece", "military_aid")] == "oppose"
    assert ("greece", "humanitarian") not in cells


def test_closing_borders_to_refugees_opposes_relief():
    cells = cells_of("Greece said Europe should close its borders to Syrian refugees.")
    assert cells[("greece", "humanitarian")] == "oppose"


@pytest.mark.parametrize("text", [
    "Governor Tom Harris continued his attacks against Senator John Miller on Tuesday.",
    "Senator John Miller refused to attack his rivals during the debate.",
    "Senator John Miller condemned the xenophobic attacks on Muslims.",
])
def test_attacks_aimed_at_a_person_or_told_as_speech_are_words_not_military_action(text):
    assert "military_action" not in issues_in(text)


def test_attacks_aimed_at_fighters_stay_military_action():
    cells = cells_of("Turkey vowed to continue its attacks on the Kurdish fighters.")
    assert cells[("turkey", "military_action")] == "support"


def test_condemning_one_attack_is_no_stance_on_military_action():
    assert "military_action" not in issues_in("Chancellor Anna Weber condemned the murderous "
                                              "attack in the city.")


def test_condemning_an_offensive_still_opposes_it():
    cells = cells_of("Russia condemned the Turkish offensive in Afrin.")
    assert cells[("russia", "military_action")] == "oppose"


@pytest.mark.parametrize("text", [
    "Senator John Miller said the independence of the central bank must be protected.",
    "Senator John Miller backed a path to legal status for undocumented workers.",
])
def test_an_independence_or_status_of_no_state_is_no_recognition(text):
    assert "recognition" not in issues_in(text)


def test_talk_radio_is_no_negotiation():
    assert "negotiations" not in issues_in("Senator John Miller said talk radio hosts were unfair.")


def test_attacks_as_the_means_of_a_breach_lean_nothing_the_breached_sovereignty_is_backed():
    cells = cells_of("Israeli Prime Minister Benjamin Netanyahu accused Iranian forces of "
                     "breaching Israel's sovereignty by carrying out attacks.")
    assert ("benjamin-netanyahu", "military_action") not in cells
    assert cells[("benjamin-netanyahu", "sovereignty")] == "support"


def test_a_call_to_kill_civilians_opposes_relief():
    cells = cells_of("The Islamic State has called on its followers to kill civilians in "
                     "Western countries.")
    assert cells[("islamic-state", "humanitarian")] == "oppose"


def test_attacks_said_to_threaten_a_way_of_life_are_a_complaint_not_a_threat():
    assert "military_action" not in issues_in(
        'Governor Tom Harris said: "Our convention occurs at a moment of crisis. The attacks on '
        'our police, and the terror in our cities, threaten our very way of life. Any politician '
        'who does not grasp this danger is not fit to lead," he said.')


def test_what_another_speaker_expects_of_an_actor_is_no_cell_of_that_actor():
    cells = cells_of("Analysts said Russia would recognize the folly of a long war in Syria.")
    assert ("russia", "military_action") not in cells


def test_blame_for_attacks_told_by_their_toll_is_no_stance_on_force():
    cells = cells_of("French President Jean Dupont blamed the militia for the coordinated "
                     "attacks that killed 40 people in the capital on Friday.")
    assert ("jean-dupont", "military_action") not in cells


def test_talk_as_a_verb_is_speech_not_negotiations():
    cells = cells_of('Senator Bill Jones asked: "Do I talk to my friend who I have known for years?"')
    assert ("bill-jones", "negotiations") not in cells


def test_denying_what_lifting_an_embargo_was_a_response_to_still_rejects_the_embargo():
    cells = cells_of("President John Hale insisted that lifting the embargo was not a response "
                     "to the border dispute.")
    assert cells[("john-hale", "sanctions")] == "oppose"


def test_saying_lifting_sanctions_was_not_a_mistake_rejects_the_sanctions():
    cells = cells_of("Greece said lifting the sanctions was not a mistake.")
    assert cells[("greece", "sanctions")] == "oppose"


def test_holding_someone_responsible_for_dated_attacks_is_no_lean_on_military_action():
    cells = cells_of("Mr. Trump asked, repeating a broadside, that the 43rd president was responsible "
                     "for the terrorist attacks of Sept. 11, 2001.")
    assert not [issue for _, issue in cells if issue == "military_action"]


def test_blame_for_attacks_told_by_their_date_is_no_lean_on_military_action():
    cells = cells_of("Donald Trump said that Bush was to blame for the attacks of Sept. 11.")
    assert ("donald-trump", "military_action") not in cells
