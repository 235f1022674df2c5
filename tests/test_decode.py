"""Decoding gives the text a person wrote: UTF-8 first, then what a file declares, then a guess
that weighs English text toward windows-1252; every guess and repair is noted for the Build
report; line endings and control characters are made safe without moving any offset."""
from __future__ import annotations

import pytest

from generator.decode import clean, decode
from generator.read import Article, parse_article

WESTERN_NAMES = ["Jos\u00e9 Mar\u00eda Aznar", "Fran\u00e7ois Holland\u00e8", "Ang\u00e8le "
                 "Citro\u00ebn", "Pe\u00f1a Nieto", "J\u00fcrgen M\u00fcller", "Bj\u00f6rn "
                 "Str\u00f6m", "Stra\u00dfburg", "S\u00f8ren Kierkeg\u00e5rd",
                 "\u0152uvre Fund", "\u00c9lys\u00e9e"]


def read(raw: bytes, suffix: str = ".txt") -> Article:
    return parse_article(raw, f"seeds/article{suffix}", suffix)


def english_with(name: str) -> str:
    return (f"\u201cWe will not sign,\u201d {name} told reporters on Monday, adding that the "
            f"talks would cost \u20ac2 million \u2013 more than planned. The ministry said "
            f"it would answer {name}\u2019s letter by Friday.\n")


@pytest.mark.parametrize("name", WESTERN_NAMES)
def test_english_news_with_western_names_saved_as_windows_1252_reads_as_written(name):
    text = english_with(name)
    article = read(text.encode("cp1252"))
    assert article.text == text
    assert any("windows-1252" in note for note in article.notes)


@pytest.mark.parametrize("name", [n for n in WESTERN_NAMES if "\u0152" not in n])
def test_english_news_with_western_names_saved_as_latin_1_reads_as_written(name):
    text = english_with(name).replace("\u201c", '"').replace("\u201d", '"').replace(
        "\u2019", "'").replace("\u2013", "-").replace("\u20ac", "EUR ")
    assert read(text.encode("latin-1")).text == text


def test_utf8_with_one_windows_1252_apostrophe_keeps_its_utf8_and_is_noted():
    raw = "Zo\u00eb Sch\u00e4fer met the envoy in Z\u00fcrich.".encode() + b" It\x92s over.\n"
    article = read(raw)
    assert article.text == "Zo\u00eb Sch\u00e4fer met the envoy in Z\u00fcrich. It\u2019s over.\n"
    assert any("1 byte that is not UTF-8" in note for note in article.notes)


def test_utf8_with_a_character_cut_at_the_end_keeps_its_utf8_and_replaces_the_cut():
    raw = "The envoy met Zo\u00eb in Z\u00fcrich and said \u201cno\u201d".encode()[:-2]
    article = read(raw)
    assert article.text == "The envoy met Zo\u00eb in Z\u00fcrich and said \u201cno\ufffd"
    assert any("cut off at the end" in note for note in article.notes)


def test_a_page_declaring_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    page = ("<html><head><meta charset=\"ISO-8859-1\"><title>Talks</title></head><body>"
            "<article><p>\u201cWe will not sign,\u201d the minister told the caf\u00e9 owners, "
            "and the bill came to \u20ac40 \u2013 paid by the ministry of foreign affairs in "
            "full on the day.</p></article></body></html>")
    article = read(page.encode("cp1252"), ".html")
    assert "\u201cWe will not sign,\u201d" in article.text
    assert "\u20ac40 \u2013 paid" in article.text


def test_a_page_declaring_its_charset_in_http_equiv_is_read_in_it():
    page = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
            "charset=windows-1252\"></head><body><article><p>The minister told Ren\u00e9e "
            "M\u00fcller that the ceasefire would hold through the winter and beyond."
            "</p></article></body></html>")
    assert "Ren\u00e9e M\u00fcller" in read(page.encode("cp1252"), ".html").text


@pytest.mark.parametrize("text", [
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b, "
    "\u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
    "\u043f\u0440\u043e\u0432\u0430\u043b\u0438\u043b\u0438\u0441\u044c.\n" * 3,
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 "
    "\u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a \u0641\u0634\u0644\u062a.\n" * 3,
    "\u5927\u81e3\u306f\u3001\u4ea4\u6e09\u304c\u5931\u6557\u3057\u305f\u3068\u8ff0\u3079"
    "\u305f\u3002\n" * 3,
], ids=["cyrillic", "arabic", "japanese"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected_in_any_script(text, encoding):
    decoded = decode(text.encode(encoding))
    assert decoded.text == text
    assert any(encoding.upper() in note for note in decoded.notes)


def test_utf8_is_not_noted():
    assert read("Zo\u00eb said the talks failed.\n".encode()).notes == []


def test_cr_only_line_endings_keep_the_front_matter_and_the_lines():
    raw = b"---\rtitle: Talks resume\rdate: 2020-10-02\r---\rThe envoy said so.\rThe end.\r"
    article = read(raw, ".md")
    assert article.title == "Talks resume" and article.date == "2020-10-02"
    assert article.text.splitlines()[-2:] == ["The envoy said so.", "The end."]
    assert len(article.text) == len(raw)


@pytest.mark.parametrize("control", ["\x08", "\x1b", "\x07", "\x00", "\x7f", "\x85", "\ufffe"])
def test_control_characters_become_spaces_and_keep_every_offset(control):
    text, notes = clean(f"The envoy{control} said so.\n")
    assert text == "The envoy  said so.\n"
    assert notes and "replaced by spaces" in notes[0]


def test_a_control_character_in_a_front_matter_title_is_removed():
    raw = b'---\ntitle: "Talks\\b resume\\e now"\n---\nThe envoy said the talks resume.\n'
    assert read(raw, ".md").title == "Talks resume now"
