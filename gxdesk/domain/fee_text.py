"""The 信息处理费 figures as part 六 of a Word report states them.

A report received as .docx carries its fee figures only in part 六's text ("发出收费通知3件，收费
金额合计600元，实际收取300元", or "本年度未收取信息处理费"); reading them there lets a unit's
fees count in the office's roll-up whatever format it sent. Amounts are read in 元 (万元 converted).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gxdesk.domain.cells import Value, storable_problem

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_NOTICES = re.compile(r"(?:发出|出具|送达|开具)?收费通知(?:书|单)?(?:共|合计)?" + _NUMBER + r"(?:件|份|次)")
_NOTICED = re.compile(
    r"(?<!实收)(?<!实际收取)(?<!实收的)(?:收费通知|通知|应收|收费)?(?:的)?(?:总)?金额(?:合计|共计|共|总计|为)?"
    + _NUMBER
    + r"(万元|元)"
)
_COLLECTED = re.compile(
    r"实(?:际)?收(?:取|到|缴)?(?:的)?(?:信息处理费|费用|金额)?(?:合计|共计|共|总计|为)?" + _NUMBER + r"(万元|元)"
)
# 全年收取政府信息公开信息处理费N元, 收取信息处理费共计N元, 在办理…申请中收取信息处理费共计N元:
# what was collected, said without 实际.
_COLLECTED_FEE = re.compile(
    r"(?<!应)(?<!未)(?<!没有)收取(?:了)?(?:政府信息公开)?信息(?:\(公开\))?处理费(?:共计|合计|共|总计|为)?"
    + _NUMBER
    + r"(万元|元)"
)
_NONE = re.compile(r"(?:未|没有|无)(?:发出|收取|产生|开具)?[^。；;]{0,8}(?:信息(?:\(公开\))?处理费|收费通知|任何费用)")


def fees_in_text(text: str | None) -> dict[str, Value]:
    """``notices`` / ``noticed`` / ``collected`` as stated in ``text``; {} when it says nothing."""
    if not text:
        return {}
    plain = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    out: dict[str, Value] = {}
    for key, pattern in (("notices", _NOTICES), ("noticed", _NOTICED), ("collected", _COLLECTED)):
        match = pattern.search(plain)
        if match is None and key == "collected":
            match = _COLLECTED_FEE.search(plain)
        if match is None:
            continue
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            continue
        if key != "notices" and match.group(2) == "万元":
            number *= 10000
        if storable_problem(number):
            continue
        out[key] = int(number) if key == "notices" and number == number.to_integral_value() else number
    if not out and _NONE.search(plain):
        return {"notices": 0, "noticed": Decimal(0), "collected": Decimal(0)}
    if "notices" in out and out["notices"] == 0 and "noticed" not in out and "collected" not in out:
        out.update(noticed=Decimal(0), collected=Decimal(0))
    return out
