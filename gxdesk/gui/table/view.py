"""The grid view: official merged layout, Excel/WPS keys, copy and paste of rectangles."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolTip,
    QWidget,
)

from gxdesk.gui.compat import override
from gxdesk.gui.document import READ_ONLY_NOTE
from gxdesk.gui.table.clipboard import from_tsv, to_tsv
from gxdesk.gui.table.delegate import CellDelegate
from gxdesk.gui.table.model import ReportTableModel

_MOVE = QAbstractItemView.CursorAction


class ReportTableView(QTableView):
    """A small spreadsheet over one official table."""

    message = Signal(str)

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_message = ""
        self._delegate = CellDelegate(self)
        self._delegate.invalid.connect(self._on_delegate_invalid)
        self._delegate.enterPressed.connect(self._on_delegate_enter_pressed)
        self.setItemDelegate(self._delegate)
        self.setModel(model)
        model.rejected.connect(self._on_model_rejected)
        model.layoutRebuilt.connect(self._apply_layout)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet(
            "QTableView { gridline-color: #9aa3ad; }QTableView::item:selected { background: #3b82c4; color: white; }"
        )
        self._apply_layout()

    def table_model(self) -> ReportTableModel:
        model = self.model()
        assert isinstance(model, ReportTableModel)
        return model

    # ---- layout ------------------------------------------------------------------------
    def _apply_layout(self) -> None:
        model = self.table_model()
        self.clearSpans()
        for g in model.spec.grid:
            if g.rowspan > 1 or g.colspan > 1:
                self.setSpan(g.row, g.col, g.rowspan, g.colspan)
        unit = QFontMetrics(self.font()).horizontalAdvance("中") / 2 + 1
        widths = model.spec.col_widths or (12,) * model.spec.n_cols
        self._natural = [int(w * unit) + 12 for w in widths]
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_columns()
        first = next(
            (model.index(g.row, g.col) for g in model.spec.grid if g.cell and not model.spec.cell(g.cell).computed),
            QModelIndex(),
        )
        if first.isValid():
            self.setCurrentIndex(first)

    def _fit_columns(self) -> None:
        """Shrink columns (down to 70 %) to the visible width; labels wrap instead of scrolling."""
        natural = getattr(self, "_natural", None)
        if not natural:
            return
        available = self.viewport().width() - 2
        scale = min(1.0, max(0.7, available / sum(natural))) if available > 100 else 1.0
        for col, width in enumerate(natural):
            self.setColumnWidth(col, int(width * scale))
        self._fit_rows()

    @override
    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_rows(self) -> None:
        """Row heights that show every label: a merged label's lines are shared by its rows."""
        model = self.table_model()
        metrics = QFontMetrics(self.font())
        line = metrics.lineSpacing()
        heights = [line + 10] * model.spec.n_rows
        for g in sorted(model.spec.grid, key=lambda g: g.rowspan):
            if not g.text:
                continue
            width = sum(self.columnWidth(c) for c in range(g.col, g.col + g.colspan)) - 12
            box = metrics.boundingRect(QRect(0, 0, max(width, 20), 10_000), int(Qt.TextFlag.TextWordWrap), g.text)
            need = max(line, box.height()) + 10
            have = sum(heights[g.row : g.row + g.rowspan])
            if need > have:
                extra = need - have
                for r in range(g.row, g.row + g.rowspan):
                    heights[r] += -(-extra // g.rowspan)
        for row, h in enumerate(heights):
            self.setRowHeight(row, h)

    # ---- keys --------------------------------------------------------------------------
    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.table_model().doc.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.table_model().doc.undo_stack.redo()
            return
        key = event.key()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        edits = key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or (event.text().isprintable() and plain)
        if edits and event.text() and self.table_model().doc.read_only:
            self.say(READ_ONLY_NOTE)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_vertical(up=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        text = event.text()
        if text and text.isprintable() and plain and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if self.table_model().is_input(index):
                self._delegate.initial_text = text
                self.edit(index)
                editor = self.indexWidget(index)
                if isinstance(editor, QLineEdit):
                    editor.deselect()  # Qt selects all on open; the typed key must stay
                    editor.end(False)
                return
            self.say("这个单元格是自动计算或表头，不能填写")
            return
        super().keyPressEvent(event)

    @override
    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab leaves the next cell selected, not open (as in Excel)."""
        move = {
            QAbstractItemDelegate.EndEditHint.EditNextItem: _MOVE.MoveNext,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: _MOVE.MovePrevious,
        }.get(hint)
        if move is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        index = self.moveCursor(move, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)

    def move_vertical(self, *, up: bool = False) -> None:
        index = self.moveCursor(_MOVE.MoveUp if up else _MOVE.MoveDown, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)

    def _on_delegate_enter_pressed(self, up: bool) -> None:
        self.move_vertical(up=up)

    # ---- clipboard and clearing ------------------------------------------------------
    def selected_box(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return None
        model = self.table_model()
        rows, cols = [], []
        for i in indexes:
            g = model.grid_cell(i)
            if g:
                rows += [g.row, g.row + g.rowspan - 1]
                cols += [g.col, g.col + g.colspan - 1]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        box = self.selected_box()
        if box is None:
            return ""
        model = self.table_model()
        top, left, bottom, right = box
        rows = []
        for r in range(top, bottom + 1):
            row = []
            for c in range(left, right + 1):
                g = model.grid_cell(model.index(r, c))
                if g is None or (g.row, g.col) != (r, c):
                    row.append("")
                elif g.cell:
                    row.append(str(model.index(r, c).data(Qt.ItemDataRole.EditRole) or model.index(r, c).data() or ""))
                else:
                    row.append(g.text)
            rows.append(row)
        text = to_tsv(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> None:
        """Paste a rectangle from the top-left of the selection; one undo step."""
        if self.table_model().doc.read_only:
            self.say(READ_ONLY_NOTE)
            return
        text = QGuiApplication.clipboard().text() if text is None else text
        rows = from_tsv(text)
        if not rows:
            self.say("剪贴板中没有可粘贴的内容")
            return
        model = self.table_model()
        box = self.selected_box()
        if box is None:
            return
        top, left, bottom, right = box
        if len(rows) == 1 and len(rows[0]) == 1 and (bottom > top or right > left):
            rows = [[rows[0][0]] * (right - left + 1) for _ in range(bottom - top + 1)]  # fill
        plan = model.doc.state.plan_paste(model.spec, top, left, rows)
        pasted = model.doc.set_cells(plan.values, f"粘贴 {len(plan.values)} 个单元格")
        self.say(plan.summary(pasted))
        self.selectionModel().select(
            self._box_selection(model.index(top, left), model.index(*plan.end)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    def _box_selection(self, a: QModelIndex, b: QModelIndex):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QItemSelection

        return QItemSelection(a, b)

    def clear_selection(self) -> None:
        model = self.table_model()
        ids = set()
        for index in self.selectionModel().selectedIndexes() or [self.currentIndex()]:
            spec = model.cell_spec(index)
            if spec is not None and not spec.computed and model.doc.report.values.get(spec.id) is not None:
                ids.add(spec.id)
        if ids:
            model.doc.set_cells(dict.fromkeys(ids), f"清除 {len(ids)} 个单元格")

    # ---- messages ----------------------------------------------------------------------
    def say(self, text: str, where: QPoint | None = None) -> None:
        self.last_message = text
        self.message.emit(text)
        if where is None:
            rect = self.visualRect(self.currentIndex())
            where = self.viewport().mapToGlobal(rect.bottomLeft())
        QToolTip.showText(where, text, self)

    def _on_delegate_invalid(self, editor: QWidget, text: str) -> None:
        self.say(text, editor.mapToGlobal(editor.rect().bottomLeft()) if isinstance(editor, QLineEdit) else None)

    def _on_model_rejected(self, index: QModelIndex, text: str) -> None:
        self.say(text)

    def select_cell(self, cell_id: str) -> bool:
        index = self.table_model().index_of(cell_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
        return True
