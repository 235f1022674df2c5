"""Escaping: text from articles as data in Markdown, raw HTML, attributes and YAML front matter.

Every template puts article text through one of these (``md``, ``html``, ``attr``...): Markdown
and HTML specials become character references, newlines spaces, so a value can never open a
construct or a new block; front matter goes through ``yaml.safe_dump``.
"""
from __future__ import annotations

import html
import re

import yaml
from markupsafe import escape

# Characters that open Markdown or HTML constructs anywhere in a line: emphasis, code, links,
# attribute lists, table cells, entities, tags, and the marks of common extensions (~ ^ = : $).
# "#" too: it opens a heading at the start of a line, and at the end of a heading Markdown drops
# it as a closing mark ("Strike on C#" would show as "Strike on C").
_INLINE_SPECIALS = re.compile(r"[\\`*_{}\[\]<>&|~^=:$#]")
# ...and those that do so only at the start of a line: lists, ordered lists, admonitions (!!!)
# and details blocks (???).
_LINE_START_SPECIALS = ("+", "-", "!", "?")
_ORDERED_ITEM = re.compile(r"\d+([.)])")


def escape_markdown(value: object) -> str:
    """Inline Markdown that renders as exactly ``value``: specials become numeric character
    references (valid in every Markdown context, including table cells), whitespace runs and
    newlines become one space so a value can never open a new block."""
    if value is None:
        return ""
    text = " ".join(_without_placeholder_marks(str(value)).split())
    text = _INLINE_SPECIALS.sub(lambda m: f"&#{ord(m.group())};", text)
    return _escape_line_start(text)


def _escape_line_start(text: str) -> str:
    if text[:1] in _LINE_START_SPECIALS:
        return f"&#{ord(text[0])};{text[1:]}"
    match = _ORDERED_ITEM.match(text)
    if match:
        mark = match.start(1)
        return f"{text[:mark]}&#{ord(text[mark])};{text[mark + 1:]}"
    return text


def escape_html(value: object) -> str:
    """Text for raw HTML. Raw HTML still passes through Markdown, hence no placeholder marks."""
    return str(escape("" if value is None else _without_placeholder_marks(str(value))))


# In an attribute, also the quote that would end it and the line breaks a snippet keeps.
_MARKDOWN_SPECIALS = r"\\`*_{}\[\]<>&|~^=:$#\n\r\t"
_ATTRIBUTE_SPECIALS = {quote: re.compile(f"[{_MARKDOWN_SPECIALS}{quote}]") for quote in "\"'"}


def escape_attribute(value: object, quote: str = '"') -> str:
    """Text for an HTML attribute value in ``quote`` anywhere on a page, raw HTML or a Markdown
    table cell: every character Markdown or HTML could read as markup becomes a character
    reference, line breaks included (``&#10;``), so the attribute holds exactly ``value``. The
    other quote is left as it is: a JSON value in single quotes keeps its double quotes short."""
    text = _without_placeholder_marks("" if value is None else str(value))
    return _ATTRIBUTE_SPECIALS[quote].sub(lambda m: f"&#{ord(m.group())};", text)


def escape_html_attribute(value: object, quote: str = '"') -> str:
    """Text for an attribute in ``quote`` in raw HTML (which Markdown leaves alone):
    HTML-escaped, its line breaks kept as ``&#10;`` so the raw HTML stays one line, and its tabs
    as ``&#9;`` (Markdown expands a tab in raw HTML into spaces); the other quote left as it is."""
    text = escape_html(value).replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")
    # escape_html writes every ``"`` as ``&#34;`` and every ``&`` as ``&amp;``, so no other
    # ``&#34;`` is in the text
    return text.replace("&#34;", '"') if quote == "'" else text


def _without_placeholder_marks(text: str) -> str:
    # Python-Markdown marks its placeholders with STX and ETX and drops them from any text: left
    # in, they would let an article forge a placeholder, or leave a double space where one went.
    return text.replace("\x02", "").replace("\x03", "")


def front_matter(data: dict) -> str:
    """A YAML front matter block. Themes print ``title``, ``description`` and tag names into
    HTML unescaped (MkDocs treats a page title as HTML), so every string is HTML-escaped first;
    the YAML dumper then quotes it, never a template. Strings are one line, as ``md`` makes
    them. Empty values are left out (a ``date: null`` would confuse plugins reading dates)."""
    data = {key: _html_strings(value) for key, value in data.items()}
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False,
                          width=10_000)
    return f"---\n{body}---\n"


def _html_strings(value):
    # Whitespace runs become one space: yaml.safe_dump writes some line breaks (U+0085, U+2028,
    # U+2029) raw, and YAML readers fold them into spaces or keep them, each in its own way.
    # Apostrophes stay: attributes are double-quoted, and feeds that escape again would show
    # "&#39;" in every "Azerbaijan's".
    if isinstance(value, str):
        return html.escape(" ".join(value.split()), quote=False).replace('"', "&quot;")
    if isinstance(value, list):
        return [item for item in map(_html_strings, value) if item != ""]
    return value
