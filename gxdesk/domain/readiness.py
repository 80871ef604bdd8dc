"""What to look at before a report written here is exported, beyond the checks' findings.

A blank 成文日期, an empty 前言, a 落款 switched off: none is wrong in itself (a report can be
finished before its date is set), so they are reminders, said by ``gxdesk check`` and on the
检查与导出 step, not findings to explain.
"""

from __future__ import annotations

from gxdesk.domain.report import Report
from gxdesk.domain.textutil import has_content


def reminders(report: Report) -> list[str]:
    """Reminders for a report written here ([] for a report received from elsewhere)."""
    if report.received:
        return []
    out = []
    if not has_content(report.preface):
        out.append("前言没有内容：前言写明报告的依据、六个部分和统计期限（“前言”一步可自动起草）")
    if not report.ending:
        out.append("已设置不写落款：报告末尾将没有机关名称和成文日期")
    elif not report.meta.published.strip():
        out.append("没有填写成文日期：落款处将只有机关名称（在“基本信息”中填写）")
    return out
