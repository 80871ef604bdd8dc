"""One generic QAbstractTableModel over a TableSpec's grid, reading the document."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gxdesk.domain.cells import format_value, parse_value
from gxdesk.domain.findings import Severity
from gxdesk.domain.tables import CellSpec, GridCell, Role, TableSpec
from gxdesk.gui.compat import override
from gxdesk.gui.document import ReportDocument

Index = QModelIndex | QPersistentModelIndex
R = Qt.ItemDataRole
CELL_ID_ROLE = R.UserRole + 1
SEVERITY_ROLE = R.UserRole + 2

_ROLES = (
    R.DisplayRole,
    R.EditRole,
    R.BackgroundRole,
    R.ForegroundRole,
    R.TextAlignmentRole,
    R.ToolTipRole,
    R.FontRole,
    CELL_ID_ROLE,
    SEVERITY_ROLE,
)

COLORS = {
    "label": QColor("#f3f4f6"),
    "header": QColor("#e8ebf0"),
    "computed": QColor("#e9f1fb"),
    "input": QColor("#ffffff"),
    Severity.ERROR: QColor("#fbd5d5"),
    Severity.WARNING: QColor("#fdf0c4"),
}


class ReportTableModel(QAbstractTableModel):
    """Cells of one table: labels as laid out officially, inputs editable, totals computed."""

    rejected = Signal(QModelIndex, str)
    layoutRebuilt = Signal()  # noqa: N815

    def __init__(self, doc: ReportDocument, part: str) -> None:
        super().__init__()
        self.doc, self.part = doc, part
        self._build()
        # Every edit re-runs the checks, so findingsChanged covers values and colours alike.
        doc.findingsChanged.connect(self._on_doc_findings_changed)
        doc.structureChanged.connect(self._on_doc_structure_changed)

    def _build(self) -> None:
        self.spec: TableSpec = self.doc.edition.table(self.part)
        self._owner: dict[tuple[int, int], GridCell] = {}
        self._pos: dict[str, tuple[int, int]] = {}
        for g in self.spec.grid:
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    self._owner[(r, c)] = g
            if g.cell:
                self._pos[g.cell] = (g.row, g.col)
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._flags = {
            pos: base | Qt.ItemFlag.ItemIsEditable if g.cell and not self.spec.cell(g.cell).computed else base
            for pos, g in self._owner.items()
        }
        self._labels = {
            (g.row, g.col): {role: self._compute(g, role) for role in _ROLES} for g in self.spec.grid if not g.cell
        }
        self._cells: dict[tuple[int, int], dict[int, object]] = self._value_cache()

    def _value_cache(self) -> dict[tuple[int, int], dict[int, object]]:
        """What every value cell shows, computed once per change so painting is lookups only."""
        return {(g.row, g.col): {role: self._compute(g, role) for role in _ROLES} for g in self.spec.grid if g.cell}

    # ---- structure ---------------------------------------------------------------------
    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.spec.n_rows

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.spec.n_cols

    def grid_cell(self, index: Index) -> GridCell | None:
        return self._owner.get((index.row(), index.column())) if index.isValid() else None

    def cell_spec(self, index: Index) -> CellSpec | None:
        g = self.grid_cell(index)
        return self.spec.cell(g.cell) if g is not None and g.cell else None

    def is_input(self, index: Index) -> bool:
        spec = self.cell_spec(index)
        return spec is not None and not spec.computed

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._pos.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def origin(self, index: Index) -> QModelIndex:
        """The top-left index of the merged area ``index`` lies in."""
        g = self.grid_cell(index)
        return self.index(g.row, g.col) if g else QModelIndex()

    # ---- data --------------------------------------------------------------------------
    @override
    def data(self, index: Index, role: int = R.DisplayRole) -> object:
        pos = (index.row(), index.column())
        entry = self._cells.get(pos) or self._labels.get(pos)
        return None if entry is None else entry.get(role)

    def _compute(self, g: GridCell, role: int) -> object:
        spec = self.spec.cell(g.cell) if g.cell else None
        if role == R.DisplayRole:
            return g.text if spec is None else format_value(self.doc.shown_value(spec.id), spec.kind, unit=True)
        if role == R.EditRole:
            return None if spec is None else format_value(self.doc.report.values.get(spec.id))
        if role == CELL_ID_ROLE:
            return spec.id if spec else None
        if spec is None:
            return self._label_data(g, role)
        findings = self.doc.findings_by_cell.get(spec.id, [])
        # A cell not yet filled is work to do, not a problem: it is not coloured as one.
        severity = self._worst([f for f in findings if not f.todo])
        if role == SEVERITY_ROLE:
            return severity.value if severity else None
        if role == R.BackgroundRole:
            if severity:
                return QBrush(COLORS[severity])
            return QBrush(COLORS["computed" if spec.computed else "input"])
        if role == R.ForegroundRole and spec.computed:
            return QBrush(QColor("#1d4e89"))
        if role == R.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == R.ToolTipRole:
            lines = [f"{f.severity.label}：{f.message}" for f in findings]
            if spec.computed:
                lines.append("自动计算（各项之和），不能直接填写")
            elif not lines:
                lines.append(f"{spec.name}：{spec.kind.description}")
            return "\n".join(lines)
        if role == R.FontRole and spec.computed:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _label_data(self, g: GridCell, role: int) -> object:
        if role == R.BackgroundRole:
            return QBrush(COLORS["label" if g.role is Role.LABEL else "header"])
        if role == R.TextAlignmentRole:
            if g.role is Role.LABEL:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == R.FontRole and g.role in (Role.CAPTION, Role.HEADER):
            font = QFont()
            font.setBold(True)
            return font
        if role == R.ToolTipRole:
            return g.text or None
        return None

    @staticmethod
    def _worst(findings: list) -> Severity | None:
        if any(f.severity is Severity.ERROR for f in findings):
            return Severity.ERROR
        return Severity.WARNING if findings else None

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        return self._flags.get((index.row(), index.column()), Qt.ItemFlag.NoItemFlags)

    @override
    def setData(self, index: Index, value: object, role: int = R.EditRole) -> bool:
        spec = self.cell_spec(index)
        if role != R.EditRole or spec is None or spec.computed:
            return False
        parsed = parse_value(value, spec.kind)
        if not parsed.ok:
            self.rejected.emit(QModelIndex(index), f"{spec.name}：{parsed.error}，未填入")
            return False
        self.doc.set_cells({spec.id: parsed.value})
        return True

    # ---- document signals ----------------------------------------------------------------
    def _refresh_values(self) -> None:
        """Recompute what cells show and signal only those that changed (Qt repaints just them)."""
        old, self._cells = self._cells, self._value_cache()
        for pos, entry in self._cells.items():
            if old.get(pos) != entry:
                index = self.index(*pos)
                self.dataChanged.emit(index, index, list(_ROLES))

    def _signature(self) -> tuple:
        """What this table shows, cheaply: values and the findings on its cells."""
        by_cell = self.doc.findings_by_cell
        return tuple((cid, self.doc.shown_value(cid), tuple(f.key for f in by_cell.get(cid, ()))) for cid in self._pos)

    def _on_doc_findings_changed(self) -> None:
        # Every edit re-runs the checks; typing in the narrative changes nothing in this table.
        signature = self._signature()
        if signature != getattr(self, "_shown", None):
            self._shown = signature
            self._refresh_values()

    def _on_doc_structure_changed(self) -> None:
        self.beginResetModel()
        try:
            self._build()
        finally:
            self.endResetModel()
        self.layoutRebuilt.emit()
