"""对比上年 as files a reviewer sends back to a unit: JSON, an Excel workbook, a marked Word file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from gxdesk.domain.compare import CellChange, Status, compare_numbers, compare_parts, report_share
from gxdesk.domain.editions.common import PARTS, PREFACE
from gxdesk.domain.findings import plain_number
from gxdesk.domain.report import Report
from gxdesk.exchange.atomic import write_bytes

STATUS_WORDS = {
    Status.SAME: "与上年相同",
    Status.NUMBERS_CHANGED: "仅数字或年份不同",
    Status.NEW: "新写",
    Status.BOILERPLATE: "固定表述",
}
PART_TITLES = {PREFACE: "前言", **{p.numeral: p.heading for p in PARTS}}
TABLE_TITLES = {"二": "表二 主动公开", "三": "表三 依申请公开", "四": "表四 复议诉讼", "六": "第六部分 信息处理费"}


def as_json(report: Report) -> dict[str, Any]:
    cells = [
        {
            "table": c.table,
            "row": list(c.row),
            "column": list(c.column),
            "this": plain_number(c.this),
            "last": plain_number(c.last),
            "change": plain_number(c.change),
            "new": c.new,
            "large": c.large,
        }
        for c in compare_numbers(report)
    ]
    parts = [
        {
            "part": p.part,
            "share": round(p.share, 3),
            "sentences": [{"text": s.text, "status": s.status.value, "last": s.last} for s in p.sentences],
        }
        for p in compare_parts(report)
    ]
    return {"cells": cells, "parts": parts}


def as_text(report: Report) -> str:
    if report.prior is None:
        return "没有上年报告：用 gxdesk import 报告.gxr --from 上年报告 --prior-year 导入后再对比。"
    lines = [f"{report.meta.full_title}：与{report.prior.year}年度报告对比"]
    changed = [c for c in compare_numbers(report) if c.change not in (None, 0)]
    lines.append(
        f"数字：{len(changed)} 项有变化" + ("，其中变化较大（需再核实）：" if any(c.large for c in changed) else "")
    )
    for c in changed:
        if c.large:
            lines.append(f"  ！{_name(c)}：{_num(c.last)} → {_num(c.this)}（{c.change_text}）")
    parts = compare_parts(report)
    lines.append(f"文字：全文约 {round(report_share(parts) * 100)}% 与上年相同或仅数字不同")
    for p in parts:
        lines.append(f"  {PART_TITLES.get(p.part, p.part)}：{round(p.share * 100)}%")
        for s in p.sentences:
            if s.status in (Status.SAME, Status.NUMBERS_CHANGED):
                lines.append(f"    [{STATUS_WORDS[s.status]}] {s.text}")
    return "\n".join(lines)


def _name(c: CellChange) -> str:
    return f"{TABLE_TITLES.get(c.table, c.table)}“{'·'.join(c.row[-1:])}”{c.column[-1]}"


def _num(value: object) -> str:
    return "—" if value is None else str(plain_number(value))  # type: ignore[arg-type]


def xlsx_bytes(report: Report) -> bytes:
    """A sheet per table: each figure's row and column labels, this year, last year, the change."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    from gxdesk.exchange.xlsx_writer import FONT, LABEL_FILL, page_setup, put

    large_fill = PatternFill("solid", fgColor="FDE2E2")
    workbook = Workbook()
    first = True
    by_table: dict[str, list[CellChange]] = {}
    for c in compare_numbers(report):
        by_table.setdefault(c.table, []).append(c)
    year = report.meta.year
    last_year = report.prior.year if report.prior else year - 1
    for table, changes in by_table.items():
        sheet = workbook.active if first else workbook.create_sheet()
        assert isinstance(sheet, Worksheet)
        first = False
        sheet.title = TABLE_TITLES.get(table, table)
        headers = ("行", "列", f"{year}年", f"{last_year}年", "变化", "需再核实")
        for col, text in enumerate(headers, start=1):
            head = sheet.cell(1, col, text)
            head.font, head.fill = Font(name=FONT, bold=True), LABEL_FILL
        for row, c in enumerate(changes, start=2):
            values = ("·".join(c.row), "·".join(c.column), plain_number(c.this), plain_number(c.last), c.change_text,
                      "是" if c.large else "")  # fmt: skip
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row, col)
                put(cell, value)
                cell.alignment = Alignment(wrap_text=col <= 2, vertical="center")
                if c.large:
                    cell.fill = large_fill
        for letter, width in zip("ABCDEF", (40, 30, 10, 10, 18, 9), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "A2"
        page_setup(sheet, landscape=False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes(report: Report) -> bytes:
    """The report's text with last year's sentences marked: yellow carried over unchanged, green
    changed only in numbers or dates; large swings in the figures listed first."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    document.add_heading(f"{report.meta.full_title}：与上年报告对比", level=1)
    parts = compare_parts(report)
    document.add_paragraph(
        f"全文约 {round(report_share(parts) * 100)}% 的文字与上年报告相同或仅数字、年份不同。"
        "黄色：与上年相同；绿色：仅数字或年份不同。请结合本年工作重写。"
    )
    large = [c for c in compare_numbers(report) if c.large]
    if large:
        document.add_heading("变化较大的数字（请再核实）", level=2)
        for c in large:
            document.add_paragraph(f"{_name(c)}：上年 {_num(c.last)}，本年 {_num(c.this)}（{c.change_text}）")
    colors = {Status.SAME: WD_COLOR_INDEX.YELLOW, Status.NUMBERS_CHANGED: WD_COLOR_INDEX.BRIGHT_GREEN}
    for p in parts:
        document.add_heading(f"{PART_TITLES.get(p.part, p.part)}（约 {round(p.share * 100)}% 与上年相同）", level=2)
        paragraph = document.add_paragraph()
        for s in p.sentences:
            run = paragraph.add_run(s.text)
            if s.status in colors:
                run.font.highlight_color = colors[s.status]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(report: Report, path: Path | str, kind: str) -> None:
    write_bytes(path, xlsx_bytes(report) if kind == "xlsx" else docx_bytes(report))
