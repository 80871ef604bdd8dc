"""The editor of a narrative text, bound to the document like the one-line editors of ``widgets``."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from gxdesk.domain.keys import TextKey
from gxdesk.domain.state import Change
from gxdesk.gui.compat import override
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.widgets import undo_keys


class BoundTextEdit(QPlainTextEdit):
    """A narrative text (``preface``, ``part:一``, ``lead:二``) of the document."""

    def __init__(self, doc: ReportDocument, key: TextKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.key = doc, key
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._syncing = False
        self.reload()
        self.textChanged.connect(self._on_self_text_changed)
        doc.changed.connect(self._on_doc_changed)
        doc.compareToggled.connect(lambda _on: self.highlight_last_year())
        # Marks follow the typing after a short pause, outside the key press being handled.
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(120)
        self._highlight_timer.timeout.connect(self.highlight_last_year)
        self._selections: list[QTextEdit.ExtraSelection] = []
        self.highlight_last_year()

    def text(self) -> str:
        """The text with line breaks kept (``toPlainText`` turns Shift+Enter into new paragraphs)."""
        return self.document().toRawText().replace("\u2029", "\n")

    def reload(self) -> None:
        text = self.doc.text(self.key)
        if text == self.text():
            return
        self._syncing = True
        try:
            position = self.textCursor().position()
            self.setPlainText(text)
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.setTextCursor(cursor)
        finally:
            self._syncing = False

    def select_snippet(self, snippet: str) -> bool:
        """Select the first occurrence of ``snippet`` (white space in the text ignored)."""
        text = self.toPlainText()
        start = text.find(snippet)
        if start < 0:
            squashed = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
            joined = "".join(ch for _, ch in squashed)
            at = joined.find(snippet)
            if at < 0:
                return False
            start, end = squashed[at][0], squashed[at + len(snippet) - 1][0] + 1
        else:
            end = start + len(snippet)
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus()
        return True

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not undo_keys(self.doc, event):
            super().keyPressEvent(event)

    def _on_self_text_changed(self) -> None:
        if not self._syncing:
            self.doc.set_text(self.key, self.text())

    def _on_doc_changed(self, change: Change) -> None:
        if self.key in change.texts:
            self.reload()
            if self.doc.compare_on:
                self._highlight_timer.start()

    def highlight_last_year(self) -> None:
        """While 对比上年 is on: last year's sentences marked (yellow unchanged, green only numbers
        or dates changed); editing goes on, the marks follow the text."""
        from PySide6.QtGui import QTextCharFormat

        prior = self.doc.report.prior
        selections: list[QTextEdit.ExtraSelection] = []
        if self.doc.compare_on and prior is not None and self.key.kind == "part":
            from gxdesk.domain.compare import Status, compare_text

            before = prior.parts.get(self.key.numeral) or ""
            colours = {Status.SAME: QColor("#fef08a"), Status.NUMBERS_CHANGED: QColor("#bbf7d0")}
            text = self.text()
            for sentence in compare_text(self.key.numeral, text, before).sentences:
                if sentence.status not in colours:
                    continue
                selection = QTextEdit.ExtraSelection()
                fmt = QTextCharFormat()
                fmt.setBackground(colours[sentence.status])
                fmt.setToolTip("与上年相同" if sentence.status is Status.SAME else f"上年：{sentence.last}")
                selection.format = fmt
                cursor = QTextCursor(self.document())
                cursor.setPosition(sentence.start)
                cursor.setPosition(sentence.end, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selections.append(selection)
        self._selections = selections  # kept: the selections' cursors must outlive the call
        self.setExtraSelections(selections)
