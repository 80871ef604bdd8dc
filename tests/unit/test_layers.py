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
