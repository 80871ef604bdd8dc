"""The report as printed pages, drawn by Qt: the PDF and the print preview.

Built from the same publication model as the web page (``exchange/publication.py``) on the
GB/T 9704 page the Word file uses: A4, the same margins and type sizes, exact line spacing,
tables with their merged cells and their header rows repeated on every page they run onto,
the page number "— N —" about 7 mm below the type area, odd pages right, even pages left.
Not Word's layout to the point, but clean and complete, on a PC without Word.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from gxdesk.domain.report import Report
from gxdesk.domain.tables import GridCell, Role, TableSpec
from gxdesk.exchange.fonts import LATIN_STAND_INS, family_chain
from gxdesk.exchange.publication import (
    BODY_PT,
    BOTTOM_MM,
    LEFT_MM,
    LINE_PT,
    NUMBER_BELOW_MM,
    PAGE_NUMBER_PT,
    RIGHT_MM,
    TITLE_PT,
    TOP_MM,
    TYPE_H_MM,
    TYPE_W_MM,
    Ending,
    Heading,
    Paragraph,
    Publication,
    Table,
    break_rows,
    print_options,
    publication,
    table_piece,
)
from gxdesk.exchange.table_fit import TYPE_AREA_TWIPS, fit_columns

TABLE_BORDER_PT = 0.5
CELL_PADDING_PT = 1.5


def page_layout() -> QPageLayout:
    """A4 portrait with the report's margins: what the PDF writer and the printer are set to."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(LEFT_MM, TOP_MM, RIGHT_MM, BOTTOM_MM),
        QPageLayout.Unit.Millimeter,
    )


class PrintedReport:
    """The report laid out for one paint device (a PDF writer, a printer): pages to paint."""

    def __init__(self, report: Report, device: QPaintDevice) -> None:
        self.publication = publication(report)
        self.fonts, self.bold = print_options(report)
        self.device = device
        self.dpi = device.logicalDpiY()
        self.cuts: dict[str, list[int]] = {}  # table key → rows a new page starts with
        self.moved: set[int] = set()  # headings (by number) that start a new page with their table
        for _ in range(MAX_PASSES):
            self._lay_out()
            self._keep_headings_with_what_follows()
            if not self._cut_tables():
                break

    def _lay_out(self) -> None:
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)
        # Fonts measured on the device the pages go to: a point is a point on paper.
        self.doc.documentLayout().setPaintDevice(self.device)
        self.doc.setDocumentMargin(0)
        self.doc.setPageSize(QSizeF(self.mm(TYPE_W_MM), self.mm(TYPE_H_MM)))
        self.doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self.publication.title)
        self.headings: list[QTextBlock] = []
        self.pieces: list[_Piece] = []
        _Builder(self).build(self.publication)

    def _page(self, y: float) -> int:
        return int((y + 1) // self.doc.pageSize().height())  # (+1: a block at a page's top is on it)

    def _line_top(self, block: QTextBlock) -> float:
        first = block.layout().lineAt(0)
        return self.doc.documentLayout().blockBoundingRect(block).top() + (first.y() if first.isValid() else 0)

    def _keep_headings_with_what_follows(self) -> None:
        """A heading never ends a page: it moves to the next page with what it introduces."""
        height = self.doc.pageSize().height()
        for block in self.headings:
            after = block.next()
            top = self._line_top(block)
            if (
                after.isValid()
                and self._page(top) * height < top - 1
                and self._page(self._line_top(after)) != self._page(top)
            ):
                _break_before(block)
                self.doc.pageCount()  # lays the rest out again

    def _cut_tables(self) -> bool:
        """Where a table runs over a page end, where it is cut next time (a row it may start a page
        with, its header repeated, a cut label with （续）), or its heading moved to the next page
        when little would be left blank; True when something changed."""
        layout = self.doc.documentLayout()
        height = self.doc.pageSize().height()
        for piece in self.pieces:
            box = layout.frameBoundingRect(piece.table)
            page = self._page(box.top())
            if self._page(box.bottom() - self.mm(1)) == page:
                continue  # (its bottom margin may reach over the page's end: nothing printed there)
            spec = piece.spec
            tops = [self._line_top(piece.table.cellAt(r, spec.n_cols - 1).firstCursorPosition().block())
                    for r in range(piece.table.rows())]  # fmt: skip
            # The first body row Qt put on the next page, or too near the page's end to leave
            # room for the table's bottom border (a row ending flush with the page overflows it).
            end = (page + 1) * height - self.mm(3)
            moved = next((r for r in range(spec.header_rows, len(tops)) if tops[r] > end), len(tops))
            last = piece.start + moved - spec.header_rows  # the first body row Qt put on the next page
            cuts = [k for k in break_rows(spec) if piece.start < k < last]  # rows above k end before `end`
            if piece.heading is not None and piece.heading not in self.moved:
                # Little left of the page, or no row to cut at: the heading takes the table over.
                top = self._line_top(self.headings[piece.heading])
                blank = (page + 1) * height - top
                if self._page(top) * height < top - 1 and (blank <= height / 4 or not cuts):
                    self.moved.add(piece.heading)
                    return True
            if not cuts or cuts[-1] in self.cuts.get(spec.key, ()):
                continue
            self.cuts.setdefault(spec.key, []).append(cuts[-1])
            return True
        return False

    def pt(self, points: float) -> float:
        """A length in the layout's units: Qt scales format lengths from 96 dpi to the device."""
        return points * 96 / 72

    def mm(self, millimetres: float) -> float:
        """A length in device pixels (the page, the painter)."""
        return millimetres / 25.4 * self.dpi

    def device_pt(self, points: float) -> float:
        return points * self.dpi / 72

    def page_count(self) -> int:
        return self.doc.pageCount()

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Page ``index`` (from 0) with the type area's top left at the painter's origin."""
        size = self.doc.pageSize()
        painter.save()
        painter.translate(0, -index * size.height())
        self.doc.drawContents(painter, QRectF(0, index * size.height(), size.width(), size.height()))
        painter.restore()
        self._page_number(painter, index + 1, size.width(), size.height())

    def _page_number(self, painter: QPainter, number: int, width: float, height: float) -> None:
        font = QFont()
        font.setFamilies([*LATIN_STAND_INS, *family_chain(self.fonts.page_number)])
        font.setPointSizeF(PAGE_NUMBER_PT)
        painter.save()
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.black)
        inset = self.device_pt(PAGE_NUMBER_PT)  # one character in from the type area's edge
        box = QRectF(inset, height + self.mm(NUMBER_BELOW_MM), width - 2 * inset, self.device_pt(PAGE_NUMBER_PT * 1.5))
        side = Qt.AlignmentFlag.AlignRight if number % 2 else Qt.AlignmentFlag.AlignLeft
        painter.drawText(box, int(side | Qt.AlignmentFlag.AlignTop), f"— {number} —")
        painter.restore()

    def paint_all(self, device: QPagedPaintDevice, painter: QPainter, pages: range | None = None) -> None:
        """Every page (or those of ``pages``) on ``device``, a new sheet for each."""
        for i, index in enumerate(pages if pages is not None else range(self.page_count())):
            if i:
                device.newPage()
            self.paint_page(painter, index)


def _break_before(block: QTextBlock, on: bool = True) -> None:
    fmt = block.blockFormat()
    policy = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore if on else QTextFormat.PageBreakFlag.PageBreak_Auto
    fmt.setPageBreakPolicy(policy)
    QTextCursor(block).setBlockFormat(fmt)


MAX_PASSES = 8


@dataclass
class _Piece:
    """One printed piece of an official table: body rows [start, stop) under its header rows."""

    spec: TableSpec
    start: int
    table: QTextTable
    heading: int | None  # the number of the heading over a table's first piece


class _Builder:
    """Writes the publication's blocks into the QTextDocument with a cursor."""

    def __init__(self, printed: PrintedReport) -> None:
        self.p = printed
        self.cursor = QTextCursor(printed.doc)
        self.first = True

    def build(self, pub: Publication) -> None:
        self.cursor.beginEditBlock()  # one layout at the end, not one per insertion
        try:
            self._build(pub)
        finally:
            self.cursor.endEditBlock()

    def _build(self, pub: Publication) -> None:
        fonts = self.p.fonts
        for line in pub.title_lines:
            self._block(line, fonts.title, TITLE_PT, bold=fonts.title_bold, center=True, line=LINE_PT * 1.25)
        self._block("", fonts.body, BODY_PT)
        for block in pub.blocks:
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Ending):
                self._ending(block)

    # ---- text -----------------------------------------------------------------------------
    def _char(self, family: str, size: float, *, bold: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(family_chain(family))
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setForeground(Qt.GlobalColor.black)
        return fmt

    def _block_format(
        self, *, center: bool = False, indent_chars: float = 2, line: float = LINE_PT, right_chars: float = 0
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(self.p.pt(line), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        fmt.setTopMargin(0)
        fmt.setBottomMargin(0)
        if center:
            fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        elif right_chars:
            fmt.setAlignment(Qt.AlignmentFlag.AlignRight)
            fmt.setRightMargin(self.p.device_pt(BODY_PT * right_chars))  # margins and indents: device units
        else:
            fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
            fmt.setTextIndent(self.p.device_pt(BODY_PT * indent_chars))
        return fmt

    def _new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            self.first = False
        else:
            self.cursor.insertBlock(fmt, char)

    def _block(
        self, text: str, family: str, size: float, *, bold: bool = False, center: bool = False, line: float = LINE_PT
    ) -> None:
        char = self._char(family, size, bold=bold)
        self._new_block(self._block_format(center=center, line=line), char)
        self.cursor.insertText(text.replace("\n", "\u2028"), char)

    def _heading_font(self, level: int) -> tuple[str, bool]:
        fonts = self.p.fonts
        if level == 2:
            return fonts.heading1, False
        if level == 3:
            return fonts.heading2, self.p.bold
        return fonts.body, self.p.bold

    def _heading(self, block: Heading) -> None:
        family, bold = self._heading_font(block.level)
        self._block(block.text, family, BODY_PT, bold=bold)
        if len(self.p.headings) in self.p.moved:
            _break_before(self.cursor.block())
        self.p.headings.append(self.cursor.block())

    def _paragraph(self, block: Paragraph) -> None:
        body = self._char(self.p.fonts.body, BODY_PT)
        self._new_block(self._block_format(), body)
        if block.lead:
            family, bold = self._heading_font(block.lead_level)
            self.cursor.insertText(block.lead, self._char(family, BODY_PT, bold=bold))
        self.cursor.insertText(block.text.replace("\n", "\u2028"), body)

    def _ending(self, block: Ending) -> None:
        body = self._char(self.p.fonts.body, BODY_PT)
        for _ in range(2):
            self._new_block(self._block_format(), body)
        for text, right in block.lines:
            self._new_block(self._block_format(right_chars=right), body)
            self.cursor.insertText(text, body)

    # ---- tables ---------------------------------------------------------------------------
    def _table(self, block: Table) -> None:
        spec = block.spec
        widths, size_half_pt = fit_columns(spec, block.values, int(spec.layout.font_pt * 2))
        starts = [spec.header_rows, *sorted(set(self.p.cuts.get(spec.key, ())))]
        for i, start in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else spec.n_rows
            table = self._piece(block, table_piece(spec, start, stop), spec.header_rows + stop - start,
                                widths, size_half_pt / 2, new_page=i > 0)  # fmt: skip
            heading = len(self.p.headings) - 1 if i == 0 and self.p.headings else None
            self.p.pieces.append(_Piece(spec, start, table, heading))

    def _piece(
        self, block: Table, grid: tuple[GridCell, ...], rows: int, widths: list[int], size: float, *, new_page: bool
    ) -> QTextTable:
        spec = block.spec
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, 100 * w / TYPE_AREA_TWIPS) for w in widths]
        )
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.p.pt(CELL_PADDING_PT))
        fmt.setBorder(self.p.pt(TABLE_BORDER_PT))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(Qt.GlobalColor.black)
        fmt.setBorderCollapse(True)
        fmt.setHeaderRowCount(spec.header_rows)  # repeated at the top of every page it runs onto
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setTopMargin(self.p.pt(2))
        fmt.setBottomMargin(self.p.pt(2))
        if new_page:
            # The empty paragraph Qt keeps between two tables starts the new page, taking no room.
            fmt.setTopMargin(0)
            gap = QTextBlockFormat()
            gap.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            gap.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            self.cursor.setBlockFormat(gap)
            tiny = QTextCharFormat()
            tiny.setFontPointSize(1)
            self.cursor.setBlockCharFormat(tiny)
        if self.first:
            self._new_block(self._block_format(), self._char(self.p.fonts.body, BODY_PT))
        table = self.cursor.insertTable(rows, spec.n_cols, fmt)
        border = self.p.pt(TABLE_BORDER_PT)
        for g in grid:
            if g.rowspan > 1 or g.colspan > 1:
                table.mergeCells(g.row, g.col, g.rowspan, g.colspan)
        for g in grid:
            cell = table.cellAt(g.row, g.col)
            cell_fmt = cell.format().toTableCellFormat()  # keeps the cell's spans
            cell_fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
            cell_fmt.setBorder(border)
            cell_fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            cell_fmt.setBorderBrush(Qt.GlobalColor.black)
            cell.setFormat(cell_fmt)
            cursor = cell.firstCursorPosition()
            para = QTextBlockFormat()
            para.setAlignment(Qt.AlignmentFlag.AlignLeft if g.role is Role.LABEL else Qt.AlignmentFlag.AlignHCenter)
            # Exact lines: the CJK fonts that stand in for 仿宋 have tall ascent and descent.
            para.setLineHeight(self.p.pt(size * 1.25), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            cursor.setBlockFormat(para)  # (its block char format is the cell's: spans live there)
            text = block.text(g).replace("\n", "\u2028")
            cursor.insertText(text, self._char(self.p.fonts.table, size, bold=g.role is Role.CAPTION))
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        return table
