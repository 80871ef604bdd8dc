"""TEXT-TABLE and TEXT-YEAR on sentences written the way published reports write them.

The table is the 2021 sample's: 新收 33, 上年结转 3, 办理结果总计 35, 结转下年度 1, 予以公开 17,
部分公开 6, 不予公开 2, 无法提供 7, 不予处理 2, 其他处理 1; 表二 现行有效 27, 制发 3, 废止 1,
许可 412, 处罚 86, 强制 9, 收费 12.35 万元; 表四 复议 4, 诉讼 2 + 1; 实际收取 240 元."""

from __future__ import annotations

import copy

import pytest
from helpers import sample_report

from gxdesk.domain.rules import evaluate

T3 = "t3.{}.total".format
NOT_PUBLIC = tuple(T3(f"r3_{i}") for i in range(1, 9))
UNABLE = tuple(T3(f"r4_{i}") for i in range(1, 4))
NOT_PROCESSED = tuple(T3(f"r5_{i}") for i in range(1, 6))
OTHER = tuple(T3(f"r6_{i}") for i in range(1, 4))

SENTENCES: list[tuple[str, list[tuple[str, tuple[str, ...]]]]] = [
    # ---- true statements: silence -----------------------------------------------------------
    ("全年共收到政府信息公开申请33件。", []),
    ("本年度共收到政府信息公开申请36件（含上年结转3件）。", []),  # 新收 + 上年结转: the number handled
    ("共受理依申请公开申请三十三件，上年结转3件。", []),
    ("全年办结政府信息公开申请35件，结转下年度继续办理1件。", []),
    ("其中予以公开17件，占48.6%；部分公开6件；不予公开2件；无法提供7件；不予处理2件；其他处理1件。", []),
    ("予以公开及部分公开共计23件。", []),
    ("截至2025年底，现行有效行政规范性文件共27件，本年制发规范性文件3件，废止1件。", []),
    ("全年公开行政许可信息412条、行政处罚信息86条、行政强制信息9条。", []),
    ("公开行政许可和行政处罚信息共计498条。", []),  # a sum of two rows: not compared
    ("行政事业性收费共计12.35万元。", []),
    ("全年发生政府信息公开行政复议4件，行政诉讼3件。", []),
    ("依法收取信息处理费240元。", []),
    ("予以公开率达48.6%。", []),  # a percentage is not a count
    ("全县共收到政府信息公开申请1250件。", []),  # another scope
    ("各部门共制发行政规范性文件56件。", []),  # another scope
    ("收到政府信息公开申请约40件。", []),  # approximate
    ("2024年收到政府信息公开申请20件，同比增长65%。", []),  # last year, compared
    ("较2024年的20件增长65%，全年收到政府信息公开申请33件。", []),
    ("2026年1月起，现行有效行政规范性文件将调整为30件。", []),  # another year
    # ---- false statements ----------------------------------------------------------------------
    ("全年共收到政府信息公开申请35件。", [("TEXT-TABLE", (T3("new"),))]),
    ("共受理依申请公开申请三十件。", [("TEXT-TABLE", (T3("new"),))]),
    ("本年度无依申请公开件。", [("TEXT-TABLE", (T3("new"),))]),
    ("上年结转政府信息公开申请5件。", [("TEXT-TABLE", (T3("carried_in"),))]),
    ("结转至下一年度办理的申请2件。", [("TEXT-TABLE", (T3("carry_out"),))]),
    ("已全部办结，共答复申请30件。", [("TEXT-TABLE", (T3("r7_total"),))]),
    ("予以公开18件。", [("TEXT-TABLE", (T3("r1_public"),))]),
    ("予以公开及部分公开共计25件。", [("TEXT-TABLE", (T3("r1_public"), T3("r2_partial")))]),
    ("部分公开5件。", [("TEXT-TABLE", (T3("r2_partial"),))]),
    ("不予公开3件。", [("TEXT-TABLE", NOT_PUBLIC)]),
    ("无法提供六件。", [("TEXT-TABLE", UNABLE)]),
    ("不予处理1件。", [("TEXT-TABLE", NOT_PROCESSED)]),
    ("其他处理2件。", [("TEXT-TABLE", OTHER)]),
    ("现行有效的规范性文件28件。", [("TEXT-TABLE", ("t2.b1.normative.valid",))]),
    ("本年共制定行政规范性文件4件。", [("TEXT-TABLE", ("t2.b1.normative.made",))]),
    ("对行政规范性文件进行清理，废止2件。", [("TEXT-TABLE", ("t2.b1.normative.repealed",))]),
    ("公开行政处罚决定90件。", [("TEXT-TABLE", ("t2.b6.penalty.decisions",))]),
    ("作出行政许可决定400件。", [("TEXT-TABLE", ("t2.b5.license.decisions",))]),
    ("行政事业性收费12.5万元。", [("TEXT-TABLE", ("t2.b8.fees.amount",))]),
    ("全年发生行政复议5件。", [("TEXT-TABLE", ("t4.cases.review_total",))]),
    ("未发生因政府信息公开引起的行政复议。", [("TEXT-TABLE", ("t4.cases.review_total",))]),
    ("实际收取信息处理费480元。", [("TEXT-TABLE", ())]),
    # ---- last year's date on this year's work ---------------------------------------------------
    (
        "2024年，本机关共制定行政规范性文件0件。",
        [("TEXT-YEAR", ()), ("TEXT-TABLE", ("t2.b1.normative.made",))],
    ),
    ("2024年，全年共收到政府信息公开申请33件。", [("TEXT-YEAR", ())]),
    ("2024年，我局扎实推进政务公开工作。", []),  # no figure: not a statement of this year's work
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s for s, _ in SENTENCES])
def test_sentence(sentence: str, expected: list) -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.parts["六"] = sentence
    found = [f.as_tuple() for f in evaluate(report) if f.code in ("TEXT-TABLE", "TEXT-YEAR") and f.part == "六"]
    assert sorted(found) == sorted(expected)


def test_rectification_of_last_year_is_not_a_stale_copy() -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.parts["五"] += "\n针对2024年度报告指出的问题，2024年共收到政府信息公开申请20件中有2件超期答复，已整改。"
    assert not [f for f in evaluate(report) if f.code in ("TEXT-TABLE", "TEXT-YEAR")]


def test_messages_name_the_table_figure() -> None:
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.parts["六"] = "不予公开3件。2024年，本机关共制定行政规范性文件0件。"
    messages = sorted(f.message for f in evaluate(report) if f.part == "六")
    assert messages == sorted(
        [
            "正文写有“不予公开3件”，但表三“（三）不予公开”各项总计之和为 2",
            "正文写有“制定行政规范性文件0件”（该句写的是2024年），但表二“行政规范性文件”本年制发件数为 3",
            "“2024年，本机关共制定行政规范性文件0件。”写的是2024年，但本报告是2025年度；如是沿用上年的文字，请更新年份和数字",
        ]
    )


def test_the_sample_reports_raise_no_false_alarm() -> None:
    for name in ("qinghe-sthjj-2025.gxr", "fujian-gxt-2020.gxr", "xianyou-gxj-2020.gxr"):
        report = sample_report(name)
        assert not [f.message for f in evaluate(report) if f.code in ("TEXT-TABLE", "TEXT-YEAR")], name
