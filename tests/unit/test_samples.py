"""The bundled samples: the seeds as published, with exactly the defects they really have."""

from __future__ import annotations

from collections import Counter

from gxdesk.domain.editions import edition_of
from gxdesk.domain.findings import Severity
from gxdesk.domain.rules import compute, evaluate


def test_seed_000_lacks_part_six_and_reconciles(fujian) -> None:
    findings = evaluate(fujian)
    assert [(f.code, f.part, f.severity) for f in findings] == [("PART-EMPTY", "六", Severity.ERROR)]
    assert "缺少" in findings[0].message


def test_seed_000_numbers_as_published(fujian) -> None:
    values = compute(edition_of(fujian), fujian.values)
    row = [values[f"t3.new.{c}"] for c in ("natural", "business", "research", "nonprofit", "legal", "other", "total")]
    assert row == [10, 1, 0, 0, 0, 1, 12]
    assert values["t3.r1_public.total"] == 9 and values["t3.r4_1.natural"] == 2 and values["t3.r6.total"] == 1
    assert values["t3.r7_total.total"] == 12
    assert values["t2.b5.license.decisions"] == 259 and values["t2.b9.procurement.amount"] == 731107
    assert fujian.meta.full_title == "福建省工业和信息化厅2020年政府信息公开工作年度报告"
    assert fujian.text("一").count("\n") == 6  # intro and （一）…（六）
    assert "四是是做好厅网站" in fujian.text("一")  # the published text's own slip, kept as published


def test_seed_003_part_six_empty_and_carry_row_missing(xianyou) -> None:
    counts = Counter((f.code, f.part) for f in evaluate(xianyou))
    assert counts == {("PART-EMPTY", "六"): 1, ("CELL-BLANK", "三"): 6}
    blank = {f.cells[0] for f in evaluate(xianyou) if f.code == "CELL-BLANK"}
    assert blank == {f"t3.carry_out.{c}" for c in ("natural", "business", "research", "nonprofit", "legal", "other")}


def test_seed_003_cleaned_of_ocr_artefacts(xianyou) -> None:
    text = xianyou.preface + xianyou.all_text()
    assert "侧信" not in text and "**" not in text and "," not in text.replace("http://", "")
    assert xianyou.values["t3.r3_8.other"] == 0  # the OCR read this cell as “00”
    assert xianyou.values["t2.b6.penalty.prev_items"] == 62
    assert xianyou.meta.full_title == "仙游县工业和信息化局2020年度政府信息公开工作年度报告"


def test_2021_sample_is_clean_and_complete(qinghe) -> None:
    assert evaluate(qinghe) == []
    e = edition_of(qinghe)
    assert e.id == "2021"
    values = compute(e, qinghe.values)
    assert all(values[c.id] is not None for t in e.tables for c in t.cells)
    assert sum(1 for t in e.tables for c in t.inputs if qinghe.values[c.id]) > 25
    assert all(qinghe.text(p) for p in ("一", "五", "六"))
    assert qinghe.prior is not None and qinghe.fees.notices == 2
