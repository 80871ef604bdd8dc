"""The official tables as real Word tables: merged cells from the spec's grid, fixed widths."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.tables import GridCell, Role, TableSpec
from gxdesk.exchange.docx_xml import child, row_flags, table_properties

TYPE_AREA_TWIPS = 8844  # 156 mm
TABLE_STYLE = "gx-table"
# Printed widths (mm) chosen so 4-character headers (商业企业) fit on one line at 小五 and the
# long labels wrap into two lines at most; they fill the 156 mm type area exactly.
PRINT_WIDTHS_MM = {
    "t2": (50, 35.3, 35.3, 35.4),
    "t3": (9, 18.5, 35, 12, 15.5, 15.5, 15.5, 15.5, 9.5, 10),
}


KEEP_WHOLE = ("t2", "t4")  # short tables are never split; a caption never ends a page
ROW_HEIGHT_TWIPS = {"t2": 454, "t3": 340, "t4": 397}  # 8 mm, 6 mm, 7 mm


def column_widths(table: TableSpec, total: int = TYPE_AREA_TWIPS) -> list[int]:
    """Column widths in twips summing to the type area (the screen widths scaled if none set)."""
    weights = PRINT_WIDTHS_MM.get(table.key) or table.col_widths or (1,) * table.n_cols
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def cell_text(g: GridCell, table: TableSpec, values: dict[str, Value | None]) -> str:
    """A label as declared; a number with the unit its header lacks; 0 for an empty cell."""
    if g.cell is None:
        return g.text
    spec = table.cell(g.cell)
    value = values.get(g.cell)
    return format_value(value if value is not None else 0, spec.kind, unit=True)


def build_table(table: TableSpec, values: dict[str, Value | None], size_half_pt: int) -> BaseOxmlElement:
    """A ``w:tbl`` whose merges (gridSpan / vMerge) are exactly the spec's grid."""
    widths = column_widths(table)
    tbl = OxmlElement("w:tbl")
    tbl.append(table_properties(widths))
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    tbl.append(grid)
    owner: dict[tuple[int, int], GridCell] = {}
    for g in table.grid:
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                owner[(r, c)] = g

    def keep(row: int) -> bool:
        """Rows that stay on the page with the next one: whole short tables, long ones' headers."""
        if table.key in KEEP_WHOLE:
            return row < table.n_rows - 1
        return row < table.header_rows

    for r in range(table.n_rows):
        tr = OxmlElement("w:tr")
        tbl.append(tr)
        c = 0
        while c < table.n_cols:
            g = owner[(r, c)]
            tc = _cell(g, widths, first_row=g.row == r)
            if g.row == r:
                _fill(tc, g, cell_text(g, table, values), size_half_pt, keep_next=keep(r))
            else:
                tc.append(OxmlElement("w:p"))
            tr.append(tc)
            c += g.colspan
        row_flags(tr, header=r < table.header_rows, min_height=ROW_HEIGHT_TWIPS.get(table.key, 340))
    return tbl


def _cell(g: GridCell, widths: list[int], *, first_row: bool) -> BaseOxmlElement:
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
    valign.set(qn("w:val"), "center")
    tcpr.append(valign)
    tc.append(tcpr)
    return tc


def _fill(tc: BaseOxmlElement, g: GridCell, text: str, size_half_pt: int, *, keep_next: bool) -> None:
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), TABLE_STYLE)
    ppr.append(pstyle)
    if keep_next:
        ppr.append(OxmlElement("w:keepNext"))
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "left" if g.role is Role.LABEL else "center")
    ppr.append(jc)
    p.append(ppr)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        child(rpr, tag).set(qn("w:val"), str(size_half_pt))
    run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    p.append(run)
    tc.append(p)
