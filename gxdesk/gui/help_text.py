"""The 填报须知 shown from the Help menu (facts of the format, for the author)."""

from gxdesk.domain.editions import EDITIONS, latest_edition
from gxdesk.domain.editions.common import PARTS

_E2021 = latest_edition()
_E2019 = next(e for e in EDITIONS.values() if e.id == _E2021.migration.previous) if _E2021.migration else _E2021

GUIDE = "\n".join(
    [
        "一、依据和时限",
        "· 《中华人民共和国政府信息公开条例》第五十条规定年度报告的内容；第四十九条规定各部门应在每年1月31日前"
        "公布上一年度的年度报告，县级以上人民政府的本级年度报告在3月31日前公布。",
        "· 统计期限为上一年1月1日至12月31日。",
        f"· {_E2021.first_year}年度及以后的报告使用{_E2021.document}规定的格式；"
        f"{_E2019.first_year}、{_E2019.last_year}年度使用{_E2019.document}的格式。",
        "",
        "二、报告的六个部分",
        *(f"· {p.heading}" for p in PARTS),
        "第六部分没有内容时写“无”，但不能缺少。",
        "",
        "三、表三的统计口径",
        "· 每件申请只统计一次，按最终处理结果计入相应一行。",
        "· 区分处理（部分公开）的，只计入“（二）部分公开”，不计入其他情形。",
        "· 每一栏须满足：第一项加第二项之和，等于第三项加第四项之和。",
        "",
        "四、表四的统计口径",
        "· 复议机关作共同被告的行政诉讼，由原行政行为机关统计。",
        "",
        "五、检查结果",
        "· “错误”应当改正后再报送；“提示”可能有误，如确属实际情况，可在“检查与导出”中写明说明。",
    ]
)
