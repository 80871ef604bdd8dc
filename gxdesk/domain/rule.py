"""What a rule is and what its evaluator sees: the leaf every check, edition and view imports.

The engine that runs the rules of an edition over a report is ``rules.evaluate``; keeping these
declarations apart lets the checks and the editions import them without importing the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.codes import RuleCode
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.records import record

if TYPE_CHECKING:
    from gxdesk.domain.edition import Edition
    from gxdesk.domain.report import Report


@record(frozen=True)
class Rule:
    """One check: a stable code, an evaluator kind, its parameters and a message template."""

    code: RuleCode
    kind: str
    severity: Severity
    part: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)


@record
class Context:
    """What an evaluator sees: the report, its edition, every cell's value (totals derived)."""

    report: Report
    edition: Edition
    values: dict[str, Value | None]
    prior_values: dict[str, Value | None] | None

    def value(self, cell_id: str) -> Value | None:
        return self.values.get(cell_id)

    def prior(self, cell_id: str) -> Value | None:
        return None if self.prior_values is None else self.prior_values.get(cell_id)

    def finding(self, rule: Rule, message: str, **kw: Any) -> Finding:
        return Finding(rule.code, rule.severity, kw.pop("part", rule.part), message, **kw)


Evaluator = Callable[[Rule, Context], Iterable[Finding]]
# Rule kinds that read the narrative: skipped, not failed, when only tables were given.
NARRATIVE_KINDS = frozenset(
    {"part_empty", "part_topics", "text_table", "text_year", "basis_citation", "text_reuse", "fee_consistency"}
)
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(kind: str) -> Callable[[Evaluator], Evaluator]:
    """Register the evaluator of a rule kind."""

    def register(fn: Evaluator) -> Evaluator:
        EVALUATORS[kind] = fn
        return fn

    return register


def compute(
    edition: Edition, inputs: Mapping[str, Value], claimed: Mapping[str, Value] | None = None
) -> dict[str, Value | None]:
    """Every cell's value: inputs as given, totals as the sum of their parts (None if any is).

    With ``claimed`` (the totals a published table states), a total reads as published where it
    was published and is computed only where it was not: each identity is then checked on the
    numbers a reader of the published table sees, so one wrong cell does not cascade.
    """
    out: dict[str, Value | None] = {cid: inputs.get(cid) for cid in edition.input_ids}
    for cid, parts in edition.totals:
        if claimed and cid in claimed:
            out[cid] = claimed[cid]
            continue
        known = [out[p] for p in parts]
        out[cid] = None if any(v is None for v in known) else sum(v for v in known if v is not None)
    return out


def num(value: Value | None) -> str:
    """A number as written in a message."""
    return format_value(value)


def diff_text(a: Value, b: Value) -> str:
    return num(abs(Decimal(a) - Decimal(b)) if isinstance(a, Decimal) or isinstance(b, Decimal) else abs(a - b))
