"""One QUndoCommand per kind of edit; redo/undo are each a single call into the document."""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from gxdesk.domain.cells import Value
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.domain.report import Report
from gxdesk.domain.state import YearPlan
from gxdesk.gui.compat import override

if TYPE_CHECKING:
    from gxdesk.gui.document import ReportDocument

_TYPING_PAUSE = 2.0  # seconds: typing within this pause is one undo step
_TEXT_ID, _FIELD_ID = 1, 2


class Revealing:
    """Undo and redo show where they change the report (not the first redo, which is the edit)."""

    _doc: ReportDocument
    _pushed = False

    def where(self) -> object:
        return None

    def reveal(self, *, first: bool = False) -> None:
        if first and not self._pushed:
            self._pushed = True
            return
        self._doc.revealRequested.emit(self.where())


class SetCellsCommand(Revealing, QUndoCommand):
    """Set several table cells at once (one typed value, a paste, a cleared selection)."""

    def __init__(self, doc: ReportDocument, changes: dict[str, tuple[Value | None, Value | None]], text: str) -> None:
        super().__init__(text)
        self._doc, self._changes = doc, changes

    @override
    def where(self) -> object:
        return next(iter(self._changes), None)

    @override
    def redo(self) -> None:
        self._doc.apply_cells({k: new for k, (_, new) in self._changes.items()})
        self.reveal(first=True)

    @override
    def undo(self) -> None:
        self._doc.apply_cells({k: old for k, (old, _) in self._changes.items()})
        self.reveal()


class SetTextCommand(Revealing, QUndoCommand):
    """Replace a narrative text (preface, part, table lead-in); consecutive typing merges."""

    def __init__(self, doc: ReportDocument, key: TextKey, old: str | None, new: str | None, text: str) -> None:
        super().__init__(text)
        self._doc, self.key, self.old, self.new = doc, key, old, new
        self._stamp = time.monotonic()

    @override
    def id(self) -> int:
        return _TEXT_ID

    @override
    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTextCommand) or other.key != self.key:
            return False
        if other._stamp - self._stamp > _TYPING_PAUSE:
            return False
        self.new, self._stamp = other.new, other._stamp
        return True

    @override
    def where(self) -> object:
        return self.key

    @override
    def redo(self) -> None:
        self._doc.apply_text(self.key, self.new)
        self.reveal(first=True)

    @override
    def undo(self) -> None:
        self._doc.apply_text(self.key, self.old)
        self.reveal()


class SetFieldCommand(Revealing, QUndoCommand):
    """Change one field of the basic information, fees, settings or explanations."""

    def __init__(self, doc: ReportDocument, group: FieldGroup, name: str, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self._doc, self.group, self.name, self.old, self.new = doc, group, name, old, new
        self._stamp = time.monotonic()

    @override
    def id(self) -> int:
        return _FIELD_ID

    @override
    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or (other.group, other.name) != (self.group, self.name):
            return False
        if other._stamp - self._stamp > _TYPING_PAUSE or not isinstance(self.new, str):
            return False
        self.new, self._stamp = other.new, other._stamp
        return True

    @override
    def where(self) -> object:
        return self.group

    @override
    def redo(self) -> None:
        self._doc.apply_field(self.group, self.name, self.new)
        self.reveal(first=True)

    @override
    def undo(self) -> None:
        self._doc.apply_field(self.group, self.name, self.old)
        self.reveal()


class ChangeYearCommand(QUndoCommand):
    """Change the report year; the tables move to the year's edition where cells correspond."""

    def __init__(self, doc: ReportDocument, before: YearPlan, after: YearPlan, text: str) -> None:
        super().__init__(text)
        self._doc, self._before, self._after = doc, before, after

    @override
    def redo(self) -> None:
        self._doc.apply_year(self._after)

    @override
    def undo(self) -> None:
        self._doc.apply_year(self._before)


class ReplaceReportCommand(QUndoCommand):
    """An import, or accepting recomputed totals: the whole report before and after, one step."""

    def __init__(self, doc: ReportDocument, before: Report, after: Report, text: str) -> None:
        super().__init__(text)
        self._doc, self._before, self._after = doc, before, after

    @override
    def redo(self) -> None:
        self._doc.apply_report(copy.deepcopy(self._after))

    @override
    def undo(self) -> None:
        self._doc.apply_report(copy.deepcopy(self._before))
