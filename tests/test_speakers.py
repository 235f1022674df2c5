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
