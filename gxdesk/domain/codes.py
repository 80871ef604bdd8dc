"""Every rule code (``shared/spec/rules.md``) and what kind of finding it is, as data.

Views never spell a code: they ask for a tag (what is still to be filled, what a 总计 sum
decides, what belongs on the 基本信息 step, …). A code typed wrong is then an error where it is
declared, not a filter that silently matches nothing.
"""

from __future__ import annotations

from enum import Enum, StrEnum


class RuleCode(StrEnum):
    T3_BALANCE = "T3-BALANCE"
    T3_ROWSUM = "T3-ROWSUM"
    T3_RESULTSUM = "T3-RESULTSUM"
    T4_GROUPSUM = "T4-GROUPSUM"
    CELL_VALUE = "CELL-VALUE"
    CELL_BLANK = "CELL-BLANK"
    T3_CARRY = "T3-CARRY"
    T2_VALID_ROLL = "T2-VALID-ROLL"
    T2_TOTAL_ROLL = "T2-TOTAL-ROLL"
    T2_ITEMS_ROLL = "T2-ITEMS-ROLL"
    TEXT_REUSE = "TEXT-REUSE"
    EDITION_YEAR = "EDITION-YEAR"
    PART_EMPTY = "PART-EMPTY"
    PART1_TOPICS = "PART1-TOPICS"
    T2_VALID_GE = "T2-VALID-GE"
    T2_TOTAL_GE = "T2-TOTAL-GE"
    T2_RULES_AUTHORITY = "T2-RULES-AUTHORITY"
    T2_FEE_UNIT = "T2-FEE-UNIT"
    TEXT_TABLE = "TEXT-TABLE"
    TEXT_YEAR = "TEXT-YEAR"
    TEXT_PERIOD = "TEXT-PERIOD"
    BASIS_CITATION = "BASIS-CITATION"
    FEE_CONSISTENCY = "FEE-CONSISTENCY"
    ROLLUP_SUM = "ROLLUP-SUM"
    PRIOR_AGENCY = "PRIOR-AGENCY"

    @property
    def tags(self) -> frozenset[RuleTag]:
        return TAGS.get(self, frozenset())

    def has(self, tag: RuleTag) -> bool:
        return tag in TAGS.get(self, ())


class RuleTag(Enum):
    """What a finding is about, for the views that sort, count or route findings."""

    TODO = "todo"  # not yet filled: work to do while writing, a finding at export
    BLANK_CELL = "blank_cell"  # a table cell left empty (the export writes 0)
    EMPTY_PART = "empty_part"  # a part with nothing written
    SUM = "sum"  # a 总计 that is not the sum of its parts: "接受重新计算的合计" settles it
    CROSS_YEAR = "cross_year"  # needs last year's report
    REUSE = "reuse"  # 内容雷同: text carried over from last year
    BASIC_STEP = "basic_step"  # shown on the 基本信息 step (the year decides the edition)
    TEXT = "text"  # reads the narrative


TAGS: dict[RuleCode, frozenset[RuleTag]] = {
    RuleCode.CELL_BLANK: frozenset({RuleTag.TODO, RuleTag.BLANK_CELL}),
    RuleCode.PART_EMPTY: frozenset({RuleTag.TODO, RuleTag.EMPTY_PART}),
    RuleCode.T3_ROWSUM: frozenset({RuleTag.SUM}),
    RuleCode.T3_RESULTSUM: frozenset({RuleTag.SUM}),
    RuleCode.T4_GROUPSUM: frozenset({RuleTag.SUM}),
    RuleCode.T3_CARRY: frozenset({RuleTag.CROSS_YEAR}),
    RuleCode.T2_VALID_ROLL: frozenset({RuleTag.CROSS_YEAR}),
    RuleCode.T2_TOTAL_ROLL: frozenset({RuleTag.CROSS_YEAR}),
    RuleCode.T2_ITEMS_ROLL: frozenset({RuleTag.CROSS_YEAR}),
    RuleCode.TEXT_REUSE: frozenset({RuleTag.CROSS_YEAR, RuleTag.REUSE, RuleTag.TEXT}),
    RuleCode.EDITION_YEAR: frozenset({RuleTag.BASIC_STEP}),
    RuleCode.PRIOR_AGENCY: frozenset({RuleTag.BASIC_STEP, RuleTag.CROSS_YEAR}),
    RuleCode.TEXT_TABLE: frozenset({RuleTag.TEXT}),
    RuleCode.TEXT_YEAR: frozenset({RuleTag.TEXT}),
    RuleCode.TEXT_PERIOD: frozenset({RuleTag.TEXT}),
    RuleCode.BASIS_CITATION: frozenset({RuleTag.TEXT}),
    RuleCode.PART1_TOPICS: frozenset({RuleTag.TEXT}),
}


def codes_with(tag: RuleTag) -> frozenset[RuleCode]:
    return frozenset(code for code, tags in TAGS.items() if tag in tags)
