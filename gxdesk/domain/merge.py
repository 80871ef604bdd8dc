"""Applying what an import found to a report: this year's numbers, or last year's report.

Pure and all-or-nothing: ``plan`` returns the changed copy of the report and a list of what
changes; nothing is touched until the caller keeps the copy.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.convert import rekey
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import EDITIONS, edition_for_year, edition_of
from gxdesk.domain.editions.common import CARRIED_IN, CARRY_OUT, NARRATIVE_PARTS, PARTS, T3
from gxdesk.domain.fields import AGENCY, CONTACTS
from gxdesk.domain.imported import Found, Note, NoteKind
from gxdesk.domain.names import canonical
from gxdesk.domain.report import PriorYear, Report
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import cell_id
from gxdesk.domain.textutil import has_content

_HEADINGS = {p.numeral: p.heading for p in PARTS}


@dataclass(frozen=True)
class Change:
    """One thing the import changes: ``what`` (a cell or text), old and new, from ``where``."""

    what: str
    old: str
    new: str
    where: str = ""


@dataclass
class Plan:
    """The report as it would be after the import, and what differs."""

    report: Report
    changes: list[Change] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes


def suggested_mode(report_year: int, source_year: int | None) -> tuple[str, str]:
    """("this" | "prior", why) for the import question, from the year the file says it is for."""
    if source_year is None:
        return "this", ""
    if source_year == report_year - 1:
        return "prior", f"文件是{source_year}年度的报告，本报告是{report_year}年度，建议作为上年报告导入。"
    if source_year == report_year:
        return "this", f"文件是{source_year}年度的数据，与本报告年度相同。"
    return "this", f"注意：文件是{source_year}年度的，本报告是{report_year}年度。"


def plan(report: Report, found: Found, *, prior_year: bool = False) -> Plan:
    """What importing ``found`` into ``report`` would do."""
    after = copy.deepcopy(report)
    result = Plan(after, notes=list(found.notes))
    if prior_year:
        _as_prior_year(after, found, result)
    else:
        _as_this_year(after, found, result)
    return result


def _show(value: Value | None) -> str:
    return "空" if value is None else format_value(value)


def _as_this_year(report: Report, found: Found, result: Plan) -> None:
    edition = edition_of(report)
    values = _for_edition(found.values, found, edition, result)
    claimed, _ = rekey({k: v for k, v in found.claimed.items()}, edition, computed=True)
    for cid, value in values.items():
        old = report.values.get(cid)
        if old == value and (old is None or type(old) is type(value)):
            continue
        if value is None:
            report.values.pop(cid, None)
        else:
            report.values[cid] = value
        result.changes.append(Change(edition.cell(cid).name, _show(old), _show(value), found.where.get(cid, "")))
    # Totals are recomputed; where the source printed one, it is kept as printed so that a
    # total differing from its parts shows as a finding. Older claims in these tables go.
    imported = {edition.cell(cid).part for cid in (*values, *claimed)}
    for cid in [c for c in report.claimed if edition.cell(c).part in imported and c not in claimed]:
        del report.claimed[cid]
    sums = compute(edition, report.values)
    for cid, value in claimed.items():
        old = report.claimed.get(cid)
        if value is None:
            continue
        report.claimed[cid] = value
        parts_sum = sums.get(cid)
        if parts_sum is not None and value != parts_sum:
            result.notes.append(
                Note(
                    NoteKind.TOTAL,
                    f"“{edition.cell(cid).name}”来源文件写 {_show(value)}，"
                    f"各项之和为 {_show(parts_sum)}：按来源保留，检查结果会提示；"
                    "可在“检查与导出”中采用重新计算的合计",
                )
            )
            if old != value:
                result.changes.append(Change(f"合计 {edition.cell(cid).name}", _show(old), _show(value), "来源文件"))
    _texts(report, found, result)
    if not report.meta.agency and found.agency:
        result.changes.append(Change(AGENCY.caption, "", found.agency, "标题"))
        report.meta.agency = found.agency
    if found.year and found.year != report.meta.year:
        result.notes.append(
            Note(
                NoteKind.DOUBTFUL,
                f"来源文件是{found.year}年度的报告，本报告是{report.meta.year}年度；"
                "如要导入上年报告，请选择“作为上年报告导入”",
            )
        )
    for name, value in found.fees.items():
        if value is not None and getattr(report.fees, name) is None:
            setattr(report.fees, name, value)
            result.changes.append(Change(f"信息处理费（{name}）", "空", _show(value), "基本信息"))


def _texts(report: Report, found: Found, result: Plan) -> None:
    """Narrative fills only parts the author has not written yet."""
    if found.preface and not has_content(report.preface):
        report.preface = found.preface
        result.changes.append(Change("前言", "", f"{len(found.preface)} 字", "正文"))
    for numeral in NARRATIVE_PARTS:
        text = found.parts.get(numeral)
        if text and not has_content(report.parts.get(numeral)):
            report.parts[numeral] = text
            result.changes.append(Change(_HEADINGS[numeral], "", f"{len(text)} 字", "正文"))
        elif text:
            result.notes.append(
                Note(NoteKind.DOUBTFUL, f"“{_HEADINGS[numeral]}”本报告已有内容，未用来源文件的文字覆盖")
            )


def _for_edition(
    values: dict[str, Value | None], found: Found, edition: Edition, result: Plan
) -> dict[str, Value | None]:
    converted, dropped = rekey(values, edition)
    source_editions = set(found.table_editions.values())
    if source_editions - {edition.id}:
        others = "、".join(sorted(source_editions - {edition.id}))
        result.notes.append(
            Note(
                NoteKind.EDITION,
                f"来源文件的统计表使用{others}年版格式，本报告使用{edition.id}年版格式；能对应的数字已按对应关系导入",
            )
        )
    for cid in dropped:
        name = next((e.cell(cid).name for e in EDITIONS.values() if e.has_cell(cid)), cid)
        result.notes.append(Note(NoteKind.EDITION, f"“{name}”在{edition.id}年版格式中没有对应的单元格，未导入"))
    return converted


def _as_prior_year(report: Report, found: Found, result: Plan) -> None:
    year = found.year or report.meta.year - 1
    if year != report.meta.year - 1:
        result.notes.append(
            Note(NoteKind.DOUBTFUL, f"来源文件是{year}年度的报告，不是上一年度（{report.meta.year - 1}年度）")
        )
    try:
        prior_edition = EDITIONS[found.edition] if found.edition else edition_for_year(year)
    except Exception:  # noqa: BLE001 - a year before 2019: keep the tables' own layout
        prior_edition = edition_of(report)
    values, _ = rekey(found.values, prior_edition)
    prior_values = {k: v for k, v in values.items() if v is not None}
    report.prior = PriorYear(
        year=year,
        edition=prior_edition.id,
        values=prior_values,
        parts={k: v for k, v in found.parts.items() if k in NARRATIVE_PARTS},
        agency=found.agency or "",
    )
    # Last year's contact details fill this year's where none is written yet.
    for spec in CONTACTS:
        value = (found.contacts.get(spec.id) or "").strip()
        if value and not str(spec.get(report) or "").strip():
            spec.set(report, value)
            result.changes.append(Change(spec.caption, "", value, "上年报告"))
    if found.agency and report.meta.agency and canonical(found.agency) != canonical(report.meta.agency):
        result.notes.append(
            Note(
                NoteKind.DOUBTFUL,
                f"上年报告的机关名称是“{found.agency}”，本报告是“{report.meta.agency}”：请确认是同一机关的报告",
            )
        )
    result.changes.append(
        Change(
            "上年报告",
            "",
            f"{year}年度，{len(prior_values)} 个数字，{sum(1 for v in report.prior.parts.values() if v)} 个部分的文字",
            found.source,
        )
    )
    _carry_forward(report, prior_values, result)


def _carry_forward(report: Report, prior: dict[str, Value], result: Plan) -> None:
    """This year's 上年结转 ← last year's 结转下年度继续办理 (and, 2019 edition, 上一年项目数量)."""
    edition = edition_of(report)
    pairs = [(cell_id(T3, CARRIED_IN, col), cell_id(T3, CARRY_OUT, col)) for col in edition.applicants]
    for this, last in pairs:
        value = prior.get(last)
        if value is None:
            continue
        current = report.values.get(this)
        if current is None:
            report.values[this] = value
            result.changes.append(
                Change(edition.cell(this).name, "空", _show(value), f"上年“{edition.cell(last).row[-1]}”")
            )
        elif current != value:
            result.notes.append(
                Note(
                    NoteKind.DOUBTFUL,
                    f"“{edition.cell(this).name}”已填 {_show(current)}，"
                    f"上年报告为 {_show(value)}，保留本年数字（检查结果会提示）",
                )
            )
    for spec in edition.table("二").inputs:  # editions with 上一年项目数量 (2019): it rolls on
        if spec.col_id != "prev_items":
            continue
        last_items, last_change = prior.get(spec.id), prior.get(spec.id.replace("prev_items", "change"))
        if last_items is None or last_change is None or report.values.get(spec.id) is not None:
            continue
        report.values[spec.id] = last_items + last_change
        result.changes.append(Change(spec.name, "空", _show(last_items + last_change), "上年项目数量与增减"))
