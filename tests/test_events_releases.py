"""Events as an analyst reads a press release: the date its lead writes holds for the details
its later paragraphs tell; the words that tell a time of day, the day a capture was confirmed or
a date the parser hangs on a description do not move the day; an event told as the time of
another is none of its own. Each behaviour is shown by sentences written for it and parsed by
the real spaCy pipeline."""
from __future__ import annotations

import pytest

from generator.extract import extract_briefing, load_lexicons
from generator.nlp import load_pipeline
from generator.read import Article


@pytest.fixture(scope="module")
def events():
    nlp, lexicons = load_pipeline(), load_lexicons()

    def run(text: str, date=None):
        article = Article(source_file="t.txt", text=text, title="t", date=date)
        return extract_briefing(article, nlp(article.analysis_text()), lexicons, "t").events
    return run


def test_a_later_paragraph_going_on_with_the_lead_takes_its_date(events):
    text = ("KABUL, Afghanistan (March 4, 2011)\n"
            "An Afghan patrol found a weapons cache in Khost province yesterday.\n\n"
            "The patrol detained two men at the scene.\n\n"
            "Insurgents killed two civilians in Kandahar province.")
    found = {e.type: e for e in events(text)}
    assert found["detention"].date == "2011-03-03"
    assert found["detention"].date_text is None
    assert found["killing"].date is None        # nothing of the lead: no date of its own


def test_a_date_carried_by_a_restatement_is_not_lent_to_the_first_telling(events):
    text = ("Scores of Yemenis have taken to the streets after a US drone attack killed at "
            "least seven civilians.\n\n"
            "The bombing comes despite a botched raid that killed a number of civilians on "
            "January 29, 2017.\n\n"
            "The raid on Yakla resulted in the deaths of at least 16 civilians.")
    first = events(text, "2018-02-05")[0]
    assert first.date is None, (first.text, first.date)


def test_an_overnight_operation_is_a_kind_of_operation_not_the_night_before(events):
    # 2014-06-09 is a Monday; "overnight" alone would be 2014-06-08
    text = "HERAT, Afghanistan (June 9, 2014)\nPolice detained three men during an overnight " \
        "operation in Herat province"
    event = events(text + ".")[0]
    assert (event.type, event.date, event.date_text) == ("detention", "2014-06-09", None)
    event = events(text + " Saturday.")[0]
    assert (event.date, event.date_text) == ("2014-06-07", "Saturday")


def test_a_date_hung_on_a_describing_participle_dates_the_clause_it_closes(events):
    # 2010-10-01 is a Friday: "Thursday" is 2010-09-30
    text = ("KABUL, Afghanistan (Oct. 1, 2010) - Afghan and coalition forces captured a Taliban "
            "senior leader based in the Panjwa'i district of Kandahar province Thursday.")
    event = events(text)[0]
    assert (event.type, event.date, event.date_text) == ("capture", "2010-09-30", "Thursday")


def test_the_day_a_capture_was_confirmed_is_not_the_day_it_happened(events):
    text = ("KABUL, Afghanistan (Sept. 24, 2012) Afghan and coalition forces today confirmed "
            "the arrest of an insurgent financial coordinator during an operation in Kandahar "
            "City, Kandahar province Sept. 19.")
    event = events(text)[0]
    assert (event.type, event.date, event.date_text) == ("detention", "2012-09-19", "Sept. 19")
    # a day after the noun is the event's own: "report the destruction this morning of ..."
    event = events("Forces today report the destruction this morning of two drones over the "
                   "city.", "2020-09-30")[0]
    assert (event.type, event.date) == ("destruction", "2020-09-30")


def test_an_event_told_as_the_time_of_another_is_no_event_of_its_own(events):
    found = events("KABUL, Afghanistan (Nov. 23, 2010) - Forces detained a bomb maker in Kandahar "
                   "province yesterday. A boy was wounded in Helmand less than 24 hours prior to "
                   "this operation.")
    assert [e.type for e in found] == ["detention"]


def test_a_sentence_the_parser_hangs_on_its_dateline_is_news(events):
    # the parser makes "were killed" a relative clause of "KABUL"
    text = ("KABUL, Afghanistan (Dec. 30, 2010) – Several insurgents were killed by Afghan "
            "forces in Ghazni province today.")
    found = events(text)
    assert [(e.type, e.date, e.place.admin1 if e.place else None) for e in found] == \
        [("killing", "2010-12-30", "Ghazni")]


def test_a_bomb_dropped_by_aircraft_is_an_airstrike(events):
    text = ("KABUL, Afghanistan (Jan. 18, 2010) - A patrol requested close air support. "
            "Supporting aircraft dropped a 1,100 kg bomb on the area.")
    found = events(text)
    assert [(e.type, e.date) for e in found] == [("airstrike", "2010-01-18")]


def test_the_date_of_the_operation_a_detention_happened_during_is_its_date(events):
    # the parser hangs "during a security operation ... yesterday" on "ties"
    text = ("KABUL, Afghanistan (June 8, 2011) A combined Afghan and coalition security force "
            "detained numerous individuals with suspected ties to the Haqqani network during a "
            "security operation in Mota Khan district, Paktika province, yesterday.")
    event = events(text)[0]
    assert (event.type, event.date, event.date_text) == ("detention", "2011-06-07", "yesterday")


def test_a_heading_of_town_and_province_places_the_paragraph_under_it(events):
    text = ("KABUL, Afghanistan (Jan. 10, 2011) –\nSangin/Helmand\nIn the same area, coalition "
            "forces observed several insurgents emplacing an IED. After gaining positive "
            "identification, the air weapons team engaged the enemy position, killing two "
            "insurgents.")
    places = {(e.place.name, e.place.admin1) for e in events(text) if e.place}
    assert places == {("Sangin", "Helmand")}
