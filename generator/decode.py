"""Decoding an input file's bytes into the text a person wrote, and saying how when it was not
plain UTF-8.

The order: a byte order mark; UTF-8; the encoding an HTML page declares (``<meta charset>``,
with the WHATWG label rules browsers use, so "ISO-8859-1" reads as windows-1252); UTF-8 with a
few bytes that are not UTF-8 (each read as windows-1252, a character cut at the end replaced);
UTF-16 or UTF-32 without a byte order mark; and last a guess that weighs English text with a
few accented names toward windows-1252 rather than a Central European or DOS code page. Every
decoding but the first three comes with a note for the Build report.

The decoded text keeps its length through the clean-up that follows (``clean``): a lone carriage
return is read as a line feed, and control characters that no text format downstream accepts
(feeds are XML) become spaces, so every offset into the text stays valid.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE_ENCODINGS = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">, looked
# for in the first 1024 bytes as browsers do.
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]+)", re.I)
# Share of bytes above 0x7F up to which text that windows-1252 decodes is taken as English (or
# other Western European) text with a few accented names, quotes and dashes.
_FEW_HIGH_BYTES = 0.03
# Languages charset-normalizer names for text that windows-1252 writes.
_WESTERN = {"English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch",
            "Danish", "Norwegian", "Swedish", "Finnish", "Catalan", "Icelandic", "Irish"}
# Characters no XML 1.0 document (feeds) may hold, and C1 controls, which no editor means.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LONE_CR = re.compile(r"\r(?!\n)")
_STRAY = re.compile("[\udc80-\udcff]")


class NotText(ValueError):
    """Bytes that are no text in any encoding tried; ``args[0]`` says which problem."""


@dataclass
class Decoded:
    text: str
    # How the text was decoded when it was not UTF-8, a byte order mark or a declaration.
    notes: list[str] = field(default_factory=list)


def decode(raw: bytes, html: bool = False) -> Decoded:
    """The text of ``raw`` (a leading byte order mark dropped), newlines left as they are.
    Raises ``NotText`` ("binary" or "undecodable") for bytes that are not text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return _checked(Decoded(raw.decode(encoding)))
            except UnicodeDecodeError:
                return _checked(_unmarked(raw[len(mark):], html))
    return _checked(_unmarked(raw, html))


def clean(text: str) -> tuple[str, list[str]]:
    """``text`` with lone carriage returns read as line feeds and control characters as spaces
    (form feeds and vertical tabs as line feeds): the same length, so offsets stay valid."""
    notes = []
    text = _LONE_CR.sub("\n", text)
    found = _CONTROLS.findall(text)
    if found:
        text = _CONTROLS.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else " ", text)
        kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
        notes.append(f"{len(found)} control character{'s' * (len(found) != 1)} ({kinds}) "
                     "replaced by spaces")
    return text, notes


def without_controls(text: str) -> str:
    """``text`` with every control character but tabs and line breaks replaced by a space."""
    return _CONTROLS.sub(" ", text)


def _checked(decoded: Decoded) -> Decoded:
    if _looks_binary(decoded.text):
        raise NotText("binary")
    return decoded


def _unmarked(raw: bytes, html: bool) -> Decoded:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _looks_binary(text):
        return Decoded(text)
    # UTF-16 and UTF-32 without a mark: Latin text is half NUL bytes, Cyrillic is full of
    # control bytes that are valid UTF-8, CJK and Arabic are not UTF-8 at all.
    wide = _wide_text(raw)
    if wide is not None:
        return wide
    if text is not None or b"\x00" in raw:
        raise NotText("binary")
    declared = _declared(raw) if html else None
    if declared is not None:
        return declared
    return _mostly_utf8(raw) or _guess(raw)


def _declared(raw: bytes) -> Optional[Decoded]:
    """The page decoded as its ``<meta charset>`` says, by the WHATWG rules (None when it
    declares nothing known, or UTF-8, which it then is not)."""
    import webencodings

    match = _META_CHARSET.search(raw[:1024])
    encoding = webencodings.lookup(match.group(1).decode("ascii")) if match else None
    # A page read as bytes cannot be UTF-16 (that needs a mark); browsers read such a
    # declaration as UTF-8, as they do "x-user-defined" for text.
    if encoding is None or encoding.name in ("utf-8", "utf-16le", "utf-16be", "x-user-defined"):
        return None
    text = raw.decode(encoding.codec_info.name, errors="replace")
    notes = []
    if "\ufffd" in text:
        notes.append(f"{text.count(chr(0xFFFD))} bytes that are not {encoding.name} replaced")
    return Decoded(text, notes)


def _mostly_utf8(raw: bytes) -> Optional[Decoded]:
    """UTF-8 with a few bytes that are not (a pasted windows-1252 quote, a character cut at
    the end): the UTF-8 kept, each stray byte read as windows-1252, a cut character replaced.
    None when the bytes are mostly not UTF-8."""
    text = raw.decode("utf-8", errors="surrogateescape")  # a stray byte 0xNN → U+DCNN
    tail = _cut_character(text)
    if tail:
        text = text[:-len(tail)] + "\ufffd"
    stray = len(_STRAY.findall(text))
    good = sum(1 for c in text if ord(c) > 0x7F) - stray - bool(tail)
    if stray > good:
        return None
    text = _STRAY.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"),
                      text)
    notes = []
    if stray:
        notes.append(f"{stray} byte{'s' * (stray != 1)} that {'are' if stray != 1 else 'is'} "
                     "not UTF-8 read as windows-1252, the rest as UTF-8")
    if tail:
        notes.append("a character cut off at the end replaced by \ufffd")
    return Decoded(text, notes)


def _cut_character(text: str) -> bytes:
    """The bytes at the end of ``text`` (read with surrogateescape) that begin a UTF-8
    character cut before its end, or nothing."""
    for length in (3, 2, 1):
        tail = text[-length:]
        if len(tail) == length and all(0xDC80 <= ord(c) <= 0xDCFF for c in tail):
            data = bytes(ord(c) - 0xDC00 for c in tail)
            try:
                if codecs.getincrementaldecoder("utf-8")().decode(data, final=False) == "":
                    return data
            except UnicodeDecodeError:
                continue
    return b""


def _wide_text(raw: bytes) -> Optional[Decoded]:
    for encoding in _WIDE_ENCODINGS:
        width = 4 if "32" in encoding else 2
        if len(raw) < width * 8 or len(raw) % width:
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return Decoded(text, [f"decoded as {encoding.upper()} (it has no byte order mark)"])
    return None


def _plausible_text(text: str) -> bool:
    """Whether decoded text reads like writing: assigned characters only, mostly letters, and
    spaces or line breaks between them (any other bytes read as UTF-16 give ideographs with
    no space, or unassigned and private characters)."""
    sample = text[:4096]
    letters = breaks = 0
    for char in sample:
        category = unicodedata.category(char)
        if category in ("Cn", "Co", "Cs") or (category == "Cc" and char not in "\t\n\r"):
            return False
        letters += category[0] in "LM"
        breaks += char in " \t\n\r\u3000\u3001\u3002\uff0c\uff0e\u060c\u06d4"
    return letters * 2 >= len(sample) and breaks * 100 >= len(sample)


def _guess(raw: bytes) -> Decoded:
    """Bytes in a single-byte (or East Asian) legacy encoding: windows-1252 when it decodes
    them and the text is English-like (few high bytes) or charset-normalizer finds a Western
    language, else charset-normalizer's best."""
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    high = sum(1 for byte in raw if byte > 0x7F)
    if western is not None and high <= _FEW_HIGH_BYTES * len(raw):
        return _guessed(western, "windows-1252")
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if western is not None and (best is None or best.language in _WESTERN
                                or "cp1252" in best.could_be_from_charset):
        return _guessed(western, "windows-1252")
    if best is None:
        raise NotText("undecodable")
    text = str(best)
    return _guessed(text[1:] if text.startswith("\ufeff") else text, best.encoding)


def _guessed(text: str, encoding: str) -> Decoded:
    name = {"cp1252": "windows-1252"}.get(encoding, encoding)
    return Decoded(text, [f"not UTF-8: decoded by guess as {name} (re-save it as UTF-8 to be "
                          "sure)"])


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    return controls > max(8, len(sample) // 20)
