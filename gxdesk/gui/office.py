"""The 汇总与审核 window: a collection of units' reports, audited, ticked in or out, summed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import get_edition
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.rollup import agency_key, sum_units, update_rollup
from gxdesk.exchange.collection import COLLECTION_SUFFIX, Audit, CollectionFile, Unit, audit, choose, read_roster
from gxdesk.gui import dialogs
from gxdesk.gui.compat import override
from gxdesk.gui.wizard.steps import STEP_SHORT, step_of
from gxdesk.gui.wrapping import WrappingDelegate
from gxdesk.gui.writing import write_with_recovery

if TYPE_CHECKING:
    from gxdesk.gui.mainwindow import MainWindow

STATUS_COLORS = {"有错误": "#b91c1c", "雷同": "#7c3aed", "有提示": "#a16207", "报送": "#15803d", "未报送": "#6b7280"}
MISSING = "未报送"
COLUMNS = ("计入汇总", "单位", "状态", "错误", "提示", "文件")


def _place(finding: Finding, edition: Edition | None) -> str:
    """Where a finding is: its step, and the first cell it names (表三 row and column labels)."""
    where = STEP_SHORT[step_of(finding)]
    cells = [c for c in finding.cells if edition is not None and edition.has_cell(c)]
    if not cells or edition is None:
        return where
    more = f" 等 {len(cells)} 格" if len(cells) > 1 else ""
    return f"{where}：{edition.cell(cells[0]).name}{more}"


class AuditWorker(QObject):
    """Runs the audit off the GUI thread (the files themselves are read by worker processes)."""

    progressed = Signal(int, int)
    finished = Signal(object)  # Audit, or the error message
    cancel = False

    def __init__(self, collection: CollectionFile) -> None:
        super().__init__()
        self.collection = collection

    def run(self) -> None:
        c = self.collection
        try:
            roster = read_roster(c.roster) if c.roster else None
            result = audit(
                c.paths,
                roster=roster,
                prior=c.prior,
                parent=c.parent or None,
                progress=self.progressed.emit,
                cancelled=lambda: self.cancel,
            )
        except (OSError, ValueError) as exc:
            self.finished.emit(str(exc))
            return
        for unit_name, path in c.chosen.items():
            if any(u.name == unit_name and any(v.path == path for v in u.versions) for u in result.units):
                choose(result, unit_name, path)
        self.finished.emit(result)


class OfficeWindow(QMainWindow):
    """Collect, audit and sum the units' reports; the roll-up opens in a wizard window."""

    audited = Signal()

    def __init__(self, opener: MainWindow | None = None) -> None:
        super().__init__(opener)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle("汇总与审核 — gxdesk")
        self.setAcceptDrops(True)
        self.opener = opener
        self.collection = CollectionFile()
        self.collection_path: Path | None = None
        self.result: Audit | None = None
        self._thread: QThread | None = None
        self._worker: AuditWorker | None = None
        self.viewers: dict[str, MainWindow] = {}  # units' reports open read-only, by content
        self._build()
        self.resize(1200, 760)

    # ---- building ----------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        buttons = QHBoxLayout()
        for text, slot in (
            ("添加文件…", self._on_add_files_clicked),
            ("添加文件夹…", self._on_add_folder_clicked),
            ("单位名单…", self._on_roster_clicked),
            ("上年报告…", self._on_prior_clicked),
            ("本级报告…", self._on_parent_clicked),
            ("打开清单…", self._on_open_clicked),
            ("保存清单…", self._on_save_clicked),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.run_button = QPushButton("开始审核")
        self.run_button.clicked.connect(self.run_audit)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.rollup_button = QPushButton("生成汇总报告")
        self.rollup_button.clicked.connect(self.make_rollup)
        self.export_button = QPushButton("导出汇总表…")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.view_button = QPushButton("查看报告")
        self.view_button.setToolTip("在向导中只读打开选中单位的报告（也可双击该行）")
        self.view_button.setEnabled(False)
        self.view_button.clicked.connect(self._on_view_clicked)
        self.version_button = QPushButton("选择版本…")
        self.version_button.setToolTip("同一单位报送了几个版本时，选用哪一个（默认最新的；也可双击“文件”列）")
        self.version_button.setEnabled(False)
        self.version_button.clicked.connect(self._on_version_clicked)
        for button in (
            self.run_button,
            self.cancel_button,
            self.view_button,
            self.version_button,
            self.rollup_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.sources = QLabel("把单位报告的文件或文件夹拖到这里，或点“添加文件夹…”。")
        self.sources.setWordWrap(True)
        layout.addWidget(self.sources)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_findings)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.itemChanged.connect(self._on_table_item_changed)
        splitter.addWidget(self.table)
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
        splitter.addWidget(self.findings)
        below = QWidget()
        notes = QVBoxLayout(below)
        notes.setContentsMargins(0, 0, 0, 0)
        self.parent_line = QPushButton()  # the government's own report against the units' sum
        self.parent_line.setFlat(True)
        self.parent_line.setStyleSheet("text-align: left; padding: 2px;")
        self.parent_line.setVisible(False)
        self.parent_line.clicked.connect(self._show_parent_findings)
        notes.addWidget(self.parent_line)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b91c1c;")
        notes.addWidget(self.missing)
        splitter.addWidget(below)
        for index, stretch in enumerate((3, 2, 0)):
            splitter.setStretchFactor(index, stretch)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)

    # ---- sources -------------------------------------------------------------------------
    def add_paths(self, paths: list[str]) -> None:
        for path in paths:
            if path and path not in self.collection.paths:
                self.collection.paths.append(path)
        self._show_sources()

    def _show_sources(self) -> None:
        c = self.collection
        lines = ["报告：" + ("；".join(c.paths) or "（尚未添加）")]
        if c.roster:
            lines.append(f"名单：{c.roster}")
        if c.prior:
            lines.append("上年：" + "；".join(c.prior))
        if c.parent:
            lines.append(f"本级报告：{c.parent}")
        self.sources.setText("\n".join(lines))

    def _on_add_files_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "添加单位报告", "", "报告 (*.docx *.xlsx *.gxr);;所有文件 (*)")
        self.add_paths(files)

    def _on_add_folder_clicked(self) -> None:
        self.add_paths([QFileDialog.getExistingDirectory(self, "添加文件夹（含子文件夹）")])

    def _on_roster_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "单位名单", "", "名单 (*.xlsx *.csv)")
        if path:
            self.collection.roster = path
            self._show_sources()

    def _on_prior_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "上年报告所在文件夹")
        if path:
            self.collection.prior.append(path)
            self._show_sources()

    def _on_parent_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "本级（全县口径）报告：核对各单元格是否等于各单位之和", "", "报告 (*.docx *.xlsx *.gxr)"
        )
        if path:
            self.collection.parent = path
            self._show_sources()

    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开汇总清单", "", f"汇总清单 (*{COLLECTION_SUFFIX})")
        if path:
            self.open_collection(Path(path))

    def open_collection(self, path: Path) -> None:
        try:
            self.collection = CollectionFile.load(path)
        except ValueError as exc:
            dialogs.show_error(self, str(exc))
            return
        self.collection_path = path
        self._show_sources()
        self.run_audit()

    def _on_save_clicked(self) -> None:
        folder = self.collection.paths[0] if self.collection.paths else ""
        path = dialogs.save_path(
            self, str(Path(folder) / f"汇总清单{COLLECTION_SUFFIX}"), f"汇总清单 (*{COLLECTION_SUFFIX})"
        )
        if path:
            self.save_collection(Path(path))

    def save_collection(self, path: Path) -> None:
        written = write_with_recovery(self, path, self.collection.save, f"汇总清单 (*{COLLECTION_SUFFIX})")
        if written is None:
            return
        self.collection_path = path = written
        self.statusBar().showMessage(f"已保存汇总清单“{path}”", 8000)

    # ---- audit ---------------------------------------------------------------------------
    def run_audit(self) -> None:
        if not self.collection.paths:
            dialogs.show_info(self, "汇总与审核", "请先添加单位报告的文件或文件夹。")
            return
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._worker = AuditWorker(self.collection)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_worker_progressed)
        self._worker.finished.connect(self._on_worker_finished)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self._thread.start()

    def _on_worker_progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.statusBar().showMessage(f"已读取 {done}/{total} 个文件")

    def _on_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel = True

    def _on_worker_finished(self, outcome: object) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread, self._worker = None, None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)
        if isinstance(outcome, str):
            dialogs.show_error(self, outcome)
            return
        assert isinstance(outcome, Audit)
        self.result = outcome
        self._fill()
        self._check_parent()
        errors = sum(u.status == "有错误" for u in outcome.units)
        self.statusBar().showMessage(
            f"{outcome.year}年度：{len(outcome.units)} 个单位报送，{errors} 个有错误，未报送 {len(outcome.missing)} 个",
            0,
        )
        self.audited.emit()

    def _fill(self) -> None:
        assert self.result is not None
        self.table.blockSignals(True)
        # Units that sent a report, then those on the 名单 (or last year's) that did not.
        self.table.setRowCount(len(self.result.units) + len(self.result.missing))
        excluded = {agency_key(n) for n in self.collection.excluded}
        for row, unit in enumerate(self.result.units):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Unchecked if agency_key(unit.name) in excluded else Qt.CheckState.Checked)
            errors = sum(f.severity is Severity.ERROR for f in unit.findings)
            versions = f"（{len(unit.versions)} 个版本）" if len(unit.versions) > 1 else ""
            cells = (tick, unit.name, unit.status, str(errors), str(len(unit.findings) - errors),
                     Path(unit.chosen.path).name + versions)  # fmt: skip
            for col, value in enumerate(cells):
                item = value if isinstance(value, QTableWidgetItem) else QTableWidgetItem(value)
                if col == 2:
                    item.setForeground(QBrush(QColor(STATUS_COLORS[unit.status])))
                self.table.setItem(row, col, item)
        for row, name in enumerate(self.result.missing, start=len(self.result.units)):
            for col, value in enumerate(("", name, MISSING, "", "", "—")):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # nothing to tick
                item.setForeground(QBrush(QColor(STATUS_COLORS[MISSING])))
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        r = self.result
        notes = []
        if r.missing:
            notes.append("未报送：" + "、".join(r.missing))
        if r.not_on_roster:
            notes.append("不在名单上：" + "、".join(r.not_on_roster))
        notes += [f"无法读取：{Path(u.path).name}（{u.reason}）" for u in r.unreadable]
        notes += [f"年度不符，未计入：{Path(u.path).name}" for u in r.other_year]
        self.missing.setText("\n".join(notes))

    def _unit_at(self, row: int) -> Unit | None:
        """The unit of a row; None for a unit that sent nothing (listed after those that did)."""
        if self.result is None or not 0 <= row < len(self.result.units):
            return None
        return self.result.units[row]

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        unit = self._unit_at(item.row())
        if item.column() != 0 or unit is None:
            return
        name = unit.name
        excluded = [n for n in self.collection.excluded if agency_key(n) != agency_key(name)]
        if item.checkState() == Qt.CheckState.Unchecked:
            excluded.append(name)
        self.collection.excluded = excluded
        self._check_parent()

    def _show_findings(self) -> None:
        self.findings.clear()
        rows = {i.row() for i in self.table.selectedIndexes()}
        unit = self._unit_at(min(rows)) if rows else None
        self.view_button.setEnabled(unit is not None)
        self.version_button.setEnabled(unit is not None and len(unit.versions) > 1)
        if unit is None:
            if rows and self.result is not None:
                name = self.table.item(min(rows), 1).text()
                self.findings.addTopLevelItem(QTreeWidgetItem(["", "", f"没有收到“{name}”的报告"]))
            return
        edition = get_edition(unit.chosen.report.edition) if unit.chosen.report else None
        for f in unit.findings:
            item = QTreeWidgetItem([f.severity.label, _place(f, edition), f.message])
            item.setForeground(0, QBrush(QColor("#b91c1c" if f.severity is Severity.ERROR else "#a16207")))
            item.setData(0, Qt.ItemDataRole.UserRole, f)
            self.findings.addTopLevelItem(item)
        if not unit.findings:
            self.findings.addTopLevelItem(QTreeWidgetItem(["", "", "未发现问题"]))

    def _on_findings_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        """The unit's report, read-only, at the finding (its cell selected, its text shown)."""
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if finding is None or not rows:
            return
        viewer = self.view_unit(rows[0])
        if viewer is not None:
            viewer.go_to_finding(finding)

    def _check_parent(self) -> None:
        """ROLLUP-SUM of the government's own report against the units ticked in, said in one line."""
        r = self.result
        if r is None or r.parent_report is None:
            self.parent_line.setVisible(False)
            return
        r.check_parent(self.included())  # type: ignore[arg-type]
        name = r.parent_report.meta.agency or Path(self.collection.parent).name
        if r.parent_findings:
            text = f"本级报告（{name}）：{len(r.parent_findings)} 处与计入汇总的单位之和不符 —— 点击查看"
        else:
            text = f"本级报告（{name}）：各单元格都等于计入汇总的单位之和"
        self.parent_line.setText(text)
        self.parent_line.setStyleSheet(
            f"text-align: left; padding: 2px; color: {'#a16207' if r.parent_findings else '#15803d'};"
        )
        self.parent_line.setVisible(True)

    def _show_parent_findings(self) -> None:
        r = self.result
        if r is None or r.parent_report is None:
            return
        self.table.clearSelection()
        self.findings.clear()
        edition = get_edition(r.parent_report.edition)
        for f in r.parent_findings:
            item = QTreeWidgetItem([f.severity.label, _place(f, edition), f.message])
            item.setForeground(0, QBrush(QColor("#a16207")))
            self.findings.addTopLevelItem(item)

    def _on_view_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if rows:
            self.view_unit(rows[0])

    def _on_table_cell_double_clicked(self, row: int, column: int) -> None:
        unit = self._unit_at(row)
        if unit is None:
            return
        if column == COLUMNS.index("文件") and len(unit.versions) > 1:
            self.pick_version(row)
        elif column != 0:  # the first column is the tick box
            self.view_unit(row)

    def _on_version_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if rows:
            self.pick_version(rows[0])

    def pick_version(self, row: int) -> None:
        """Which of a unit's files counts (saved with the collection); its findings follow."""
        import datetime

        unit = self._unit_at(row)
        if self.result is None or unit is None:
            return
        options = []
        for i, v in enumerate(unit.versions):
            when = datetime.datetime.fromtimestamp(v.mtime).strftime("%Y-%m-%d %H:%M")
            newest = "，最新" if i == 0 else ""
            options.append(f"{Path(v.path).name}（{when} 修改{newest}；错误 {v.errors} 项，提示 {v.warnings} 项）")
        current = next(i for i, v in enumerate(unit.versions) if v is unit.chosen)
        label = f"“{unit.name}”报送了 {len(unit.versions)} 个版本，计入审核和汇总的是："
        picked = dialogs.ask_choice(self, "选择版本", label, options, current)
        if picked is None or unit.versions[picked] is unit.chosen:
            return
        choose(self.result, unit.name, unit.versions[picked].path)
        self.collection.chosen[unit.name] = unit.versions[picked].path
        self._fill()
        self._check_parent()
        self.table.selectRow(row)
        self._show_findings()
        self.statusBar().showMessage(f"“{unit.name}”改用 {Path(unit.chosen.path).name}", 8000)

    def view_unit(self, row: int) -> MainWindow | None:
        """The unit's report (the chosen version) in a wizard window, read-only: its findings in
        the panel with the cells named, a double-click away from the cell."""
        from gxdesk.gui.document import ReportDocument
        from gxdesk.gui.mainwindow import MainWindow

        unit = self._unit_at(row)
        if unit is None:
            return None
        key = unit.chosen.digest or unit.chosen.path  # the same file's content: one window for it
        if key in self.viewers:
            self.viewers[key].raise_()
            self.viewers[key].activateWindow()
            return self.viewers[key]
        report = unit.checked_report()  # with last year's figures, as the audit checked it
        if report is None:
            dialogs.show_info(self, "查看报告", f"“{unit.name}”的报告无法读取。")
            return None
        doc = ReportDocument(report, read_only=True, source=Path(unit.chosen.path))
        window = MainWindow(doc)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewers[key] = window
        window.destroyed.connect(lambda *_: self.viewers.pop(key, None))
        window.show()
        errors, warnings = doc.counts()
        window.say(f"只读查看“{unit.name}”（{Path(unit.chosen.path).name}）：错误 {errors} 项，提示 {warnings} 项", 0)
        return window

    # ---- outputs -------------------------------------------------------------------------
    def included(self) -> list[object]:
        assert self.result is not None
        excluded = {agency_key(n) for n in self.collection.excluded}
        return [u.chosen.report for u in self.result.units if agency_key(u.name) not in excluded and u.chosen.report]

    def make_rollup(self) -> None:
        """A new roll-up report in a wizard window; or, if the opener holds one, its numbers updated."""
        if self.result is None or self.result.year is None:
            dialogs.show_info(self, "汇总与审核", "请先审核。")
            return
        from gxdesk.gui.document import ReportDocument

        opener_doc = self.opener.doc if self.opener is not None else None
        is_rollup = opener_doc is not None and "rollup_units" in opener_doc.report.settings
        agency = opener_doc.report.meta.agency if is_rollup and opener_doc else "（汇总）"
        try:
            rollup = sum_units(agency, self.result.year, self.included())  # type: ignore[arg-type]
        except ValueError as exc:
            dialogs.show_error(self, str(exc))
            return
        if is_rollup and opener_doc is not None and opener_doc.report.meta.year == self.result.year:
            after, changes = update_rollup(opener_doc.report, rollup)
            opener_doc.replace_report(after, "重新汇总")
            shown = "\n".join(changes[:12]) + (f"\n……共 {len(changes)} 处" if len(changes) > 12 else "")
            dialogs.show_info(
                self, "重新汇总", f"已按最新的单位报告重新汇总（可撤销）。\n\n{shown or '数字没有变化。'}"
            )
            return
        rollup.report.settings["rollup_units"] = "、".join(rollup.units)
        from gxdesk.gui.mainwindow import MainWindow

        window = MainWindow(ReportDocument(rollup.report, None))
        window.show()
        self.rollup_window = window
        window.say(f"已汇总 {len(rollup.units)} 个单位的统计表；请填写机关名称并撰写正文")

    def _on_export_clicked(self) -> None:
        if self.result is None:
            dialogs.show_info(self, "汇总与审核", "请先审核。")
            return
        folder = self.collection.paths[0] if self.collection.paths else ""
        path = dialogs.save_path(self, str(Path(folder) / f"{self.result.year}年度汇总.xlsx"), "Excel 工作簿 (*.xlsx)")
        if path:
            self.export_summary(Path(path))

    def export_summary(self, path: Path) -> None:
        from gxdesk.exchange import summary_xlsx

        assert self.result is not None
        rollup = sum_units("（汇总）", self.result.year, self.included()) if self.result.year else None  # type: ignore[arg-type]
        result = self.result
        written = write_with_recovery(
            self, path, lambda p: summary_xlsx.write(result, p, rollup), "Excel 工作簿 (*.xlsx)"
        )
        if written is not None:
            self.statusBar().showMessage(f"已导出“{written}”", 8000)

    # ---- drag and drop -------------------------------------------------------------------
    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths([u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile()])
        event.acceptProposedAction()
