"""发布 menu: copy the web page for the site's editor, print preview, the 图解 preview, and the
web page / PDF / 图解 exports (written through the formats registry like Word and Excel).

Start-up builds only the actions; what they run is imported when they run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from gxdesk.gui.mainwindow import MainWindow

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


class InfographicPreview(QDialog):
    """The 图解 before it is saved: at phone width or at its full 1080 px."""

    PHONE, FULL = 390, 1080  # a phone screen is about 390 CSS pixels wide

    def __init__(self, window: MainWindow) -> None:
        from gxdesk.gui.publish.infographic import image

        super().__init__(window)
        self.setWindowTitle("图解预览")
        self.window_ = window
        self.picture = QPixmap.fromImage(image(window.doc.report))
        layout = QVBoxLayout(self)
        intro = QLabel(
            "图解中的数字取自报告的表格；导入上年报告后会显示与上年的变化。保存后可上传到网站或发到政务新媒体。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        widths = QHBoxLayout()
        self.group = QButtonGroup(self)
        for text, width in (("手机宽度", self.PHONE), ("原始大小（1080 像素宽）", self.FULL)):
            button = QRadioButton(text)
            button.setProperty("pictureWidth", width)
            self.group.addButton(button)
            widths.addWidget(button)
        widths.addStretch(1)
        layout.addLayout(widths)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea()
        self.area.setWidget(self.label)
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.area, 1)
        buttons = QDialogButtonBox()
        for key, text in (("png", "保存为 PNG 图片…"), ("svg", "保存为 SVG 矢量图…")):
            save = QPushButton(text)
            save.clicked.connect(lambda _=False, k=key: window.export(k))
            buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._on_group_button_toggled)
        self.group.buttons()[0].setChecked(True)
        available = window.screen().availableGeometry() if window.screen() else None
        self.resize(560, min(900, available.height() - 80) if available else 800)

    @property
    def shown_width(self) -> int:
        return self.label.pixmap().width() if not self.label.pixmap().isNull() else 0

    def _on_group_button_toggled(self, button: QWidget, checked: bool) -> None:
        if not checked:
            return
        width = int(button.property("pictureWidth"))
        scaled = self.picture.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.label.setPixmap(scaled)
        self.label.setMinimumWidth(width)


def infographic_preview(window: MainWindow) -> InfographicPreview:
    dialog = InfographicPreview(window)
    dialog.open()
    return dialog
