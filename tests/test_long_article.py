"""An article longer than spaCy parses in one piece (``nlp.max_length``, and the memory the
parser needs) is analysed in pieces cut between paragraphs, joined back into one Doc whose
offsets index the whole text: it never crashes the build."""
from __future__ import annotations

import pytest

from generator import nlp as nlp_stage
from generator.extract import load_lexicons
from generator.analysis import analyse_and_extract
from generator.read import parse_article

PARAGRAPH = ("Armenian Prime Minister Nikol Pashinyan said on Monday that the ceasefire "
             "was holding. The ministry said that 12 soldiers had been wounded.\n\n")
LAST = "\u201cWe will return to the table,\u201d Azerbaijani President Ilham Aliyev said.\n"


@pytest.fixture(scope="module")
def small_pipeline():
    """The process's pipeline; the tests below lower its ``max_length`` and put it back."""
    return nlp_stage.load_pipeline(), load_lexicons()


def test_split_text_gives_pieces_within_the_limit_that_join_back_into_the_text():
    text = PARAGRAPH * 40 + "word " * 500
    pieces = nlp_stage.split_text(text, 1000)
    assert "".join(pieces) == text
    assert all(len(piece) <= 1000 for piece in pieces)
    ends, end = [], 0
    for piece in pieces:
        end += len(piece)
        ends.append(end)
    paragraphs = len(PARAGRAPH * 40)
    assert all(text[:end].endswith("\n\n") for end in ends if end < paragraphs - 1000)


def test_a_text_longer_than_max_length_is_parsed_into_one_doc_of_the_same_text(small_pipeline):
    nlp, _ = small_pipeline
    text = PARAGRAPH * 30 + LAST
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        doc = next(nlp_stage.parse(nlp, [text]))
    finally:
        nlp.max_length = saved
    assert doc.text == text
    assert {"Nikol Pashinyan", "Ilham Aliyev"} <= {ent.text for ent in doc.ents}


def test_an_article_over_max_length_gives_its_positions_at_their_offsets(small_pipeline):
    nlp, lexicons = small_pipeline
    article = parse_article((PARAGRAPH * 30 + LAST).encode(), "seeds/long.txt", ".txt")
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        [briefing] = analyse_and_extract(nlp, lexicons, [article])
    finally:
        nlp.max_length = saved
    spans = [tuple(p["content_span"]) for p in briefing["positions"]]
    assert spans and all(article.text[a:b].strip() for a, b in spans)
    assert any("return to the table" in article.text[a:b] for a, b in spans)
