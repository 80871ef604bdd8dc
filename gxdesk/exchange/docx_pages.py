"""Where the Word file's pages will break, estimated, to place 表三 well.

Word lays the pages out, not us; but the report's page is a fixed grid (22 lines of 28
characters, exact line spacing), so the height of every paragraph is known to a line, and the
tables' rows to a few points. That is enough to decide, before writing the file, whether 表三
starts on the page its heading falls on (cut between two label groups, its header and the cut
label repeated with （续） on the next page) or moves to the next page (when at most a quarter of a
page would be left blank). A safety margin covers what the estimate cannot know (another font's
line height, a punctuation mark pushed to the next line).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gxdesk.domain.cells import Value
from gxdesk.domain.tables import Breaks, TableSpec
from gxdesk.exchange.publication import (
    CHARS_PER_LINE,
    LINE_PT,
    TYPE_H_PT,
    Ending,
    Heading,
    Paragraph,
    Publication,
    Table,
    break_rows,
    label_words,
)
from gxdesk.exchange.table_fit import CELL_MARGINS_TWIPS, TYPE_AREA_TWIPS, fit_columns

PAGE_PT = TYPE_H_PT
TITLE_LINE_PT = 35  # the title style's exact spacing
# A table line at single spacing, in the table's type size: 仿宋 and 宋体 take about 1.3 em, the
# CJK fonts that stand in for them on Linux (WPS, LibreOffice) 1.44. Erring high only cuts a table
# a row early; erring low lets a page break fall inside a label group.
TABLE_LINE_EM = 1.42
TABLE_PARAGRAPH_PT = 2  # the table style's 1 pt before and after
SAFETY_PT = LINE_PT  # what the estimate may miss on the page 表三 starts on (it is good to a line)
MOST_BLANK = PAGE_PT / 4  # a table that could start on a page leaves at most this blank


@dataclass(frozen=True)
class Placement:
    """How a breakable table is printed: after a page break or not, and the rows that start a
    new page (each a piece of its own, under the header rows, with the cut label continued)."""

    new_page: bool = False
    cuts: tuple[int, ...] = ()


def paragraph_lines(text: str, indent: float = 2) -> int:
    """Lines of a body paragraph: 28 characters a line, the first indented two."""
    total = 0
    for line in text.split("\n"):
        total += max(1, math.ceil((indent + _table_chars(line)) / CHARS_PER_LINE))
        indent = 0
    return total


def row_heights(spec: TableSpec, values: dict[str, Value | None], total: int = TYPE_AREA_TWIPS) -> list[float]:
    """Each row's height in points: its least height, or what its tallest text needs; a merged
    label taller than its rows adds the rest to its last row."""
    widths, size_half_pt = fit_columns(spec, values, int(spec.layout.font_pt * 2), total)
    size = size_half_pt / 2
    line = size * TABLE_LINE_EM
    least = spec.layout.row_height_mm / 25.4 * 72
    heights = [least] * spec.n_rows

    def needed(text: str, width: int) -> float:
        per_line = max(1, (width - CELL_MARGINS_TWIPS) // (size_half_pt * 10))
        words = label_words(text)
        if len(words) > 1 and max(len(w) for w in words) <= per_line:
            lines, current = 1, 0
            for word in words:
                if current and current + len(word) > per_line:
                    lines, current = lines + 1, 0
                current += len(word)
        else:
            lines = sum(max(1, math.ceil(_table_chars(part) / per_line)) for part in text.split("\n"))
        return lines * line + TABLE_PARAGRAPH_PT

    for g in sorted(spec.grid, key=lambda g: g.rowspan):
        width = sum(widths[g.col : g.col + g.colspan])
        # A figure never wraps (the columns are fitted to it): one line.
        need = needed(g.text, width) if g.cell is None else line + TABLE_PARAGRAPH_PT
        rows = range(g.row, g.row + g.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            heights[rows[-1]] += need - have
    return heights


def _table_chars(text: str) -> float:
    """Width in characters: Latin letters and digits half, the rest (quotes “” included, set in
    the Chinese font) whole."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


class _Pages:
    """The running position on the page, in points from the type area's top."""

    def __init__(self) -> None:
        self.y = 0.0
        self.page = 1
        self.marks: list[tuple[str, int, float]] = []  # (heading, page, top) as estimated

    def new_page(self) -> None:
        self.y = 0.0
        self.page += 1

    @property
    def left(self) -> float:
        return PAGE_PT - self.y

    def lines(self, n: int, *, keep_next: float = 0) -> None:
        """``n`` exact lines; with ``keep_next``, the height that must follow on the same page."""
        room = int((self.left + 0.01) // LINE_PT)
        if n + keep_next / LINE_PT <= room or self.y == 0:
            self._flow(n)
            return
        if keep_next:  # a heading goes with what follows it
            self.new_page()
            self._flow(n)
            return
        # Widow and orphan control: at least two lines on either side of a break.
        here = room if n - room >= 2 else room - 1
        if here >= 2:
            self.new_page()
            self._flow(n - here)
        else:
            self.new_page()
            self._flow(n)

    def _flow(self, n: int) -> None:
        self.y += n * LINE_PT
        while self.y > PAGE_PT + 0.01:
            self.y -= PAGE_PT
            self.page += 1

    def rows(self, heights: list[float], header: int, kept: set[int]) -> None:
        """A table's rows in the units Word keeps together; header rows repeat on a new page."""
        head = sum(heights[:header])
        start = 0
        while start < len(heights):
            end = start
            while end in kept and end + 1 < len(heights):
                end += 1
            unit = sum(heights[start : end + 1])
            if unit > self.left and self.y > 0:
                self.new_page()
                if start >= header:
                    self.y += head
            self.y += unit
            while self.y > PAGE_PT:
                self.y = self.y - PAGE_PT + (head if start >= header else 0)
                self.page += 1
            start = end + 1


def place_breakable(pub: Publication, values: dict[str, Value | None]) -> dict[str, Placement]:
    """Placements of the tables that break between label groups (表三), by table key."""
    return _estimate(pub, values)[0]


def heading_positions(pub: Publication, values: dict[str, Value | None]) -> list[tuple[str, int, float]]:
    """Where each heading is estimated to fall: (text, page from 1, points from the type area's top)."""
    return _estimate(pub, values)[1].marks


def _estimate(pub: Publication, values: dict[str, Value | None]) -> tuple[dict[str, Placement], _Pages]:
    from gxdesk.exchange.docx_tables import kept_rows

    pages = _Pages()
    for _ in pub.title_lines:
        pages.y += TITLE_LINE_PT
    pages.lines(1)  # the blank line under the title
    placements: dict[str, Placement] = {}
    blocks = list(pub.blocks)
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            follow = LINE_PT * 2 if isinstance(nxt, Heading | Paragraph) else 0.0
            if isinstance(nxt, Table):
                follow = sum(row_heights(nxt.spec, nxt.values)[: nxt.spec.header_rows + 1])
            lines = paragraph_lines(block.text)
            pages.lines(lines, keep_next=follow)
            pages.marks.append((block.text, pages.page, pages.y - lines * LINE_PT))
            if isinstance(nxt, Table) and nxt.spec.layout.breaks is Breaks.BETWEEN_GROUPS:
                here = placements[nxt.spec.key] = _place(nxt, pages, heading_top=pages.y - lines * LINE_PT)
                if here.new_page:
                    pages.new_page()
                    pages.y = lines * LINE_PT
                    pages.marks[-1] = (block.text, pages.page, 0.0)
        elif isinstance(block, Paragraph):
            pages.lines(paragraph_lines(block.lead + block.text))
        elif isinstance(block, Table):
            spec = block.spec
            widths, size = fit_columns(spec, block.values, int(spec.layout.font_pt * 2))
            heights = row_heights(spec, block.values)
            placed = placements.get(spec.key)
            if placed is None:
                pages.rows(heights, spec.header_rows, kept_rows(spec, widths, size))
                continue
            starts = [spec.header_rows, *placed.cuts]
            for j, start in enumerate(starts):
                stop = starts[j + 1] if j + 1 < len(starts) else spec.n_rows
                if j:
                    pages.new_page()
                pages.y += sum(heights[: spec.header_rows]) + sum(heights[start:stop])
                while pages.y > PAGE_PT:
                    pages.y -= PAGE_PT
                    pages.page += 1
        elif isinstance(block, Ending):
            pages.lines(2 + len(block.lines))
    return placements, pages


def _place(block: Table, pages: _Pages, heading_top: float) -> Placement:
    """Where 表三 goes, its heading's line just placed at ``heading_top``."""
    spec = block.spec
    heights = row_heights(spec, block.values)
    head = sum(heights[: spec.header_rows])
    body = heights[spec.header_rows :]
    blank_if_moved = PAGE_PT - heading_top
    new_page = False
    room = pages.left
    if head + sum(body) <= room:
        return Placement()
    cuts: list[int] = []
    start = spec.header_rows

    def last_cut(room: float, start: int) -> int | None:
        fitting = [k for k in break_rows(spec) if k > start and head + sum(heights[start:k]) <= room - SAFETY_PT]
        return fitting[-1] if fitting else None

    first = last_cut(room, start)
    if (first is None or blank_if_moved <= MOST_BLANK) and heading_top > 0:
        new_page = True  # little would be left blank, or nothing fits: the heading takes it over
        room = PAGE_PT - (PAGE_PT - heading_top - room)  # the heading's lines on the new page
        # A table that nearly fits a page is left whole: Word may well fit it (the estimate errs
        # high), and where it cannot, it breaks it between groups itself.
        if head + sum(body) <= room + LINE_PT:
            return Placement(new_page=True)
        first = last_cut(room, start)
    if first is None:
        return Placement(new_page=new_page)
    cuts.append(first)
    start = first
    while head + sum(heights[start:]) > PAGE_PT:  # a piece longer than a page: cut again
        nxt = last_cut(PAGE_PT, start)
        if nxt is None:
            break
        cuts.append(nxt)
        start = nxt
    return Placement(new_page=new_page, cuts=tuple(cuts))
