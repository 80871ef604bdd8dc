"""Evaluators of the within-table arithmetic and cell rules."""

from __future__ import annotations

from collections.abc import Iterator

from gxdesk.domain.cells import Value, value_problem
from gxdesk.domain.findings import Finding
from gxdesk.domain.rule import Context, Rule, diff_text, evaluator, num


@evaluator("balance")
def balance(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Σ lhs = Σ rhs, e.g. 一 + 二 = （七）总计 + 四 in one applicant column."""
    p = rule.params
    lhs_vals = [ctx.value(c) for c in p["lhs"]]
    rhs_vals = [ctx.value(c) for c in p["rhs"]]
    if any(v is None for v in (*lhs_vals, *rhs_vals)):
        return
    lhs, rhs = sum(lhs_vals), sum(rhs_vals)  # type: ignore[arg-type]
    if lhs == rhs:
        return

    def expr(names: tuple[str, ...], vals: list[Value | None]) -> str:
        return " + ".join(f"{n} {num(v)}" for n, v in zip(names, vals, strict=True))

    message = rule.template.format(
        subject=p["subject"],
        lhs_expr=expr(p["lhs_names"], lhs_vals),
        lhs=num(lhs),
        rhs_expr=expr(p["rhs_names"], rhs_vals),
        rhs=num(rhs),
        diff=diff_text(lhs, rhs),
    )
    yield ctx.finding(rule, message, cells=(*p["lhs"], *p["rhs"]), expected=lhs, actual=rhs, subject=p["subject"])


@evaluator("sum")
def claimed_sum(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A total claimed by an outside source (import, published report) vs the sum of its parts."""
    total = rule.params["total"]
    claimed = ctx.report.claimed.get(total)
    spec = ctx.edition.cell(total)
    # The parts as published (a part that is itself a claimed total counts as claimed).
    parts = [ctx.value(p) for p in spec.parts]
    if claimed is None or any(v is None for v in parts):
        return
    expected = sum(parts)  # type: ignore[arg-type]
    if claimed == expected:
        return
    same_row = all(ctx.edition.cell(p).row_id == spec.row_id for p in spec.parts)
    message = rule.template.format(
        row=spec.row[-1] if spec.row else "",
        column=spec.column[-1],
        group="·".join(spec.column[:-1]),
        # A row total is named by its column (总计), a column total by its row (（七）总计).
        total_label=spec.column[-1] if same_row else spec.row[-1],
        part_labels="、".join(ctx.edition.cell(p).column[-1] for p in spec.parts),
        expected=num(expected),
        actual=num(claimed),
        diff=diff_text(claimed, expected),
    )
    yield ctx.finding(rule, message, cells=(total, *spec.parts), expected=expected, actual=claimed)


@evaluator("cell_value")
def cell_value(rule: Rule, ctx: Context) -> Iterator[Finding]:
    for cid in rule.params["cells"]:
        value = ctx.report.values.get(cid)
        if value is None or (type(value) is int and value >= 0):
            continue  # the common case, valid for every kind
        spec = ctx.edition.cell(cid)
        problem = value_problem(value, spec.kind)
        if problem:
            yield ctx.finding(
                rule,
                rule.template.format(name=spec.name, problem=problem, actual=num(value)),
                part=spec.part,
                cells=(cid,),
                actual=value,
            )


@evaluator("cell_blank")
def cell_blank(rule: Rule, ctx: Context) -> Iterator[Finding]:
    blank = [cid for cid in rule.params["cells"] if ctx.report.values.get(cid) is None]
    if not ctx.report.received:
        for cid in blank:
            spec = ctx.edition.cell(cid)
            yield ctx.finding(rule, rule.template.format(name=spec.name), part=spec.part, cells=(cid,))
        return
    # A received report: its blank cells are what it published, one line a table.
    for table in ctx.edition.tables:
        cells = tuple(c for c in blank if ctx.edition.cell(c).part == table.part)
        if not cells:
            continue
        names = "、".join(f"“{ctx.edition.cell(c).name}”" for c in cells[:3])
        more = f"等 {len(cells)} 个单元格" if len(cells) > 3 else ""
        message = f"表{table.part}有 {len(cells)} 个单元格空白（{names}{more}），请确认是否应填 0"
        yield ctx.finding(rule, message, part=table.part, cells=cells, subject=f"blank-{table.part}")
