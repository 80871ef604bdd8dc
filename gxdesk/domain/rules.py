"""The engine: an edition's rules run over a report (the rules themselves are data, ``rule.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gxdesk.domain import rule as _rule
from gxdesk.domain.cells import Value
from gxdesk.domain.editions import edition_of, get_edition
from gxdesk.domain.findings import Finding
from gxdesk.domain.rule import (  # re-exported (__all__): what callers of the engine also use
    NARRATIVE_KINDS,
    Context,
    Evaluator,
    Rule,
    compute,
    diff_text,
    evaluator,
    num,
)

if TYPE_CHECKING:
    from gxdesk.domain.edition import Edition
    from gxdesk.domain.report import PriorYear, Report

__all__ = [
    "NARRATIVE_KINDS",
    "Context",
    "Evaluator",
    "Rule",
    "compute",
    "diff_text",
    "evaluate",
    "evaluators",
    "evaluator",
    "num",
    "prior_values",
]


def evaluators() -> dict[str, Evaluator]:
    """Every rule kind's evaluator. The checks (and their patterns) load on the first check,
    which a window runs after its first paint: start-up does not wait for them."""
    from gxdesk.domain import checks  # noqa: F401  (importing registers them)

    return _rule.EVALUATORS


def prior_values(prior: PriorYear | None) -> dict[str, Value | None] | None:
    """Last year's cells, totals computed in last year's edition."""
    if prior is None:
        return None
    try:
        return compute(get_edition(prior.edition), prior.values)
    except KeyError:
        return dict(prior.values)


def evaluate(
    report: Report,
    edition: Edition | None = None,
    *,
    values: dict[str, Value | None] | None = None,
    prior: dict[str, Value | None] | None = None,
) -> list[Finding]:
    """All findings of a report, in rule order.

    ``values`` and ``prior`` are this year's and last year's computed cells when the caller
    already has them (``ReportState`` computes them once per edit); otherwise they are computed.
    """
    edition = edition or edition_of(report)
    if values is None:
        values = compute(edition, report.values, report.claimed)
    if prior is None:
        prior = prior_values(report.prior)
    ctx = Context(report, edition, values, prior)
    registered = evaluators()
    findings: list[Finding] = []
    for rule in edition.rules:
        if report.tables_only and rule.kind in NARRATIVE_KINDS:
            continue
        findings.extend(registered[rule.kind](rule, ctx))
    return findings
