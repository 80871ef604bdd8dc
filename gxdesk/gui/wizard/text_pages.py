"""Narrative steps: 前言, 一、总体情况, 五、存在的主要问题及改进情况."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gxdesk.domain.drafting import PROBLEM_HEADINGS, draft_preface, overview_skeleton
from gxdesk.domain.edition import Topic
from gxdesk.domain.findings import Finding
from gxdesk.domain.keys import TextKey
from gxdesk.domain.state import Change
from gxdesk.domain.textutil import has_content, squash, topic_coverage
from gxdesk.gui import dialogs
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.text_edit import BoundTextEdit
from gxdesk.gui.wizard.base import Page, guidance_label
from gxdesk.gui.wizard.steps import Step

OVERVIEW_GUIDE_CHARS = 1000


class TextPage(Page):
    """A page whose main content is one narrative text."""

    key: TextKey

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.body = QHBoxLayout()
        self.layout_.addLayout(self.body, 1)
        self.editor = BoundTextEdit(doc, self.key)
        self.editor.setMinimumWidth(340)
        self.body.addWidget(self.editor, 3)
        self.side = QVBoxLayout()
        self.body.addLayout(self.side, 2)

    def focus_finding(self, finding: Finding) -> bool:
        if finding.subject and self.editor.select_snippet(finding.subject):
            return True
        self.editor.setFocus()
        return True


class PrefacePage(TextPage):
    step = Step.PREFACE
    key = TextKey.PREFACE
    hint = "前言说明编制依据、报告的组成、数据统计期限、电子版发布位置和联系方式。可以根据基本信息自动起草后再修改。"

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.drafted = QLabel()  # says whether the text still follows 基本信息
        self.drafted.setWordWrap(True)
        self.drafted.setStyleSheet("color: #4b5563;")
        self.side.addWidget(self.drafted)
        self.redraft = QPushButton("根据基本信息重新起草")
        self.redraft.clicked.connect(self._on_redraft_clicked)
        self.side.addWidget(self.redraft)
        self.side.addWidget(
            guidance_label(
                "常见内容：\n· 编制依据：《条例》和国务院办公厅规定的年度报告格式文件\n"
                "· 本报告由六个部分组成\n· 数据统计期限为当年1月1日至12月31日\n"
                "· 电子版在哪个网站查阅\n· 联系地址、邮编、电话"
            )
        )
        self.side.addStretch(1)
        doc.changed.connect(self._on_doc_changed)
        self._show_drafted()

    def _on_doc_changed(self, change: Change) -> None:
        if change.structure or change.fields or self.key in change.texts:
            self._show_drafted()

    def _show_drafted(self) -> None:
        drafted = self.doc.state.preface_drafted()
        empty = not has_content(self.doc.report.preface)
        self.drafted.setText(
            "✎ 根据基本信息起草：修改报告年度、机关名称、网站或联系方式时自动更新；改动文字后不再自动更新。"
            if drafted
            else "前言为空：可点击下方按钮根据基本信息起草。"
            if empty
            else ""
        )
        self.drafted.setVisible(drafted or empty)
        self.redraft.setText("根据基本信息起草" if empty else "根据基本信息重新起草")

    def _on_redraft_clicked(self) -> None:
        draft = draft_preface(self.doc.report, self.doc.edition)
        current = self.doc.report.preface
        if (
            has_content(current)
            and squash(current) != squash(draft)
            and not dialogs.confirm(
                self,
                "重新起草前言",
                "将用根据基本信息起草的文字替换现有前言（可以撤销）。是否继续？",
                "替换",
                "取消",
            )
        ):
            return
        self.doc.set_text(self.key, draft)


class OverviewPage(TextPage):
    step = Step.OVERVIEW
    key = TextKey.PART_1
    hint = "按五个方面概述本年度政府信息公开工作。内容应具体，不要遗漏，也不宜泛化。"

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.checklist = QLabel()
        self.checklist.setWordWrap(True)
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.side.addWidget(self.checklist)
        self.count = QLabel()
        self.count.setWordWrap(True)
        # A fixed size: the count changes on every keystroke, and a label whose size may change
        # makes Qt lay out and repaint the whole page each time.
        metrics = self.count.fontMetrics()
        self.count.setFixedSize(
            metrics.horizontalAdvance("已写 00000 字（一般约 0000 字，") + 8, metrics.height() * 2 + 6
        )
        self.side.addWidget(self.count)
        self.insert = QPushButton("插入五个方面的小标题")
        self.insert.clicked.connect(self._on_insert_clicked)
        self.side.addWidget(self.insert)
        self.side.addStretch(1)
        doc.changed.connect(self._on_doc_changed)
        self.refresh()

    def topics(self) -> tuple[Topic, ...]:
        from gxdesk.domain.editions import latest_edition

        return self.doc.edition.topics or latest_edition().topics

    def covered(self) -> dict[str, bool]:
        return topic_coverage(self.doc.report.text("一"), self.topics())

    def refresh(self) -> None:
        covered = self.covered()
        rows = []
        for topic in self.topics():
            mark = (
                "<span style='color:#15803d'>✔</span>"
                if covered[topic.heading]
                else "<span style='color:#b45309'>○</span>"
            )
            rows.append(f"<p>{mark} <b>{topic.heading}</b><br><span style='color:#4b5563'>{topic.guidance}</span></p>")
        checklist = "".join(rows)
        if self.checklist.text() != checklist:  # rich text relayout only when a mark changes
            self.checklist.setText(checklist)
        chars = len(squash(self.doc.report.text("一")))
        over = "，超过了一般要求，建议精简" if chars > OVERVIEW_GUIDE_CHARS * 1.2 else ""
        self.count.setText(f"已写 {chars} 字（一般约 {OVERVIEW_GUIDE_CHARS} 字{over}）")

    def _on_doc_changed(self, change: Change) -> None:
        if change.structure or self.key in change.texts:
            self.refresh()

    def _on_insert_clicked(self) -> None:
        text = self.doc.report.text("一")
        missing = [t.heading for t in self.topics() if t.heading not in text]
        if not missing:
            return
        addition = (
            overview_skeleton(self.doc.edition) if len(missing) == len(self.topics()) else "\n\n".join(missing) + "\n"
        )
        self.doc.set_text(self.key, (text.rstrip() + "\n\n" if text.strip() else "") + addition)


class ProblemsPage(TextPage):
    step = Step.PROBLEMS
    key = TextKey.PART_5
    hint = "写明本年度工作存在的主要问题和改进措施；通常还要说明上一年度报告所列问题的整改情况。"

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.side.addWidget(
            guidance_label(
                "建议结构：\n"
                + "\n".join(PROBLEM_HEADINGS)
                + "\n\n问题要具体、措施要可检查；避免与上年报告雷同（如已导入上年报告，雷同会被提示）。"
            )
        )
        self.side.addStretch(1)
