"""The preview shown before an import changes anything: found, doubtful, missing, changes."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.imported import NoteKind
from gxdesk.domain.merge import Plan
from gxdesk.gui.wrapping import WrappingDelegate

_COLORS = {
    NoteKind.DOUBTFUL: "#a16207",
    NoteKind.INVALID: "#b91c1c",
    NoteKind.MISSING: "#b91c1c",
    NoteKind.BLANK: "#a16207",
    NoteKind.EDITION: "#a16207",
    NoteKind.EXTRA: "#6b7280",
}


class ImportPreviewDialog(QDialog):
    """Lists what the import found and what it will change; 导入 applies, 取消 changes nothing."""

    def __init__(self, plan: Plan, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        doubtful = sum(
            n.kind in (NoteKind.DOUBTFUL, NoteKind.INVALID, NoteKind.BLANK, NoteKind.MISSING, NoteKind.EDITION)
            for n in plan.notes
        )
        summary = QLabel(
            f"将修改 {len(plan.changes)} 处"
            + (f"；有 {doubtful} 条需要留意（黄色、红色）" if doubtful else "")
            + "。确认后导入；导入可以用“撤销”整体撤回。"
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["项目", "内容"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 360)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        layout.addWidget(self.tree, 1)
        order = [
            NoteKind.MISSING,
            NoteKind.INVALID,
            NoteKind.DOUBTFUL,
            NoteKind.EDITION,
            NoteKind.BLANK,
            NoteKind.EXTRA,
            NoteKind.TOTAL,
            NoteKind.FOUND,
            NoteKind.VARIANT,
        ]
        for kind in order:
            notes = [n.text for n in plan.notes if n.kind is kind]
            if not notes:
                continue
            group = QTreeWidgetItem([f"{kind.value}（{len(notes)}）", ""])
            for text in notes:
                item = QTreeWidgetItem([text, ""])
                item.setToolTip(0, text)
                if kind in _COLORS:
                    item.setForeground(0, QBrush(QColor(_COLORS[kind])))
                group.addChild(item)
                item.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            group.setExpanded(kind not in (NoteKind.FOUND, NoteKind.VARIANT))
        changes = QTreeWidgetItem([f"将修改（{len(plan.changes)}）", ""])
        for change in plan.changes:
            source = f"（来自 {change.where}）" if change.where else ""
            changes.addChild(QTreeWidgetItem([change.what, f"{change.old or '空'} → {change.new}{source}"]))
        self.tree.addTopLevelItem(changes)
        changes.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导入")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not plan.empty)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def texts(self) -> list[str]:
        """Every line shown (for tests and screen readers)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            out.append(group.text(0))
            children = [group.child(j) for j in range(group.childCount())]
            out += [f"{c.text(0)} {c.text(1)}".strip() for c in children if c is not None]
        return out
