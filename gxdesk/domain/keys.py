"""Closed sets of keys the report is addressed by: its texts and the groups of its fields."""

from __future__ import annotations

from enum import StrEnum

from gxdesk.domain.editions.common import NARRATIVE_PARTS, PREFACE, TABLE_PARTS


class TextKey(StrEnum):
    """A narrative text: the preface, a written part (一, 五, 六) or a table's lead-in (二, 三, 四).

    The values are the keys the project file and the undo history have always used.
    """

    PREFACE = "preface"
    PART_1 = "part:一"
    PART_5 = "part:五"
    PART_6 = "part:六"
    LEAD_2 = "lead:二"
    LEAD_3 = "lead:三"
    LEAD_4 = "lead:四"

    @property
    def kind(self) -> str:
        return self.value.partition(":")[0]

    @property
    def numeral(self) -> str:
        """The part's numeral; 前言 for the preface (as findings name it)."""
        return self.value.partition(":")[2] or PREFACE

    @classmethod
    def part(cls, numeral: str) -> TextKey:
        return cls(f"part:{numeral}")

    @classmethod
    def lead(cls, numeral: str) -> TextKey:
        return cls(f"lead:{numeral}")

    @classmethod
    def for_part(cls, numeral: str) -> TextKey:
        """The text a finding on ``numeral`` (or 前言) points to."""
        if numeral == PREFACE:
            return cls.PREFACE
        return cls.lead(numeral) if numeral in TABLE_PARTS else cls.part(numeral)


# The enum above is typed out for readability; it must name exactly the format's parts.
assert {k.numeral for k in TextKey if k.kind == "part"} == set(NARRATIVE_PARTS)
assert {k.numeral for k in TextKey if k.kind == "lead"} == set(TABLE_PARTS)


class FieldGroup(StrEnum):
    """Where a field lives: declared fields (``fields.py``) and the two open dictionaries."""

    META = "meta"
    FEES = "fees"
    REPORT = "report"
    SETTINGS = "settings"
    EXPLANATIONS = "explanations"
