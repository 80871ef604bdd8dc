"""The main window: step list, step pages, Back/Next, findings dock, menus, status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QColor, QDragEnterEvent, QDropEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gxdesk.domain.findings import Finding
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.gui import dialogs
from gxdesk.gui.compat import override
from gxdesk.gui.document import READ_ONLY_NOTE, ReportDocument
from gxdesk.gui.exports import TOOLBAR_FORMATS, export_report
from gxdesk.gui.files import FileController
from gxdesk.gui.findings.dock import FOLD_BELOW, FindingsDock
from gxdesk.gui.publish.actions import fill_publish_menu
from gxdesk.gui.screen import FRAME, available_area, fitted
from gxdesk.gui.settings import load_geometry, save_geometry
from gxdesk.gui.step_list import StepList
from gxdesk.gui.wizard.base import Page
from gxdesk.gui.wizard.steps import PART_STEP, STEP_TITLES, Step, StepState, step_of, step_state

if TYPE_CHECKING:
    from gxdesk.gui.findings.panel import FindingsPanel
    from gxdesk.gui.office import OfficeWindow

# Menu and toolbar entries that change the report or the file (off for a read-only report).
_EDITING_ACTIONS = ("新建", "打开", "最近打开", "保存", "另存为", "导入", "汇总与审核")

STATE_COLORS = {
    StepState.COMPLETE: "#15803d",
    StepState.INCOMPLETE: "#6b7280",
    StepState.WARNING: "#a16207",
    StepState.ERROR: "#b91c1c",
}
# Page classes by step, imported when first shown (start-up imports only the first).
_PAGE_CLASSES = {
    Step.BASIC: ("basic_page", "BasicInfoPage"),
    Step.PREFACE: ("text_pages", "PrefacePage"),
    Step.OVERVIEW: ("text_pages", "OverviewPage"),
    Step.ACTIVE: ("table_page", "ActivePage"),
    Step.APPLICATIONS: ("table_page", "ApplicationsPage"),
    Step.REVIEWS: ("table_page", "ReviewsPage"),
    Step.PROBLEMS: ("text_pages", "ProblemsPage"),
    Step.OTHER: ("other_page", "OtherPage"),
    Step.FINISH: ("finish_page", "FinishPage"),
}


# Preferred, minimum: the minimum fits 1280×720 (a 1080p screen at 150 %) with the findings dock.
PREFERRED_SIZE = QSize(1560, 900)  # on a 1080p screen, wide enough for the findings panel beside the table
MINIMUM_SIZE = QSize(760, 480)  # 1366×768 at 125 %: 1093×574 usable


def _scrolling(page: QWidget) -> QScrollArea:
    """A page scrolls rather than clips when the window is small; tables keep their own scroll."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


class MainWindow(QMainWindow):
    """One report per window; ``files`` handles new/open/save and recovery."""

    def __init__(self, doc: ReportDocument) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setMinimumSize(MINIMUM_SIZE)
        self.files = FileController(self)
        self.pages: dict[Step, Page] = {}
        self.toolbar: QToolBar | None = None
        self.compare_dock: QDockWidget | None = None
        self.office: OfficeWindow | None = None
        self._switching_comparison = False
        self.written_bar: QWidget | None = None  # 打开文档 / 打开所在文件夹 after an export
        self.manual: QDialog | None = None
        self._after_paint: list[Callable[[], object]] = []
        self._painted = False
        self._build_chrome()
        self.set_document(doc)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """The last geometry if it still fits the screen, else the preferred size within it.

        A 1366×768 laptop or a 1080p screen at 150 % (1280×720 usable) must show the step
        buttons and the status bar: the window never opens larger than the available area.
        """
        available = available_area(self)
        if available is None:
            self.resize(PREFERRED_SIZE)
            return
        saved = load_geometry()
        if saved is not None and self.restoreGeometry(saved) and available.contains(self.frameGeometry()):
            return
        size = fitted(PREFERRED_SIZE, MINIMUM_SIZE, available)
        width, height = size.width(), size.height()
        self.resize(size)
        # A heading on one line where there is room; two lines on a small screen, for the table.
        self.step_list.set_width(max(228, min(300, available.width() // 6)) if width >= FOLD_BELOW else 180)
        self.dock.fold(width < FOLD_BELOW)
        left = available.x() + max(0, (available.width() - width - FRAME.width()) // 2)
        top = available.y() + max(0, (available.height() - height - FRAME.height()) // 2)
        self.move(left, top)

    # ---- building ----------------------------------------------------------------------
    def _build_chrome(self) -> None:
        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        self.step_list = StepList()
        self.step_list.currentRowChanged.connect(self._on_step_list_current_row_changed)
        outer.addWidget(self.step_list)
        right = QVBoxLayout()
        self.banner = QLabel()  # says a unit's report is shown read-only
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        right.addWidget(self.banner)
        self.stack = QStackedWidget()
        right.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        nav.setContentsMargins(16, 2, 16, 6)
        self.position = QLabel()
        nav.addWidget(self.position)
        nav.addStretch(1)
        self.back = QPushButton("上一步")
        self.back.clicked.connect(self.go_back)
        self.next = QPushButton("下一步")
        self.next.setDefault(True)
        self.next.clicked.connect(self.go_next)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        right.addLayout(nav)
        outer.addLayout(right, 1)
        self.setCentralWidget(central)
        self.dock = FindingsDock(self)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [330], Qt.Orientation.Horizontal)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = self.file_menu = bar.addMenu("文件(&F)")
        self._action(file_menu, "新建(&N)", QKeySequence.StandardKey.New, self.files.new)
        self._action(file_menu, "打开(&O)…", QKeySequence.StandardKey.Open, self.files.open)
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self._action(file_menu, "保存(&S)", QKeySequence.StandardKey.Save, self.files.save)
        self._action(file_menu, "另存为(&A)…", QKeySequence.StandardKey.SaveAs, self.files.save_as)
        file_menu.addSeparator()
        self._action(file_menu, "导入 Excel / Word / 上年报告(&I)…", QKeySequence("Ctrl+I"), self.files.import_file)
        for key, label in TOOLBAR_FORMATS:
            self._action(file_menu, f"导出 {label}…", None, lambda k=key: self.export(k))
        file_menu.addSeparator()
        self._action(file_menu, "汇总与审核…", QKeySequence("Ctrl+Shift+A"), self.open_office)
        file_menu.addSeparator()
        self._action(file_menu, "退出(&X)", QKeySequence.StandardKey.Quit, self.close)
        edit_menu = bar.addMenu("编辑(&E)")
        undo = self.doc.undo_stack.createUndoAction(self, "撤销")
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo = self.doc.undo_stack.createRedoAction(self, "重做")
        # Ctrl+Y everywhere, and the platform's own; once each: on Windows the platform's is
        # Ctrl+Y too, and a key bound twice is "ambiguous" to Qt and does nothing.
        keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        redo.setShortcuts(list({k.toString(): k for k in keys if not k.isEmpty()}.values()))
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            edit_menu.addAction(action)
        self.undo_action, self.redo_action = undo, redo
        self.publish_menu = bar.addMenu("发布(&P)")
        fill_publish_menu(self.publish_menu, self)
        view_menu = bar.addMenu("视图(&V)")
        view_menu.addAction(self.dock.toggleViewAction())
        self.compare_action = QAction("对比上年(&C)", self)
        self.compare_action.setCheckable(True)
        self.compare_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.compare_action.toggled.connect(self.show_comparison)
        view_menu.addAction(self.compare_action)
        view_menu.addSeparator()
        for step in Step:
            self._action(view_menu, STEP_TITLES[step], QKeySequence(f"Ctrl+{step + 1}"), lambda s=step: self.go_to(s))
        self._build_toolbar()
        help_menu = self.help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "使用说明(&U)", QKeySequence.StandardKey.HelpContents, self.show_manual)
        self._action(help_menu, "填报须知(&G)", QKeySequence("Shift+F1"), self._show_guide)
        self._action(help_menu, "关于 gxdesk", None, self._show_about)

    def _build_toolbar(self) -> None:
        """The few actions a clerk uses all the time, as labelled buttons."""
        bar = self.toolbar
        if bar is None:
            bar = self.toolbar = self.addToolBar("常用")
            bar.setObjectName("mainToolbar")
            bar.setMovable(False)
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.clear()
        for text, slot in (
            ("新建", self.files.new),
            ("打开", self.files.open),
            ("保存", self.files.save),
            ("导入…", self.files.import_file),
        ):
            bar.addAction(text, slot).setEnabled(not (self.doc.read_only and text.startswith(_EDITING_ACTIONS)))
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        for key, label in TOOLBAR_FORMATS:
            bar.addAction(f"导出 {label}", self._exporter(key))

    def _exporter(self, key: str) -> Callable[[], None]:
        return lambda: self.export(key)

    def _action(self, menu: QMenu, text: str, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if self.doc.read_only and text.startswith(_EDITING_ACTIONS):
            action.setEnabled(False)  # a unit's report opened from 汇总与审核 is only viewed
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    # ---- document ----------------------------------------------------------------------
    def set_document(self, doc: ReportDocument) -> None:
        """Show ``doc``; the pages are rebuilt around it (one document per window)."""
        old: ReportDocument | None = self.__dict__.get("doc")  # None while the window is being built
        self.doc = doc
        doc.setParent(self)
        current = self.current_step() if self.pages and old is doc else Step.BASIC  # a new report opens at 基本信息
        while self.stack.count():  # scroll areas holding the old pages
            widget = self.stack.widget(0)
            if widget is None:
                break
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages = {}  # built on first visit: start-up shows only the first step
        self._areas: dict[Step, QWidget] = {}
        self._findings_panel: FindingsPanel | None = None
        self.dock.set_panel_factory(self._build_findings_panel)
        self._build_menus()
        doc.changed.connect(self._refresh_status)  # step marks follow findings, texts and fields
        doc.revealRequested.connect(self._reveal)
        doc.undo_stack.cleanChanged.connect(self._refresh_title)
        doc.pathChanged.connect(self._refresh_title)
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for step in Step:
            self.step_list.add_step(STEP_TITLES[step])
        self.step_list.blockSignals(False)
        if doc.read_only:
            self.files.detach()  # nothing to autosave or recover
        else:
            self.files.attach(doc)
        self.setAcceptDrops(not doc.read_only)
        self.recent_menu.setEnabled(not doc.read_only)
        source = doc.source.name if doc.source else ""
        self.banner.setText(f"{READ_ONLY_NOTE}。文件：{source}" if doc.read_only else "")
        if doc.read_only and not self.banner.styleSheet():  # styled when first needed: style sheets slow a start
            self.banner.setStyleSheet("background: #fef3c7; color: #78350f; padding: 6px 16px;")
        self.banner.setVisible(doc.read_only)
        self._refresh_status()
        self._refresh_title()
        self.go_to(current)
        dock = self.compare_dock
        if dock is not None:  # the comparison follows the new document
            from gxdesk.gui.compare_panel import ComparePanel

            dock.setWidget(ComparePanel(doc))
            if dock.isVisible():
                self.show_comparison(True)
        if old is not None and old is not doc:
            old.deleteLater()

    def page(self, step: Step) -> Page:
        """The page of ``step``, built the first time it is needed."""
        page = self.pages.get(step)
        if page is None:
            module, name = _PAGE_CLASSES[step]
            cls = getattr(importlib.import_module(f"gxdesk.gui.wizard.{module}"), name)
            if step is Step.FINISH:
                page = cls(self.doc, TOOLBAR_FORMATS)
                page.export_requested.connect(self.export)
                page.publish_requested.connect(self._publish_from)
                page.compare_requested.connect(lambda: self.show_comparison(True))
                page.panel.activated.connect(self.go_to_finding)
            else:
                page = cls(self.doc)
            if self.doc.read_only:
                page.lock()
            self.pages[step] = page
            self._areas[step] = _scrolling(page) if page.scrolls else page  # a table scrolls itself
            self.stack.addWidget(self._areas[step])
        return page

    # ---- navigation --------------------------------------------------------------------
    def current_step(self) -> Step:
        return Step(max(0, self.step_list.currentRow()))

    def go_to(self, step: Step) -> Page:
        self.step_list.setCurrentRow(int(step))
        return self.page(step)

    def go_next(self) -> None:
        if self.current_step() < Step.FINISH:
            self.go_to(Step(self.current_step() + 1))

    def go_back(self) -> None:
        if self.current_step() > Step.BASIC:
            self.go_to(Step(self.current_step() - 1))

    def _on_step_list_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        step = Step(row)
        self.page(step)  # built when first shown
        self.stack.setCurrentWidget(self._areas[step])
        self.back.setEnabled(step > Step.BASIC)
        self.next.setEnabled(step < Step.FINISH)
        self.position.setText(f"第 {step + 1} 步，共 {len(Step)} 步")

    def go_to_finding(self, finding: Finding) -> None:
        page = self.go_to(step_of(finding))
        page.focus_finding(finding)

    def _reveal(self, where: object) -> None:
        """After an undo or redo: the step and cell it changed, so nothing changes unseen."""
        step: Step | None = None
        if isinstance(where, TextKey):
            step = PART_STEP.get(where.numeral)
        elif isinstance(where, FieldGroup):
            step = {FieldGroup.META: Step.BASIC, FieldGroup.FEES: Step.OTHER}.get(where)
        elif isinstance(where, str) and self.doc.edition.has_cell(where):
            step = PART_STEP.get(self.doc.edition.cell(where).part)
        if step is None:
            return
        page = self.go_to(step)
        if isinstance(where, str) and not isinstance(where, TextKey):
            page.select_cell(where)

    # ---- status ------------------------------------------------------------------------
    @property
    def findings_panel(self) -> FindingsPanel:
        """The dock's panel, built when first shown (or first asked for)."""
        if self._findings_panel is None:
            self._build_findings_panel()
        assert self._findings_panel is not None
        return self._findings_panel

    def _build_findings_panel(self) -> None:
        from gxdesk.gui.findings.panel import FindingsPanel  # loads when the dock first opens

        panel = FindingsPanel(self.doc)
        panel.activated.connect(self.go_to_finding)
        panel.add_corner(self.dock.fold_button)
        self._findings_panel = panel
        self.dock.set_panel(panel)

    def _refresh_status(self, *_change: object) -> None:
        counts = self.doc.tally_text()
        self.dock.set_counts(counts)
        if self.counts.text() != counts:
            self.counts.setText(counts)
        for step in Step:
            if self.step_list.count() <= int(step):
                continue  # the list is being rebuilt
            item = self.step_list.item(int(step))
            state = step_state(self.doc, step)
            if item.data(Qt.ItemDataRole.UserRole) == state.name:
                continue  # unchanged: no repaint of the list on every keystroke
            item.setText(f"{state.mark}  {STEP_TITLES[step]}")
            item.setToolTip(state.label)
            item.setData(Qt.ItemDataRole.UserRole, state.name)
            item.setForeground(QColor(STATE_COLORS[state]))

    def _refresh_title(self, *_args: object) -> None:
        if self.doc.read_only:
            name = self.doc.report.meta.agency or (self.doc.source.name if self.doc.source else "单位报告")
            self.setWindowTitle(f"{name}（只读） — gxdesk 政府信息公开工作年度报告")
            return
        name = self.doc.path.name if self.doc.path else "未命名报告"
        self.setWindowTitle(f"{name}[*] — gxdesk 政府信息公开工作年度报告")
        self.setWindowModified(self.doc.is_modified)

    def say(self, text: str, timeout: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout)

    def show_written(self, path: Path) -> None:
        """After an export: where it went, with 打开文档 and 打开所在文件夹 beside it."""
        if self.written_bar is not None:
            self.statusBar().removeWidget(self.written_bar)
            self.written_bar.deleteLater()
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"已导出到“{path.name}”")
        label.setToolTip(str(path))
        row.addWidget(label)
        for text, target in (("打开文档", path), ("打开所在文件夹", path.parent)):
            button = QPushButton(text)
            button.setFlat(True)
            button.setStyleSheet("color: #1d4ed8; padding: 0 6px;")
            button.clicked.connect(lambda _=False, t=target: self._open_externally(t))
            row.addWidget(button)
        self.statusBar().insertWidget(0, bar, 1)
        self.written_bar = bar

    def _open_externally(self, target: Path) -> None:
        from gxdesk.gui.desktop import open_externally

        if not open_externally(target):
            dialogs.show_error(self, f"无法打开“{target}”：本机没有可以打开它的程序")

    # ---- actions -----------------------------------------------------------------------
    def export(self, key: str) -> None:
        export_report(self, key)

    def _publish_from(self, button: QWidget) -> None:
        """The last step's 发布到网站 button: the 发布 menu, under the button."""
        self.publish_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def show_comparison(self, on: bool = True) -> None:
        """对比上年: the side panel, the editors' highlights and the tables' tooltips."""
        from gxdesk.gui.compare_panel import ComparePanel

        if self._switching_comparison:
            return
        self._switching_comparison = True
        try:
            if on and self.compare_dock is None:
                self.compare_dock = QDockWidget("对比上年", self)
                self.compare_dock.setObjectName("compareDock")
                self.compare_dock.setWidget(ComparePanel(self.doc))
                self.compare_dock.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 19)
            dock = self.compare_dock
            if dock is not None:
                if on:
                    self._place_compare_dock(dock)
                dock.setVisible(on)
                if on:
                    dock.raise_()
            self.compare_action.setChecked(on)
            self.doc.set_compare(on)
        finally:
            self._switching_comparison = False

    def _place_compare_dock(self, dock: QDockWidget) -> None:
        """Beside the findings: a tab of their panel, or, when they are folded to a strip (small
        screens), a panel of its own left of the strip — a tab of a 38 px strip cannot be read."""
        tabbed = dock in self.tabifiedDockWidgets(self.dock)
        placed = self.dockWidgetArea(dock) is Qt.DockWidgetArea.RightDockWidgetArea and dock.parent() is self
        if self.dock.folded or not self.dock.isVisible():
            if tabbed or not placed:
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
                self.splitDockWidget(dock, self.dock, Qt.Orientation.Horizontal)
        elif not tabbed:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.dock, dock)
        width = max(dock.minimumWidth(), min(self.fontMetrics().horizontalAdvance("中") * 24, self.width() // 3))
        self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def open_office(self) -> OfficeWindow:
        """The 汇总与审核 window (one per main window)."""
        from gxdesk.gui.office import OfficeWindow

        office = self.office
        if office is None:
            office = self.office = OfficeWindow(self, make_window=MainWindow)
        office.show()
        office.raise_()
        return office

    def _fill_recent_menu(self) -> None:
        from gxdesk.gui.settings import recent_files

        self.recent_menu.clear()
        files = recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for path in files:
            self.recent_menu.addAction(path, self._opener(Path(path)))

    def _opener(self, path: Path) -> Callable[[], None]:
        def open_it() -> None:
            self.files.open(path)

        return open_it

    def show_manual(self) -> QDialog:
        """帮助 → 使用说明 (F1), one window, not modal: the author reads it beside the report."""
        from gxdesk.gui.manual import ManualDialog

        if self.manual is None:
            self.manual = ManualDialog(self)
        self.manual.show()
        self.manual.raise_()
        return self.manual

    def _show_guide(self) -> None:
        from gxdesk.gui.help_text import GUIDE

        dialogs.show_info(self, "填报须知", GUIDE)

    def _show_about(self) -> None:
        from gxdesk import __version__

        dialogs.show_info(
            self,
            "关于 gxdesk",
            f"gxdesk {__version__}\n政府信息公开工作年度报告编写与检查工具\n\n支持 2019 年版和 2021 年版报告格式。",
        )

    # ---- window events -----------------------------------------------------------------
    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._painted = True
        while self._after_paint:
            QTimer.singleShot(0, self._after_paint.pop(0))

    def after_first_paint(self, task: Callable[[], object]) -> None:
        """Run ``task`` once the window has painted (at once if it has): the first check and
        chores that need not hold up the first sight of the report."""
        if self._painted:
            QTimer.singleShot(0, task)
        else:
            self._after_paint.append(task)

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.may_close():
            save_geometry(self.saveGeometry())
            self.files.shutdown()
            event.accept()
        else:
            event.ignore()

    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(u.toLocalFile().lower().endswith(".gxr") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(".gxr"):
                self.files.open(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return
