"""What every step page has: a title, a one-line hint, and a way to show a finding."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gxdesk.domain.findings import Finding
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.wizard.steps import STEP_TITLES, Step

VIEWING_SAFE = "viewingSafe"  # a button that only reads the report (export, compare): kept when locked


class Page(QWidget):
    """A step of the guided flow."""

    step: Step
    hint = ""
    scrolls = True  # the page sits in a scroll area; a table page scrolls its table instead

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(*((12, 6, 12, 4) if small_screen(self) else (16, 12, 16, 12)))
        title = QLabel(STEP_TITLES[self.step])
        title.setObjectName("pageTitle")
        font = title.font()  # a font, not a style sheet: style sheets slow the first paint
        font.setPointSize(16)
        font.setBold(True)
        title.setFont(font)
        self.layout_.addWidget(title)
        if self.hint:
            self.hint_label = FoldingHint(self.hint, folded=small_screen(self))
            self.layout_.addWidget(self.hint_label)

    def lock(self) -> None:
        """A read-only report: editors show their text but take no typing; edit buttons go grey.

        The document refuses edits too; this spares the author typing that would not be kept.
        """
        from PySide6.QtWidgets import (  # only a read-only report needs these classes: not at start
            QAbstractButton,
            QAbstractItemView,
            QAbstractSpinBox,
            QComboBox,
            QLineEdit,
            QPlainTextEdit,
            QTextEdit,
        )

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

    def select_cell(self, cell_id: str) -> bool:
        """Make a table cell current (after an undo, say); False when the step has no such cell."""
        return False


def small_screen(widget: QWidget) -> bool:
    """A laptop screen or a scaled one (1366×768 at 125 % leaves 574 px): every line counts."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen is not None and screen.availableGeometry().height() < 800


class FoldingHint(QLabel):
    """A step's introduction; folded, its first sentence and a link that opens the rest."""

    def __init__(self, text: str, *, folded: bool) -> None:
        super().__init__()
        self.full = text
        first = text.split("\n")[0]
        cut = first.find("。")
        self.short = first[: cut + 1] if 0 <= cut < len(first) - 1 or "\n" in text else ""
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(lambda _link: self.set_folded(not self.folded))
        self.set_folded(folded and bool(self.short))

    def set_folded(self, folded: bool) -> None:
        self.folded = folded
        body = _escaped(self.short if folded else self.full).replace("\n", "<br>")
        link = "展开说明 ▾" if folded else "收起 ▴"
        tail = f" <a href='fold'>{link}</a>" if self.short else ""
        self.setText(f"<span style='color:#4b5563'>{body}</span>{tail}")


def _escaped(text: str) -> str:
    """Plain text for a rich-text label (html.escape without loading html's entity tables)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def guidance_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("background: #f8fafc; border: 1px solid #d8dee6; padding: 8px; color: #374151;")
    return label
