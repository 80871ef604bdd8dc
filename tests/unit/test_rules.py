"""Table-driven rule tests: each case mutates a clean report and lists the (code, cells) expected."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

import pytest
from helpers import sample_report

from gxdesk.domain.findings import Severity
from gxdesk.domain.report import AgencyKind, PriorYear, Report
from gxdesk.domain.rules import evaluate

A = ("natural", "business", "research", "nonprofit", "legal", "other")


def clean(edition: str) -> Report:
    if edition == "2021":
        return sample_report("qinghe-sthjj-2025.gxr")
    report = sample_report("fujian-gxt-2020.gxr")
    report.parts["六"] = "无"
    return report


def balance_cells(col: str) -> tuple[str, ...]:
    return (f"t3.new.{col}", f"t3.carried_in.{col}", f"t3.r7_total.{col}", f"t3.carry_out.{col}")


def rowsum_cells(row: str) -> tuple[str, ...]:
    return (f"t3.{row}.total", *(f"t3.{row}.{c}" for c in A))


def resultsum_cells(edition: str, col: str) -> tuple[str, ...]:
    other = ("r6",) if edition == "2019" else ("r6_1", "r6_2", "r6_3")
    rows = (
        "r1_public",
        "r2_partial",
        *(f"r3_{i}" for i in range(1, 9)),
        *(f"r4_{i}" for i in range(1, 4)),
        *(f"r5_{i}" for i in range(1, 6)),
        *other,
    )
    return (f"t3.r7_total.{col}", *(f"t3.{r}.{col}" for r in rows))


def setv(**values) -> Callable[[Report], None]:
    def apply(r: Report) -> None:
        for k, v in values.items():
            r.values[k.replace("__", ".")] = v

    return apply


def do(fn: Callable[[Report], object]) -> Callable[[Report], None]:
    return lambda r: (fn(r), None)[1]


def with_prior(edition: str, values: dict, parts: dict | None = None) -> Callable[[Report], None]:
    def apply(r: Report) -> None:
        r.prior = PriorYear(year=r.meta.year - 1, edition=edition, values=values, parts=parts or {})

    return apply


# part 一 of the 2021 sample says "上年结转3件 … 结转下年度继续办理1件"
CARRY_TEXT = [("TEXT-TABLE", ("t3.carried_in.total",)), ("TEXT-TABLE", ("t3.carry_out.total",))]

LONG = (
    "我局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，"
    "加强政策解读和回应关切，不断提升政府信息公开的质量和实效，取得了较好成效。"
) * 2

CASES: list[tuple[str, str, Callable[[Report], None], list[tuple[str, tuple[str, ...]]]]] = [
    # id, edition, mutation, expected (code, cells)
    ("clean-2021", "2021", lambda r: None, []),
    ("clean-2019", "2019", lambda r: None, []),
    (
        "balance-2021",
        "2021",
        setv(t3__carry_out__legal=5),
        # part 一 says "结转下年度继续办理1件": the text now contradicts the table too
        [("T3-BALANCE", balance_cells("legal")), ("TEXT-TABLE", ("t3.carry_out.total",))],
    ),
    (
        "balance-2021-text-too",
        "2021",
        setv(t3__new__legal=5),
        [("T3-BALANCE", balance_cells("legal")), ("TEXT-TABLE", ("t3.new.total",))],
    ),
    (
        "balance-2019-claimed",
        "2019",
        setv(t3__carry_out__research=2),
        [("T3-BALANCE", balance_cells("research")), ("T3-ROWSUM", rowsum_cells("carry_out"))],
    ),
    (
        "resultsum-2019",
        "2019",
        # One wrong cell of a published table breaks its row and its column, nothing else: the
        # balance and the （七） row are checked on the published （七）总计, which still add up.
        setv(t3__r3_4__natural=1),
        [
            ("T3-ROWSUM", rowsum_cells("r3_4")),
            ("T3-RESULTSUM", resultsum_cells("2019", "natural")),
        ],
    ),
    (
        "claimed-column-total-wrong-no-cascade-2019",
        "2019",
        do(lambda r: r.claimed.__setitem__("t3.r7_total.natural", r.claimed["t3.r7_total.natural"] + 6)),
        [
            ("T3-RESULTSUM", resultsum_cells("2019", "natural")),
            ("T3-ROWSUM", rowsum_cells("r7_total")),
            ("T3-BALANCE", balance_cells("natural")),
        ],
    ),
    (
        "claimed-total-wrong-2019",
        "2019",
        do(lambda r: r.claimed.__setitem__("t3.new.total", 13)),
        [("T3-ROWSUM", rowsum_cells("new"))],
    ),
    (
        "groupsum-2019",
        "2019",
        do(lambda r: r.claimed.__setitem__("t4.cases.direct_total", 1)),
        [
            (
                "T4-GROUPSUM",
                (
                    "t4.cases.direct_total",
                    *(f"t4.cases.direct_{o}" for o in ("upheld", "corrected", "other", "pending")),
                ),
            )
        ],
    ),
    (
        "cell-value-negative-2021",
        "2021",
        setv(t4__cases__review_upheld=-2),
        [("CELL-VALUE", ("t4.cases.review_upheld",))],
    ),
    (
        "cell-value-fraction-2019",
        "2019",
        setv(t2__b9__procurement__amount=Decimal("1.234"), t2__b5__license__decisions=Decimal("2.5")),
        [("CELL-VALUE", ("t2.b5.license.decisions",)), ("CELL-VALUE", ("t2.b9.procurement.amount",))],
    ),
    ("signed-ok-2019", "2019", setv(t2__b5__license__change=-8), []),
    (
        "cell-blank-2021",
        "2021",
        do(lambda r: r.values.pop("t2.b6.coercion.decisions")),
        [("CELL-BLANK", ("t2.b6.coercion.decisions",))],
    ),
    (
        "blank-skips-balance-2021",
        "2021",
        do(lambda r: (r.values.pop("t3.new.natural"), r.values.__setitem__("t3.carry_out.natural", 9))),
        # The text is compared with the total the blank makes (read as 0, as the export writes it).
        [
            ("CELL-BLANK", ("t3.new.natural",)),
            ("TEXT-TABLE", ("t3.new.total",)),
            ("TEXT-TABLE", ("t3.carry_out.total",)),
        ],
    ),
    (
        "carry-2021",
        "2021",
        setv(t3__carried_in__natural=3, t3__carry_out__natural=2),
        [("T3-CARRY", ("t3.carried_in.natural",)), *CARRY_TEXT],
    ),
    (
        "prior-of-another-agency-2021",
        "2021",
        do(lambda r: setattr(r, "prior", PriorYear(r.meta.year - 1, "2021", {}, {}, agency="某某县另一局"))),
        [("PRIOR-AGENCY", ())],
    ),
    (
        "carry-skipped-without-prior",
        "2021",
        do(
            lambda r: (
                setattr(r, "prior", None),
                r.values.update({"t3.carried_in.natural": 3, "t3.carry_out.natural": 2}),
            )
        ),
        CARRY_TEXT,
    ),
    (
        "carry-from-2019-prior",
        "2021",
        with_prior("2019", {f"t3.carry_out.{c}": 0 for c in A}),
        [("T3-CARRY", ("t3.carried_in.natural",)), ("T3-CARRY", ("t3.carried_in.business",))],
    ),
    (
        "valid-roll-2021",
        "2021",
        setv(t2__b1__normative__valid=30),
        [
            ("T2-VALID-ROLL", ("t2.b1.normative.valid", "t2.b1.normative.made", "t2.b1.normative.repealed")),
            ("TEXT-TABLE", ("t2.b1.normative.valid",)),
        ],
    ),
    (
        "valid-roll-skipped-for-2019-prior",
        "2021",
        do(lambda r: (with_prior("2019", {})(r), r.values.__setitem__("t2.b1.normative.valid", 30))),
        [("TEXT-TABLE", ("t2.b1.normative.valid",))],
    ),
    (
        "total-roll-2019",
        "2019",
        with_prior("2019", {"t2.b1.normative.total_published": 10, "t2.b1.rules.total_published": 0}),
        [("T2-TOTAL-ROLL", ("t2.b1.normative.total_published", "t2.b1.normative.new_published"))],
    ),
    (
        "items-roll-2019",
        "2019",
        with_prior(
            "2019",
            {
                "t2.b5.license.prev_items": 15,
                "t2.b5.license.change": -2,
                "t2.b6.penalty.prev_items": 50,
                "t2.b6.penalty.change": 1,
            },
        ),
        [("T2-ITEMS-ROLL", ("t2.b6.penalty.prev_items",))],
    ),
    (
        "text-reuse-2021",
        "2021",
        do(
            lambda r: (
                r.parts.__setitem__("五", LONG + "2025"),
                with_prior("2021", {}, {"五": LONG + "2024"})(r),
            )
        ),
        [("TEXT-REUSE", ())],
    ),
    # The preface still states the sample's own period: a report moved to another year says so too.
    ("edition-year", "2019", do(lambda r: setattr(r.meta, "year", 2022)), [("EDITION-YEAR", ()), ("TEXT-PERIOD", ())]),
    (
        "text-period",
        "2021",
        do(
            lambda r: setattr(
                r, "preface", f"本报告所列数据的统计期限自{r.meta.year - 1}年1月1日起至{r.meta.year - 1}年12月31日止。"
            )
        ),
        [("TEXT-PERIOD", ())],
    ),
    (
        "part-missing-and-empty",
        "2021",
        do(lambda r: r.parts.update({"六": None, "五": "  \n "})),
        [("PART-EMPTY", ()), ("PART-EMPTY", ())],
    ),
    ("part-six-says-none", "2021", do(lambda r: r.parts.__setitem__("六", "无。")), []),
    (
        "part1-topics",
        "2021",
        do(
            lambda r: r.parts.__setitem__(
                "一",
                r.text("一")
                .replace("（五）监督保障", "（五）其他")
                .replace("监督", "")
                .replace("考核", "")
                .replace("培训", ""),
            )
        ),
        [("PART1-TOPICS", ())],
    ),
    ("part1-topics-not-2019", "2019", do(lambda r: r.parts.__setitem__("一", "简短的总体情况。")), []),
    (
        "valid-ge-2021",
        "2021",
        setv(t2__b1__normative__made=30, t2__b1__normative__repealed=28),
        [
            ("T2-VALID-GE", ("t2.b1.normative.valid", "t2.b1.normative.made")),
            ("TEXT-TABLE", ("t2.b1.normative.made",)),
            ("TEXT-TABLE", ("t2.b1.normative.repealed",)),
        ],
    ),
    (
        "total-ge-2019",
        "2019",
        setv(t2__b1__normative__new_published=31),
        [("T2-TOTAL-GE", ("t2.b1.normative.total_published", "t2.b1.normative.new_published"))],
    ),
    (
        "rules-authority-2021",
        "2021",
        setv(t2__b1__rules__made=1, t2__b1__rules__valid=1),
        [("T2-RULES-AUTHORITY", ("t2.b1.rules.made",)), ("T2-RULES-AUTHORITY", ("t2.b1.rules.valid",))],
    ),
    (
        "rules-authority-city-ok",
        "2021",
        do(
            lambda r: (
                setattr(r.meta, "kind", AgencyKind.CITY),
                r.values.update({"t2.b1.rules.made": 1, "t2.b1.rules.valid": 1}),
            )
        ),
        [],
    ),
    (
        "fee-unit-2021",
        "2021",
        setv(t2__b8__fees__amount=Decimal("123500")),
        [("T2-FEE-UNIT", ("t2.b8.fees.amount",))],
    ),
    (
        "text-table-applications",
        "2021",
        do(
            lambda r: r.parts.__setitem__(
                "一", r.text("一").replace("新收政府信息公开申请33件", "新收政府信息公开申请35件")
            )
        ),
        [("TEXT-TABLE", ("t3.new.total",))],
    ),
    (
        "text-table-none-received",
        "2021",
        do(lambda r: r.parts.__setitem__("五", "本年度无依申请公开件。")),
        [("TEXT-TABLE", ("t3.new.total",))],
    ),
    (
        "text-table-review-chinese-numeral",
        "2021",
        do(lambda r: r.parts.__setitem__("五", "全年发生行政复议五件。")),
        [("TEXT-TABLE", ("t4.cases.review_total",))],
    ),
    (
        "text-table-no-litigation",
        "2021",
        do(lambda r: r.parts.__setitem__("五", "本年度未发生因政府信息公开引起的行政诉讼。")),
        [("TEXT-TABLE", ("t4.cases.direct_total", "t4.cases.after_review_total"))],
    ),
    (
        "text-year-stale-copy",
        "2021",
        do(lambda r: r.parts.__setitem__("六", "2024年，本机关共制定行政规范性文件0件。")),
        [("TEXT-YEAR", ()), ("TEXT-TABLE", ("t2.b1.normative.made",))],
    ),
    (
        "basis-citation-2021",
        "2021",
        do(lambda r: setattr(r, "preface", r.preface.replace("国办公开办函〔2021〕30号", "国办发〔2021〕30号"))),
        [("BASIS-CITATION", ())],
    ),
    (
        "basis-citation-2019",
        "2019",
        do(lambda r: setattr(r, "preface", r.preface + "依据国办公开办函[2021]30号编制。")),
        [("BASIS-CITATION", ())],
    ),
    (
        "fee-collected-more",
        "2021",
        do(lambda r: setattr(r.fees, "collected", Decimal("500"))),
        [("FEE-CONSISTENCY", ()), ("TEXT-TABLE", ())],  # part 六 says "实际收取240元"
    ),
    (
        "fee-unpaid-without-notice",
        "2021",
        do(lambda r: setattr(r.fees, "notices", 0)),
        [("FEE-CONSISTENCY", ("t3.r6_2.total",))],
    ),
]


@pytest.mark.parametrize(("edition", "mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(edition: str, mutate: Callable[[Report], None], expected: list) -> None:
    report = copy.deepcopy(clean(edition))
    mutate(report)
    assert sorted(f.as_tuple() for f in evaluate(report)) == sorted(expected)


def test_every_rule_code_has_a_case() -> None:
    from gxdesk.domain.editions import EDITIONS

    codes = {r.code for e in EDITIONS.values() for r in e.rules}
    covered = {code for *_, expected in CASES for code, _ in expected}
    assert codes == covered


def test_balance_message_reads_like_the_spec() -> None:
    report = clean("2021")
    report.values["t3.carry_out.natural"] = 2
    (finding,) = (f for f in evaluate(report) if f.code == "T3-BALANCE")
    assert finding.message == "自然人：本年新收 23 + 上年结转 2 = 25，但办理结果总计 24 + 结转下年度 2 = 26，相差 1"
    assert (finding.expected, finding.actual, finding.difference) == (25, 26, 1)
    assert finding.severity is Severity.ERROR


def test_fee_unit_message_converts_to_yuan() -> None:
    report = clean("2021")
    report.values["t2.b8.fees.amount"] = Decimal("123500")
    (finding,) = evaluate(report)
    assert "1235000000 元" in finding.message and finding.severity is Severity.WARNING


def test_finding_keys_are_stable_and_distinct() -> None:
    report = clean("2021")
    report.parts.update({"五": "", "六": None})
    keys = [f.key for f in evaluate(report)]
    assert len(keys) == len(set(keys)) == 2
    assert keys == [f.key for f in evaluate(copy.deepcopy(report))]


def test_roll_messages_read_as_a_clerk_would() -> None:
    report = clean("2021")
    report.values["t2.b1.normative.valid"] = 30
    (roll,) = (f for f in evaluate(report) if f.code == "T2-VALID-ROLL")
    assert roll.message.startswith(
        "行政规范性文件：上年现行有效件数 25 + 本年制发件数 3 − 本年废止件数 1 = 27，但本年“现行有效件数”为 30"
    )
    assert "本年本年" not in roll.message
    report.parts["六"] = "全年未发生行政诉讼。"
    (text,) = (f for f in evaluate(report) if f.code == "TEXT-TABLE" and f.part == "六")
    assert text.message.endswith("但表四“行政诉讼”总计（未经复议直接起诉与复议后起诉之和）为 3")
