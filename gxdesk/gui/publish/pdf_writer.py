"""``--pdf``: the printed pages as a PDF, made by Qt (no Word, no LibreOffice needed)."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QFont, QFontDatabase, QPainter, QPdfWriter, QRawFont

from gxdesk.domain.report import Report
from gxdesk.exchange.fonts import family_chain
from gxdesk.gui.publish.headless import ensure_gui_app
from gxdesk.gui.publish.printed import PrintedReport, page_layout

RESOLUTION = 600  # dots per inch of the layout: fine enough that text sits where it should


def to_bytes(report: Report) -> bytes:
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setCreator("gxdesk")
    printed = PrintedReport(report, writer)
    writer.setTitle(printed.publication.title)
    painter = QPainter(writer)
    try:
        printed.paint_all(writer, painter)
    finally:
        painter.end()
    buffer.close()
    used = [f for role in printed.fonts.families() for f in family_chain(role)]  # the fonts drawn with
    return searchable(bytes(data.data()), look_alikes(printed.doc.toPlainText(), used))


# Qt writes each glyph's text as the first code point the font maps to it. In the CJK fonts
# Linux desktops have (Noto/Source Han), "一", "人", "方"… share their glyph with a Kangxi radical
# (U+2F00…) that comes first: the PDF looks right, but copying, searching and screen readers get
# "⼀", "⼈", "⽅". The ToUnicode maps are plain text of fixed width: each such code is replaced by
# the character it stands for (its NFKC form), four hex digits for four, so no offset moves.
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_RANGE_LINE = re.compile(rb"^(<[0-9A-Fa-f]{4}> <[0-9A-Fa-f]{4}> )(.*)$")
_CHAR_LINE = re.compile(rb"^(<[0-9A-Fa-f]{4}> )(<[0-9A-Fa-f]{4}>)$")
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


_RADICALS = "".join(chr(c) for c in range(0x2E80, 0x2FE0))


def look_alikes(text: str, families: list[str]) -> dict[int, int]:
    """Radical → the character of ``text`` drawn with the same glyph, in those of ``families``
    that are installed (the Radicals Supplement, "⻘" for "青", has no Unicode decomposition)."""
    chars = "".join(sorted({c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"}))
    found: dict[int, int] = {}
    if not chars:
        return found
    installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    for family in dict.fromkeys(f for f in families if f in installed):
        raw = QRawFont.fromFont(QFont(family))
        if not raw.isValid() or raw.familyName() != family:
            continue
        by_glyph = {g: c for g, c in zip(raw.glyphIndexesForString(chars), chars, strict=False) if g}
        for radical, glyph in zip(_RADICALS, raw.glyphIndexesForString(_RADICALS), strict=False):
            if glyph and glyph in by_glyph:
                found.setdefault(ord(radical), ord(by_glyph[glyph]))
    return found


def _plain(code: int, alikes: dict[int, int]) -> int:
    char = chr(code)
    if code in alikes:
        return alikes[code]
    if not ("\u2e80" <= char <= "\u2fdf" or char in "\u2329\u232a" or "\uf900" <= char <= "\ufaff"):
        return code
    plain = unicodedata.normalize("NFKC", char)
    return ord(plain) if len(plain) == 1 and ord(plain) <= 0xFFFF else code


def _fix_map(stream: bytes, alikes: dict[int, int]) -> bytes:
    def fix(match: re.Match[bytes]) -> bytes:
        return b"<%04X>" % _plain(int(match.group(1), 16), alikes)

    lines = []
    for line in stream.split(b"\n"):
        # <first> <last> <dst>, <first> <last> [<dst> …], or <src> <dst>: only destinations change.
        if (m := _RANGE_LINE.match(line)) or (m := _CHAR_LINE.match(line)):
            line = m.group(1) + _CODE.sub(fix, m.group(2))
        lines.append(line)
    return b"\n".join(lines)


def searchable(pdf: bytes, alikes: dict[int, int] | None = None) -> bytes:
    """``pdf`` with its ToUnicode maps giving the characters drawn, not look-alike radicals."""
    out = bytearray(pdf)
    for number in set(_TO_UNICODE.findall(pdf)):
        head = re.search(rb"\n" + number + rb" 0 obj\n<< /Length (\d+) >>\nstream\n", pdf)
        if head is None:
            continue  # a layout this does not know (compressed): leave it as Qt wrote it
        start, length = head.end(), int(head.group(1))
        fixed = _fix_map(pdf[start : start + length], alikes or {})
        if len(fixed) == length:
            out[start : start + length] = fixed
    return bytes(out)
