"""Figures that narratives state about the tables, as data: which phrasing names which cells.

Each ``Claim`` is a regular expression in the phrasing real reports use (``NUM`` stands for a
count in Arabic or Chinese numerals, ``AMT`` for an amount) and the cells whose sum it states.
The TEXT-TABLE and TEXT-YEAR evaluators read sentences, never whole texts, so that the scope
and the year of a figure are those of its own sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gxdesk.domain.editions.common import (
    CARRIED_IN,
    CARRY_OUT,
    NEW,
    RESULTS_TOTAL,
    ROW_COERCION,
    ROW_FEES,
    ROW_LICENSE,
    ROW_PENALTY,
    T3,
    T3_RESULTS_HEAD,
    T4_GROUPS,
    TOTAL,
    t2_cell,
    t4_total,
)
from gxdesk.domain.tables import Node, cell_id
from gxdesk.domain.textutil import NUMBER

FEES_COLLECTED = "fees.collected"  # not a table cell: part 六's figure (2021 edition)


@dataclass(frozen=True)
class Claim:
    """A phrasing that states ``cells``' sum; ``also`` lists other sums the phrasing may mean.

    ``context`` must occur in the same sentence (e.g. 废止N件 counts only next to 规范性文件);
    a claim without a number group states zero.
    """

    id: str
    pattern: str
    cells: tuple[str, ...]
    name: str = ""
    also: tuple[tuple[str, ...], ...] = ()
    context: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("NUM", NUMBER).replace("AMT", r"(?:\d+(?:\.\d+)?)"))


def _t3(row: str, col: str = TOTAL) -> str:
    return cell_id(T3, row, col)


def _group_rows(label: str) -> tuple[str, ...]:
    node = next(n for n in T3_RESULTS_HEAD if n.label == label)
    return tuple(_t3(path[-1].id) for path in node.leaves())


_OTHER_ROWS = (_t3("r6"), _t3("r6_1"), _t3("r6_2"), _t3("r6_3"))  # 2019 has one row, 2021 three
_TOTALS = "(?:共|共计|合计|总计|累计)?(?:计|为|达)?"
_COUNT = "(?:件|个|宗|起|份)"
_ITEM = "(?:件|条|个|宗)"
_NOT_LISTED = "(?<![和及与、])"  # 许可和行政处罚信息共N条 is a sum of two rows, not one
_DOCS = "(?:行政)?规范性文件"


def _decisions(row: Node, block: str) -> Claim:
    """行政许可/处罚/强制 N 件: the decisions of one 表二 row, its label read from the table."""
    return Claim(
        row.id,
        rf"{_NOT_LISTED}{row.label}(?:决定|信息)?{_TOTALS}(NUM){_ITEM}",
        (t2_cell(block, row.id, "decisions"),),
    )


HANDLED = (_t3(NEW), _t3(CARRIED_IN))  # 新收 + 上年结转: what "收到申请N件" often means

CLAIMS: tuple[Claim, ...] = (
    # ---- 表三: applications -------------------------------------------------------------
    Claim(
        "received",
        rf"(?:收到|新收|受理|接收|接到)(?:各类|群众|公民|公众|社会公众)?(?:的)?(?:政府信息公开|依申请公开|信息公开)"
        rf"(?:的)?(?:申请件|申请|件){_TOTALS}(NUM){_COUNT}",
        (_t3(NEW),),
        also=(HANDLED,),
    ),
    Claim(
        "none-received",
        r"(?:无|没有|未收到|未接到|未有|未受理)(?:任何)?(?:依申请公开|政府信息公开申请|信息公开申请)",
        (_t3(NEW),),
    ),
    Claim(
        "carried-in",
        rf"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?{_TOTALS}(NUM){_COUNT}",
        (_t3(CARRIED_IN),),
    ),
    Claim(
        "carry-out",
        rf"结转(?:至|到|入)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}",
        (_t3(CARRY_OUT),),
    ),
    Claim(
        "answered",
        rf"(?:办结|答复|办理完毕|按时答复|依法答复)(?:了)?(?:政府信息公开|依申请公开)?(?:申请)?{_TOTALS}(NUM){_COUNT}",
        (_t3(RESULTS_TOTAL),),
        also=(HANDLED, (_t3(NEW),)),
    ),
    Claim(
        "public-and-partial",
        rf"予以公开(?:及|和|与|、|或)部分公开(?:的)?{_TOTALS}(NUM){_COUNT}",
        (_t3("r1_public"), _t3("r2_partial")),
    ),
    Claim("public", rf"(?<!不)予以公开(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}", (_t3("r1_public"),)),
    Claim("partial", rf"{_NOT_LISTED}部分公开(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}", (_t3("r2_partial"),)),
    Claim("not-public", rf"不予公开(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}", _group_rows("（三）不予公开")),
    Claim("unable", rf"无法提供(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}", _group_rows("（四）无法提供")),
    Claim("not-processed", rf"不予处理(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}", _group_rows("（五）不予处理")),
    Claim("other-processing", rf"其他处理(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}", _OTHER_ROWS),
    # ---- 表四 -------------------------------------------------------------------------------
    Claim(
        "review",
        rf"(?:发生|收到|被申请|涉及|办理)?(?:政府信息公开)?(?:类)?行政复议(?:案件)?{_TOTALS}(NUM){_COUNT}",
        (t4_total(T4_GROUPS[0]),),
    ),
    Claim(
        "litigation",
        rf"(?:发生|被提起|涉及|办理)?(?:政府信息公开)?(?:类)?行政诉讼(?:案件)?{_TOTALS}(NUM){_COUNT}",
        (t4_total(T4_GROUPS[1]), t4_total(T4_GROUPS[2])),
    ),
    Claim(
        "no-review",
        r"(?:未发生|未出现|没有发生|无)(?:因政府信息公开(?:工作)?(?:而|引起|引发)?的?(?:被申请)?)?行政复议(?:[和及、或]行政诉讼)?",
        (t4_total(T4_GROUPS[0]),),
    ),
    Claim(
        "no-litigation",
        r"(?:未发生|未出现|没有发生|无)(?:因政府信息公开(?:工作)?(?:而|引起|引发)?的?(?:被申请)?)?"
        r"(?:行政复议[和及、或])?(?:被提起)?行政诉讼",
        (t4_total(T4_GROUPS[1]), t4_total(T4_GROUPS[2])),
    ),
    # ---- 表二 -------------------------------------------------------------------------------
    Claim("valid", rf"现行有效(?:的)?{_DOCS}{_TOTALS}(?:有)?(NUM)件", (t2_cell("b1", "normative", "valid"),)),
    Claim(
        "made",
        rf"(?:制发|制定|印发|出台)(?:了)?{_DOCS}{_TOTALS}(NUM)件",
        (t2_cell("b1", "normative", "made"),),
    ),
    Claim(
        "repealed",
        rf"废止(?:了)?(?:{_DOCS})?{_TOTALS}(NUM)件",
        (t2_cell("b1", "normative", "repealed"),),
        context="规范性文件",
    ),
    _decisions(ROW_LICENSE, "b5"),
    _decisions(ROW_PENALTY, "b6"),
    _decisions(ROW_COERCION, "b6"),
    Claim(
        "fees-amount",
        rf"{ROW_FEES.label}(?:金额|收入)?{_TOTALS}(AMT)万元",
        (t2_cell("b8", ROW_FEES.id, "amount"),),
    ),
    Claim(
        "fees-collected",
        rf"(?:实际)?收取(?:了)?(?:信息处理费|费用)?{_TOTALS}(AMT)元",
        (FEES_COLLECTED,),
        context="费",
    ),
)

# ---- where a sentence speaks of something else ------------------------------------------------
# Another scope: the whole area or subordinate units, not the reporting agency.
OTHER_SCOPE = re.compile(
    r"全(?:省|市|区|县|旗|州|盟|镇|乡|系统)|各(?:部门|单位|乡镇|街道|县|区|市|级)|下属|所属|系统内"
)
# A figure about another year is not this year's, unless the sentence also names this year.
YEAR = re.compile(r"(20\d{2})\s*年")
THIS_YEAR = re.compile(r"本年|今年|本年度")
COMPARISON = re.compile(r"同比|同期|较上年|较去年|比上年|比去年|上年度|上一年|去年|相比|增长|下降|增加|减少|上升|持平")
APPROXIMATE = re.compile(r"[约近超逾]$")
SENTENCE_END = re.compile(r"(?<=[。；！？!?;])|\n")

STALE_EXEMPT_PARTS = ("五",)  # problems and their rectification speak of last year on purpose
