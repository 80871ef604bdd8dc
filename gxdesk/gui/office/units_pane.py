"""The list of units with their status, the findings of the one selected, and the notes below:
the 本级 report against the units' sum, units missing, files left out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.collection import Audit, Unit, UnitStatus
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import get_edition
from gxdesk.domain.findings import Finding, Severity
from gxdesk.gui.wizard.steps import STEP_SHORT, step_of
from gxdesk.gui.wrapping import WrappingDelegate

STATUS_COLORS = {
    UnitStatus.ERRORS: "#b91c1c",
    UnitStatus.REUSED: "#7c3aed",
    UnitStatus.WARNINGS: "#a16207",
    UnitStatus.REPORTED: "#15803d",
    UnitStatus.MISSING: "#6b7280",
    UnitStatus.NOT_ON_ROSTER: "#1d4ed8",
}
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1  # on every row's name item: the Unit, or the missing name
SEVERITY_COLORS = {Severity.ERROR: "#b91c1c", Severity.WARNING: "#a16207"}
COLUMNS = ("计入汇总", "单位", "状态", "错误", "提示", "文件")
FILE_COLUMN = COLUMNS.index("文件")


def place(finding: Finding, edition: Edition | None) -> str:
    """Where a finding is: its step, and the first cell it names (表三 row and column labels)."""
    where = STEP_SHORT[step_of(finding)]
    cells = [c for c in finding.cells if edition is not None and edition.has_cell(c)]
    if not cells or edition is None:
        return where
    more = f" 等 {len(cells)} 格" if len(cells) > 1 else ""
    return f"{where}：{edition.cell(cells[0]).name}{more}"


class UnitsPane(QSplitter):
    """Rows are the units that reported, then those that did not; the window acts on the signals."""

    ticked = Signal(str, bool)  # unit name, counted in the roll-up or not
    viewRequested = Signal(int, object)  # noqa: N815 - row, and the finding to show (or None)
    versionRequested = Signal(int)  # noqa: N815 - row whose unit sent several files
    unitSelected = Signal(object)  # noqa: N815 - the Unit, or None
    menuRequested = Signal(int, QPoint)  # noqa: N815 - row right-clicked, where (global)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.result: Audit | None = None
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("显示："))
        self.filter = QComboBox()  # every status with its count; the list shows one or all
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.filter)
        self.counts = QLabel()
        self.counts.setStyleSheet("color: #374151;")
        bar.addWidget(self.counts, 1)
        column.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS))
        # The list opens as the audit orders it (units by name, then those that sent nothing);
        # a click on a column header sorts by it from then on.
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.horizontalHeader().sectionClicked.connect(self._on_header_clicked)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().hide()
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        column.addWidget(self.table)
        self.addWidget(top)
        self.findings = QTreeWidget()
        self.findings.setColumnCount(3)
        self.findings.setHeaderLabels(["级别", "位置", "问题"])
        self.findings.setRootIsDecorated(False)
        self.findings.setItemDelegate(WrappingDelegate(self.findings))
        self.findings.setToolTip("双击某一问题，在只读打开的报告中定位到它")
        self.findings.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.findings.header().resizeSection(1, 300)
        self.findings.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.findings.itemActivated.connect(self._on_findings_item_activated)
        self.addWidget(self.findings)
        below = QWidget()
        notes = QVBoxLayout(below)
        notes.setContentsMargins(0, 0, 0, 0)
        self.parent_line = QPushButton()  # the government's own report against the units' sum
        self.parent_line.setFlat(True)
        self.parent_line.setVisible(False)
        self.parent_line.clicked.connect(self.show_parent_findings)
        notes.addWidget(self.parent_line)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b91c1c;")
        notes.addWidget(self.missing)
        self.addWidget(below)
        # At least six rows of findings, also on a 1366×768 laptop.
        self.findings.setMinimumHeight(self.findings.fontMetrics().height() * 7 + 30)
        for index, stretch in enumerate((3, 2, 0)):  # the unit list gets most of the room
            self.setStretchFactor(index, stretch)

    # ---- rows ----------------------------------------------------------------------------
    def fill(self, result: Audit) -> None:
        self.result = result
        self.table.blockSignals(True)
        sorting = self.table.isSortingEnabled()
        self.table.setSortingEnabled(False)  # rows are placed, then sorted as the clerk last chose
        self.table.setRowCount(len(result.units) + len(result.missing))
        for row, unit in enumerate(result.units):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Checked if result.counted(unit) else Qt.CheckState.Unchecked)
            tick.setToolTip("计入汇总和本级报告核对" if result.counted(unit) else "不计入汇总")
            versions = f"（{len(unit.versions)} 个版本）" if len(unit.versions) > 1 else ""
            status = unit.status
            texts = (unit.name, status.label, unit.errors, unit.warnings, Path(unit.chosen.path).name + versions)
            self.table.setItem(row, 0, tick)
            for col, text in enumerate(texts, start=1):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, text)
                if col == 2:
                    item.setForeground(QBrush(QColor(STATUS_COLORS[status])))
                    if unit.suggestion:
                        item.setToolTip(f"报告中的机关名称不在名单上；可能是名单中的“{unit.suggestion}”（右键确认）")
                    elif status is UnitStatus.NOT_ON_ROSTER:
                        item.setToolTip("报告中的机关名称不在名单上：不计入汇总，除非勾选")
                if col == 1:
                    item.setData(UNIT_ROLE, unit)
                self.table.setItem(row, col, item)
        for row, name in enumerate(result.missing, start=len(result.units)):
            for col, text in enumerate(("", name, UnitStatus.MISSING.label, "", "", "—")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # nothing to tick
                item.setForeground(QBrush(QColor(STATUS_COLORS[UnitStatus.MISSING])))
                if col == 1:
                    item.setData(UNIT_ROLE, name)
                self.table.setItem(row, col, item)
        self.table.setSortingEnabled(sorting)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fill_filter(result)
        notes = []
        if result.missing:
            notes.append("未报送：" + "、".join(result.missing))
        if result.has_roster and result.not_on_roster:
            strangers = [u.name + (f"（可能是“{u.suggestion}”）" if u.suggestion else "") for u in result.units
                         if not u.on_roster]  # fmt: skip
            notes.append("不在名单上（不计入汇总，除非勾选）：" + "、".join(strangers))
        notes += [f"无法读取：{Path(u.path).name}（{u.reason}）" for u in result.unreadable]
        notes += [f"年度不符，未计入：{Path(u.path).name}" for u in result.other_year]
        self.missing.setText("\n".join(notes))
        self._on_table_item_selection_changed()  # the selected row's findings, as now read

    def _fill_filter(self, result: Audit) -> None:
        """全部 and each status with its count; the choice is kept across audits."""
        shown = self.filter.currentData()
        counts = result.by_status()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(f"全部（{len(result.units) + len(result.missing)}）", None)
        for status, count in counts.items():
            if count:
                self.filter.addItem(f"{status.label}（{count}）", status)
        index = self.filter.findData(shown)
        self.filter.setCurrentIndex(max(0, index))
        self.filter.blockSignals(False)
        self.counts.setText("  ".join(f"{s.label} {n}" for s, n in counts.items() if n))
        self._apply_filter()

    def _apply_filter(self) -> None:
        wanted = self.filter.currentData()
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 2)
            status = item.text() if item is not None else ""
            self.table.setRowHidden(row, wanted is not None and status != wanted.label)
        # The view leaves hidden rows out of its selection, the selection model does not.
        selected = {i.row() for i in self.table.selectionModel().selectedIndexes()}
        if any(self.table.isRowHidden(r) for r in selected):
            self.table.clearSelection()  # the findings below never speak of a unit the list hides
            self._on_table_item_selection_changed()

    def unit_at(self, row: int) -> Unit | None:
        """The unit of a row; None for a unit that sent nothing."""
        item = self.table.item(row, 1) if row >= 0 else None
        unit = item.data(UNIT_ROLE) if item is not None else None
        return unit if isinstance(unit, Unit) else None

    def row_of(self, unit: Unit) -> int:
        return next((r for r in range(self.table.rowCount()) if self.unit_at(r) is unit), -1)

    def missing_at(self, row: int) -> str:
        item = self.table.item(row, 1) if row >= 0 else None
        name = item.data(UNIT_ROLE) if item is not None else None
        return name if isinstance(name, str) else ""

    def selected_units(self) -> list[Unit]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [u for r in rows if (u := self.unit_at(r)) is not None]

    def selected_row(self) -> int | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return min(rows) if rows else None

    # ---- findings ------------------------------------------------------------------------
    def _on_table_item_selection_changed(self) -> None:
        self.findings.clear()
        row = self.selected_row()
        unit = self.unit_at(row) if row is not None else None
        self.unitSelected.emit(unit)
        if unit is None:
            if row is not None and self.missing_at(row):
                self.findings.addTopLevelItem(QTreeWidgetItem(["", "", f"没有收到“{self.missing_at(row)}”的报告"]))
            return
        edition = get_edition(unit.chosen.report.edition) if unit.chosen.report else None
        self._list(unit.findings, edition)
        if not unit.findings:
            self.findings.addTopLevelItem(QTreeWidgetItem(["", "", "未发现问题"]))

    def _list(self, findings: list[Finding], edition: Edition | None) -> None:
        for f in findings:
            item = QTreeWidgetItem([f.severity.label, place(f, edition), f.message])
            item.setForeground(0, QBrush(QColor(SEVERITY_COLORS[f.severity])))
            item.setData(0, Qt.ItemDataRole.UserRole, f)
            self.findings.addTopLevelItem(item)

    def show_parent(self, name: str) -> None:
        """One line on the 本级 report: its cells against the units ticked in (click for the list)."""
        r = self.result
        if r is None or r.parent_report is None:
            self.parent_line.setVisible(False)
            return
        if r.parent_findings:
            text = f"本级报告（{name}）：{len(r.parent_findings)} 处与计入汇总的单位之和不符 —— 点击查看"
        else:
            text = f"本级报告（{name}）：各单元格都等于计入汇总的单位之和"
        self.parent_line.setText(text)
        color = SEVERITY_COLORS[Severity.WARNING] if r.parent_findings else STATUS_COLORS[UnitStatus.REPORTED]
        self.parent_line.setStyleSheet(f"text-align: left; padding: 2px; color: {color};")
        self.parent_line.setVisible(True)

    def show_parent_findings(self) -> None:
        r = self.result
        if r is None or r.parent_report is None:
            return
        self.table.clearSelection()
        self.findings.clear()
        self._list(r.parent_findings, get_edition(r.parent_report.edition))

    # ---- what the author does ------------------------------------------------------------
    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        unit = self.unit_at(item.row())
        if item.column() == 0 and unit is not None:
            self.ticked.emit(unit.name, item.checkState() == Qt.CheckState.Checked)

    def _on_header_clicked(self, _section: int) -> None:
        if not self.table.isSortingEnabled():
            self.table.horizontalHeader().setSortIndicatorShown(True)
            self.table.setSortingEnabled(True)

    def _on_table_context_menu(self, pos: QPoint) -> None:
        row = self.table.rowAt(pos.y())
        if row >= 0:
            self.table.selectRow(row)
            self.menuRequested.emit(row, self.table.viewport().mapToGlobal(pos))

    def _on_table_cell_double_clicked(self, row: int, column: int) -> None:
        unit = self.unit_at(row)
        if unit is None:
            return
        if column == FILE_COLUMN and len(unit.versions) > 1:
            self.versionRequested.emit(row)
        elif column != 0:  # the first column is the tick box
            self.viewRequested.emit(row, None)

    def _on_findings_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """The unit's report, read-only, at the finding (its cell selected, its text shown)."""
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        row = self.selected_row()
        if finding is not None and row is not None:
            self.viewRequested.emit(row, finding)
