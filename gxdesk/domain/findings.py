"""Findings: what a check says about a report, as plain data."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import Enum

from gxdesk.domain.cells import Value
from gxdesk.domain.codes import RuleCode, RuleTag, codes_with
from gxdesk.domain.records import record


class Severity(Enum):
    """error: must not be submitted as is; warning: keep only with a written explanation."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


# Not yet filled: a blank cell, a part with nothing written. Checks of received reports and the
# export treat them as the findings they are; the wizard shows them as work still to do.
TODO_CODES = codes_with(RuleTag.TODO)


@record(frozen=True)
class Finding:
    """One problem: rule code, severity, where (part, cell ids), both values and a message."""

    code: RuleCode
    severity: Severity
    part: str
    message: str
    cells: tuple[str, ...] = ()
    expected: Value | None = None
    actual: Value | None = None
    subject: str = ""

    @property
    def difference(self) -> Value | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def key(self) -> str:
        """Stable identity, so an author's explanation stays attached across edits."""
        where = ",".join(self.cells) if self.cells else self.part
        return f"{self.code}|{where}|{self.subject}"

    @property
    def todo(self) -> bool:
        """Something not yet filled in: a to-do while the author writes, a finding at export."""
        return self.code.has(RuleTag.TODO)

    def as_tuple(self) -> tuple[str, tuple[str, ...]]:
        return (self.code, self.cells)


def error_count(findings: Iterable[Finding]) -> int:
    """How many of ``findings`` are errors (the rest are hints)."""
    return sum(f.severity is Severity.ERROR for f in findings)


def plain_number(value: Value | None) -> int | float | None:
    """A JSON-friendly number: whole numbers as int, amounts as float."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return float(value)
