"""Qt's own file dialog (Kylin, UOS, no desktop portal) speaks Chinese throughout."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication, QLabel, QTreeView

from gxdesk.gui import file_dialog


def test_every_label_and_column_of_the_dialog_is_chinese(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.app import create_application

    create_application()
    report = tmp_path / "报告.gxr"
    report.write_bytes(b"x" * 15_600)
    dialog = file_dialog._dialog(None, "打开报告", str(tmp_path), "gxdesk 报告 (*.gxr)")
    dialog.setProxyModel(file_dialog.ChineseFileList(dialog))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: any(v.model().rowCount(v.rootIndex()) for v in dialog.findChildren(QTreeView)))
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not [t for t in labels if re.search("[A-Za-z]{3,}", t.replace("&", ""))], labels
    view = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["名称", "大小", "类型", "修改日期"]
    row = model.index(0, 0, view.rootIndex())
    assert model.index(0, 1, view.rootIndex()).data() == "15.2 KB"
    stamp = QDateTime.fromSecsSinceEpoch(int(report.stat().st_mtime)).toString("yyyy-MM-dd HH:mm")
    assert model.index(0, 3, view.rootIndex()).data() == stamp and row.data() == "报告.gxr"
    QApplication.processEvents()


def test_sizes_read_as_a_clerk_reads_them() -> None:
    assert [file_dialog.size_text(n) for n in (0, 1023, 15_600, 3 << 20, 5 << 30)] == [
        "0 字节",
        "1023 字节",
        "15.2 KB",
        "3.0 MB",
        "5.0 GB",
    ]
