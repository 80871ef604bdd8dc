"""Handing a file or folder to the system: the default application, the file manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_externally(path: Path) -> bool:
    """Open ``path`` as a double-click in the file manager would (Word/WPS for a .docx, the
    file manager for a folder); False when the system has nothing to open it with."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
