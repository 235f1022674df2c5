"""The reader: every input is checked, a bad one gives a one-line error naming the file, the
problem and the fix, and a good one keeps its text exactly as read."""
from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.read import Article, InputError, parse_article, read_article

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_2246abfc2cbd99d3.txt"
BODY = "Nikol Pashinyan said on Thursday that talks were not possible.\n"


def read(raw: bytes, suffix: str = ".txt", **options) -> Article:
    return parse_article(raw, f"seeds/article{suffix}", suffix, **options)


def problem(raw: bytes, suffix: str = ".txt", **options) -> InputError:
    with pytest.raises(InputError) as caught:
        read(raw, suffix, **options)
    return caught.value


# --- encodings -------------------------------------------------------------------------------

def test_cp1252_curly_quotes_and_accents_are_decoded_not_rejected():
    raw = b"\x93We will not negotiate,\x94 the minister told the caf\xe9 owners in Stepanakert.\n"
    assert read(raw).text == "\u201cWe will not negotiate,\u201d the minister told the caf\u00e9 owners in Stepanakert.\n"


def test_latin1_text_is_decoded():
    raw = "The minister told Andr\u00e9 M\u00fcller that the tr\u00eave had failed.\n".encode("latin-1")
    assert "Andr\u00e9 M\u00fcller" in read(raw).text


def test_utf8_byte_order_mark_is_dropped():
    assert read(b"\xef\xbb\xbf" + BODY.encode()).text == BODY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_decoded_with_or_without_a_byte_order_mark(encoding):
    text = "Nikol Pashinyan said on Thursday that talks were not possible.\r\nThe ministry agreed.\n"
    assert read(text.encode(encoding)).text == text


def test_line_feeds_and_crlf_are_kept_and_a_lone_carriage_return_is_read_as_a_line_feed():
    text = "First line of the article here.\r\nSecond line.\rThird line.\n"
    assert read(text.encode()).text == "First line of the article here.\r\nSecond line.\nThird line.\n"


# --- bad inputs ------------------------------------------------------------------------------

def test_an_empty_file_is_an_error():
    assert problem(b"").problem == "is empty (0 bytes)"


def test_a_whitespace_only_file_is_an_error():
    assert problem(b" \r\n\t \n").problem == "holds only whitespace"


def test_a_binary_file_is_an_error():
    assert problem(bytes(range(256)) * 8).problem == "is a binary file, not text"


def test_a_png_is_a_binary_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert problem(png).problem == "is a binary file, not text"


def test_a_file_over_the_size_limit_is_an_error_and_the_limit_is_configurable():
    raw = BODY.encode() * 10
    assert read(raw, max_bytes=len(raw)).text
    error = problem(raw, max_bytes=len(raw) - 1)
    assert "larger than the limit" in error.problem and "max_input_bytes" in error.fix


def test_read_article_does_not_read_more_than_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(InputError, match="larger than the limit of 100 bytes"):
        read_article(big, "seeds/big.txt", max_bytes=100)


def test_the_pipeline_passes_its_size_limit_to_the_reader(tmp_path):
    (tmp_path / "a.txt").write_bytes(BODY.encode() * 3)
    articles, errors = pipeline.read_all([tmp_path / "a.txt"],
                                         pipeline.Settings(root=tmp_path, max_input_bytes=50))
    assert not articles and "larger than the limit of 50 bytes" in errors[0].problem


def test_an_unsupported_extension_is_an_error(tmp_path):
    doc = tmp_path / "article.docx"
    doc.write_bytes(BODY.encode())
    with pytest.raises(InputError, match=r"unsupported file type '\.docx'"):
        read_article(doc)


def test_a_file_without_an_extension_is_an_error(tmp_path):
    bare = tmp_path / "README"
    bare.write_bytes(BODY.encode())
    with pytest.raises(InputError, match=r"unsupported file type '\(none\)'"):
        read_article(bare)


def test_malformed_front_matter_is_an_error_with_its_line():
    error = problem(b'---\ndate: 2020-10-01\ntitle: "a": b\n---\n' + BODY.encode(), ".md")
    assert error.problem == "has malformed YAML front matter at line 3: mapping values are not allowed here"


def test_an_impossible_date_in_front_matter_is_an_error_not_a_crash():
    error = problem(b"---\ndate: 2020-13-45\n---\n" + BODY.encode(), ".md")
    assert error.problem.startswith("has malformed YAML front matter")


def test_deeply_nested_front_matter_is_an_error_not_a_crash():
    error = problem(b"---\ntags: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n" + BODY.encode(), ".md")
    assert error.problem.startswith("has malformed YAML front matter")


def test_front_matter_that_is_not_a_mapping_is_an_error():
    assert "not a mapping" in problem(b"---\n- a\n- b\n---\n" + BODY.encode(), ".md").problem


def test_front_matter_never_closed_is_an_error():
    error = problem(b"---\ntitle: Talks\ndate: 2020-10-01\n" + BODY.encode(), ".md")
    assert error.problem == "has front matter with no closing '---' line"


def test_a_markdown_article_opening_with_a_rule_is_not_front_matter():
    assert read(b"---\n" + BODY.encode(), ".md").hidden == []


def test_a_file_that_is_only_front_matter_is_an_error():
    error = problem(b"---\ntitle: Talks resume\ndate: 2020-10-01\n---\n\n", ".md")
    assert error.problem == "has no text outside front matter and site chrome"


def test_a_file_that_is_only_site_chrome_is_an_error():
    assert "no text outside" in problem(b"Advertisement\nRead more here\n").problem


@pytest.mark.parametrize("value, kind", [("[1, 2]", "a list"), ("{a: b}", "a mapping"),
                                         ("no", "true/false")])
def test_a_title_that_is_not_text_is_an_error(value, kind):
    error = problem(f"---\ntitle: {value}\n---\n{BODY}".encode(), ".md")
    assert error.problem == f"has a front matter 'title' that is {kind}, not text"
    assert error.fix == 'put the title in quotes: title: "..."'


def test_a_number_title_is_text():
    assert read(f"---\ntitle: 1915\n---\n{BODY}".encode(), ".md").title == "1915"


@pytest.mark.parametrize("value", ["yesterday", "[2020-10-01]", "2020", "'2020-02-30'"])
def test_a_date_that_is_not_a_date_is_an_error(value):
    error = problem(f"---\ndate: {value}\n---\n{BODY}".encode(), ".md")
    assert error.problem == "has a front matter 'date' that is not a date"


@pytest.mark.parametrize("value", ["2020-10-01", "'2020-10-01'", "2020-10-01T08:30:00Z"])
def test_dates_in_front_matter_are_read_as_iso_days(value):
    assert read(f"---\ndate: {value}\n---\n{BODY}".encode(), ".md").date == "2020-10-01"


def test_tags_written_as_one_string_are_split_on_commas_not_into_letters():
    assert read(f"---\ntags: war, talks\n---\n{BODY}".encode(), ".md").tags == ["war", "talks"]


def test_tags_that_are_a_mapping_are_an_error():
    error = problem(f"---\ntags: {{a: b}}\n---\n{BODY}".encode(), ".md")
    assert "not a list of words" in error.problem


def test_a_web_page_with_no_main_text_is_an_error():
    error = problem(b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
                    ".html")
    assert error.problem == "has no article text that could be extracted from the HTML"


def test_a_web_page_gives_its_main_text_and_title():
    page = read(b"<html><head><title>Shelling continues</title></head><body><nav>Home | News</nav>"
                b"<article><p>Armenian officials said that the shelling of Stepanakert continued "
                b"on Saturday &amp; Sunday, and that 20 soldiers were wounded.</p></article></body></html>",
                ".html")
    assert page.title == "Shelling continues" and "Saturday & Sunday" in page.text
    assert "Home | News" not in page.text


def test_a_web_page_is_dated_by_its_markup_not_by_its_copyright_line():
    body = (b"<article><p>Armenian officials said that the shelling of Stepanakert continued on "
            b"Saturday, and that 20 soldiers were wounded near Martuni.</p></article>"
            b"<footer>Copyright 2020</footer>")
    assert read(b"<html><body>" + body + b"</body></html>", ".html").date is None
    dated = b'<html><head><meta property="article:published_time" content="2020-10-03T10:00:00Z">' \
            b"</head><body>" + body + b"</body></html>"
    assert read(dated, ".html").date == "2020-10-03"


def test_an_error_is_one_line_naming_the_file_the_problem_and_the_fix():
    error = problem(b"", ".txt")
    assert str(error) == "seeds/article.txt: is empty (0 bytes) (add the article's text or remove the file)"
    assert "\n" not in str(error)


def test_a_file_name_with_a_newline_still_gives_a_one_line_error():
    with pytest.raises(InputError) as caught:
        parse_article(b"", "seeds/a\nb.txt", ".txt")
    assert "\n" not in str(caught.value) and caught.value.path == "seeds/a\nb.txt"


# --- what a good input keeps ----------------------------------------------------------------

def test_front_matter_is_hidden_from_the_analysis_but_kept_in_the_text():
    front = "---\ntitle: Talks\n---\n"
    article = read((front + BODY).encode(), ".md")
    assert article.text == front + BODY and article.hidden == [(0, len(front))]
    assert article.analysis_text() == "   \n" + " " * len("title: Talks") + "\n   \n" + BODY


def test_crlf_front_matter_is_hidden_and_its_newlines_kept():
    front = "---\r\ntitle: Talks\r\n---\r\n"
    article = read((front + BODY).encode(), ".md")
    assert article.title == "Talks" and article.hidden == [(0, len(front))]
    assert article.analysis_text() == "   \r\n" + " " * len("title: Talks") + "\r\n   \r\n" + BODY


def test_a_derived_title_comes_from_the_text():
    assert read(BODY.encode()).title == "Nikol Pashinyan said on Thursday that talks were not possible"


# --- duplicate titles --------------------------------------------------------------------------

def article(name: str, title: str) -> Article:
    return Article(source_file=name, text=BODY, title=title)


def test_duplicate_titles_get_distinct_slugs_the_first_file_keeping_the_plain_one():
    ids = pipeline.assign_ids([article("seeds/b.txt", "Talks fail"), article("seeds/a.txt", "Talks fail")])
    assert ids["seeds/a.txt"] == "talks-fail"
    assert ids["seeds/b.txt"].startswith("talks-fail-") and ids["seeds/b.txt"] != "talks-fail"


def test_slugs_do_not_depend_on_the_order_files_are_given_in():
    articles = [article(f"seeds/{n}.txt", "Talks fail") for n in "dcab"]
    assert pipeline.assign_ids(articles) == pipeline.assign_ids(sorted(articles, key=lambda a: a.source_file))


def test_a_duplicate_keeps_its_slug_across_rebuilds():
    first = pipeline.assign_ids([article("seeds/a.txt", "Talks"), article("seeds/b.txt", "Talks")])
    again = pipeline.assign_ids([article("seeds/a.txt", "Talks"), article("seeds/b.txt", "Talks")])
    assert first == again
    assert first["seeds/b.txt"] == "talks-" + hashlib.sha1(b"seeds/b.txt").hexdigest()[:6]


def test_a_title_with_no_letters_still_gets_a_slug():
    ids = pipeline.assign_ids([article("seeds/a.txt", "!!! | <>"), article("seeds/b.txt", "???")])
    assert ids["seeds/a.txt"] == "briefing" and ids["seeds/b.txt"].startswith("briefing-")


# --- through the real pipeline --------------------------------------------------------------

@pytest.fixture(scope="module")
def lf_and_crlf(tmp_path_factory) -> pipeline.Outcome:
    folder = tmp_path_factory.mktemp("crlf")
    seed = SEED.read_bytes().replace(b"\r\n", b"\n")
    (folder / "lf.txt").write_bytes(seed)
    (folder / "crlf.txt").write_bytes(seed.replace(b"\n", b"\r\n"))
    return pipeline.run([folder / "crlf.txt", folder / "lf.txt"],
                        pipeline.Settings(root=folder, cache_dir=None, n_process=1))


def test_a_crlf_article_keeps_its_carriage_returns(lf_and_crlf):
    crlf = lf_and_crlf.articles[0]
    assert crlf.source_file == "crlf.txt" and crlf.text.count("\r\n") == crlf.text.count("\n") > 0


def test_spans_of_a_crlf_article_index_its_raw_text(lf_and_crlf):
    crlf, briefing = lf_and_crlf.articles[0], lf_and_crlf.briefings[0]
    assert briefing.positions and briefing.figures
    for position in briefing.positions:
        assert crlf.text[slice(*position.content_span)] == position.content
    for figure in briefing.figures:
        assert crlf.text[slice(*figure.span)] == figure.text


def test_a_crlf_article_gives_the_same_findings_as_its_lf_copy_shifted_by_its_carriage_returns(lf_and_crlf):
    crlf = lf_and_crlf.articles[0]
    with_cr, without_cr = lf_and_crlf.briefings

    def shifted(span):
        return tuple(offset - crlf.text.count("\r", 0, offset) for offset in span)
    assert [(f.text, shifted(f.span)) for f in with_cr.figures] == [(f.text, f.span) for f in without_cr.figures]
    assert [shifted(p.content_span) for p in with_cr.positions] == [p.content_span for p in without_cr.positions]


# --- extract --strict ---------------------------------------------------------------------------

@pytest.fixture
def extract(tmp_path, monkeypatch, capsys):
    """``python -m generator extract --no-cache --jsonl good.txt empty.txt *ARGS`` in a folder
    holding a seed and an empty file, run in this process (whose pipeline is loaded once)."""
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        argv = ["extract", "--no-cache", "--jsonl", "good.txt", "empty.txt", *args]
        returncode = cli.main(argv)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(argv, returncode, out, err)
    return run


def test_extract_reports_a_bad_input_and_still_prints_the_good_ones(extract):
    result = extract()
    assert result.returncode == 0
    assert "error: empty.txt: is empty (0 bytes)" in result.stderr
    assert [json.loads(line)["source_file"] for line in result.stdout.splitlines()] == ["good.txt"]


def test_extract_strict_exits_non_zero_when_an_input_failed(extract):
    result = extract("--strict")
    assert result.returncode == 1 and result.stdout.strip()


def test_a_wire_dateline_names_the_source():
    article = parse_article(b"KYIV, March 3 (Reuters) - Ukraine said on Tuesday it would not agree.",
                            "wire.txt", ".txt")
    assert article.source == "Reuters"
