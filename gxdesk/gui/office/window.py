"""The 汇总与审核 window: sources, the audit run, versions, read-only viewers and the outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt, QThread, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.collection import Audit, Unit, UnitStatus, choose
from gxdesk.domain.findings import Finding
from gxdesk.domain.names import canonical
from gxdesk.domain.report import Report
from gxdesk.domain.rollup import UNITS_SETTING, sum_units, update_rollup
from gxdesk.exchange.collection import COLLECTION_SUFFIX, CollectionFile
from gxdesk.gui import dialogs, file_dialog
from gxdesk.gui.compat import override
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.office.units_pane import UnitsPane
from gxdesk.gui.office.worker import AuditWorker
from gxdesk.gui.screen import available_area, fitted
from gxdesk.gui.writing import write_with_recovery

if TYPE_CHECKING:
    from gxdesk.gui.mainwindow import MainWindow

PREFERRED_SIZE = QSize(1560, 900)  # as the author's window: a 1080p screen shows the findings in full
MINIMUM_SIZE = QSize(900, 520)


class OfficeWindow(QMainWindow):
    """Collect, audit and sum the units' reports; the roll-up opens in a wizard window."""

    audited = Signal()

    def __init__(self, opener: MainWindow | None, make_window: Callable[[ReportDocument], MainWindow]) -> None:
        """``make_window`` opens a report in a wizard window (the main window's class, handed in
        so that this window, which the main window opens, need not import it)."""
        super().__init__(opener)
        self.make_window = make_window
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
        area = available_area(self)
        self.resize(fitted(PREFERRED_SIZE, MINIMUM_SIZE, area) if area is not None else PREFERRED_SIZE)

    # ---- building ----------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        # Two rows, so that the window still fits a 1280-pixel-wide screen with large fonts:
        # what goes into the collection, then what is done with it.
        sources = QHBoxLayout()
        for entry in (
            ("添加文件…", self._on_add_files_clicked),
            ("添加文件夹…", self._on_add_folder_clicked),
            ("单位名单…", self._on_roster_clicked),
            ("上年报告…", self._on_prior_clicked),
            ("本级报告…", self._on_parent_clicked),
            ("移除…", self._on_remove_clicked),
            None,
            ("打开清单…", self._on_open_clicked),
            ("保存清单…", self._on_save_clicked),
        ):
            if entry is None:
                sources.addStretch(1)
                continue
            text, slot = entry
            button = QPushButton(text)
            button.clicked.connect(slot)
            sources.addWidget(button)
        layout.addLayout(sources)
        self.sources = QLabel("把单位报告的文件或文件夹拖到这里，或点“添加文件夹…”。")
        self.sources.setWordWrap(True)
        layout.addWidget(self.sources)
        actions = QHBoxLayout()
        self.run_button = QPushButton("开始审核")
        self.run_button.clicked.connect(self.run_audit)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.rollup_button = QPushButton("生成汇总报告")
        self.rollup_button.clicked.connect(self.make_rollup)
        self.export_button = QPushButton("导出汇总表…")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.fix_button = QPushButton("退回修改单…")
        self.fix_button.setToolTip("为选中的单位（未选中时为全部有问题的单位）写出退回修改单，并写出审核情况通报")
        self.fix_button.clicked.connect(self._on_fix_clicked)
        self.view_button = QPushButton("查看报告")
        self.view_button.setToolTip("在向导中只读打开选中单位的报告（也可双击该行）")
        self.view_button.setEnabled(False)
        self.view_button.clicked.connect(self._on_view_clicked)
        self.version_button = QPushButton("选择版本…")
        self.version_button.setToolTip("同一单位报送了几个版本时，选用哪一个（默认最新的；也可双击“文件”列）")
        self.version_button.setEnabled(False)
        self.version_button.clicked.connect(self._on_version_clicked)
        groups = (
            (self.run_button, self.cancel_button),
            (self.view_button, self.version_button),
            (self.rollup_button, self.export_button, self.fix_button),
        )
        for i, group in enumerate(groups):
            if i:
                actions.addSpacing(24)
            for button in group:
                actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.units = UnitsPane()
        self.units.ticked.connect(self._on_units_ticked)
        self.units.viewRequested.connect(self._on_units_view_requested)
        self.units.versionRequested.connect(self.pick_version)
        self.units.unitSelected.connect(self._on_units_unit_selected)
        self.units.menuRequested.connect(self._on_units_menu_requested)
        layout.addWidget(self.units, 1)
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
        files = file_dialog.open_files(self, "添加单位报告", "", "报告 (*.docx *.xlsx *.gxr);;所有文件 (*)")
        self.add_paths(files)

    def _on_add_folder_clicked(self) -> None:
        self.add_paths([file_dialog.folder(self, "添加文件夹（含子文件夹）")])

    def _on_roster_clicked(self) -> None:
        path = file_dialog.open_file(self, "单位名单", "", "名单 (*.xlsx *.csv)")
        if path:
            self.collection.roster = path
            self._show_sources()

    def _on_prior_clicked(self) -> None:
        path = file_dialog.folder(self, "上年报告所在文件夹")
        if path:
            self.collection.prior.append(path)
            self._show_sources()

    def _on_parent_clicked(self) -> None:
        path = file_dialog.open_file(
            self, "本级（全县口径）报告：核对各单元格是否等于各单位之和", "", "报告 (*.docx *.xlsx *.gxr)"
        )
        if path:
            self.collection.parent = path
            self._show_sources()

    def _on_remove_clicked(self) -> None:
        """Take back a folder, file, 名单, last year's folder or 本级 report added by mistake."""
        c = self.collection
        entries = [("报告", p) for p in c.paths] + [("上年", p) for p in c.prior]
        entries += [("名单", c.roster)] if c.roster else []
        entries += [("本级报告", c.parent)] if c.parent else []
        if not entries:
            dialogs.show_info(self, "移除", "还没有添加任何文件或文件夹。")
            return
        picked = dialogs.ask_choice(self, "移除", "从本次汇总中移除：", [f"{k}：{p}" for k, p in entries])
        if picked is not None:
            self.remove_source(*entries[picked])

    def remove_source(self, kind: str, path: str) -> None:
        """Forget one source; the next audit runs without it (the files themselves are untouched)."""
        c = self.collection
        if kind == "报告":
            c.paths = [p for p in c.paths if p != path]
        elif kind == "上年":
            c.prior = [p for p in c.prior if p != path]
        elif kind == "名单":
            c.roster = ""
        elif kind == "本级报告":
            c.parent = ""
        self._show_sources()
        self.statusBar().showMessage(f"已移除“{Path(path).name}”；重新审核后生效", 8000)

    def _on_open_clicked(self) -> None:
        path = file_dialog.open_file(self, "打开汇总清单", "", f"汇总清单 (*{COLLECTION_SUFFIX})")
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
        errors = sum(u.status is UnitStatus.ERRORS for u in outcome.units)
        self.statusBar().showMessage(
            f"{outcome.year}年度：{len(outcome.units)} 个单位报送，{errors} 个有错误，未报送 {len(outcome.missing)} 个",
            0,
        )
        self.audited.emit()

    def _fill(self) -> None:
        assert self.result is not None
        self.units.fill(self.result)

    def _on_units_ticked(self, name: str, counted: bool) -> None:
        """Ticked in or out of the roll-up: the audit's count, and the collection file, follow."""
        if self.result is None:
            return
        self.result.set_counted(name, counted)
        key = canonical(name)
        self.collection.excluded = [n for n in self.collection.excluded if canonical(n) != key]
        self.collection.included = [n for n in self.collection.included if canonical(n) != key]
        if not counted:
            self.collection.excluded.append(name)
        elif key in self.result.included:
            self.collection.included.append(name)
        self._check_parent()

    def _on_units_unit_selected(self, unit: Unit | None) -> None:
        self.view_button.setEnabled(unit is not None)
        self.version_button.setEnabled(unit is not None and len(unit.versions) > 1)

    def _on_units_view_requested(self, row: int, finding: Finding | None) -> None:
        viewer = self.view_unit(row)
        if viewer is not None and finding is not None:
            viewer.go_to_finding(finding)

    def _check_parent(self) -> None:
        """ROLLUP-SUM of the government's own report against the units ticked in."""
        r = self.result
        if r is not None and r.parent_report is not None:
            r.check_parent()
            self.units.show_parent(r.parent_report.meta.agency or Path(self.collection.parent).name)
        else:
            self.units.show_parent("")

    def _on_view_clicked(self) -> None:
        row = self.units.selected_row()
        if row is not None:
            self.view_unit(row)

    def _on_version_clicked(self) -> None:
        row = self.units.selected_row()
        if row is not None:
            self.pick_version(row)

    def pick_version(self, row: int) -> None:
        """Which of a unit's files counts (saved with the collection); its findings follow."""
        import datetime

        unit = self.units.unit_at(row)
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
        self.units.table.selectRow(row)
        self.statusBar().showMessage(f"“{unit.name}”改用 {Path(unit.chosen.path).name}", 8000)

    def view_unit(self, row: int) -> MainWindow | None:
        """The unit's report (the chosen version) in a wizard window, read-only: its findings in
        the panel with the cells named, a double-click away from the cell."""
        unit = self.units.unit_at(row)
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
        window = self.make_window(doc)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewers[key] = window
        window.destroyed.connect(lambda *_: self.viewers.pop(key, None))
        window.show()
        errors, warnings = doc.counts()
        window.say(f"只读查看“{unit.name}”（{Path(unit.chosen.path).name}）：错误 {errors} 项，提示 {warnings} 项", 0)
        return window

    # ---- outputs -------------------------------------------------------------------------
    def included(self) -> list[Report]:
        """The reports of the units counted (on the 名单 or ticked in; the chosen version of each)."""
        assert self.result is not None
        return self.result.counted_reports()

    def make_rollup(self) -> None:
        """A new roll-up report in a wizard window; or, if the opener holds one, its numbers updated."""
        if self.result is None or self.result.year is None:
            dialogs.show_info(self, "汇总与审核", "请先审核。")
            return
        from gxdesk.gui.document import ReportDocument

        opener_doc = self.opener.doc if self.opener is not None else None
        is_rollup = opener_doc is not None and UNITS_SETTING in opener_doc.report.settings
        agency = opener_doc.report.meta.agency if is_rollup and opener_doc else "（汇总）"
        try:
            rollup = sum_units(agency, self.result.year, self.included())
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
        window = self.make_window(ReportDocument(rollup.report, None))
        window.show()
        self.rollup_window = window
        window.say(f"已汇总 {len(rollup.units)} 个单位的统计表；请填写机关名称并撰写正文")

    def output_folder(self) -> Path:
        """Where the summary, fix lists and 通报 go by default: beside the inbox, never in it."""
        from gxdesk.exchange.fix_lists import default_folder

        return default_folder(self.collection.paths)

    def _on_export_clicked(self) -> None:
        if self.result is None:
            dialogs.show_info(self, "汇总与审核", "请先审核。")
            return
        suggestion = self.output_folder() / f"{self.result.year}年度汇总.xlsx"
        path = dialogs.save_path(self, str(suggestion), "Excel 工作簿 (*.xlsx)")
        if path:
            self.export_summary(Path(path))

    def _on_fix_clicked(self) -> None:
        if self.result is None:
            dialogs.show_info(self, "汇总与审核", "请先审核。")
            return
        chosen = dialogs.folder_path(self, "退回修改单和审核情况通报保存到", str(self.output_folder()))
        if chosen:
            self.write_fix_lists(Path(chosen), self.units.selected_units() or None)

    def write_fix_lists(self, folder: Path, units: list[Unit] | None = None) -> list[Path]:
        """One 退回修改单 per unit with something to fix (``units``, or all) and the 通报."""
        from gxdesk.exchange.fix_lists import write_all
        from gxdesk.oserrors import describe

        assert self.result is not None
        try:
            written = write_all(self.result, folder, units=units)
        except OSError as exc:
            dialogs.show_error(self, f"无法写出退回修改单：{describe(exc)}")
            return []
        self.statusBar().showMessage(f"已写出 {len(written) - 1} 份退回修改单和审核情况通报，在“{folder}”", 0)
        return written

    def _on_units_menu_requested(self, row: int, at: QPoint) -> None:
        """Right-click on a unit: view, choose a version, count it or not, confirm a 名单 name, fix list."""
        unit = self.units.unit_at(row)
        if unit is None or self.result is None:
            return
        menu = QMenu(self)
        menu.addAction("查看报告", lambda: self.view_unit(row))
        if len(unit.versions) > 1:
            menu.addAction("选择版本…", lambda: self.pick_version(row))
        counted = self.result.counted(unit)
        menu.addAction("不计入汇总" if counted else "计入汇总", lambda: self._on_units_ticked(unit.name, not counted))
        if unit.suggestion:
            menu.addAction(f"确认就是名单中的“{unit.suggestion}”", lambda: self.confirm_alias(unit))
        menu.addAction("写出退回修改单…", self._on_fix_clicked)
        menu.exec(at)
        self._fill()

    def confirm_alias(self, unit: Unit) -> None:
        """The clerk says a name not on the 名单 is this 名单 unit: remembered, and audited again."""
        if not unit.suggestion:
            return
        self.collection.aliases[unit.name] = unit.suggestion
        self.statusBar().showMessage(f"已确认“{unit.name}”就是名单中的“{unit.suggestion}”，重新审核……", 0)
        self.run_audit()

    def export_summary(self, path: Path) -> None:
        from gxdesk.exchange import summary_xlsx

        assert self.result is not None
        rollup = sum_units("（汇总）", self.result.year, self.included()) if self.result.year else None
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
