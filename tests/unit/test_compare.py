"""对比上年 on pairs written like real consecutive years: a near copy with new dates and numbers,
a genuinely rewritten report, one whose paragraphs moved, and a 2020 → 2021 pair across editions."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from helpers import cli, sample_report

from gxdesk.domain.compare import (
    Status,
    compare_numbers,
    compare_parts,
    compare_text,
    is_large_swing,
    report_share,
)
from gxdesk.domain.report import PriorYear
from gxdesk.domain.rules import evaluate
from gxdesk.store import save

LAST_YEAR_FIVE = (
    "（一）存在的主要问题\n"
    "2024年，我局政府信息公开工作取得了一定成效，但仍存在一些不足。一是部分栏目更新不够及时；"
    "二是政策解读形式较为单一。\n"
    "（二）改进措施\n"
    "2025年，我局将进一步加强信息发布审核，全年计划开展培训3次，提升依申请公开办理质量。"
)
NEAR_COPY = (
    "（一）存在的主要问题\n"
    "2025年，我局政府信息公开工作取得了一定成效，但仍存在一些不足。一是部分栏目更新不够及时；"
    "二是政策解读形式较为单一。\n"
    "（二）改进措施\n"
    "2026年，我局将进一步加强信息发布审核，全年计划开展培训5次，提升依申请公开办理质量。"
)
REWRITTEN = (
    "（一）存在的主要问题\n"
    "一是执法信息公开时效性不强，个别处罚决定超过七个工作日才公开；二是依申请公开答复文书说理不够充分。\n"
    "（二）改进措施\n"
    "建立执法信息公开提醒机制，每月通报公开时效；开展答复文书评查，组织业务骨干逐件复核。"
)
MOVED = (
    "（二）改进措施\n"
    "2025年，我局将进一步加强信息发布审核，全年计划开展培训3次，提升依申请公开办理质量。\n"
    "（三）上年度问题整改情况\n"
    "针对上年度报告提出的问题逐项整改，建立栏目巡查制度。\n"
    "（一）存在的主要问题\n"
    "2024年，我局政府信息公开工作取得了一定成效，但仍存在一些不足。二是政策解读形式较为单一。一是部分栏目更新不够及时；"
)


def statuses(now: str, before: str) -> list[tuple[str, str]]:
    return [(s.text, s.status.value) for s in compare_text("五", now, before).sentences]


def test_near_copy_with_dates_and_numbers_replaced() -> None:
    assert statuses(NEAR_COPY, LAST_YEAR_FIVE) == [
        ("（一）存在的主要问题", "boilerplate"),
        ("2025年，我局政府信息公开工作取得了一定成效，但仍存在一些不足。", "numbers-changed"),
        ("一是部分栏目更新不够及时；", "same"),
        ("二是政策解读形式较为单一。", "same"),
        ("（二）改进措施", "boilerplate"),
        ("2026年，我局将进一步加强信息发布审核，全年计划开展培训5次，提升依申请公开办理质量。", "numbers-changed"),
    ]
    assert compare_text("五", NEAR_COPY, LAST_YEAR_FIVE).share == 1.0


def test_genuinely_rewritten_part() -> None:
    found = statuses(REWRITTEN, LAST_YEAR_FIVE)
    assert {s for _, s in found} == {"boilerplate", "new"}
    assert compare_text("五", REWRITTEN, LAST_YEAR_FIVE).share == 0.0


def test_moved_paragraphs_and_a_new_sub_heading() -> None:
    found = dict(statuses(MOVED, LAST_YEAR_FIVE))
    assert found["（三）上年度问题整改情况"] == "boilerplate"
    assert found["针对上年度报告提出的问题逐项整改，建立栏目巡查制度。"] == "new"
    assert found["一是部分栏目更新不够及时；"] == "same"  # order does not matter
    assert found["二是政策解读形式较为单一。"] == "same"
    assert found["2025年，我局将进一步加强信息发布审核，全年计划开展培训3次，提升依申请公开办理质量。"] == "same"
    share = compare_text("五", MOVED, LAST_YEAR_FIVE).share
    assert 0.7 < share < 1.0


def test_preface_boilerplate_is_not_reuse() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    comparison = compare_text("前言", report.preface, report.preface.replace("2025", "2024"))
    assert all(s.status is Status.BOILERPLATE for s in comparison.sentences)
    assert comparison.share == 0.0


def test_text_reuse_finding_uses_the_same_measure() -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.parts["五"] = NEAR_COPY
    report.prior = PriorYear(2024, "2021", {}, {"五": LAST_YEAR_FIVE})
    (finding,) = [f for f in evaluate(report) if f.code == "TEXT-REUSE"]
    (part,) = [p for p in compare_parts(report) if p.part == "五"]
    assert f"约 {round(part.share * 100)}% 相同" in finding.message
    report.parts["五"] = REWRITTEN
    assert not [f for f in evaluate(report) if f.code == "TEXT-REUSE"]


@pytest.mark.parametrize(
    ("this", "last", "large"),
    [
        (30, 10, True),  # ×3
        (29, 10, False),  # ×2.9
        (3, 1, False),  # ×3 but only by 2: small counts swing by nature
        (13, 27, True),  # 现行有效 halved
        (14, 27, False),
        (12, 0, True),  # from nothing to 12
        (5, 0, False),
        (None, 10, False),
    ],
)
def test_large_swing_rule(this: int | None, last: int | None, large: bool) -> None:
    assert is_large_swing(this, last) is large


def test_numbers_with_change_new_and_large() -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    last = dict(report.values)
    last["t3.new.natural"] = 5  # this year 23: ×4.6
    last["t4.cases.review_upheld"] = 0  # this year 2: 新增
    last["t2.b8.fees.amount"] = Decimal("10.35")
    report.prior = PriorYear(2024, "2021", last, {})
    by_id = {c.cell: c for c in compare_numbers(report)}
    natural = by_id["t3.new.natural"]
    assert (natural.this, natural.last, natural.change, natural.large) == (23, 5, 18, True)
    assert natural.change_text == "+18（+360.0%）"
    total = by_id["t3.new.total"]  # totals compared too, last year's recomputed
    assert total.last == sum(v for k, v in last.items() if k.startswith("t3.new.") and k != "t3.new.total")
    upheld = by_id["t4.cases.review_upheld"]
    assert upheld.new and upheld.change_text == "新增"
    fee = by_id["t2.b8.fees.amount"]
    assert fee.change == Decimal("2.00") and fee.change_text.startswith("+2")
    assert by_id["t3.carry_out.natural"].change_text in ("持平", "")


def test_2020_to_2021_across_editions() -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    old = sample_report("fujian-gxt-2020.gxr")
    report.prior = PriorYear(old.meta.year, old.edition, dict(old.values), {})
    by_id = {c.cell: c for c in compare_numbers(report)}
    # 2019's single （六）其他处理 row is 2021's “3.其他”; 1. and 2. were not asked in 2019.
    assert by_id["t3.r6_3.natural"].last == old.values["t3.r6.natural"]
    assert by_id["t3.r6_1.natural"].last is None and by_id["t3.r6_1.natural"].change is None
    # 本年新制作数量 (2019) is 本年制发件数 (2021); 现行有效件数 has no 2019 counterpart.
    assert by_id["t2.b1.normative.made"].last == old.values["t2.b1.normative.new_made"]
    assert by_id["t2.b1.normative.valid"].last is None
    assert by_id["t3.new.natural"].last == old.values["t3.new.natural"]


def test_cli_compare_text_json_xlsx_docx(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.parts["五"] = NEAR_COPY
    last = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    last.meta.year = 2024
    last.parts["五"] = LAST_YEAR_FIVE
    last.values["t3.new.natural"] = 5
    save(report, tmp_path / "2025.gxr")
    save(last, tmp_path / "2024.gxr")
    result = cli("compare", str(tmp_path / "2025.gxr"), "--prior", str(tmp_path / "2024.gxr"), "--json",
                 "--xlsx", str(tmp_path / "c.xlsx"), "--docx", str(tmp_path / "c.docx"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    cell = next(c for c in data["cells"] if c["row"][-1].startswith("一、本年新收") and c["column"][-1] == "自然人")
    assert (cell["this"], cell["last"], cell["change"], cell["large"]) == (23, 5, 18, True)
    five = next(p for p in data["parts"] if p["part"] == "五")
    assert five["share"] == 1.0 and {s["status"] for s in five["sentences"]} == {
        "boilerplate",
        "same",
        "numbers-changed",
    }
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "c.xlsx")["表三 依申请公开"]
    rows = list(sheet.iter_rows(values_only=True))
    row = next(r for r in rows if str(r[0]).endswith("本年新收政府信息公开申请数量") and r[1].endswith("自然人"))
    assert row[2:6] == (23, 5, "+18（+360.0%）", "是")
    import docx

    marked = docx.Document(str(tmp_path / "c.docx"))
    highlighted = [r.text for p in marked.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert "一是部分栏目更新不够及时；" in highlighted
    text = cli("compare", str(tmp_path / "2025.gxr"), "--prior", str(tmp_path / "2024.gxr"))
    assert "变化较大" in text.stdout and "[与上年相同] 一是部分栏目更新不够及时；" in text.stdout
    report.prior = None
    save(report, tmp_path / "alone.gxr")
    alone = cli("compare", str(tmp_path / "alone.gxr"))
    assert alone.returncode == 2 and "--prior-year" in alone.stderr


def test_a_report_identical_to_last_year_is_all_carried_over() -> None:
    """Speed is measured by benchmarks/run.py (对比上年); here: identical texts share 100 %."""
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.prior = PriorYear(2024, "2021", dict(report.values), {n: report.text(n) for n in ("一", "五", "六")})
    parts = compare_parts(report)
    assert report_share(parts) == 1.0
