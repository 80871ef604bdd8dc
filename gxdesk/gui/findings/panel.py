"""All findings in one list: filter by severity, jump to the cell or text, explain a warning."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.codes import RuleTag
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.keys import FieldGroup
from gxdesk.domain.state import Change
from gxdesk.gui import dialogs
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.wizard.base import VIEWING_SAFE
from gxdesk.gui.wizard.steps import STEP_SHORT, step_of
from gxdesk.gui.wrapping import WrappingDelegate

FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
FILTERS = (("全部", None), ("仅错误", Severity.ERROR), ("仅提示", Severity.WARNING))


class FindingsPanel(QWidget):
    """List of findings; ``activated`` asks the window to show where a finding is."""

    activated = Signal(object)

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None, *, at_export: bool = False) -> None:
        """``at_export``: the check before export, where an unwritten part is an error to list."""
        super().__init__(parent)
        self.doc = doc
        self.at_export = at_export
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.filter = QComboBox()
        for label, severity in FILTERS:
            self.filter.addItem(label, severity)
        self.filter.currentIndexChanged.connect(self.refresh)
        top.addWidget(QLabel("显示："))
        top.addWidget(self.filter)
        self.hide_blank = QComboBox()
        self.hide_blank.addItems(["不显示“未填写”", "显示“未填写”"])
        self.hide_blank.currentIndexChanged.connect(self.refresh)
        top.addWidget(self.hide_blank)
        top.addStretch(1)
        self._top = top
        layout.addLayout(top)
        self.tally = QLabel()  # the same counts as the status bar, and what the filter hides
        self.tally.setWordWrap(True)
        self.tally.setStyleSheet("color: #374151;")
        layout.addWidget(self.tally)
        for widget in (self.filter, self.hide_blank):
            widget.setProperty(VIEWING_SAFE, True)  # what is shown, not what is written
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["级别", "问题"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))  # whole messages, even in a narrow dock
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.go = QPushButton("定位")
        self.go.clicked.connect(self._on_go_clicked)
        self.go.setProperty(VIEWING_SAFE, True)
        self.explain = QPushButton("填写说明…")
        self.explain.setToolTip("提示类问题如确属实际情况，可写明原因，说明随报告保存")
        self.explain.clicked.connect(self._on_explain_clicked)
        self.explain.setVisible(not doc.read_only)  # a unit's report is read, not annotated
        buttons.addWidget(self.go)
        buttons.addWidget(self.explain)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._seen_checked = doc.checked
        doc.changed.connect(self._on_doc_changed)
        self.refresh()

    def add_corner(self, widget: QWidget) -> None:
        """A widget at the right of the filter row (the dock's fold button)."""
        self._top.addWidget(widget)

    def visible_findings(self) -> list[Finding]:
        severity = self.filter.currentData()
        show_blank = self.hide_blank.currentIndex() == 1
        return [
            f
            for f in self.doc.findings
            if (severity is None or f.severity is severity)
            and (show_blank or not (f.code.has(RuleTag.BLANK_CELL) if self.at_export else f.todo))
        ]

    def _on_doc_changed(self, change: Change) -> None:
        # Only gained or lost findings, an explanation, or the first check (which may find nothing,
        # a clean report: the tally still goes from 正在检查 to the counts) change what it shows.
        first_check = self.doc.checked and not self._seen_checked
        self._seen_checked = self.doc.checked
        if first_check:
            self.refresh()
            return
        if not change.findings_changed and not any(g is FieldGroup.EXPLANATIONS for g, _ in change.fields):
            return
        shown = tuple((f.key, f.message, self.doc.report.explanations.get(f.key, "")) for f in self.visible_findings())
        if shown != getattr(self, "_shown", None):
            self.refresh()
        else:
            hidden = len(self.doc.findings) - len(shown)
            self.tally.setText(self.doc.tally_text() + (f"；筛选后未显示 {hidden} 项" if hidden else ""))

    def refresh(self) -> None:
        current = self.current_finding()
        self._shown = tuple(
            (f.key, f.message, self.doc.report.explanations.get(f.key, "")) for f in self.visible_findings()
        )
        self.tree.clear()
        for f in self.visible_findings():
            todo = f.todo and not self.at_export
            explanation = self.doc.report.explanations.get(f.key, "")
            item = QTreeWidgetItem(
                [
                    "待填写" if todo else f.severity.label,
                    f"【{STEP_SHORT[step_of(f)]}】{f.message}" + (f"\n说明：{explanation}" if explanation else ""),
                ]
            )
            item.setData(0, FINDING_ROLE, f)
            color = QColor("#6b7280" if todo else "#b91c1c" if f.severity is Severity.ERROR else "#a16207")
            item.setForeground(0, QBrush(color))
            item.setToolTip(1, f.message)
            self.tree.addTopLevelItem(item)
            if current is not None and f.key == current.key:
                self.tree.setCurrentItem(item)
        hidden = len(self.doc.findings) - len(self.visible_findings())
        self.tally.setText(self.doc.tally_text() + (f"；筛选后未显示 {hidden} 项" if hidden else ""))
        if not self.tree.topLevelItemCount():
            empty = QTreeWidgetItem(["", "未发现问题" if not self.doc.findings else "没有符合筛选条件的问题"])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
        self._on_tree_current_item_changed()

    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        return item.data(0, FINDING_ROLE) if item is not None else None

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.activated.emit(item.data(0, FINDING_ROLE))

    def _on_tree_current_item_changed(self, *_args: object) -> None:
        finding = self.current_finding()
        self.go.setEnabled(finding is not None)
        explainable = finding is not None and finding.severity is Severity.WARNING
        self.explain.setEnabled(explainable and not self.doc.read_only)

    def _on_go_clicked(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.activated.emit(finding)

    def _on_explain_clicked(self) -> None:
        finding = self.current_finding()
        if finding is None or finding.severity is not Severity.WARNING or self.doc.read_only:
            return
        old = self.doc.report.explanations.get(finding.key, "")
        text = dialogs.ask_text(self, "填写说明", f"{finding.message}\n\n说明（如：确属实际情况的原因）：", old)
        if text is not None:
            self.doc.set_field("explanations", finding.key, text.strip())
