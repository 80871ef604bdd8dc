"""The list of steps down the left side of the window."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from gxdesk.gui.compat import override

# Room above and below a title; before it an empty decoration INDENT wide (a clear colour
# swatch), so that a title's second line lines up with its first. SIDE: what Qt's item layout
# takes beside the text: the swatch and four margins of PM_FocusFrameHMargin + 1 = 3 px (Fusion
# and the Windows styles), measured against the style by tests/gui/test_step_list.py. Less
# would clip a line; more wraps a title early, and on a laptop screen the extra lines push the
# last steps out of view.
PADDING = 7
INDENT = 4
SIDE = INDENT + 4 * 3
_FLAGS = Qt.TextFlag.TextWordWrap


class StepList(QListWidget):
    """One step a row; a title too long for the list's width wraps onto a second line.

    Qt sizes list rows without knowing the list's width, so each row's height is worked out
    here, from its title wrapped at that width, whenever the width, a title or the scroll bar
    changes. (A painting delegate or a style sheet's padding would do the same, at a cost of a
    few per cent of the program's start.)
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = self.font()
        font.setPointSize(11)
        self.setFont(font)
        self.setFixedWidth(300)
        self.setIconSize(QSize(INDENT, 1))
        self._heights: dict[tuple[str, int], int] = {}  # (title, width) → row height
        self.model().dataChanged.connect(self._on_model_data_changed)
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self.fit_rows())

    def set_width(self, width: int) -> None:
        self.setFixedWidth(width)
        self.fit_rows()

    def add_step(self, title: str) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.DecorationRole, QColor(0, 0, 0, 0))
        self.addItem(item)
        self._fit_item(item)

    @override
    def showEvent(self, event: QShowEvent) -> None:
        self.fit_rows()  # rows are fitted once shown: the width and titles are settled by then
        super().showEvent(event)

    def fit_rows(self) -> None:
        for row in range(self.count()):
            item = self.item(row)
            if item is not None:
                self._fit_item(item)

    def _on_model_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return  # a colour or a tooltip: the height stays
        for row in range(top.row(), bottom.row() + 1):
            item = self.item(row)
            if item is not None:
                self._fit_item(item)

    def _text_width(self) -> int:
        bar = self.verticalScrollBar()
        beside = bar.sizeHint().width() if bar.maximum() > bar.minimum() else 0
        return max(40, self.width() - 2 * self.frameWidth() - beside - SIDE)

    def _fit_item(self, item: QListWidgetItem) -> None:
        if not self.isVisible():
            return
        width, title = self._text_width(), item.text()
        height = self._heights.get((title, width))
        if height is None:
            text = self.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), int(_FLAGS), title)
            height = self._heights[(title, width)] = text.height() + 2 * PADDING
        size = QSize(width, height)
        if item.sizeHint() != size:  # setting it changes the item: no loop once it fits
            item.setSizeHint(size)
