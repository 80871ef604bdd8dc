"""An edition of the official format: parts, tables and rules, declared as data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

from gxdesk.domain.records import record
from gxdesk.domain.rule import Rule
from gxdesk.domain.tables import CellSpec, TableSpec

if TYPE_CHECKING:
    from gxdesk.domain.editions.common import PartSpec


@record(frozen=True)
class Topic:
    """A topic part 一 must address (2021 edition), with words that show it is covered."""

    heading: str
    keywords: tuple[str, ...]
    guidance: str


@record(frozen=True)
class Migration:
    """How values move from the previous edition into this one, as data.

    ``same_meaning``: previous id → this edition's id for a cell renamed. ``rows``: a previous
    row (id prefix) that this edition splits into several; its values go to ``into``, and going
    back the split rows are added up again.
    """

    previous: str
    same_meaning: Mapping[str, str] = field(default_factory=dict)
    rows: Mapping[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)  # old → (new rows, into)


@record(frozen=True)
class Edition:
    """One edition of 政府信息公开工作年度报告格式."""

    id: str
    document: str
    document_title: str
    first_year: int
    last_year: int | None
    parts: tuple[PartSpec, ...]
    tables: tuple[TableSpec, ...]
    rules: tuple[Rule, ...] = ()
    topics: tuple[Topic, ...] = ()
    fee_figures: bool = False
    migration: Migration | None = None  # from the edition before it
    _cells: dict[str, CellSpec] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for table in self.tables:
            self._cells.update({c.id: c for c in table.cells})

    @cached_property
    def input_ids(self) -> tuple[str, ...]:
        return tuple(cid for cid, c in self._cells.items() if not c.computed)

    @cached_property
    def totals(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Computed cells with their parts, ordered so a total comes after the totals it sums."""
        pending = {cid: c.parts for cid, c in self._cells.items() if c.computed}
        ordered: list[tuple[str, tuple[str, ...]]] = []
        while pending:
            ready = [cid for cid, parts in pending.items() if not any(p in pending for p in parts)]
            if not ready:
                raise ValueError("circular totals")
            ordered += [(cid, pending.pop(cid)) for cid in ready]
        return tuple(ordered)

    @cached_property
    def applicants(self) -> tuple[str, ...]:
        """表三's applicant columns (自然人 … 其他), as this edition's table declares them."""
        return tuple(c for c in self.table("三").col_ids() if not self.cell(f"{self.table('三').key}.new.{c}").computed)

    @property
    def name(self) -> str:
        return f"{self.id}年版格式（{self.document}）"

    @property
    def label(self) -> str:
        """Name for a parenthesis: ``2021年版格式，国办公开办函〔2021〕30号``."""
        return f"{self.id}年版格式，{self.document}"

    def table(self, part: str) -> TableSpec:
        return next(t for t in self.tables if t.part == part)

    def cell(self, cell_id: str) -> CellSpec:
        return self._cells[cell_id]

    def has_cell(self, cell_id: str) -> bool:
        return cell_id in self._cells

    @property
    def cells(self) -> dict[str, CellSpec]:
        return dict(self._cells)

    def part(self, numeral: str) -> PartSpec:
        return next(p for p in self.parts if p.numeral == numeral)
