"""The audit's cache of parsed files: plain data in SQLite, in the user's cache folder.

Never pickle, never inside the folders the user adds: a file planted in an inbox must not be
able to run code, and a shared or read-only inbox must stay as it was. Entries are keyed by the
file's content hash and a fingerprint of the code that reads and checks it, so a changed rule
or reader re-reads every file. A cache that is damaged, foreign or of another schema is thrown
away and rebuilt; it never stops an audit.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import pkgutil
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

import gxdesk
from gxdesk.domain.report import Report
from gxdesk.store.codec import report_from_dict, report_to_dict

CACHE_FILE = "audit-cache.sqlite"
SCHEMA = 2  # bump when what an entry holds changes
COMMIT_EVERY = 200
_FINGERPRINTED = ("gxdesk.domain", "gxdesk.store", "gxdesk.exchange")


@cache
def code_fingerprint() -> str:
    """A hash of the source (or, frozen, the compiled code) of everything that reads and checks."""
    digest = hashlib.sha256(gxdesk.__version__.encode())
    root = Path(gxdesk.__file__).parent
    names = []
    for package in _FINGERPRINTED:
        names.append(package)
        sub = root.joinpath(*package.split(".")[1:])
        names += [m.name for m in pkgutil.walk_packages([str(sub)], prefix=package + ".")]
    for name in sorted(set(names)):
        try:
            spec = importlib.util.find_spec(name)
            loader: Any = spec.loader if spec else None
            source = loader.get_source(name) if loader is not None else None
            if source is None and loader is not None:
                import marshal

                digest.update(marshal.dumps(loader.get_code(name)))
            else:
                digest.update((source or "").encode("utf-8", "surrogatepass"))
        except Exception:  # noqa: BLE001 - a module that cannot be read: the name still counts
            digest.update(name.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:24]


class UnitCache:
    """Parsed files by content hash; ``None`` folder (or any trouble) means no cache."""

    def __init__(self, folder: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending = 0
        if folder is None:
            return
        path = folder / CACHE_FILE
        for attempt in range(2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._db = self._open(path)
                return
            except (sqlite3.Error, OSError, ValueError):
                self._db = None
                if attempt == 0:  # damaged or foreign: thrown away and made anew
                    for stale in (path, Path(str(path) + "-journal"), Path(str(path) + "-wal")):
                        try:
                            stale.unlink(missing_ok=True)
                        except OSError:
                            break

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(str(path), timeout=2)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and (tables != {"units"} or version != SCHEMA):
                raise ValueError("another program's or another version's cache")
            db.execute("CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
            db.execute(f"PRAGMA user_version = {SCHEMA}")
            columns = [r[1] for r in db.execute("PRAGMA table_info(units)")]
            if columns != ["key", "data"]:
                raise ValueError("a table of another shape")
            db.commit()
        except Exception:
            db.close()
            raise
        return db

    def key(self, digest: str, year_hint: int | None) -> str:
        return f"{code_fingerprint()}:{year_hint}:{digest}"

    def get(self, digest: str, year_hint: int | None) -> tuple[Report | None, str] | None:
        """(report, reason) as read before, or None when not cached (or the entry is unusable)."""
        if self._db is None or not digest:
            return None
        try:
            row = self._db.execute("SELECT data FROM units WHERE key = ?", (self.key(digest, year_hint),)).fetchone()
            if row is None:
                return None
            data = json.loads(row[0])
            report = None
            if data.get("report") is not None:
                report = report_from_dict(data["report"])
                report.tables_only = bool(data.get("tables_only"))
                report.kind_unknown = bool(data.get("kind_unknown"))
                report.received = bool(data.get("received"))
            return report, str(data.get("reason") or "")
        except Exception:  # noqa: BLE001 - a damaged entry is read again from the file
            return None

    def put(self, digest: str, year_hint: int | None, report: Report | None, reason: str) -> None:
        if self._db is None or not digest:
            return
        data: dict[str, Any] = {"reason": reason, "report": None}
        if report is not None:
            data.update(
                report=report_to_dict(report),
                tables_only=report.tables_only,
                kind_unknown=report.kind_unknown,
                received=report.received,
            )
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO units (key, data) VALUES (?, ?)",
                (self.key(digest, year_hint), json.dumps(data, ensure_ascii=False)),
            )
            self._pending += 1
            if self._pending >= COMMIT_EVERY:  # one commit (and sync) a batch, not a file
                self._db.commit()
                self._pending = 0
        except (sqlite3.Error, TypeError, ValueError):
            pass  # a full disk or a locked cache: the audit goes on without it

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):  # what was not saved is read again next time
                self._db.commit()
            self._db.close()
            self._db = None
