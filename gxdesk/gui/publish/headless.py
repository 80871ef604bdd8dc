"""A Qt application for drawing when there is none (the command line, a script)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui_app() -> None:
    """Fonts and painting need a QGuiApplication: reuse the window's, else start one that needs
    no screen (``gxdesk export --pdf`` over SSH, on a server, in CI)."""
    global _app
    if isinstance(QCoreApplication.instance(), QGuiApplication):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "gxdesk"])  # type: ignore[assignment]
