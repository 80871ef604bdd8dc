"""Step 1: who reports, for which year (the edition follows), and how to reach them."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from gxdesk.domain.editions import FIRST_YEAR
from gxdesk.domain.fields import AGENCY, CONTACT_FIELDS, ENDING, KIND, PUBLISHED, TITLE, YEAR
from gxdesk.domain.findings import Finding
from gxdesk.domain.report import AgencyKind
from gxdesk.domain.state import Change
from gxdesk.gui import dialogs
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.widgets import BoundLineEdit
from gxdesk.gui.wizard.base import Page
from gxdesk.gui.wizard.steps import Step


class BasicInfoPage(Page):
    step = Step.BASIC
    hint = "这些信息用于报告标题、前言中的联系方式和文末落款。报告年度决定使用哪一版格式。"

    def __init__(self, doc: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        form = QFormLayout()
        self.layout_.addLayout(form)
        self.agency = BoundLineEdit(doc, AGENCY.group, AGENCY.id)
        self.agency.editingFinished.connect(self._on_agency_editing_finished)
        self.agency.setPlaceholderText(AGENCY.placeholder)
        form.addRow(f"{AGENCY.label}：", self.agency)
        self.kind = QComboBox()
        for kind in AgencyKind:
            self.kind.addItem(kind.value, kind)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        form.addRow(f"{KIND.label}：", self.kind)
        year_row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, 2100)
        self.year.setKeyboardTracking(False)
        self.year.setSuffix(" 年度")
        self.year.valueChanged.connect(self._on_year_value_changed)
        year_row.addWidget(self.year)
        self.edition_label = QLabel()
        self.edition_label.setWordWrap(True)
        year_row.addWidget(self.edition_label, 1)
        form.addRow(f"{YEAR.label}：", year_row)
        self.contacts: dict[str, BoundLineEdit] = {}
        for spec in CONTACT_FIELDS:
            edit = BoundLineEdit(doc, spec.group, spec.id)
            edit.setPlaceholderText(spec.placeholder)
            self.contacts[spec.id] = edit
            form.addRow(f"{spec.label}：", edit)
        date_row = QHBoxLayout()
        self.has_date = QCheckBox("已确定")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.has_date.toggled.connect(self._on_date_changed)
        self.date.dateChanged.connect(self._on_date_changed)
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date)
        date_row.addStretch(1)
        form.addRow(f"{PUBLISHED.label}：", date_row)
        self.title = BoundLineEdit(doc, TITLE.group, TITLE.id)
        form.addRow(f"{TITLE.label}：", self.title)
        self.ending = QCheckBox(ENDING.label)
        self.ending.toggled.connect(self._on_ending_toggled)
        form.addRow("", self.ending)
        self.layout_.addStretch(1)
        doc.changed.connect(self._on_doc_changed)
        self.reload()

    def reload(self) -> None:
        meta = self.doc.report.meta
        widgets = (self.kind, self.year, self.has_date, self.date, self.ending)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.kind.setCurrentIndex(list(AgencyKind).index(meta.kind))
            self.year.setValue(meta.year)
            self.has_date.setChecked(bool(meta.published))
            self.date.setEnabled(bool(meta.published))
            self.date.setDate(
                QDate.fromString(meta.published, "yyyy-MM-dd") if meta.published else QDate(meta.year + 1, 1, 20)
            )
            self.ending.setChecked(self.doc.report.ending)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        edition = self.doc.edition
        scope = (
            f"适用于{edition.first_year}—{edition.last_year}年度"
            if edition.last_year
            else f"适用于{edition.first_year}年度及以后"
        )
        self.edition_label.setText(f"使用{edition.id}年版格式（{edition.document}），{scope}的报告。")
        self.title.setPlaceholderText(f"{meta.agency or '机关名称'}{meta.year}年政府信息公开工作年度报告（默认）")

    def _on_agency_editing_finished(self) -> None:
        """A new report's kind follows the name (县人民政府 → 县级人民政府) until chosen by hand."""
        if self.doc.report.settings.get("kind_chosen") or self.doc.path is not None:
            return
        guess = AgencyKind.guess(self.doc.report.meta.agency)
        if guess is not None and guess is not self.doc.report.meta.kind:
            self.doc.set_field("meta", "kind", guess)

    def _on_kind_current_index_changed(self, index: int) -> None:
        self.doc.set_field("meta", "kind", self.kind.itemData(index))
        self.doc.set_field("settings", "kind_chosen", "1")

    def _on_year_value_changed(self, year: int) -> None:
        plan = self.doc.plan_year(year)  # planned once: the question and the change use the same plan
        dropped = plan.dropped
        if dropped:
            names = "、".join(self.doc.edition.cell(c).name for c in dropped[:6])
            more = f"等 {len(dropped)} 个单元格" if len(dropped) > 6 else ""
            if not dialogs.confirm(
                self,
                "更换格式版本",
                f"{year}年度报告使用{plan.edition}年版格式。以下已填写的数据在新格式中没有对应位置，"
                f"将被清除（可以撤销）：\n\n{names}{more}\n\n是否继续？",
                "继续",
                "取消",
            ):
                self.year.blockSignals(True)
                self.year.setValue(self.doc.report.meta.year)
                self.year.blockSignals(False)
                return
        self.doc.set_year(plan)

    def _on_date_changed(self, *_args: object) -> None:
        self.date.setEnabled(self.has_date.isChecked())
        value = self.date.date().toString("yyyy-MM-dd") if self.has_date.isChecked() else ""
        self.doc.set_field("meta", "published", value)

    def _on_ending_toggled(self, checked: bool) -> None:
        self.doc.set_field("report", "ending", checked)

    def _on_doc_changed(self, change: Change) -> None:
        if change.fields or change.structure:
            self.reload()

    def focus_finding(self, finding: Finding) -> bool:
        self.year.setFocus()
        return True
