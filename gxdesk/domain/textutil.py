"""Text helpers shared by the rules and the importers: squashing, Chinese numerals, headings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(?:\d+|[零〇一二两三四五六七八九十百千]+)"


LINE_BREAK = "\u2028"  # a line break inside a paragraph (Word's Shift+Enter), as Qt stores it
# Characters XML 1.0 cannot hold (C0 controls but tab and newline, lone surrogates, U+FFFE/F).
# Patterns are compiled (and cached by ``re``) when first used, but _UNCLEAN, which every
# opened report needs: compiling these wide character classes is a noticeable part of a start.
_NOT_XML = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
_UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2029\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\v": LINE_BREAK, "\x0c": "\n", "\x85": "\n", "\u2029": "\n"})


def clean_text(text: str) -> str:
    """Text as pasted from Word or a PDF made safe to store and export.

    A vertical tab (Word's manual line break) becomes a line break, a form feed (page break) or
    paragraph separator a new paragraph, ``\r\n`` / ``\r`` a newline; other control characters,
    lone surrogates and non-characters are dropped. Idempotent.
    """
    if not _UNCLEAN.search(text):
        return text  # the common case, fast
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    return re.sub(_NOT_XML, "", text).replace("\x7f", "")  # DEL: XML holds it, nothing shows it


_SURROGATE = re.compile("[\ud800-\udfff]")


def displayable(text: str) -> str:
    """Text that any file format can hold, with a file name's undecodable bytes shown as ``\\xb3``.

    A name that is not UTF-8 (GBK bytes unzipped on a Linux desktop) reaches Python with its bytes
    as lone surrogates (U+DC80–U+DCFF); they are written as the bytes they stand for.
    """
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if 0xDC80 <= ord(m[0]) <= 0xDCFF else "\ufffd", text)


def squash(text: str | None) -> str:
    """Text for matching: full-width forms folded (NFKC), all white space removed.

    The text normalisers are two, each for one purpose: ``squash`` for matching words and
    numbers, ``fold_label`` for comparing table labels.
    """
    if not text:
        return ""
    return _squash(text)


@lru_cache(maxsize=256)
def _squash(text: str) -> str:
    # Cached: the checks run on every keystroke, over narrative that mostly has not changed.
    return re.sub(_INVISIBLE, "", unicodedata.normalize("NFKC", text))


# White space, control characters and the invisible ones pasted from web pages (zero-width
# space/joiners, word joiner, byte-order mark, soft hyphen): none tells two words apart.
_INVISIBLE = "[\\s\x00-\x1f\x7f\xad\u200b-\u200d\u2060\ufeff]+"
_HIDDEN = "[\x00-\x08\x0b-\x1f\x7f\xad\u200b-\u200d\u2060\ufeff]"


def without_hidden(text: str) -> tuple[str, int]:
    """``text`` without the characters a reader cannot see (but line breaks and spaces), and
    how many there were — so a message never quotes two labels that look alike."""
    return re.subn(_HIDDEN, "", text)


_LABEL_MARKS = str.maketrans(
    {"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", '"': "", "“": "", "”": "", "'": "", "‘": "", "’": ""}
)


@lru_cache(maxsize=8192)
def fold_label(text: str) -> str:
    """A label reduced for comparison: ``squash``ed, brackets and colons full-width, no quotes,
    item numbers written one way (``1、`` / ``1，`` / ``1．`` → ``1.``), no trailing colon."""
    text = squash(text).translate(_LABEL_MARKS)
    text = re.sub(r"^(\d+)[、，,．.]", r"\1.", text)
    return text.rstrip("：:")


def parse_number(text: str) -> int | None:
    """``12``, ``１２``, ``十二``, ``两``, ``一百零三`` → int; None if not a number."""
    text = unicodedata.normalize("NFKC", text)
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


# Sub-headings inside a part, by level: （一） · 1. / 1、 · （1）
_HEADING_PATTERNS = (
    (2, r"^[（(][一二三四五六七八九十]+[）)]"),
    (3, r"^\d+[.、．](?!\d)"),
    (4, r"^[（(]\d+[）)]"),
)


def heading_level(line: str) -> int:
    """2 for ``（一）…``, 3 for ``1.…``/``1、…``, 4 for ``（1）…``; 0 for body text."""
    line = line.strip()
    for level, pattern in _HEADING_PATTERNS:
        if re.match(pattern, line):
            return level
    return 0


def run_in_heading(line: str, limit: int = 30) -> tuple[str, str]:
    """Split ``（一）标题。正文…`` into its heading sentence and the rest ('' if not a heading)."""
    line = line.strip()
    if not heading_level(line):
        return "", line
    for mark in ("。", "：", ":"):
        cut = line.find(mark)
        if 0 < cut <= limit:
            return line[: cut + 1], line[cut + 1 :]
    if len(line) <= limit:
        return line, ""
    return "", line


def has_content(text: str | None) -> bool:
    """True when the text says something beyond bare sub-headings (``无`` counts as content)."""
    for line in (text or "").splitlines():
        heading, rest = run_in_heading(line)
        if squash(rest if heading else line):
            return True
    return False


def sections(text: str | None) -> list[tuple[str, str]]:
    """(level-2 heading, body) pairs; text before the first heading has heading ''.

    A run-in heading (``（一）标题。正文…``) contributes its rest to the body.
    """
    out: list[tuple[str, str]] = [("", "")]
    for line in (text or "").splitlines():
        if heading_level(line) == 2:
            heading, rest = run_in_heading(line)
            out.append((heading or line.strip(), rest))
        else:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line)
    return [(h, b) for h, b in out if h or squash(b)]


def topic_coverage(text: str | None, topics) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Which topics the text addresses: words of the topic in body text, or a section headed by
    the topic that has a body — a bare heading (the skeleton) does not count."""
    parts = sections(text)
    body = squash("".join(b for _, b in parts))
    covered = {}
    for topic in topics:
        in_body = any(k in body for k in topic.keywords)
        headed = any(squash(b) and any(k in squash(h) for k in topic.keywords) for h, b in parts if h)
        covered[topic.heading] = in_body or headed
    return covered
