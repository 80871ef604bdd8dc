"""One-line editors bound to the document: user edits become undo steps, undo updates the editor.

The narrative texts' editor is ``text_edit.BoundTextEdit`` (loaded with the steps that show one).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from gxdesk.domain.keys import FieldGroup
from gxdesk.domain.state import Change
from gxdesk.gui.compat import override
from gxdesk.gui.document import ReportDocument


def undo_keys(doc: ReportDocument, event: QKeyEvent) -> bool:
    """Ctrl+Z / Ctrl+Y go to the document's one undo stack, not the widget's own."""
    if event.matches(QKeySequence.StandardKey.Undo):
        doc.undo_stack.undo()
        return True
    if event.matches(QKeySequence.StandardKey.Redo) or (
        event.key() == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier
    ):
        doc.undo_stack.redo()
        return True
    return False


class BoundLineEdit(QLineEdit):
    """A one-line text field of the basic information or settings."""

    def __init__(self, doc: ReportDocument, group: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.group, self.name = doc, group, name
        self.reload()
        self.textEdited.connect(self._on_self_text_edited)
        doc.changed.connect(self._on_doc_field_changed)

    def reload(self) -> None:
        value = self.doc.field(self.group, self.name) or ""
        if value != self.text():
            self.setText(str(value))

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not undo_keys(self.doc, event):
            super().keyPressEvent(event)

    def _on_self_text_edited(self, text: str) -> None:
        self.doc.set_field(self.group, self.name, text)

    def _on_doc_field_changed(self, change: Change) -> None:
        if (FieldGroup(self.group), self.name) in change.fields:
            self.reload()
