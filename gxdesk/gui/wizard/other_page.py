"""Step 六: the fee figures (2021 edition) as fields, usual topics, free text; “无” is valid."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from gxdesk.domain.cells import format_value
from gxdesk.domain.drafting import fee_sentence, other_topics
from gxdesk.domain.fields import FEE_FIELDS, FEE_SOURCE, FieldSpec
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.domain.rollup import provenance_note
from gxdesk.domain.state import Change
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.wizard.steps import Step
from gxdesk.gui.wizard.text_pages import TextPage


class OtherPage(TextPage):
    step = Step.OTHER
    key = TextKey.PART_6
    hint = "报告信息处理费收取情况和其他需要报告的事项；确实没有可写“无”，但本部分不能缺少。"

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        self.fees_box = QGroupBox("信息处理费（2021年版格式要求报告）")
        form = QFormLayout(self.fees_box)
        self.fee_edits: dict[str, QLineEdit] = {}
        for spec in FEE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText("未填写")
            edit.editingFinished.connect(lambda s=spec, e=edit: self._on_fee_edited(s, e))
            self.fee_edits[spec.id] = edit
            form.addRow(f"{spec.caption}：", edit)
        self.fee_message = QLabel()
        self.fee_message.setStyleSheet("color: #b91c1c;")
        form.addRow(self.fee_message)
        self.write_fee = QPushButton("把收费情况写入正文")
        self.write_fee.clicked.connect(self._on_write_fee_clicked)
        form.addRow(self.write_fee)
        self.side.addWidget(self.fees_box)
        self.topics = QLabel()  # by the report's edition: no 信息处理费 办法 before the 2021 year
        self.topics.setWordWrap(True)
        self.topics.setStyleSheet("background: #f8fafc; border: 1px solid #d8dee6; padding: 8px; color: #374151;")
        self.side.addWidget(self.topics)
        self.nothing = QPushButton("本部分写“无”")
        self.nothing.clicked.connect(self._on_nothing_clicked)
        self.side.addWidget(self.nothing)
        self.side.addStretch(1)
        doc.changed.connect(self._on_doc_changed)
        self.reload()

    def reload(self) -> None:
        self.fees_box.setVisible(self.doc.edition.fee_figures)
        self.topics.setText("<br>".join(f"<b>{name}</b>：{text}" for name, text in other_topics(self.doc.edition)))
        for spec in FEE_FIELDS:
            edit = self.fee_edits[spec.id]
            value = spec.get(self.doc.report)
            text = format_value(value)
            if edit.text() != text:
                edit.setText(text)
            # A roll-up says which units' figures make up each sum.
            edit.setToolTip("\n".join(provenance_note(self.doc.report, FEE_SOURCE + spec.id, value)))

    def _on_fee_edited(self, spec: FieldSpec, edit: QLineEdit) -> None:
        parsed = spec.parse(edit.text())
        if not parsed.ok:
            self.fee_message.setText(f"{spec.label}：{parsed.error}，未保存")
            edit.setFocus()
            return
        self.fee_message.clear()
        self.doc.set_field(spec.group, spec.id, parsed.value)

    def _on_write_fee_clicked(self) -> None:
        sentence = fee_sentence(self.doc.report)
        text = self.doc.report.text("六")
        if sentence in text:
            return
        # Replace an earlier fee sentence rather than stacking a second one.
        lines = [
            ln
            for ln in text.splitlines()
            if not (ln.strip().startswith("本年度") and ("信息处理费" in ln or "收费通知" in ln))
        ]
        body = "\n".join(lines).strip()
        if body in ("无", "无。"):
            body = ""
        self.doc.set_text(self.key, sentence + ("\n" + body if body else ""))

    def _on_nothing_clicked(self) -> None:
        self.doc.set_text(self.key, "无。")

    def _on_doc_changed(self, change: Change) -> None:
        if change.structure or any(group is FieldGroup.FEES for group, _ in change.fields):
            self.reload()
