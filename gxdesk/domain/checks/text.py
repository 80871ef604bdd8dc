"""Evaluators of the rules that read the narrative."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from gxdesk.domain.editions.common import PARTS, PREFACE
from gxdesk.domain.findings import Finding
from gxdesk.domain.rules import Context, Rule, evaluator, num
from gxdesk.domain.textutil import NUMBER, letters_only, parse_number, squash

_HEADINGS = {p.numeral: p.heading for p in PARTS}
_CITATION = re.compile(r"国办(公开办函|发|函)[〔\[【（(]\s*(\d{4})\s*[〕\]】）)]\s*(\d+)\s*号")


def _texts(ctx: Context) -> Iterator[tuple[str, str]]:
    """(part, squashed text) for the preface and every narrative part, table lead-ins included."""
    yield PREFACE, squash(ctx.report.preface)
    for numeral in ("一", "二", "三", "四", "五", "六"):
        text = ctx.report.parts.get(numeral) or ctx.report.leads.get(numeral) or ""
        if text:
            yield numeral, squash(text)


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("NUM", NUMBER))


@evaluator("text_table")
def text_table(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A number stated in the narrative that contradicts the table."""
    for pattern, cells, table_name in rule.params["claims"]:
        values = [ctx.value(c) for c in cells]
        if any(v is None for v in values):
            continue
        actual = sum(values)  # type: ignore[arg-type]
        regex = _compile(pattern)
        for part, text in _texts(ctx):
            for match in regex.finditer(text):
                claimed = parse_number(match.group(1)) if regex.groups else 0
                if claimed is None or claimed == actual:
                    continue
                snippet = match.group(0)
                stated = match.group(1) if regex.groups else ""
                note = "" if stated.isdigit() else f"（即 {claimed}）"
                message = rule.template.format(snippet=snippet, claimed=note, table_name=table_name, actual=num(actual))
                yield ctx.finding(
                    rule,
                    message,
                    part=part,
                    cells=tuple(cells),
                    expected=actual,
                    actual=claimed,
                    subject=snippet,
                )


@evaluator("basis_citation")
def basis_citation(rule: Rule, ctx: Context) -> Iterator[Finding]:
    wrong = {tuple(w): w for w in rule.params["wrong"]}
    for part, text in _texts(ctx):
        for match in _CITATION.finditer(text):
            if match.groups() not in wrong:
                continue
            kind, year, number = match.groups()
            why = "该文号的文件并不存在" if kind == "发" else "这是另一版格式的依据"
            yield ctx.finding(
                rule,
                rule.template.format(cited=match.group(0), why=why, right=rule.params["right"]),
                part=part,
                subject=match.group(0),
            )


def _shingles(text: str, size: int = 6) -> set[str]:
    return {text[i : i + size] for i in range(max(0, len(text) - size + 1))}


@lru_cache(maxsize=64)
def _body(text: str) -> str:
    """Text without heading lines (boilerplate) and numbers, reduced to letters."""
    lines = [ln for ln in text.splitlines() if len(squash(ln)) > 20]
    return letters_only("".join(lines))


@evaluator("text_reuse")
def text_reuse(rule: Rule, ctx: Context) -> Iterator[Finding]:
    prior = ctx.report.prior
    if prior is None:
        return
    for numeral in rule.params["parts"]:
        if not prior.parts.get(numeral):
            continue
        now, before = _body(ctx.report.text(numeral)), _body(prior.parts[numeral])
        if len(now) < 60 or len(before) < 60:
            continue
        mine = _shingles(now)
        share = len(mine & _shingles(before)) / len(mine)
        if share >= rule.params["threshold"]:
            yield ctx.finding(
                rule,
                rule.template.format(heading=_HEADINGS[numeral], share=round(share * 100)),
                part=numeral,
                subject=numeral,
            )
