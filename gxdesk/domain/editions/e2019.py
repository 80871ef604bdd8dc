"""The 2019 edition (国办公开办函〔2019〕60号), for report years 2019 and 2020."""

from __future__ import annotations

from gxdesk.domain.catalog import (
    arithmetic_rules,
    authority_rule,
    carry_rules,
    ge_rule,
    roll_rule,
    text_rules,
)
from gxdesk.domain.cells import CellKind
from gxdesk.domain.codes import RuleCode
from gxdesk.domain.edition import Edition
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
    T3_OTHER,
    TABLE_FOUR,
    TABLE_TWO_LAYOUT,
    t2_cell,
    table_three,
)
from gxdesk.domain.tables import Block, Column, block_table, leaf

DOCUMENT = "国办公开办函〔2019〕60号"

_ITEMS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", CellKind.SIGNED),
    Column("decisions", "处理决定数量"),
)
ROW_NORMATIVE = leaf("规范性文件", "normative")
ROW_OTHER_SERVICES = leaf("其他对外管理服务事项", "other_services")
ROW_PROCUREMENT = leaf("政府集中采购", "procurement")

TABLE_TWO = block_table(
    T2,
    "二",
    head=T2_HEAD,
    blocks=(
        Block(
            "b1",
            T2_CAPTIONS["b1"],
            (
                Column("new_made", "本年新制作数量"),
                Column("new_published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
            (ROW_RULES, ROW_NORMATIVE),
        ),
        Block("b5", T2_CAPTIONS["b5"], _ITEMS, (ROW_LICENSE, ROW_OTHER_SERVICES)),
        Block("b6", T2_CAPTIONS["b6"], _ITEMS, (ROW_PENALTY, ROW_COERCION)),
        Block(
            "b8",
            T2_CAPTIONS["b8"],
            (_ITEMS[0], Column("change", "本年增/减", CellKind.SIGNED, span=2)),
            (ROW_FEES,),
        ),
        Block(
            "b9",
            T2_CAPTIONS["b9"],
            (
                Column("count", "采购项目数量"),
                Column("amount", "采购总金额", CellKind.AMOUNT_YUAN, span=2),
            ),
            (ROW_PROCUREMENT,),
        ),
    ),
    col_widths=(30, 18, 18, 18),
    layout=TABLE_TWO_LAYOUT,
)
TABLE_THREE = table_three(leaf(T3_OTHER, "r6"))
TABLES = (TABLE_TWO, TABLE_THREE, TABLE_FOUR)


_DOC_ROWS = (("b1", ROW_RULES.id), ("b1", ROW_NORMATIVE.id))
_ITEM_ROWS = (
    ("b5", ROW_LICENSE.id),
    ("b5", ROW_OTHER_SERVICES.id),
    ("b6", ROW_PENALTY.id),
    ("b6", ROW_COERCION.id),
    ("b8", ROW_FEES.id),
)

RULES = (
    *arithmetic_rules(TABLES),
    authority_rule(TABLE_TWO),
    *(
        ge_rule(
            RuleCode.T2_TOTAL_GE,
            t2_cell(b, r, "total_published"),
            t2_cell(b, r, "new_published"),
            "",
        )
        for b, r in _DOC_ROWS
    ),
    *(
        roll_rule(
            RuleCode.T2_TOTAL_ROLL,
            t2_cell(b, r, "total_published"),
            ((1, "prior", t2_cell(b, r, "total_published")), (1, "this", t2_cell(b, r, "new_published"))),
            "",
        )
        for b, r in _DOC_ROWS
    ),
    *(
        roll_rule(
            RuleCode.T2_ITEMS_ROLL,
            t2_cell(b, r, "prev_items"),
            ((1, "prior", t2_cell(b, r, "prev_items")), (1, "prior", t2_cell(b, r, "change"))),
            "",
        )
        for b, r in _ITEM_ROWS
    ),
    *carry_rules(TABLES),
    *text_rules(document=DOCUMENT, wrong_citations=(("公开办函", "2021", "30"),)),
)

EDITION = Edition(
    id="2019",
    document=DOCUMENT,
    document_title="《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》",
    first_year=2019,
    last_year=2020,
    parts=PARTS,
    tables=TABLES,
    rules=(*RULES,),
)
