"""A Qt application for drawing when there is none (the command line, a script)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

_app: QApplication | None = None


def ensure_gui_app() -> None:
    """Fonts and painting need a Qt application: reuse the window's, else start one that needs no
    screen (``gxdesk export --pdf`` over SSH, on a server, in CI). A widgets application, so that
    a window opened later in the same process finds the kind it needs."""
    global _app
    if QCoreApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication([sys.argv[0] if sys.argv else "gxdesk"])
