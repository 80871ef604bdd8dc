"""The grid view: official merged layout, Excel/WPS keys, copy and paste of rectangles."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
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

from gxdesk.domain.navigation import InputGrid, Move
from gxdesk.gui.compat import override
from gxdesk.gui.document import READ_ONLY_NOTE
from gxdesk.gui.table.clipboard import from_tsv, to_tsv
from gxdesk.gui.table.delegate import CellDelegate
from gxdesk.gui.table.frozen import FrozenPane
from gxdesk.gui.table.model import ReportTableModel

_MOVE = QAbstractItemView.CursorAction
Index = QModelIndex | QPersistentModelIndex


def _wanted(rows: int, cols: int, frozen_rows: int, frozen_cols: int) -> bool:
    """A band for frozen rows, one for frozen columns, and a corner only when both are frozen."""
    if rows and cols:
        return bool(frozen_rows and frozen_cols)
    return bool(rows and frozen_rows) or bool(cols and frozen_cols)


class ReportTableView(QTableView):
    """A small spreadsheet over one official table."""

    message = Signal(str)
    located = Signal(str)  # the current cell named in full, or "" on a label

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_message = ""
        self._delegate = CellDelegate(self)
        self._delegate.invalid.connect(self._on_delegate_invalid)
        self._delegate.enterPressed.connect(self._on_delegate_enter_pressed)
        self._delegate.moveRequested.connect(self.go)
        self._tab_anchor: int | None = None  # the column where a run of Tabs began
        self.panes: list[FrozenPane] = []
        self.setItemDelegate(self._delegate)
        self.setModel(model)
        model.rejected.connect(self._on_model_message)
        model.noted.connect(self._on_model_message)
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
        self.inputs = InputGrid(model.spec)
        self._build_panes()
        self.clearSpans()
        spans = [(g.row, g.col, g.rowspan, g.colspan) for g in model.spec.grid if g.rowspan > 1 or g.colspan > 1]
        for span in spans:
            self.setSpan(*span)
        for pane in self.panes:
            pane.set_spans(spans)
        unit = QFontMetrics(self.font()).horizontalAdvance("中") / 2 + 1
        widths = model.spec.col_widths or (12,) * model.spec.n_cols
        self._natural = [int(w * unit) + 12 for w in widths]
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_columns()
        first = self.inputs.first()
        if first is not None:
            self.setCurrentIndex(model.index(first.row, first.col))  # a step opens on its first input
        self._sync_panes()

    def _build_panes(self) -> None:
        """Freeze the column headers, and the row labels where no row spans past them (表二's captions do)."""
        for pane in self.panes:
            pane.deleteLater()
        spec = self.table_model().spec
        rows = spec.header_rows
        straddles = any(g.col < spec.label_cols < g.col + g.colspan for g in spec.grid if g.row >= spec.header_rows)
        cols = 0 if straddles else spec.label_cols
        shapes = [(rows, 0), (0, cols), (rows, cols)]  # header band, label band, their corner
        self.panes = [FrozenPane(self, rows=r, cols=c) for r, c in dict.fromkeys(shapes) if _wanted(r, c, rows, cols)]
        for pane in self.panes:
            pane.pressed.connect(self._on_pane_pressed)
            pane.show()
            pane.raise_()

    @override
    def currentChanged(self, current: Index, previous: Index) -> None:
        super().currentChanged(current, previous)
        model = self.table_model()
        model.light(current)
        spec = model.cell_spec(current)
        self.located.emit(spec.path if spec is not None else "")

    def location(self) -> str:
        spec = self.table_model().cell_spec(self.currentIndex())
        return spec.path if spec is not None else ""

    def _on_pane_pressed(self) -> None:
        """A click on a frozen label or header is a click on the table."""
        self._tab_anchor = None
        if self.last_message:
            self.say("")

    def frozen_rows_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self.table_model().spec.header_rows))

    def frozen_cols_width(self) -> int:
        return max((p.frozen_width() for p in self.panes if p.cols and not p.rows), default=0)

    def _sync_panes(self) -> None:
        for pane in self.panes:
            pane.sync()
        for pane in self.panes:
            if pane.rows and pane.cols:
                pane.raise_()  # the corner above both bands

    @override
    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._sync_panes()

    @override
    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Bring a cell into view below the frozen headers and right of the frozen labels."""
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        rect = self.visualRect(self.table_model().index(index.row(), index.column()))
        top, left = self.frozen_rows_height(), self.frozen_cols_width()
        bar = self.verticalScrollBar()
        if index.row() >= self.table_model().spec.header_rows and rect.top() < top:
            bar.setValue(bar.value() - (top - rect.top()))
        bar = self.horizontalScrollBar()
        if index.column() >= self.table_model().spec.label_cols and left and rect.left() < left:
            bar.setValue(bar.value() - (left - rect.left()))

    def _fit_columns(self) -> None:
        """Shrink columns (down to 70 %) to the visible width; labels wrap instead of scrolling."""
        natural = getattr(self, "_natural", None)
        if not natural:
            return
        available = self.viewport().width() - 2
        # Shrink to 60 % (labels wrap) before scrolling sideways; widen up to 130 % to spare lines.
        scale = min(1.3, max(0.6, available / sum(natural))) if available > 100 else 1.0
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
        heights = [line + 8] * model.spec.n_rows
        for g in sorted(model.spec.grid, key=lambda g: g.rowspan):
            if not g.text:
                continue
            width = sum(self.columnWidth(c) for c in range(g.col, g.col + g.colspan)) - 8
            box = metrics.boundingRect(QRect(0, 0, max(width, 20), 10_000), int(Qt.TextFlag.TextWordWrap), g.text)
            need = max(line, box.height()) + 8
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
        if self.last_message:
            self.say("")  # a message lasts until the next action
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
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & ~Qt.KeyboardModifier.ShiftModifier:
            self.go(Move.ENTER_UP if shift else Move.ENTER)
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not mods & ~Qt.KeyboardModifier.ShiftModifier:
            self.go(Move.PREVIOUS if shift or key == Qt.Key.Key_Backtab else Move.NEXT)
            return
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        edits = key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or (event.text().isprintable() and plain)
        if edits and event.text() and self.table_model().doc.read_only:
            self.say(READ_ONLY_NOTE)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        text = event.text()
        if text and text.isprintable() and plain and self.state() != QAbstractItemView.State.EditingState:
            self.start_typing(text)
            return
        super().keyPressEvent(event)  # arrows, Home/End, pages and F2: through moveCursor

    def start_typing(self, text: str) -> None:
        """The first key of a new value opens the cell with it; never a cell that cannot take it."""
        index = self.currentIndex()
        if not self.table_model().is_input(index):
            self.say(self._why_not_typed(index))
            return
        self._delegate.initial_text = text
        self.edit(index)
        editor = self.indexWidget(index)
        if isinstance(editor, QLineEdit):
            editor.deselect()  # Qt selects all on open; the typed key must stay
            editor.end(False)

    def _why_not_typed(self, index: QModelIndex) -> str:
        spec = self.table_model().cell_spec(index)
        if spec is not None:
            return f"“{spec.name}”是自动计算的合计，不能填写；请用 Tab 或方向键到白色单元格"
        return "这里是表头或栏目名称，不能填写；请用 Tab 或方向键到白色单元格"

    def go(self, move: Move) -> None:
        """Move the current cell to the input cell ``move`` names (a protected sheet's keys)."""
        index = self.currentIndex()
        row, col = (index.row(), index.column()) if index.isValid() else (0, 0)
        here = self.inputs.at(row, col)
        anchor = self._tab_anchor if move in (Move.ENTER, Move.ENTER_UP) else None
        target = self.inputs.move(row, col, move, anchor=anchor)
        if move in (Move.NEXT, Move.PREVIOUS):
            if self._tab_anchor is None and here is not None:
                self._tab_anchor = here.col
        else:
            self._tab_anchor = None
        if target is not None:
            self._set_current(self.table_model().index(target.row, target.col))

    def _set_current(self, index: QModelIndex) -> None:
        anchor = self._tab_anchor
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self._tab_anchor = anchor

    @override
    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:  # noqa: N802, N803
        """Every move Qt makes from a key goes to an input cell (Shift+arrows select as usual)."""
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        move = {
            _MOVE.MoveUp: Move.UP,
            _MOVE.MoveDown: Move.DOWN,
            _MOVE.MoveLeft: Move.LEFT,
            _MOVE.MoveRight: Move.RIGHT,
            _MOVE.MoveHome: Move.FIRST if ctrl else Move.ROW_START,
            _MOVE.MoveEnd: Move.LAST if ctrl else Move.ROW_END,
            _MOVE.MoveNext: Move.NEXT,
            _MOVE.MovePrevious: Move.PREVIOUS,
        }.get(cursorAction)
        index = self.currentIndex()
        row, col = (index.row(), index.column()) if index.isValid() else (0, 0)
        if cursorAction in (_MOVE.MovePageDown, _MOVE.MovePageUp):
            return self._page(row, col, up=cursorAction == _MOVE.MovePageUp)
        if move is None or not self.inputs:
            return super().moveCursor(cursorAction, modifiers)
        self._tab_anchor = None
        target = self.inputs.move(row, col, move)
        return self.table_model().index(target.row, target.col) if target else index

    def _page(self, row: int, col: int, *, up: bool) -> QModelIndex:
        """Page Up/Down: a screenful of input rows up or down, in the same column."""
        steps = max(1, self.viewport().height() // max(1, self.rowHeight(max(row, 0)) or 1) - 1)
        for _ in range(steps):
            target = self.inputs.move(row, col, Move.UP if up else Move.DOWN)
            if target is None or (target.row, target.col) == (row, col):
                break
            row, col = target.row, target.col
        return self.table_model().index(row, col)

    @override
    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._tab_anchor = None
        if self.last_message:
            self.say("")
        if not self.indexAt(event.position().toPoint()).isValid():
            self.setFocus()  # below or beside the table: the current cell stays selected, as in Excel
            event.accept()
            return
        super().mousePressEvent(event)

    @override
    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab leaves the next input cell selected, not open (as in Excel)."""
        move = {
            QAbstractItemDelegate.EndEditHint.EditNextItem: Move.NEXT,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: Move.PREVIOUS,
        }.get(hint)
        if move is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.go(move)

    def move_vertical(self, *, up: bool = False) -> None:
        self.go(Move.ENTER_UP if up else Move.ENTER)

    def _on_delegate_enter_pressed(self, up: bool) -> None:
        self.go(Move.ENTER_UP if up else Move.ENTER)

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
        if not text:
            QToolTip.hideText()
            return
        if where is None:
            rect = self.visualRect(self.currentIndex())
            where = self.viewport().mapToGlobal(rect.bottomLeft())
        QToolTip.showText(where, text, self)

    def _on_delegate_invalid(self, editor: QWidget, text: str) -> None:
        self.say(text, editor.mapToGlobal(editor.rect().bottomLeft()) if isinstance(editor, QLineEdit) else None)

    def _on_model_message(self, index: QModelIndex, text: str) -> None:
        self.say(text)

    def select_cell(self, cell_id: str) -> bool:
        index = self.table_model().index_of(cell_id)
        if not index.isValid():
            return False
        self._tab_anchor = None
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
        return True
