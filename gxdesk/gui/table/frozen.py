"""Frozen panes: a table's column headers and row labels stay in view while its cells scroll.

As in Qt's frozen-column example, each pane is a second view over the same model and selection,
laid over the main view's viewport and scrolled with it along the one free direction.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gxdesk.gui.compat import override

Index = QModelIndex | QPersistentModelIndex


class VisiblePartDelegate(QStyledItemDelegate):
    """Draws a merged label in the part of it that is in view, so a long span stays readable.

    ``clear`` gives the pane's area not covered by another pane (viewport coordinates).
    """

    def __init__(self, clear: Callable[[], QRect], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clear = clear

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        visible = option.rect.intersected(self._clear())
        if visible.isEmpty():
            return
        opt = QStyleOptionViewItem(option)
        opt.rect = visible
        super().paint(painter, opt, index)


class FrozenPane(QTableView):
    """Rows ``0..rows`` and/or columns ``0..cols`` of ``main``, kept in place over its viewport."""

    def __init__(self, main: QTableView, *, rows: int, cols: int) -> None:
        super().__init__(main)
        self.main, self.rows, self.cols = main, rows, cols
        self.setModel(main.model())
        self.setSelectionModel(main.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the main view
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(main.selectionMode())
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setStyleSheet(main.styleSheet())
        self.setItemDelegate(VisiblePartDelegate(self._clear_area, self))
        self.setMouseTracking(True)
        # A pane never scrolls itself: Qt's views scroll to the current cell when it changes, and
        # the panes share the table's selection model, so a move would drag header rows out of
        # the header band or labels beside other rows. The pane's position is the table's.
        self.setAutoScroll(False)
        for bar in (main.verticalScrollBar(), main.horizontalScrollBar()):
            bar.valueChanged.connect(self._follow)
            bar.rangeChanged.connect(self._follow)
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.valueChanged.connect(self._follow)
            bar.rangeChanged.connect(self._follow)

    @override
    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Scrolling is the table's: the pane follows it in ``_follow``."""

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        self.main.wheelEvent(event)  # the wheel over a label scrolls the table, and the pane with it

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.indexAt(event.position().toPoint()).isValid():
            event.accept()
        else:
            super().mousePressEvent(event)  # the shared selection: the table's current cell
        self.main.setFocus()  # keys typed after a click on a label go to the table

    def _follow(self, *_: object) -> None:
        """Hold the frozen direction at 0 and the free one at the table's position."""
        want_v = 0 if self.rows else self.main.verticalScrollBar().value()
        want_h = 0 if self.cols else self.main.horizontalScrollBar().value()
        bar = self.verticalScrollBar()
        if bar.value() != want_v:
            bar.setValue(want_v)
        bar = self.horizontalScrollBar()
        if bar.value() != want_h:
            bar.setValue(want_h)

    def frozen_height(self) -> int:
        return sum(self.main.rowHeight(r) for r in range(self.rows))

    def frozen_width(self) -> int:
        return sum(self.main.columnWidth(c) for c in range(self.cols))

    def _clear_area(self) -> QRect:
        """The part of this pane that no other pane covers."""
        rect = self.viewport().rect()
        if not self.rows and self.parent_rows():
            rect.setTop(self.parent_rows())
        if not self.cols and self.parent_cols():
            rect.setLeft(self.parent_cols())
        return rect

    def parent_rows(self) -> int:
        return getattr(self.main, "frozen_rows_height", lambda: 0)()

    def parent_cols(self) -> int:
        return getattr(self.main, "frozen_cols_width", lambda: 0)()

    def set_spans(self, spans: list[tuple[int, int, int, int]]) -> None:
        self.clearSpans()
        for row, col, rowspan, colspan in spans:
            self.setSpan(row, col, rowspan, colspan)

    def sync(self) -> None:
        """Copy sizes and scroll position from the main view; place over its viewport."""
        model = self.model()
        for row in range(model.rowCount()):
            if self.rowHeight(row) != self.main.rowHeight(row):
                self.setRowHeight(row, self.main.rowHeight(row))
        for col in range(model.columnCount()):
            if self.columnWidth(col) != self.main.columnWidth(col):
                self.setColumnWidth(col, self.main.columnWidth(col))
        port = self.main.viewport().geometry()
        width = self.frozen_width() if self.cols else port.width()
        height = self.frozen_height() if self.rows else port.height()
        self.setGeometry(port.x(), port.y(), min(width, port.width()), min(height, port.height()))
        self._follow()
        self.viewport().update()
