"""Windows that open inside the screen: a 1366×768 laptop, or 1080p at 150 % (1280×720 usable)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = QSize(16, 40)  # a window frame and title bar, roughly, on Windows 10/11 and Kylin


def available_area(widget: QWidget) -> QRect | None:
    """The screen's area not taken by task bars, where ``widget`` is (or the primary screen)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fitted(preferred: QSize, minimum: QSize, area: QRect) -> QSize:
    """``preferred`` made small enough, frame and title bar included, but never below ``minimum``."""
    width = max(minimum.width(), min(preferred.width(), area.width() - FRAME.width()))
    height = max(minimum.height(), min(preferred.height(), area.height() - FRAME.height()))
    return QSize(width, height)
