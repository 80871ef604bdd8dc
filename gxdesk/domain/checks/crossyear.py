"""Evaluators of the rules that compare with last year's report."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gxdesk.domain.findings import Finding
from gxdesk.domain.names import canonical
from gxdesk.domain.rule import Context, Rule, diff_text, evaluator, num


@evaluator("carry")
def carry(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """This year's cell equals last year's cell (上年结转 ← 结转下年度继续办理)."""
    this, prior = ctx.value(rule.params["this"]), ctx.prior(rule.params["prior"])
    if this is None or prior is None or this == prior:
        return
    spec = ctx.edition.cell(rule.params["this"])
    message = rule.template.format(
        column=spec.column[-1], actual=num(this), expected=num(prior), diff=diff_text(this, prior)
    )
    yield ctx.finding(rule, message, cells=(spec.id,), expected=prior, actual=this)


@evaluator("roll")
def roll(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """target = Σ sign × term, each term from last year's or this year's report."""
    target = ctx.value(rule.params["target"])
    terms = rule.params["terms"]
    values = [(ctx.prior(cid) if src == "prior" else ctx.value(cid)) for _, src, cid in terms]
    if ctx.prior_values is None or target is None or any(v is None for v in values):
        return
    expected = sum(sign * v for (sign, _, _), v in zip(terms, values, strict=True) if v is not None)
    if Decimal(expected) == Decimal(target):
        return
    pieces = []
    for i, ((sign, src, cid), value) in enumerate(zip(terms, values, strict=True)):
        name = _term_name(src, ctx.edition.cell(cid).column[-1])
        op = "" if i == 0 else (" + " if sign > 0 else " − ")
        pieces.append(f"{op}{name} {num(value)}")
    spec = ctx.edition.cell(rule.params["target"])
    this_cells = tuple(cid for _, src, cid in terms if src == "this")
    message = rule.template.format(
        row=spec.row[-1],
        expr="".join(pieces),
        expected=num(expected),
        target=spec.column[-1],
        actual=num(target),
        diff=diff_text(target, expected),
    )
    yield ctx.finding(rule, message, cells=(spec.id, *this_cells), expected=expected, actual=target)


def _term_name(src: str, label: str) -> str:
    """``本年制发件数`` stays as it is; ``现行有效件数`` becomes 上年现行有效件数 (never 本年本年…)."""
    if src == "prior":
        return f"上年报告的“{label}”" if label.startswith(("本年", "上一年")) else f"上年{label}"
    return label if label.startswith("本年") else f"本年{label}"


@evaluator("prior_agency")
def prior_agency(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Last year's report imported for another agency: the cross-year checks would compare the wrong figures."""
    prior = ctx.report.prior
    now = ctx.report.meta.agency
    if prior is None or not prior.agency or not now or canonical(prior.agency) == canonical(now):
        return
    yield ctx.finding(rule, rule.template.format(before=prior.agency, now=now), subject=prior.agency)
