"""Rule declarations shared by both editions, built from the table specs (see rules.md)."""

from __future__ import annotations

from gxdesk.domain.codes import RuleCode
from gxdesk.domain.editions.common import (
    BASIC,
    CARRIED_IN,
    CARRY_OUT,
    NARRATIVE_PARTS,
    NEW,
    RESULTS_TOTAL,
    RULES_ROW,
    T3,
    T3_CARRIED_IN,
    T3_CARRY_OUT,
    T3_NEW,
    T3_RESULTS_TOTAL,
    TOTAL,
)
from gxdesk.domain.findings import Severity
from gxdesk.domain.rule import Rule
from gxdesk.domain.tables import TableSpec, cell_id

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _applicants(t3: TableSpec) -> list[str]:
    """表三's applicant columns, read from its declaration (every column but the 总计)."""
    return [c for c in t3.col_ids() if not t3.cell(cell_id(T3, NEW, c)).computed]


def arithmetic_rules(tables: tuple[TableSpec, ...]) -> tuple[Rule, ...]:
    """T3-BALANCE, T3-ROWSUM, T3-RESULTSUM, T4-GROUPSUM, CELL-VALUE, CELL-BLANK."""
    t3 = next(t for t in tables if t.key == T3)
    rules = [
        Rule(
            RuleCode.T3_BALANCE,
            "balance",
            ERROR,
            "三",
            "{subject}：{lhs_expr} = {lhs}，但{rhs_expr} = {rhs}，相差 {diff}",
            {
                "subject": t3.cell(cell_id(T3, NEW, col)).column[-1],
                "lhs": (cell_id(T3, NEW, col), cell_id(T3, CARRIED_IN, col)),
                "lhs_names": (T3_NEW.short, T3_CARRIED_IN.short),
                "rhs": (cell_id(T3, RESULTS_TOTAL, col), cell_id(T3, CARRY_OUT, col)),
                "rhs_names": (T3_RESULTS_TOTAL.short, T3_CARRY_OUT.short),
            },
        )
        for col in _applicants(t3)
    ]
    for table in tables:
        for spec in table.cells:
            if not spec.computed:
                continue
            if table.key == T3 and spec.col_id == TOTAL:
                code, template = (
                    RuleCode.T3_ROWSUM,
                    ("“{row}”一行：六类申请人合计 {expected}，但“{total_label}”栏为 {actual}，相差 {diff}"),
                )
            elif table.key == T3:
                code, template = (
                    RuleCode.T3_RESULTSUM,
                    ("“{column}”一栏：各项办理结果合计 {expected}，但“{total_label}”为 {actual}，相差 {diff}"),
                )
            else:
                code, template = (
                    RuleCode.T4_GROUPSUM,
                    "{group}：{part_labels}合计 {expected}，但“{total_label}”为 {actual}，相差 {diff}",
                )
            rules.append(Rule(code, "sum", ERROR, table.part, template, {"total": spec.id}))
    inputs = tuple(c.id for t in tables for c in t.inputs)
    rules.append(
        Rule(RuleCode.CELL_VALUE, "cell_value", ERROR, "", "{name}：{problem}（现为 {actual}）", {"cells": inputs})
    )
    rules.append(
        Rule(RuleCode.CELL_BLANK, "cell_blank", WARNING, "", "{name}：未填写（导出时按 0 填写）", {"cells": inputs})
    )
    return tuple(rules)


def carry_rules(tables: tuple[TableSpec, ...]) -> tuple[Rule, ...]:
    """T3-CARRY: this year's 上年结转 equals last year's 结转下年度继续办理."""
    t3 = next(t for t in tables if t.key == T3)
    return tuple(
        Rule(
            RuleCode.T3_CARRY,
            "carry",
            WARNING,
            "三",
            f"{{column}}：本年“{T3_CARRIED_IN.short}”为 {{actual}}，但上年报告“{T3_CARRY_OUT.label}”为 {{expected}}，"
            "相差 {diff}",
            {"this": cell_id(T3, CARRIED_IN, col), "prior": cell_id(T3, CARRY_OUT, col)},
        )
        for col in _applicants(t3)
    )


def roll_rule(code: RuleCode, target: str, terms: tuple[tuple[int, str, str], ...], note: str) -> Rule:
    """``target`` = Σ sign × (last year's or this year's) cell; terms are (sign, 'prior'|'this', id)."""
    return Rule(
        code,
        "roll",
        WARNING,
        "二",
        "{row}：{expr} = {expected}，但本年“{target}”为 {actual}，相差 {diff}" + note,
        {"target": target, "terms": terms},
    )


def ge_rule(code: RuleCode, big: str, small: str, note: str) -> Rule:
    return Rule(
        code,
        "ge",
        WARNING,
        "二",
        "{row}：“{big}”{big_value} 小于“{small}”{small_value}，前者应包含后者" + note,
        {"big": big, "small": small},
    )


def authority_rule(t2: TableSpec) -> Rule:
    """T2-RULES-AUTHORITY: only some agencies can make 规章."""
    return Rule(
        RuleCode.T2_RULES_AUTHORITY,
        "rules_authority",
        WARNING,
        "二",
        "“{row}”一行有数字（{name}为 {actual}），但{kind}不能制定规章；请核实是否应填在“{other}”一行",
        {
            "cells": tuple(c.id for c in t2.cells if c.row_id == RULES_ROW),
            "other": next(c.row[-1] for c in t2.cells if c.row_id.startswith("b1.") and c.row_id != RULES_ROW),
        },
    )


def text_rules(*, document: str, wrong_citations: tuple[tuple[str, str, str], ...]) -> tuple[Rule, ...]:
    """Rules on the whole report that do not depend on table layout."""
    return (
        Rule(RuleCode.EDITION_YEAR, "edition_year", ERROR, "二", "{year}年度报告应使用{right}，但统计表是{wrong}", {}),
        Rule(RuleCode.PART_EMPTY, "part_empty", ERROR, "", "{problem}", {"parts": NARRATIVE_PARTS}),
        Rule(
            RuleCode.PRIOR_AGENCY,
            "prior_agency",
            WARNING,
            BASIC,
            "导入的上年报告是“{before}”的，本报告是“{now}”：请确认上年报告选对了（机关更名的可写说明）",
            {},
        ),
        Rule(
            RuleCode.TEXT_TABLE,
            "text_table",
            WARNING,
            "",
            "正文写有“{snippet}”{claimed}，但{table_name}为 {actual}",
            {},  # the claims (statements.CLAIMS) are loaded with the checks, after the first paint
        ),
        Rule(
            RuleCode.TEXT_YEAR,
            "text_year",
            WARNING,
            "",
            "“{snippet}”写的是{stale}年，但本报告是{year}年度；如是沿用上年的文字，请更新年份和数字",
            {},
        ),
        Rule(
            RuleCode.TEXT_PERIOD,
            "text_period",
            ERROR,
            "",
            "“{snippet}”写的{what}是{stated}年，但本报告是{year}年度；请改为{year}年",
            {},
        ),
        Rule(
            RuleCode.BASIS_CITATION,
            "basis_citation",
            WARNING,
            "前言",
            "引用了“{cited}”，{why}；本年度报告格式的依据是{right}",
            {"right": document, "wrong": wrong_citations},
        ),
        Rule(
            RuleCode.TEXT_REUSE,
            "text_reuse",
            WARNING,
            "",
            "“{heading}”与上年报告的同一部分约 {share}% 相同（内容雷同），请结合本年工作重写",
            {"parts": NARRATIVE_PARTS, "threshold": 0.6},
        ),
    )
