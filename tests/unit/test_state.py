"""ReportState: one edit, one computation, and a Change that names exactly what changed."""

from __future__ import annotations

import copy

import pytest
from helpers import sample_report

from gxdesk.domain import rules
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.domain.report import PriorYear
from gxdesk.domain.state import ReportState


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call of the totals computation, by the edition it computed."""
    calls: list[str] = []
    real = rules.compute

    def compute(edition, inputs, claimed=None):  # type: ignore[no-untyped-def]
        calls.append(edition.id)
        return real(edition, inputs, claimed)

    monkeypatch.setattr(rules, "compute", compute)
    monkeypatch.setattr("gxdesk.domain.state.compute", compute)
    return calls


def with_prior():  # type: ignore[no-untyped-def]
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.prior = PriorYear(2024, "2021", dict(report.values), {})
    return report


def test_a_cell_edit_computes_the_totals_exactly_once(counted: list[str]) -> None:
    state = ReportState(with_prior())
    counted.clear()
    state.set_cells({"t3.carry_out.legal": 5})
    assert counted == ["2021"]  # this year's totals once; last year's stay cached


def test_typing_in_a_part_computes_no_totals(counted: list[str]) -> None:
    state = ReportState(with_prior())
    counted.clear()
    state.set_text(TextKey.PART_1, state.text(TextKey.PART_1) + "字")
    state.set_field(FieldGroup.META, "phone", "0999-1")
    assert counted == []


def test_replacing_last_years_report_recomputes_it_once(counted: list[str]) -> None:
    state = ReportState(sample_report("qinghe-sthjj-2025.gxr"))
    counted.clear()
    state.replace(with_prior())
    assert sorted(counted) == ["2021", "2021"]  # this year's and last year's, once each


def test_change_names_the_edited_cell_its_totals_and_the_findings() -> None:
    state = ReportState(copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr")))
    change = state.set_cells({"t3.carry_out.legal": 5})
    assert {"t3.carry_out.legal", "t3.carry_out.total"} <= change.cells
    assert not {c for c in change.cells if not c.startswith("t3.carry_out.")}
    assert [f.code for f in change.added] == ["T3-BALANCE", "TEXT-TABLE"]
    assert change.removed == () and not change.structure
    undo = state.set_cells({"t3.carry_out.legal": 0})
    assert sorted(f.code for f in undo.removed) == ["T3-BALANCE", "TEXT-TABLE"]
    assert state.findings == []


def test_a_keystroke_changes_no_cell_and_no_finding() -> None:
    state = ReportState(copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr")))
    change = state.set_text(TextKey.PART_5, state.text(TextKey.PART_5) + "。")
    assert change.cells == frozenset() and change.texts == {TextKey.PART_5} and not change.findings_changed


def test_year_change_is_planned_then_applied() -> None:
    state = ReportState(copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr")))
    plan = state.plan_year(2020)
    assert plan.edition == "2019" and "t2.b8.fees.amount" in plan.dropped
    assert state.report.meta.year == 2025  # planning changes nothing
    change = state.apply_year(plan)
    assert change.structure and state.report.edition == "2019" and (FieldGroup.META, "year") in change.fields


def test_paste_plan_reads_the_rectangle_against_the_table() -> None:
    state = ReportState(copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr")))
    table = state.edition.table("三")
    top, left = next((g.row, g.col) for g in table.grid if g.cell == "t3.new.natural")
    plan = state.plan_paste(table, top, left, [["1", "２", "x", "3", "4", "5", "99", "7"]])
    assert plan.values == {"t3.new.natural": 1, "t3.new.business": 2, "t3.new.nonprofit": 3, "t3.new.legal": 4,
                           "t3.new.other": 5}  # fmt: skip
    assert plan.computed_skipped == 1 and plan.outside == 1 and len(plan.invalid) == 1
    assert plan.summary(5).startswith("已粘贴 5 个单元格；跳过 1 个自动计算的合计单元格")
