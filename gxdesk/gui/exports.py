"""Export actions of the window: Word and Excel, written by the exchange package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gxdesk.domain.codes import RuleTag
from gxdesk.domain.editions.common import NARRATIVE_PARTS
from gxdesk.exchange.atomic import write_bytes
from gxdesk.exchange.formats import FORMATS, RenderError, output_format
from gxdesk.gui import dialogs
from gxdesk.gui.writing import write_with_recovery

if TYPE_CHECKING:
    from gxdesk.gui.mainwindow import MainWindow

# (key, label) of the output formats (``exchange/formats.py``) with a button of their own on the
# toolbar and the last step (the others are in the 发布 menu).
TOOLBAR_FORMATS = tuple((f.key, f.label) for f in FORMATS if f.on_toolbar)


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
        if empty and output_format(key).prints_parts
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
    fmt = output_format(key)
    suggestion = folder / f"{meta.full_title}{fmt.suffix}"
    chosen = dialogs.save_path(window, str(suggestion), fmt.file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != fmt.suffix:
        path = path.with_name(path.name + fmt.suffix)
    try:
        data = fmt.render(doc.report)
    except RenderError as exc:
        dialogs.show_error(window, f"未能导出：{exc}。原有文件未被改动。")
        return None
    written = write_with_recovery(window, path, lambda p: write_bytes(p, data), fmt.file_filter)
    if written is not None:
        window.say(f"已导出到“{written}”")
        window.show_written(written)
    return written
