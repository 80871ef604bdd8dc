"""A collection of units' reports: found in folders, each read once (cached), audited together.

Files are read in worker processes (a 2-core office PC audits twice as fast) and cached by
content hash in the user's cache folder (``unit_cache``), so re-auditing after one unit resends
reads only that file. Unreadable or foreign files are listed with the reason, never dropped silently.
"""

from __future__ import annotations

import copy
import csv
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.report import AgencyKind, PriorYear, Report
from gxdesk.domain.rollup import Roster, RosterEntry, agency_key, rollup_findings
from gxdesk.domain.rules import evaluate
from gxdesk.domain.textutil import clean_text
from gxdesk.exchange.ooxml import excel_unescape
from gxdesk.exchange.sources import MAX_FILE
from gxdesk.exchange.unit_cache import UnitCache
from gxdesk.oserrors import describe, file_digest, special_file_problem
from gxdesk.store import StoreError
from gxdesk.userdirs import cache_dir as user_cache_dir
from gxdesk.userdirs import log_error

MAX_ROSTER = 8 * 1024 * 1024  # a 名单 or a collection file of thousands of units is well under this
READABLE = (".docx", ".xlsx", ".xlsm", ".gxr")
NOT_READABLE = {
    ".doc": "旧版 Word 文件（.doc）：请单位另存为 .docx 后重新报送",
    ".wps": "WPS 文字旧格式（.wps）：请另存为 .docx",
    ".pdf": "PDF 文件无法可靠读取表格：请单位报送 .docx 或 .xlsx",
    ".xls": "旧版 Excel 文件（.xls）：请另存为 .xlsx",
    ".et": "WPS 表格旧格式（.et）：请另存为 .xlsx",
}


@dataclass
class UnitFile:
    """One file as read: its report (None if unreadable), findings, or why it could not be read."""

    path: str
    digest: str
    mtime: float
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    reason: str = ""

    @property
    def agency(self) -> str:
        return self.report.meta.agency if self.report else ""

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


@dataclass
class Unit:
    """A unit of the collection: its chosen file, other versions, and its status."""

    name: str
    chosen: UnitFile
    versions: list[UnitFile]
    on_roster: bool
    findings: list[Finding] = field(default_factory=list)
    prior: PriorYear | None = None  # the same unit's report in last year's collection, if any

    def checked_report(self) -> Report | None:
        """A copy of the chosen report as it was checked: with last year's figures when known."""
        report = self.chosen.report
        if report is None:
            return None
        report = copy.deepcopy(report)
        if report.prior is None and self.prior is not None:
            report.prior = self.prior
        return report

    @property
    def status(self) -> str:
        if any(f.severity is Severity.ERROR for f in self.findings):
            return "有错误"
        if any(f.code == "TEXT-REUSE" for f in self.findings):
            return "雷同"
        if self.findings:
            return "有提示"
        return "报送"


@dataclass
class Audit:
    """The outcome of auditing a collection."""

    year: int | None
    units: list[Unit]
    missing: list[str]
    unreadable: list[UnitFile]
    other_year: list[UnitFile]
    not_on_roster: list[str]
    parent_findings: list[Finding] = field(default_factory=list)
    parent_report: Report | None = None  # the government's own 全县口径 report, when given

    def check_parent(self, units: Sequence[Report]) -> None:
        """ROLLUP-SUM again, against the units now counted (after ticking units in or out)."""
        if self.parent_report is not None:
            self.parent_findings = rollup_findings(self.parent_report, units, self.missing)

    @property
    def has_errors(self) -> bool:
        return any(u.status == "有错误" for u in self.units)


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


# ---- the 名单 ----------------------------------------------------------------------------
def read_roster(path: str | Path) -> Roster:
    """名单 from .xlsx or .csv: unit name in the first column; optional kind and aliases (、,;)."""
    file = Path(path)
    rows: list[list[str]] = []
    special = special_file_problem(file)
    if special:
        raise ValueError(f"名单“{file.name}”：{special}")
    if file.suffix.lower() == ".csv":
        try:
            with file.open("rb") as handle:
                raw = handle.read(MAX_ROSTER + 1)
        except OSError as exc:
            raise ValueError(f"无法读取名单“{file.name}”：{describe(exc)}") from None
        if len(raw) > MAX_ROSTER:
            raise ValueError(f"名单“{file.name}”过大，不是正常的名单文件")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError(f"名单“{file.name}”的文字编码无法识别，请另存为 UTF-8 或 .xlsx")
        rows = [[c.strip() for c in row] for row in csv.reader(text.splitlines())]
    else:
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(file, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # noqa: BLE001
            raise ValueError(f"无法读取名单“{file.name}”（{type(exc).__name__}）") from None
        rows = [
            ["" if v is None else clean_text(excel_unescape(str(v))).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    entries = []
    kinds = {k.value: k for k in AgencyKind}
    for row in rows:
        if not row or not row[0] or row[0] in ("单位名称", "名称", "单位", "序号"):
            continue
        name = row[0] if not row[0].isdigit() or len(row) < 2 else row[1]
        rest = row[1:] if name == row[0] else row[2:]
        kind = next((kinds[c] for c in rest if c in kinds), None)
        aliases = tuple(
            a.strip() for c in rest if c and c not in kinds for a in c.replace(",", "、").replace(";", "、").split("、")
        )
        entries.append(RosterEntry(name, kind, tuple(a for a in aliases if a)))
    return Roster(entries)


# ---- the audit -----------------------------------------------------------------------------
def audit(
    paths: Iterable[str | Path],
    *,
    roster: Roster | None = None,
    prior: Iterable[str | Path] = (),
    parent: str | Path | None = None,
    year: int | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Audit:
    """Read, group, check and compare a collection (see ``shared/spec/rollup.md``)."""
    files = discover(paths)
    if parent is not None:  # the government's own report may lie in the folder of its units
        files = [f for f in files if f.resolve() != Path(parent).resolve()]
    cache = UnitCache(cache_dir if cache_dir is not None else user_cache_dir())
    try:
        read = read_all(files, year_hint=year, cache=cache, jobs=jobs, progress=progress, cancelled=cancelled)
        prior_files = discover(prior)
        last = read_all(prior_files, cache=cache, jobs=jobs) if prior_files else []
    finally:
        cache.close()
    readable = [u for u in read if u.report is not None]
    unreadable = [u for u in read if u.report is None]
    year = year or _majority_year(readable)
    other_year = [u for u in readable if year is not None and u.report and u.report.meta.year != year]
    this_year = [u for u in readable if u not in other_year]
    units = _group(this_year, roster)
    _cross_year(units, [u for u in last if u.report is not None])
    reported = {agency_key(u.name) for u in units}
    missing = [e.name for e in (roster.entries if roster else []) if not e.folded() & reported]
    missing += [
        name
        for name in _names([u for u in last if u.report is not None], roster)
        if agency_key(name) not in reported and name not in missing
    ]
    not_on_roster = [u.name for u in units if roster and not u.on_roster]
    result = Audit(year, units, missing, unreadable, other_year, not_on_roster)
    if parent is not None:
        parent_unit = read_unit(str(parent), year)
        if parent_unit.report is None:
            raise ValueError(f"无法读取本级报告“{Path(parent).name}”：{parent_unit.reason}")
        result.parent_report = parent_unit.report
        result.check_parent([u.chosen.report for u in units if u.chosen.report is not None])
    return result


def _majority_year(units: Sequence[UnitFile]) -> int | None:
    years = [u.report.meta.year for u in units if u.report is not None]
    return max(set(years), key=years.count) if years else None


def _names(units: Sequence[UnitFile], roster: Roster | None) -> list[str]:
    out = []
    for u in units:
        entry = roster.match(u.agency) if roster else None
        out.append(entry.name if entry else u.agency)
    return list(dict.fromkeys(n for n in out if n))


def _group(files: Sequence[UnitFile], roster: Roster | None) -> list[Unit]:
    """Versions of the same unit (by the agency the report names) grouped; the newest chosen."""
    groups: dict[str, list[UnitFile]] = {}
    names: dict[str, tuple[str, bool]] = {}
    for f in files:
        entry = roster.match(f.agency) if roster else None
        name = entry.name if entry else (f.agency or Path(f.path).stem)
        key = agency_key(name)
        groups.setdefault(key, []).append(f)
        names[key] = (name, entry is not None)
    units = []
    for key, versions in groups.items():
        versions.sort(key=lambda v: (v.mtime, v.path), reverse=True)
        name, on_roster = names[key]
        units.append(Unit(name, versions[0], versions, on_roster, list(versions[0].findings)))
    return sorted(units, key=lambda u: u.name)


def _cross_year(units: Sequence[Unit], last: Sequence[UnitFile]) -> None:
    """Each unit checked against its own previous report (T3-CARRY, rolls, TEXT-REUSE)."""
    previous = {agency_key(u.agency): u.report for u in last if u.report is not None}
    for unit in units:
        before = previous.get(agency_key(unit.name)) or previous.get(agency_key(unit.chosen.agency))
        report = unit.chosen.report
        if before is None or report is None or report.prior is not None:
            continue
        unit.prior = PriorYear(
            before.meta.year, before.edition, dict(before.values), {k: v for k, v in before.parts.items() if v}
        )
        checked = unit.checked_report()
        if checked is not None:
            unit.findings = evaluate(checked)


def choose(audit_result: Audit, unit_name: str, path: str) -> None:
    """The author picks another version of a unit."""
    for unit in audit_result.units:
        if unit.name == unit_name:
            unit.chosen = next(v for v in unit.versions if v.path == path)
            checked = unit.checked_report()
            if checked is not None and unit.prior is not None and checked.prior is unit.prior:
                unit.findings = evaluate(checked)  # the cross-year rules for this version too
            else:
                unit.findings = list(unit.chosen.findings)


# ---- a collection saved beside its folder ---------------------------------------------------
COLLECTION_SUFFIX = ".gxc"


@dataclass
class CollectionFile:
    """What the office put together: files and folders, 名单, last year's, choices made."""

    paths: list[str] = field(default_factory=list)
    roster: str = ""
    prior: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # units left out of the roll-up
    chosen: dict[str, str] = field(default_factory=dict)  # unit → the version the author picked
    parent: str = ""  # the government's own 全县口径 report, checked against the units' sum

    def save(self, path: Path | str) -> None:
        import json

        from gxdesk.exchange.atomic import write_bytes

        data = {"format": "gxdesk-collection", "version": 1, **self.__dict__}
        write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    @classmethod
    def load(cls, path: Path | str) -> CollectionFile:
        import json

        special = special_file_problem(path)
        if special:
            raise ValueError(f"汇总清单“{Path(path).name}”：{special}")
        try:
            with Path(path).open("rb") as handle:
                raw = handle.read(MAX_ROSTER + 1)
            if len(raw) > MAX_ROSTER:
                raise ValueError("文件过大")
            data = json.loads(raw.decode("utf-8"))
        except OSError as exc:
            raise ValueError(f"无法读取汇总清单“{Path(path).name}”：{describe(exc)}") from None
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise ValueError(f"无法读取汇总清单“{Path(path).name}”：文件已损坏，不是 gxdesk 汇总清单") from None
        if not isinstance(data, dict) or data.get("format") != "gxdesk-collection":
            raise ValueError(f"“{Path(path).name}”不是 gxdesk 汇总清单")
        return cls(
            paths=[str(p) for p in data.get("paths", [])],
            roster=str(data.get("roster") or ""),
            prior=[str(p) for p in data.get("prior", [])],
            excluded=[str(n) for n in data.get("excluded", [])],
            chosen={str(k): str(v) for k, v in dict(data.get("chosen", {})).items()},
            parent=str(data.get("parent") or ""),
        )
