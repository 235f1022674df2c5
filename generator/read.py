"""Read stage: an input file → an ``Article`` (decoded text, metadata, the regions to analyse).

The decoded text is kept exactly as read (a leading BOM dropped, no newline translation) so that
every span downstream indexes it. Front matter and site chrome are not cut out: they are listed
as regions the analysis must not see, and ``Article.analysis_text`` blanks them with spaces.
"""
from __future__ import annotations

import datetime
import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

import yaml

from .decode import Decoded, NotText, clean, decode, without_controls
from .language import foreign_language
from .model import Span

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
DEFAULT_MAX_BYTES = 2_000_000
_FRONT_MATTER = re.compile(r"\A---[^\S\n]*\r?\n(.*?\r?\n)?---[^\S\n]*(?:\r?\n|\Z)", re.S)
# An opening '---' line followed by a 'key:' line: front matter, even when it is never closed
# (a Markdown article may also open with a '---' rule, but not with a key).
_UNCLOSED_FRONT_MATTER = re.compile(r"\A---[^\S\n]*\r?\n[A-Za-z_][\w-]*:(?:\s|\Z)")
_TITLE_WORDS = 14


class InputError(Exception):
    """A file the generator cannot turn into a briefing, with the problem and its fix."""

    def __init__(self, path: str, problem: str, fix: str):
        # One line whatever the file is called: control characters in a name are shown escaped.
        shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in path)
        super().__init__(f"{shown}: {problem} ({fix})")
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
    # What the Build report says of a file that was read, but not simply (a guessed encoding,
    # a URL that is not linked...). Not part of the analysis.
    notes: list[str] = field(default_factory=list)

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
def _chrome_rules(extra: tuple[str, ...] = ()) -> tuple[list[re.Pattern], dict[str, list[re.Pattern]]]:
    text = resources.files("generator.data").joinpath("lexicon/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    patterns = [re.compile(p, re.M) for p in [*data["patterns"], *extra]]
    metadata = {key: [re.compile(p, re.M) for p in ([found] if isinstance(found, str) else found)]
                for key, found in data["metadata"].items()}
    return patterns, metadata


def read_article(path: Path, source_file: Optional[str] = None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, chrome_patterns: tuple[str, ...] = (),
                 inside: Optional[Path] = None) -> Article:
    """Reads one input file. Raises ``InputError`` naming the file, the problem and the fix.

    Only a regular file is read, judged by its metadata before a byte is read (a FIFO would
    block, a video would fill the memory); with ``inside``, only one inside that folder,
    symlinks resolved. An article not in English is an error too: it cannot be analysed yet."""
    name = source_file or display_path(path)
    _check_link(path, name, inside)
    try:
        # Non-blocking: opening a FIFO must not wait for a writer. Size and kind come from
        # the open file, so nothing can be swapped in between.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unopenable(path, name, exc) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
            raise InputError(name, f"is {kind}, not a file", "put only article files in seeds/")
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError(name, f"unsupported file type '{suffix or '(none)'}'",
                             "save the article as .txt, .md or .html")
        if status.st_size > max_bytes:
            raise _too_large(name, max_bytes)
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        try:
            # One byte past the limit is enough to know the file is too large.
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(name, f"cannot be read: {exc.strerror or exc}",
                             "check the file and the disk") from None
    article = parse_article(raw, name, suffix, max_bytes=max_bytes,
                            chrome_patterns=chrome_patterns)
    language = foreign_language(article.analysis_text())
    if language is not None:
        raise InputError(name, f"is in {language.described}: language not supported yet",
                         "only articles in English are analysed for now")
    return article


_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)",
          stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device"}


def display_path(path: Path) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not UTF-8
    are shown as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _check_link(path: Path, name: str, inside: Optional[Path]) -> None:
    """A symbolic link (or a path through one) must lead to a file inside ``inside``."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13: a loop
        raise InputError(name, "is a symbolic link that leads round in a loop",
                         "remove the link or point it at the article") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(name, "is a symbolic link that leads round in a loop",
                             "remove the link or point it at the article") from None
        if path.is_symlink():
            raise InputError(name, "is a symbolic link to a file that does not exist",
                             "remove the link or point it at the article") from None
        return  # reported by opening it
    if inside is not None and not target.is_relative_to(Path(inside).resolve()):
        raise InputError(name, "is a symbolic link to a file outside the seeds folder, which "
                               "is not read", "copy the article into the seeds folder")


def _unopenable(path: Path, name: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError(name, "does not exist", "check the file's name and folder")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(name, "cannot be read: permission denied",
                          "check the file's permissions")
    if exc.errno == errno.ELOOP:
        return InputError(name, "is a symbolic link that leads round in a loop",
                          "remove the link or point it at the article")
    if exc.errno == errno.EISDIR:
        return InputError(name, "is a folder, not a file", "name the article files in it")
    return InputError(name, f"cannot be opened: {exc.strerror or exc}", "check the file")


def _too_large(name: str, max_bytes: int) -> InputError:
    return InputError(name, f"is larger than the limit of {max_bytes:,} bytes",
                      "split the article or raise max_input_bytes in mkdocs.yml")


def parse_article(raw: bytes, name: str, suffix: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  chrome_patterns: tuple[str, ...] = ()) -> Article:
    """The article in ``raw``, the bytes of a file called ``name`` with extension ``suffix``.
    Raises ``InputError`` and nothing else, whatever the bytes are."""
    if len(raw) > max_bytes:
        raise _too_large(name, max_bytes)
    if not raw:
        raise InputError(name, "is empty (0 bytes)", "add the article's text or remove the file")
    html = suffix in (".html", ".htm")
    decoded = _decoded(raw, name, html)
    text = decoded.text
    if not text.strip():
        raise InputError(name, "holds only whitespace", "add the article's text or remove the file")
    if html:
        article = _html_article(text, name, chrome_patterns)
    else:
        front: dict = {}
        hidden: list[Span] = []
        if suffix in (".md", ".markdown"):
            front, end = _front_matter(text, name)
            if end:
                hidden.append((0, end))
        article = _text_article(text, name, front, hidden, chrome_patterns)
    article.notes[:0] = decoded.notes
    return article


def _decoded(raw: bytes, name: str, html: bool) -> Decoded:
    try:
        decoded = decode(raw, html)
    except NotText as exc:
        if exc.args[0] == "binary":
            raise InputError(name, "is a binary file, not text",
                             "export the article as plain text") from None
        raise InputError(name, "cannot be decoded as text in any known encoding",
                         "re-save the file as UTF-8") from None
    text, notes = clean(decoded.text)
    return Decoded(text, decoded.notes + notes)


def linkable_url(value: Optional[str]) -> Optional[str]:
    """``value`` when it is safe to link: an http(s) URL or a relative one. Browsers drop tabs
    and line breaks inside a URL and spaces and controls around it, so the scheme is read
    after doing the same ("java\tscript:" is "javascript:")."""
    if not value:
        return None
    probe = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(33))))
    try:
        parts = urlsplit(probe)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value
    return value if not parts.scheme and not probe.startswith("\\") else None


def _front_matter(text: str, name: str) -> tuple[dict, int]:
    """The checked front matter of a Markdown article (title, date, source, url, tags as text)
    and where its block ends; ``({}, 0)`` when there is none."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if _UNCLOSED_FRONT_MATTER.match(text):
            raise InputError(name, "has front matter with no closing '---' line",
                             "end the front matter with a line of three dashes")
        return {}, 0
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        what = f": {exc.problem}" if getattr(exc, "problem", None) else ""
        raise InputError(name, f"has malformed YAML front matter{line}{what}",
                         "fix the block between the '---' lines") from None
    # PyYAML raises more than YAMLError on hostile text: ValueError for a date such as
    # 2020-13-45, RecursionError for deep nesting, AttributeError for '!!timestamp x'.
    except Exception as exc:
        reason = f": {' '.join(str(exc).split())[:80]}" if isinstance(exc, ValueError) else ""
        raise InputError(name, f"has malformed YAML front matter{reason}",
                         "fix the block between the '---' lines") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(name, "has front matter that is not a mapping of keys to values",
                         "write it as 'key: value' lines")
    return _checked_front(data, name), match.end()


def _checked_front(data: dict, name: str) -> dict:
    """The front matter values the reader uses, as text; a value of the wrong kind is an error
    rather than something printed as ``[1, 2]`` or ``False``."""
    front: dict = {}
    for key in ("title", "source", "url"):
        value = data.get(key)
        if value is None:
            continue
        if not _is_text_like(value):
            raise InputError(name, f"has a front matter '{key}' that is {_kind(value)}, not text",
                             f"put the {key} in quotes: {key}: \"...\"")
        front[key] = _scalar_text(value)
    if data.get("date") is not None:
        date = _iso_date(data["date"])
        if date is None:
            raise InputError(name, "has a front matter 'date' that is not a date",
                             "write the date as YYYY-MM-DD")
        front["date"] = date
    tags = data.get("tags")
    if tags is not None:
        if isinstance(tags, str):
            tags = tags.split(",")
        elif _is_text_like(tags):
            tags = [tags]
        if not isinstance(tags, list) or not all(_is_text_like(t) for t in tags if t is not None):
            raise InputError(name, "has front matter 'tags' that are not a list of words",
                             "write them as tags: [first, second]")
        front["tags"] = [_scalar_text(t) for t in tags if t is not None and _scalar_text(t)]
    return front


def _is_text_like(value) -> bool:
    # bool is left out: YAML reads 'title: No' as False, which is not what the editor wrote.
    return isinstance(value, (str, int, float, datetime.date)) and not isinstance(value, bool)


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    return f"a {type(value).__name__}"


def _scalar_text(value) -> str:
    """A metadata value as one line: titles, sources and tags are shown on a line of their own."""
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    return " ".join(without_controls(text).split())


def _text_article(text: str, name: str, front: dict, hidden: list[Span],
                  chrome_patterns: tuple[str, ...]) -> Article:
    patterns, metadata_rules = _chrome_rules(tuple(chrome_patterns))
    body_start = hidden[0][1] if hidden else 0
    metadata: dict[str, str] = {}
    for key, rules in metadata_rules.items():
        match = next((m for m in (rule.search(text, body_start) for rule in rules) if m), None)
        if match and key not in front:
            metadata[key] = match.group(1).strip()
            hidden.append(match.span())
    for rule in patterns:
        hidden.extend(m.span() for m in rule.finditer(text, body_start) if m.end() > m.start())
    hidden = _merge(hidden)
    url = _text_or_none(front.get("url")) or metadata.get("url")
    notes = []
    if url and not linkable_url(url):
        notes.append(f"its url {without_controls(url)[:80]!r} is not an http(s) link, so it is "
                     "not linked")
        url = None
    article = Article(source_file=name, text=text, title="", hidden=hidden,
                      date=_iso_date(front.get("date")) or _iso_date(metadata.get("date")),
                      source=_text_or_none(front.get("source")) or metadata.get("source"),
                      url=url, tags=list(front.get("tags") or []), notes=notes)
    visible = article.analysis_text()
    if not visible.strip():
        raise InputError(name, "has no text outside front matter and site chrome",
                         "add the article's text")
    article.title = (_text_or_none(front.get("title")) or derive_title(visible)
                     or Path(name).stem)
    return article


def _html_article(html: str, name: str, chrome_patterns: tuple[str, ...]) -> Article:
    """The main text of a web page (trafilatura); spans index that extracted text."""
    import trafilatura

    try:
        # Dates only from the page's markup (meta tags, <time>, JSON-LD): the extensive search
        # also guesses, and dates a page 2020-01-01 for a "Copyright 2020" footer.
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True})
        document = (document.as_dict() if hasattr(document, "as_dict") else document) or {}
    # lxml and trafilatura were not written for hostile pages; whatever they raise, the page
    # is at fault.
    except Exception:
        document = {}
    # An entity such as "&#27;" in the page is a control character in the extracted text.
    body, notes = clean(document.get("text") or "")
    if not body.strip():
        raise InputError(name, "has no article text that could be extracted from the HTML",
                         "save the article's text as .txt or .md instead")
    front = {key: document.get(key) for key in ("title", "date", "url")}
    front["source"] = document.get("sitename") or document.get("hostname")
    front["tags"] = [_scalar_text(t) for t in (document.get("tags") or []) if _scalar_text(t)]
    article = _text_article(body, name, {k: v for k, v in front.items() if v}, [],
                            chrome_patterns)
    article.notes[:0] = notes
    return article


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
    """``YYYY-MM-DD`` of a date, a datetime or text that starts with a valid ISO date."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4}-\d{2}-\d{2})(?![\d])", value)
    try:
        return datetime.date.fromisoformat(match.group(1)).isoformat() if match else None
    except ValueError:
        return None


def _text_or_none(value) -> Optional[str]:
    return (_scalar_text(value) if value is not None else "") or None
