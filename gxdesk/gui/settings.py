"""Where gxdesk keeps its settings, recent files and recovery copies."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 8


def config_dir() -> Path:
    """Per-user folder; GXDESK_CONFIG_DIR overrides it (tests), and a portable copy
    (a file named ``portable`` beside the program) keeps everything in its own ``data`` folder."""
    override = os.environ.get("GXDESK_CONFIG_DIR")
    if not override and getattr(sys, "frozen", False):
        beside = Path(sys.executable).resolve().parent
        if (beside / "portable").exists():
            override = str(beside / "data")
    # AppConfigLocation is already per application (…\gxdesk\gxdesk on Windows, ~/.config/gxdesk/gxdesk).
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    base = Path(override) if override else Path(location) if location else Path.home() / ".gxdesk"
    base.mkdir(parents=True, exist_ok=True)
    return base


def recovery_dir() -> Path:
    path = config_dir() / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings() -> QSettings:
    return QSettings(str(config_dir() / "gxdesk.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [p for p in value if isinstance(p, str)] if isinstance(value, list) else []


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_files() if p != path]
    items = items[:MAX_RECENT]
    s = settings()
    s.setValue("recent", items)
    s.sync()
    return items


def remove_recent(path: str) -> None:
    s = settings()
    s.setValue("recent", [p for p in recent_files() if p != path])
    s.sync()


def load_geometry() -> QByteArray | None:
    """The main window's last geometry, if any."""
    value = settings().value("window/geometry")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(geometry: QByteArray) -> None:
    s = settings()
    s.setValue("window/geometry", geometry)
    s.sync()
