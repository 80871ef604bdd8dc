"""What a unit should do about each kind of finding: the 修改要求 column of a 退回修改单.

Keyed by rule code (``shared/spec/rules.md``); a code without advice of its own gets the default.
"""

from __future__ import annotations

from gxdesk.domain.codes import RuleCode
from gxdesk.domain.findings import Finding, Severity

ADVICE: dict[RuleCode, str] = {
    RuleCode.T3_BALANCE: "核对该栏各行数字，使“本年新收”加“上年结转”等于“办理结果总计”加“结转下年度”",
    RuleCode.T3_ROWSUM: "核对该行六类申请人的数字和“总计”，使总计等于各类之和",
    RuleCode.T3_RESULTSUM: "核对该栏各项办理结果和“总计”，使总计等于各项之和",
    RuleCode.T4_GROUPSUM: "核对该组各项和“总计”，使总计等于各项之和",
    RuleCode.CELL_VALUE: "改为符合要求的数字（件数为不小于 0 的整数，金额不小于 0）",
    RuleCode.CELL_BLANK: "填写该单元格；没有发生的填 0，不要留空或写“/”",
    RuleCode.T3_CARRY: "“上年结转”应等于上年报告中的“结转下年度继续办理”，请核对两年的数字",
    RuleCode.T2_VALID_ROLL: "核对“现行有效件数”：应约等于上年现行有效件数加本年制发、减本年废止",
    RuleCode.T2_TOTAL_ROLL: "核对“对外公开总数量”与上年报告的衔接",
    RuleCode.T2_ITEMS_ROLL: "核对“上一年项目数量”与上年报告的衔接",
    RuleCode.TEXT_REUSE: "该部分与上年报告高度雷同，请按本年度实际工作重新撰写",
    RuleCode.EDITION_YEAR: "按报告年度使用正确的格式（2021 年度起使用国办公开办函〔2021〕30号格式）",
    RuleCode.PART_EMPTY: "补写该部分；确无内容的写“无。”，不要删去标题",
    RuleCode.PART1_TOPICS: "在“总体情况”中补写缺少的方面",
    RuleCode.T2_VALID_GE: "核对“现行有效件数”，它不应少于本年制发件数",
    RuleCode.T2_TOTAL_GE: "核对“对外公开总数量”，它不应少于本年新公开数量",
    RuleCode.T2_RULES_AUTHORITY: "本机关无权制定规章的，规章各栏应为 0，请核对",
    RuleCode.T2_FEE_UNIT: "收费金额的单位是万元，请核对是否按元填写",
    RuleCode.TEXT_TABLE: "正文中的数字与统计表不一致，请核对后改为一致",
    RuleCode.BASIS_CITATION: "改为引用正确的格式文件",
    RuleCode.FEE_CONSISTENCY: "核对信息处理费的通知金额、实收金额和表三中的相关数字",
    RuleCode.ROLLUP_SUM: "核对本级报告该单元格与各单位报告之和",
}
DEFAULT_ERROR = "请核对并改正"
DEFAULT_WARNING = "请核对；如确属实际情况，报送时附说明"


def advice(finding: Finding) -> str:
    """What to do about ``finding``, in a sentence."""
    default = DEFAULT_ERROR if finding.severity is Severity.ERROR else DEFAULT_WARNING
    return ADVICE.get(finding.code, default)
