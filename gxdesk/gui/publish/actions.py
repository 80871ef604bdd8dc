"""发布 menu: copy the web page for the site's editor, print preview, the 图解 preview, and the
web page / PDF / 图解 exports (written through the formats registry like Word and Excel).

Start-up builds only the actions; what they run is imported when they run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from gxdesk.gui.mainwindow import MainWindow
    from gxdesk.gui.publish.preview import InfographicPreview

COPY_WEB = "复制网页格式（粘贴到网站编辑器）"
PRINT_PREVIEW = "打印预览…"
INFOGRAPHIC_PREVIEW = "图解预览…"
# The exports this menu offers, by the registry's keys (labels from the registry).
PUBLISHED_FORMATS = ("html", "pdf")


def fill_publish_menu(menu: QMenu, window: MainWindow) -> None:
    """The 发布 menu's actions (the menu bar's and the last step's button's)."""
    from gxdesk.exchange.formats import output_format

    copy = menu.addAction(COPY_WEB)
    copy.setShortcut(QKeySequence("Ctrl+Shift+H"))
    copy.triggered.connect(lambda _=False: copy_web_format(window))
    for key in PUBLISHED_FORMATS:
        action = menu.addAction(f"导出 {output_format(key).label}…")
        action.triggered.connect(lambda _=False, k=key: window.export(k))
    menu.addSeparator()
    preview = menu.addAction(PRINT_PREVIEW)
    preview.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    preview.triggered.connect(lambda _=False: print_preview(window))
    menu.addSeparator()
    menu.addAction(INFOGRAPHIC_PREVIEW, lambda: infographic_preview(window))


def copy_web_format(window: MainWindow) -> None:
    """The page's content on the clipboard as HTML (tables with their merges) and plain text."""
    from gxdesk.exchange import html_writer

    report = window.doc.report
    mime = QMimeData()
    mime.setHtml(html_writer.fragment(report))
    mime.setText(html_writer.plain_text(report))
    QGuiApplication.clipboard().setMimeData(mime)
    window.say("已复制网页格式：在网站内容管理系统的编辑器中粘贴即可，表格保留合并单元格。", 12000)


def print_preview(window: MainWindow) -> QPrintPreviewDialog:
    """文件 → 打印预览: the pages as the PDF draws them, to look at or print, without Word."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from gxdesk.gui.publish.printed import PrintedReport, page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(window.doc.report.meta.full_title)
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(f"打印预览 — {window.doc.report.meta.full_title}")

    def paint(device: QPrinter) -> None:
        from PySide6.QtGui import QPainter

        printed = PrintedReport(window.doc.report, device)
        painter = QPainter(device)
        try:
            first, last = device.fromPage(), device.toPage()
            pages = range(first - 1, min(last, printed.page_count())) if first and last else None
            printed.paint_all(device, painter, pages)
        finally:
            painter.end()

    dialog.paintRequested.connect(paint)
    dialog.resize(window.width() * 9 // 10, window.height() * 9 // 10)
    dialog.open()
    return dialog


def infographic_preview(window: MainWindow) -> InfographicPreview:
    from gxdesk.gui.publish.preview import InfographicPreview

    dialog = InfographicPreview(window)
    dialog.open()
    return dialog
