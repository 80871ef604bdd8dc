"""The office's summary workbook (rollup.md): 汇总, 问题清单, 未报送, and the summed tables."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gxdesk.domain.cells import Value
from gxdesk.domain.codes import RuleTag
from gxdesk.domain.collection import Audit, Unit
from gxdesk.domain.editions import get_edition
from gxdesk.domain.editions.common import CARRY_OUT, NEW, RESULTS_TOTAL, T3, T4_GROUPS, TOTAL, t4_total
from gxdesk.domain.findings import Severity
from gxdesk.domain.report import Report
from gxdesk.domain.rollup import RollUp, describe_provenance, source_name, sum_units
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import cell_id
from gxdesk.domain.textutil import displayable
from gxdesk.exchange.atomic import write_bytes
from gxdesk.exchange.collection import OFFICE_OUTPUT
from gxdesk.exchange.jsonview import cell_ref
from gxdesk.exchange.xlsx_writer import (
    FONT,
    LABEL_FILL,
    SHEET_NAMES,
    formula_values,
    page_setup,
    put,
    set_text,
    table_sheet,
    with_cached_values,
)

PROBLEM_FILL = PatternFill("solid", fgColor="FDE2E2")
WARNING_FILL = PatternFill("solid", fgColor="FEF3C7")
FIRST_PROBLEMS = 3

# The figures the 汇总 sheet shows for every unit (rollup.md), as (header, cells summed).
KEY_FIGURES = (
    ("本年新收申请总计", (cell_id(T3, NEW, TOTAL),)),
    ("办理结果总计", (cell_id(T3, RESULTS_TOTAL, TOTAL),)),
    ("结转下年度", (cell_id(T3, CARRY_OUT, TOTAL),)),
    ("行政复议总计", (t4_total(T4_GROUPS[0]),)),
    ("行政诉讼总计", (t4_total(T4_GROUPS[1]), t4_total(T4_GROUPS[2]))),
)


def rollup_of(result: Audit, agency: str = "（汇总）") -> RollUp | None:
    """The sum of the units counted (on the 名单 or ticked in), or None before any is."""
    reports = result.counted_reports()
    if result.year is None or not reports:
        return None
    try:
        return sum_units(agency, result.year, reports)
    except ValueError:
        return None


def build(result: Audit, rollup: RollUp | None = None) -> Workbook:
    """The one summary workbook, from the command line and the window alike: 汇总 (with the total
    of the units counted), 问题清单, 未报送, and the summed tables with where each figure came from."""
    rollup = rollup or rollup_of(result)
    workbook = Workbook()
    workbook.properties.creator = workbook.properties.lastModifiedBy = "gxdesk"
    workbook.properties.title = f"{result.year or ''}年度政府信息公开工作年度报告汇总与审核"
    workbook.properties.category = OFFICE_OUTPUT
    summary = workbook.active
    assert isinstance(summary, Worksheet)
    summary.title = "汇总"
    _summary(summary, result, rollup)
    _problems(workbook.create_sheet("问题清单"), result)
    _missing(workbook.create_sheet("未报送"), result)
    if rollup is not None:
        edition = get_edition(rollup.report.edition)
        for table in edition.tables:
            sheet = workbook.create_sheet(f"汇总{SHEET_NAMES[table.part]}")
            table_sheet(sheet, table, rollup.report, edition)
        _provenance(workbook.create_sheet("汇总来源"), rollup)
    return workbook


def _provenance(sheet: Worksheet, rollup: RollUp) -> None:
    """Where every summed figure came from: which units gave which values."""
    _header(sheet, ("单元格", "合计", "来源（单位 数值）"), (50, 12, 90))
    row = 2
    for cid, contributions in rollup.provenance.items():
        total = sum((c.value for c in contributions), 0)
        for col, value in enumerate(
            (source_name(rollup.report, cid), total, describe_provenance(contributions)), start=1
        ):
            put(sheet.cell(row, col), value)
        sheet.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    sheet.auto_filter.ref = f"A1:C{max(2, row - 1)}"
    page_setup(sheet, landscape=True)


def to_bytes(result: Audit, rollup: RollUp | None = None) -> bytes:
    buffer = io.BytesIO()
    rollup = rollup or rollup_of(result)
    workbook = build(result, rollup)
    for sheet in workbook.worksheets:  # file names may hold undecodable bytes (a GBK zip unpacked)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = displayable(cell.value)
    workbook.save(buffer)
    if rollup is None:
        return buffer.getvalue()
    edition = get_edition(rollup.report.edition)
    cached = {f"汇总{SHEET_NAMES[t.part]}": formula_values(t, rollup.report, edition) for t in edition.tables}
    return with_cached_values(buffer.getvalue(), workbook, cached)


def write(result: Audit, path: Path | str, rollup: RollUp | None = None) -> None:
    write_bytes(path, to_bytes(result, rollup))


def _header(sheet: Worksheet, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(1, col, text)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = LABEL_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"


def _figures(unit: Unit) -> list[Value | None]:
    """The unit's KEY_FIGURES, its cells computed once (published totals as published)."""
    report = unit.chosen.report
    if report is None:
        return [None] * len(KEY_FIGURES)
    return _key_figures(report)


def _key_figures(report: Report) -> list[Value | None]:
    values = compute(get_edition(report.edition), report.values, report.claimed)
    out: list[Value | None] = []
    for _, cells in KEY_FIGURES:
        found = [values.get(c) for c in cells]
        out.append(None if any(v is None for v in found) else sum(v for v in found if v is not None))
    return out


def _reuse_share(unit: Unit) -> Value | None:
    """The highest share (%) of a part's text reused from last year, as TEXT-REUSE measured it."""
    shares = [f.actual for f in unit.findings if f.code.has(RuleTag.REUSE) and f.actual is not None]
    return max(shares) if shares else None


def _summary(sheet: Worksheet, result: Audit, rollup: RollUp | None) -> None:
    headers = (
        "单位",
        "文件",
        "报告年度",
        "格式",
        "计入汇总",
        "状态",
        "错误",
        "提示",
        "主要问题",
        *(h for h, _ in KEY_FIGURES),
        "雷同（%）",
        "缺少部分",
    )
    _header(sheet, headers, (28, 30, 8, 8, 8, 8, 6, 6, 60, 10, 10, 10, 10, 10, 9, 14))
    for row, unit in enumerate(result.units, start=2):
        report = unit.chosen.report
        errors = [f for f in unit.findings if f.severity is Severity.ERROR]
        warnings = [f for f in unit.findings if f.severity is Severity.WARNING]
        problems = "；".join(f.message for f in (errors + warnings)[:FIRST_PROBLEMS])
        missing_parts = "、".join(f.part for f in unit.findings if f.code.has(RuleTag.EMPTY_PART))
        values = (
            unit.name,
            Path(unit.chosen.path).name + (f"（共 {len(unit.versions)} 个版本）" if len(unit.versions) > 1 else ""),
            report.meta.year if report else None,
            report.edition if report else "",
            "是" if result.counted(unit) else "否",
            unit.status.label,
            len(errors),
            len(warnings),
            problems,
            *_figures(unit),
            _reuse_share(unit),
            missing_parts,
        )
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col)
            put(cell, value)
            cell.alignment = Alignment(wrap_text=col in (1, 2, 9), vertical="top")
            if errors:
                cell.fill = PROBLEM_FILL
            elif warnings:
                cell.fill = WARNING_FILL
    last = len(result.units) + 1
    if rollup is not None:  # the units counted, added up: the county's figures
        figures = _key_figures(rollup.report)
        total = (f"合计（计入汇总的 {len(rollup.units)} 个单位）", *[""] * 8, *figures)
        for col, value in enumerate(total, start=1):
            cell = sheet.cell(last + 1, col)
            put(cell, value)
            cell.font = Font(name=FONT, bold=True)
            cell.fill = LABEL_FILL
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(2, last)}"
    page_setup(sheet, landscape=True)


def _problems(sheet: Worksheet, result: Audit) -> None:
    headers = ("单位", "部分", "代码", "级别", "单元格", "问题")
    _header(sheet, headers, (28, 8, 16, 6, 40, 80))
    rows = [(u.name, f) for u in result.units for f in u.findings]
    rows += [("（本级报告）", f) for f in result.parent_findings]
    for row, (name, f) in enumerate(rows, start=2):
        unit = next((u for u in result.units if u.name == name), None)
        report = unit.chosen.report if unit else None
        edition = get_edition(report.edition) if report else None
        cells = "；".join(
            "·".join([*cell_ref(edition.cell(c))["row"], *cell_ref(edition.cell(c))["column"]])
            for c in f.cells
            if edition is not None and edition.has_cell(c)
        )
        for col, value in enumerate((name, f.part, f.code, f.severity.label, cells, f.message), start=1):
            cell = sheet.cell(row, col)
            set_text(cell, value)
            cell.alignment = Alignment(wrap_text=col in (5, 6), vertical="top")
            if col == 4:
                cell.font = Font(name=FONT, color="B91C1C" if f.severity is Severity.ERROR else "A16207")
    sheet.auto_filter.ref = f"A1:F{max(2, len(rows) + 1)}"
    page_setup(sheet, landscape=True)


def _missing(sheet: Worksheet, result: Audit) -> None:
    _header(sheet, ("单位或文件", "情况"), (40, 80))
    rows = [(name, "名单上的单位，没有收到可读的报告") for name in result.missing]
    rows += [
        (
            u.name,
            "报告中的机关名称不在名单上，"
            + ("已勾选计入汇总" if result.counted(u) else "未计入汇总")
            + (f"；可能是名单中的“{u.suggestion}”，请核对" if u.suggestion else "（请核对名称或补充名单）"),
        )
        for u in result.units
        if not u.on_roster
    ]
    rows += [(Path(u.path).name, f"无法读取：{u.reason}") for u in result.unreadable]
    rows += [
        (Path(u.path).name, f"{u.report.meta.year}年度的报告，不是{result.year}年度，未计入")
        for u in result.other_year
        if u.report is not None
    ]
    if not rows:
        rows = [("（无）", "名单上的单位都已报送")]
    for row, (who, what) in enumerate(rows, start=2):
        set_text(sheet.cell(row, 1), who)
        set_text(sheet.cell(row, 2), what)
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    page_setup(sheet, landscape=False)
