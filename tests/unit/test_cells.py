"""The one cell parser: what clerks type and paste, and what published tables contain."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxdesk.domain.cells import CellKind, format_value, parse_value

C, S, Y, W = CellKind.COUNT, CellKind.SIGNED, CellKind.AMOUNT_YUAN, CellKind.AMOUNT_WAN


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("12", C, 12),
        ("１２", C, 12),
        (" 12 ", C, 12),
        ("12件", C, 12),
        ("1,234", C, 1234),
        ("１，２３４", C, 1234),
        ("0", C, 0),
        ("-8", S, -8),
        ("－8", S, -8),
        ("−8", S, -8),
        ("+3", S, 3),
        ("731107元", Y, Decimal("731107")),
        ("12.5", W, Decimal("12.5")),
        ("0.0125", W, Decimal("0.0125")),
        ("5000元", W, Decimal("0.5")),
        ("1.5万元", Y, Decimal("15000")),
        ("12.0", C, 12),
        (7, C, 7),
        (Decimal("3"), C, 3),
        (2.5, W, Decimal("2.5")),
    ],
)
def test_accepts(text: object, kind: CellKind, value: object) -> None:
    parsed = parse_value(text, kind)
    assert parsed.ok and parsed.value == value and type(parsed.value) is type(value)


@pytest.mark.parametrize("text", ["", "  ", "/", "-", "—", "——", "－", "无"])
def test_blank_markers(text: str) -> None:
    parsed = parse_value(text, C)
    assert parsed.ok and parsed.value is None and parsed.blank_marker == (text.strip() != "")


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("-1", C, "不能为负数"),
        ("1.5", C, "必须是整数"),
        ("1.234", Y, "最多保留2位小数"),
        ("0.0000001", W, "最多保留6位小数"),
        ("4166.2416191", W, "最多保留6位小数"),
        ("abc", C, "不是数字"),
        ("1,23", C, "不是数字"),
        ("-5", W, "不能为负数"),
        ("1e5", C, "不是数字"),
        (True, C, "不是数字"),
    ],
)
def test_rejects_with_chinese_message(text: object, kind: CellKind, message: str) -> None:
    parsed = parse_value(text, kind)
    assert parsed.value is None and message in (parsed.error or "")


@given(st.text(max_size=30), st.sampled_from(list(CellKind)))
def test_never_raises(text: str, kind: CellKind) -> None:
    parsed = parse_value(text, kind)
    assert (parsed.error is None) or (parsed.value is None)


@given(st.integers(min_value=0, max_value=10**9))
def test_count_round_trip(n: int) -> None:
    assert parse_value(format_value(n), C).value == n
    assert parse_value(f"{n:,}", C).value == n


@given(st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False))
def test_amount_round_trip(amount: Decimal) -> None:
    text = format_value(amount, Y, unit=True)
    assert text.endswith("元")
    assert parse_value(text, Y).value == amount


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("22（其中修订16件）", 22, "（其中修订16件）"),
        ("55(含自然失效29件)", 55, "(含自然失效29件)"),
        ("3（均为自然人）", 3, "（均为自然人）"),
    ],
)
def test_an_annotated_figure_is_read_with_its_words_kept(text: str, value: int, words: str) -> None:
    """Published tables annotate figures in brackets: the figure is read, never a blank, and the words are said."""
    parsed = parse_value(text, CellKind.COUNT)
    assert parsed.ok and parsed.value == value
    assert parsed.note is not None and words in parsed.note


def test_an_unreadable_annotated_text_is_quoted_whole() -> None:
    parsed = parse_value("约20（估计）", CellKind.COUNT)
    assert not parsed.ok and "约20（估计）" in (parsed.error or "")
