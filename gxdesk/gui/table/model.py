"""One generic QAbstractTableModel over a TableSpec's grid, reading the document."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gxdesk.domain.cells import format_value, parse_value
from gxdesk.domain.compare import CellChange
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.rollup import provenance_note
from gxdesk.domain.state import Change
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


_BRUSHES = {key: QBrush(color) for key, color in COLORS.items()}
_COMPUTED_TEXT = QBrush(QColor("#1d4e89"))
_SWING = QBrush(QColor("#ede9fe"))
_LIT = QBrush(QColor("#cfe0f3"))  # the labels naming the current cell, as Excel lights its headings
_BOLD = QFont()
_BOLD.setBold(True)


class ReportTableModel(QAbstractTableModel):
    """Cells of one table: labels as laid out officially, inputs editable, totals computed.

    Nothing is cached but the static labels: a cell's display data is computed when Qt asks,
    and ``dataChanged`` is emitted only for the cells an edit's ``Change`` names.
    """

    rejected = Signal(QModelIndex, str)
    noted = Signal(QModelIndex, str)  # taken, with something the clerk should know (元 → 万元, a note)
    layoutRebuilt = Signal()  # noqa: N815

    def __init__(self, doc: ReportDocument, part: str) -> None:
        super().__init__()
        self.doc, self.part = doc, part
        self._build()
        doc.changed.connect(self._on_doc_changed)
        doc.compareToggled.connect(self._on_doc_compare_toggled)
        self._last_year: dict[str, CellChange] = {}
        self._refresh_last_year()

    def _build(self) -> None:
        self.spec: TableSpec = self.doc.edition.table(self.part)
        self._pos = {g.cell: (g.row, g.col) for g in self.spec.grid if g.cell}
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        edit = Qt.ItemFlag.ItemIsEditable if not self.doc.read_only else Qt.ItemFlag.NoItemFlags
        self._flags = {
            pos: base | edit if g.cell and not self.spec.cell(g.cell).computed else base
            for pos, g in self.spec.owners.items()
        }
        self._lit: frozenset[tuple[int, int]] = frozenset()
        self._labels = {
            (g.row, g.col): {role: self._label_data(g, role) for role in _ROLES} for g in self.spec.grid if not g.cell
        }

    # ---- structure ---------------------------------------------------------------------
    @override
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.spec.n_rows

    @override
    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.spec.n_cols

    def grid_cell(self, index: Index) -> GridCell | None:
        return self.spec.owner(index.row(), index.column()) if index.isValid() else None

    def cell_spec(self, index: Index) -> CellSpec | None:
        g = self.grid_cell(index)
        return self.spec.cell(g.cell) if g is not None and g.cell else None

    def is_input(self, index: Index) -> bool:
        spec = self.cell_spec(index)
        return spec is not None and not spec.computed

    def light(self, index: Index) -> None:
        """Highlight the row labels and column headers that name the cell at ``index``."""
        labels = self.spec.labels_of(index.row(), index.column()) if index.isValid() else ()
        lit = frozenset((g.row, g.col) for g in labels)
        changed, self._lit = lit ^ self._lit, lit
        for row, col in sorted(changed):
            self.dataChanged.emit(self.index(row, col), self.index(row, col), [R.BackgroundRole])

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
        label = self._labels.get(pos)
        if label is not None:
            if role == R.BackgroundRole and pos in self._lit:
                return _LIT
            return label.get(role)
        g = self.spec.owner(*pos)
        if g is None or g.cell is None or (g.row, g.col) != pos:
            return None
        return self._cell_data(self.spec.cell(g.cell), role)

    def _cell_data(self, spec: CellSpec, role: int) -> object:
        if role == R.DisplayRole:
            return format_value(self.doc.shown_value(spec.id), spec.kind, unit=True)
        if role == R.EditRole:
            return format_value(self.doc.report.values.get(spec.id))
        if role == CELL_ID_ROLE:
            return spec.id
        if role == R.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == R.ForegroundRole:
            return _COMPUTED_TEXT if spec.computed else None
        if role == R.FontRole:
            return _BOLD if spec.computed else None
        findings = self.doc.findings_by_cell.get(spec.id, [])
        # A cell not yet filled is work to do, not a problem: it is not coloured as one.
        severity = self._worst([f for f in findings if not f.todo])
        if role == SEVERITY_ROLE:
            return severity.value if severity else None
        last = self._last_year.get(spec.id)
        if role == R.BackgroundRole:
            if severity:
                return _BRUSHES[severity]
            if last is not None and last.large:
                return _SWING  # 对比上年: a large swing, for a second look
            return _BRUSHES["computed" if spec.computed else "input"]
        if role == R.ToolTipRole:
            lines = [f"{f.severity.label}：{f.message}" for f in findings]
            if last is not None and last.last is not None:
                swing = "，变化较大，请再核实" if last.large else ""
                lines.append(f"上年：{format_value(last.last, spec.kind, unit=True)}；变化：{last.change_text}{swing}")
            lines += provenance_note(self.doc.report, spec.id, self.doc.shown_value(spec.id))
            if spec.computed:
                lines.append("自动计算（各项之和），不能直接填写")
            elif not lines:
                lines.append(f"{spec.name}：{spec.kind.description}")
            return "\n".join(lines)
        return None

    def _label_data(self, g: GridCell, role: int) -> object:
        if role == R.DisplayRole:
            return g.text
        if role == R.BackgroundRole:
            return _BRUSHES["label" if g.role is Role.LABEL else "header"]
        if role == R.TextAlignmentRole:
            if g.role is Role.LABEL:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == R.FontRole and g.role in (Role.CAPTION, Role.HEADER):
            return _BOLD
        if role == R.ToolTipRole:
            return g.text or None
        return None

    @staticmethod
    def _worst(findings: list[Finding]) -> Severity | None:
        if any(f.severity is Severity.ERROR for f in findings):
            return Severity.ERROR
        return Severity.WARNING if findings else None

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        return self._flags.get((index.row(), index.column()), Qt.ItemFlag.NoItemFlags)

    @override
    def setData(self, index: Index, value: object, role: int = R.EditRole) -> bool:
        spec = self.cell_spec(index)
        if role != R.EditRole or spec is None or spec.computed or self.doc.read_only:
            return False
        parsed = parse_value(value, spec.kind)
        if not parsed.ok:
            self.rejected.emit(self.index(index.row(), index.column()), f"{spec.name}：{parsed.error}，未填入")
            return False
        self.doc.set_cells({spec.id: parsed.value})
        if parsed.note:  # e.g. 22（其中修订16件）: the words are not stored, so they are said
            self.noted.emit(self.index(index.row(), index.column()), f"{spec.name}：{parsed.note}")
        return True

    # ---- document signals ----------------------------------------------------------------
    def _on_doc_compare_toggled(self, on: bool) -> None:
        self._refresh_last_year()
        self._on_doc_cells_changed(list(self._pos))

    def _refresh_last_year(self) -> None:
        on = self.doc.compare_on and self.doc.report.prior is not None
        self._last_year = self.doc.state.comparisons() if on else {}  # computed once per edit, by the state

    def _on_doc_changed(self, change: Change) -> None:
        if change.structure:  # the layout first: then the cells of the new layout repaint
            self._on_doc_structure_changed()
        cells = change.cells | change.finding_cells
        if cells:
            self._on_doc_cells_changed(sorted(cells))

    def _on_doc_cells_changed(self, cell_ids: list[str]) -> None:
        """Repaint exactly the cells the edit named (their value or their findings changed)."""
        if self._last_year:
            self._refresh_last_year()
        for cid in cell_ids:
            pos = self._pos.get(cid)
            if pos is not None:
                index = self.index(*pos)
                self.dataChanged.emit(index, index, list(_ROLES))

    def _on_doc_structure_changed(self) -> None:
        self.beginResetModel()
        try:
            self._build()
        finally:
            self.endResetModel()
        self.layoutRebuilt.emit()
