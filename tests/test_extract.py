"""The extract stage on the real spaCy pipeline: the briefing/1 contract, spans that index the
raw text, and one behaviour per test for actors, positions and stances."""
from __future__ import annotations

import contextlib
import io
import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest

from generator import cli
from generator.extract import extract_briefing, load_lexicons
from generator.model import Briefing, json_schema
from generator.nlp import load_pipeline
from generator.read import parse_article

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# The built-in lexicons, read once: reading their YAML costs more than analysing a test's text.
built_in_lexicons = lru_cache(maxsize=1)(load_lexicons)


def extract_seeds() -> list[dict]:
    """``python -m generator extract SEEDS --jsonl --no-cache`` in the project folder, run in
    this process (whose pipeline is loaded once): every seed analysed."""
    out = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out):
        assert cli.main(["extract", *map(str, SEEDS), "--jsonl", "--no-cache"]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture(scope="module")
def seed_briefings() -> list[dict]:
    return extract_seeds()


def brief(text: str, name: str = "sample.txt") -> Briefing:
    """The briefing of one in-memory article, through the same stages as the CLI."""
    article = parse_article(text.encode("utf-8"), name, ".txt")
    doc = load_pipeline()(article.analysis_text())
    return extract_briefing(article, doc, built_in_lexicons(), "sample")


def positions_of(briefing: Briefing, actor_id: str) -> list:
    return [p for p in briefing.positions if p.actor == actor_id]


def test_extract_prints_one_schema_valid_object_per_file(seed_briefings):
    assert len(seed_briefings) == len(SEEDS)
    for data in seed_briefings:
        jsonschema.validate(data, json_schema())


def test_every_span_indexes_the_raw_text(seed_briefings):
    for data in seed_briefings:
        text = (ROOT / data["source_file"]).read_text(encoding="utf-8")
        for position in data["positions"]:
            start, end = position["content_span"]
            assert text[start:end] == position["content"]
            if position["cue_span"]:
                assert text[slice(*position["cue_span"])] == position["cue"]
            if position["source_span"]:
                assert text[slice(*position["source_span"])] == position["source_text"]
        for figure in data["figures"]:
            assert text[slice(*figure["span"])] == figure["text"]
        for actor in data["actors"]:
            for start, end in actor["mentions"]:
                assert 0 <= start < end <= len(text)


def test_extract_is_deterministic(seed_briefings):
    assert extract_seeds() == seed_briefings


def test_signup_chrome_stays_out_of_positions_and_summary(seed_briefings):
    for data in seed_briefings:
        assert "Advocate" not in data["summary"]
        assert not any("Advocate" in p["content"] for p in data["positions"])
        assert "Advocate" not in {a["name"] for a in data["actors"]}


def test_capital_metonym_merges_into_its_state():
    briefing = brief("Baku rejected the proposal on Monday. Azerbaijan said it would keep fighting.")
    azerbaijan = briefing.actor("azerbaijan")
    assert azerbaijan is not None and "Baku" in azerbaijan.aliases
    assert all(a.name != "Baku" for a in briefing.actors)


def test_person_carries_title_and_affiliation_from_the_text():
    briefing = brief("Azerbaijan's president Ilham Aliyev said talks were impossible.")
    aliyev = briefing.actor("ilham-aliyev")
    assert aliyev.title == "President" and aliyev.affiliation == "azerbaijan"


def test_an_office_no_longer_held_is_shown_as_former():
    briefing = brief("Former US President Ali Hasan said the talks had failed. Omar Said, the "
                     "former Afghan minister, agreed. US President Jane Doe disagreed.")
    titles = {a.name: a.title for a in briefing.actors if a.type == "person"}
    assert titles == {"Ali Hasan": "Former President", "Omar Said": "Former Minister",
                      "Jane Doe": "President"}


def test_surname_and_accented_spelling_join_the_full_name():
    briefing = brief("Armenian Prime Minister Nikol Pashinyan spoke on Monday. "
                     "Quoted by Interfax, Pashinián said the front was calm. Pashinyan added that talks could wait.")
    people = [a for a in briefing.actors if a.type == "person"]
    assert [p.name for p in people] == ["Nikol Pashinyan"]
    assert "Pashinián" in people[0].aliases


def test_demonym_body_is_an_actor_affiliated_with_its_state():
    briefing = brief("The Azerbaijani Defense Ministry claims that Armenia lost 130 tanks.")
    ministry = briefing.actor("azerbaijan-defense-ministry")
    assert ministry.affiliation == "azerbaijan" and ministry.type == "military"


def test_indirect_speech_names_speaker_cue_and_content():
    briefing = brief("Russian Foreign Minister Sergei Lavrov said Moscow was willing to host talks.")
    (position,) = positions_of(briefing, "sergei-lavrov")
    assert position.cue == "said" and position.kind == "indirect"
    assert position.content == "Moscow was willing to host talks"


def test_quotation_after_its_speaker_is_direct_and_keeps_the_quote():
    briefing = brief('"In this case, what kind of negotiating process can we talk about?" Ilham Aliyev said.')
    (position,) = [p for p in briefing.positions if p.kind == "direct"]
    assert position.actor == "ilham-aliyev"
    assert position.content.startswith('"In this case')


def test_a_short_sentence_in_quotes_with_its_speaker_is_a_direct_position():
    briefing = brief('Delegates met in Rome on Monday. "We want peace," said Marta Ruiz, the leader '
                     'of the movement.')
    (position,) = [p for p in briefing.positions if p.kind == "direct"]
    assert (position.actor, position.content) == ("marta-ruiz", '"We want peace,"')
    assert position.confidence >= 0.6


def test_a_short_term_in_quotes_is_no_one_s_plain_position():
    briefing = brief('Delegates met in Rome on Monday. The council called the fighters "paid foreign '
                     'agents," a label it often uses. Some called them "rebels."')
    assert all(p.confidence < 0.6 for p in briefing.positions)


def test_pronoun_speaker_resolves_to_the_last_person_named():
    briefing = brief("Nikol Pashinyan spoke in Yerevan. He also noted that his country is not "
                     "considering deploying peacekeepers.")
    assert any("peacekeepers" in p.content for p in positions_of(briefing, "nikol-pashinyan"))


def test_a_quotation_split_by_its_cue_keeps_the_speaker_not_a_verb_inside_it():
    briefing = brief("\u201cI think it\u2019s funny,\u201d Ilham Aliyev said, \u201cbecause the talks "
                     "were never going to start this year.\u201d")
    assert all(p.source_text == "Ilham Aliyev" for p in briefing.positions if p.kind == "direct")
    assert any("because the talks" in p.content for p in positions_of(briefing, "ilham-aliyev"))


def test_the_subject_of_a_passive_speech_verb_is_not_its_speaker():
    briefing = brief("Nikol Pashinyan was asked whether Armenia would accept peacekeepers.")
    assert all(p.source_span is None for p in briefing.positions if p.cue.endswith("asked"))


def test_a_statement_put_out_speaks_for_whoever_put_it_out():
    briefing = brief("The Armenian Foreign Ministry issued a statement saying that Azerbaijan "
                     "had shelled Stepanakert overnight.")
    (position,) = [p for p in briefing.positions if p.cue == "saying"]
    assert position.source_text == "The Armenian Foreign Ministry"


def test_an_objects_content_runs_on_through_what_the_verb_says_of_it():
    briefing = brief("Sergei Lavrov chided Armenia for continuing the shelling of Ganja.")
    (position,) = [p for p in briefing.positions if p.cue == "chided"]
    assert position.content == "Armenia for continuing the shelling of Ganja"


def test_what_a_speaker_talked_about_is_the_object_of_the_preposition_after_the_verb():
    briefing = brief("Ilham Aliyev talked about the return of the occupied territories to Azerbaijan.")
    (position,) = positions_of(briefing, "ilham-aliyev")
    assert position.cue == "talked about"
    assert position.content == "the return of the occupied territories to Azerbaijan"


def test_a_capitalised_label_before_a_colon_is_the_speaker_of_its_line():
    from generator.extract.clauses import speaker_labels

    text = "Ilham Aliyev: Armenia Must Leave the Occupied Territories\nQ: What did you find there?"
    found = list(speaker_labels(text))
    assert [text[slice(*f.source)] for f in found] == ["Ilham Aliyev", "Q"]
    assert text[slice(*found[0].content)] == "Armenia Must Leave the Occupied Territories"


def test_the_filter_sees_whether_a_content_is_a_clause_that_ends_its_sentence():
    from generator.extract.actors import extract_actors
    from generator.extract.positions import candidate_positions, position_features

    lexicons = built_in_lexicons()
    doc = load_pipeline()("Ilham Aliyev said Armenia had shelled Ganja. "
                          "He talked about the war before he left Baku.")
    actors = extract_actors(doc, lexicons.gazetteer, lexicons.actors)
    candidates = candidate_positions(doc, actors, lexicons.speech)
    features = {doc.text[slice(*c.content)]: position_features(doc, c, actors, lexicons.speech, candidates)
                for c in candidates}
    clause, topic = features["Armenia had shelled Ganja"], features["the war"]
    assert clause["content_has_verb"] == 1.0 and clause["content_ends_sentence"] == 1.0
    assert topic["content_has_verb"] == 0.0 and topic["content_ends_sentence"] == 0.0


def test_negated_readiness_opposes_the_issue():
    briefing = brief("Armenia is not ready for peace talks with Azerbaijan, Nikol Pashinyan said.")
    cells = {(c.actor, c.issue): c.stance for c in briefing.stances}
    assert cells[("nikol-pashinyan", "negotiations")] == "oppose"


def test_a_persons_stance_is_their_own_cell_not_copied_to_the_state_they_speak_for():
    briefing = brief("Armenian Prime Minister Nikol Pashinyan said Armenia rules out peacekeepers.")
    cells = {(c.actor, c.issue): c.stance for c in briefing.stances}
    assert cells[("nikol-pashinyan", "peacekeepers")] == "oppose"
    assert ("armenia", "peacekeepers") not in cells


def test_nominal_call_is_a_reported_position_of_the_caller():
    briefing = brief("Despite calls from the UN for an immediate cessation of hostilities, the "
                     "clashes continue.")
    cells = {(c.actor, c.issue): c.stance for c in briefing.stances}
    assert cells[("united-nations", "ceasefire")] == "support"


def test_media_relay_positions_but_make_no_matrix_cell():
    briefing = brief("Armenia is not ready for talks, Nikol Pashinyan said, according to AFP.")
    (position,) = positions_of(briefing, "nikol-pashinyan")
    assert position.via == "agence-france-presse"
    assert not any(c.actor == "agence-france-presse" for c in briefing.stances)


def test_progress_bar_stays_quiet_outside_a_terminal(capfd):
    from generator.progress import progress_bar

    with progress_bar(3, "Extracting") as advance:
        advance(3)
    assert capfd.readouterr().err == ""


def test_a_city_the_ner_takes_for_a_person_is_a_place():
    # The small English model tags "Kharkiv" here as PERSON.
    briefing = brief("At least 12 civilians were killed and 30 wounded in Russian shelling of "
                     "Kharkiv overnight, regional governor Oleh Syniehubov said.")
    assert "Kharkiv" in [p.name for p in briefing.places]
    assert all(a.name != "Kharkiv" for a in briefing.actors)


def test_an_accusation_opposes_what_it_accuses_of():
    briefing = brief("Russian Foreign Minister Sergei Lavrov accused the West of prolonging the war.")
    cells = {(c.actor, c.issue): c.stance for c in briefing.stances}
    assert cells[("sergei-lavrov", "military_action")] == "oppose"


def test_a_headline_line_is_its_own_sentence():
    briefing = brief("Russia offers to host talks\nRussian Foreign Minister Sergei Lavrov said "
                     "Moscow was willing to host the talks.")
    text = "Russia offers to host talks\n"
    assert briefing.sentences[0] == (0, len(text) - 1)
    assert all("\n" not in p.content for p in briefing.positions)


def test_matrix_rows_put_a_person_right_under_their_state():
    briefing = brief("Russia wants talks. Armenia rejected the talks. Armenian Prime Minister "
                     "Nikol Pashinyan said Armenia rules out peacekeepers.")
    rows = list(dict.fromkeys(c.actor for c in briefing.stances))
    assert rows.index("nikol-pashinyan") == rows.index("armenia") + 1


def test_merged_matrix_puts_a_person_under_their_state():
    from generator.aggregate import build_site

    site = build_site([brief("Russia wants talks. Armenia rejected the talks."),
                       brief("Armenian Prime Minister Nikol Pashinyan said Armenia rules out "
                             "peacekeepers.")], min_confidence=0.0)      # every cell: the order
    rows = [profile.id for profile in site.matrix_actors()]
    assert rows.index("nikol-pashinyan") == rows.index("armenia") + 1


# --- positions: the speaker model, statements not narration or fragments -------------------------

def test_a_pronoun_after_a_quotation_is_its_speaker_not_someone_named_inside_it():
    briefing = brief('Maria Keller, an analyst in Vienna, said the truce was fragile. "Viktor Orlan '
                     'controls the hills, and nobody in the capital trusts him," she added.')
    (quoted,) = [p for p in briefing.positions if p.kind == "direct"]
    assert quoted.actor == "maria-keller"


def test_the_spokesman_is_the_spokesperson_named_before():
    briefing = brief("Lars Berg, the foreign ministry spokesman, said the talks would resume. "
                     "The spokesman said that the delegation would arrive on Monday.")
    (later,) = [p for p in briefing.positions if "delegation" in p.content]
    assert later.actor == "lars-berg"


def test_the_president_is_never_the_vice_president():
    briefing = brief("Vice President Omar Said greeted the delegation at the airport on Monday. "
                     "The president said that the talks would resume in March.")
    assert all(p.actor != "omar-said" for p in briefing.positions if "resume" in p.content)


def test_a_persons_adviser_or_act_is_not_that_person_speaking():
    briefing = brief("President Ali Hasan met the envoys on Monday. Hasan's adviser said the talks "
                     "had failed. Hasan's visit to the border shows that the army is ready.")
    assert not [p for p in briefing.positions if p.actor == "ali-hasan"]


def test_a_spokesman_named_with_whose_spokesman_he_is_speaks_in_his_own_name():
    briefing = brief("President Ali Hasan's spokesman Karim Aziz said the border would stay closed.")
    (said,) = briefing.positions
    assert said.actor == "karim-aziz"


@pytest.mark.parametrize("official", ["Helmand's governor", "The Helmand governor"])
def test_a_place_whose_official_speaks_is_not_the_speaker(official):
    briefing = brief(f"Taliban fighters attacked police posts overnight. {official} said the "
                     "attackers had been pushed back.")
    assert all(p.actor is None for p in briefing.positions if "pushed back" in p.content)


@pytest.mark.parametrize("text, speaker", [
    ("President Ali Hasan hosted talks on Monday. Welcoming Prime Minister Omar Farid at the palace, "
     "he said the two countries would deepen their trade ties.", "ali-hasan"),
    ("Prime Minister Omar Farid flew to the capital on Monday. After Farid landed, he said the two "
     "countries would deepen their trade ties.", "omar-farid")])
def test_he_is_not_whom_his_own_clause_names_but_may_be_its_subject(text, speaker):
    assert [p.actor for p in brief(text).positions if "trade ties" in p.content] == [speaker]


def test_a_reporting_clause_parsed_inside_the_words_before_it_is_their_cue():
    briefing = brief('The minister\'s visit shows just how "serious this matter is," spokeswoman Lina '
                     'Haddad said on Tuesday.')
    (said,) = briefing.positions
    assert said.actor == "lina-haddad" and said.cue == "said" and said.content.startswith("The minister's visit")


def test_an_actor_in_a_clause_about_the_source_is_not_its_speaker():
    briefing = brief("A commander in the militia fighting in support of President Ali Hasan said the "
                     "army was helping the rebels. An official close to the government of Iran said "
                     "that the talks had failed.")
    assert {p.actor for p in briefing.positions} == {None}


def test_the_body_a_source_belongs_to_is_its_speaker():
    briefing = brief("A senior official of the Iranian foreign ministry said that the talks had failed.")
    (said,) = briefing.positions
    assert said.actor is not None and "iran" in said.actor


def test_a_quotation_going_on_with_the_words_before_it_in_their_sentence_is_one_statement():
    briefing = brief('The rebel leader Omar Farid warned of a "bigger civil war" in the country, if the '
                     'president "succeeds in concentrating all powers in his own hands".')
    (warned,) = briefing.positions
    assert warned.kind == "mixed" and warned.content.startswith("a") and warned.content.endswith('hands"')


@pytest.mark.parametrize("text, speaker", [
    ("Last week, in reply to a question put by a member of parliament, Maria Lund, the Norwegian "
     "defence ministry said the troops would stay in Mali.", "norway-defense-ministry"),
    ("On Sunday, Kuwait Airways CEO Yousef al-Jassem sent a note to the regulator saying that the "
     "ban hurt travellers.", "yousef-al-jassem")])
def test_of_two_subjects_the_parser_gives_a_verb_the_one_next_to_it_speaks(text, speaker):
    assert [p.actor for p in brief(text).positions] == [speaker]


def test_a_name_before_the_word_for_its_kind_is_the_speaker():
    briefing = brief("The Syrian state news agency SANA said troops had entered the town. The talks "
                     "resumed, according to the Anadolu news agency.")
    (said,) = [p for p in briefing.positions if "talks" in p.content]
    assert said.actor is not None and said.actor.startswith("anadolu")


def test_the_group_a_source_spoke_to_is_not_the_speaker():
    briefing = brief("Amnesty International published a report on the camps. One refugee interviewed by "
                     "Amnesty International said that guards beat detainees every night.")
    (said,) = [p for p in briefing.positions if "guards" in p.content]
    assert said.actor == "refugee"


def test_the_agent_of_a_statement_put_out_is_its_author():
    briefing = brief("According to the statement issued by the Iranian foreign ministry, "
                     "the talks had failed.")
    (said,) = briefing.positions
    assert said.actor is not None and "iran" in said.actor


def test_the_deputy_minister_is_the_deputy_not_the_minister():
    briefing = brief("Deputy Foreign Minister Omar Said met Foreign Minister Ali Hasan in Ankara. "
                     "The deputy minister said that the border would reopen on Friday.")
    (later,) = [p for p in briefing.positions if "reopen" in p.content]
    assert later.actor == "omar-said"


def test_a_described_group_is_the_group_named_in_its_sentence():
    briefing = brief("Israel struck targets in Lebanon on Sunday. Twelve Hezbollah fighters were "
                     "killed in the strikes near the border, the group said in a statement.")
    (position,) = [p for p in briefing.positions if "fighters were killed" in p.content]
    assert position.actor == "hezbollah"


def test_a_description_with_no_fitting_actor_nearby_stays_unresolved():
    briefing = brief("Iran and Hezbollah met in Beirut. Later that week, far from the border, "
                     "the coalition said that it would resume air strikes.")
    assert all(p.actor is None for p in briefing.positions if "air strikes" in p.content)


def test_a_purpose_infinitive_is_not_a_position():
    briefing = brief("Russia cited the threat of terrorism to justify the air strikes on the province.")
    assert not [p for p in briefing.positions if "justify" in p.cue]


@pytest.mark.parametrize("text, verb", [
    ("Hezbollah fighters attacked positions of the Lebanese army near the border.", "attacked"),
    ("The war has claimed more than 30,000 lives since it began in the north.", "claimed"),
])
def test_force_done_by_a_group_or_a_happening_as_subject_is_narration_not_a_position(text, verb):
    briefing = brief(text)
    assert not [p for p in briefing.positions if verb in p.cue]


def test_a_verb_inside_a_statement_folds_into_it():
    briefing = brief('Turkey criticised Jane Doe for calling the militia commander a "general". '
                     "President Ali Hasan offered to recognise the rebels as a political party.")
    assert sorted(p.cue for p in briefing.positions) == ["criticised", "offered"]


def test_a_speaker_named_inside_a_statement_keeps_a_statement_of_their_own():
    briefing = brief("Turkey condemned Jane Doe, who said the operation harmed the fight against ISIL.")
    (own,) = [p for p in briefing.positions if p.cue == "said"]
    assert own.actor == "jane-doe" and own.content.startswith("the operation harmed")


def test_according_to_him_opens_its_own_clause_and_is_not_the_cue_of_the_quote_before():
    briefing = brief('"The front has held for a month," said Heiko Brandt. "They are hoping to split '
                     'the alliance before the winter comes." According to him, the talks will fail.')
    assert all(p.actor == "heiko-brandt" for p in briefing.positions)


def test_each_position_keeps_the_filters_probability():
    from generator.extract.actors import extract_actors
    from generator.extract.positions import extract_positions, scored_positions

    doc = load_pipeline()("Sergei Lavrov said Moscow was willing to host talks. Ilham Aliyev "
                          "vowed to keep fighting until the occupied territories were returned.")
    lexicons = built_in_lexicons()
    actors = extract_actors(doc, lexicons.gazetteer, lexicons.actors)
    scored = scored_positions(doc, actors, lexicons.speech)
    assert [p for p, _ in scored] == extract_positions(doc, actors, lexicons.speech)
    assert len(scored) == 2 and all(0.0 < probability < 1.0 for _, probability in scored)


def test_an_office_described_with_its_body_is_the_office_holder_not_the_body():
    briefing = brief("Hami Aksoy, a Turkish foreign ministry spokesman, said the camps were ready. "
                     "The Turkish foreign ministry spokesman said the camps would open on Monday.")
    (later,) = [p for p in briefing.positions if "Monday" in p.content]
    assert later.actor == "hami-aksoy"


def test_what_someone_might_say_in_a_hypothetical_is_not_their_position():
    briefing = brief("If Pashinyan says he is ready for talks, we will meet him, Ilham Aliyev said.")
    assert [p.actor for p in briefing.positions] == ["ilham-aliyev"]


def test_what_someone_did_not_say_is_not_their_position():
    briefing = brief("President Ali Hasan did not clarify his stance on the offensive. "
                     "Jane Doe never said that the talks had failed.")
    assert not briefing.positions


def test_what_someone_refrained_from_saying_is_not_their_position():
    briefing = brief("In his speech, President Ali Hasan refrained from mentioning the ceasefire talks. "
                     "Jane Doe declined to say whether the rebels would attend.")
    assert not [p for p in briefing.positions if p.actor in ("ali-hasan", "jane-doe")]


def test_refusing_to_speak_is_no_position():
    briefing = brief("Defence Minister Jane Doe refused to speak to reporters as she left the talks in Geneva.")
    assert not briefing.positions


def test_a_negation_inside_the_words_keeps_the_statement():
    briefing = brief("Jane Doe said the rebels would not attend the talks in Geneva.")
    (said,) = briefing.positions
    assert said.actor == "jane-doe" and "would not attend" in said.content


def test_the_source_is_the_unnamed_source_cited_before():
    briefing = brief("A Kurdish source told the agency that the army had sent supplies to the fighters. "
                     "The source added that the supplies were food and medicine.")
    assert {p.actor for p in briefing.positions} == {"kurdish-source"}
    assert [a.id for a in briefing.actors if a.type == "other"] == ["kurdish-source"]


def test_sources_cited_without_a_name_speak_as_actors_with_no_stance():
    briefing = brief("Two car bombs exploded in the port city on Saturday, witnesses and local medics "
                     "said. According to the residents, the army had closed the road.")
    speakers = {briefing.actor(p.actor).name for p in briefing.positions if p.actor}
    assert speakers == {"witnesses and local medics", "residents"}
    assert all(a.type == "other" for a in briefing.actors if a.name in speakers)
    assert not [cell for cell in briefing.stances if cell.actor in {"witnesses-and-local-medics", "residents"}]


def test_a_statement_made_on_a_social_network_is_relayed_through_it():
    briefing = brief("The Taliban said on Twitter that its fighters had captured the district.")
    (position,) = briefing.positions
    assert position.actor == "taliban" and position.via == "twitter"


def test_a_day_after_on_is_no_relay():
    briefing = brief("Russia said on Monday that the talks with Ukraine had failed.")
    assert [p.via for p in briefing.positions] == [None]


def test_what_a_speaker_says_unnamed_people_feel_is_the_speakers_account():
    briefing = brief("Sara Lind, a lawyer in Tunis, said the case had stalled. The residents fear "
                     "that the children will be forgotten, she explained. Some witnesses said "
                     "the prison was overcrowded.")
    (account,) = [p for p in briefing.positions if "forgotten" in p.content]
    assert account.actor == "sara-lind" and account.cue == "explained"


def test_the_source_a_verb_cites_is_not_a_statement():
    briefing = brief("Local media, citing security sources, reported that the border crossing had "
                     "been closed.")
    assert [p.cue for p in briefing.positions] == ["reported"]


def test_a_content_that_is_only_a_date_is_no_position():
    briefing = brief("Berg accused Norway of sending weapons to the rebels, a claim Aune denied on "
                     "Thursday.")
    assert [p.actor for p in briefing.positions] == ["berg"]


def test_a_body_named_after_an_actor_does_not_speak_for_it():
    briefing = brief("The football federations of Norway and Sweden expressed reservations about "
                     "the decision.")
    assert briefing.positions and all(p.actor is None for p in briefing.positions)


def test_officials_named_after_their_government_speak_for_it():
    briefing = brief("Officials of the Turkish government said the border would stay closed.")
    assert [p.actor for p in briefing.positions] == ["turkey-government"]


@pytest.mark.parametrize("between", [
    "Danish teen\n\nA Danish teenager was sentenced, Swedish media reported on Sunday.",   # a heading
    "The delegations met again in the afternoon.\n\nThe hall was closed to the press.",   # two paragraphs
])
def test_a_pronoun_does_not_reach_across_a_heading_or_beyond_two_paragraphs(between):
    briefing = brief(f"Alma Nordin said the talks would go on.\n\n{between}\n\nShe said that the "
                     "next round would be held in Oslo.")
    (later,) = [p for p in briefing.positions if "Oslo" in p.content]
    assert later.actor is None


def test_a_speaker_stays_within_reach_through_a_run_of_quoted_paragraphs():
    briefing = brief('Alma Nordin, the mediator, said the talks would go on.\n\n"The two delegations '
                     'have agreed on a calendar for the coming weeks."\n\n"Nobody expects a '
                     'breakthrough before the spring, but the ceasefire is holding."\n\n"We will '
                     'meet again in Oslo," she said.')
    (last,) = [p for p in briefing.positions if "Oslo" in p.content]
    assert last.actor == "alma-nordin"


def test_they_after_a_person_was_named_is_not_the_state_named_before():
    briefing = brief("On Wednesday, the emir of Qatar met Yunus Yevkurov, the president of "
                     "Ingushetia, in Doha.\n\nDuring the meeting, they reviewed the relations "
                     "between Qatar and Ingushetia and discussed aspects of cooperation in trade.")
    assert not [p for p in briefing.positions if p.actor == "qatar"]


def test_a_question_someone_asks_is_not_their_position():
    briefing = brief("Karl Aune asked whether the talks could resume before the winter. He asked "
                     "the UN to send observers to the border.")
    assert [p.content for p in briefing.positions] == ["the UN to send observers to the border"]


def test_the_person_a_medium_quotes_is_the_speaker_and_the_medium_the_relay():
    briefing = brief("Al Jazeera quoted Karl Aune as saying that the army would not withdraw.")
    assert [(p.actor, p.via) for p in briefing.positions] == [("karl-aune", "al-jazeera")]


@pytest.mark.parametrize("text, speaker", [
    # the namesake named in full most recently
    ("Omar Hasan leads the rebels in the hills.\n\nRami Hasan, the army chief, met reporters in the "
     "capital on Monday. Hasan said the talks were a trap.", "rami-hasan"),
    # both named in full in its paragraph: nobody can tell
    ("Rami Hasan, the army chief, met his brother Omar Hasan, a rebel commander, in the capital. "
     "Hasan said the talks were a trap.", None),
])
def test_a_bare_family_name_shared_by_two_people_is_the_one_named_last_unless_ambiguous(text, speaker):
    (position,) = [p for p in brief(text).positions if "trap" in p.content]
    assert position.actor == speaker


def test_an_act_told_inside_a_quotation_belongs_to_the_quotation():
    briefing = brief('Norway demanded that the rebels leave the town. "We demanded this relationship '
                     'be ended," Kari Holm, the defence minister, told reporters in Oslo.')
    assert [p.actor for p in briefing.positions if "relationship" in p.content] == ["kari-holm"]


def test_she_after_one_unnamed_source_is_that_source():
    briefing = brief("Only the woman condemned to death acknowledged she had travelled to the country "
                     'willingly.\n\n"We had to leave because my husband was a wanted man," she said.')
    (quoted,) = [p for p in briefing.positions if p.kind == "direct"]
    assert quoted.actor == "woman"


def test_a_label_before_a_colon_is_not_the_speaker_of_its_line():
    briefing = brief("Gas and the West\n\n* Nerve agent red line: Former US President John Miller had "
                     "warned that the use of nerve gas in the valley was a red line.")
    (warned,) = briefing.positions
    assert warned.actor == "john-miller"


def test_a_medium_that_quotes_an_unnamed_source_relays_it_and_does_not_speak():
    briefing = brief("A US diplomat quoted by the Anadolu news agency said that the envoys would meet "
                     "in Geneva.")
    (said,) = briefing.positions
    assert said.actor == "united-states" and said.via == "anadolu-agency"


@pytest.mark.parametrize("text, cue", [
    ("General Omar Bakr responded to the strikes by arresting dozens of union leaders.", "responded"),
    ("Iran has backed the Houthi rebels in the north since 2015.", "backed"),
    ("Last year Moscow supported Assad with jets and advisers.", "supported"),
    ("In 2009 General Omar Bakr ordered a crackdown on the miners in the valley.", "ordered"),
    ("In March General Omar Bakr fired his deputy, a cousin of the king.", "fired"),
    ("Qatar sponsored the talks between the two factions in Doha.", "sponsored"),
])
def test_an_act_the_writer_tells_is_narration_not_a_position(text, cue):
    assert not [p for p in brief(text).positions if cue in p.cue]


def test_backing_a_proposal_is_still_a_position():
    briefing = brief("Ghana backed the proposal for a ceasefire along the river.")
    assert [p.content for p in briefing.positions] == ["the proposal for a ceasefire along the river"]


def test_a_quotation_does_not_go_on_from_a_thing_someone_released():
    briefing = brief("* On Sunday, the broadcaster released a film about the mutiny.\n\n"
                     '* Among the twelve conditions is the call to "stop meddling in the affairs of '
                     'its neighbours."')
    assert not [p for p in briefing.positions if "meddling" in p.content and p.cue == "released"]


def test_a_name_inside_the_speakers_name_is_not_the_speaker():
    briefing = brief("Meanwhile, the Tribal School for Agricultural and Livelihood Training (TSALT), one "
                     "of the largest indigenous groups in the south, said killing for money is not part "
                     "of their culture.")
    (said,) = briefing.positions
    assert said.actor.startswith("tribal-school")


def test_a_quoted_transcript_line_is_its_labels_words_not_the_speaker_before():
    briefing = brief('The minister spoke to the radio on Sunday.\n\nA transcript follows:\n\n'
                     '"HOST: Let us begin with the news about the border talks today.\n\n'
                     '"MINISTER: The border will stay open for the whole winter season.')
    lines = [p for p in briefing.positions if "Let us begin" in p.content]
    assert lines and all(p.source_text == "HOST" for p in lines)


def test_an_unnamed_source_keeps_its_demonym_capitalised():
    briefing = brief("The numbers are difficult to verify, said one Tunisian diplomat involved in "
                     "the case.")
    (source,) = [a for a in briefing.actors if a.type == "other"]
    assert source.name == "Tunisian diplomat"
    assert positions_of(briefing, source.id)


def test_a_request_keeps_the_one_asked_to_act():
    """"asked Velmora to send troops" is a request of Velmora, not the speaker's own plan."""
    briefing = brief("The Ostrian council has asked Velmora to send more troops to the border. "
                     "Anna Kirsch urged the new governor to reopen the crossing before the winter.")
    contents = sorted(p.content for p in briefing.positions)
    assert contents == ["Velmora to send more troops to the border",
                        "the new governor to reopen the crossing before the winter"]


def test_the_president_is_someone_named_before_not_a_president_named_later():
    briefing = brief("A leading cleric urged Emmanuel Macron not to interfere in religion, days after "
                     "the president said he would reform the way mosques are funded.\n\n"
                     "\"Everyone must stick to their role,\" Omar Haddad, president of the Council "
                     "of Imams, told reporters.")
    reform = [p for p in briefing.positions if "reform" in p.content]
    assert reform and all(p.actor != "omar-haddad" for p in reform)


@pytest.mark.parametrize("text, speakers", [
    ("Experts on Iran and nuclear nonproliferation said the sanctions would fail.", {"experts"}),
    ("Even Russia, Damascus's only ally and its economic lifeline to the outside world, said it "
     "was opposed to the strike.", {"russia"}),
    ("Armenia and Azerbaijan said the fighting had stopped.", {"armenia", "azerbaijan"}),
    ("The foreign ministers of Russia and Turkey said the talks would resume.", {"russia", "turkey"})])
def test_only_actors_coordinated_with_each_other_share_a_statement(text, speakers):
    assert {p.actor for p in brief(text).positions} == speakers


def test_a_title_in_quotation_marks_after_the_verb_is_not_its_subject(nlp):
    """The parse of '..., Nasser said on Al Jazeera's "Fox and Friends."' once took the show's
    title for the subject of 'said'; the speaker is whoever the text names before the verb."""
    from spacy.tokens import Doc
    from generator.extract.speech import subject_span
    words = ["Nasser", "said", "on", "Al", "Jazeera", "’s", "“", "Fox", "and", "Friends", ".", "”"]
    heads = [1, 1, 1, 4, 2, 1, 1, 1, 7, 7, 1, 1]
    deps = ["appos", "ROOT", "prep", "compound", "pobj", "punct", "punct", "nsubj", "cc", "conj",
            "punct", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert subject_span(doc[1]) is None
