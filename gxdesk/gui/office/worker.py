"""The audit run off the GUI thread; the files themselves are read by worker processes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gxdesk.domain.collection import choose
from gxdesk.exchange.collection import CollectionFile, audit
from gxdesk.exchange.roster_file import read_roster
from gxdesk.userdirs import log_error


class AuditWorker(QObject):
    """Audits a collection, saying how far it got; ``cancel`` stops it between files."""

    progressed = Signal(int, int)
    finished = Signal(object)  # Audit, or the error message
    cancel = False

    def __init__(self, collection: CollectionFile) -> None:
        super().__init__()
        self.collection = collection

    def run(self) -> None:
        c = self.collection
        try:
            roster = read_roster(c.roster) if c.roster else None
            if roster is not None:
                roster.confirmed = dict(c.aliases)
            result = audit(
                c.paths,
                roster=roster,
                prior=c.prior,
                parent=c.parent or None,
                included=c.included,
                excluded=c.excluded,
                progress=self.progressed.emit,
                cancelled=lambda: self.cancel,
            )
        except (OSError, ValueError) as exc:
            self.finished.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the window must never stay "running"
            log = log_error(exc)
            self.finished.emit(f"审核时发生意外错误（{type(exc).__name__}）" + (f"，详细记录在“{log}”" if log else ""))
            return
        for unit_name, path in c.chosen.items():  # the versions the author picked earlier
            if any(u.name == unit_name and any(v.path == path for v in u.versions) for u in result.units):
                choose(result, unit_name, path)
        result.check_parent()  # against the versions chosen
        self.finished.emit(result)
