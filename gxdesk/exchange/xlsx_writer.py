"""The Excel workbook: official tables with live total formulas, validation, and the findings."""

from __future__ import annotations

import io
import re
import zipfile
from enum import Enum
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gxdesk.domain.cells import CellKind, Value
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import edition_of
from gxdesk.domain.fields import FEE_FIELDS, META_FIELDS
from gxdesk.domain.findings import Severity
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.domain.rules import Rule, evaluate
from gxdesk.domain.tables import Role, TableSpec
from gxdesk.exchange.atomic import write_bytes

EDITION_LABEL = "报告格式"
Positions = dict[str, tuple[int, int]]  # cell id → (row, column) on a table sheet
SHEET_INFO, SHEET_FINDINGS = "基本信息", "检查结果"
SHEET_NAMES = {"二": "二、主动公开", "三": "三、依申请公开", "四": "四、复议诉讼"}
TOP, LEFT = 3, 1  # the grid starts at A3; the part heading sits in row 1
FONT = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_FILL = PatternFill("solid", fgColor="E9F1FB")
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
NUMBER_FORMATS = {
    CellKind.COUNT: "0",
    CellKind.SIGNED: "0",
    CellKind.AMOUNT_YUAN: 'General"元"',  # 731107元, 731107.5元: the unit the 2019 header lacks
    CellKind.AMOUNT_WAN: "General",  # the header says 万元
}


def ref(row: int, col: int, absolute: bool = False) -> str:
    """A1-style reference of a 0-based grid position on a table sheet."""
    letter, number = get_column_letter(LEFT + col), TOP + row
    return f"${letter}${number}" if absolute else f"{letter}{number}"


def put(cell: Cell | MergedCell, value: Any) -> None:
    """A value as it is, or text that stays text (never a formula)."""
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value


_FORMULA_LEADS = ("=", "+", "-", "@")


def set_text(cell: Cell | MergedCell, text: str) -> None:
    """Text stays text: a line starting with ``=`` (or + - @) must not become a formula, neither
    here nor when someone edits the cell in Excel or WPS (quotePrefix: Excel's leading ')."""
    cell.value = text
    if isinstance(text, str) and text.startswith(_FORMULA_LEADS):
        cell.data_type = "s"
        cell.quotePrefix = True


def to_bytes(report: Report) -> bytes:
    """The file's content (building it can fail for reasons that have nothing to do with disks)."""
    buffer = io.BytesIO()
    workbook = build(report)
    workbook.save(buffer)
    report = report.sanitized()
    edition = edition_of(report)
    cached = {SHEET_NAMES[t.part]: formula_values(t, report, edition) for t in edition.tables}
    return with_cached_values(buffer.getvalue(), workbook, cached)


def formula_values(table: TableSpec, report: Report, edition: Edition) -> dict[str, float | int]:
    """What each total's formula on ``table``'s sheet computes to, as Excel will (a blank is 0)."""
    values = compute(edition, {cid: report.values.get(cid) or 0 for cid in edition.input_ids})
    return {
        ref(g.row, g.col): _number(values.get(g.cell)) for g in table.grid if g.cell and table.cell(g.cell).computed
    }


# Every total is a formula (Excel and WPS recalculate it); its value is stored too, so whatever
# reads the file without calculating (previews, openpyxl's data_only, pandas) sees the figure.
_EMPTY_VALUE = re.compile(r'(<c r="([A-Z]+[0-9]+)"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(?:</v>)?')


def with_cached_values(data: bytes, workbook: Workbook, cached: dict[str, dict[str, float | int]]) -> bytes:
    """``data`` (``workbook`` saved) with each formula's computed value written beside it."""
    if not cached:
        return data
    sheets = {f"xl/worksheets/sheet{i}.xml": ws.title for i, ws in enumerate(workbook.worksheets, start=1)}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            values = cached.get(sheets.get(info.filename, ""))
            if values:
                content = _fill_values(content.decode("utf-8"), values).encode("utf-8")
            dst.writestr(info, content)
    return out.getvalue()


def write(report: Report, path: Path | str) -> None:
    """Write the file atomically (a half-written file never replaces a good one)."""
    write_bytes(path, to_bytes(report))


def build(report: Report) -> Workbook:
    report = report.sanitized()  # openpyxl refuses control characters
    edition = edition_of(report)
    workbook = Workbook()
    info = cast(Worksheet, workbook.active)
    info.title = SHEET_INFO
    _info_sheet(info, report, edition.name)
    formulas: set[tuple[str, str]] = set()
    for table in edition.tables:
        sheet = workbook.create_sheet(SHEET_NAMES[table.part])
        formulas |= {(sheet.title, c) for c in table_sheet(sheet, table, report, edition)}
    workbook.properties.creator = workbook.properties.lastModifiedBy = "gxdesk"
    workbook.properties.title = report.meta.full_title[:255]
    workbook.properties.subject = "政府信息公开工作年度报告"
    _findings_sheet(workbook.create_sheet(SHEET_FINDINGS), report)
    _text_stays_text(workbook, formulas)
    workbook.calculation.fullCalcOnLoad = True  # and Excel recalculates them on opening all the same
    return workbook


def _fill_values(xml: str, values: dict[str, float | int]) -> str:
    def fill(match: re.Match[str]) -> str:
        if match.group(2) not in values:
            return match.group(0)
        return f"{match.group(1)}{match.group(3)}<v>{values[match.group(2)]}</v>"

    return _EMPTY_VALUE.sub(fill, xml)


def _number(value: Value | None) -> float | int:
    if value is None:
        return 0
    return value if isinstance(value, int) else float(value)


# ---- sheets -------------------------------------------------------------------------------
def _info_sheet(sheet: Worksheet, report: Report, edition_name: str) -> None:
    sheet["A1"] = report.meta.full_title
    sheet["A1"].font = Font(name=FONT, size=14, bold=True)
    rows: list[tuple[str, Any]] = []
    for spec in META_FIELDS:
        value = spec.get(report)
        rows.append((spec.caption, value.value if isinstance(value, Enum) else value))
    rows.append((EDITION_LABEL, edition_name))
    for spec in FEE_FIELDS:
        value = spec.get(report)
        rows.append((spec.caption, value if value is None or isinstance(value, int) else float(value)))
    for i, (label, value) in enumerate(rows, start=3):
        sheet.cell(i, 1, label).font = Font(name=FONT, bold=True)
        cell = sheet.cell(i, 2)
        put(cell, value)
        cell.font = Font(name=FONT)
        cell.alignment = Alignment(horizontal="left")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 60
    page_setup(sheet, landscape=False)


def _text_stays_text(workbook: Workbook, formulas: set[tuple[str, str]]) -> None:
    """Only the totals are formulas: any other string openpyxl took for one (``=…``), a title
    included, is text, and stays text when edited in Excel or WPS (``set_text``)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and (sheet.title, cell.coordinate) not in formulas:
                    set_text(cell, cell.value)


def table_sheet(sheet: Worksheet, table: TableSpec, report: Report, edition: Edition) -> set[str]:
    """Lay out one official table; returns the coordinates of its formula cells."""
    formulas: set[str] = set()
    sheet.cell(1, LEFT, edition.part(table.part).heading).font = Font(name=FONT, size=14, bold=True)
    positions = {g.cell: (g.row, g.col) for g in table.grid if g.cell}
    size = table.layout.font_pt
    for g in table.grid:
        if g.rowspan > 1 or g.colspan > 1:
            sheet.merge_cells(
                start_row=TOP + g.row,
                start_column=LEFT + g.col,
                end_row=TOP + g.row + g.rowspan - 1,
                end_column=LEFT + g.col + g.colspan - 1,
            )
        for r in range(g.row, g.row + g.rowspan):  # borders on every cell of a merged area
            for c in range(g.col, g.col + g.colspan):
                sheet.cell(TOP + r, LEFT + c).border = BORDER
        cell = sheet.cell(TOP + g.row, LEFT + g.col)
        cell.font = Font(name=FONT, size=size, bold=g.role in (Role.CAPTION, Role.HEADER))
        if g.cell is None:
            set_text(cell, g.text)
            cell.alignment = Alignment(
                horizontal="left" if g.role is Role.LABEL else "center", vertical="center", wrap_text=True
            )
            cell.fill = LABEL_FILL
            continue
        spec = table.cell(g.cell)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.number_format = NUMBER_FORMATS[spec.kind]
        if spec.computed:
            cell.value = "=" + _sum_formula([positions[p] for p in spec.parts])
            formulas.add(cell.coordinate)
            cell.fill = TOTAL_FILL
            cell.font = Font(name=FONT, size=size, bold=True, color="1D4E89")
        else:
            value = report.values.get(spec.id)
            cell.value = value if value is None or isinstance(value, int) else float(value)
            cell.protection = UNLOCKED  # the only cells open when the sheet is protected
    _validations(sheet, table, positions)
    _balance_format(sheet, positions, [r for r in edition.rules if r.kind == "balance" and r.part == table.part])
    widths = table.layout.sheet_chars or (7,) * table.n_cols
    for col, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(LEFT + col)].width = width
    for r, height in enumerate(_row_heights(table, widths)):
        sheet.row_dimensions[TOP + r].height = height
    sheet.print_title_rows = f"{TOP}:{TOP + table.header_rows - 1}" if table.header_rows else None
    page_setup(sheet, landscape=table.layout.landscape)
    sheet.print_options.horizontalCentered = True
    sheet.freeze_panes = f"{get_column_letter(LEFT + table.label_cols)}{TOP + table.header_rows}"
    # Totals are formulas: protected (no password) so they are not typed over by accident;
    # 审阅 → 撤销工作表保护 lifts it. Column widths and row heights stay adjustable.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = sheet.protection.formatRows = sheet.protection.formatCells = False
    return formulas


LINE_HEIGHT_PT = 14  # one wrapped line of 9–10.5 pt type
UNLOCKED = Protection(locked=False)


def _row_heights(table: TableSpec, widths: tuple[int, ...]) -> list[float]:
    """Each row tall enough for its wrapped label (a long 2021 （六） label takes four lines)."""
    heights = [30.0 if r < table.header_rows else 22.0 for r in range(table.n_rows)]
    for g in table.grid:
        if g.cell is not None or g.rowspan > 1 or not g.text:
            continue
        chars = sum(widths[g.col : g.col + g.colspan]) * 0.5 * 10.5 / table.layout.font_pt  # CJK ≈ 2 columns
        lines = -(-len(g.text) // max(1, int(chars)))
        heights[g.row] = max(heights[g.row], lines * LINE_HEIGHT_PT + 6)
    return heights


def page_setup(sheet: Worksheet, *, landscape: bool) -> None:
    """A4, one page wide, page numbers in the footer: every sheet prints as a reader expects."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if sheet.sheet_properties.pageSetUpPr is None:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.oddFooter is not None:
        sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _sum_formula(cells: list[tuple[int, int]]) -> str:
    """SUM of the parts: one range when they are contiguous in a row or a column."""
    cells = sorted(cells)
    rows, cols = {r for r, _ in cells}, {c for _, c in cells}
    contiguous = (len(rows) == 1 and max(cols) - min(cols) + 1 == len(cells)) or (
        len(cols) == 1 and max(rows) - min(rows) + 1 == len(cells)
    )
    if contiguous:
        return f"SUM({ref(*cells[0])}:{ref(*cells[-1])})"
    return f"SUM({','.join(ref(*c) for c in cells)})"


_VALIDATION: dict[CellKind, tuple[Any, Any, str, str]] = {
    CellKind.COUNT: ("whole", "greaterThanOrEqual", "0", "请输入不小于0的整数"),
    CellKind.SIGNED: ("whole", "between", "-1000000000", "请输入整数（减少时写负数，如 -8）"),
    CellKind.AMOUNT_YUAN: ("decimal", "greaterThanOrEqual", "0", "请输入不小于0的金额（元），最多2位小数"),
    CellKind.AMOUNT_WAN: ("decimal", "greaterThanOrEqual", "0", "请输入不小于0的金额（万元），最多6位小数"),
}


def _validations(sheet: Worksheet, table: TableSpec, positions: Positions) -> None:
    by_kind: dict[CellKind, list[str]] = {}
    for spec in table.inputs:
        by_kind.setdefault(spec.kind, []).append(ref(*positions[spec.id]))
    for kind, refs in by_kind.items():
        type_, operator, formula, message = _VALIDATION[kind]
        rule = DataValidation(
            type=type_,
            operator=operator,
            formula1=formula,
            formula2="1000000000" if operator == "between" else None,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="数值不正确",
            error=message,
            showInputMessage=True,
            promptTitle="填写说明",
            prompt=message,
        )
        for target in refs:
            rule.add(target)
        sheet.add_data_validation(rule)


def _balance_format(sheet: Worksheet, positions: Positions, rules: list[Rule]) -> None:
    """Red cells where a balance rule's sides differ (T3-BALANCE: 第一项加第二项之和 ≠ 第三项加第四项之和),
    generated from the rule's own declaration; the 总计 column is marked the same way, its sides
    being the sums of the applicant columns'."""
    sides = [(rule.params["lhs"], rule.params["rhs"]) for rule in rules]
    if rules:  # the 总计 column: the same identity on the row totals
        lhs0, rhs0 = rules[0].params["lhs"], rules[0].params["rhs"]
        total = [tuple(c.rsplit(".", 1)[0] + ".total" for c in side) for side in (lhs0, rhs0)]
        if all(c in positions for side in total for c in side):
            sides.append((total[0], total[1]))
    for lhs_ids, rhs_ids in sides:
        lhs = [ref(*positions[c], absolute=True) for c in lhs_ids]
        rhs = [ref(*positions[c], absolute=True) for c in rhs_ids]
        highlight = FormulaRule(  # type: ignore[no-untyped-call]
            formula=[f"({'+'.join(lhs)})<>({'+'.join(rhs)})"], fill=ERROR_FILL
        )
        for target in (*lhs, *rhs):
            sheet.conditional_formatting.add(target.replace("$", ""), highlight)


def _findings_sheet(sheet: Worksheet, report: Report) -> None:
    edition = edition_of(report)
    headers = ("级别", "代码", "部分", "单元格", "问题", "说明")
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(1, col, text)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = LABEL_FILL
    findings = evaluate(report, edition)
    for row, f in enumerate(findings, start=2):
        cells = "；".join(edition.cell(c).name for c in f.cells if edition.has_cell(c))
        values = (f.severity.label, f.code, f.part, cells, f.message, report.explanations.get(f.key, ""))
        for col, value in enumerate(values, start=1):
            item = sheet.cell(row, col)
            set_text(item, value)
            item.alignment = Alignment(wrap_text=True, vertical="top")
            if col == 1:
                item.font = Font(name=FONT, color="B91C1C" if f.severity is Severity.ERROR else "A16207")
    if not findings:
        sheet.cell(2, 5, "未发现问题")
    # Landscape A4 holds about 150 characters a line: widths that print at a readable size, the
    # long texts wrapping instead of shrinking the whole page to fit.
    for letter, width in zip("ABCDEF", (6, 15, 8, 26, 62, 32), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    page_setup(sheet, landscape=True)
