"""A collection of units' reports: found in folders, each read once (cached), audited together.

Files are read in worker processes (a 2-core office PC audits twice as fast) and cached by
content hash in the user's cache folder (``unit_cache``), so re-auditing after one unit resends
reads only that file. Unreadable or foreign files are listed with the reason, never dropped silently.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path, PurePosixPath, PureWindowsPath

from gxdesk.domain.collection import Audit, UnitFile, assemble
from gxdesk.domain.report import Report
from gxdesk.domain.roster import Roster
from gxdesk.domain.rules import evaluate
from gxdesk.exchange.sources import MAX_FILE
from gxdesk.exchange.unit_cache import UnitCache
from gxdesk.oserrors import describe, file_digest, special_file_problem
from gxdesk.store import StoreError
from gxdesk.userdirs import cache_dir as user_cache_dir
from gxdesk.userdirs import log_error

MAX_COLLECTION = 8 * 1024 * 1024  # a collection file of thousands of units is well under this
READABLE = (".docx", ".xlsx", ".xlsm", ".gxr")
NOT_READABLE = {
    ".doc": "旧版 Word 文件（.doc）：请单位另存为 .docx 后重新报送",
    ".wps": "WPS 文字旧格式（.wps）：请另存为 .docx",
    ".pdf": "PDF 文件无法可靠读取表格：请单位报送 .docx 或 .xlsx",
    ".xls": "旧版 Excel 文件（.xls）：请另存为 .xlsx",
    ".et": "WPS 表格旧格式（.et）：请另存为 .xlsx",
}


# ---- finding and reading files -----------------------------------------------------------
def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Every report-like file under ``paths`` (folders searched recursively), in a stable order.

    A folder that cannot be opened is listed too: reading it says why (nothing skipped unsaid).
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError:  # a name too long for the system, a lost network drive
            is_dir = False
        if is_dir:
            unreadable: list[Path] = []
            for dirpath, _dirs, files in os.walk(path, onerror=partial(_unreadable, unreadable)):
                for name in files:
                    suffix = Path(name).suffix.lower()
                    if (suffix in READABLE or suffix in NOT_READABLE) and not name.startswith(("~$", ".~")):
                        out.append(Path(dirpath) / name)
            out += unreadable
        else:
            out.append(path)
    # The same file named twice (a folder and a file in it, ``a/../a``, relative and absolute)
    # is one file: it must not become a second version of its unit.
    seen: dict[str, Path] = {}
    for path in sorted(out):
        try:
            key = os.path.normcase(os.path.realpath(path))
        except (OSError, ValueError):
            key = str(path)
        seen.setdefault(key, path)
    return sorted(seen.values())


OFFICE_OUTPUT = "gxdesk 汇总与审核输出"  # the category of every file the office's tools write


def written_by_gxdesk(path: Path) -> bool:
    """A summary, fix list or 通报 gxdesk wrote, found in an inbox: not a unit's report."""
    if path.suffix.lower() not in (".xlsx", ".docx") or special_file_problem(path):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 64 * 1024:
                return False
            return OFFICE_OUTPUT in archive.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError):
        return False


def _unreadable(found: list[Path], exc: OSError) -> None:
    found.append(Path(exc.filename))


def read_unit(path: str, year_hint: int | None = None, digest: str = "") -> UnitFile:
    """Read and check one file (runs in a worker process; everything it returns pickles).

    ``digest`` is the content hash when the caller has it already (the cache lookup made it).
    """
    file = Path(path)
    what = "文件"
    try:
        if file.is_dir():
            what = "文件夹"
            os.listdir(file)  # says why a folder could not be searched
        digest = digest or file_digest(file, MAX_FILE)
        mtime = file.stat().st_mtime
    except OSError as exc:
        return UnitFile(path, "", 0.0, reason=f"无法读取{what}：{describe(exc)}")
    except ValueError as exc:  # a FIFO, a device, a file far too large: said, not opened
        return UnitFile(path, "", 0.0, reason=str(exc))
    unit = UnitFile(path, digest, mtime)
    suffix = file.suffix.lower()
    if suffix in NOT_READABLE:
        unit.reason = NOT_READABLE[suffix]
        return unit
    try:
        report = _report_of(file, year_hint)
    except StoreError as exc:
        unit.reason = exc.problem
        return unit
    except ValueError as exc:  # SourceError, AuditError: each says why in Chinese
        unit.reason = str(exc)
        return unit
    except RecursionError:
        unit.reason = "文件结构嵌套过深，不是正常的报告文件"
        return unit
    except Exception as exc:  # noqa: BLE001 - a damaged file from a unit must not stop the audit
        log_error(exc)  # a true bug: its traceback is kept for whoever fixes it
        unit.reason = f"文件无法识别（{type(exc).__name__}），可能已损坏"
        return unit
    unit.report = report
    unit.findings = evaluate(report)
    return unit


def _report_of(file: Path, year_hint: int | None) -> Report:
    if file.suffix.lower() == ".gxr":
        from gxdesk.store import load

        return load(file)
    from gxdesk.exchange.audit import audit_report
    from gxdesk.exchange.importer import read

    return audit_report(read(file), year_hint)


def _digest(path: Path) -> str:
    try:
        return file_digest(path, MAX_FILE)
    except (OSError, ValueError):
        return ""  # read_unit says why


def read_all(
    paths: Sequence[Path],
    *,
    year_hint: int | None = None,
    cache: UnitCache | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[UnitFile]:
    """Every file read once: from the cache where its content is unchanged, else by the workers."""
    done: dict[Path, UnitFile] = {}
    digests = {p: _digest(p) for p in paths} if cache else {}  # hashed once, passed on
    todo: list[Path] = []
    for path in paths:
        cached = cache.get(digests[path], year_hint) if cache else None
        if cached is None:
            todo.append(path)
            continue
        report, reason = cached
        try:
            mtime = path.stat().st_mtime  # which version is newest: the file's, never a cached time
        except OSError:
            todo.append(path)
            continue
        unit = UnitFile(str(path), digests[path], mtime, report=report, reason=reason)
        if report is not None:
            unit.findings = evaluate(report)
        done[path] = unit
    total = len(paths)
    if progress:
        progress(len(done), total)

    def keep(path: Path, unit: UnitFile) -> None:
        done[path] = unit
        if cache:
            cache.put(unit.digest, year_hint, unit.report, unit.reason)
        if progress:
            progress(len(done), total)

    workers = jobs or min(os.cpu_count() or 1, 4)
    if workers > 1 and len(todo) > 1:
        # spawn, as on Windows: forking a process that runs Qt threads is not safe
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(read_unit, str(p), year_hint, digests.get(p, "")): p for p in todo}
            for future, path in futures.items():
                if cancelled and cancelled():
                    pool.shutdown(cancel_futures=True)
                    break
                keep(path, future.result())
    else:
        for path in todo:
            if cancelled and cancelled():
                break
            keep(path, read_unit(str(path), year_hint, digests.get(path, "")))
    return [done[p] for p in paths if p in done]


# ---- the audit -----------------------------------------------------------------------------
def audit(
    paths: Iterable[str | Path],
    *,
    roster: Roster | None = None,
    prior: Iterable[str | Path] = (),
    parent: str | Path | None = None,
    year: int | None = None,
    included: Iterable[str] = (),
    excluded: Iterable[str] = (),
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Audit:
    """Read, group, check and compare a collection (see ``shared/spec/rollup.md``)."""
    files = [f for f in discover(paths) if not written_by_gxdesk(f)]
    if parent is not None:  # the government's own report may lie in the folder of its units
        files = [f for f in files if not _same_file(f, Path(parent))]
    cache = UnitCache(cache_dir if cache_dir is not None else user_cache_dir())
    try:
        read = read_all(files, year_hint=year, cache=cache, jobs=jobs, progress=progress, cancelled=cancelled)
        prior_files = discover(prior)
        last = read_all(prior_files, cache=cache, jobs=jobs) if prior_files else []
    finally:
        cache.close()
    result = assemble(read, last, roster=roster, year=year, included=included, excluded=excluded)
    if parent is not None:
        parent_unit = read_unit(str(parent), result.year)
        if parent_unit.report is None:
            raise ValueError(f"无法读取本级报告“{Path(parent).name}”：{parent_unit.reason}")
        result.parent_report = parent_unit.report
        result.check_parent()
    return result


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.absolute() == b.absolute()


# ---- a collection saved beside its folder ---------------------------------------------------
COLLECTION_SUFFIX = ".gxc"


@dataclass
class CollectionFile:
    """What the office put together: files and folders, 名单, last year's, choices made.

    Saved with paths relative to the .gxc itself, so a folder moved or archived with its
    collection file still opens (a path on another drive stays absolute).
    """

    paths: list[str] = field(default_factory=list)
    roster: str = ""
    prior: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # units left out of the roll-up
    included: list[str] = field(default_factory=list)  # units not on the 名单, ticked in by the clerk
    aliases: dict[str, str] = field(default_factory=dict)  # report name → 名单 name, as the clerk confirmed
    chosen: dict[str, str] = field(default_factory=dict)  # unit → the version the author picked
    parent: str = ""  # the government's own 全县口径 report, checked against the units' sum

    def save(self, path: Path | str) -> None:
        import json

        from gxdesk.exchange.atomic import write_bytes

        base = Path(path).absolute().parent

        def rel(p: str) -> str:
            return _relative(p, base)

        data = {
            "format": "gxdesk-collection",
            "version": 2,
            "paths": [rel(p) for p in self.paths],
            "roster": rel(self.roster) if self.roster else "",
            "prior": [rel(p) for p in self.prior],
            "excluded": self.excluded,
            "included": self.included,
            "aliases": self.aliases,
            "chosen": {k: rel(v) for k, v in self.chosen.items()},
            "parent": rel(self.parent) if self.parent else "",
        }
        write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    @classmethod
    def load(cls, path: Path | str) -> CollectionFile:
        import json

        special = special_file_problem(path)
        if special:
            raise ValueError(f"汇总清单“{Path(path).name}”：{special}")
        try:
            with Path(path).open("rb") as handle:
                raw = handle.read(MAX_COLLECTION + 1)
            if len(raw) > MAX_COLLECTION:
                raise ValueError("文件过大")
            data = json.loads(raw.decode("utf-8"))
        except OSError as exc:
            raise ValueError(f"无法读取汇总清单“{Path(path).name}”：{describe(exc)}") from None
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ValueError(f"无法读取汇总清单“{Path(path).name}”：文件已损坏，不是 gxdesk 汇总清单") from None
        if not isinstance(data, dict) or data.get("format") != "gxdesk-collection":
            raise ValueError(f"“{Path(path).name}”不是 gxdesk 汇总清单")
        base = Path(path).absolute().parent

        def here(p: object) -> str:
            text = str(p or "")
            return os.path.normpath(base / text) if text and not _absolute_anywhere(text) else text

        def strings(key: str) -> list[str]:
            value = data.get(key)
            return [str(v) for v in value] if isinstance(value, list) else []

        def mapping(key: str) -> dict[str, str]:
            value = data.get(key)
            return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

        return cls(
            paths=[here(p) for p in strings("paths")],
            roster=here(data.get("roster")),
            prior=[here(p) for p in strings("prior")],
            excluded=strings("excluded"),
            included=strings("included"),
            aliases=mapping("aliases"),
            chosen={k: here(v) for k, v in mapping("chosen").items()},
            parent=here(data.get("parent")),
        )


def _absolute_anywhere(path: str) -> bool:
    """``D:\\单位``, ``\\\\server\\share`` or ``/mnt/x``: a path no folder should be put in front of."""
    return PureWindowsPath(path).is_absolute() or PurePosixPath(path).is_absolute() or path.startswith("\\\\")


def _relative(path: str, base: Path) -> str:
    """``path`` relative to ``base`` where it can be (not across drives, not another system's path)."""
    if not Path(path).is_absolute():
        if _absolute_anywhere(path):
            return path  # a Windows path read on Linux, or the reverse: kept as it is
        path = str(Path(path).absolute())
    try:
        relative = os.path.relpath(path, base)
    except ValueError:
        return path  # another drive
    # Beside or below the collection file it moves with it; far away it stays where it is.
    return path if relative.startswith(os.pardir + os.sep + os.pardir) else relative
