"""Tables as they are published: blank cells, wrong claimed totals, kinds of agencies guessed.

Inputs are shaped like real received files (hand-built, not our exporters)."""

from __future__ import annotations

import re

import builders
import docx
import pytest
from openpyxl import load_workbook

from gxdesk.domain.editions import get_edition
from gxdesk.domain.report import AgencyKind, Meta, Report
from gxdesk.domain.rules import compute, evaluate
from gxdesk.exchange.audit import audit_report
from gxdesk.exchange.importer import read

A = builders.A
T4_ORDER = [
    f"t4.cases.{g}_{o}"
    for g in ("review", "direct", "after_review")
    for o in ("upheld", "corrected", "other", "pending", "total")
]


def _blank_out(path, cells: list[str]) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(path)
    ws = wb.active
    for ref in cells:
        ws[ref] = None
    wb.save(path)


def test_table_four_with_a_blank_block_is_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "blank4.xlsx"
    builders.workbook_one_sheet(path)
    _blank_out(path, ["M53", "N53", "O53", "P53", "Q53"])  # 复议后起诉: every cell blank
    found = read(path)
    assert not any("没有找到表四" in n.text for n in found.notes)
    got = [found.values.get(c, found.claimed.get(c)) for c in T4_ORDER]
    assert got[:10] == [2, 1, 0, 1, 4, 1, 0, 0, 1, 2]
    assert all(found.values[c] is None for c in T4_ORDER[10:14])
    report = audit_report(found, 2025)
    # A received report's blank cells are one line a table, naming every cell.
    (blank,) = [f for f in evaluate(report) if f.code == "CELL-BLANK" and f.part == "四"]
    assert sorted(blank.cells) == sorted(T4_ORDER[10:14])
    assert blank.message.startswith("表四有 4 个单元格空白") and "导出时" not in blank.message


def test_table_four_with_blank_cells_scattered_and_merged_word_headers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A Word 表四 with merged headers, blanks instead of zeros, numbers only where non-zero."""
    document = docx.Document()
    document.add_paragraph("某某县人民政府2025年政府信息公开工作年度报告")
    t4 = builders.word_table_four(document)
    t4.cell(3, 0).text, t4.cell(3, 4).text = "3", "3"
    path = tmp_path / "r.docx"
    document.save(str(path))
    found = read(path)
    assert found.values["t4.cases.review_upheld"] == 3
    assert found.claimed["t4.cases.review_total"] == 3
    assert found.values["t4.cases.direct_upheld"] is None
    assert found.values["t4.cases.after_review_pending"] is None


def test_table_three_with_blank_total_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "blank3.xlsx"
    numbers = builders.workbook_one_sheet(path)
    # 总计 (column L) blank on every result row, as some agencies publish it.
    _blank_out(path, [f"L{r}" for r in range(25, 47)])
    found = read(path)
    assert not any("没有找到表三" in n.text for n in found.notes)
    for row, vals in numbers.items():
        if row != "r7_total":
            assert [found.values[f"t3.{row}.{c}"] for c in A] == vals, row
    assert "t3.r1_public.total" not in found.claimed
    assert found.claimed["t3.new.total"] == sum(numbers["new"])
    report = audit_report(found, 2025)
    assert not [f for f in evaluate(report) if f.code.startswith("T3-")]


def _published_2021() -> Report:
    """A balanced 2021 table 三 with every total stated, as a published report has them."""
    rng = builders.t3_numbers(seed=3)
    report = Report(Meta(agency="某市某局", year=2025), "2021")
    edition = get_edition("2021")
    for row, vals in rng.items():
        if row == "r7_total":
            continue
        for col, v in zip(A, vals, strict=True):
            report.values[f"t3.{row}.{col}"] = v
    for cid, value in compute(edition, report.values).items():
        if edition.cell(cid).computed and cid.startswith("t3."):
            report.claimed[cid] = value
    return report


def test_wrong_claimed_column_total_gives_no_cascade() -> None:
    """（七）总计 of 自然人 published 6 too low, and the （七） row published to add up to it."""
    report = _published_2021()
    report.claimed["t3.r7_total.natural"] -= 6
    report.claimed["t3.r7_total.total"] -= 6
    published = {**report.values, **report.claimed}
    found = [f for f in evaluate(report) if f.code.startswith("T3-")]
    assert sorted(f.code for f in found) == ["T3-BALANCE", "T3-RESULTSUM"]
    for f in found:
        # Every number a message names is either a published figure or a sum of published ones.
        numbers = {int(n) for n in re.findall(r"\d+", f.message) if not f.message.startswith(n)}
        sums = {f.expected, f.actual}
        assert numbers <= set(published.values()) | sums | {abs(f.actual - f.expected)}, f.message
    rowsum = [f for f in found if f.code == "T3-ROWSUM"]
    assert rowsum == []


def test_one_wrong_input_cell_breaks_its_row_and_column_only() -> None:
    report = _published_2021()
    report.values["t3.r4_1.legal"] += 2
    assert sorted(f.code for f in evaluate(report) if f.code.startswith("T3-")) == ["T3-RESULTSUM", "T3-ROWSUM"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("某某市人民政府办公室", AgencyKind.CITY),
        ("某某市人民政府办公厅", AgencyKind.CITY),
        ("某某省人民政府办公厅", AgencyKind.PROVINCE),
        ("某某县人民政府办公室", AgencyKind.COUNTY),
        ("某某市人民政府办公室（市政务公开办）", AgencyKind.CITY),
        ("某某经济技术开发区管理委员会", None),
        ("某某综合实验区管委会", None),
        ("某某高新技术产业开发区管理委员会办公室", None),
        ("某某县生态环境局", AgencyKind.DEPARTMENT),
        ("国家统计局", AgencyKind.STATE_COUNCIL_DEPARTMENT),
        ("某某镇人民政府", AgencyKind.TOWNSHIP),
        ("某某市不动产登记中心", None),
    ],
)
def test_agency_kind_from_name(name: str, kind: AgencyKind | None) -> None:
    assert AgencyKind.guess(name) is kind


@pytest.mark.parametrize(
    ("agency", "warned"),
    [
        ("某某市人民政府办公室", False),
        ("某某经济开发区管理委员会", False),
        ("某某县人民政府", True),
        ("某某县司法局", True),
    ],
)
def test_rules_authority_on_received_reports(tmp_path, agency: str, warned: bool) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.docx"
    builders.docx_report(path)  # its 表二 lists one 规章
    document = docx.Document(str(path))
    document.paragraphs[0].text = f"{agency}2025年"
    document.save(str(path))
    report = audit_report(read(path), 2025)
    assert any(f.code == "T2-RULES-AUTHORITY" for f in evaluate(report)) is warned
