"""Starting texts: the preface drafted from the basic information, and part skeletons."""

from __future__ import annotations

from gxdesk.domain.edition import Edition
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.fields import CONTACT_LINES
from gxdesk.domain.report import AgencyKind, Meta, Report

PROBLEM_HEADINGS = ("（一）存在的主要问题", "（二）改进措施", "（三）上年度问题整改情况")
OTHER_TOPICS = (
    (
        "信息处理费",
        "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况："
        "发出收费通知的件数和总金额、实际收取的总金额，或说明本年未收取。",
    ),
    ("政务公开工作要点", "落实上级年度政务公开工作要点的情况。"),
    ("建议提案办理", "人大代表建议和政协提案办理结果公开情况。"),
    ("创新做法", "本机关政务公开工作的创新做法、特色亮点。"),
    ("无", "没有其他需要报告的事项时写“无”，本部分不可缺少。"),
)


def other_topics(edition: Edition) -> tuple[tuple[str, str], ...]:
    """What part 六 may report, for this edition: the 信息处理费 (its 办法 applies from the 2021
    report year, with the 2021 format) only where the format asks for the fee figures."""
    return tuple((name, text) for name, text in OTHER_TOPICS if edition.fee_figures or name != "信息处理费")


def draft_preface(report: Report, edition: Edition) -> str:
    """The customary preface: legal basis, the six parts, period, where published, contacts."""
    m = report.meta
    agency = m.agency or "本机关"
    year = m.year
    parts = "、".join(p.title for p in PARTS)
    text = (
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{edition.document_title}"
        f"（{edition.document}）要求编制。全文包括{parts}六个部分。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    if m.website:
        text += f"本报告电子版可在{agency}门户网站（{m.website}）查阅或下载。"
    contacts = [f"{spec.short}：{spec.get(report)}" for spec in CONTACT_LINES if spec.get(report)]
    text += f"如对本报告有疑问，请与{agency}联系"
    text += f"（{'，'.join(contacts)}）。" if contacts else "。"
    return text


def overview_skeleton(edition: Edition) -> str:
    """Part 一 started with its five topic headings (the 2021 format's topics)."""
    from gxdesk.domain.editions import latest_edition

    topics = edition.topics or latest_edition().topics
    return "\n\n".join(t.heading for t in topics) + "\n"


def problems_skeleton() -> str:
    return "\n\n".join(PROBLEM_HEADINGS) + "\n"


def fee_sentence(report: Report) -> str:
    """Part 六's sentence on 信息处理费 from the structured figures."""
    from gxdesk.domain.cells import format_value

    fees = report.fees
    if not fees.notices:
        return "本年度未收取政府信息公开信息处理费。"
    return (
        f"本年度依据《政府信息公开信息处理费管理办法》发出收费通知{fees.notices}件，"
        f"收费金额合计{format_value(fees.noticed or 0)}元，实际收取{format_value(fees.collected or 0)}元。"
    )


def new_report(agency: str, year: int, kind: AgencyKind = AgencyKind.DEPARTMENT) -> Report:
    """A blank report in the edition its year requires, parts 一 and 五 started with their headings."""
    from gxdesk.domain.editions import edition_for_year

    edition = edition_for_year(year)
    parts: dict[str, str | None] = {"一": overview_skeleton(edition), "五": problems_skeleton(), "六": ""}
    report = Report(Meta(agency=agency, year=year, kind=kind), edition.id, parts=parts)
    # Drafted now, not when its step first opens: opening a step is no edit (nothing to undo),
    # and the draft follows the basic information until the author edits it (ReportState).
    report.preface = draft_preface(report, edition)
    return report
