"""TEXT-TABLE on the ways real reports state their own tables' figures.

Each case is a sentence form found in published 政府信息公开工作年度报告 (2022–2025 reports of
district and county governments, 管委会, 人民政府办公室 and departments), with the agency and the
numbers replaced. The report's tables are set to agree with the sentence: no TEXT-TABLE. Then one
stated number at a time is changed: TEXT-TABLE must notice. And sentences that state other
things (another scope, a percentage, an approximate figure, 条/期/篇/场) must never match.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gxdesk.domain.drafting import new_report
from gxdesk.domain.report import AgencyKind, Report
from gxdesk.domain.rules import evaluate
from gxdesk.domain.statements import CLAIMS, Claim, ClaimWords
from gxdesk.domain.textutil import squash

COUNTY_GOV = ("某某县人民政府", AgencyKind.COUNTY)
DISTRICT_GOV = ("某某市某某区人民政府", AgencyKind.COUNTY)
ZONE = ("某某经济技术开发区管理委员会", AgencyKind.OTHER)
OFFICE = ("某某市人民政府办公室", AgencyKind.CITY)
BUREAU = ("某某县统计局", AgencyKind.DEPARTMENT)

# (agency, sentence with {name} placeholders, the cells each placeholder's number fills)
# A placeholder's cells: the table figure it states; the number is put in the first cell, the
# rest of the listed cells stay blank (read as 0 by the export, and by the check).
CASES: list[tuple[tuple[str, AgencyKind], str, dict[str, int], dict[str, str]]] = [
    (COUNTY_GOV, "2025年，全县共收到政府信息公开申请{n}件。", {"n": 37}, {"n": "t3.new.natural"}),
    (
        DISTRICT_GOV,
        "2025年，全区受理依申请公开件{n}件，办结{m}件，其中予以公开{a}件、部分公开{b}件、不予公开{c}件。",
        {"n": 40, "m": 40, "a": 21, "b": 5, "c": 3},
        {
            "n": "t3.new.natural",
            "a": "t3.r1_public.natural",
            "b": "t3.r2_partial.natural",
            "c": "t3.r3_5.natural",
            "m": "t3.r4_1.natural=11",
        },
    ),  # fmt: skip
    (ZONE, "全区各级行政机关共受理政府信息公开申请{n}件。", {"n": 12}, {"n": "t3.new.natural"}),
    (BUREAU, "全年共收到依申请公开共{n}件，全部及时分发到责任科室予以办理。", {"n": 9}, {"n": "t3.new.natural"}),
    (OFFICE, "2025年，我办共收到公开政府信息申请{n}件，已全部答复。", {"n": 3}, {"n": "t3.new.natural"}),
    (
        OFFICE,
        "2025年，我办共受理依申请公开事项{n}件（其中：自然人申请{a}件、企业申请{b}件、其他组织申请{c}件），"
        "上年结转{d}件，予以公开{e}件、部分公开{f}件、无法提供{g}件、结转下年度办理{h}件。",
        {"n": 36, "a": 32, "b": 2, "c": 2, "d": 7, "e": 3, "f": 24, "g": 12, "h": 4},
        {
            "a": "t3.new.natural",
            "b": "t3.new.business",
            "c": "t3.new.other",
            "d": "t3.carried_in.natural",
            "e": "t3.r1_public.natural",
            "f": "t3.r2_partial.natural",
            "g": "t3.r4_1.natural",
            "h": "t3.carry_out.natural",
            "n": "",
        },
    ),  # fmt: skip
    (
        BUREAU,
        "本年度共收到政府信息公开申请{n}件，共办结{m}件，结转至2026年{h}件。",
        {"n": 15, "m": 13, "h": 2},
        {"n": "t3.new.natural", "m": "t3.r1_public.natural", "h": "t3.carry_out.natural"},
    ),
    (
        BUREAU,
        "本年度共收到{n}件申请，及时办结{m}件，{h}件结转下年度继续办理。",
        {"n": 8, "m": 6, "h": 2},
        {"n": "t3.new.natural", "m": "t3.r1_public.natural", "h": "t3.carry_out.natural"},
    ),
    (
        BUREAU,
        "全年收到政府信息公开申请{n}件，其中自然人申请{a}件，法人或其他组织申请{b}件。",
        {"n": 19, "a": 15, "b": 4},
        {"a": "t3.new.natural", "b": "t3.new.research", "n": ""},
    ),
    (
        BUREAU,
        "本年度发生行政诉讼案件{x}件、行政复议案件{y}件。",
        {"x": 2, "y": 3},
        {"x": "t4.cases.direct_upheld", "y": "t4.cases.review_upheld"},
    ),
    (
        BUREAU,
        "因政府信息公开被申请复议{y}件，被提起诉讼{x}件，均维持原行政行为。",
        {"x": 1, "y": 4},
        {"x": "t4.cases.after_review_upheld", "y": "t4.cases.review_upheld"},
    ),
    (BUREAU, "新增公开规章{r}件，均已在门户网站集中公开。", {"r": 2}, {"r": "t2.b1.rules.made"}),
    (
        OFFICE,
        "全年共制发政府规章{r}份，废止政府规章{q}份，现行有效政府规章{p}份；制发{s}份规范性文件，"
        "废止{t}份规范性文件，现行有效规范性文件{v}份。",
        {"r": 1, "q": 1, "p": 8, "s": 3, "t": 18, "v": 81},
        {
            "r": "t2.b1.rules.made",
            "q": "t2.b1.rules.repealed",
            "p": "t2.b1.rules.valid",
            "s": "t2.b1.normative.made",
            "t": "t2.b1.normative.repealed",
            "v": "t2.b1.normative.valid",
        },
    ),  # fmt: skip
    (
        DISTRICT_GOV,
        "制定发布规范性文件{s}件，清理废止文件{t}件，现行有效规范性文件{v}件。",
        {"s": 4, "t": 1, "v": 20},
        {"s": "t2.b1.normative.made", "t": "t2.b1.normative.repealed", "v": "t2.b1.normative.valid"},
    ),
    (
        BUREAU,
        "主动公开规章{r}件，行政规范性文件{s}件。",
        {"r": 0, "s": 6},
        {"r": "t2.b1.rules.made", "s": "t2.b1.normative.made"},
    ),  # fmt: skip
    (BUREAU, "本年度依申请信息公开{n}件，均在法定期限内答复。", {"n": 5}, {"n": "t3.new.natural"}),
    (
        BUREAU,
        "本年度行政处罚{p}件，行政许可{q}件，均按规定公开。",
        {"p": 62, "q": 4},
        {"p": "t2.b6.penalty.decisions", "q": "t2.b5.license.decisions"},
    ),
]

# Sentences that name figures of something else: never a TEXT-TABLE, whatever the tables hold.
NOT_OURS: list[tuple[tuple[str, AgencyKind], str]] = [
    (BUREAU, "2025年，全县共收到政府信息公开申请1499件。"),  # a department's 全县: another scope
    (BUREAU, "全县各乡镇共受理依申请公开250件。"),
    (COUNTY_GOV, "各乡镇共受理依申请公开250件。"),  # a part of the county, not all of it
    (BUREAU, "予以公开的申请占86.92%。"),
    (BUREAU, "本年度共收到政府信息公开申请约300件。"),
    (BUREAU, "全年收到申请近40件，较上年增长20%。"),
    (BUREAU, "发布各类信息188条，举办新闻发布会12场，编发简报6期，发布解读文章9篇。"),
    (BUREAU, "2024年共收到政府信息公开申请30件，本年度有所增加。"),
    (BUREAU, "设立12个依申请公开受理点。"),
]


def _report(agency: tuple[str, AgencyKind], text: str, numbers: dict[str, int], cells: dict[str, str]) -> Report:
    report = new_report(agency[0], 2025, agency[1])
    report.parts = {"一": text.format(**numbers), "五": "无。", "六": "无。"}
    report.preface = ""
    for key, target in cells.items():
        if not target:
            continue
        cell, _, fixed = target.partition("=")
        report.values[cell] = int(fixed) if fixed else numbers[key]
    return report


def _text_table(report: Report) -> list[str]:
    return [f.message for f in evaluate(report) if f.code == "TEXT-TABLE"]


def _changed(text: str, numbers: dict[str, int], key: str) -> str:
    return text.format(**{**numbers, key: numbers[key] + 11})


@pytest.mark.parametrize(("agency", "text", "numbers", "cells"), CASES)
def test_a_consistent_sentence_raises_nothing(agency, text, numbers, cells) -> None:  # type: ignore[no-untyped-def]
    assert _text_table(_report(agency, text, numbers, cells)) == []


def test_a_changed_figure_is_caught_in_nine_of_ten() -> None:
    caught, missed = 0, []
    for agency, text, numbers, cells in CASES:
        for key in numbers:
            report = _report(agency, text, numbers, cells)
            report.parts["一"] = _changed(text, numbers, key)
            if _text_table(report):
                caught += 1
            else:
                missed.append(_changed(text, numbers, key))
    total = caught + len(missed)
    assert caught >= 0.9 * total, f"{caught}/{total}; missed: {missed}"


@pytest.mark.parametrize(("agency", "text"), NOT_OURS)
def test_figures_of_other_things_are_never_compared(agency, text) -> None:  # type: ignore[no-untyped-def]
    report = new_report(agency[0], 2025, agency[1])
    report.parts = {"一": text, "五": "无。", "六": "无。"}
    report.values["t3.new.natural"] = 1  # far from any number in the sentence
    report.values["t3.r1_public.natural"] = 1
    assert _text_table(report) == []


def test_each_claim_in_a_sentence_is_read_on_its_own() -> None:
    """An earlier claim that disagrees does not stop a later one in the same sentence."""
    report = new_report(BUREAU[0], 2025, BUREAU[1])
    report.parts = {"一": "本年度收到政府信息公开申请99件，本年度制发的规范性文件8件。", "五": "无。", "六": "无。"}
    report.values.update({"t3.new.natural": 3, "t2.b1.normative.made": 5})
    messages = _text_table(report)
    assert len(messages) == 2 and any("规范性文件" in m for m in messages)


def test_a_blank_published_total_is_compared_as_its_cells_add_up() -> None:
    """A received table that leaves 总计 blank: "予以公开及部分公开N件" still meets the rows."""
    report = new_report(BUREAU[0], 2025, BUREAU[1])
    report.parts = {"一": "全年予以公开及部分公开258件，无法提供265件。", "五": "无。", "六": "无。"}
    report.values.update({"t3.r1_public.natural": 200, "t3.r2_partial.business": 75})  # 275, not 258
    report.values.update({"t3.r4_1.natural": 300, "t3.r4_2.natural": 37})  # 337, not 265
    messages = _text_table(report)
    assert len(messages) == 2, messages
    assert any("275" in m for m in messages) and any("337" in m for m in messages)


def test_the_year_a_figure_is_carried_to_is_not_another_year() -> None:
    report = new_report(BUREAU[0], 2025, BUREAU[1])
    report.parts = {"一": "办结12件，结转至2026年3件。", "五": "无。", "六": "无。"}
    report.values.update({"t3.r1_public.natural": 12, "t3.carry_out.natural": 5})
    assert [m for m in _text_table(report) if re.search(r"结转", m)]


# ClaimWords finds the claims a sentence may match by one search; it must pick exactly the
# claims a word-by-word reading picks, overlapping and nested words included.
_WORDS = ["申请", "公开申请", "申请数", "办理", "复议", "行政复议", "诉讼", "费", "收费"]


def word_by_word(claims: tuple[Claim, ...], sentence: str) -> list[int]:
    """The claims a sentence may match, read the slow way: its context there, one of its words there."""
    return [
        i
        for i, c in enumerate(claims)
        if (not c.context or c.context in sentence) and (not c.needs or any(w in sentence for w in c.needs))
    ]


@st.composite
def _claims_and_sentence(draw: st.DrawFn) -> tuple[tuple[Claim, ...], str]:
    claims = tuple(
        Claim(
            id=f"c{i}",
            pattern="x",
            cells=(),
            needs=tuple(draw(st.lists(st.sampled_from(_WORDS), max_size=3, unique=True))),
            context=draw(st.sampled_from(["", "全县", "申请"])),
        )
        for i in range(draw(st.integers(1, 8)))
    )
    pieces = st.sampled_from([*_WORDS, "全县", "，", "我们", "公开", "数", "请", "。"])
    return claims, "".join(draw(st.lists(pieces, max_size=12)))


@example(
    (
        (
            Claim(id="a", pattern="x", cells=(), needs=("公开申请",)),
            Claim(id="b", pattern="x", cells=(), needs=("申请数",)),
        ),
        "我们公开申请数",  # two words that overlap: a search that resumes after the first misses the second
    )
)
@settings(max_examples=300)
@given(_claims_and_sentence())
def test_claim_words_pick_what_reading_word_by_word_picks(case: tuple[tuple[Claim, ...], str]) -> None:
    claims, sentence = case
    assert ClaimWords(claims).candidates(sentence) == word_by_word(claims, sentence)


def test_claim_words_on_the_real_claims() -> None:
    words = ClaimWords(CLAIMS)
    for case in CASES:
        sentence = squash(case[1])
        assert words.candidates(sentence) == word_by_word(CLAIMS, sentence)
