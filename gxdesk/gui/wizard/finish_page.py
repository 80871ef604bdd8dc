"""The last step: every finding with the author's explanations, and the export actions."""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from gxdesk.domain.codes import RuleTag
from gxdesk.domain.fields import BOLD_SETTING, FONTS_SETTING
from gxdesk.domain.findings import Severity
from gxdesk.domain.keys import FieldGroup
from gxdesk.domain.readiness import reminders
from gxdesk.domain.state import Change
from gxdesk.exchange.fonts import FONT_SETS, FontSet, font_set
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.findings.panel import FindingsPanel
from gxdesk.gui.wizard.base import VIEWING_SAFE, Page
from gxdesk.gui.wizard.steps import Step


class FinishPage(Page):
    step = Step.FINISH
    hint = (
        "“错误”表示报告有误，应当改正后再报送；“提示”表示可能有误，如确属实际情况，请选中后点击“填写说明”。"
        "双击某一问题可跳到相应位置。"
    )

    # The findings list scrolls itself: the page never does, so the export buttons stay in view
    # on a 1366×768 laptop at 125 %.
    scrolls = False

    export_requested = Signal(str)
    publish_requested = Signal(QWidget)  # the button the 发布 menu opens under
    compare_requested = Signal()

    def __init__(
        self, doc: ReportDocument, formats: tuple[tuple[str, str], ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(doc, parent)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 12pt; padding: 6px 0;")
        self.layout_.addWidget(self.summary)
        self.panel = FindingsPanel(doc, at_export=True)
        self.layout_.addWidget(self.panel, 1)
        options = QHBoxLayout()
        options.addWidget(QLabel("Word 字体："))
        self.fonts = QComboBox()
        for key, fontset in FONT_SETS.items():
            self.fonts.addItem(fontset.label, key)
        self.fonts.currentIndexChanged.connect(self._on_fonts_current_index_changed)
        options.addWidget(self.fonts)
        self.bold = QCheckBox("二、三级标题加粗")
        self.bold.toggled.connect(self._on_bold_toggled)
        options.addWidget(self.bold)
        options.addStretch(1)
        self.layout_.addLayout(options)
        self.font_warning = QLabel()
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet("color: #a16207;")
        self.layout_.addWidget(self.font_warning)
        self.accept_totals = QPushButton("采用重新计算的合计")
        self.accept_totals.setToolTip("导入的文件中写的合计与各项之和不一致时，改用各项之和（可撤销）")
        self.accept_totals.clicked.connect(doc.accept_computed_totals)
        self.layout_.addWidget(self.accept_totals)
        row = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for key, label in formats:
            button = QPushButton(f"导出 {label}…")
            button.clicked.connect(lambda _=False, k=key: self.export_requested.emit(k))
            button.setProperty(VIEWING_SAFE, True)
            self.export_buttons[key] = button
            row.addWidget(button)
        self.publish = QPushButton("发布到网站…")
        self.publish.setToolTip("网页（复制到网站编辑器或导出）、PDF、打印预览和图解")
        self.publish.clicked.connect(lambda: self.publish_requested.emit(self.publish))
        self.publish.setProperty(VIEWING_SAFE, True)
        row.addWidget(self.publish)
        self.compare = QPushButton("对比上年")
        self.compare.setToolTip("本年与上年的数字和文字并排对比（视图 → 对比上年）")
        self.compare.clicked.connect(lambda: self.compare_requested.emit())
        self.compare.setProperty(VIEWING_SAFE, True)
        row.addWidget(self.compare)
        row.addStretch(1)
        self.layout_.addLayout(row)
        doc.changed.connect(self.refresh)
        doc.changed.connect(self._on_doc_settings_changed)
        self.refresh()
        self.reload_options()

    def reload_options(self) -> None:
        settings = self.doc.report.settings
        for widget in (self.fonts, self.bold):
            widget.blockSignals(True)
        self.fonts.setCurrentIndex(max(0, self.fonts.findData(font_set(settings.get(FONTS_SETTING)).key)))
        self.bold.setChecked(settings.get(BOLD_SETTING) == "1")
        for widget in (self.fonts, self.bold):
            widget.blockSignals(False)
        missing = missing_fonts(font_set(settings.get(FONTS_SETTING)))
        self.font_warning.setVisible(bool(missing))
        self.font_warning.setText(
            f"本机未安装 {'、'.join(missing)}：在本机用 Word 或 WPS 打开时会以其他字体显示，"
            "打印效果可能不同。"
            "如本机需要打印，请选择“Windows 自带字体”，或安装公文字体后再导出。"
            if missing
            else ""
        )

    def _on_fonts_current_index_changed(self, index: int) -> None:
        self.doc.set_field(FieldGroup.SETTINGS, FONTS_SETTING, self.fonts.itemData(index))

    def _on_bold_toggled(self, checked: bool) -> None:
        self.doc.set_field(FieldGroup.SETTINGS, BOLD_SETTING, "1" if checked else "")

    def _on_doc_settings_changed(self, change: Change) -> None:
        if any(group is FieldGroup.SETTINGS for group, _ in change.fields):
            self.reload_options()

    def refresh(self, *_change: object) -> None:
        self.accept_totals.setVisible(any(f.code.has(RuleTag.SUM) for f in self.doc.findings))
        # The same counts as the status bar and the findings panel; what is unfilled said apart.
        errors, _warnings, _todo = self.doc.counts(todo_apart=True)
        blank = sum(f.code.has(RuleTag.BLANK_CELL) for f in self.doc.findings)
        empty_parts = sum(f.code.has(RuleTag.EMPTY_PART) for f in self.doc.findings)
        unexplained = sum(
            f.severity is Severity.WARNING and not f.todo and f.key not in self.doc.report.explanations
            for f in self.doc.findings
        )
        if errors or empty_parts:
            text = f"<span style='color:#b91c1c'>还有 {errors + empty_parts} 个错误需要改正</span>"
            if empty_parts:
                text += f"（其中 {empty_parts} 个部分没有内容）"
        elif unexplained:
            text = f"<span style='color:#a16207'>没有错误；{unexplained} 个提示尚未核实或说明</span>"
        else:
            text = "<span style='color:#15803d'>检查通过，可以导出</span>"
        if blank:
            text += f"；{blank} 个单元格未填写（导出时按 0 填写）"
        for note in reminders(self.doc.report):  # not findings: what the author may mean to leave
            text += f"<br><span style='color:#a16207'>提醒：{html.escape(note)}</span>"
        if empty_parts:  # how the line above meets the status bar's counts, where they are 未填写
            note = f"状态栏“{self.doc.tally_text()}”中的“未填写”含这 {empty_parts} 个没有内容的部分，导出前算作错误"
            text += f"<br><span style='color:#4b5563'>{note}</span>"
        self.summary.setText(text)


FONT_FILES = (".ttf", ".ttc", ".otf")


def user_font_folder(platform: str = sys.platform, env: Mapping[str, str] = os.environ) -> Path | None:
    """Where Windows 10/11 puts a font installed "for me only" (no admin rights: the clerk's case)."""
    if platform != "win32" or not env.get("LOCALAPPDATA"):
        return None
    return Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts"


_registered: set[str] = set()


def register_user_fonts(folder: Path | None, add: Callable[[str], int] = QFontDatabase.addApplicationFont) -> int:
    """Make fonts installed for the current user only known to Qt (older Qt lists only the
    system folder); returns how many files were added."""
    if folder is None or not folder.is_dir():
        return 0
    added = 0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in FONT_FILES and str(path) not in _registered:
            _registered.add(str(path))
            added += add(str(path)) >= 0
    return added


def missing_fonts(fontset: FontSet) -> list[str]:
    """The set's fonts this PC does not have (Word would substitute them)."""
    register_user_fonts(user_font_folder())
    installed = set(QFontDatabase.families())
    return [name for name in fontset.families() if name not in installed]
