"""The office's papers after an audit: one 退回修改单 per unit, and the 审核情况通报.

The point of the January audit is to send each unit what it must fix. A 退回修改单 names the unit,
the file it sent, and every finding (cross-year and 内容雷同 too) with where it is (part, and the
cell by its row and column labels), what is wrong and what to do. The 通报 is the one page an
office circulates: units on the 名单, received, with errors, with hints, missing, not on the 名单.
Both are laid out as the reports are (A4, GB/T 9704 margins, the report's fonts and page numbers).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from gxdesk.domain.advice import advice
from gxdesk.domain.collection import Audit, Unit, UnitStatus
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import get_edition
from gxdesk.domain.editions.common import PARTS, PREFACE
from gxdesk.domain.findings import Finding, Severity
from gxdesk.exchange.atomic import write_bytes
from gxdesk.exchange.collection import OFFICE_OUTPUT
from gxdesk.exchange.docx_tables import TABLE_STYLE
from gxdesk.exchange.docx_writer import STYLE_BODY, STYLE_H1, STYLE_TITLE, skeleton
from gxdesk.exchange.docx_xml import set_fonts
from gxdesk.exchange.fonts import LATIN, font_set
from gxdesk.exchange.publication import BODY_PT

FONTS = font_set(None)  # the report's own: 方正小标宋 title, 仿宋 body, 黑体 first-level headings

FIX_SUFFIX = "-退回修改.docx"
NOTICE_NAME = "审核情况通报.docx"
_COLUMNS = (("序号", 12), ("部分", 22), ("位置", 36), ("问题", 48), ("修改要求", 38))  # mm, 156 in all
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
HEADINGS = {PREFACE: "前言", **{p.numeral: p.heading for p in PARTS}}


def file_name(unit_name: str) -> str:
    """``清河县某局-退回修改.docx``: a name any file system takes and every file manager shows as
    it is: no control, format (bidi overrides such as U+202E, zero-width) or surrogate characters."""
    shown = "".join(ch for ch in unit_name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    safe = _UNSAFE.sub("_", shown).strip(" .") or "单位"
    return safe[:80] + FIX_SUFFIX


def _document(title: str):  # type: ignore[no-untyped-def]
    document = skeleton(FONTS)
    props = document.core_properties
    props.title = title[:255]
    props.author = props.last_modified_by = "gxdesk"
    props.category = OFFICE_OUTPUT  # a later audit of the same inbox knows it is not a unit's
    props.comments = props.keywords = props.subject = ""
    return document


def _paragraph(document, text: str, style: str = STYLE_BODY):  # type: ignore[no-untyped-def]
    return document.add_paragraph(text, style=style)


def _field(document, text: str):  # type: ignore[no-untyped-def]
    """A line such as 单位：…: left-aligned, so a short line is not spread across the page."""
    paragraph = _paragraph(document, text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return paragraph


def _run_in(document, heading: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """A paragraph led by its heading in 黑体 (GB/T 9704's first level), the text after it."""
    paragraph = _paragraph(document, "")
    run = paragraph.add_run(heading)
    set_fonts(run._r.get_or_add_rPr(), FONTS.heading1, LATIN)
    paragraph.add_run(text)


def _where(finding: Finding, edition: Edition | None) -> tuple[str, str]:
    """(part heading, the cells by row and column labels) of a finding."""
    part = finding.part
    cells = [c for c in finding.cells if edition is not None and edition.has_cell(c)]
    if edition is not None and cells and not part:
        part = edition.cell(cells[0]).part
    heading = HEADINGS.get(part, part or "全文")
    names = []
    for cid in cells[:4]:
        spec = edition.cell(cid) if edition is not None else None
        if spec is not None:
            names.append("·".join([*spec.row, *spec.column[len(spec.caption) :]]))
    more = f" 等 {len(cells)} 格" if len(cells) > 4 else ""
    return heading, "；".join(names) + more


def fix_list(unit: Unit, result: Audit, *, office: str = "", today: date | None = None) -> bytes:
    """The 退回修改单 of one unit."""
    today = today or date.today()
    report = unit.chosen.report
    edition = get_edition(report.edition) if report is not None else None
    document = _document(f"{unit.name}政府信息公开工作年度报告审核意见")
    _paragraph(document, "政府信息公开工作年度报告", STYLE_TITLE)
    _paragraph(document, "审核意见（退回修改单）", STYLE_TITLE)
    _paragraph(document, "")
    sent = datetime.fromtimestamp(unit.chosen.mtime).strftime("%Y年%m月%d日") if unit.chosen.mtime else ""
    year = f"{report.meta.year}年度" if report is not None else f"{result.year}年度"
    _field(document, f"单位：{unit.name}")
    versions = f"；共收到 {len(unit.versions)} 个版本，审核的是这一个" if len(unit.versions) > 1 else ""
    _field(document, f"报送文件：{unit.chosen.name}" + (f"（{sent}修改）" if sent else "") + versions)
    if edition is not None:
        _field(document, f"报告：{year}，{edition.label}")
    errors = [f for f in unit.findings if f.severity is Severity.ERROR]
    warnings = [f for f in unit.findings if f.severity is Severity.WARNING]
    _paragraph(
        document,
        f"审核发现错误 {len(errors)} 项、提示 {len(warnings)} 项。请按以下意见修改后重新报送；"
        "提示类问题如确属实际情况，请在重新报送时附书面说明。",
    )
    _paragraph(document, "一、需要修改的问题", STYLE_H1)
    _findings_table(document, errors + warnings, edition)
    if not unit.on_roster:
        _paragraph(document, "二、其他事项", STYLE_H1)
        _paragraph(document, f"报告中的机关名称“{unit.name}”与单位名单不一致，请核对机关全称。")
    _ending(document, office, today)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _findings_table(document, findings: Sequence[Finding], edition: Edition | None) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=len(_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, _COLUMNS, strict=True):
        column.width = Mm(width)  # the grid Word and WPS lay out by
    for cell, (label, width) in zip(table.rows[0].cells, _COLUMNS, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].style = TABLE_STYLE
        run = cell.paragraphs[0].add_run(label)
        run.bold = True
    for n, finding in enumerate(findings, start=1):
        part, cells = _where(finding, edition)
        level = "" if finding.severity is Severity.ERROR else "（提示）"
        row = table.add_row().cells
        for cell, text, (_, width) in zip(
            row, (str(n), part, cells or "—", level + finding.message, advice(finding)), _COLUMNS, strict=True
        ):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.style = TABLE_STYLE
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if width <= 12 else WD_ALIGN_PARAGRAPH.LEFT
            paragraph.add_run(text)
    if not findings:
        row = table.add_row().cells
        merged = row[0].merge(row[-1])
        merged.paragraphs[0].style = TABLE_STYLE
        merged.paragraphs[0].add_run("未发现问题")
    _paragraph(document, "")  # Word wants a paragraph after a table


def _ending(document, office: str, today: date) -> None:  # type: ignore[no-untyped-def]
    _paragraph(document, "")
    for text in (office, f"{today.year}年{today.month}月{today.day}日"):
        if not text:
            continue
        paragraph = _paragraph(document, text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * 4)  # 右空四字


def notice(result: Audit, *, office: str = "", today: date | None = None) -> bytes:
    """The one-page 审核情况通报 of the collection."""
    today = today or date.today()
    document = _document(f"{result.year or ''}年度政府信息公开工作年度报告审核情况通报")
    _paragraph(document, f"{result.year or ''}年度政府信息公开工作年度报告", STYLE_TITLE)
    _paragraph(document, "审核情况通报", STYLE_TITLE)
    _paragraph(document, "")
    on_roster = [u for u in result.units if u.on_roster]
    named = len(on_roster) + len([m for m in result.missing if m])
    received = f"收到 {len(result.units)} 个单位的报告" + (
        f"（其中名单上的单位 {len(on_roster)} 个）" if result.has_roster else ""
    )
    opening = (
        f"截至{today.year}年{today.month}月{today.day}日，"
        + (f"应报送的 {named} 个单位中，" if result.has_roster else "")
        + f"共{received}。经逐份审核，现将情况通报如下。"
    )
    _paragraph(document, opening)
    returned = [u for u in result.units if u.errors]
    to_check = [u for u in result.units if not u.errors and u.quality is not UnitStatus.REPORTED]
    listed = [u for u in result.units if u.on_roster] if result.has_roster else list(result.units)
    returned = [u for u in listed if u.errors]
    to_check = [u for u in listed if not u.errors and u.quality is not UnitStatus.REPORTED]
    passed = [u for u in listed if u.quality is UnitStatus.REPORTED]
    sections = [
        ("一、需退回修改的单位。", returned, "报告有错误，已退回修改，请于收到退回修改单后重新报送。"),
        ("二、需核实的单位。", to_check, "报告有提示或与上年内容雷同，请核实；如确属实际情况，请附说明。"),
        ("三、审核通过的单位。", passed, ""),
    ]
    for heading, units, note in sections:
        names = "、".join(u.name + (f"（错误 {u.errors} 项）" if u.errors else "") for u in units)
        _run_in(document, heading, f"共 {len(units)} 个：{names}。{note}" if units else "无。")
    missing = "、".join(result.missing)
    _run_in(
        document,
        "四、未报送的单位。",
        f"共 {len(result.missing)} 个：{missing}。请尽快报送。" if result.missing else "无。",
    )
    numerals = iter("五六七")
    strangers = [u for u in result.units if not u.on_roster] if result.has_roster else []
    if strangers:
        text = "、".join(u.name + (f"（可能是“{u.suggestion}”）" if u.suggestion else "") for u in strangers)
        counted = [u for u in strangers if result.counted(u)]
        tail = "已按核对结果计入汇总" if counted and len(counted) == len(strangers) else "未计入汇总"
        _run_in(
            document,
            f"{next(numerals)}、不在名单上的报告。",
            f"共 {len(strangers)} 份：{text}。报告中的机关名称与名单不一致，{tail}。",
        )
    if result.unreadable or result.other_year:
        files = [f"{u.name}（{u.reason}）" for u in result.unreadable]
        files += [f"{u.name}（{u.report.meta.year}年度的报告）" for u in result.other_year if u.report is not None]
        _run_in(document, f"{next(numerals)}、无法审核的文件。", "；".join(files) + "。请有关单位按要求重新报送。")
    _ending(document, office, today)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_all(
    result: Audit, folder: Path | str, *, units: Sequence[Unit] | None = None, office: str = ""
) -> list[Path]:
    """A 退回修改单 for each unit with something to fix (of ``units``, or all), and the 通报."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for unit in units if units is not None else result.units:
        if not unit.findings and unit.on_roster:
            continue
        path = folder / file_name(unit.name)
        write_bytes(path, fix_list(unit, result, office=office))
        written.append(path)
    path = folder / NOTICE_NAME
    write_bytes(path, notice(result, office=office))
    written.append(path)
    return written


def default_folder(paths: Sequence[str | Path]) -> Path:
    """Beside the inbox, never in it: ``来件`` → ``来件-审核结果``."""
    first = Path(paths[0]) if paths else Path.cwd()
    inbox = first if first.is_dir() else first.parent
    inbox = inbox.absolute()
    return inbox.parent / f"{inbox.name or '汇总'}-审核结果"
