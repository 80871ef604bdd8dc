"""Item views whose rows grow to show their whole text, wrapped at the column's width.

Qt computes an item's size hint without knowing its column's width, so long Chinese messages
in a narrow column are cut to one line ("法人或其他组…"). This delegate measures the text at
the width the column really has and asks the view to lay out again when a column is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from gxdesk.gui.compat import override

_FLAGS = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
_PADDING = 8


class WrappingDelegate(QStyledItemDelegate):
    """Wraps every cell's text (anywhere: Chinese has no spaces) and sizes rows to fit."""

    def __init__(self, view: QTreeView | QListView) -> None:
        super().__init__(view)
        self.view: QAbstractItemView = view
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._heights: dict[tuple[str, int, int], int] = {}  # (text, width, column) → height
        if isinstance(view, QTreeView):
            view.setUniformRowHeights(False)
            view.header().sectionResized.connect(self._on_header_section_resized)

    def _width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        view = self.view
        if not isinstance(view, QTreeView):
            return view.viewport().width()
        if view.isFirstColumnSpanned(index.row(), index.parent()):
            width = view.viewport().width()
        else:
            width = view.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        return width

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return base
        key = (str(text), self._width(index), index.column())
        height = self._heights.get(key)
        if height is None:
            width = self._text_width(option, index)
            rect = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), int(_FLAGS), str(text))
            if len(self._heights) > 4096:
                self._heights.clear()
            height = self._heights[key] = rect.height() + _PADDING
        return QSize(base.width(), max(base.height(), height))

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width ``paint`` will draw the text in: the cell less the style's margins and padding."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = QRect(0, 0, self._width(index), 1000)
        style = opt.widget.style() if opt.widget else None
        if style is None:
            return max(40, opt.rect.width() - _PADDING)
        return max(40, style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).width() - 6)

    @override
    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # type: ignore[no-untyped-def]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(3, 2, -3, -2)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = opt.palette.ColorRole.HighlightedText if selected else opt.palette.ColorRole.Text
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(opt.palette.color(role) if selected or brush is None else brush.color())
        painter.drawText(area, int(_FLAGS | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        painter.restore()

    def _on_header_section_resized(self, *_args: object) -> None:
        self.view.doItemsLayout()  # row heights follow the new width
