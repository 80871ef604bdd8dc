"""对比上年: a side panel with every figure beside last year's, and the share of carried-over text.

Switched on from 视图 → 对比上年 (or 检查与导出); while it is on, the editors highlight last
year's sentences (yellow: unchanged, green: only numbers or dates changed) and the table cells
tell last year's figure in their tooltip, large swings tinted. Nothing to configure: without
last year's report the panel says how to import it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gxdesk.domain.compare import compare_parts, report_share
from gxdesk.domain.findings import plain_number
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.wrapping import WrappingDelegate

TABLE_TITLES = {"二": "表二 主动公开", "三": "表三 依申请公开", "四": "表四 复议诉讼", "六": "第六部分 信息处理费"}
LARGE = QColor("#b91c1c")
HOW_TO = (
    "还没有上年的报告。\n\n用“文件 → 导入 Excel / Word / 上年报告…”选择上年的报告文件（.gxr、.docx 或 .xlsx），"
    "在提问中选“上年报告”，这里就会列出两年的数字和沿用的文字。"
)


class ComparePanel(QWidget):
    """Figures of both years by table, large swings in red, and how much text is carried over."""

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["项目", "本年", "上年", "变化"])
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setIndentation(self.fontMetrics().horizontalAdvance("中"))  # the labels keep the room
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("-0000"))
        layout.addWidget(self.tree, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)  # after typing pauses: the text share needs no keystroke-rate update
        self._timer.timeout.connect(self.refresh)
        doc.changed.connect(lambda _change: self._timer.start())
        self.refresh()

    def refresh(self) -> None:
        report = self.doc.report
        self.tree.clear()
        if report.prior is None:
            self.summary.setText(HOW_TO)
            self.tree.setVisible(False)
            return
        self.tree.setVisible(True)
        changes = list(self.doc.state.comparisons().values())
        parts = compare_parts(report)
        large = sum(c.large for c in changes)
        self.summary.setText(
            f"与{report.prior.year}年度报告对比：{sum(c.change not in (None, 0) for c in changes)} 个数字有变化"
            + (f"，其中 {large} 个变化较大（红色，请再核实）" if large else "")
            + f"；正文约 {round(report_share(parts) * 100)}% 与上年相同或仅数字、年份不同（编辑区中黄色、绿色标出）。"
        )
        groups: dict[str, QTreeWidgetItem] = {}
        # The figures that moved, large swings first; the unchanged ones are counted, not listed.
        moved = sorted((c for c in changes if c.change not in (None, 0)), key=lambda c: not c.large)
        unchanged = sum(c.change == 0 for c in changes)
        for c in moved:
            group = groups.get(c.table)
            if group is None:
                group = groups[c.table] = QTreeWidgetItem([TABLE_TITLES.get(c.table, c.table), "", "", ""])
                self.tree.addTopLevelItem(group)
                group.setExpanded(True)
            label = "·".join([*c.row[-1:], *c.column[-1:]])
            item = QTreeWidgetItem([label, _show(c.this), _show(c.last), c.change_text])
            item.setData(0, Qt.ItemDataRole.UserRole, c.cell)
            if c.large:
                for col in range(4):
                    item.setForeground(col, QBrush(LARGE))
            group.addChild(item)
        if unchanged:
            self.tree.addTopLevelItem(QTreeWidgetItem([f"其余 {unchanged} 个数字与上年相同", "", "", ""]))


def _show(value: object) -> str:
    return "" if value is None else str(plain_number(value))  # type: ignore[arg-type]
