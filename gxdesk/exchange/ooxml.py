"""Reading .xlsx and .docx packages straight from their XML (lxml), for speed.

openpyxl and python-docx build a whole object model — styles, every merged cell's borders —
that an import never looks at; an office auditing a thousand units' files pays for it a
thousand times. These readers take only what ``sources`` needs: cell values, formulas, merged
areas, sheet names; paragraphs and tables. The parser resolves no entities and fetches nothing.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl.utils.cell import column_index_from_string  # a table lookup, not the object model

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
# A stored number as Excel and WPS write it; NaN, INF and the like are no figure of a report.
_PLAIN_NUMBER = re.compile(r"^-?\d{1,20}(\.\d{1,20})?$")
_EXPONENT = re.compile(r"^-?\d{1,20}(\.\d{1,20})?[eE][+-]?\d{1,3}$")
_S = f"{{{NS_MAIN}}}"
# Excel writes a character XML cannot hold (a Word line break pasted into a cell, U+000B) as
# ``_xHHHH_``, and a literal ``_x…_`` with its underscore escaped as ``_x005F_``.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


MAX_PART = 24 * 1024 * 1024  # an XML part of a real report is well under 2 MB
MAX_SHEET_CELLS = 200_000  # the official tables hold a few hundred; a sheet may hold more, not this


class PartTooLargeError(ValueError):
    """An XML part that would inflate past ``MAX_PART``."""


def parse(archive: zipfile.ZipFile, name: str) -> Any:
    """One XML part, refused before inflating when it says it is too large (checked again after)."""
    if archive.getinfo(name).file_size > MAX_PART:
        raise PartTooLargeError(name)
    with archive.open(name) as handle:
        data = handle.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise PartTooLargeError(name)
    return etree.fromstring(data, PARSER)


def split_ref(ref: str) -> tuple[int, int]:
    """``B3`` → (2, 1), 0-based (row, column)."""
    match = _CELL_REF.match(ref.replace("$", "").upper())
    if match is None:
        raise ValueError(ref)
    return int(match.group(2)) - 1, column_index_from_string(match.group(1)) - 1


def excel_unescape(text: str) -> str:
    """A cell string as Excel shows it: ``_x000B_`` → U+000B, ``_x005F_x0041_`` → ``_x0041_``."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _text(node: Any) -> str:
    """A shared or inline string: its ``t`` runs joined (phonetic runs left out), unescaped."""
    return excel_unescape("".join(t.text or "" for t in node.iter(f"{_S}t") if t.getparent().tag != f"{_S}rPh"))


def _targets(archive: zipfile.ZipFile, rels_name: str, base: str) -> dict[str, str]:
    if rels_name not in archive.namelist():
        return {}
    root = parse(archive, rels_name)
    out = {}
    for rel in root.iter(f"{{{NS_PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        out[rel.get("Id", "")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        )
    return out


def xlsx_sheets(
    archive: zipfile.ZipFile,
) -> Iterator[tuple[str, dict[tuple[int, int], tuple[Any, str | None]], list[str]]]:
    """(sheet name, {(row, col): (value, formula)}, merged ranges) for every worksheet, in order.

    Values are int, float, str or bool as written; a formula is kept as ``=…`` (shared formulas
    translated to their cell), its cached value ignored.
    """
    from openpyxl.formula.translate import Translator

    workbook = parse(archive, "xl/workbook.xml")
    targets = _targets(archive, "xl/_rels/workbook.xml.rels", "xl")
    shared: list[str] = []
    if "xl/sharedStrings.xml" in archive.namelist():
        shared = [_text(si) for si in parse(archive, "xl/sharedStrings.xml").iter(f"{_S}si")]
    for sheet in workbook.iter(f"{_S}sheet"):
        target = targets.get(sheet.get(f"{{{NS_REL}}}id", ""), "")
        if not target or target not in archive.namelist():
            continue  # a chartsheet or a missing part
        root = parse(archive, target)
        cells: dict[tuple[int, int], tuple[Any, str | None]] = {}
        masters: dict[str, tuple[str, str]] = {}  # shared formula id → (formula, its cell)
        for n, c in enumerate(root.iter(f"{_S}c")):
            if n >= MAX_SHEET_CELLS:
                break  # past any report's tables: the rest is not read
            ref = c.get("r")
            if not ref:
                continue
            try:
                pos = split_ref(ref)
            except ValueError:
                continue
            kind = c.get("t", "n")
            f = c.find(f"{_S}f")
            formula = None
            if f is not None:
                if f.get("t") == "shared":
                    si = f.get("si", "")
                    if f.text:
                        masters[si] = ("=" + f.text, ref)
                        formula = "=" + f.text
                    elif si in masters:
                        text, origin = masters[si]
                        try:
                            formula = Translator(text, origin=origin).translate_formula(ref)
                        except Exception:  # noqa: BLE001 - an odd formula is reported, not fatal
                            formula = text
                elif f.text:
                    formula = "=" + f.text
            if formula is not None:
                cells[pos] = (None, formula)
                continue
            v = c.find(f"{_S}v")
            raw = v.text if v is not None else None
            value: Any
            if kind == "s":
                try:
                    value = shared[int(raw or "")]
                except (ValueError, IndexError):
                    value = None
            elif kind == "inlineStr":
                node = c.find(f"{_S}is")
                value = _text(node) if node is not None else None
            elif kind == "b":
                value = raw == "1"
            elif kind in ("str", "e"):
                value = raw
            elif raw is None:
                value = None
            elif _PLAIN_NUMBER.match(raw):
                value = int(raw) if "." not in raw and len(raw) < 16 else float(raw)
            elif _EXPONENT.match(raw):
                value = float(raw)  # Excel writes 0.00012 as 1.2E-4; a huge one is refused later
            else:
                value = raw  # NaN, INF, garbage: kept as written, and refused as not a number
            if value is not None:
                cells[pos] = (value, None)
        merged = [m.get("ref", "") for m in root.iter(f"{_S}mergeCell") if m.get("ref")]
        yield sheet.get("name", ""), cells, merged


def docx_body(archive: zipfile.ZipFile) -> Any:
    """The ``w:body`` of word/document.xml."""
    root = parse(archive, "word/document.xml")
    body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    if body is None:
        raise ValueError("no body")
    return body
