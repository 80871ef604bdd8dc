"""Keyboard moves over a table's input cells, as on a protected Excel sheet.

Excel's "select unlocked cells only": the current cell never rests on a title, header, label
or computed total, so a number typed without looking at the screen always lands in a cell
that takes it. Pure functions of the table's declaration; the grid widget calls them and the
tests drive them with random key sequences.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from gxdesk.domain.tables import TableSpec


@dataclass(frozen=True, order=True)
class Slot:
    """An input cell where it lies in the grid: its merged area's top-left and width."""

    row: int
    col: int
    colspan: int
    cell: str

    def covers(self, col: int) -> bool:
        return self.col <= col < self.col + self.colspan


class Move(Enum):
    """The moves a key asks for."""

    NEXT = "next"  # Tab
    PREVIOUS = "previous"  # Shift+Tab
    DOWN = "down"  # ↓
    UP = "up"  # ↑
    RIGHT = "right"  # →
    LEFT = "left"  # ←
    ENTER = "enter"  # Enter: down the column, then the next column
    ENTER_UP = "enter_up"  # Shift+Enter
    ROW_START = "row_start"  # Home
    ROW_END = "row_end"  # End
    FIRST = "first"  # Ctrl+Home
    LAST = "last"  # Ctrl+End


class InputGrid:
    """The input cells of one table and the moves between them.

    Positions are grid (row, column) pairs; a position inside a merged input cell counts as
    that cell. Every move returns an input slot (``None`` only for a table without inputs).
    """

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        slots = [
            Slot(g.row, g.col, g.colspan, g.cell)
            for g in spec.grid
            if g.cell is not None and not spec.cell(g.cell).computed
        ]
        self.slots: tuple[Slot, ...] = tuple(sorted(slots))
        self._by_cell = {s.cell: s for s in self.slots}
        self._order = {s: i for i, s in enumerate(self.slots)}
        self._rows: dict[int, list[Slot]] = {}
        for s in self.slots:
            self._rows.setdefault(s.row, []).append(s)
        self._row_keys = sorted(self._rows)
        # Column order for Enter: each input belongs to the column its merged area starts in.
        self._columns: dict[int, list[Slot]] = {}
        for s in sorted(self.slots, key=lambda s: (s.col, s.row)):
            self._columns.setdefault(s.col, []).append(s)
        self._column_keys = sorted(self._columns)

    # ---- lookups ---------------------------------------------------------------------------
    def __bool__(self) -> bool:
        return bool(self.slots)

    def first(self) -> Slot | None:
        return self.slots[0] if self.slots else None

    def last(self) -> Slot | None:
        return self.slots[-1] if self.slots else None

    def slot_of(self, cell_id: str) -> Slot | None:
        return self._by_cell.get(cell_id)

    def at(self, row: int, col: int) -> Slot | None:
        """The input slot covering (row, col), if that position is an input."""
        g = self.spec.owner(row, col)
        return self._by_cell.get(g.cell) if g is not None and g.cell else None

    def is_input(self, row: int, col: int) -> bool:
        return self.at(row, col) is not None

    # ---- moves -------------------------------------------------------------------------------
    def move(self, row: int, col: int, move: Move, *, anchor: int | None = None) -> Slot | None:
        """Where ``move`` from (row, col) puts the current cell.

        ``anchor`` is the column where a run of Tabs began: Enter then goes to the next input
        row at that column, as Excel does.
        """
        if not self.slots:
            return None
        here = self.at(row, col)
        if here is None:
            return self._from_outside(row, col, move)
        if move is Move.NEXT:
            return self.slots[(self._order[here] + 1) % len(self.slots)]
        if move is Move.PREVIOUS:
            return self.slots[(self._order[here] - 1) % len(self.slots)]
        if move in (Move.RIGHT, Move.LEFT):
            row_slots = self._rows[here.row]
            i = row_slots.index(here) + (1 if move is Move.RIGHT else -1)
            return row_slots[i] if 0 <= i < len(row_slots) else here
        if move in (Move.DOWN, Move.UP):
            return self._vertical(here.row, here.col, up=move is Move.UP) or here
        if move in (Move.ENTER, Move.ENTER_UP):
            up = move is Move.ENTER_UP
            if anchor is not None:
                return self._row_at(here.row, anchor, up=up)
            return self._down_column(here, up=up)
        if move is Move.ROW_START:
            return self._rows[here.row][0]
        if move is Move.ROW_END:
            return self._rows[here.row][-1]
        return self.slots[0] if move is Move.FIRST else self.slots[-1]

    def _from_outside(self, row: int, col: int, move: Move) -> Slot:
        """From a label or total the mouse chose: the nearest input the move points at."""
        after = [s for s in self.slots if (s.row, s.col) > (row, col)]
        before = [s for s in self.slots if (s.row, s.col) < (row, col)]
        if move is Move.FIRST:
            return self.slots[0]
        if move is Move.LAST:
            return self.slots[-1]
        if move in (Move.DOWN, Move.UP, Move.ENTER, Move.ENTER_UP):
            up = move in (Move.UP, Move.ENTER_UP)
            found = self._vertical(row, col, up=up)
            if found is not None:
                return found
        if move in (Move.ROW_START, Move.ROW_END) and row in self._rows:
            return self._rows[row][0 if move is Move.ROW_START else -1]
        backwards = move in (Move.PREVIOUS, Move.LEFT, Move.UP, Move.ENTER_UP)
        if backwards:
            return before[-1] if before else self.slots[-1]
        return after[0] if after else self.slots[0]

    def _vertical(self, row: int, col: int, *, up: bool) -> Slot | None:
        """The nearest input above or below (row, col) whose merged area covers ``col``."""
        keys = reversed(self._row_keys) if up else self._row_keys
        for r in keys:
            if (r < row) if up else (r > row):
                hit = next((s for s in self._rows[r] if s.covers(col)), None)
                if hit is not None:
                    return hit
        return None

    def _row_at(self, row: int, col: int, *, up: bool) -> Slot:
        """The next input row below (above) ``row``, at column ``col`` or the nearest input to it."""
        later = [r for r in self._row_keys if (r < row if up else r > row)]
        if not later:
            later = list(self._row_keys)  # wrap, as the last Tab of the table does
        target = later[-1] if up else later[0]
        row_slots = self._rows[target]
        hit = next((s for s in row_slots if s.covers(col)), None)
        return hit or min(row_slots, key=lambda s: (abs(s.col - col), s.col))

    def _down_column(self, here: Slot, *, up: bool) -> Slot:
        """Down the column, then the top of the next column (a column typed top to bottom)."""
        column = self._columns[here.col]
        i = column.index(here) + (-1 if up else 1)
        if 0 <= i < len(column):
            return column[i]
        c = self._column_keys.index(here.col) + (-1 if up else 1)
        c %= len(self._column_keys)
        nxt = self._columns[self._column_keys[c]]
        return nxt[-1] if up else nxt[0]
