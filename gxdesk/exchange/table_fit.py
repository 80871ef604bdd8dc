"""Table column widths and type size for a printed page: every figure on one line.

Word's tables, the PDF and the print preview share it (widths in twips of the 156 mm type area).
"""

from __future__ import annotations

from gxdesk.domain.cells import Value
from gxdesk.domain.tables import TableSpec
from gxdesk.exchange.publication import cell_text

TYPE_AREA_TWIPS = 8844  # 156 mm


def needs_landscape(table: TableSpec, values: dict[str, Value | None]) -> bool:
    """True when the table's figures fit the upright page only below 9 pt (表四's fifteen columns
    with five- and six-digit figures): it is printed on a landscape page, at its own size."""
    size = int(table.layout.font_pt * 2)
    return size >= SMALLEST_UPRIGHT_HALF_PT and fit_columns(table, values, size)[1] < SMALLEST_UPRIGHT_HALF_PT


def column_widths(table: TableSpec, total: int = TYPE_AREA_TWIPS) -> list[int]:
    """Column widths in twips summing to the type area (the screen widths scaled if none set)."""
    weights = table.layout.widths_mm or table.col_widths or (1,) * table.n_cols
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


# A figure never wraps: columns widen for the widest number (taken from the label columns) and,
# where that is not enough (表四's fifteen columns, a province's seven-digit totals), the table's
# type steps down. Digits are half an em in Times New Roman, 宋体, 仿宋 and Liberation Serif (which
# LibreOffice and WPS on Linux use in its place); 0.52 em leaves a little room.
DIGIT_EM = 0.52
CELL_MARGINS_TWIPS = 2 * 57 + 10  # tblCellMar left + right, and a little air
# First the labels give up a quarter of their width and the type steps down by up to 1 pt; only
# then do labels give up nearly half (more lines in a label) and the type go down to 7 pt.
STEPS = ((0.75, 2), (0.55, 5))
SMALLEST_HALF_PT = 13  # 小六 (6.5 pt), for a roll-up of six-digit figures in 表四's fifteen columns


LANDSCAPE_TWIPS = 12756  # 225 mm: the type area of an A4 page turned (GB/T 9704 横排表格)
SMALLEST_UPRIGHT_HALF_PT = 18  # below 9 pt a table goes on a landscape page instead


def fit_columns(
    table: TableSpec, values: dict[str, Value | None], size_half_pt: int, total: int = TYPE_AREA_TWIPS
) -> tuple[list[int], int]:
    """(column widths in twips, type size in half points) with every number on one line."""
    nominal = column_widths(table, total)
    longest = [0] * table.n_cols
    for g in table.grid:
        if g.cell is not None and g.colspan == 1:
            longest[g.col] = max(longest[g.col], len(cell_text(g, table, values)))
    for share, steps in STEPS:
        for size in range(size_half_pt, max(SMALLEST_HALF_PT, size_half_pt - steps) - 1, -1):
            widths = _widths_for(table, nominal, longest, size, share)
            if widths is not None:
                return widths, size
    size = max(SMALLEST_HALF_PT, size_half_pt - STEPS[-1][1])
    return _widths_for(table, nominal, longest, size, STEPS[-1][0], force=True) or nominal, size


def _widths_for(
    table: TableSpec,
    nominal: list[int],
    longest: list[int],
    size_half_pt: int,
    share: float,
    *,
    force: bool = False,
) -> list[int] | None:
    needed = [int(n * DIGIT_EM * size_half_pt * 10) + CELL_MARGINS_TWIPS if n else 0 for n in longest]
    data = range(table.label_cols, table.n_cols)
    widths = [max(w, needed[c]) if c in data else w for c, w in enumerate(nominal)]
    excess = sum(widths) - sum(nominal)
    # Who gives the width: first data columns wider than their numbers need, then the labels.
    floor = [max(needed[c], int(nominal[c] * share)) for c in range(table.n_cols)]
    givers = [(c, nominal[c] - floor[c]) for c in data if floor[c] < nominal[c]]
    givers += [(c, nominal[c] - int(nominal[c] * share)) for c in range(table.label_cols)]
    spare = sum(give for _, give in givers)
    if excess > spare and not force:
        return None
    take = min(excess, spare)
    if take > 0:
        for c, give in givers:
            widths[c] -= -(-take * give // spare)  # rounded up, so the table never overflows
    if not force:
        widths[-1] += sum(nominal) - sum(widths)  # rounding back to the exact type area
    return widths
