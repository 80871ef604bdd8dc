"""The 信息处理费 figures read from part 六 as real reports word them (a .docx carries them only there)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gxdesk.domain.fee_text import fees_in_text

NONE = {"notices": 0, "noticed": Decimal(0), "collected": Decimal(0)}


@pytest.mark.parametrize(
    ("text", "fees"),
    [
        ("全年收取政府信息公开信息处理费1200元。", {"collected": Decimal(1200)}),
        ("收取信息处理费共计300元。", {"collected": Decimal(300)}),
        ("全年共收取信息处理费5000元。", {"collected": Decimal(5000)}),
        ("在办理政府信息公开申请中收取信息处理费共计2730元。", {"collected": Decimal(2730)}),
        (
            "发出收费通知3件，收费金额合计600元，实际收取300元。",
            {"notices": 3, "noticed": Decimal(600), "collected": Decimal(300)},
        ),
        ("本年度未收取信息（公开）处理费。", NONE),
        ("本年度未收取信息处理费。", NONE),
        ("本年度未收取任何费用。", NONE),
        ("本机关应收取信息处理费500元，因申请人撤回未收取。", {}),
    ],
)
def test_fee_sentences_as_published(text: str, fees: dict) -> None:  # type: ignore[type-arg]
    assert fees_in_text(text) == fees
