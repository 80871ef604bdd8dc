"""gxdesk benchmarks: one run, one table of medians against their targets.

Run: ``python benchmarks/run.py``. Later features add their rows to ``BENCHMARKS``.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gxdesk.domain.rules import evaluate  # noqa: E402
from gxdesk.exchange.textgrid import pad, width  # noqa: E402
from gxdesk.resources import SAMPLE_2021, sample  # noqa: E402
from gxdesk.store import load  # noqa: E402


def measure(fn: Callable[[], object], *, repeat: int = 200, warmup: int = 5) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def bench_rules() -> list[float]:
    report = load(sample(SAMPLE_2021))
    return measure(lambda: evaluate(report), repeat=500)


def bench_rules_cold() -> list[float]:
    """As above, but with the narrative caches emptied before each run (text just edited)."""
    from gxdesk.domain import compare
    from gxdesk.domain.checks import text
    from gxdesk.domain.textutil import _squash

    report = load(sample(SAMPLE_2021))

    def run() -> None:
        _squash.cache_clear()
        compare._masked.cache_clear()
        text._split.cache_clear()
        text._stance.cache_clear()
        text._HITS.clear()
        evaluate(report)

    return measure(run, repeat=300)


def bench_docx() -> list[float]:
    import tempfile

    from gxdesk.exchange.docx_writer import write

    report = load(sample(SAMPLE_2021))
    out = Path(tempfile.mkdtemp(prefix="gxdesk-bench-")) / "r.docx"
    return measure(lambda: write(report, out), repeat=30, warmup=2)


def _exported(kind: str) -> Path:
    import tempfile

    from gxdesk.exchange import docx_writer, xlsx_writer

    out = Path(tempfile.mkdtemp(prefix="gxdesk-bench-")) / f"r.{kind}"
    (xlsx_writer if kind == "xlsx" else docx_writer).write(load(sample(SAMPLE_2021)), out)
    return out


def bench_xlsx_export() -> list[float]:
    from gxdesk.exchange.xlsx_writer import write

    report = load(sample(SAMPLE_2021))
    out = _exported("xlsx")
    return measure(lambda: write(report, out), repeat=30, warmup=2)


def bench_xlsx_import() -> list[float]:
    from gxdesk.exchange.importer import read

    source = _exported("xlsx")
    return measure(lambda: read(source), repeat=30, warmup=2)


def bench_docx_import() -> list[float]:
    from gxdesk.exchange.importer import read

    source = _exported("docx")
    return measure(lambda: read(source), repeat=30, warmup=2)


def bench_load() -> list[float]:
    path = sample(SAMPLE_2021)
    return measure(lambda: load(path))


STARTUP_GXDESK = r"""
import time, sys
t0 = float(sys.argv[1])
from gxdesk.gui.app import create_application, build_window
app = create_application()
window = build_window(sys.argv[2])
window.show()
app.processEvents()
print((time.perf_counter() - t0) * 1000)
window.doc.undo_stack.setClean()
"""

# The same start, on to the first check's findings (the rules run after the first paint).
STARTUP_GXDESK_CHECKED = STARTUP_GXDESK.replace(
    "app.processEvents()\n", "app.processEvents()\nwhile not window.doc.checked:\n    app.processEvents()\n"
)

STARTUP_BARE = r"""
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QWizard, QWizardPage, QLabel, QVBoxLayout
app = QApplication([])
wizard = QWizard()
for i in range(6):
    page = QWizardPage()
    page.setTitle(f"第{i + 1}部分")
    QVBoxLayout(page).addWidget(QLabel("内容"))
    wizard.addPage(page)
wizard.show()
app.processEvents()
print((time.perf_counter() - t0) * 1000)
"""


# The widgets gxdesk's first screen shows (step list, a form page, the findings dock with its
# tree and filters, ~36 menu actions with shortcuts, a toolbar, the status bar), built with Qt
# alone: what any PySide program showing that window pays before its own logic runs.
STARTUP_QT_FLOOR = r"""
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDateEdit, QDockWidget, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QPushButton, QScrollArea, QSpinBox, QStackedWidget,
    QStyledItemDelegate, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)
app = QApplication([])
window = QMainWindow()
central = QWidget()
outer = QHBoxLayout(central)
steps = QListWidget()
steps.setItemDelegate(QStyledItemDelegate(steps))
for i in range(9):
    item = QListWidgetItem(f"✔  第{i + 1}部分")
    item.setForeground(QColor("#15803d"))
    steps.addItem(item)
outer.addWidget(steps)
right = QVBoxLayout()
stack = QStackedWidget()
right.addWidget(stack, 1)
page = QWidget()
form = QFormLayout(page)
for i in range(10):
    form.addRow(f"字段{i}：", QLineEdit(f"内容{i}"))
kind = QComboBox()
kind.addItems([f"类型{i}" for i in range(7)])
form.addRow("机关类型：", kind)
year = QSpinBox()
year.setRange(2019, 2100)
form.addRow("报告年度：", year)
form.addRow("发布日期：", QDateEdit(QDate.currentDate()))
form.addRow(QCheckBox("落款"))
area = QScrollArea()
area.setWidgetResizable(True)
area.setWidget(page)
stack.addWidget(area)
nav = QHBoxLayout()
nav.addWidget(QLabel("第 1 步，共 9 步"))
nav.addStretch(1)
for text in ("上一步", "下一步"):
    nav.addWidget(QPushButton(text))
right.addLayout(nav)
outer.addLayout(right, 1)
window.setCentralWidget(central)
dock = QDockWidget("检查结果", window)
panel = QWidget()
column = QVBoxLayout(panel)
for choices in (["全部", "错误", "提示"], ["不显示“未填写”", "显示“未填写”"]):
    combo = QComboBox()
    combo.addItems(choices)
    column.addWidget(combo)
tree = QTreeWidget()
tree.setHeaderLabels(["级别", "问题"])
tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
for i in range(5):
    tree.addTopLevelItem(QTreeWidgetItem(["提示", f"问题{i}"]))
column.addWidget(tree)
column.addWidget(QPushButton("定位"))
dock.setWidget(panel)
window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
for m in range(4):
    menu = window.menuBar().addMenu(f"菜单{m}")
    for a in range(9):
        action = QAction(f"动作{a}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{a}"))
        menu.addAction(action)
toolbar = window.addToolBar("常用")
toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
for a in range(8):
    toolbar.addAction(f"工具{a}")
window.statusBar().addPermanentWidget(QLabel("错误 0 · 提示 0"))
window.resize(1280, 720)
window.show()
app.processEvents()
print((time.perf_counter() - t0) * 1000)
"""


def _startups(*runs: tuple[str, tuple[str, ...]], repeat: int = 7) -> list[list[float]]:
    """Milliseconds from interpreter start to a shown window, a fresh process each time.

    Several programs are started in turn (A, B, A, B, …) so that a slower moment of the machine
    falls on each alike: the rows compared with each other are measured together.
    """
    import os
    import subprocess
    import tempfile

    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        GXDESK_CONFIG_DIR=tempfile.mkdtemp(prefix="gxdesk-bench-"),
    )
    # An installed gxdesk has its bytecode compiled (pip does it, so does the frozen build);
    # measure that, not a recompilation of every module on each start. Run 0 writes the caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: list[list[float]] = [[] for _ in runs]
    for run in range(repeat + 1):
        for (script, args), out in zip(runs, times, strict=True):
            # perf_counter is CLOCK_MONOTONIC on Linux: comparable across processes.
            start = time.perf_counter()
            printed = subprocess.run(
                [sys.executable, "-c", script, repr(start), *args],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            if run:
                out.append(float(printed.strip().splitlines()[-1]))
    return times


def _startup(script: str, *args: str) -> list[float]:
    return _startups((script, args))[0]


@functools.cache
def _floor_and_gxdesk() -> list[list[float]]:
    """The Qt-only window and gxdesk's, started in alternation (their ratio is the verdict)."""
    return _startups((STARTUP_QT_FLOOR, ()), (STARTUP_GXDESK, (str(sample(SAMPLE_2021)),)), repeat=21)


def bench_startup_bare() -> list[float]:
    return _startup(STARTUP_BARE)


def bench_startup_qt_floor() -> list[float]:
    return _floor_and_gxdesk()[0]


def bench_startup_gxdesk() -> list[float]:
    return _floor_and_gxdesk()[1]


def bench_startup_checked() -> list[float]:
    return _startup(STARTUP_GXDESK_CHECKED, str(sample(SAMPLE_2021)))


def _with_prior():  # type: ignore[no-untyped-def]
    """The 2021 sample with last year's report loaded (the cross-year rules run too)."""
    from gxdesk.domain.report import PriorYear

    report = load(sample(SAMPLE_2021))
    report.prior = PriorYear(
        year=report.meta.year - 1,
        edition=report.edition,
        values=dict(report.values),
        parts={k: v for k, v in report.parts.items() if v},
    )
    return report


def bench_edit_latency(prior: bool = False) -> list[float]:
    """From a typed value being stored to the grid showing updated totals and findings."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt

    from gxdesk.gui.app import create_application
    from gxdesk.gui.document import ReportDocument
    from gxdesk.gui.table.model import ReportTableModel
    from gxdesk.gui.table.view import ReportTableView

    app = create_application()
    doc = ReportDocument(_with_prior() if prior else load(sample(SAMPLE_2021)), None)
    model = ReportTableModel(doc, "三")
    view = ReportTableView(model)
    view.resize(1000, 800)
    view.show()
    app.processEvents()
    index = model.index_of("t3.carry_out.legal")
    total = model.index_of("t3.carry_out.total")
    values = iter(range(10_000))

    def edit() -> None:
        model.setData(index, str(next(values) % 5), Qt.ItemDataRole.EditRole)
        app.processEvents()  # delivers the paint events of the cells that changed
        assert total.data() is not None

    return measure(edit, repeat=200)


def bench_typing_latency(prior: bool = False) -> list[float]:
    """One character typed in part 一, with every step page built, until the window is repainted."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("GXDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="gxdesk-bench-"))
    from gxdesk.gui.app import build_window, create_application
    from gxdesk.gui.wizard.steps import Step

    app = create_application()
    window = build_window(str(sample(SAMPLE_2021)))
    if prior:
        window.doc.apply_report(_with_prior())
    window.show()
    for step in Step:
        window.go_to(step)
    editor = window.go_to(Step.OVERVIEW).editor
    app.processEvents()

    def type_one() -> None:
        editor.insertPlainText("字")
        app.processEvents()

    times = measure(type_one, repeat=100)
    window.doc.undo_stack.setClean()
    return times


def bench_compare() -> list[float]:
    """Two full reports compared: every figure, every sentence (the 对比上年 panel and gxdesk compare)."""
    from gxdesk.domain import compare

    report = _with_prior()
    report.prior.parts = {n: report.text(n).replace("2025", "2024") for n in ("一", "五", "六")}  # type: ignore[union-attr]

    def run() -> None:
        compare._masked.cache_clear()  # as after an edit: nothing reused
        compare.compare_numbers(report)
        compare.compare_parts(report)

    return measure(run, repeat=100)


def bench_highlight() -> list[float]:
    """One character typed in part 一 with 对比上年 on, until the marks are redrawn."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("GXDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="gxdesk-bench-"))
    from gxdesk.gui.app import build_window, create_application
    from gxdesk.gui.wizard.steps import Step

    app = create_application()
    window = build_window(str(sample(SAMPLE_2021)))
    window.doc.apply_report(_with_prior())
    window.show()
    window.show_comparison(True)
    editor = window.go_to(Step.OVERVIEW).editor
    app.processEvents()

    def type_one() -> None:
        editor.insertPlainText("字")
        editor.highlight_last_year()  # what the short pause after typing triggers
        app.processEvents()

    times = measure(type_one, repeat=100)
    window.doc.undo_stack.setClean()
    return times


# (name, function, target in ms for the median)
BENCHMARKS: list[tuple[str, Callable[[], list[float]], float]] = [
    ("规则检查：2021年版示例全部规则", bench_rules, 2.0),
    ("规则检查：同上，正文刚被修改（无缓存）", bench_rules_cold, 2.0),
    ("打开 .gxr：2021年版示例", bench_load, 20.0),
    ("表格编辑到合计和检查结果刷新（含重绘）", bench_edit_latency, 5.0),
    ("同上，已导入上年报告", lambda: bench_edit_latency(prior=True), 5.0),
    ("正文输入一个字到检查结果刷新（全部页面已打开）", bench_typing_latency, 5.0),
    ("同上，已导入上年报告", lambda: bench_typing_latency(prior=True), 5.0),
    ("对比上年：两份完整报告的数字和文字", bench_compare, 50.0),
    ("对比上年开启时输入一个字到标记更新", bench_highlight, 16.0),
    ("导出 Word：2021年版示例", bench_docx, 200.0),
    ("导出 Excel：2021年版示例", bench_xlsx_export, 300.0),
    ("导入 Excel：2021年版示例的导出文件", bench_xlsx_import, 300.0),
    ("导入 Word：2021年版示例的导出文件", bench_docx_import, 300.0),
    ("启动：裸 PySide6 QWizard（6页）", bench_startup_bare, float("inf")),
    ("启动：同样的窗口部件，纯 Qt、无业务逻辑（参考）", bench_startup_qt_floor, float("inf")),
    ("启动：gxdesk 打开2021年版示例（首次显示）", bench_startup_gxdesk, float("nan")),
    ("启动：同上，到第一次检查结果出来", bench_startup_checked, float("inf")),
]


def main() -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    rows = []
    floor = None
    for name, fn, target in BENCHMARKS:
        times = fn()
        median = statistics.median(times)
        if fn is bench_startup_qt_floor:
            floor = median
        if fn is bench_startup_gxdesk and floor is not None:
            target = 1.3 * floor  # within 1.3× of the same widgets built with Qt alone, same run
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        verdict = "参考" if target == float("inf") else "达标" if median <= target else "未达标"
        rows.append((name, median, p95, target, verdict))
    size = max(width(r[0]) for r in rows) + 2
    head = [pad("中位数 ms", 12, "right"), pad("P95 ms", 10, "right"), pad("目标 ms", 10, "right")]
    print(pad("项目", size, "left") + "".join(head) + "  结果")
    for name, median, p95, target, verdict in rows:
        print(f"{pad(name, size, 'left')}{median:>12.3f}{p95:>10.3f}{target:>10.1f}  {verdict}")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of the Qt objects created in-process


if __name__ == "__main__":
    main()
