"""A collection of units' reports, as the supervising office audits it (``shared/spec/rollup.md``).

Pure: the files are read elsewhere (``exchange/collection.py``) into ``UnitFile``s; here they are
grouped into units (versions of one unit together, the newest chosen unless the clerk picks
another), matched to the 名单, given a status, checked against last year's, and counted or
not. With a 名单, only units on it are counted (summed, checked against the 本级 report) unless
the clerk ticks one in; a unit the clerk leaves out is not counted either.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePath

from gxdesk.domain.codes import RuleTag
from gxdesk.domain.findings import Finding, error_count
from gxdesk.domain.names import canonical
from gxdesk.domain.report import PriorYear, Report
from gxdesk.domain.rollup import rollup_findings
from gxdesk.domain.roster import Roster
from gxdesk.domain.rules import evaluate


class UnitStatus(Enum):
    """What the unit list says of a unit (and filters by)."""

    NOT_ON_ROSTER = "不在名单"
    ERRORS = "有错误"
    REUSED = "雷同"
    WARNINGS = "有提示"
    REPORTED = "报送"
    MISSING = "未报送"

    @property
    def label(self) -> str:
        return self.value


class Tallied:
    """Errors and hints among ``findings`` (a file's or a unit's)."""

    findings: list[Finding]

    @property
    def errors(self) -> int:
        return error_count(self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


@dataclass
class UnitFile(Tallied):
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
    def name(self) -> str:
        return PurePath(self.path).name


@dataclass
class Unit(Tallied):
    """A unit of the collection: its chosen file, other versions, and its status."""

    name: str
    chosen: UnitFile
    versions: list[UnitFile]
    on_roster: bool
    findings: list[Finding] = field(default_factory=list)
    prior: PriorYear | None = None  # the same unit's report in last year's collection, if any
    suggestion: str = ""  # not on the 名单: the 名单 name it most likely is, for the clerk to confirm

    @property
    def key(self) -> str:
        return canonical(self.name)

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
    def quality(self) -> UnitStatus:
        """The status of the report itself, 名单 aside."""
        if self.errors:
            return UnitStatus.ERRORS
        if any(f.code.has(RuleTag.REUSE) for f in self.findings):
            return UnitStatus.REUSED
        return UnitStatus.WARNINGS if self.findings else UnitStatus.REPORTED

    @property
    def status(self) -> UnitStatus:
        return self.quality if self.on_roster else UnitStatus.NOT_ON_ROSTER


@dataclass
class Audit:
    """The outcome of auditing a collection."""

    year: int | None
    units: list[Unit]
    missing: list[str]
    unreadable: list[UnitFile]
    other_year: list[UnitFile]
    parent_findings: list[Finding] = field(default_factory=list)
    parent_report: Report | None = None  # the government's own 全县口径 report, when given
    included: set[str] = field(default_factory=set)  # canonical names ticked in though not on the 名单
    excluded: set[str] = field(default_factory=set)  # canonical names left out by the clerk
    has_roster: bool = False

    @property
    def not_on_roster(self) -> list[str]:
        return [u.name for u in self.units if not u.on_roster]

    def counted(self, unit: Unit) -> bool:
        """Whether ``unit`` is summed and checked against the 本级 report."""
        if unit.key in self.excluded or unit.chosen.report is None:
            return False
        return unit.on_roster or unit.key in self.included

    def set_counted(self, name: str, counted: bool) -> None:
        key = canonical(name)
        unit = next((u for u in self.units if u.key == key), None)
        if counted:
            self.excluded.discard(key)
            if unit is not None and not unit.on_roster:
                self.included.add(key)
        else:
            self.excluded.add(key)
            self.included.discard(key)

    def counted_units(self) -> list[Unit]:
        return [u for u in self.units if self.counted(u)]

    def counted_reports(self) -> list[Report]:
        """The reports summed: the counted units' chosen reports in the year's own edition (a unit
        laid out in the other edition is named by ``other_edition`` and left out, never guessed)."""
        other = {id(u) for u in self.other_edition()}
        return [u.chosen.report for u in self.counted_units() if u.chosen.report is not None and id(u) not in other]

    def other_edition(self) -> list[Unit]:
        """Counted units whose tables are in the other edition than the year's: they cannot be summed."""
        if self.year is None:
            return []
        from gxdesk.domain.editions import edition_for_year

        try:
            wanted = edition_for_year(self.year).id
        except ValueError:
            return []
        return [u for u in self.counted_units() if u.chosen.report is not None and u.chosen.report.edition != wanted]

    def left_out(self) -> list[Unit]:
        """Units read but not counted: not on the 名单 (and not ticked in), or left out by hand."""
        return [u for u in self.units if not self.counted(u)]

    def check_parent(self) -> None:
        """ROLLUP-SUM again, against the units now counted (after ticking units in or out)."""
        if self.parent_report is not None:
            self.parent_findings = rollup_findings(self.parent_report, self.counted_reports())

    def by_status(self) -> dict[UnitStatus, int]:
        """How many units (and 未报送 names) have each status, in the list's order."""
        counts = dict.fromkeys(UnitStatus, 0)
        for unit in self.units:
            counts[unit.status] += 1
        counts[UnitStatus.MISSING] = len(self.missing)
        return counts

    @property
    def has_errors(self) -> bool:
        return any(u.errors for u in self.units)


def assemble(
    read: Sequence[UnitFile],
    last: Sequence[UnitFile] = (),
    *,
    roster: Roster | None = None,
    year: int | None = None,
    included: Iterable[str] = (),
    excluded: Iterable[str] = (),
) -> Audit:
    """The audit of files already read: grouped, matched to the 名单, checked across years."""
    readable = [u for u in read if u.report is not None]
    unreadable = [u for u in read if u.report is None]
    year = year or majority_year(readable)
    other_year = [u for u in readable if year is not None and u.report and u.report.meta.year != year]
    this_year = [u for u in readable if u not in other_year]
    units = group(this_year, roster)
    last_read = [u for u in last if u.report is not None]
    cross_year(units, last_read)
    reported = {u.key for u in units}
    missing = [e.name for e in (roster.entries if roster else []) if canonical(e.name) not in reported]
    for name in _names(last_read, roster):  # last year's units that sent nothing this year
        if canonical(name) not in reported and name not in missing:
            missing.append(name)
    return Audit(
        year,
        units,
        missing,
        unreadable,
        other_year,
        included={canonical(n) for n in included},
        excluded={canonical(n) for n in excluded},
        has_roster=roster is not None,
    )


def majority_year(units: Sequence[UnitFile]) -> int | None:
    years = [u.report.meta.year for u in units if u.report is not None]
    return max(set(years), key=years.count) if years else None


def _names(units: Sequence[UnitFile], roster: Roster | None) -> list[str]:
    out = []
    for u in units:
        entry = roster.match(u.agency) if roster else None
        out.append(entry.name if entry else u.agency)
    return list(dict.fromkeys(n for n in out if n))


def group(files: Sequence[UnitFile], roster: Roster | None) -> list[Unit]:
    """Versions of the same unit (by the agency the report names) grouped; the newest chosen."""
    groups: dict[str, list[UnitFile]] = {}
    names: dict[str, tuple[str, bool, str]] = {}
    for f in files:
        entry = roster.match(f.agency) if roster else None
        name = entry.name if entry else (f.agency or PurePath(f.path).stem)
        key = canonical(name)
        groups.setdefault(key, []).append(f)
        suggestion = ""
        if roster is not None and entry is None:
            near = roster.suggest(f.agency)
            suggestion = near.name if near else ""
        names[key] = (name, roster is None or entry is not None, suggestion)
    units = []
    for key, versions in groups.items():
        versions.sort(key=lambda v: (v.mtime, v.path), reverse=True)
        name, on_roster, suggestion = names[key]
        units.append(Unit(name, versions[0], versions, on_roster, list(versions[0].findings), suggestion=suggestion))
    return sorted(units, key=lambda u: u.name)


def cross_year(units: Sequence[Unit], last: Sequence[UnitFile]) -> None:
    """Each unit checked against its own previous report (T3-CARRY, rolls, TEXT-REUSE)."""
    previous = {canonical(u.agency): u.report for u in last if u.report is not None}
    for unit in units:
        before = previous.get(unit.key) or previous.get(canonical(unit.chosen.agency))
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
