"""Reading any supported source (.xlsx, .docx, .gxr) into ``Found``: numbers, totals, text."""

from __future__ import annotations

import re
from pathlib import Path

from gxdesk.domain.cells import CellKind, parse_value
from gxdesk.domain.fee_text import fees_in_text
from gxdesk.domain.fields import AGENCY, CONTACTS, FEE_FIELDS, META_FIELDS, YEAR
from gxdesk.domain.imported import Found, NoteKind
from gxdesk.domain.report import Report
from gxdesk.domain.textutil import clean_text
from gxdesk.exchange.match_tables import collect
from gxdesk.exchange.narrative import split
from gxdesk.exchange.sources import Document, Grid, SourceError, read_docx, read_xlsx
from gxdesk.exchange.xlsx_writer import SHEET_INFO
from gxdesk.store import StoreError, load

SUPPORTED = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx", ".gxr": "gxr"}
OLD_FORMATS = {".xls": "Excel", ".et": "WPS 表格", ".doc": "Word", ".wps": "WPS 文字", ".pdf": "PDF"}


def read(path: Path | str) -> Found:
    """What ``path`` holds; raises SourceError with a Chinese message for what cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise SourceError(
            f"“{path.name}”是 {OLD_FORMATS[suffix]} 旧格式或不可编辑的文件：请在相应软件中另存为 "
            ".xlsx（表格）或 .docx（文档）后再导入"
        )
    kind = SUPPORTED.get(suffix)
    if kind is None:
        raise SourceError(f"不支持导入“{path.name}”：请选择 .xlsx、.docx 或 .gxr 文件")
    if kind == "gxr":
        try:
            return from_report(load(path), path.name)
        except StoreError as exc:
            raise SourceError(str(exc)) from None
    document = read_xlsx(path) if kind == "xlsx" else read_docx(path)
    found = _cleaned(from_document(document))
    if not found.has_tables and not found.parts:
        raise SourceError(f"“{path.name}”中没有找到可识别的统计表或报告正文（表格须带有官方格式的行列名称）")
    return found


def _cleaned(found: Found) -> Found:
    """Text from someone else's file, made safe to store and export (control characters)."""
    found.preface = None if found.preface is None else clean_text(found.preface)
    found.parts = {k: None if v is None else clean_text(v) for k, v in found.parts.items()}
    found.title = None if found.title is None else clean_text(found.title)
    found.agency = None if found.agency is None else clean_text(found.agency).strip()
    return found


def from_report(report: Report, source: str) -> Found:
    """A .gxr project as a source (e.g. last year's report)."""
    from gxdesk.domain.editions import edition_of

    edition = edition_of(report)
    found = Found(
        source,
        values=dict(report.values),
        claimed=dict(report.claimed),
        table_editions=dict.fromkeys(("二", "三"), edition.id),
        preface=report.preface or None,
        parts={k: v for k, v in report.parts.items() if v},
        title=report.meta.full_title,
        year=report.meta.year,
        agency=report.meta.agency,
        fees={
            "notices": report.fees.notices,
            "noticed": report.fees.noticed,
            "collected": report.fees.collected,
        },
        contacts={spec.id: str(spec.get(report)) for spec in CONTACTS if spec.get(report)},
    )
    found.note(NoteKind.FOUND, f"gxdesk 报告文件：{report.meta.full_title}")
    return found


def from_document(document: Document) -> Found:
    found = Found(document.path.name)
    collect(document.grids, found)
    if document.kind == "docx":
        narrative = split(document.paragraphs)
        found.title = narrative.title or None
        found.year, found.agency = narrative.year, narrative.agency or None
        found.preface = narrative.preface or None
        found.parts = {k: v for k, v in narrative.parts.items() if k in ("一", "五", "六")}
        found.fees.update(fees_in_text(found.parts.get("六")))  # a Word report states its fees there
        found.contacts.update(contacts_in_text(found.preface or ""))
        for heading in narrative.headings.values():
            found.note(NoteKind.FOUND, f"正文：“{heading}”")
    else:
        _gxdesk_info(document.grids, found)
        if found.year is None or not found.agency:
            _title_cells(document.grids, found)
    return found


# "清河县某局2024年政府信息公开工作年度报告（统计表）", "某局2024年度政府信息公开…", in a top cell or a
# sheet name: the agency before the year, whatever follows the title.
_WORKBOOK_TITLE = re.compile(r"^(?P<agency>.{2,60}?)(?P<year>(?:19|20)\d{2})\s*年度?(?:政府)?信息公开")


def _title_cells(grids: list[Grid], found: Found) -> None:
    """Agency and year of any workbook: from its title cells (the top rows) or sheet names."""
    candidates: list[str] = []
    for grid in grids:
        for r in range(min(grid.n_rows, 6)):
            candidates += [grid.text(r, c) for c in range(min(grid.n_cols, 12)) if not grid.is_covered(r, c)]
    candidates += [g.where.removeprefix("工作表“").removesuffix("”") for g in grids]
    for text in candidates:
        match = _WORKBOOK_TITLE.match(re.sub(r"\s+", "", clean_text(text or "")))
        if match is None:
            continue
        found.year = found.year or int(match.group("year"))
        agency = re.sub(r"^(?:附件|附表)\d*[：:]?", "", match.group("agency")).strip('：:“”"')
        found.agency = found.agency or agency or None
        found.title = found.title or text.strip()
        return


# The preface's "如对本报告有疑问，请与…联系（地址：…，邮编：…，电话：…）" and the site it names.
_CONTACT_PATTERNS = {
    "website": r"(?:网址|网站)[：:（(]?\s*((?:https?://)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s，。；）)]*)",
    "address": r"(?:联系)?地址[：:]\s*([^，。；）)]+)",
    "postcode": r"(?:邮编|邮政编码)[：:]\s*(\d{6})",
    "phone": r"(?:联系)?电话[：:]\s*([0-9０-９\-－ ]{7,20})",
    "email": r"(?:电子)?邮箱[：:]\s*([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+)",
}


def contacts_in_text(text: str) -> dict[str, str]:
    """网址, 地址, 邮编, 电话, 邮箱 as a Word report's preface states them."""
    out = {}
    for key, pattern in _CONTACT_PATTERNS.items():
        match = re.search(pattern, text)
        if match:
            out[key] = match.group(1).strip()
    return out


def _gxdesk_info(grids: list[Grid], found: Found) -> None:
    """The 基本信息 sheet of a gxdesk workbook: title, year, agency, fee figures."""
    grid = next((g for g in grids if g.where == f"工作表“{SHEET_INFO}”"), None)
    if grid is None:
        return
    labels = {spec.caption: spec for spec in (*META_FIELDS, *FEE_FIELDS)}
    found.title = grid.text(0, 0) or None
    for r in range(grid.n_rows):
        spec = labels.get(grid.text(r, 0))
        if spec is None:
            continue
        cell = grid.cell(r, 1)
        raw = None if cell is None else cell.raw
        if spec is YEAR:
            parsed = parse_value(raw, CellKind.COUNT)
            found.year = int(parsed.value) if parsed.ok and parsed.value else None
        elif spec is AGENCY:
            found.agency = str(raw).strip() if raw else None
        elif spec in CONTACTS:
            found.contacts[spec.id] = str(raw).strip() if raw else ""
        elif spec in FEE_FIELDS:
            parsed = spec.parse(raw)
            found.fees[spec.id] = parsed.value if parsed.ok else None
