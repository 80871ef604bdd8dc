"""The year's key figures for the 图解 (一图读懂): what a citizen reads on a phone.

Taken from the same computed cells the Word tables print (a published total as published), in
the edition's own labels; last year's figure beside each where last year's report is imported.
Pure Python: the drawing is ``gui/publish/infographic.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from gxdesk.domain.cells import CellKind, Value, format_value
from gxdesk.domain.compare import last_year_values
from gxdesk.domain.editions import edition_of
from gxdesk.domain.editions.common import (
    APPLICANTS,
    CARRIED_IN,
    CARRY_OUT,
    NEW,
    OUTCOMES,
    RESULTS_TOTAL,
    T3,
    T3_RESULTS,
    T4,
    T4_ROW,
    TOTAL,
)
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import cell_id
from gxdesk.exchange.publication import ORDINAL, published_date


@dataclass(frozen=True)
class Figure:
    """One number as drawn: its label, its text with the unit, last year's where known."""

    label: str
    text: str  # the number as the table prints it, without a unit
    value: float
    last: str = ""  # last year's, as text
    unit: str = ""  # 件, 项, 万元, 元: drawn smaller beside the number

    @property
    def change(self) -> str:
        """ "较上年 +3" / "较上年 −2" / "与上年持平"; '' without last year's figure."""
        if not self.last:
            return ""
        try:
            delta = Decimal(self.text) - Decimal(self.last)
        except ArithmeticError:
            return ""
        if delta == 0:
            return "与上年持平"
        sign = "+" if delta > 0 else "−"
        return f"较上年 {sign}{format_value(abs(delta))}"


@dataclass(frozen=True)
class Row:
    """A row of 表二: its label and its figures (本年制发件数 3, 现行有效件数 27…)."""

    block: str
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Cases:
    """行政复议 or 行政诉讼: the total and its outcomes."""

    title: str
    total: Figure
    outcomes: tuple[Figure, ...]


@dataclass(frozen=True)
class KeyFigures:
    agency: str
    year: int
    title: str
    date: str
    active: tuple[Row, ...]
    received: tuple[Figure, ...]  # 本年新收, 上年结转, 办理结果总计, 结转下年度
    applicants: tuple[Figure, ...]  # 本年新收 by applicant: 自然人, 法人或其他组织
    results: tuple[Figure, ...]  # by kind: 予以公开 … 其他处理
    cases: tuple[Cases, ...]
    fees: tuple[Figure, ...] = field(default=())

    def all_figures(self) -> list[Figure]:
        out = [f for row in self.active for f in row.figures]
        out += [*self.received, *self.applicants, *self.results]
        for case in self.cases:
            out += [case.total, *case.outcomes]
        return out + list(self.fees)


_ASIDE = re.compile(r"（[^）]*）$")


def short_label(label: str) -> str:
    """ "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "部分公开"."""
    return _ASIDE.sub("", ORDINAL.sub("", label)).strip()


def key_figures(report: Report) -> KeyFigures:
    edition = edition_of(report)
    values = compute(edition, report.values, report.claimed)
    last = last_year_values(report) if report.prior is not None else {}
    t2, t3 = edition.table("二"), edition.table("三")

    def figure(cid: str, label: str) -> Figure:
        spec = edition.cell(cid)
        value = values.get(cid)
        before = last.get(cid)
        last_text = format_value(before) if before is not None else ""
        text = format_value(value if value is not None else 0)
        return Figure(label, text, _number(value), last_text, unit_of(label, spec.kind))

    def summed(label: str, cids: list[str]) -> Figure:
        total = sum((values.get(c) or 0 for c in cids), start=0)
        known = [last.get(c) for c in cids]
        before = sum((v or 0 for v in known), start=0) if known and all(v is not None for v in known) else None
        unit = unit_of(label, edition.cell(cids[0]).kind)
        last_text = format_value(before) if before is not None else ""
        return Figure(label, format_value(total), _number(total), last_text, unit)

    active = []
    for row_id in t2.row_ids():
        cells = [c for c in t2.cells if c.row_id == row_id]
        figures = tuple(figure(c.id, short_label(c.column[-1])) for c in cells)
        active.append(Row(cells[0].row[0], cells[0].row[-1], figures))

    def t3_total(row: str) -> str:
        return cell_id(T3, row, TOTAL)

    received = (
        figure(t3_total(NEW), "本年新收申请"),
        figure(t3_total(CARRIED_IN), "上年结转申请"),
        figure(t3_total(RESULTS_TOTAL), "办理结果总计"),
        figure(t3_total(CARRY_OUT), "结转下年度办理"),
    )
    legal = [a for a in APPLICANTS if a != "natural"]
    applicants = (
        figure(cell_id(T3, NEW, "natural"), "自然人"),
        summed("法人或其他组织", [cell_id(T3, NEW, a) for a in legal]),
    )
    groups: dict[str, list[str]] = {}
    for c in t3.cells:
        if c.col_id == TOTAL and len(c.row) > 1 and c.row[0] == T3_RESULTS and c.row_id != RESULTS_TOTAL:
            groups.setdefault(c.row[1], []).append(c.id)
    results = tuple(summed(short_label(label), ids) for label, ids in groups.items())

    def outcomes(prefix: str) -> tuple[Figure, ...]:
        return tuple(figure(cell_id(T4, T4_ROW, f"{prefix}_{oid}"), label) for oid, label in OUTCOMES)

    def lawsuit(oid: str, label: str) -> Figure:
        return summed(label, [cell_id(T4, T4_ROW, f"{g}_{oid}") for g in ("direct", "after_review")])

    cases = (
        Cases("行政复议", figure(cell_id(T4, T4_ROW, f"review_{TOTAL}"), "行政复议"), outcomes("review")),
        Cases(
            "行政诉讼",
            summed("行政诉讼", [cell_id(T4, T4_ROW, f"{g}_{TOTAL}") for g in ("direct", "after_review")]),
            tuple(lawsuit(oid, label) for oid, label in OUTCOMES),
        ),
    )
    fees: tuple[Figure, ...] = ()
    notices = report.fees.notices
    if edition.fee_figures and notices is not None:
        f = report.fees
        fees = (
            Figure("发出收费通知", str(notices), float(notices), unit="件"),
            Figure("通知金额", format_value(f.noticed or 0), _number(f.noticed), unit="元"),
            Figure("实际收取", format_value(f.collected or 0), _number(f.collected), unit="元"),
        )
    return KeyFigures(
        agency=report.meta.agency,
        year=report.meta.year,
        title=report.meta.full_title,
        date=published_date(report),
        active=tuple(active),
        received=received,
        applicants=applicants,
        results=results,
        cases=cases,
        fees=fees,
    )


def unit_of(label: str, kind: CellKind) -> str:
    """The unit a figure is read with: 万元 and 元 for amounts, 项 for items, else 件."""
    if kind is CellKind.AMOUNT_WAN:
        return "万元"
    if kind is CellKind.AMOUNT_YUAN:
        return "元"
    return "项" if "项目" in label or "增/减" in label else "件"


def _number(value: Value | None) -> float:
    return float(value) if value is not None else 0.0
