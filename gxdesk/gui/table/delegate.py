"""The cell editor: validates before it lets go, so a bad entry is never stored or lost silently."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from gxdesk.domain.cells import parse_value
from gxdesk.domain.navigation import Move
from gxdesk.gui.compat import override

Index = QModelIndex | QPersistentModelIndex


# Keys that, in a cell being typed, put the value in and move (as in Excel's "enter" mode).
_ARROWS = {Qt.Key.Key_Up: Move.UP, Qt.Key.Key_Down: Move.DOWN, Qt.Key.Key_Left: Move.LEFT, Qt.Key.Key_Right: Move.RIGHT}
_CTRL = Qt.KeyboardModifier.ControlModifier
_CTRL_MOVES = {Qt.Key.Key_Home: Move.FIRST, Qt.Key.Key_End: Move.LAST}  # in F2 editing too


class CellEditor(QLineEdit):
    """The in-cell editor; the cursor stays after the text (no select-all), as in Excel.

    ``typed``: opened by typing a new value (Excel's "enter" mode), where an arrow key commits
    and moves; opened with F2 or a double-click it edits the value, and arrows move the cursor.
    """

    typed = False

    @override
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.deselect()
        self.end(False)


class CellDelegate(QStyledItemDelegate):
    """QLineEdit editor; Enter/Tab with an invalid number keeps the editor open with a message."""

    invalid = Signal(QWidget, str)
    enterPressed = Signal(bool)  # noqa: N815 - True with Shift (move up)
    moveRequested = Signal(object)  # noqa: N815 - the Move a key asks for once the value is in

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.initial_text: str | None = None

    @override
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = CellEditor(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        editor.setProperty("cell_index", QPersistentModelIndex(index))
        return editor

    @override
    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        if self.initial_text is not None:
            editor.setText(self.initial_text)  # typing overwrites, as in Excel
            if isinstance(editor, CellEditor):
                editor.typed = True
            self.initial_text = None
        else:
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.deselect()
        editor.end(False)

    @override
    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(editor, QLineEdit)
        if editor.text() == (index.data(Qt.ItemDataRole.EditRole) or ""):
            return
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def problem(self, editor: QLineEdit) -> str | None:
        index = editor.property("cell_index")
        model = index.model() if index is not None else None
        spec = model.cell_spec(index) if model is not None else None
        if spec is None:
            return None
        parsed = parse_value(editor.text(), spec.kind)
        return None if parsed.ok else f"{spec.name}：{parsed.error}"

    @override
    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            move = _ARROWS.get(key) if not mods else _CTRL_MOVES.get(key) if mods == _CTRL else None
            if move is not None:
                if key in _ARROWS and not (isinstance(editor, CellEditor) and editor.typed):
                    # Editing a value (F2): ←/→ move the text cursor; ↑/↓ do nothing in one line.
                    return key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                problem = self.problem(editor)
                if problem:
                    self.invalid.emit(editor, problem)
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.moveRequested.emit(move)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                problem = self.problem(editor)
                if problem:
                    self.invalid.emit(editor, problem)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    self.enterPressed.emit(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                    return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.FocusOut:
            problem = self.problem(editor)
            if problem:
                # Leaving the cell with a bad entry: say so, and keep the old value.
                self.invalid.emit(editor, problem + "，已恢复原值")
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return False
        return super().eventFilter(editor, event)
