"""Figures that narratives state about the tables, as data: which phrasing names which cells.

Each ``Claim`` is a regular expression in the phrasing real reports use (``NUM`` stands for a
count in Arabic or Chinese numerals, ``AMT`` for an amount) and the cells whose sum it states.
The TEXT-TABLE and TEXT-YEAR evaluators read sentences, never whole texts, so that the scope
and the year of a figure are those of its own sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
    # Words one of which every sentence the phrasing can match contains ("|" between them): a
    # sentence without any is not searched, and the pattern is compiled only when first needed.
    needs: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)


class ClaimWords:
    """Which claims may match a sentence, by one search for all their words: those whose
    ``context`` (if any) is in the sentence and one of whose ``needs`` words (if any) is.

    A sentence is read against every claim on each check; testing each claim's words one by one
    was a quarter of the checks' time after an edit. The search looks at every position for the
    longest word starting there; a word found stands for every claim word inside it too, so no
    occurrence is missed where words overlap (申请 inside 公开申请).
    """

    def __init__(self, claims: tuple[Claim, ...]) -> None:
        self.claims = claims
        words = sorted({w for c in claims for w in c.needs}, key=len, reverse=True)
        self.always = frozenset(i for i, c in enumerate(claims) if not c.needs)
        self.search = re.compile("(?=(" + "|".join(map(re.escape, words)) + "))") if words else None
        self.claims_of = {w: frozenset(i for i, c in enumerate(claims) for x in c.needs if x in w) for w in words}

    def candidates(self, sentence: str) -> list[int]:
        """The indexes, in order, of the claims that may match ``sentence``."""
        picked = set(self.always)
        if self.search is not None:
            for word in set(self.search.findall(sentence)):
                picked |= self.claims_of[word]
        return [i for i in sorted(picked) if not self.claims[i].context or self.claims[i].context in sentence]


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
_DOC_UNIT = "(?:件|份|个)"
# What an application is called: 政府信息公开申请, 依申请公开（件/事项）, 公开政府信息申请, …
_APPLICATION = (
    "(?:政府信息公开申请件|政府信息公开申请|依申请公开申请|依申请公开件|依申请公开事项|依申请公开|依申请信息公开"
    "|公开政府信息申请|政府信息依申请公开|信息公开申请|申请件|申请)"
)
_RECEIVE = "(?:收到|新收|受理|接收|接到|收悉)"
_NEXT_YEAR = r"(?:下(?:一)?年度?|次年|20\d{2}年度?)"
# 许可和行政处罚信息共N条, 予以公开、部分公开N件: a sum of two rows, not one (but "21件、部分公开5件"
# is a list of figures, each its own).
_NOT_LISTED = "(?<![和及与])(?<![^\\d件个条]、)"
_DOCS = "(?:行政)?规范性文件"


def _decisions(row: Node, block: str) -> Claim:
    """行政许可/处罚/强制 N 件: the decisions of one 表二 row, its label read from the table."""
    return Claim(
        row.id,
        rf"{_NOT_LISTED}{row.label}(?:决定|信息)?{_TOTALS}(NUM){_ITEM}",
        (t2_cell(block, row.id, "decisions"),),
        needs=(row.label,),
    )


HANDLED = (_t3(NEW), _t3(CARRIED_IN))  # 新收 + 上年结转: what "收到申请N件" often means

CLAIMS: tuple[Claim, ...] = (
    # ---- 表三: applications -------------------------------------------------------------
    Claim(
        "received",
        rf"{_RECEIVE}(?:了)?(?:各类|群众|公民|公众|社会公众)?(?:的)?(?:提出的)?{_APPLICATION}{_TOTALS}(NUM){_COUNT}",
        (_t3(NEW),),
        also=(HANDLED,),
    ),
    Claim(  # 共收到N件申请, 受理N件政府信息公开申请: the noun after the number
        "received-noun-last",
        rf"{_RECEIVE}(?:了)?{_TOTALS}(NUM){_COUNT}(?:的)?(?:政府信息公开|依申请公开|信息公开|公开政府信息)?(?:的)?申请",
        (_t3(NEW),),
        also=(HANDLED,),
    ),
    Claim(
        "none-received",
        r"(?:无|没有|未收到|未接到|未有|未受理)(?:任何)?(?:单位和个人提出的|形式的)?"
        r"(?:依申请公开|政府信息公开申请|信息公开申请|公开政府信息申请)",
        (_t3(NEW),),
    ),
    Claim(
        "carried-in",
        rf"上(?:一)?年(?:度)?结转(?:的)?(?:政府信息公开)?(?:信息公开)?(?:申请)?{_TOTALS}(NUM){_COUNT}",
        (_t3(CARRIED_IN),),
    ),
    Claim(
        "carry-out",
        rf"结转(?:至|到|入)?{_NEXT_YEAR}(?:继续)?(?:办理)?(?:的)?(?:申请)?{_TOTALS}(NUM){_COUNT}",
        (_t3(CARRY_OUT),),
    ),
    Claim(  # N件结转下年度继续办理
        "carry-out-number-first",
        rf"(NUM){_COUNT}(?:申请)?(?:需)?结转(?:至|到|入)?{_NEXT_YEAR}",
        (_t3(CARRY_OUT),),
    ),
    Claim(
        "answered",
        rf"(?:办结|答复|办理完毕|按时答复|依法答复|完成|处理)(?:了)?(?:政府信息公开|依申请公开|政府信息依申请公开)?"
        rf"(?:申请)?(?:答复)?{_TOTALS}(NUM){_COUNT}",
        (_t3(RESULTS_TOTAL),),
        also=(HANDLED, (_t3(NEW),)),
        context="申请",
    ),
    Claim(  # 本年度依申请信息公开N件
        "applications",
        rf"(?<![予以不])依申请(?:信息)?公开(?:件|事项|申请)?{_TOTALS}(NUM){_COUNT}",
        (_t3(NEW),),
        also=(HANDLED,),
    ),
    Claim(  # 共办理政府信息公开申请N件
        "handled",
        rf"办理(?:了)?(?:政府信息公开|依申请公开)(?:申请)?(?:事项)?{_TOTALS}(NUM){_COUNT}",
        (_t3(RESULTS_TOTAL),),
        also=(HANDLED, (_t3(NEW),)),
    ),
    # By applicant: 其中自然人申请N件，法人或其他组织申请N件 (this year's new ones, or with last year's).
    *(
        Claim(
            f"applicant-{key}",
            rf"{words}(?:申请|提出(?:的)?申请|的申请)?{_TOTALS}(NUM){_COUNT}",
            tuple(_t3(NEW, c) for c in cols),
            also=(tuple(_t3(r, c) for r in (NEW, CARRIED_IN) for c in cols),),
            context="申请",
        )
        for key, words, cols in (
            ("natural", "(?:自然人|个人|公民)", ("natural",)),
            ("legal", "法人(?:或|和|及)其他组织", ("business", "research", "nonprofit", "legal", "other")),
            ("business", "(?<!法人或)(?:商业企业|企业)", ("business",)),
            ("research", "科研机构", ("research",)),
            ("nonprofit", "社会公益组织", ("nonprofit",)),
            ("lawyers", "法律服务机构", ("legal",)),
            ("other", "(?<![人或和及])其他组织", ("other",)),
        )
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
        rf"(?:发生|收到|被申请|涉及|办理|引发)?(?:政府信息公开)?(?:类)?行政复议(?:案件)?{_TOTALS}(NUM){_COUNT}",
        (t4_total(T4_GROUPS[0]),),
    ),
    Claim(  # 复议N件，诉讼N件: the short words
        "review-short",
        rf"(?<![行政])(?:被申请)?复议(?:案件)?{_TOTALS}(NUM){_COUNT}",
        (t4_total(T4_GROUPS[0]),),
    ),
    Claim(
        "litigation",
        rf"(?:发生|被提起|涉及|办理|引发)?(?:政府信息公开)?(?:类)?行政诉讼(?:案件)?{_TOTALS}(NUM){_COUNT}",
        (t4_total(T4_GROUPS[1]), t4_total(T4_GROUPS[2])),
    ),
    Claim(
        "litigation-short",
        rf"(?<![行政])(?:被提起)?(?<!复议后)诉讼(?:案件)?{_TOTALS}(NUM){_COUNT}",
        (t4_total(T4_GROUPS[1]), t4_total(T4_GROUPS[2])),
        context="复议",
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
    Claim(
        "valid",
        rf"现行有效(?:的)?(?:行政)?(?:规范性)?文件{_TOTALS}(?:有)?(NUM){_DOC_UNIT}",
        (t2_cell("b1", "normative", "valid"),),
        context="规范性文件",
    ),
    Claim(
        "made",
        rf"(?:制发|制定|印发|出台|制定发布|制定印发)(?:了)?(?:的)?{_DOCS}{_TOTALS}(NUM){_DOC_UNIT}",
        (t2_cell("b1", "normative", "made"), t2_cell("b1", "normative", "new_made")),
    ),
    Claim(  # 制发3份规范性文件
        "made-number-first",
        rf"(?:制发|制定|印发|出台)(?:了)?(NUM){_DOC_UNIT}(?:的)?{_DOCS}",
        (t2_cell("b1", "normative", "made"), t2_cell("b1", "normative", "new_made")),
    ),
    Claim(  # 主动公开规章N件，行政规范性文件N件 (2019: 本年新制作)
        "published-normative",
        rf"(?:主动公开|新增公开)(?:规章{NUMBER}{_DOC_UNIT}[，,、])?{_DOCS}{_TOTALS}(NUM){_DOC_UNIT}",
        (t2_cell("b1", "normative", "made"), t2_cell("b1", "normative", "new_made")),
    ),
    Claim(
        "repealed",
        rf"废止(?:了)?(?:{_DOCS}|文件)?{_TOTALS}(NUM){_DOC_UNIT}",
        (t2_cell("b1", "normative", "repealed"),),
        context="规范性文件",
    ),
    Claim(
        "repealed-number-first",
        rf"废止(?:了)?(NUM){_DOC_UNIT}(?:的)?{_DOCS}",
        (t2_cell("b1", "normative", "repealed"),),
    ),
    # 规章, as 表二's first row: 新增公开规章N件, 制发政府规章N份, 现行有效政府规章N份.
    Claim(
        "rules-made",
        rf"(?:新增公开|主动公开|制发|制定|出台|印发)(?:了)?(?:（修改）|\(修改\))?(?:政府)?规章{_TOTALS}(NUM){_DOC_UNIT}",
        (t2_cell("b1", "rules", "made"), t2_cell("b1", "rules", "new_made")),
    ),
    Claim(
        "rules-repealed",
        rf"废止(?:了)?(?:政府)?规章{_TOTALS}(NUM){_DOC_UNIT}",
        (t2_cell("b1", "rules", "repealed"),),
    ),
    Claim(
        "rules-valid",
        rf"现行有效(?:的)?(?:政府)?规章{_TOTALS}(?:有)?(NUM){_DOC_UNIT}",
        (t2_cell("b1", "rules", "valid"),),
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

# The words a claim's phrasing always contains (see ``Claim.needs``), by claim id.
_NEEDS = {
    **dict.fromkeys(("received", "received-noun-last", "applications", "handled"), ("申请", "依申请")),
    "none-received": ("申请",),
    **dict.fromkeys(("carried-in", "carry-out", "carry-out-number-first"), ("结转",)),
    **dict.fromkeys(("answered",), ("办结", "答复", "办理", "完成", "处理")),
    **dict.fromkeys(("public-and-partial", "public", "partial", "not-public"), ("公开",)),
    "unable": ("无法提供",),
    "not-processed": ("不予处理",),
    "other-processing": ("其他处理",),
    **dict.fromkeys(("review", "review-short", "no-review"), ("复议",)),
    **dict.fromkeys(("litigation", "litigation-short", "no-litigation"), ("诉讼",)),
    **dict.fromkeys(("valid", "made", "made-number-first", "published-normative", "repealed"), ("文件",)),
    "repealed-number-first": ("文件",),
    **dict.fromkeys(("rules-made", "rules-repealed", "rules-valid"), ("规章",)),
    "fees-amount": ("收费",),
    "fees-collected": ("费",),
}
CLAIMS = tuple(replace(c, needs=_NEEDS.get(c.id, c.needs)) for c in CLAIMS)

# ---- where a sentence speaks of something else ------------------------------------------------
# Another scope: the whole area or subordinate units, not the reporting agency.
OTHER_SCOPE = re.compile(
    r"全(?:省|市|区|县|旗|州|盟|镇|乡|系统)|各(?:部门|单位|乡镇|街道|县|区|市|级)|下属|所属|系统内"
)
# A figure about another year is not this year's, unless the sentence also names this year.
YEAR = re.compile(r"(20\d{2})\s*年")
# …结转至2026年N件: a year that says where a figure is carried, not when it happened.
CARRY_YEAR = re.compile(r"结转(?:至|到|入)?(20\d{2})\s*年")
GOVERNMENT_KINDS = frozenset({"省级人民政府", "设区的市人民政府", "县级人民政府", "乡镇人民政府"})
_GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府|管理委员会|管委会)(?:办公室|办公厅)?$")
_AREA_WORDS = {"自治区": "全区", "自治州": "全州", "自治县": "全县", "街道": "全街道", "园区": "全园区"}


def own_scopes(agency: str, kind: str) -> frozenset[str]:
    """The 全X words that name the reporting agency's own area: a county government's 全县, a
    zone 管委会's 全区. A department's report has none: its 全县 is someone else's figures."""
    name = re.sub(r"\s+", "", agency)
    name = re.sub(r"[(（][^()（）]*[)）]$", "", name)
    if name.endswith("街道办事处"):
        return frozenset({"全街道", "全街"})
    is_government = kind in GOVERNMENT_KINDS or "管委会" in name or "管理委员会" in name
    match = _GOVERNMENT_SUFFIX.search(name)
    if not is_government or match is None:
        return frozenset()
    core = name[: match.start()]
    for ending, word in _AREA_WORDS.items():
        if core.endswith(ending):
            return frozenset({word, "全区"} if ending == "园区" else {word})
    if core and core[-1] in "省市县区旗州盟镇乡":
        return frozenset({"全" + core[-1]})
    return frozenset({"全区"}) if "区" in core else frozenset()


THIS_YEAR = re.compile(r"本年|今年|本年度")
COMPARISON = re.compile(r"同比|同期|较上年|较去年|比上年|比去年|上年度|上一年|去年|相比|增长|下降|增加|减少|上升|持平")
APPROXIMATE = re.compile(r"[约近超逾]$")
SENTENCE_END = re.compile(r"(?<=[。；！？!?;])|\n")

STALE_EXEMPT_PARTS = ("五",)  # problems and their rectification speak of last year on purpose
