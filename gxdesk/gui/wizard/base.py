"""What every step page has: a title, a one-line hint, and a way to show a finding."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.findings import Finding
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.wizard.steps import STEP_TITLES, Step

VIEWING_SAFE = "viewingSafe"  # a button that only reads the report (export, compare): kept when locked


class Page(QWidget):
    """A step of the guided flow."""

    step: Step
    hint = ""

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        title = QLabel(STEP_TITLES[self.step])
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.layout_.addWidget(title)
        if self.hint:
            hint = QLabel(self.hint)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #4b5563;")
            self.layout_.addWidget(hint)

    def lock(self) -> None:
        """A read-only report: editors show their text but take no typing; edit buttons go grey.

        The document refuses edits too; this spares the author typing that would not be kept.
        """
        for widget in self.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)):
                widget.setReadOnly(True)
            elif isinstance(widget, QAbstractItemView):
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            elif isinstance(widget, (QComboBox, QAbstractButton)) and not widget.property(VIEWING_SAFE):
                widget.setEnabled(False)

    def focus_finding(self, finding: Finding) -> bool:
        """Select what the finding is about; False when this page cannot."""
        return False


def guidance_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("background: #f8fafc; border: 1px solid #d8dee6; padding: 8px; color: #374151;")
    return label
