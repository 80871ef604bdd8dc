"""A report made from a file received from someone else, so its numbers can be checked."""

from __future__ import annotations

from gxdesk.domain.convert import rekey
from gxdesk.domain.editions import EDITIONS, UnsupportedYearError, edition_for_year
from gxdesk.domain.fields import FEE_FIELDS
from gxdesk.domain.imported import Found
from gxdesk.domain.report import AgencyKind, Meta, Report


class AuditError(ValueError):
    """The file cannot be audited as it is. The message is for the window too: no command-line
    flag in it (the command line adds its own hint)."""

    def __init__(self, message: str, *, needs_year: bool = False) -> None:
        super().__init__(message)
        self.needs_year = needs_year


def audit_report(found: Found, year: int | None = None) -> Report:
    """The file as a report in the edition its tables use, for ``gxdesk check``."""
    year = found.year or year
    if year is None:
        raise AuditError(
            f"无法从“{found.source}”确定报告年度（文件中没有“××××年政府信息公开工作年度报告”标题）",
            needs_year=True,
        )
    try:
        edition = EDITIONS[found.edition] if found.edition else edition_for_year(year)
    except UnsupportedYearError as exc:
        raise AuditError(str(exc)) from None
    values, _ = rekey(found.values, edition)
    claimed, _ = rekey(found.claimed, edition, computed=True)
    agency = found.agency or ""
    kind = AgencyKind.guess(agency)
    meta = Meta(agency=agency, year=year, kind=kind or AgencyKind.OTHER, title=found.title or "")
    report = Report(meta, edition.id, kind_unknown=kind is None, received=True)
    report.values = {k: v for k, v in values.items() if v is not None}
    report.claimed = {k: v for k, v in claimed.items() if v is not None}
    report.preface = found.preface or ""
    # A part whose heading is absent from the document is missing (None), not empty.
    report.parts = {n: found.parts.get(n) for n in ("一", "五", "六")}
    report.tables_only = found.preface is None and not found.parts
    for spec in FEE_FIELDS:  # part 六's figures, where the source states them (our workbook does)
        if found.fees.get(spec.id) is not None:
            spec.set(report, found.fees[spec.id])
    return report
