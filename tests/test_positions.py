"""What is no position though built like one: a request for anonymity and the writer's
speculation about what someone will do. On the real spaCy pipeline, one behaviour per test."""
from __future__ import annotations

from test_extract import brief


def spoken_by(text: str, *actor_ids: str) -> list[str]:
    """What the text's positions credit to any of these actors."""
    return [p.content for p in brief(text).positions if p.actor in actor_ids]


def test_asking_to_remain_anonymous_is_no_position():
    briefing = brief("The numbers are hard to verify, said a Tunisian diplomat, who asked to remain "
                     "anonymous. A senior official, who asked not to be named, said the talks had failed.")
    assert [p.content for p in briefing.positions] == ["The numbers are hard to verify",
                                                       "the talks had failed"]


def test_what_the_writer_thinks_someone_may_do_is_not_their_position():
    assert not spoken_by("The council received the report on Wednesday. Perhaps Russia will oppose any "
                         "move in this direction. Maybe Iran will reject the plan.", "russia", "iran")


def test_a_message_named_only_by_this_or_that_is_no_position():
    assert not spoken_by("The US does not want the offensive to go on. Rex Tillerson will repeat that "
                         "message during his meetings in Ankara.", "rex-tillerson")


def test_the_subject_the_parser_took_for_the_object_opens_what_was_agreed():
    briefing = brief("Concerning the fate of Bashar al-Assad in a transitional period, Erdogan and Biden "
                     "implicitly agreed the Gulf obstacle to Assad remaining in power can be resolved by "
                     "invoking a provisional period.")
    (agreed,) = [p.content for p in briefing.positions if p.cue == "agreed"]
    assert agreed == "the Gulf obstacle to Assad remaining in power can be resolved by invoking a provisional period"


def test_a_clause_that_tells_when_something_was_said_is_no_statement():
    briefing = brief("When Donald Trump first described the wall in December, he said, “We’re going to "
                     "do a wall; we’re going to have a big, fat beautiful door on the wall.”")
    assert [p.content for p in briefing.positions] == [
        "“We’re going to do a wall; we’re going to have a big, fat beautiful door on the wall.”"]


def test_the_deed_by_which_something_was_done_is_no_position():
    assert not spoken_by("President Barack Obama made history on Tuesday by nominating the first Muslim "
                         "person to the federal judiciary, Abid Qureshi.", "barack-obama")


def test_what_someone_stopped_doing_is_not_their_position():
    briefing = brief("With just months left in the term, Senate Republicans have all but stopped "
                     "confirming his judicial picks.")
    assert not briefing.positions


def test_what_someone_is_known_or_seen_as_is_no_position_of_theirs():
    briefing = brief("Police officer Rao Anwar, known as Karachi's version of 'Dirty Harry', denied the "
                     "charge. The senator is widely seen as a moderate in the party.")
    assert [p.content for p in briefing.positions if "as" in (p.cue or "").split()] == []
    assert "the charge" in [p.content for p in briefing.positions if p.actor == "rao-anwar"]
