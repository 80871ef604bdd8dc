"""The report as printed pages, drawn by Qt: the PDF and the print preview.

Built from the same publication model as the web page (``exchange/publication.py``) on the
GB/T 9704 page the Word file uses: A4, the same margins and type sizes, exact line spacing,
tables with their merged cells and their header rows repeated on every page they run onto,
the page number "— N —" about 7 mm below the type area, odd pages right, even pages left.
Not Word's layout to the point, but clean and complete, on a PC without Word.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPagedPaintDevice,
    QPainter,
    QPaintDevice,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from gxdesk.domain.report import Report
from gxdesk.domain.tables import Role
from gxdesk.exchange.fonts import LATIN_STAND_INS, FontSet, family_chain
from gxdesk.exchange.publication import (
    BODY_PT,
    BOTTOM_MM,
    LEFT_MM,
    LINES_PER_PAGE,
    NUMBER_BELOW_MM,
    PAGE_MM,
    PAGE_NUMBER_PT,
    RIGHT_MM,
    TITLE_PT,
    TOP_MM,
    Ending,
    Heading,
    Paragraph,
    Publication,
    Table,
    print_options,
    publication,
)
from gxdesk.exchange.table_fit import TYPE_AREA_TWIPS, fit_columns

TYPE_W_MM = PAGE_MM[0] - LEFT_MM - RIGHT_MM
TYPE_H_MM = PAGE_MM[1] - TOP_MM - BOTTOM_MM
LINE_PT = TYPE_H_MM / 25.4 * 72 / LINES_PER_PAGE  # 22 lines fill the type area
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
        self.dpi = device.logicalDpiY()
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)
        # Fonts measured on the device the pages go to: a point is a point on paper.
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setPageSize(QSizeF(self.mm(TYPE_W_MM), self.mm(TYPE_H_MM)))
        self.doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, self.publication.title)
        self.headings: list[QTextBlock] = []
        self.tables: list[QTextTable] = []
        _Builder(self).build(self.publication)
        self._keep_headings_with_what_follows()

    def _keep_headings_with_what_follows(self) -> None:
        """A heading never ends a page: it moves to the next page with what it introduces; a
        table that fits on one page is not broken, its heading moving with it."""
        layout = self.doc.documentLayout()
        height = self.doc.pageSize().height()

        def page(y: float) -> int:
            return int((y + 1) // height)  # (+1: a block at a page's very top is on that page)

        tables = {t.firstPosition(): t for t in self.tables}
        for block in self.headings:
            after = block.next()
            top = layout.blockBoundingRect(block).top()
            if not after.isValid() or page(top) * height >= top - 1:
                continue  # the last block, or already at the top of a page
            table = tables.get(after.position())
            if table is None:
                first_line = after.layout().lineAt(0)
                line_top = layout.blockBoundingRect(after).top() + (first_line.y() if first_line.isValid() else 0)
                if page(line_top) != page(top):
                    _break_before(block)
                    self.doc.pageCount()
                continue
            box = layout.frameBoundingRect(table)
            if page(box.top()) == page(box.bottom() - 2):
                continue
            _break_before(block)
            self.doc.pageCount()  # lays the document out again
            box = layout.frameBoundingRect(table)
            if page(box.top()) != page(box.bottom() - 2) and page(box.top()) == page(top) + 1:
                _break_before(block, False)  # longer than a page anyway: start where it was
            self.doc.pageCount()

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
        size = size_half_pt / 2
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
        if self.first:
            self._new_block(self._block_format(), self._char(self.p.fonts.body, BODY_PT))
        table = self.cursor.insertTable(spec.n_rows, spec.n_cols, fmt)
        self.p.tables.append(table)
        border = self.p.pt(TABLE_BORDER_PT)
        for g in spec.grid:
            if g.rowspan > 1 or g.colspan > 1:
                table.mergeCells(g.row, g.col, g.rowspan, g.colspan)
        for g in spec.grid:
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
            bold = g.role is Role.CAPTION
            cursor.insertText(block.text(g).replace("\n", "\u2028"), self._char(self.p.fonts.table, size, bold=bold))
        self.cursor.movePosition(QTextCursor.MoveOperation.End)


def family_for(fonts: FontSet) -> list[str]:
    """The body's families (for a preview's default font)."""
    return family_chain(fonts.body)


def document_title(pub: Publication) -> str:
    return pub.title
