"""Calibrated confidence: every position, figure and stance cell carries one, the pages mark the
items below the site's threshold as uncertain in words and leave out those more likely wrong
than right, and the overview's merged matrix counts only the confident cells. The articles are
sentences written for these tests."""
from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import jsonschema

from generator import aggregate, render
from generator.extract import extract_briefing, load_lexicons
from generator.extract.confidence import Calibration, calibrate
from generator.model import Briefing, json_schema
from generator.nlp import load_pipeline
from generator.read import Article, parse_article

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
sys.path.insert(0, str(ROOT / "scripts"))
import calibrate as calibration_script  # noqa: E402  (scripts/calibrate.py)

ARTICLE = ("Armenia is not ready for peace talks with Azerbaijan, Armenian Prime Minister Nikol "
           "Pashinyan said on Monday. At least 12 soldiers were killed in the fighting, the "
           "Armenian defence ministry said.")
lexicons = lru_cache(maxsize=1)(load_lexicons)


def analysed(text: str = ARTICLE, name: str = "sample.txt") -> tuple[Article, Briefing]:
    article = parse_article(text.encode("utf-8"), name, ".txt")
    doc = load_pipeline()(article.analysis_text())
    return article, extract_briefing(article, doc, lexicons(), name.split(".")[0])


def with_confidence(briefing: Briefing, value: float) -> Briefing:
    return replace(briefing,
                   positions=[replace(p, confidence=value) for p in briefing.positions],
                   figures=[replace(f, confidence=value) for f in briefing.figures],
                   stances=[replace(c, confidence=value) for c in briefing.stances],
                   events=[replace(e, confidence=value) for e in briefing.events])


def section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("\n## ", start + len(heading))
    return page[start:] if end < 0 else page[start:end]


def test_every_position_figure_and_stance_cell_has_a_confidence_between_0_and_1():
    _, briefing = analysed()
    items = [*briefing.positions, *briefing.figures, *briefing.stances]
    assert briefing.positions and briefing.figures and briefing.stances
    assert all(0.0 <= item.confidence <= 1.0 for item in items)
    jsonschema.validate(briefing.to_dict(), json_schema())


def test_a_position_the_filter_is_surer_of_is_more_confident():
    _, briefing = analysed()
    position = briefing.positions[0]
    unsure, sure = (replace(position, confidence=p) for p in (0.2, 0.9))
    shipped = Calibration.load()
    (low, high), _, _ = calibrate([unsure, sure], [], [], briefing.actors, shipped)
    assert low.confidence < high.confidence


def test_an_uncertain_position_is_marked_in_words_on_its_page():
    article, briefing = analysed()
    page = render.render_site([with_confidence(briefing, 0.65)], [article], [], TEMPLATES,
                              min_confidence=0.7).files["briefings/sample.md"]
    positions = section(page, "## Positions")
    assert positions.count("⚠ uncertain (0.65)") == len(briefing.positions)


def test_confident_items_are_shown_plainly():
    article, briefing = analysed()
    page = render.render_site([with_confidence(briefing, 0.9)], [article], [], TEMPLATES,
                              min_confidence=0.7).files["briefings/sample.md"]
    assert 'class="uncertain"' not in page


def test_an_uncertain_stance_cell_and_figure_say_so_on_their_briefing():
    article, briefing = analysed()
    page = render.render_site([with_confidence(briefing, 0.65)], [article], [], TEMPLATES,
                              min_confidence=0.7).files["briefings/sample.md"]
    matrix = re.search(r'<table class="stance-matrix">.*?</table>', page, re.S).group(0)
    cells = re.findall(r'<td class="stance-cell stance-(?!none)\w+">(.*?)</td>', matrix)
    assert cells and all("uncertain" in cell for cell in cells)
    figures = section(page, "## Figures")
    assert figures.count("⚠ uncertain") == len(briefing.figures)


def test_the_merged_matrix_counts_only_confident_cells():
    _, first = analysed(name="first.txt")
    _, second = analysed(name="second.txt")
    site = aggregate.build_site([with_confidence(first, 0.9), with_confidence(second, 0.65)],
                                min_confidence=0.7)
    backing = {b.briefing.id for cell in site.matrix.values() for b in cell.backings}
    assert backing == {"first"}
    assert site.uncertain_cells == len(second.stances)


def test_a_lower_threshold_lets_less_certain_cells_into_the_overview():
    article, briefing = analysed()
    pages = render.render_site([with_confidence(briefing, 0.65)], [article], [], TEMPLATES,
                               min_confidence=0.6).files
    assert 'class="stance-matrix"' in pages["overview.md"]
    strict = render.render_site([with_confidence(briefing, 0.65)], [article], [], TEMPLATES,
                                min_confidence=0.7).files["overview.md"]
    assert 'class="stance-matrix"' not in strict
    assert f"{len(briefing.stances)} less certain cell" in strict


def test_items_more_likely_wrong_than_right_are_left_out_of_the_pages_and_counted():
    article, briefing = analysed()
    unsure = with_confidence(briefing, 0.3)
    files = render.render_site([unsure], [article], [], TEMPLATES).files
    page = files["briefings/sample.md"]
    positions = section(page, "## Positions")
    assert '<ul class="positions">' not in positions and "No positions were found" not in positions
    assert f"{len(briefing.positions)} less likely position" in positions
    assert f"{len(briefing.figures)} less likely figure" in section(page, "## Figures")
    assert 'class="stance-matrix"' not in section(page, "## Actor-stance matrix")
    # Not on the across-article pages either (no actor page lists them, no claim row, no cell
    # counted as uncertain), but kept with their confidence in the JSON download.
    site = aggregate.build_site([unsure])
    assert not site.claims and site.uncertain_cells == 0
    assert not any(profile.positions for profile in site.actors.values())
    kept = Briefing.from_dict(json.loads(files["briefings/sample.json"]))
    assert [p.confidence for p in kept.positions] == [0.3] * len(briefing.positions)


def test_items_no_likelier_right_than_a_coin_toss_are_left_out_too():
    article, briefing = analysed()
    page = render.render_site([with_confidence(briefing, 0.55)], [article], [], TEMPLATES
                              ).files["briefings/sample.md"]
    assert f"{len(briefing.positions)} less likely position" in section(page, "## Positions")
    assert "less than 60 % sure" in page


def test_an_event_whose_toll_the_page_leaves_out_shows_no_toll_on_its_page_or_the_timeline():
    article, briefing = analysed("Azerbaijani forces shelled Stepanakert on Sunday, killing 12 "
                                 "civilians, the Armenian defence ministry said on Monday.")
    (event,) = briefing.events
    assert event.figures
    unsure_toll = replace(briefing, figures=[replace(f, confidence=0.3) for f in briefing.figures],
                          events=[replace(e, confidence=0.9) for e in briefing.events])
    files = render.render_site([unsure_toll], [article], [], TEMPLATES).files
    (row,) = [line for line in section(files["briefings/sample.md"], "## Events").splitlines()
              if "shelled Stepanakert" in line]
    assert "12" not in row
    (line,) = [line for line in files["events/index.md"].splitlines() if "shelled Stepanakert" in line]
    assert "| 12 |" not in line


def test_a_floor_of_zero_shows_every_item():
    article, briefing = analysed()
    page = render.render_site([with_confidence(briefing, 0.3)], [article], [], TEMPLATES,
                              min_shown_confidence=0.0).files["briefings/sample.md"]
    assert section(page, "## Positions").count("⚠ uncertain (0.30)") == len(briefing.positions)
    assert "less likely" not in page


def test_an_item_an_editor_corrected_is_shown_however_unsure_the_extractor_was():
    article, briefing = analysed()
    unsure = with_confidence(briefing, 0.3)
    checked = replace(unsure, positions=[replace(p, corrected={"by": "desk", "note": "checked"})
                                         for p in unsure.positions])
    page = render.render_site([checked], [article], [], TEMPLATES).files["briefings/sample.md"]
    assert section(page, "## Positions").count("<li>") == len(briefing.positions)


def test_the_plugin_threshold_defaults_to_the_sites_and_can_be_set():
    from generator.plugin import BriefingsConfig

    config = BriefingsConfig()
    config.load_dict({})
    assert not config.validate()[0] and config["min_confidence"] == aggregate.MIN_CONFIDENCE
    assert config["min_shown_confidence"] == aggregate.MIN_SHOWN_CONFIDENCE
    config = BriefingsConfig()
    config.load_dict({"min_confidence": 0.8, "min_shown_confidence": 0.2})
    assert not config.validate()[0] and config["min_confidence"] == 0.8
    assert config["min_shown_confidence"] == 0.2


def test_reliability_table_bins_items_by_confidence_and_counts_the_right_ones():
    pairs = [(0.9, True), (0.85, True), (0.8, False), (0.1, False)]
    rows = calibration_script.reliability(pairs)
    assert [(low, n) for low, _, n, _, _ in rows] == [(0.0, 1), (0.8, 3)]
    assert rows[1][4] == 2 / 3


def test_brier_score_is_the_mean_squared_distance_to_the_outcome():
    assert calibration_script.brier([(1.0, True), (0.0, False)]) == 0.0
    assert abs(calibration_script.brier([(0.8, True), (0.4, False)]) - (0.04 + 0.16) / 2) < 1e-12


def test_an_item_an_editor_corrected_is_not_marked_uncertain_and_counts_in_the_overview():
    _, briefing = analysed()
    unsure = with_confidence(briefing, 0.3)
    checked = replace(unsure, stances=[replace(c, corrected={"by": "desk", "note": "checked"})
                                       for c in unsure.stances])
    site = aggregate.build_site([checked], min_confidence=0.6)
    assert not any(site.is_uncertain(c) for c in checked.stances)
    assert len(site.matrix) == len(checked.stances) and site.uncertain_cells == 0


def _figure(text: str, sentence: str, value: float, qualifier: str = "exact", **more):
    from generator.model import Figure
    at = sentence.index(text)
    return Figure(id="f1", value=value, qualifier=qualifier, unit="people", event="killed",
                  category="casualties", claimed_by=None, about=None, text=text,
                  span=(at, at + len(text)), sentence=sentence, **more)


def test_figure_features_tell_a_vague_word_from_a_bound_and_a_precise_number():
    from generator.extract.confidence import figure_features
    vague = figure_features(_figure("several fighters", "Troops killed several fighters.", 3, "at_least"))
    bound = figure_features(_figure("more than 20 fighters", "Troops killed more than 20 fighters.", 20, "more_than"))
    exact = figure_features(_figure("21 fighters", "Troops killed 21 fighters.", 21))
    assert "vague_word" in vague and "bound" not in vague
    assert "bound" in bound and "vague_word" not in bound
    assert not {"vague_word", "bound"} & set(exact)


def test_figure_features_mark_a_number_in_a_quotation_and_one_person_named_without_a_number():
    from generator.extract.confidence import figure_features
    quoted = figure_features(_figure("40 men", '"We lost 40 men," the commander said.', 40))
    plain = figure_features(_figure("40 men", "The commander said they lost 40 men.", 40))
    named = figure_features(_figure("the commander", "Troops killed the commander.", 1))
    assert "quoted" in quoted and "quoted" not in plain
    assert "one_named" in named and "one_named" not in plain


def test_figure_features_count_the_other_numbers_of_the_sentence():
    from generator.extract.confidence import figure_features
    alone = figure_features(_figure("12 soldiers", "Shelling killed 12 soldiers.", 12))
    crowded = figure_features(_figure("12 soldiers", "Shelling killed 12 soldiers, 4 of 9 medics and 30 horses.", 12))
    assert alone["other_numbers"] == 0 and crowded["other_numbers"] > 0


def test_position_features_mark_a_cue_far_from_the_words():
    from generator.extract.confidence import position_features
    text = ('Envoy Mary Lund said on Monday that the talks would resume. "We are ready for them now," '
            'she said. A long paragraph about the weather and the roads in the mountains follows '
            'here.\n\n"The valley will stay closed all winter, whatever the rebels do."')
    _, briefing = analysed(text)
    far = next(p for p in briefing.positions if "valley" in p.content)
    near = next(p for p in briefing.positions if "ready" in p.content)
    actors = {a.id: a for a in briefing.actors}
    assert "cue_far" in position_features(far, actors) and "cue_far" not in position_features(near, actors)


def test_position_features_count_the_speakers_who_share_the_words():
    from generator.extract.confidence import position_features, speakers_sharing
    _, briefing = analysed("Norway, Sweden, Finland and Denmark said they would send more troops to the "
                           "mission. Prime Minister Erna Lund said the mission would last a year.")
    actors = {a.id: a for a in briefing.actors}
    sharing = speakers_sharing(briefing.positions)
    shared = [p for p in briefing.positions if "troops" in p.content]
    alone = next(p for p in briefing.positions if "a year" in p.content)
    assert len(shared) == 4 and all(sharing[p.id] == 4 for p in shared) and sharing[alone.id] == 1
    assert position_features(shared[0], actors, 4)["speakers_sharing"] > 0
    assert "speakers_sharing" not in position_features(alone, actors, sharing[alone.id])


def test_position_features_mark_a_pronoun_credited_with_reported_words():
    from generator.extract.confidence import position_features
    _, briefing = analysed('Envoy Mary Lund visited the camp on Monday. She said the road would reopen. '
                           '"We are ready," she said. Colonel Ivo Kask said the bridge was safe.')
    actors = {a.id: a for a in briefing.actors}
    features = {p.content: position_features(p, actors) for p in briefing.positions}
    assert "pronoun_indirect" in features["the road would reopen"]
    assert "pronoun_indirect" not in features['"We are ready,"']
    assert "pronoun_indirect" not in features["the bridge was safe"]


def test_hand_labels_judge_positions_by_their_words_and_an_actor_picks_one_of_several():
    _, briefing = analysed("Envoy Mary Lund said the road would reopen soon. Colonel Ivo Kask said the "
                           "road would reopen soon. Ivo Kask told reporters during his visit.")
    labels = {"file": "sample.txt", "positions": [
        {"content": "road would reopen", "actor": "Mary Lund", "right": True},
        {"content": "road would reopen", "actor": "Ivo Kask", "right": False},
        {"content": "reporters during his visit", "right": False}]}
    tools = calibration_script._load_tools(calibration_script.SHARED / "tools")
    items = calibration_script.gold_position_labels(briefing, labels, tools)
    assert sorted(i.label for i in items) == [False, False, True]


def cell_features_of(text: str) -> dict[tuple[str, str], dict[str, float]]:
    from generator.extract.confidence import cell_features
    _, briefing = analysed(text)
    positions = {p.id: p for p in briefing.positions}
    actors = {a.id: a for a in briefing.actors}
    return {(c.actor, c.issue): cell_features(c, positions, actors) for c in briefing.stances}


def test_cell_features_mark_a_hedged_stance():
    features = cell_features_of("Greece said it would not accept any ceasefire that does not lift "
                                "the blockade of the island. Greece said it supports peace talks.")
    assert "hedged" in features[("greece", "ceasefire")]
    assert "hedged" not in features[("greece", "negotiations")]


def test_cell_features_mark_a_cell_that_rests_on_a_stated_action_alone():
    features = cell_features_of("Damascus ruled out any talks with the opposition. Greece said it "
                                "supports a ceasefire.")
    assert "reported_only" in features[("syria", "negotiations")]
    assert "reported_only" not in features[("greece", "ceasefire")]


def test_cell_features_mark_a_person_of_no_known_side():
    features = cell_features_of("Greek Foreign Minister Nikos Dendias said Greece supports peace "
                                "talks. Mary Lund said she supports a ceasefire.")
    assert "unaffiliated_person" in features[("mary-lund", "ceasefire")]
    assert "unaffiliated_person" not in features[("nikos-dendias", "negotiations")]


def test_cell_features_weigh_how_much_of_the_article_is_about_parties_to_a_conflict():
    conflict = cell_features_of("Greece and Turkey met in Ankara. Greece said it supports a "
                                "ceasefire.")
    campaign = cell_features_of("Senator Mary Lund met Governor Tom Harris and Mayor Anna Weber. "
                                "Senator Mary Lund said she supports a ceasefire.")
    assert conflict[("greece", "ceasefire")]["party_share"] == 1.0
    assert campaign[("mary-lund", "ceasefire")]["party_share"] < 0.5


def _event_confidence(text: str) -> float:
    _, briefing = analysed(text)
    assert len(briefing.events) == 1, briefing.events
    return briefing.events[0].confidence


def test_an_event_told_by_a_noun_in_the_plural_is_less_sure_than_one_event():
    many = _event_confidence("Air raids hit the town of Saraqib in Idlib province on Monday, "
                             "residents said.")
    one = _event_confidence("An air raid hit the town of Saraqib in Idlib province on Monday, "
                            "residents said.")
    assert many < one


def test_an_event_placed_in_a_country_only_is_less_sure_than_one_placed_in_a_province():
    country = _event_confidence("Government troops killed three farmers in Syria on Monday.")
    province = _event_confidence("Government troops killed three farmers in Idlib province on Monday.")
    assert country < province


def test_events_take_the_shipped_model_over_the_rule_of_thumb_they_were_found_with():
    from generator.extract.confidence import calibrate_events, event_features
    text = "Government troops killed three farmers in Idlib province on Monday."
    article = parse_article(text.encode("utf-8"), "sample.txt", ".txt")
    doc = load_pipeline()(article.analysis_text())
    raw = extract_briefing(article, doc, replace(lexicons(), calibration=Calibration()), "sample")
    shipped = Calibration.load()
    [calibrated] = extract_briefing(article, doc, lexicons(), "sample").events
    assert shipped.events is not None
    assert calibrated.confidence == round(shipped.events.probability(event_features(raw.events[0])), 3)
    assert calibrate_events(raw.events, Calibration()) == raw.events


def test_a_states_expected_stance_rates_its_ministers_cell_right_when_it_agrees_and_not_wrong_otherwise():
    _, briefing = analysed("Armenian Prime Minister Nikol Pashinyan said there is no military "
                           "solution to the conflict.")
    tools = calibration_script._load_tools(calibration_script.SHARED / "tools")

    def labels(stance: str) -> list[bool]:
        expected = {"file": "sample.txt", "stances": [
            {"actor": ["Armenia"], "issue": "military_action", "stance": [stance]}]}
        return [i.label for i in calibration_script.gold_cell_labels(briefing, expected, tools)]
    assert labels("oppose") == [True]
    assert labels("support") == []
