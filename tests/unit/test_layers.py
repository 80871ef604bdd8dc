"""The layers: the model and the project file load neither Qt nor Word/Excel libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["gxdesk.domain", "gxdesk.store", "gxdesk.cli"])
def test_core_does_not_load_gui_or_office_libraries(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module('{module}');"
        "import gxdesk.domain.rules as r; import gxdesk.domain.checks;"
        "bad = [m for m in ('PySide6', 'shiboken6', 'docx', 'openpyxl', 'lxml') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contracts() -> None:
    pytest.importorskip("importlinter")
    result = subprocess.run([sys.executable, "-m", "importlinter.cli", "--no-cache"], capture_output=True, text=True)
    if "No module named importlinter.cli" in result.stderr:
        result = subprocess.run(["lint-imports", "--no-cache"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_start_up_loads_no_word_or_excel_library() -> None:
    """The window on a report, shown: python-docx, openpyxl, lxml and the panels not on screen
    are imported only when used (export, import, 汇总与审核, 对比上年)."""
    code = (
        "import sys, os, tempfile; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "os.environ['GXDESK_CONFIG_DIR'] = tempfile.mkdtemp();"
        "from gxdesk.gui.app import create_application, build_window;"
        "from gxdesk.resources import sample, SAMPLE_2021;"
        "app = create_application(); w = build_window(str(sample(SAMPLE_2021))); w.show(); app.processEvents();"
        "later = ('docx', 'openpyxl', 'lxml', 'gxdesk.exchange.docx_writer', 'gxdesk.exchange.importer',"
        " 'gxdesk.gui.office', 'gxdesk.gui.compare_panel',"
        " 'gxdesk.gui.wizard.table_page', 'gxdesk.gui.wizard.finish_page');"
        "print([m for m in later if m in sys.modules]); w.doc.undo_stack.setClean()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
