"""The 2021 edition (国办公开办函〔2021〕30号), for report years 2021 and later."""

from __future__ import annotations

from gxdesk.domain.catalog import (
    WARNING,
    arithmetic_rules,
    authority_rule,
    carry_rules,
    ge_rule,
    roll_rule,
    text_rules,
)
from gxdesk.domain.cells import CellKind
from gxdesk.domain.codes import RuleCode
from gxdesk.domain.edition import Edition, Migration, Topic
from gxdesk.domain.editions.common import (
    PARTS,
    ROW_COERCION,
    ROW_FEES,
    ROW_LICENSE,
    ROW_PENALTY,
    ROW_RULES,
    T2,
    T2_CAPTIONS,
    T2_HEAD,
    T3,
    T3_OTHER,
    TABLE_FOUR,
    TABLE_TWO_LAYOUT,
    TOTAL,
    t2_cell,
    table_three,
)
from gxdesk.domain.rule import Rule
from gxdesk.domain.tables import Block, Column, block_table, cell_id, group, leaf

DOCUMENT = "国办公开办函〔2021〕30号"

ROW_NORMATIVE = leaf("行政规范性文件", "normative")
_DECISIONS = (Column("decisions", "本年处理决定数量", span=3),)

TABLE_TWO = block_table(
    T2,
    "二",
    head=T2_HEAD,
    blocks=(
        Block(
            "b1",
            T2_CAPTIONS["b1"],
            (
                Column("made", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("valid", "现行有效件数"),
            ),
            (ROW_RULES, ROW_NORMATIVE),
        ),
        Block("b5", T2_CAPTIONS["b5"], _DECISIONS, (ROW_LICENSE,)),
        Block("b6", T2_CAPTIONS["b6"], _DECISIONS, (ROW_PENALTY, ROW_COERCION)),
        Block(
            "b8",
            T2_CAPTIONS["b8"],
            (Column("amount", "本年收费金额（单位：万元）", CellKind.AMOUNT_WAN, span=3),),
            (ROW_FEES,),
        ),
    ),
    col_widths=(30, 18, 18, 18),
    layout=TABLE_TWO_LAYOUT,
)
TABLE_THREE = table_three(
    group(
        T3_OTHER,
        leaf("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "r6_1"),
        leaf("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "r6_2"),
        leaf("3.其他", "r6_3"),
    )
)
TABLES = (TABLE_TWO, TABLE_THREE, TABLE_FOUR)

TOPICS = (
    Topic("（一）主动公开", ("主动公开",), "本年主动公开的重点领域信息、政策文件及解读、回应关切等情况。"),
    Topic(
        "（二）依申请公开",
        ("依申请公开", "公开申请"),
        "收到和办理政府信息公开申请的总体情况、办理质量、答复规范化等。",
    ),
    Topic(
        "（三）政府信息管理",
        ("信息管理", "管理"),
        "政府信息公开审查、规范性文件清理、政策文件库、公开属性管理等。",
    ),
    Topic(
        "（四）政府信息公开平台建设",
        ("平台建设", "公开平台", "政府网站", "政务新媒体", "平台"),
        "政府网站、政务新媒体、政府公报、政务服务中心等公开平台建设情况。",
    ),
    Topic(
        "（五）监督保障",
        ("监督保障", "监督", "考核", "培训"),
        "组织领导、制度建设、教育培训、考核评议和责任追究情况（人民政府还应报告工作考核、"
        "社会评议和责任追究结果情况）。",
    ),
)


_DOC_ROWS = (("b1", ROW_RULES.id), ("b1", ROW_NORMATIVE.id))
FEE_AMOUNT = t2_cell("b8", ROW_FEES.id, "amount")
FEE_UNPAID = cell_id(T3, "r6_2", TOTAL)

RULES = (
    *arithmetic_rules(TABLES),
    authority_rule(TABLE_TWO),
    *(ge_rule(RuleCode.T2_VALID_GE, t2_cell(b, r, "valid"), t2_cell(b, r, "made"), "") for b, r in _DOC_ROWS),
    Rule(
        RuleCode.T2_FEE_UNIT,
        "fee_unit",
        WARNING,
        "二",
        "{name}为 {actual}万元（即 {yuan} 元），数额异常，可能误按“元”填写；本栏单位是万元",
        {"cell": FEE_AMOUNT, "limits": {"国务院部门": 1_000_000, "省级人民政府": 1_000_000, "": 50_000}},
    ),
    *(
        roll_rule(
            RuleCode.T2_VALID_ROLL,
            t2_cell(b, r, "valid"),
            (
                (1, "prior", t2_cell(b, r, "valid")),
                (1, "this", t2_cell(b, r, "made")),
                (-1, "this", t2_cell(b, r, "repealed")),
            ),
            "（文件也可能因到期等原因失效，如属此情况请说明）",
        )
        for b, r in _DOC_ROWS
    ),
    *carry_rules(TABLES),
    Rule(
        RuleCode.PART1_TOPICS,
        "part_topics",
        WARNING,
        "一",
        "“一、总体情况”没有写到“{topic}”方面的内容（2021年版格式要求总体情况涵盖五个方面）",
        {},
    ),
    Rule(RuleCode.FEE_CONSISTENCY, "fee_consistency", WARNING, "六", "{problem}", {"unpaid": FEE_UNPAID}),
    *text_rules(
        document=DOCUMENT,
        wrong_citations=(
            ("公开办函", "2019", "60"),
            ("发", "2021", "30"),
        ),
    ),
)


EDITION = Edition(
    id="2021",
    document=DOCUMENT,
    document_title="《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
    first_year=2021,
    last_year=None,
    parts=PARTS,
    tables=TABLES,
    rules=RULES,
    topics=TOPICS,
    fee_figures=True,
    # From the 2019 edition: 规章/规范性文件 "本年新制作" is now "本年制发"; （六）其他处理, one row
    # in 2019, is three here (a 2019 figure goes to “3.其他”, and back they add up).
    migration=Migration(
        previous="2019",
        same_meaning={"t2.b1.rules.new_made": "t2.b1.rules.made", "t2.b1.normative.new_made": "t2.b1.normative.made"},
        rows={"t3.r6.": (("t3.r6_1.", "t3.r6_2.", "t3.r6_3."), "t3.r6_3.")},
    ),
)
