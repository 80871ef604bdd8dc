"""The open report as Qt sees it: an adapter from ``ReportState`` changes to precise signals.

Every edit is an undo command; the command calls one ``ReportState`` mutator, which computes
once and returns a ``Change``; ``_emit`` turns it into signals naming exactly what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.edition import Edition
from gxdesk.domain.fields import field as declared_field
from gxdesk.domain.findings import Finding, Severity, error_count
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.domain.report import Report
from gxdesk.domain.state import Change, ReportState, YearPlan
from gxdesk.domain.textutil import clean_text
from gxdesk.gui.commands import (
    ChangeYearCommand,
    ReplaceReportCommand,
    SetCellsCommand,
    SetFieldCommand,
    SetTextCommand,
)

READ_ONLY_NOTE = "只读：这是单位报送的报告，可以查看、检查和导出，不能修改"


class ReportDocument(QObject):
    """Owns the report's state, its path and the undo stack."""

    changed = Signal(object)  # the Change of every edit, for views that want all of it
    pathChanged = Signal()  # noqa: N815
    compareToggled = Signal(bool)  # noqa: N815 - 对比上年 switched on or off
    revealRequested = Signal(object)  # noqa: N815 - an undo or redo changed this cell id, TextKey or FieldGroup

    def __init__(
        self,
        report: Report,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        read_only: bool = False,
        source: Path | None = None,
        check_later: bool = False,
    ) -> None:
        super().__init__(parent)
        # ``check_later``: the rules run on ``check()`` (a window opening calls it after its
        # first paint), so the author sees the report before the checks are worked out.
        self.state = ReportState(report, check_now=not check_later)
        self.path = path
        # A unit's report opened from 汇总与审核: shown, checked and exported, never changed.
        self.read_only = read_only
        self.source = source  # the file a read-only report was read from
        self.undo_stack = QUndoStack(self)
        self._restored = False
        self.compare_on = False

    def set_compare(self, on: bool) -> None:
        """Show last year beside this year (highlights in the editors, tooltips in the tables)."""
        if on != self.compare_on:
            self.compare_on = on
            self.compareToggled.emit(on)

    # ---- reading -----------------------------------------------------------------------
    @property
    def report(self) -> Report:
        return self.state.report

    @property
    def edition(self) -> Edition:
        return self.state.edition

    @property
    def values(self) -> dict[str, Value | None]:
        """Every cell: inputs and totals (published where a source printed them)."""
        return self.state.values

    @property
    def findings(self) -> list[Finding]:
        return self.state.findings

    @property
    def findings_by_cell(self) -> dict[str, list[Finding]]:
        return self.state.findings_by_cell

    def shown_value(self, cell_id: str) -> Value | None:
        return self.state.shown_value(cell_id)

    def text(self, key: TextKey | str) -> str:
        return self.state.text(TextKey(key))

    def field(self, group: FieldGroup | str, name: str) -> Any:
        return self.state.field_value(FieldGroup(group), name)

    @property
    def is_modified(self) -> bool:
        return self._restored or not self.undo_stack.isClean()

    @property
    def checked(self) -> bool:
        return self.state.checked

    def check(self) -> None:
        """Run the rules left for later (``check_later``); the views take the findings as an edit's."""
        if not self.state.checked:
            self._emit(self.state.check())

    def tally_text(self) -> str:
        """The one line of counts the status bar, the findings panel and 检查与导出 all show."""
        if not self.state.checked:
            return "正在检查……"
        errors, warnings, todo = self.counts(todo_apart=True)
        return f"错误 {errors} · 提示 {warnings} · 未填写 {todo}"

    def counts(self, todo_apart: bool = False) -> tuple[int, ...]:
        """(errors, warnings), or with ``todo_apart`` (errors, warnings, not yet filled) as the
        wizard shows them while the author works."""
        if not todo_apart:
            errors = error_count(self.findings)
            return errors, len(self.findings) - errors
        todo = sum(f.todo for f in self.findings)
        errors = sum(f.severity is Severity.ERROR and not f.todo for f in self.findings)
        return errors, len(self.findings) - errors - todo, todo

    # ---- editing (each pushes one undo step) -----------------------------------------
    def set_cells(self, new_values: dict[str, Value | None], text: str = "") -> int:
        """Set cells as one undo step; returns how many actually changed."""
        changes = self.state.cell_changes(new_values)
        if not changes or self.read_only:
            return 0
        if not text:
            if len(changes) == 1:
                ((cid, (_, new)),) = changes.items()
                text = f"填写“{self.edition.cell(cid).name}”为 {format_value(new) or '空'}"
            else:
                text = f"修改 {len(changes)} 个单元格"
        self._push(SetCellsCommand(self, changes, text))
        return len(changes)

    def set_text(self, key: TextKey | str, text: str | None) -> None:
        key = TextKey(key)
        text = None if text is None else clean_text(text)
        old = self.report.parts.get(key.numeral) if key.kind == "part" else self.state.text(key)
        if old != text:
            self._push(SetTextCommand(self, key, old, text, "编辑文字"))

    def set_field(self, group: FieldGroup | str, name: str, value: Any) -> None:
        group = FieldGroup(group)
        if isinstance(value, str):
            value = clean_text(value)
        old = self.state.field_value(group, name)
        if old == value:
            return
        spec = declared_field(group, name)
        label = spec.label if spec else "说明" if group is FieldGroup.EXPLANATIONS else "设置"
        self._push(SetFieldCommand(self, group, name, old, value, f"修改{label}"))

    def plan_year(self, year: int) -> YearPlan:
        """What changing the year would do (raises UnsupportedYearError); nothing changes yet."""
        return self.state.plan_year(year)

    def set_year(self, plan: YearPlan | int) -> None:
        plan = self.plan_year(plan) if isinstance(plan, int) else plan
        r = self.report
        if plan.year == r.meta.year:
            return
        before = YearPlan(r.meta.year, r.edition, dict(r.values), dict(r.claimed), (), dict(r.sources))
        self._push(ChangeYearCommand(self, before, plan, f"报告年度改为{plan.year}"))

    def replace_report(self, report: Report, text: str) -> None:
        """Swap in a changed copy of the report (an import) as one undo step."""
        self._push(ReplaceReportCommand(self, self.state.snapshot(), report, text))

    def accept_computed_totals(self) -> None:
        """Drop the totals an imported source claimed; the recomputed sums stand."""
        if self.report.claimed:
            after = self.state.snapshot()
            after.claimed.clear()
            self.replace_report(after, "采用重新计算的合计")

    def _push(self, command: QUndoCommand) -> None:
        """Every edit passes here: a read-only document refuses them all (views also lock)."""
        if not self.read_only:
            self.undo_stack.push(command)

    # ---- applied by the undo commands ------------------------------------------------
    def apply_cells(self, values: dict[str, Value | None]) -> None:
        self._emit(self.state.set_cells(values))

    def apply_text(self, key: TextKey, text: str | None) -> None:
        self._emit(self.state.set_text(key, text))

    def apply_field(self, group: FieldGroup, name: str, value: Any) -> None:
        self._emit(self.state.set_field(group, name, value))

    def apply_year(self, plan: YearPlan) -> None:
        self._emit(self.state.apply_year(plan))

    def apply_report(self, report: Report) -> None:
        self._emit(self.state.replace(report))

    def _emit(self, change: Change) -> None:
        """Every edit reaches the views as its ``Change``; each view takes what it shows from it."""
        self.changed.emit(change)

    # ---- file --------------------------------------------------------------------------
    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._restored = False
        self.undo_stack.setClean()
        self.pathChanged.emit()

    def mark_restored(self) -> None:
        """Recovered from an autosave: unsaved until the author saves it."""
        self._restored = True
