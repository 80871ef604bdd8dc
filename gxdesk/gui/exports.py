"""Export actions of the window: Word and Excel, written by the exchange package."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk.domain.codes import RuleTag
from gxdesk.domain.editions.common import NARRATIVE_PARTS
from gxdesk.exchange.atomic import write_bytes
from gxdesk.gui import dialogs
from gxdesk.gui.writing import write_with_recovery

if TYPE_CHECKING:
    from gxdesk.gui.mainwindow import MainWindow

# (key, label); each writer module provides ``to_bytes(report)``. Imported on first export only.
EXPORT_FORMATS = (("docx", "Word 文档"), ("xlsx", "Excel 工作簿"))
_MODULES = {"docx": "gxdesk.exchange.docx_writer", "xlsx": "gxdesk.exchange.xlsx_writer"}
FILTERS = {"docx": "Word 文档 (*.docx)", "xlsx": "Excel 工作簿 (*.xlsx)"}


def export_report(window: MainWindow, key: str) -> Path | None:
    """Ask where, warn about remaining errors, write; returns the file written."""
    doc = window.doc
    errors, _ = doc.counts()
    empty = [
        doc.edition.part(f.part).heading
        for f in doc.findings
        if f.code.has(RuleTag.EMPTY_PART) and f.part in NARRATIVE_PARTS
    ]
    note = (
        f"\n\n其中“{'”“'.join(empty)}”没有内容：如确实没有可报告的，导出时该部分写“无。”"
        + ("（第六部分有收费数字时写信息处理费收取情况）" if any(h.startswith("六") for h in empty) else "")
        if empty and key == "docx"
        else ""
    )
    if errors and not dialogs.confirm(
        window,
        "仍有错误",
        f"报告还有 {errors} 个错误，导出的文件也会带着这些错误。{note}\n\n是否仍要导出？",
        "仍然导出",
        "取消",
    ):
        return None
    meta = doc.report.meta
    folder = doc.path.parent if doc.path else Path.home()
    suggestion = folder / f"{meta.full_title}.{key}"
    chosen = dialogs.save_path(window, str(suggestion), FILTERS[key])
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{key}":
        path = path.with_name(path.name + f".{key}")
    writer = importlib.import_module(_MODULES[key])
    data = writer.to_bytes(doc.report)
    written = write_with_recovery(window, path, lambda p: write_bytes(p, data), FILTERS[key])
    if written is not None:
        window.say(f"已导出到“{written}”")
    return written
