"""Table specs: the official grid (spans, labels) and its data cells, built from label trees.

Every view — grid widget, Word table, Excel sheet, importer — reads the same ``TableSpec``:
``grid`` is what to draw (with merges), ``cells`` is what holds numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import field
from enum import Enum
from functools import cached_property

from gxdesk.domain.cells import CellKind
from gxdesk.domain.records import record


@record(frozen=True)
class Node:
    """One label of a row or column tree; leaves carry the stable id of their row/column."""

    label: str
    id: str = ""
    children: tuple[Node, ...] = ()
    short: str = ""

    def leaves(self, path: tuple[Node, ...] = ()) -> Iterator[tuple[Node, ...]]:
        path = (*path, self)
        if not self.children:
            yield path
        for child in self.children:
            yield from child.leaves(path)

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children), default=0)

    def width(self) -> int:
        return sum(c.width() for c in self.children) if self.children else 1


def leaf(label: str, id: str, short: str = "") -> Node:  # noqa: A002 - mirrors Node.id
    return Node(label, id, short=short)


def group(label: str, *children: Node, id: str = "") -> Node:  # noqa: A002
    return Node(label, id, tuple(children))


@record(frozen=True)
class CellSpec:
    """A cell that holds a number: an input, or a total computed as the sum of ``parts``."""

    id: str
    part: str
    row: tuple[str, ...]
    column: tuple[str, ...]
    kind: CellKind
    row_id: str
    col_id: str
    parts: tuple[str, ...] = ()
    caption: tuple[str, ...] = ()

    @property
    def computed(self) -> bool:
        return bool(self.parts)

    @property
    def name(self) -> str:
        """Short human name: innermost row label and the column path below a shared root."""
        column = self.column[len(self.caption) :]
        bits = [*self.row[-1:], "·".join(column)]
        return "，".join(b for b in bits if b)

    @property
    def path(self) -> str:
        """The cell named in full, as the clerk reads it off the table: row labels, then columns."""
        return " · ".join((*self.row, *self.column[len(self.caption) :]))


class Role(Enum):
    """What a grid cell shows."""

    CAPTION = "caption"
    HEADER = "header"
    LABEL = "label"
    NOTE = "note"
    VALUE = "value"


@record(frozen=True)
class GridCell:
    """One merged area of the official grid."""

    row: int
    col: int
    rowspan: int
    colspan: int
    role: Role
    text: str = ""
    cell: str | None = None


class Breaks(Enum):
    """Where a printed table may break across pages."""

    NEVER = "never"  # short tables: 表四
    BETWEEN_BLOCKS = "blocks"  # 表二: between its 第二十条 blocks
    BETWEEN_GROUPS = "groups"  # 表三: never inside a merged label group


@record(frozen=True)
class PrintLayout:
    """How a table is printed: Word widths and type, page breaks, Excel columns and paper."""

    widths_mm: tuple[float, ...] = ()  # Word column widths; they fill the 156 mm type area
    font_pt: float = 9  # Word and Excel table type
    row_height_mm: float = 6  # a row's least height in Word
    breaks: Breaks = Breaks.NEVER
    sheet_chars: tuple[int, ...] = ()  # Excel column widths in characters
    landscape: bool = False  # the Excel sheet's paper


@record(frozen=True)
class TableSpec:
    """One statistical table of an edition."""

    key: str
    part: str
    n_rows: int
    n_cols: int
    header_rows: int
    label_cols: int
    grid: tuple[GridCell, ...]
    cells: tuple[CellSpec, ...]
    col_widths: tuple[int, ...] = ()  # on screen, in characters
    layout: PrintLayout = PrintLayout()
    _by_id: dict[str, CellSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.cells})

    def cell(self, cell_id: str) -> CellSpec:
        return self._by_id[cell_id]

    @cached_property
    def owners(self) -> dict[tuple[int, int], GridCell]:
        """Every grid position → the merged area that covers it."""
        out: dict[tuple[int, int], GridCell] = {}
        for g in self.grid:
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    out[(r, c)] = g
        return out

    def owner(self, row: int, col: int) -> GridCell | None:
        """The merged area covering grid position (row, col), if any."""
        return self.owners.get((row, col))

    def has(self, cell_id: str) -> bool:
        return cell_id in self._by_id

    def labels_of(self, row: int, col: int) -> tuple[GridCell, ...]:
        """The labels that name grid position (row, col): its row labels and its column headers.

        Row labels are the labels left of it in its row; column headers are the header band
        directly above it in its column (表二 repeats a caption and header rows per block).
        """
        here = self.owner(row, col)
        if here is None or here.cell is None:
            return ()
        found: dict[tuple[int, int], GridCell] = {}
        for c in range(here.col):
            g = self.owner(row, c)
            if g is not None and g.cell is None and g.role is Role.LABEL:
                found[(g.row, g.col)] = g
        above = False
        for r in range(here.row - 1, -1, -1):
            g = self.owner(r, col)
            if g is None:
                continue
            if g.cell is None and g.role in (Role.HEADER, Role.CAPTION):
                found[(g.row, g.col)] = g
                above = True
            elif above:
                break  # the rows of the block above
        return tuple(found.values())

    @property
    def inputs(self) -> tuple[CellSpec, ...]:
        return tuple(c for c in self.cells if not c.computed)

    def row_ids(self) -> list[str]:
        return list(dict.fromkeys(c.row_id for c in self.cells))

    def col_ids(self) -> list[str]:
        return list(dict.fromkeys(c.col_id for c in self.cells))


TotalsFn = Callable[[str, str], tuple[str, ...]]


def cell_id(key: str, *ids: str) -> str:
    return ".".join((key, *ids))


def tree_table(
    key: str,
    part: str,
    *,
    corner: str,
    rows: tuple[Node, ...],
    columns: Node,
    kind: CellKind,
    totals: TotalsFn,
    col_widths: tuple[int, ...] = (),
    layout: PrintLayout = PrintLayout(),
) -> TableSpec:
    """A table whose row labels and column headers are trees (tables 三 and 四).

    A leaf spans the levels below it down to the deepest level; a parent spans its leaves.
    ``totals(row_id, col_id)`` names the parts of a computed cell (empty for an input).
    """
    row_depth = max(r.depth() for r in rows) if any(r.label for r in rows) else 0
    col_top = columns.children if not columns.label else (columns,)
    col_depth = max(c.depth() for c in col_top)
    grid: list[GridCell] = []
    if row_depth and corner:
        grid.append(GridCell(0, 0, col_depth, row_depth, Role.NOTE, corner))

    col_leaves: list[tuple[Node, ...]] = []

    def place_col(node: Node, level: int, col: int) -> None:
        span_down = col_depth - level if not node.children else 1
        grid.append(GridCell(level, col, span_down, node.width(), Role.HEADER, node.label))
        if not node.children:
            col_leaves.append(node_path[node.id])
        offset = col
        for child in node.children:
            place_col(child, level + 1, offset)
            offset += child.width()

    node_path: dict[str, tuple[Node, ...]] = {}
    for top in col_top:
        for path in top.leaves():
            node_path[path[-1].id] = path
    offset = row_depth
    for top in col_top:
        place_col(top, 0, offset)
        offset += top.width()

    cells: list[CellSpec] = []
    row = col_depth

    def place_row(node: Node, level: int, path: tuple[Node, ...]) -> None:
        nonlocal row
        path = (*path, node)
        if row_depth:
            span_right = row_depth - level if not node.children else 1
            grid.append(GridCell(row, level, node.width(), span_right, Role.LABEL, node.label))
        if node.children:
            for child in node.children:
                place_row(child, level + 1, path)
            return
        for c, cpath in enumerate(col_leaves):
            cid = cell_id(key, node.id, cpath[-1].id)
            cells.append(
                CellSpec(
                    id=cid,
                    part=part,
                    row=tuple(n.label for n in path if n.label),
                    column=tuple(n.label for n in cpath if n.label),
                    kind=kind,
                    row_id=node.id,
                    col_id=cpath[-1].id,
                    parts=totals(node.id, cpath[-1].id),
                    caption=(columns.label,) if columns.label else (),
                )
            )
            grid.append(GridCell(row, row_depth + c, 1, 1, Role.VALUE, cell=cid))
        row += 1

    for top in rows:
        place_row(top, 0, ())
    return TableSpec(
        key=key,
        part=part,
        n_rows=row,
        n_cols=row_depth + len(col_leaves),
        header_rows=col_depth,
        label_cols=row_depth,
        grid=tuple(grid),
        cells=tuple(cells),
        col_widths=col_widths,
        layout=layout,
    )


@record(frozen=True)
class Column:
    """A data column of a table-二 block; ``span`` grid columns wide."""

    id: str
    label: str
    kind: CellKind = CellKind.COUNT
    span: int = 1


@record(frozen=True)
class Block:
    """A block of table 二: caption row, header row, data rows."""

    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Node, ...]


def block_table(
    key: str,
    part: str,
    *,
    head: str,
    blocks: tuple[Block, ...],
    col_widths: tuple[int, ...] = (),
    layout: PrintLayout = PrintLayout(),
) -> TableSpec:
    """Table 二: blocks stacked in one grid of a label column and three data columns."""
    data_cols = max(sum(c.span for c in b.columns) for b in blocks)
    grid: list[GridCell] = []
    cells: list[CellSpec] = []
    row = 0
    for block in blocks:
        grid.append(GridCell(row, 0, 1, 1 + data_cols, Role.CAPTION, block.caption))
        row += 1
        grid.append(GridCell(row, 0, 1, 1, Role.HEADER, head))
        col = 1
        for column in block.columns:
            grid.append(GridCell(row, col, 1, column.span, Role.HEADER, column.label))
            col += column.span
        row += 1
        for node in block.rows:
            grid.append(GridCell(row, 0, 1, 1, Role.LABEL, node.label))
            col = 1
            for column in block.columns:
                cid = cell_id(key, block.id, node.id, column.id)
                cells.append(
                    CellSpec(
                        id=cid,
                        part=part,
                        row=(block.caption, node.label),
                        column=(column.label,),
                        kind=column.kind,
                        row_id=f"{block.id}.{node.id}",
                        col_id=column.id,
                    )
                )
                grid.append(GridCell(row, col, 1, column.span, Role.VALUE, cell=cid))
                col += column.span
            row += 1
    return TableSpec(
        key=key,
        part=part,
        n_rows=row,
        n_cols=1 + data_cols,
        header_rows=0,
        label_cols=1,
        grid=tuple(grid),
        cells=tuple(cells),
        col_widths=col_widths,
        layout=layout,
    )
