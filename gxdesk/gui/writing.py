"""Writing a file the author asked for, with a way out when Windows says no.

Every way out of the program (save, Word and Excel export, the office's summary and its
collection file) goes through ``write_with_recovery``: when the file is open in Word or WPS,
the folder is read-only or the USB stick is gone, the author reads why in Chinese and chooses
重试 or 另存为; the work in the window is never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from gxdesk.gui import dialogs
from gxdesk.oserrors import describe
from gxdesk.store import StoreError


def write_with_recovery(
    parent: QWidget | None, path: Path, write: Callable[[Path], None], file_filter: str
) -> Path | None:
    """``write(path)`` until it succeeds or the author gives up; returns the path written."""
    while True:
        try:
            write(path)
            return path
        except StoreError as exc:
            reason = exc.problem
        except OSError as exc:
            reason = describe(exc)
        choice = dialogs.ask_write_failed(
            parent, f"无法写入“{path}”：{reason}。\n\n窗口中的内容没有丢失。可以关闭占用它的程序后重试，或另存到别处。"
        )
        if choice == "retry":
            continue
        if choice != "save_as":
            return None
        chosen = dialogs.save_path(parent, str(path), file_filter)
        if not chosen:
            return None
        suffix = path.suffix
        path = Path(chosen)
        if suffix and path.suffix.lower() != suffix.lower():
            path = path.with_name(path.name + suffix)
