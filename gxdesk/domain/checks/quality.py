"""Evaluators of the within-year quality rules beyond arithmetic."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gxdesk.domain.editions import UnsupportedYearError, edition_for_year
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.findings import Finding
from gxdesk.domain.rule import Context, Rule, evaluator, num
from gxdesk.domain.textutil import has_content, topic_coverage

_HEADINGS = {p.numeral: p.heading for p in PARTS}


@evaluator("edition_year")
def edition_year(rule: Rule, ctx: Context) -> Iterator[Finding]:
    try:
        right = edition_for_year(ctx.report.meta.year)
    except UnsupportedYearError:
        return
    if right.id != ctx.edition.id:
        yield ctx.finding(
            rule, rule.template.format(year=ctx.report.meta.year, right=right.name, wrong=ctx.edition.name)
        )


@evaluator("part_empty")
def part_empty(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for numeral in rule.params["parts"]:
        text = ctx.report.parts.get(numeral)
        if text is None:
            problem = f"报告缺少“{_HEADINGS[numeral]}”部分（年度报告应包括全部六个部分）"
        elif not has_content(text):
            problem = f"“{_HEADINGS[numeral]}”没有内容" + ("（如无可写“无”）" if numeral == "六" else "")
        else:
            continue
        yield ctx.finding(rule, rule.template.format(problem=problem), part=numeral)


@evaluator("part_topics")
def part_topics(rule: Rule, ctx: Context) -> Iterator[Finding]:
    text = ctx.report.text(rule.part)
    if not has_content(text):
        return  # PART-EMPTY already says so
    for heading, covered in topic_coverage(text, ctx.edition.topics).items():
        if not covered:
            yield ctx.finding(rule, rule.template.format(topic=heading), subject=heading)


@evaluator("ge")
def greater_equal(rule: Rule, ctx: Context) -> Iterator[Finding]:
    big, small = ctx.value(rule.params["big"]), ctx.value(rule.params["small"])
    if big is None or small is None or big >= small:
        return
    b, s = ctx.edition.cell(rule.params["big"]), ctx.edition.cell(rule.params["small"])
    message = rule.template.format(
        row=b.row[-1], big=b.column[-1], big_value=num(big), small=s.column[-1], small_value=num(small)
    )
    yield ctx.finding(rule, message, cells=(b.id, s.id), expected=small, actual=big)


@evaluator("rules_authority")
def rules_authority(rule: Rule, ctx: Context) -> Iterator[Finding]:
    kind = ctx.report.meta.kind
    if kind.makes_rules or ctx.report.kind_unknown:
        return
    for cid in rule.params["cells"]:
        value = ctx.value(cid)
        if value:
            spec = ctx.edition.cell(cid)
            yield ctx.finding(
                rule,
                rule.template.format(
                    row=spec.row[-1],
                    name=spec.column[-1],
                    actual=num(value),
                    kind=kind.value,
                    other=rule.params["other"],
                ),
                cells=(cid,),
                actual=value,
            )


@evaluator("fee_unit")
def fee_unit(rule: Rule, ctx: Context) -> Iterator[Finding]:
    cid = rule.params["cell"]
    value = ctx.value(cid)
    limits = rule.params["limits"]
    limit = limits.get(ctx.report.meta.kind.value, limits[""])
    if value is None or Decimal(value) < limit:
        return
    spec = ctx.edition.cell(cid)
    message = rule.template.format(name=spec.row[-1], actual=num(value), yuan=num(Decimal(value) * 10000))
    yield ctx.finding(rule, message, cells=(cid,), actual=value)


@evaluator("fee_consistency")
def fee_consistency(rule: Rule, ctx: Context) -> Iterator[Finding]:
    fees = ctx.report.fees
    if fees.noticed is not None and fees.collected is not None and fees.collected > fees.noticed:
        yield ctx.finding(
            rule,
            rule.template.format(
                problem=f"信息处理费实际收取 {num(fees.collected)} 元，多于收费通知的总金额 {num(fees.noticed)} 元"
            ),
            expected=fees.noticed,
            actual=fees.collected,
            subject="collected",
        )
    unpaid_id = rule.params["unpaid"]
    unpaid = ctx.value(unpaid_id)
    if fees.notices == 0 and unpaid:
        spec = ctx.edition.cell(unpaid_id)
        yield ctx.finding(
            rule,
            rule.template.format(problem=f"表三“{spec.row[-1]}”为 {num(unpaid)} 件，但第六部分填写本年未发出收费通知"),
            cells=(unpaid_id,),
            expected=0,
            actual=unpaid,
            subject="unpaid",
        )
