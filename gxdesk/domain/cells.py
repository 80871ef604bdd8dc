"""Cell kinds and the one parser every entry path uses (typing, paste, import)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache

from gxdesk.domain.records import record
from gxdesk.domain.textutil import squash

Value = int | Decimal


class CellKind(Enum):
    """What a table cell may hold."""

    COUNT = "count"
    SIGNED = "signed"
    AMOUNT_YUAN = "amount_yuan"
    AMOUNT_WAN = "amount_wan"

    @property
    def is_amount(self) -> bool:
        return self in (CellKind.AMOUNT_YUAN, CellKind.AMOUNT_WAN)

    @property
    def decimals(self) -> int:
        return {CellKind.AMOUNT_YUAN: 2, CellKind.AMOUNT_WAN: 6}.get(self, 0)

    @property
    def unit(self) -> str:
        return {CellKind.AMOUNT_YUAN: "元", CellKind.AMOUNT_WAN: "万元"}.get(self, "件")

    @property
    def printed_suffix(self) -> str:
        """Unit printed after the number: only where the official header names none."""
        return "元" if self is CellKind.AMOUNT_YUAN else ""

    @property
    def description(self) -> str:
        return {
            CellKind.COUNT: "不小于0的整数",
            CellKind.SIGNED: "整数（减少时写负数，如 -8）",
            CellKind.AMOUNT_YUAN: "金额（元），不小于0，最多2位小数",
            CellKind.AMOUNT_WAN: "金额（万元），不小于0，最多6位小数（万元精确到分）",
        }[self]


# Written in published tables instead of a number; they mean "nothing was entered".
BLANK_MARKERS = frozenset({"", "/", "-", "—", "——", "－", "–", "无", "\\"})
_UNITS = ("万元", "元", "件", "个", "项", "条", "起", "次", "宗", "人次")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# No figure of these tables comes near a trillion (yuan or items); past it a number is a
# mistake or a hostile file, and Decimal arithmetic on it can fail. Long digit runs likewise.
MAX_MAGNITUDE = Decimal(10) ** 12
MAX_DIGITS = 20


@record(frozen=True)
class Parsed:
    """Outcome of reading one cell's text."""

    value: Value | None = None
    error: str | None = None
    blank_marker: bool = False
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def parse_value(text: object, kind: CellKind) -> Parsed:
    """Read a cell the way a clerk writes it: ``１２``, ``1,234``, ``12件``, ``731107元``, ``/``."""
    if type(text) in (str, int):  # the same few texts fill every table of a collection
        return _parse_cached(text, kind)
    return _parse(text, kind)


@lru_cache(maxsize=8192)
def _parse_cached(text: str | int, kind: CellKind) -> Parsed:
    return _parse(text, kind)  # Parsed is frozen and its values immutable: safe to share


def _parse(text: object, kind: CellKind) -> Parsed:
    if text is None:
        return Parsed()
    if isinstance(text, bool):
        return Parsed(error="不是数字")
    if isinstance(text, (int, float, Decimal)):
        return check_value(_to_decimal(text), kind)
    raw = squash(str(text)[:200]).replace("\u2212", "-")  # U+2212 MINUS SIGN, as Word types it
    if len(str(text)) > 200:
        return Parsed(error="内容过长，不是数字")
    if raw in BLANK_MARKERS:
        return Parsed(blank_marker=raw != "")
    annotated = _ANNOTATED.match(raw)
    if annotated:  # 22（其中修订16件）: the figure, and its words kept as a note
        figure = _parse(annotated["figure"], kind)
        if figure.ok and figure.value is not None:
            words = str(text).strip()[len(annotated["figure"]) :].strip()
            return Parsed(figure.value, note=f"带有附注“{words}”，数字按{annotated['figure']}读取")
        return Parsed(error=f"“{str(text).strip()}”不是数字")
    unit = next((u for u in _UNITS if raw.endswith(u) and len(raw) > len(u)), None)
    if unit:
        raw = raw[: -len(unit)]
    if _GROUPED.match(raw):
        raw = raw.replace(",", "")
    if not _NUMBER.match(raw):
        return Parsed(error=f"“{str(text).strip()}”不是数字")
    if sum(ch.isdigit() for ch in raw) > MAX_DIGITS:
        return Parsed(error=f"“{raw[:24]}…”位数过多，不是本表可能的数字")
    number = Decimal(raw)
    note = None
    if unit == "万元" and kind is CellKind.AMOUNT_YUAN:
        number, note = number * 10000, "已由万元换算为元"
    elif unit == "元" and kind is CellKind.AMOUNT_WAN:
        number, note = number / 10000, "已由元换算为万元"
    result = check_value(number, kind)
    return Parsed(result.value, result.error, note=note) if note and result.ok else result


# A figure with words in brackets after it, as published tables annotate: 55（含自然失效29件）.
_ANNOTATED = re.compile(r"^(?P<figure>[^()]+?)\((?P<words>[^()]*[^\d\s.,()+-][^()]*)\)$")


def check_value(number: Decimal, kind: CellKind) -> Parsed:
    """Apply the kind's constraints to a number (the CELL-VALUE rule, at entry time)."""
    problem = value_problem(number, kind)
    if problem:
        return Parsed(error=problem)
    if kind.is_amount:
        return Parsed(value=number.normalize() if number == number.to_integral() else number)
    return Parsed(value=int(number))


def value_problem(number: Value, kind: CellKind) -> str | None:
    """Why ``number`` cannot stand in a cell of ``kind``, or None."""
    problem = storable_problem(number)
    if problem:
        return problem
    number = _to_decimal(number)
    if number < 0 and kind is not CellKind.SIGNED:
        return "不能为负数" + ("（只有“本年增/减”可以为负）" if not kind.is_amount else "")
    if not kind.is_amount and number != number.to_integral_value():
        return "必须是整数"
    exponent = number.as_tuple().exponent
    if kind.is_amount and isinstance(exponent, int) and -exponent > kind.decimals:
        return f"最多保留{kind.decimals}位小数"
    return None


def storable_problem(number: object) -> str | None:
    """Why ``number`` may not enter a report at all (NaN, ±∞, absurdly large), or None.

    Other problems (a negative count, a fraction) are kept for CELL-VALUE to report; these are
    refused at every way in, since nothing downstream can compute with them.
    """
    value = _to_decimal(number)
    if value.is_nan():
        return "不是数字（NaN）"
    if value.is_infinite():
        return "不是有限的数字（无穷大）"
    if abs(value) >= MAX_MAGNITUDE:
        return "数字过大，不是本表可能的数字"
    if len(value.as_tuple().digits) > MAX_DIGITS:
        return "位数过多，不是本表可能的数字"
    return None


def format_value(value: Value | None, kind: CellKind | None = None, *, unit: bool = False) -> str:
    """Text of a value as printed in the report; ``unit`` adds the suffix the header lacks."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        text = format(value, "f")
    else:
        text = str(value)
    if unit and kind is not None:
        text += kind.printed_suffix
    return text


def _to_decimal(number: object) -> Decimal:
    try:
        return Decimal(str(number)) if isinstance(number, float) else Decimal(number)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return Decimal("NaN")
