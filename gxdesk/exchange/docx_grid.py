"""Reading a Word table as its real grid: ``w:tc`` cells with ``gridSpan`` and ``vMerge``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml.etree import _Element as Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def qn(tag: str) -> str:
    """``w:p`` → the Clark name lxml uses (without importing python-docx in worker processes)."""
    prefix, _, local = tag.partition(":")
    if prefix != "w":
        raise ValueError(tag)
    return _W + local


@dataclass(frozen=True)
class DocxCell:
    """A merged area of a Word table, as laid out on the table grid."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


def _text(tc: Element) -> str:
    paragraphs = tc.findall(qn("w:p"))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs).strip()


MAX_SPAN = 63  # Word's widest table; a gridSpan past it is damage, not layout
MAX_ROWS = 5000


def _count(node: Element | None, default: int) -> int:
    """A w:val count as Word writes it (digits); anything else, or absurd, is clipped."""
    raw = node.get(qn("w:val"), "") if node is not None else ""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return default
    return min(int(raw), MAX_SPAN)


def read_grid(tbl: Element) -> list[DocxCell]:
    """Every merged area of ``tbl`` (top-left position, spans, text), in reading order.

    Rows may skip grid columns (``w:gridBefore``) or be ragged; a ``vMerge`` continuation
    extends the cell above it in the same grid column.
    """
    areas: dict[tuple[int, int], list[Any]] = {}
    open_at: dict[int, tuple[int, int]] = {}  # grid column → origin of a vertical merge
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        if r >= MAX_ROWS:
            break
        trpr = tr.find(qn("w:trPr"))
        col = 0
        if trpr is not None:
            col = _count(trpr.find(qn("w:gridBefore")), 0)
        for tc in tr.iterchildren(qn("w:tc")):
            if col > MAX_SPAN * 2:
                break  # a row wider than any Word table: the rest is damage
            tcpr = tc.find(qn("w:tcPr"))
            span, merge = 1, None
            if tcpr is not None:
                span = max(1, _count(tcpr.find(qn("w:gridSpan")), 1))
                vm = tcpr.find(qn("w:vMerge"))
                if vm is not None:
                    merge = vm.get(qn("w:val"), "continue")
            if merge == "continue" and col in open_at:
                origin = open_at[col]
                areas[origin][2] = r - origin[0] + 1
            else:
                areas[(r, col)] = [r, col, 1, span, _text(tc)]
                if merge == "restart":
                    open_at[col] = (r, col)
                else:
                    open_at.pop(col, None)
            col += span
    return [DocxCell(*a) for a in sorted(areas.values(), key=lambda a: (a[0], a[1]))]
