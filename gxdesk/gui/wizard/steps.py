"""The steps of the guided flow and how complete each one is."""

from __future__ import annotations

from enum import Enum, IntEnum

from gxdesk.domain.codes import RuleTag
from gxdesk.domain.editions.common import BASIC, PARTS, PREFACE
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.textutil import has_content
from gxdesk.gui.document import ReportDocument


class Step(IntEnum):
    BASIC = 0
    PREFACE = 1
    OVERVIEW = 2
    ACTIVE = 3
    APPLICATIONS = 4
    REVIEWS = 5
    PROBLEMS = 6
    OTHER = 7
    FINISH = 8


_HEADINGS = {p.numeral: p.heading for p in PARTS}
PART_STEP = {
    BASIC: Step.BASIC,
    PREFACE: Step.PREFACE,
    "一": Step.OVERVIEW,
    "二": Step.ACTIVE,
    "三": Step.APPLICATIONS,
    "四": Step.REVIEWS,
    "五": Step.PROBLEMS,
    "六": Step.OTHER,
}
STEP_PART = {step: part for part, step in PART_STEP.items()}
STEP_TITLES = {Step.BASIC: "基本信息", Step.PREFACE: "前言", Step.FINISH: "检查与导出"} | {
    step: _HEADINGS[part] for part, step in PART_STEP.items() if part in _HEADINGS
}
STEP_SHORT = {
    Step.BASIC: "基本信息",
    Step.PREFACE: "前言",
    Step.OVERVIEW: "一、总体情况",
    Step.ACTIVE: "二、表（主动公开）",
    Step.APPLICATIONS: "三、表（依申请）",
    Step.REVIEWS: "四、表（复议诉讼）",
    Step.PROBLEMS: "五、问题与改进",
    Step.OTHER: "六、其他事项",
    Step.FINISH: "全文",
}
TAG_STEP = {RuleTag.BASIC_STEP: Step.BASIC}  # findings shown on a step other than their part's


class StepState(Enum):
    COMPLETE = ("✔", "已完成")
    INCOMPLETE = ("○", "未完成")
    WARNING = ("⚠", "有提示")
    ERROR = ("✖", "有错误")

    @property
    def mark(self) -> str:
        return self.value[0]

    @property
    def label(self) -> str:
        return self.value[1]


def step_of(finding: Finding) -> Step:
    for tag, step in TAG_STEP.items():
        if finding.code.has(tag):
            return step
    return PART_STEP.get(finding.part, Step.FINISH)


def step_findings(doc: ReportDocument, step: Step) -> list[Finding]:
    if step is Step.FINISH:
        return list(doc.findings)
    return [f for f in doc.findings if step_of(f) is step]


def step_state(doc: ReportDocument, step: Step) -> StepState:
    # What is not yet filled is work to do (○), not an error, while the author writes.
    findings = [f for f in step_findings(doc, step) if not f.todo]
    if any(f.severity is Severity.ERROR for f in findings):
        return StepState.ERROR
    if any(f.key not in doc.report.explanations for f in findings):
        return StepState.WARNING
    return StepState.COMPLETE if is_filled(doc, step) else StepState.INCOMPLETE


def is_filled(doc: ReportDocument, step: Step) -> bool:
    report = doc.report
    if step is Step.BASIC:
        return bool(report.meta.agency.strip())
    if step is Step.PREFACE:
        return has_content(report.preface)
    part = STEP_PART.get(step)
    if part in ("一", "五", "六"):
        return has_content(report.parts.get(part))
    if not doc.checked:
        return False  # the tables' blanks are known once the rules ran
    if part in ("二", "三", "四"):
        return not any(f.todo and f.part == part for f in doc.findings)
    return not any(f.severity is Severity.ERROR for f in doc.findings)
