"""Recovery after a crash: every edit journaled at once, the whole report now and then.

Each edit is appended to the recovery journal as it is applied (one ``write`` to a file opened
for appending: in the operating system's hands at once, so a killed process loses nothing it
had done; ``fsync`` follows within a second for a power cut). Every minute, and when the
author pauses, the whole report is written as the recovery base (temporary file, then rename)
and the journal starts again. The next start offers the base with the journal replayed.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from gxdesk.domain.records import record
from gxdesk.domain.report import Report
from gxdesk.domain.state import Op
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.settings import recovery_dir
from gxdesk.oserrors import describe, replace
from gxdesk.store import report_from_dict, report_to_dict
from gxdesk.store.journal import encode, replay

INTERVAL_MS = 60_000
IDLE_MS = 5_000
SYNC_MS = 1_000  # a journaled edit is on the disk itself within this time
COMPACT_BYTES = 4 << 20  # a journal this long is folded into the base at once


@record
class Recovery:
    """An autosaved copy left behind by a gxdesk that did not close normally."""

    file: Path
    original: Path | None
    saved_at: str
    report: Report

    def remove(self) -> None:
        """Declined: the base and its journal go."""
        self.file.unlink(missing_ok=True)
        self.file.with_suffix(".journal").unlink(missing_ok=True)

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
        self._failing = False
        self._closed = False
        self.journal_file = self.file.with_suffix(".journal")
        self._journal_fd: int | None = None
        self._seq = 0  # the number of the last edit journaled
        self._base_seq = -1  # the number of the last edit the base holds; -1: no base yet
        self._base_synced = False
        self._unsynced = False
        self._sync = QTimer(self, interval=SYNC_MS, singleShot=True)
        self._sync.timeout.connect(self._fsync)
        doc.state.journal = self._journal
        self._periodic = QTimer(self, interval=interval_ms)
        self._periodic.timeout.connect(self.save_now)
        self._periodic.start()
        self._idle = QTimer(self, interval=idle_ms, singleShot=True)
        self._idle.timeout.connect(self.save_now)
        doc.undo_stack.indexChanged.connect(self._on_stack_index_changed)

    def _on_stack_index_changed(self, _index: int) -> None:
        if not self._closed:  # a closed document's stack still signals as it is torn down
            self._idle.start()  # restarts: saves once the author pauses

    def _journal(self, op: Op) -> None:
        """An edit was applied: append it, or start a base that already holds it; never raises."""
        if self._closed:
            return
        self._seq += 1
        if self._base_seq < 0 or not self.file.exists():
            # The first edit since the last save: the whole report, once, at keystroke speed
            # (no fsync: a killed process loses nothing; the author's pause writes it for good).
            self._write_base(sync=False)
            return
        try:
            if self._journal_fd is None:
                self._journal_fd = os.open(self.journal_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.write(self._journal_fd, encode(self._seq, op))
        except (OSError, ValueError, TypeError) as exc:
            self._fail(exc if isinstance(exc, OSError) else None)
            self._write_base()  # the journal cannot take it: the whole report instead
            return
        self._unsynced = True
        if not self._sync.isActive():
            self._sync.start()
        if os.fstat(self._journal_fd).st_size > COMPACT_BYTES:
            self._write_base()

    def _fsync(self) -> None:
        if self._unsynced and self._journal_fd is not None:
            with contextlib.suppress(OSError):
                os.fsync(self._journal_fd)
        self._unsynced = False

    def save_now(self) -> bool:
        """Fold the journal into a new recovery base if there is anything unsaved; never raises."""
        if self._closed:
            return False
        if not self.doc.is_modified:
            self.discard()
            return False
        if self._base_seq == self._seq and self._base_synced and self.file.exists():
            return False
        return self._write_base()

    def _write_base(self, *, sync: bool = True) -> bool:
        data = {
            "original": str(self.doc.path) if self.doc.path else None,
            "saved_at": _now(),
            "seq": self._seq,
            "report": report_to_dict(self.doc.report),
        }
        tmp = self.file.with_suffix(".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, ensure_ascii=False))
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            replace(tmp, self.file)  # an antivirus holding the copy for a moment is waited out
        except OSError as exc:
            self._fail(exc)
            return False
        self._failing = False
        self._base_seq, self._base_synced = self._seq, sync
        self._truncate_journal()  # its edits are in the base (numbered: a line left behind is skipped)
        return True

    def _truncate_journal(self) -> None:
        with contextlib.suppress(OSError):
            if self._journal_fd is not None:
                os.ftruncate(self._journal_fd, 0)
            else:
                self.journal_file.unlink(missing_ok=True)
        self._unsynced = False

    def _fail(self, exc: OSError | None) -> None:
        # A safety net that failed is said once, in the status bar, without interrupting.
        if not self._failing:
            self._failing = True
            why = describe(exc) if exc is not None else "内容无法记录"
            self.failed.emit(f"自动保存恢复副本失败：{why}。请及时保存报告。")

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self._close_journal()
        self.journal_file.unlink(missing_ok=True)
        self._base_seq = -1

    def _close_journal(self) -> None:
        if self._journal_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._journal_fd)
            self._journal_fd = None

    def close(self) -> None:
        """Done with this document: no timer, no recovery copy, no tie to its undo stack."""
        self._closed = True
        self._periodic.stop()
        self._idle.stop()
        self._sync.stop()
        if self.doc.state.journal == self._journal:
            self.doc.state.journal = None
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
        journal = file.with_suffix(".journal")
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            report = report_from_dict(data["report"])
        except (OSError, ValueError, KeyError, TypeError):
            file.unlink(missing_ok=True)  # unreadable: nothing could be restored from it
            journal.unlink(missing_ok=True)
            continue
        seq = data.get("seq", 0)
        report, _ = replay(report, journal, seq if isinstance(seq, int) else 0)
        original = Path(data["original"]) if data.get("original") else None
        found.append(Recovery(file, original, str(data.get("saved_at", "")), report))
    return found


def _now() -> str:
    from datetime import datetime  # imported at the first autosave, not at start

    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")
