"""The findings dock, which folds to a narrow strip on small screens (its counts still shown)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QToolButton, QWidget

from gxdesk.gui.compat import override

STRIP_WIDTH = 34
# Below this window width the dock opens folded: the table needs the room.
FOLD_BELOW = 1400


def vertical(text: str) -> str:
    """Chinese set one character a line, as on a spine; runs of digits stay together."""
    out: list[str] = []
    for ch in text.replace(" · ", " ").replace(" ", "\n"):
        if ch.isdigit() and out and out[-1][-1:].isdigit():
            out[-1] += ch
        else:
            out.append(ch)
    return "\n".join(out).replace("\n\n\n", "\n\n")


class FindingsDock(QDockWidget):
    """检查结果: the panel, or folded a strip that says the counts and opens the panel."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("findingsDock")
        self._stack = QStackedWidget()
        self.strip = QToolButton()
        self.strip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.strip.setToolTip("展开检查结果")
        self.strip.setAutoRaise(True)  # no frame until pointed at
        self.strip.clicked.connect(lambda: self.fold(False))
        self.strip.setFixedWidth(STRIP_WIDTH)
        self._stack.addWidget(self.strip)
        self.setWidget(self._stack)
        self._counts = ""
        self._folded = False
        self._factory: Callable[[], object] | None = None
        self._blank_title = QWidget()
        self.fold_button = QToolButton()
        self.fold_button.setText("收起 ▸")
        self.fold_button.setToolTip("把检查结果收成窄条，让表格更宽")
        self.fold_button.setAutoRaise(True)
        self.fold_button.clicked.connect(lambda: self.fold(True))

    def set_panel_factory(self, factory: Callable[[], object]) -> None:
        """The panel is built when first shown (``factory`` calls ``set_panel``): a window that
        opens folded does not build it."""
        self._drop_panel()
        self._factory = factory
        if not self._folded and self.isVisible():
            factory()

    @override
    def showEvent(self, event: QShowEvent) -> None:
        if not self._folded and self._factory is not None:
            self._factory()
            self._stack.setCurrentIndex(1)
        super().showEvent(event)

    def set_panel(self, panel: QWidget) -> None:
        self._drop_panel()
        self._factory = None
        self._stack.addWidget(panel)
        self._stack.setCurrentIndex(0 if self._folded else 1)

    def _drop_panel(self) -> None:
        while self._stack.count() > 1:
            old = self._stack.widget(1)
            if old is None:
                break
            self._stack.removeWidget(old)
            old.deleteLater()

    def panel(self) -> QWidget | None:
        return self._stack.widget(1)

    @property
    def folded(self) -> bool:
        return self._folded

    def set_counts(self, text: str) -> None:
        self._counts = text
        self.strip.setText(vertical("检查结果 " + text))

    def fold(self, folded: bool) -> None:
        """Folded: a strip with the counts; unfolded: the whole panel, about 330 px wide."""
        self._folded = folded
        if not folded and self._factory is not None:
            self._factory()  # first shown: built now
        self._stack.setCurrentIndex(0 if folded or self._stack.count() < 2 else 1)
        self.setTitleBarWidget(self._blank_title if folded else None)  # type: ignore[arg-type]  # None: Qt's own bar
        if folded:
            self.setFixedWidth(STRIP_WIDTH + 4)
        else:
            self.setMinimumWidth(200)
            self.setMaximumWidth(16777215)
        window = self.parentWidget()
        resize = getattr(window, "resizeDocks", None)
        if window is not None and resize is not None and not folded:
            width = max(240, min(330, window.width() // 4))
            resize([self], [width], Qt.Orientation.Horizontal)
