"""Read stage: an input file → an ``Article`` (decoded text, metadata, the regions to analyse).

The decoded text is kept exactly as read (a leading BOM dropped, no newline translation) so that
every span downstream indexes it. Front matter and site chrome are not cut out: they are listed
as regions the analysis must not see, and ``Article.analysis_text`` blanks them with spaces.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

import yaml

from .model import Span

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_BYTES = 2_000_000
_FRONT_MATTER = re.compile(r"\A---[^\S\n]*\r?\n(.*?\r?\n)?---[^\S\n]*(?:\r?\n|\Z)", re.S)
_TITLE_WORDS = 14


class InputError(Exception):
    """A file the generator cannot turn into a briefing, with the problem and its fix."""

    def __init__(self, path: str, problem: str, fix: str):
        super().__init__(f"{path}: {problem} ({fix})")
        self.path, self.problem, self.fix = path, problem, fix


@dataclass
class Article:
    source_file: str
    text: str
    title: str
    date: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    tags: list[str] = field(default_factory=list)
    hidden: list[Span] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def analysis_text(self) -> str:
        """The text with hidden regions blanked: same length, newlines kept, offsets intact."""
        chars = list(self.text)
        for start, end in self.hidden:
            for i in range(start, end):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)


@lru_cache(maxsize=4)
def _chrome_rules(extra: tuple[str, ...] = ()) -> tuple[list[re.Pattern], dict[str, re.Pattern]]:
    text = resources.files("generator.data").joinpath("lexicon/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    patterns = [re.compile(p, re.M) for p in [*data["patterns"], *extra]]
    metadata = {key: re.compile(p, re.M) for key, p in data["metadata"].items()}
    return patterns, metadata


def read_article(path: Path, source_file: Optional[str] = None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, chrome_patterns: tuple[str, ...] = ()) -> Article:
    """Reads one input file. Raises ``InputError`` naming the file, the problem and the fix."""
    name = source_file or str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(name, f"unsupported file type '{suffix or '(none)'}'",
                         "save the article as .txt, .md or .html")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read: {exc.strerror or exc}", "check the file's permissions")
    return parse_article(raw, name, suffix, max_bytes=max_bytes, chrome_patterns=chrome_patterns)


def parse_article(raw: bytes, name: str, suffix: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  chrome_patterns: tuple[str, ...] = ()) -> Article:
    if len(raw) > max_bytes:
        raise InputError(name, f"is {len(raw):,} bytes, over the limit of {max_bytes:,}",
                         "split the article or raise max_input_bytes in mkdocs.yml")
    text = decode(raw, name)
    if not text.strip():
        raise InputError(name, "is empty", "add the article's text or remove the file")
    if suffix in (".html", ".htm"):
        return _html_article(text, name, chrome_patterns)
    front: dict = {}
    hidden: list[Span] = []
    if suffix in (".md", ".markdown"):
        front, end = _front_matter(text, name)
        if end:
            hidden.append((0, end))
    return _text_article(text, name, front, hidden, chrome_patterns)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 when it is UTF-8, else the encoding charset-normalizer detects (cp1252, Latin-1...)."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "is a binary file, not text", "export the article as plain text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect_and_decode(raw, name)
    if _looks_binary(text):
        raise InputError(name, "is a binary file, not text", "export the article as plain text")
    return text


def _detect_and_decode(raw: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(name, "cannot be decoded as text in any known encoding",
                         "re-save the file as UTF-8")
    text = str(best)
    return text[1:] if text.startswith("\ufeff") else text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return controls > max(8, len(sample) // 20)


def _front_matter(text: str, name: str) -> tuple[dict, int]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        raise InputError(name, f"has malformed YAML front matter{line}",
                         "fix the block between the '---' lines") from None
    if not isinstance(data, dict):
        raise InputError(name, "has front matter that is not a mapping of keys to values",
                         "write it as 'key: value' lines")
    return data, match.end()


def _text_article(text: str, name: str, front: dict, hidden: list[Span],
                  chrome_patterns: tuple[str, ...]) -> Article:
    patterns, metadata_rules = _chrome_rules(tuple(chrome_patterns))
    body_start = hidden[0][1] if hidden else 0
    metadata: dict[str, str] = {}
    for key, rule in metadata_rules.items():
        match = rule.search(text, body_start)
        if match and key not in front:
            metadata[key] = match.group(1).strip()
            hidden.append(match.span())
    for rule in patterns:
        hidden.extend(m.span() for m in rule.finditer(text, body_start) if m.end() > m.start())
    hidden = _merge(hidden)
    article = Article(source_file=name, text=text, title="", hidden=hidden,
                      date=_iso_date(front.get("date")) or metadata.get("date"),
                      source=_text_or_none(front.get("source")) or metadata.get("source"),
                      url=_text_or_none(front.get("url")) or metadata.get("url"),
                      tags=[str(t) for t in front.get("tags") or [] if str(t).strip()])
    article.title = _text_or_none(front.get("title")) or derive_title(article.analysis_text())
    if not article.title:
        raise InputError(name, "has no text outside front matter and site chrome",
                         "add the article's text")
    return article


def _html_article(html: str, name: str, chrome_patterns: tuple[str, ...]) -> Article:
    """The main text of a web page (trafilatura); spans index that extracted text."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=False, as_dict=True)
    body = (document or {}).get("text") or ""
    if not body.strip():
        raise InputError(name, "has no article text that could be extracted from the HTML",
                         "save the article's text as .txt or .md instead")
    front = {key: (document or {}).get(key) for key in ("title", "date", "url")}
    front["source"] = (document or {}).get("sitename") or (document or {}).get("hostname")
    front["tags"] = [t for t in ((document or {}).get("tags") or [])]
    return _text_article(body, name, {k: v for k, v in front.items() if v}, [], chrome_patterns)


def derive_title(text: str) -> str:
    """A headline-like line (short, no closing full stop), else the lead sentence shortened on
    a word boundary."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        words = line.split()
        if 2 <= len(words) <= _TITLE_WORDS and line[-1] not in ".,;:!?\u201d\"'\u00bb)" \
                and line[0].isupper():
            return line
    if not lines:
        return ""
    lead = re.split(r"(?<=[.!?])\s", lines[0], maxsplit=1)[0].rstrip(".")
    words = lead.split()
    return lead if len(words) <= _TITLE_WORDS else " ".join(words[:_TITLE_WORDS]) + "\u2026"


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _iso_date(value) -> Optional[str]:
    if value is None:
        return None
    text = str(value).strip()
    match = re.match(r"(\d{4}-\d{2}-\d{2})", text)
    return match.group(1) if match else None


def _text_or_none(value) -> Optional[str]:
    text = str(value).strip() if value is not None else ""
    return text or None
