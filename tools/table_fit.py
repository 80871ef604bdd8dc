"""Measure how much of 表三 a clerk sees on a screen, and optionally save a picture of it.

Run once per screen size (the offscreen platform takes its screen from a config file and the
scaling from ``QT_SCALE_FACTOR``)::

    QT_SCALE_FACTOR=1.25 python tools/table_fit.py --screen 1366x768 --shot 表三.png

The screen loses a 40-pixel task bar, as on Windows. Prints one JSON line: the window's frame,
whether it and 上一步/下一步 lie inside the screen, the input rows of 表三 fully in view below its
frozen headers, and whether every column is in view without scrolling sideways, and whether every step of the list
on the left is in view.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TASKBAR = 40  # physical pixels


def configure(screen: str) -> None:
    """Point the offscreen platform at a screen of ``WxH`` physical pixels, less the task bar."""
    width, height = (int(n) for n in screen.split("x"))
    folder = Path(tempfile.mkdtemp(prefix="gxdesk-fit-"))
    config = folder / "screen.json"
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    usable = height - round(TASKBAR * scale)
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": usable}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ.setdefault("GXDESK_CONFIG_DIR", str(folder))


def measure(window, view) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    available = QApplication.primaryScreen().availableGeometry()
    port = view.viewport().rect()
    top = view.frozen_rows_height()
    rows = set()
    for slot in view.inputs.slots:
        rect = view.visualRect(view.table_model().index(slot.row, slot.col))
        if rect.top() >= top and rect.bottom() <= port.bottom() and rect.left() >= 0:
            rows.add(slot.row)
    n_cols = view.table_model().columnCount()
    right = view.columnViewportPosition(n_cols - 1) + view.columnWidth(n_cols - 1)
    buttons = [QRect(b.mapToGlobal(QPoint(0, 0)), b.size()) for b in (window.back, window.next)]
    return {
        "frame": list(window.frameGeometry().getRect()),
        "inside": available.contains(window.frameGeometry()) and all(available.contains(b) for b in buttons),
        "rows": len(rows),
        "all_columns": view.columnViewportPosition(0) == 0 and right <= port.width(),
        "all_steps": window.step_list.verticalScrollBar().maximum() == 0,  # the step list needs no scrolling
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="表三在某一屏幕上能看到多少")
    parser.add_argument("--screen", default="1366x768", help="屏幕像素，如 1366x768")
    parser.add_argument("--sample", default="qinghe-sthjj-2025.gxr")
    parser.add_argument("--shot", help="截图保存到")
    args = parser.parse_args()
    configure(args.screen)

    from gxdesk.gui.app import build_window, create_application
    from gxdesk.gui.wizard.steps import Step
    from gxdesk.resources import sample

    app = create_application()
    window = build_window(str(sample(args.sample)))
    window.show()
    page = window.go_to(Step.APPLICATIONS)
    for _ in range(5):
        app.processEvents()
    result = measure(window, page.view)
    if args.shot:
        window.grab().save(args.shot)
    window.doc.undo_stack.setClean()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
