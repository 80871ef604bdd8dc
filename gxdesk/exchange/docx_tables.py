"""The official tables as real Word tables: merged cells from the spec's grid, fixed widths."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element as Element

from gxdesk.domain.cells import Value
from gxdesk.domain.tables import Breaks, GridCell, Role, TableSpec
from gxdesk.exchange.docx_xml import child, row_flags, table_properties
from gxdesk.exchange.publication import FIRST_ROWS, TALL_GROUP_ROWS, cell_text, label_words
from gxdesk.exchange.table_fit import CELL_MARGINS_TWIPS, TYPE_AREA_TWIPS, fit_columns

TABLE_STYLE, TABLE_STYLE_ID = "表格文字", "gx-table"  # name in the style pane, id in the XML
TWIPS_PER_MM = 1440 / 25.4


# How tables break across pages (``PrintLayout.breaks``, ``publication.break_rows``): the label
# of a group too tall to keep together (三、本年度办理结果) is printed at its top, so a page break
# cannot cut the label in two.


def label_lines(text: str, width_twips: int, size_half_pt: int) -> list[str]:
    """``text`` in the lines it is set in, within ``width_twips`` (margins included): one line
    when it fits; else broken between words; as one line (Word wraps it) when a word would not fit."""
    per_line = (width_twips - CELL_MARGINS_TWIPS) // (size_half_pt * 10)  # full-width characters
    if len(text) <= per_line or "\n" in text:
        return [text]
    words = label_words(text)
    if len(words) < 2 or max(len(w) for w in words) > per_line:
        return [text]
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + len(word) <= per_line:
            lines[-1] += word
        else:
            lines.append(word)
    return lines


def build_table(table: TableSpec, values: dict[str, Value | None], total: int = TYPE_AREA_TWIPS) -> Element:
    """A ``w:tbl`` whose merges (gridSpan / vMerge) are exactly the spec's grid, ``total`` wide."""
    widths, size_half_pt = fit_columns(table, values, int(table.layout.font_pt * 2), total)
    tbl = OxmlElement("w:tbl")
    tbl.append(table_properties(widths))
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl.append(grid)
    owner = table.owners
    kept = kept_rows(table, widths, size_half_pt)

    def keep(row: int) -> bool:
        return row in kept

    for r in range(table.n_rows):
        tr = OxmlElement("w:tr")
        tbl.append(tr)
        c = 0
        while c < table.n_cols:
            g = owner[(r, c)]
            tc = _cell(g, widths, first_row=g.row == r, top=g.rowspan > TALL_GROUP_ROWS)
            # A merged cell's continuation holds an empty paragraph in the table's own style and
            # size: one in the body style (16 pt, on the 22-line grid) would make Word grow the
            # row and push the numbers of rows under a long merged label to the top.
            text = cell_text(g, table, values) if g.row == r else ""
            if g.cell is None and text:
                lines = label_lines(text, sum(widths[g.col : g.col + g.colspan]), size_half_pt)
            else:
                lines = [text] if text else []
            _fill(tc, g, lines, size_half_pt, keep_next=keep(r))
            tr.append(tc)
            c += g.colspan
        row_flags(tr, header=r < table.header_rows, min_height=round(table.layout.row_height_mm * TWIPS_PER_MM))
    return tbl


def kept_rows(table: TableSpec, widths: list[int], size_half_pt: int) -> set[int]:
    """Rows that stay on the page with the next one (Word's keepNext on their paragraphs)."""
    block_starts = {g.row for g in table.grid if g.role is Role.CAPTION}
    grouped = _kept_groups(table, widths, size_half_pt)
    kept = set()
    for row in range(table.n_rows - 1):
        if table.layout.breaks is Breaks.NEVER:
            kept.add(row)
        elif table.layout.breaks is Breaks.BETWEEN_BLOCKS:
            if row + 1 not in block_starts:
                kept.add(row)
        elif row < table.header_rows + FIRST_ROWS - 1 or row in grouped:
            kept.add(row)
    return kept


def _kept_groups(table: TableSpec, widths: list[int], size_half_pt: int) -> set[int]:
    """Rows kept with the next one so that no merged label is cut by a page break.

    A group of up to TALL_GROUP_ROWS rows stays whole. A taller one (三、本年度办理结果, printed
    at its top) keeps as many rows together as its label needs to be printed whole, extended to
    the end of any group those rows belong to.
    """
    labels = [g for g in table.grid if g.role is Role.LABEL and g.rowspan > 1]
    kept: set[int] = set()
    for g in labels:
        if g.rowspan <= TALL_GROUP_ROWS:
            kept |= set(range(g.row, g.row + g.rowspan - 1))
    row_height = round(table.layout.row_height_mm * TWIPS_PER_MM)
    for g in labels:
        if g.rowspan <= TALL_GROUP_ROWS:
            continue
        width = sum(widths[g.col : g.col + g.colspan]) - CELL_MARGINS_TWIPS
        per_line = max(1, width // (size_half_pt * 10))
        needed = -(-len(g.text) // per_line) * size_half_pt * 10 * 5 // 4  # lines × 1.25 × size
        last = g.row + max(1, -(-needed // row_height)) - 1
        for other in labels:  # never stop inside a group
            if other.rowspan <= TALL_GROUP_ROWS and other.row <= last < other.row + other.rowspan:
                last = other.row + other.rowspan - 1
        kept |= set(range(g.row, min(last, g.row + g.rowspan - 1)))
    return kept


def _cell(g: GridCell, widths: list[int], *, first_row: bool, top: bool = False) -> Element:
    tc = OxmlElement("w:tc")
    tcpr = OxmlElement("w:tcPr")
    tcw = OxmlElement("w:tcW")
    tcw.set(qn("w:w"), str(sum(widths[g.col : g.col + g.colspan])))
    tcw.set(qn("w:type"), "dxa")
    tcpr.append(tcw)
    if g.colspan > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(g.colspan))
        tcpr.append(span)
    if g.rowspan > 1:
        merge = OxmlElement("w:vMerge")
        if first_row:
            merge.set(qn("w:val"), "restart")
        tcpr.append(merge)
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "top" if top else "center")
    tcpr.append(valign)
    tc.append(tcpr)
    return tc


def _fill(tc: Element, g: GridCell, lines: list[str], size_half_pt: int, *, keep_next: bool) -> None:
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), TABLE_STYLE_ID)
    ppr.append(pstyle)
    if keep_next:
        ppr.append(OxmlElement("w:keepNext"))
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "left" if g.role is Role.LABEL else "center")
    ppr.append(jc)
    mark = OxmlElement("w:rPr")  # the paragraph mark's size: an empty cell is as small as a full one
    for tag in ("w:sz", "w:szCs"):
        child(mark, tag).set(qn("w:val"), str(size_half_pt))
    ppr.append(mark)
    p.append(ppr)
    if not lines:
        tc.append(p)
        return
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        child(rpr, tag).set(qn("w:val"), str(size_half_pt))
    run.append(rpr)
    for i, line in enumerate(lines):
        if i:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line
        run.append(t)
    p.append(run)
    tc.append(p)
