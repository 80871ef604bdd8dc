"""Steps 二, 三, 四: the official table as a small spreadsheet that checks itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from gxdesk.domain.findings import Finding
from gxdesk.domain.keys import TextKey
from gxdesk.gui.compat import override
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.table.model import ReportTableModel
from gxdesk.gui.table.view import ReportTableView
from gxdesk.gui.text_edit import BoundTextEdit
from gxdesk.gui.wizard.base import Page
from gxdesk.gui.wizard.steps import Step

KEYS_HINT = (
    "直接输入数字即可覆盖单元格，光标只停在可填写的白色单元格；Tab 右移，Enter 下移"
    "（连按 Tab 后按 Enter 回到起始列的下一行）；F2 或双击修改；Delete 清除；"
    "Ctrl+C / Ctrl+V 可与 Excel、WPS 互相复制粘贴。蓝色单元格为自动计算的合计。"
)
HINTS = {
    "二": "按《条例》第二十条各项填写本机关本年度主动公开的情况。",
    "三": "每件申请只统计一次，按最终处理结果计入相应一行；区分处理（部分公开）的，只计入“（二）部分公开”。"
    "各栏须满足：第一项加第二项之和，等于第三项加第四项之和。",
    "四": "统计本机关因政府信息公开工作被申请行政复议、被提起行政诉讼的情况。复议机关作共同被告的，"
    "由原行政行为机关统计。",
}


class TablePage(Page):
    """A table step for part 二, 三 or 四."""

    part = ""
    scrolls = False

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        self.hint = HINTS[self.part] + ("" if doc.read_only else "\n" + KEYS_HINT)  # no typing keys when read-only
        super().__init__(doc, parent)
        self.lead = BoundTextEdit(doc, TextKey.lead(self.part))
        self.lead.setPlaceholderText("（可选）表格前的说明文字")
        self.lead.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.lead.textChanged.connect(self._fit_lead)
        self.lead.installEventFilter(self)
        self._fit_lead()
        self.layout_.addWidget(self.lead)
        self.model = ReportTableModel(doc, self.part)
        self.view = ReportTableView(self.model)
        self.where = QLabel()  # the current cell in full: a figure is typed under labels the clerk can read
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setMinimumWidth(1)  # a long path is cut at the window's edge, never widens it
        self.view.located.connect(self._on_view_located)
        self._on_view_located(self.view.location())
        self.layout_.addWidget(self.where)
        self.layout_.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setStyleSheet("color: #1f2937;")
        self.layout_.addWidget(self.status)
        self.status.setVisible(False)  # shown while it has something to say
        self.view.message.connect(self._on_view_message)

    def _on_view_located(self, path: str) -> None:
        self.where.setText(f"当前单元格：{path}" if path else "当前单元格：（表头或栏目名称，不能填写）")

    def _on_view_message(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _fit_lead(self) -> None:
        """One line while empty and not being written in; three when it holds text."""
        line = self.lead.fontMetrics().lineSpacing()
        open_ = bool(self.lead.toPlainText()) or self.lead.hasFocus()
        self.lead.setFixedHeight(line * (3 if open_ else 1) + 14)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.lead and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._fit_lead()
        return super().eventFilter(watched, event)

    @override
    def select_cell(self, cell_id: str) -> bool:
        return self.view.select_cell(cell_id)

    @override
    def focus_finding(self, finding: Finding) -> bool:
        for cid in finding.cells:
            if self.view.select_cell(cid):
                return True
        self.view.setFocus()
        return True


class ActivePage(TablePage):
    step = Step.ACTIVE
    part = "二"


class ApplicationsPage(TablePage):
    step = Step.APPLICATIONS
    part = "三"


class ReviewsPage(TablePage):
    step = Step.REVIEWS
    part = "四"
