"""What both editions share: the six parts, table 三 (but its （六） rows) and table 四.

Every official label below is written once; ``tests/unit/test_editions.py`` compares them
with the format notice character for character.
"""

from __future__ import annotations

from gxdesk.domain.cells import CellKind
from gxdesk.domain.records import record
from gxdesk.domain.tables import Breaks, Node, PrintLayout, TableSpec, cell_id, group, leaf, tree_table


@record(frozen=True)
class PartSpec:
    """One of the six parts: its numeral, official heading, and headings seen in the wild."""

    numeral: str
    heading: str
    aliases: tuple[str, ...] = ()
    table: bool = False

    @property
    def title(self) -> str:
        """Heading without its numeral, e.g. ``总体情况``."""
        return self.heading.split("、", 1)[1]


PARTS = (
    PartSpec("一", "一、总体情况"),
    PartSpec("二", "二、主动公开政府信息情况", table=True),
    PartSpec("三", "三、收到和处理政府信息公开申请情况", table=True),
    PartSpec(
        "四",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "四、政府信息公开行政复议和行政诉讼情况",
            "四、政府信息公开行政复议及行政诉讼情况",
        ),
        table=True,
    ),
    PartSpec(
        "五",
        "五、存在的主要问题及改进情况",
        (
            "五、政府信息公开工作存在的主要问题及改进情况",
            "五、存在问题及改进情况",
            "五、存在的主要问题及改进措施",
        ),
    ),
    PartSpec("六", "六、其他需要报告的事项"),
)
PART_NUMERALS = tuple(p.numeral for p in PARTS)
NARRATIVE_PARTS = tuple(p.numeral for p in PARTS if not p.table)
TABLE_PARTS = tuple(p.numeral for p in PARTS if p.table)
PREFACE = "前言"
BASIC = "基本信息"

# ---- Table 二 (the labels both editions use) -------------------------------------------
T2 = "t2"
T2_HEAD = "信息内容"
T2_CAPTIONS = {
    "b1": "第二十条第（一）项",
    "b5": "第二十条第（五）项",
    "b6": "第二十条第（六）项",
    "b8": "第二十条第（八）项",
    "b9": "第二十条第（九）项",
}
ROW_RULES = leaf("规章", "rules")
ROW_LICENSE = leaf("行政许可", "license")
ROW_PENALTY = leaf("行政处罚", "penalty")
ROW_COERCION = leaf("行政强制", "coercion")
ROW_FEES = leaf("行政事业性收费", "fees")
RULES_ROW = f"b1.{ROW_RULES.id}"


def t2_cell(block: str, row: str, col: str) -> str:
    """Id of a table-二 cell, e.g. ``t2.b1.normative.valid``."""
    return cell_id(T2, block, row, col)


# ---- Table 三 -------------------------------------------------------------------------
T3 = "t3"
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ("natural", "business", "research", "nonprofit", "legal", "other")
TOTAL = "total"
T3_COLUMNS = group(
    "申请人情况",
    leaf("自然人", "natural"),
    group(
        "法人或其他组织",
        leaf("商业企业", "business"),
        leaf("科研机构", "research"),
        leaf("社会公益组织", "nonprofit"),
        leaf("法律服务机构", "legal"),
        leaf("其他", "other"),
    ),
    leaf("总计", TOTAL),
)
NEW, CARRIED_IN, RESULTS_TOTAL, CARRY_OUT = "new", "carried_in", "r7_total", "carry_out"
T3_NEW = leaf("一、本年新收政府信息公开申请数量", NEW, "本年新收")
T3_CARRIED_IN = leaf("二、上年结转政府信息公开申请数量", CARRIED_IN, "上年结转")
T3_RESULTS = "三、本年度办理结果"
T3_RESULTS_HEAD = (
    leaf("（一）予以公开", "r1_public"),
    leaf("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "r2_partial"),
    group(
        "（三）不予公开",
        leaf("1.属于国家秘密", "r3_1"),
        leaf("2.其他法律行政法规禁止公开", "r3_2"),
        leaf("3.危及“三安全一稳定”", "r3_3"),
        leaf("4.保护第三方合法权益", "r3_4"),
        leaf("5.属于三类内部事务信息", "r3_5"),
        leaf("6.属于四类过程性信息", "r3_6"),
        leaf("7.属于行政执法案卷", "r3_7"),
        leaf("8.属于行政查询事项", "r3_8"),
    ),
    group(
        "（四）无法提供",
        leaf("1.本机关不掌握相关政府信息", "r4_1"),
        leaf("2.没有现成信息需要另行制作", "r4_2"),
        leaf("3.补正后申请内容仍不明确", "r4_3"),
    ),
    group(
        "（五）不予处理",
        leaf("1.信访举报投诉类申请", "r5_1"),
        leaf("2.重复申请", "r5_2"),
        leaf("3.要求提供公开出版物", "r5_3"),
        leaf("4.无正当理由大量反复申请", "r5_4"),
        leaf("5.要求行政机关确认或重新出具已获取信息", "r5_5"),
    ),
)
T3_OTHER = "（六）其他处理"
T3_RESULTS_TOTAL = leaf("（七）总计", RESULTS_TOTAL, "办理结果总计")
T3_CARRY_OUT = leaf("四、结转下年度继续办理", CARRY_OUT, "结转下年度")


def table_three(other: Node) -> TableSpec:
    """Table 三 with the edition's （六）其他处理 node."""
    results = group(T3_RESULTS, *T3_RESULTS_HEAD, other, T3_RESULTS_TOTAL)
    result_rows = [p[-1].id for n in (*T3_RESULTS_HEAD, other) for p in n.leaves()]

    def totals(row: str, col: str) -> tuple[str, ...]:
        if col == TOTAL:
            return tuple(cell_id(T3, row, c) for c in APPLICANTS)
        if row == RESULTS_TOTAL:
            return tuple(cell_id(T3, r, col) for r in result_rows)
        return ()

    return tree_table(
        T3,
        "三",
        corner=T3_NOTE,
        rows=(T3_NEW, T3_CARRIED_IN, results, T3_CARRY_OUT),
        columns=T3_COLUMNS,
        kind=CellKind.COUNT,
        totals=totals,
        col_widths=(7, 11, 24, 8, 9, 9, 12, 12, 7, 8),
        # Printed widths chosen so 4-character headers (商业企业) fit on one line at 小五 and the
        # long labels wrap into two lines at most; they fill the 156 mm type area exactly.
        layout=PrintLayout(
            widths_mm=(9, 18.5, 35, 12, 15.5, 15.5, 15.5, 15.5, 9.5, 10),
            font_pt=9,
            row_height_mm=6,
            breaks=Breaks.BETWEEN_GROUPS,
            sheet_chars=(6, 14, 30, 8, 9, 9, 11, 11, 7, 8),
        ),
    )


# ---- Table 四 -------------------------------------------------------------------------
T4 = "t4"
OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
T4_GROUPS = ("review", "direct", "after_review")


def _outcomes(prefix: str) -> tuple[Node, ...]:
    return (*(leaf(label, f"{prefix}_{oid}") for oid, label in OUTCOMES), leaf("总计", f"{prefix}_{TOTAL}"))


T4_COLUMNS = group(
    "",
    group("行政复议", *_outcomes("review")),
    group(
        "行政诉讼",
        group("未经复议直接起诉", *_outcomes("direct")),
        group("复议后起诉", *_outcomes("after_review")),
    ),
)
T4_ROW = "cases"


def _t4_totals(row: str, col: str) -> tuple[str, ...]:
    prefix, _, what = col.rpartition("_")
    if what != TOTAL:
        return ()
    return tuple(cell_id(T4, row, f"{prefix}_{oid}") for oid, _ in OUTCOMES)


TABLE_FOUR = tree_table(
    T4,
    "四",
    corner="",
    rows=(leaf("", T4_ROW),),
    columns=T4_COLUMNS,
    kind=CellKind.COUNT,
    totals=_t4_totals,
    col_widths=(10,) * 15,
    layout=PrintLayout(font_pt=9, row_height_mm=7, breaks=Breaks.NEVER, sheet_chars=(7,) * 15, landscape=True),
)
# 表二's print layout; its blocks differ between the editions, its columns do not.
TABLE_TWO_LAYOUT = PrintLayout(
    widths_mm=(50, 35.3, 35.3, 35.4),
    font_pt=10.5,
    row_height_mm=8,
    breaks=Breaks.BETWEEN_BLOCKS,
    sheet_chars=(24, 16, 16, 16),
)


def t4_total(group_id: str) -> str:
    return cell_id(T4, T4_ROW, f"{group_id}_{TOTAL}")
