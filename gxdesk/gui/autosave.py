"""Recovery copies: written every minute and when the author pauses; offered after a crash."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from gxdesk.domain.records import record
from gxdesk.domain.report import Report
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.settings import recovery_dir
from gxdesk.oserrors import describe, replace
from gxdesk.store import report_from_dict, report_to_dict

INTERVAL_MS = 60_000
IDLE_MS = 5_000


@record
class Recovery:
    """An autosaved copy left behind by a gxdesk that did not close normally."""

    file: Path
    original: Path | None
    saved_at: str
    report: Report

    @property
    def description(self) -> str:
        where = f"（原文件：{self.original}）" if self.original else "（尚未保存过的新报告）"
        return f"{self.report.meta.full_title}\n自动保存于 {self.saved_at}{where}"


class Autosaver(QObject):
    """Keeps one recovery file for one document, locked while this process lives."""

    failed = Signal(str)  # the recovery copy could not be written (said once per failure)

    def __init__(
        self,
        doc: ReportDocument,
        *,
        file: Path | None = None,
        interval_ms: int = INTERVAL_MS,
        idle_ms: int = IDLE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.file = file or recovery_dir() / f"{os.urandom(8).hex()}.json"
        self._lock = QLockFile(str(self.file) + ".lock")
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)
        self._saved_index = -1
        self._failing = False
        self._closed = False
        self._periodic = QTimer(self, interval=interval_ms)
        self._periodic.timeout.connect(self.save_now)
        self._periodic.start()
        self._idle = QTimer(self, interval=idle_ms, singleShot=True)
        self._idle.timeout.connect(self.save_now)
        doc.undo_stack.indexChanged.connect(self._on_stack_index_changed)

    def _on_stack_index_changed(self, _index: int) -> None:
        if not self._closed:  # a closed document's stack still signals as it is torn down
            self._idle.start()  # restarts: saves once the author pauses

    def save_now(self) -> bool:
        """Write the recovery copy if there is anything unsaved; never raises."""
        if self._closed:
            return False
        if not self.doc.is_modified:
            self.discard()
            return False
        if self._saved_index == self.doc.undo_stack.index() and self.file.exists():
            return False
        data = {
            "original": str(self.doc.path) if self.doc.path else None,
            "saved_at": _now(),
            "report": report_to_dict(self.doc.report),
        }
        tmp = self.file.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            replace(tmp, self.file)  # an antivirus holding the copy for a moment is waited out
        except OSError as exc:
            # A safety net that failed is said once, in the status bar, without interrupting.
            if not self._failing:
                self._failing = True
                self.failed.emit(f"自动保存恢复副本失败：{describe(exc)}。请及时保存报告。")
            return False
        self._failing = False
        self._saved_index = self.doc.undo_stack.index()
        return True

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self._saved_index = -1

    def close(self) -> None:
        """Done with this document: no timer, no recovery copy, no tie to its undo stack."""
        self._closed = True
        self._periodic.stop()
        self._idle.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # the stack may already be gone
            self.doc.undo_stack.indexChanged.disconnect(self._on_stack_index_changed)
        self.discard()
        self._lock.unlock()


def orphans() -> list[Recovery]:
    """Recovery files whose process is gone (a crash or a kill), newest first."""
    found = []
    for file in sorted(recovery_dir().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        lock = QLockFile(str(file) + ".lock")
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another running gxdesk owns it
        lock.unlock()
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            report = report_from_dict(data["report"])
        except (OSError, ValueError, KeyError, TypeError):
            file.unlink(missing_ok=True)  # unreadable: nothing could be restored from it
            continue
        original = Path(data["original"]) if data.get("original") else None
        found.append(Recovery(file, original, str(data.get("saved_at", "")), report))
    return found


def _now() -> str:
    from datetime import datetime  # imported at the first autosave, not at start

    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")
