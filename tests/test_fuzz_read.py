"""Fuzzing the reader: whatever the bytes of a file, reading it gives an Article or raises
InputError, never anything else."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.read import SUPPORTED_SUFFIXES, Article, InputError, parse_article

FUZZ = settings(max_examples=400, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = st.sampled_from(SUPPORTED_SUFFIXES)
# Starts that send the reader down its other paths: byte order marks, front matter, HTML.
PREFIXES = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
                            b"---\n", b"---\r\n", b"---\ntitle: ", b"---\ndate: ", b"---\ntags: ",
                            b"<html><body><article><p>", b"\x93", b"\x00"])
YAMLISH = st.lists(st.sampled_from([b"title", b"date", b"tags", b"source", b"url", b": ", b"\n",
                                    b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!", b"'",
                                    b'"', b"2020-13-45", b"2020-10-01", b"no", b"---\n", b"|",
                                    b"\t", b"\r\n", b"\x85", b"%", b"@", b"\xe9"]), max_size=30
                   ).map(b"".join)


def read_any(raw: bytes, suffix: str) -> None:
    try:
        article = parse_article(raw, f"seeds/fuzz{suffix}", suffix, max_bytes=50_000)
    except InputError as error:
        assert error.path == f"seeds/fuzz{suffix}" and error.problem and error.fix
        assert "\n" not in str(error)
        return
    assert isinstance(article, Article)
    assert len(article.analysis_text()) == len(article.text)
    assert article.title and article.sha256


@FUZZ
@given(st.binary(max_size=3000), SUFFIXES)
@example(bytes(range(256)) * 4, ".txt")
@example(b"\xff\xfe" + b"a", ".txt")
@example(b"\xff\xfe\x00\x00" + b"abc", ".md")
def test_random_bytes_give_an_article_or_an_input_error(raw, suffix):
    read_any(raw, suffix)


@FUZZ
@given(PREFIXES, st.binary(max_size=500), SUFFIXES)
def test_random_bytes_after_a_telling_start_give_an_article_or_an_input_error(prefix, rest, suffix):
    read_any(prefix + rest, suffix)


@FUZZ
@given(YAMLISH, st.sampled_from([b"\n---\n", b"\r\n---\r\n", b""]), st.binary(max_size=200))
@example(b"tags: " + b"[" * 3000, b"\n---\n", b"Body text here.")
@example(b"date: !!timestamp x", b"\n---\n", b"Body text here.")
@example(b"tags: &a [*a, *a]", b"\n---\n", b"Body text here.")
def test_random_front_matter_gives_an_article_or_an_input_error(front, close, body):
    read_any(b"---\n" + front + close + body, ".md")


@FUZZ
@given(st.text(max_size=2000), SUFFIXES, st.sampled_from(["utf-8", "utf-16", "utf-16-le",
                                                          "utf-32", "cp1252", "latin-1"]))
def test_random_text_in_any_encoding_gives_an_article_or_an_input_error(text, suffix, encoding):
    read_any(text.encode(encoding, errors="replace"), suffix)
