"""The open report: every edit goes through the undo stack; findings follow every change."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.convert import convert_values
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import edition_for_year, get_edition
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.report import Report
from gxdesk.domain.rules import compute, evaluate
from gxdesk.domain.textutil import clean_text
from gxdesk.gui.commands import (
    ChangeYearCommand,
    ReplaceReportCommand,
    SetCellsCommand,
    SetFieldCommand,
    SetTextCommand,
)

_ATTRIBUTE_GROUPS = ("meta", "fees", "report")
_FIELD_NAMES = {
    "agency": "机关名称",
    "kind": "机关类型",
    "website": "网站",
    "address": "地址",
    "postcode": "邮编",
    "phone": "电话",
    "email": "电子邮箱",
    "published": "发布日期",
    "title": "报告标题",
    "notices": "收费通知件数",
    "noticed": "收费金额",
    "collected": "实际收取金额",
    "ending": "文末落款",
}


class ReportDocument(QObject):
    """Owns the Report, its path, the undo stack and the current findings."""

    cellsChanged = Signal(list)  # noqa: N815 - Qt signal naming
    textChanged = Signal(str)  # noqa: N815
    fieldChanged = Signal(str, str)  # noqa: N815
    structureChanged = Signal()  # noqa: N815
    findingsChanged = Signal()  # noqa: N815
    pathChanged = Signal()  # noqa: N815

    def __init__(self, report: Report, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.findings: list[Finding] = []
        self.findings_by_cell: dict[str, list[Finding]] = {}
        self._values: dict[str, Value | None] | None = None
        self._restored = False
        self.recheck()

    # ---- reading -----------------------------------------------------------------------
    @property
    def edition(self) -> Edition:
        return get_edition(self.report.edition)

    @property
    def values(self) -> dict[str, Value | None]:
        """Every cell: inputs and computed totals (cached until the next change)."""
        if self._values is None:
            self._values = compute(self.edition, self.report.values)
        return self._values

    def shown_value(self, cell_id: str) -> Value | None:
        """What a cell shows: a total claimed by an imported source wins, so the mismatch is visible."""
        claimed = self.report.claimed.get(cell_id)
        return claimed if claimed is not None else self.values.get(cell_id)

    def text(self, key: str) -> str:
        kind, _, name = key.partition(":")
        if kind == "preface":
            return self.report.preface
        if kind == "part":
            return self.report.parts.get(name) or ""
        return self.report.leads.get(name, "")

    def field(self, group: str, name: str) -> Any:
        target = self._group(group)
        return getattr(target, name) if group in _ATTRIBUTE_GROUPS else target.get(name)

    @property
    def is_modified(self) -> bool:
        return self._restored or not self.undo_stack.isClean()

    def counts(self, todo_apart: bool = False) -> tuple[int, ...]:
        """(errors, warnings), or with ``todo_apart`` (errors, warnings, not yet filled) as the
        wizard shows them while the author works."""
        if not todo_apart:
            errors = sum(f.severity is Severity.ERROR for f in self.findings)
            return errors, len(self.findings) - errors
        todo = sum(f.todo for f in self.findings)
        errors = sum(f.severity is Severity.ERROR and not f.todo for f in self.findings)
        return errors, len(self.findings) - errors - todo, todo

    # ---- editing (each pushes one undo step) -----------------------------------------
    def set_cells(self, new_values: dict[str, Value | None], text: str = "") -> int:
        """Set cells as one undo step; returns how many actually changed."""
        changes = {
            k: (self.report.values.get(k), v)
            for k, v in new_values.items()
            if self.report.values.get(k) != v or type(self.report.values.get(k)) is not type(v)
        }
        if not changes:
            return 0
        if not text:
            if len(changes) == 1:
                ((cid, (_, new)),) = changes.items()
                text = f"填写“{self.edition.cell(cid).name}”为 {format_value(new) or '空'}"
            else:
                text = f"修改 {len(changes)} 个单元格"
        self.undo_stack.push(SetCellsCommand(self, changes, text))
        return len(changes)

    def set_text(self, key: str, text: str | None) -> None:
        text = None if text is None else clean_text(text)
        old = self.report.parts.get(key[5:]) if key.startswith("part:") else self.text(key)
        if old == text:
            return
        self.undo_stack.push(SetTextCommand(self, key, old, text, "编辑文字"))

    def set_field(self, group: str, name: str, value: Any) -> None:
        if isinstance(value, str):
            value = clean_text(value)
        old = self.field(group, name)
        if old == value:
            return
        label = _FIELD_NAMES.get(name, "说明" if group == "explanations" else name)
        self.undo_stack.push(SetFieldCommand(self, group, name, old, value, f"修改{label}"))

    def year_change_drops(self, year: int) -> list[str]:
        """Cells with a value that the edition of ``year`` has no place for."""
        target = edition_for_year(year)
        _, dropped = convert_values(self.report.values, self.edition, target)
        return dropped

    def set_year(self, year: int) -> None:
        r = self.report
        if year == r.meta.year:
            return
        target = edition_for_year(year)
        values, _ = convert_values(r.values, self.edition, target)
        claimed = {} if target.id != r.edition else dict(r.claimed)
        before = (r.meta.year, r.edition, copy.copy(r.values), copy.copy(r.claimed))
        after = (year, target.id, values, claimed)
        self.undo_stack.push(ChangeYearCommand(self, before, after, f"报告年度改为{year}"))

    def replace_report(self, report: Report, text: str) -> None:
        """Swap in a changed copy of the report (an import) as one undo step."""
        self.undo_stack.push(ReplaceReportCommand(self, copy.deepcopy(self.report), report, text))

    def accept_computed_totals(self) -> None:
        """Drop the totals an imported source claimed; the recomputed sums stand."""
        if self.report.claimed:
            after = copy.deepcopy(self.report)
            after.claimed.clear()
            self.replace_report(after, "采用重新计算的合计")

    # ---- applied by the undo commands ------------------------------------------------
    def apply_report(self, report: Report) -> None:
        structure = report.edition != self.report.edition
        self.report = report
        self._changed()
        if structure:
            self.structureChanged.emit()
        self.cellsChanged.emit(list(self.edition.cells))
        for key in (
            "preface",
            *(f"part:{p}" for p in ("一", "五", "六")),
            *(f"lead:{p}" for p in ("二", "三", "四")),
        ):
            self.textChanged.emit(key)
        for group, names in (
            (
                "meta",
                (
                    "agency",
                    "kind",
                    "year",
                    "website",
                    "address",
                    "postcode",
                    "phone",
                    "email",
                    "published",
                    "title",
                ),
            ),
            ("fees", ("notices", "noticed", "collected")),
            ("report", ("ending",)),
            ("settings", ("fonts", "bold_headings")),
        ):
            for name in names:
                self.fieldChanged.emit(group, name)

    def apply_cells(self, values: dict[str, Value | None]) -> None:
        for cid, value in values.items():
            if value is None:
                self.report.values.pop(cid, None)
            else:
                self.report.values[cid] = value
            self.report.claimed.pop(cid, None)
        self._changed()
        self.cellsChanged.emit(list(values))

    def apply_text(self, key: str, text: str | None) -> None:
        kind, _, name = key.partition(":")
        if kind == "preface":
            self.report.preface = text or ""
        elif kind == "part":
            self.report.parts[name] = text
        else:
            self.report.leads[name] = text or ""
        self._changed()
        self.textChanged.emit(key)

    def apply_field(self, group: str, name: str, value: Any) -> None:
        target = self._group(group)
        if group in _ATTRIBUTE_GROUPS:
            setattr(target, name, value)
        elif value in (None, ""):
            target.pop(name, None)
        else:
            target[name] = value
        self._changed()
        self.fieldChanged.emit(group, name)

    def apply_year(self, year: int, edition: str, values: dict, claimed: dict) -> None:
        r = self.report
        structure = edition != r.edition
        r.meta.year, r.edition = year, edition
        r.values, r.claimed = dict(values), dict(claimed)
        self._changed()
        if structure:
            self.structureChanged.emit()
        self.fieldChanged.emit("meta", "year")
        self.cellsChanged.emit(list(values))

    # ---- internals -------------------------------------------------------------------
    def _group(self, group: str) -> Any:
        return {
            "meta": self.report.meta,
            "fees": self.report.fees,
            "report": self.report,
            "settings": self.report.settings,
            "explanations": self.report.explanations,
        }[group]

    def _changed(self) -> None:
        self._values = None
        self.recheck()

    def recheck(self) -> None:
        self.findings = evaluate(self.report, self.edition)
        by_cell: dict[str, list[Finding]] = {}
        for f in self.findings:
            for cid in f.cells:
                by_cell.setdefault(cid, []).append(f)
        self.findings_by_cell = by_cell
        self.findingsChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._restored = False
        self.undo_stack.setClean()
        self.pathChanged.emit()

    def mark_restored(self) -> None:
        """Recovered from an autosave: unsaved until the author saves it."""
        self._restored = True
