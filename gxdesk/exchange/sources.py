"""Reading a workbook or Word file into plain cell grids (merges resolved) and paragraphs.

Nothing here knows the official format: that is ``match_tables``. This module only makes
every source look alike, and refuses files that are not what they claim to be.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from gxdesk.domain.textutil import LINE_BREAK, clean_text
from gxdesk.oserrors import special_file_problem

MAX_FILE = 100 * 1024 * 1024  # on disk; a report is at most a few MB (with pictures)
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a real report workbook is a few hundred KB
MAX_RATIO = 200
MAX_ENTRIES = 5000
# What an official table can span: spans and merges are clipped to this (and to the cells a
# sheet holds), so no file can make a reader build more than it holds.
MAX_GRID_ROWS, MAX_GRID_COLS = 5000, 200
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SourceError(ValueError):
    """A file that cannot be imported; ``str()`` says why, in Chinese."""


@dataclass
class SourceCell:
    """One cell: what the file holds (number, text, or a formula) and its merged area's origin."""

    raw: Any
    formula: str | None = None
    origin: tuple[int, int] | None = None


@dataclass
class Grid:
    """A sheet or a Word table as a sparse grid of cells, 0-based."""

    where: str
    kind: str
    cells: dict[tuple[int, int], SourceCell] = field(default_factory=dict)
    # Formula results by cell, worked out once: a total's formula refers to other totals.
    computed: dict[tuple[int, int], Decimal] = field(default_factory=dict, repr=False, compare=False)

    def cell(self, r: int, c: int) -> SourceCell | None:
        cell = self.cells.get((r, c))
        if cell is not None and cell.origin is not None and cell.origin != (r, c):
            return self.cells.get(cell.origin)
        return cell

    def text(self, r: int, c: int) -> str:
        """The cell's text; a cell covered by a merge reads as its merged area."""
        cell = self.cell(r, c)
        if cell is None or cell.raw is None:
            return ""
        return str(cell.raw).strip()

    def is_covered(self, r: int, c: int) -> bool:
        cell = self.cells.get((r, c))
        return cell is not None and cell.origin is not None and cell.origin != (r, c)

    @property
    def n_rows(self) -> int:
        return max((r for r, _ in self.cells), default=-1) + 1

    @property
    def n_cols(self) -> int:
        return max((c for _, c in self.cells), default=-1) + 1

    def address(self, r: int, c: int) -> str:
        if self.kind == "xlsx":
            return f"{self.where}!{get_column_letter(c + 1)}{r + 1}"
        return f"{self.where}第{r + 1}行第{c + 1}列"


@dataclass
class Document:
    """What a source file holds: grids, and (Word) the paragraphs outside tables, in order."""

    path: Path
    kind: str
    grids: list[Grid]
    paragraphs: list[str] = field(default_factory=list)


def check_archive(path: Path, kind: str) -> None:
    """Refuse what is not an Office Open XML file, or would expand absurdly, before parsing it."""
    what = {"xlsx": "Excel 工作簿（.xlsx）", "docx": "Word 文档（.docx）"}[kind]
    special = special_file_problem(path)
    if special:
        raise SourceError(f"“{path.name}”：{special}")
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_FILE:
                raise SourceError(f"“{path.name}”超过 {MAX_FILE // (1024 * 1024)} MB，不是正常的报告文件，未读取")
            head = handle.read(8)
    except FileNotFoundError:
        raise SourceError(f"文件“{path}”不存在") from None
    except OSError as exc:
        raise SourceError(f"无法读取“{path}”：{exc.strerror or exc}") from None
    if head == OLE_MAGIC:
        raise SourceError(
            f"“{path.name}”是加密文件或旧版 .xls/.doc 格式：请在 Excel、WPS 或 Word 中去掉密码，另存为{what}后再导入"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    # A damaged archive makes zipfile raise more than BadZipFile (found by the fuzz tests).
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError, RuntimeError):
        raise SourceError(f"“{path.name}”不是{what}，或文件已损坏") from None
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise SourceError(f"“{path.name}”解压后异常庞大，可能是损坏或恶意文件，已拒绝导入")
    names = {i.filename for i in infos}
    from gxdesk.exchange.ooxml import MAX_PART

    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_PART:
            raise SourceError(
                f"“{path.name}”中的“{info.filename}”解压后超过 {MAX_PART // (1024 * 1024)} MB，"
                "不是正常的报告文件，已拒绝导入"
            )
    needed = "xl/workbook.xml" if kind == "xlsx" else "word/document.xml"
    if needed not in names:
        raise SourceError(f"“{path.name}”不是{what}")


def read_xlsx(path: Path) -> Document:
    """Every sheet as a grid; formulas kept as formulas (cached values are not trusted)."""
    check_archive(path, "xlsx")
    from gxdesk.exchange.ooxml import split_ref, xlsx_sheets

    grids = []
    try:
        with zipfile.ZipFile(path) as archive:
            # Only the cells that exist: WPS files may state wrong sheet dimensions.
            for title, cells, merged in xlsx_sheets(archive):
                grid = Grid(where=f"工作表“{title}”", kind="xlsx")
                for pos, (value, formula) in cells.items():
                    grid.cells[pos] = SourceCell(None if formula else value, formula)
                used_rows = max((r for r, _ in grid.cells), default=0)
                used_cols = max((c for _, c in grid.cells), default=0)
                for ref in merged:
                    first, _, last = ref.partition(":")
                    try:
                        (r0, c0), (r1, c1) = split_ref(first), split_ref(last or first)
                    except ValueError:
                        continue  # a merge that names no cell
                    # Clipped to the cells the sheet holds: A1:XFD1048576 must not become 17 billion.
                    r1 = min(r1, max(r0, used_rows), r0 + MAX_GRID_ROWS)
                    c1 = min(c1, max(c0, used_cols), c0 + MAX_GRID_COLS)
                    origin = (r0, c0)
                    for r in range(r0, r1 + 1):
                        for c in range(c0, c1 + 1):
                            if (r, c) == origin:
                                grid.cells.setdefault(origin, SourceCell(None)).origin = origin
                            else:
                                grid.cells[(r, c)] = SourceCell(None, origin=origin)
                grids.append(grid)
    except SourceError:
        raise
    except Exception as exc:  # a broken package: BadZipFile, a missing part, lxml's XMLSyntaxError…
        raise SourceError(f"无法读取工作簿“{path.name}”：{damage(exc)}") from None
    return Document(path, "xlsx", grids)


def damage(exc: BaseException) -> str:
    """What is wrong with a package that failed to parse, in words (never a bare exception name)."""
    from lxml import etree

    from gxdesk.exchange.ooxml import MAX_PART, PartTooLargeError

    if isinstance(exc, PartTooLargeError):
        return f"其中的“{exc}”解压后超过 {MAX_PART // (1024 * 1024)} MB，不是正常的报告文件"
    if isinstance(exc, RecursionError):
        return "文件结构嵌套过深，不是正常的报告文件"
    if isinstance(exc, MemoryError):
        return "文件内容过大，无法读取"
    if isinstance(exc, etree.XMLSyntaxError):
        where = f"（第{exc.lineno}行）" if getattr(exc, "lineno", None) else ""
        if "depth" in str(exc).lower() or "nest" in str(exc).lower():
            return f"文件中的 XML 嵌套过深{where}，不是正常的报告文件"
        return f"文件中的 XML 内容已损坏{where}，请在 Word/WPS/Excel 中打开并另存后再试"
    if isinstance(exc, KeyError):
        return "文件缺少必需的组成部分，可能已损坏"
    if isinstance(exc, (zipfile.BadZipFile, EOFError, zlib.error)):
        return "压缩包已损坏（文件可能没有完整下载或复制）"
    if isinstance(exc, UnicodeError):
        return "文件中的文字编码已损坏"
    return "文件已损坏或格式不受支持"


def read_docx(path: Path) -> Document:
    """Word tables as grids (gridSpan / vMerge resolved) and the paragraphs between them."""
    check_archive(path, "docx")
    from gxdesk.exchange.docx_grid import qn, read_grid
    from gxdesk.exchange.ooxml import docx_body

    try:
        with zipfile.ZipFile(path) as archive:
            body = docx_body(archive)
    except SourceError:
        raise
    except Exception as exc:  # a damaged package or XML part
        raise SourceError(f"无法读取 Word 文档“{path.name}”：{damage(exc)}") from None
    grids: list[Grid] = []
    paragraphs: list[str] = []
    text_since_table = True
    count = 0
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = clean_text(_paragraph_text(element, qn)).strip()
            if text:
                paragraphs.append(text)
                text_since_table = True
        elif element.tag == qn("w:tbl"):
            count += 1
            grid = Grid(where=f"Word 第{count}个表格", kind="docx")
            for area in read_grid(element):
                origin = (area.row, area.col)
                for r in range(area.row, area.row + area.rowspan):
                    for c in range(area.col, area.col + area.colspan):
                        grid.cells[(r, c)] = SourceCell(area.text if (r, c) == origin else None, origin=origin)
            if not text_since_table and grids and grids[-1].n_cols == grid.n_cols:
                _continue(grids[-1], grid, count)
            else:
                grids.append(grid)
            text_since_table = False
    return Document(path, "docx", grids, paragraphs)


_CONTINUED = re.compile(r"\s*[（(]续[）)]\s*$")


def _continue(grid: Grid, more: Grid, number: int) -> None:
    """A table continued in the next Word table with nothing but empty paragraphs between (cut
    across pages, by gxdesk or by hand): its rows go below, without the header rows it repeats,
    a label's "（续）" dropped."""

    def row(g: Grid, r: int) -> tuple[str, ...]:
        return tuple(g.text(r, c) for c in range(g.n_cols))

    skip = 0
    while skip < min(grid.n_rows, more.n_rows) and row(more, skip) == row(grid, skip) and any(row(more, skip)):
        skip += 1
    base = grid.n_rows - skip
    for (r, c), cell in more.cells.items():
        if r < skip:
            continue
        raw = _CONTINUED.sub("", cell.raw) if isinstance(cell.raw, str) else cell.raw
        origin = (cell.origin[0] + base, cell.origin[1]) if cell.origin is not None else None
        grid.cells[(r + base, c)] = SourceCell(raw, cell.formula, origin)
    grid.where = re.sub(r"第([\d、]+)个表格$", lambda m: f"第{m.group(1)}、{number}个表格", grid.where)


def _paragraph_text(paragraph: Any, qn: Any) -> str:
    """A Word paragraph's text; a manual line break stays a line break, a tab a tab."""
    t, br, cr, tab = qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab")
    pieces = []
    for run in paragraph.iter(qn("w:r")):  # runs only: w:tab is also a tab stop in w:pPr
        for node in run:
            if node.tag == t:
                pieces.append(node.text or "")
            elif node.tag == tab:
                pieces.append("\t")
            elif node.tag in (br, cr) and node.get(qn("w:type")) in (None, "textWrapping"):
                pieces.append(LINE_BREAK)  # page and column breaks are not line breaks
    return "".join(pieces)
