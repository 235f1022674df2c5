"""Properties on generated text (hypothesis): the reader keeps the text as read (a lone carriage
return read as a line feed, control characters as spaces: the same length) and
``analysis_text`` blanks only hidden regions, so every span indexes the raw text; the escaping
functions of ``render`` turn any text into data, never markup."""
from __future__ import annotations

import html
import html.parser
import re
import unicodedata

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import escape, render
from generator.read import InputError, parse_article

# Characters that mean something to Markdown, HTML, YAML, Jinja2, tables or line ends, and
# characters from outside ASCII (curly quotes, accents, a BOM, Unicode line breaks).
SPECIALS = list("\"'|<>&{}[]()*_#`!-+=:.~^$%\\/\r\n\t \u00a0\u2028\u0085\u201c\u201d\u00e9\ufeff\x0c")
CHROME_LINES = ["Advertisement", "Read more here", "By Jane Doe", "date 2020-09-30",
                "(Sign up for our newsletter)", "\u00a9 2020 Wire", "Source: Wire service",
                "{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>", "| a | b |",
                "[x](javascript:alert(1))", "---", "title: x"]
# NUL bytes make a file binary, a case of its own (tests/test_fuzz_read.py).
CHARACTERS = st.one_of(st.sampled_from(SPECIALS),
                       st.characters(codec="utf-8", blacklist_characters="\x00"))
LINES = st.one_of(st.text(CHARACTERS, max_size=60), st.sampled_from(CHROME_LINES))
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def article_texts(draw) -> str:
    lines = draw(st.lists(LINES, max_size=12))
    newline = draw(NEWLINES)
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    if draw(st.booleans()):
        title = draw(st.text(CHARACTERS, max_size=30))
        text = f"---{newline}title: {yaml.safe_dump(title, default_style=chr(34)).strip()}" \
               f"{newline}---{newline}{text}"
    return text


def read_or_none(text: str, suffix: str):
    try:
        return parse_article(text.encode("utf-8"), f"seeds/generated{suffix}", suffix)
    except InputError:
        return None


SUFFIXES = st.sampled_from([".txt", ".md"])
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the reader and the span invariants -------------------------------------------------------

@PROPERTY
@given(article_texts(), SUFFIXES)
def test_the_text_is_kept_as_read_but_for_a_leading_bom_lone_crs_and_control_characters(text, suffix):
    article = read_or_none(text, suffix)
    if article is None:
        return
    text = text[1:] if text.startswith("\ufeff") else text
    assert len(article.text) == len(text)
    for kept, original in zip(article.text, text):
        if original == "\r":
            assert kept in "\r\n"
        elif unicodedata.category(original) == "Cc" and original not in "\t\n":
            assert kept in " \n"
        else:
            assert kept == original


@PROPERTY
@given(article_texts(), SUFFIXES)
def test_analysis_text_has_the_same_length_as_the_text(text, suffix):
    article = read_or_none(text, suffix)
    if article is not None:
        assert len(article.analysis_text()) == len(article.text)


@PROPERTY
@given(article_texts(), SUFFIXES)
def test_analysis_text_keeps_every_character_outside_hidden_regions(text, suffix):
    article = read_or_none(text, suffix)
    if article is None:
        return
    hidden = [False] * len(article.text)
    for start, end in article.hidden:
        hidden[start:end] = [True] * (end - start)
    for i, (kept, original) in enumerate(zip(article.analysis_text(), article.text)):
        if not hidden[i]:
            assert kept == original, i


@PROPERTY
@given(article_texts(), SUFFIXES)
def test_hidden_regions_become_spaces_but_keep_their_line_breaks(text, suffix):
    article = read_or_none(text, suffix)
    if article is None:
        return
    analysis = article.analysis_text()
    for start, end in article.hidden:
        for i in range(start, end):
            assert analysis[i] == (article.text[i] if article.text[i] in "\r\n" else " ")


@PROPERTY
@given(article_texts(), SUFFIXES)
def test_hidden_regions_are_sorted_disjoint_and_inside_the_text(text, suffix):
    article = read_or_none(text, suffix)
    if article is None:
        return
    previous_end = -1
    for start, end in article.hidden:
        assert previous_end < start < end <= len(article.text) or 0 == start < end
        previous_end = end


@PROPERTY
@given(article_texts(), SUFFIXES)
def test_a_read_article_has_a_one_line_title(text, suffix):
    article = read_or_none(text, suffix)
    if article is not None:
        assert article.title.strip() and "\n" not in article.title and "\r" not in article.title


# --- escaping (render) --------------------------------------------------------------------------

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences"]
HOSTILE = st.one_of(
    st.text(CHARACTERS, max_size=80),
    st.lists(st.sampled_from(CHROME_LINES + ["<iframe src=x>", "<img src=x onerror=alert(1)>",
                                             "![x](http://evil/x.png)", "&amp;", "&#60;",
                                             "!!! note", "??? note", "```", "1.", "# ", "> ",
                                             "    code", "***", "==="]), max_size=6)
    .map(" ".join))


def rendered(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=EXTENSIONS)


def tags(fragment: str) -> list[str]:
    return re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", fragment)


def visible(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def one_line(value: str) -> str:
    """``value`` with every run of whitespace, line breaks included, as one space."""
    return " ".join(value.split())


def collapsed(value: str) -> str:
    """What Markdown shows of ``value``: whitespace runs as one space, and without STX and ETX,
    which Python-Markdown reserves for its placeholders and strips from any text."""
    return " ".join(value.replace("\x02", "").replace("\x03", "").split())


@PROPERTY
@given(HOSTILE)
def test_escape_markdown_is_one_line(value):
    assert not set(escape.escape_markdown(value)) & {"\n", "\r", "\u2028", "\u0085"}


@PROPERTY
@given(HOSTILE)
def test_escape_markdown_in_a_paragraph_shows_the_text_and_makes_no_markup(value):
    out = rendered(f"Said: {escape.escape_markdown(value)}")
    assert set(tags(out)) <= {"p"}
    assert visible(out).strip() == f"Said: {collapsed(value)}".strip()


@PROPERTY
@given(HOSTILE)
def test_escape_markdown_on_its_own_line_makes_no_markup(value):
    out = rendered(escape.escape_markdown(value))
    assert set(tags(out)) <= {"p"}
    assert visible(out).strip() == collapsed(value)


@PROPERTY
@given(HOSTILE, HOSTILE)
def test_escape_markdown_keeps_a_table_row_to_its_cells(first, second):
    table = f"| A | B |\n| --- | --- |\n| {escape.escape_markdown(first)} | {escape.escape_markdown(second)} |\n"
    out = rendered(table)
    cells = re.findall(r"<td>(.*?)</td>", out, re.S)
    assert len(cells) == 2 and out.count("<tr>") == 2
    assert [visible(c).strip() for c in cells] == [collapsed(first), collapsed(second)]


@PROPERTY
@given(HOSTILE)
def test_escape_markdown_in_a_heading_shows_the_text(value):
    out = rendered(f"# Briefing {escape.escape_markdown(value)}")
    assert set(tags(out)) <= {"h1", "a"}
    heading = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", out)
    assert visible(heading).strip() == f"Briefing {collapsed(value)}".strip()


@PROPERTY
@given(HOSTILE)
def test_escape_html_round_trips_and_leaves_no_markup(value):
    out = escape.escape_html(value)
    assert not set(out) & set("<>\"'\x02\x03")
    assert html.unescape(out) == value.replace("\x02", "").replace("\x03", "")


@PROPERTY
@given(HOSTILE, st.lists(HOSTILE, max_size=3))
def test_front_matter_is_one_block_that_reads_back_as_the_escaped_values(title, tag_list):
    block = escape.front_matter({"title": title, "tags": tag_list})
    lines = block.split("\n")
    assert lines[0] == "---" and lines[-2:] == ["---", ""]
    assert "---" not in lines[1:-2]
    data = yaml.safe_load(block.strip().strip("-")) or {}
    assert html.unescape(data.get("title", "")) == one_line(title)
    assert [html.unescape(t) for t in data.get("tags", [])] == \
        [one_line(t) for t in tag_list if one_line(t)]
    assert "<" not in str(data) and ">" not in str(data)


class _Attributes(html.parser.HTMLParser):
    """The ``data-value`` of each element, as a browser reads it."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values = []

    def handle_starttag(self, tag, attrs):
        self.values += [value for name, value in attrs if name == "data-value"]


def attribute_values(fragment: str) -> list[str]:
    parser = _Attributes()
    parser.feed(fragment)
    return parser.values


QUOTES = st.sampled_from(["\"", "'"])


@PROPERTY
@given(HOSTILE, QUOTES)
def test_an_attribute_in_a_table_cell_holds_exactly_the_value(value, quote):
    cell = f"<button data-value={quote}{escape.escape_attribute(value, quote)}{quote}>x</button>"
    out = rendered(f"| A | B |\n| --- | --- |\n| {cell} | b |\n")
    assert out.count("<td>") == 2 and out.count("<tr>") == 2
    assert attribute_values(out) == [value.replace("\x02", "").replace("\x03", "")]


@PROPERTY
@given(HOSTILE, QUOTES)
def test_an_attribute_in_raw_html_holds_exactly_the_value(value, quote):
    item = f"<li><button data-value={quote}{escape.escape_html_attribute(value, quote)}{quote}>" \
           f"x</button></li>"
    out = rendered(f"<ul>{item}</ul>")
    assert "\n" not in item and set(tags(out)) == {"ul", "li", "button"}
    assert attribute_values(out) == [value.replace("\x02", "").replace("\x03", "")]


@st.composite
def text_with_spans(draw):
    text = draw(article_texts())
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    sentences = list(zip(points[::2], points[1::2]))
    marks = [tuple(sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))))))
             for _ in range(draw(st.integers(0, 3)))]
    hidden = [tuple(sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))))))
              for _ in range(draw(st.integers(0, 2)))]
    return text, sentences, marks, hidden


@PROPERTY
@given(text_with_spans())
def test_source_html_shows_exactly_the_text_on_one_line(case):
    text, sentences, marks, hidden = case
    out = render.source_html(text, sentences, marks, hidden)
    assert "\n" not in out and "\r" not in out
    assert set(tags(out)) <= {"div", "span", "mark"}
    assert visible(out) == text.replace("\r", "").replace("\x02", "").replace("\x03", "")


@PROPERTY
@given(text_with_spans())
def test_source_html_passes_through_markdown_as_the_same_html(case):
    text, sentences, marks, hidden = case
    out = render.source_html(text, sentences, marks, hidden)
    # Python-Markdown strips STX and ETX (its placeholder marks) from any text, raw HTML too.
    assert visible(rendered(out)) == visible(out).replace("\x02", "").replace("\x03", "")
    assert set(tags(rendered(out))) <= {"div", "span", "mark", "p"}


# --- cases the properties found: block extensions, closing hashes, line breaks, tabs ------------

@pytest.mark.parametrize("value", ["!!! note x", "??? note x", "???+ danger onclick"])
@pytest.mark.parametrize("context", ["{}", "- {}", "> {}", "!!! abstract\n    {}"])
def test_escape_markdown_does_not_open_an_admonition_or_details(value, context):
    out = rendered(context.format(escape.escape_markdown(value)))
    assert "admonition note" not in out and "<details" not in out and 'class="note' not in out


@pytest.mark.parametrize("title", ["Strike on C#", "Briefing ##"])
def test_escape_markdown_keeps_a_closing_hash_in_a_heading(title):
    out = rendered(f"# {escape.escape_markdown(title)}")
    heading = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", out)
    assert visible(heading).strip() == title


LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028",
               "\u2029"]


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_front_matter_writes_a_line_break_in_a_value_as_one_space(line_break):
    # yaml.safe_dump would write U+0085, U+2028 and U+2029 raw, and YAML readers fold or keep
    # them each in their own way.
    block = escape.front_matter({"title": f"a{line_break}b", "tags": [f"c{line_break}d"]})
    assert not set(block) & (set("".join(LINE_BREAKS)) - {"\n"})
    data = yaml.safe_load(block.strip().strip("-"))
    assert (data["title"], data["tags"]) == ("a b", ["c d"])


def test_source_html_keeps_tabs_through_markdown():
    out = render.source_html("Casualties:\t40 soldiers", [(0, 24)], [], [])
    assert visible(rendered(out)) == "Casualties:\t40 soldiers"
