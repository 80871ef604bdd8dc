"""The window fits the screens clerks have: 1280×720 (1080p at 150 %), 1366×768, 1920×1080.

Each size runs in its own process: the offscreen platform takes its screen from a config file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROBE = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QPoint, QRect
    from gxdesk.gui.app import build_window, create_application
    from gxdesk.gui.wizard.steps import Step
    from gxdesk.resources import sample

    app = create_application()
    window = build_window(str(sample("qinghe-sthjj-2025.gxr")))
    window.show()
    app.processEvents()
    available = app.primaryScreen().availableGeometry()
    outside = []
    for step in Step:
        window.go_to(step)
        app.processEvents()
        for name, widget in (("下一步", window.next), ("上一步", window.back), ("状态栏", window.statusBar()),
                             ("检查结果", window.dock), ("步骤列表", window.step_list)):
            rect = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
            if not available.contains(rect) or not widget.isVisible():
                outside.append([step.name, name, list(rect.getRect())])
    # 检查与导出: every export button in view without scrolling the page.
    page = window.go_to(Step.FINISH)
    app.processEvents()
    shown = QRect(window.stack.mapToGlobal(QPoint(0, 0)), window.stack.size())
    for button in [*page.export_buttons.values(), page.publish]:
        rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        if not shown.contains(rect) or not button.isVisible():
            outside.append(["FINISH", button.text(), list(rect.getRect())])
    # 对比上年 docks wide enough to read (at least 19 characters), whatever the findings dock does.
    window.show_comparison(True)
    app.processEvents()
    em = window.fontMetrics().horizontalAdvance("中")
    if window.compare_dock.width() < em * 19:
        outside.append(["COMPARE", "对比上年", [window.compare_dock.width(), em]])
    window.show_comparison(False)
    frame = window.frameGeometry()
    office = window.open_office()  # the 汇总与审核 window fits too, its buttons all on screen
    app.processEvents()
    office_frame = office.frameGeometry()
    for button in (office.run_button, office.export_button):
        rect = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        if not available.contains(rect):
            outside.append(["OFFICE", button.text(), list(rect.getRect())])
    print(json.dumps({"frame": list(frame.getRect()), "outside": outside,
                      "inside": available.contains(frame) and office_frame.height() <= available.height()}))
    window.doc.undo_stack.setClean()
    """
)


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1280, 720, "1"), (1366, 728, "1"), (1366, 728, "1.25"), (1920, 1040, "1")]
)
def test_window_and_its_buttons_lie_inside_the_screen(tmp_path: Path, width: int, height: int, scale: str) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "GXDESK_CONFIG_DIR": str(tmp_path),
        "QT_SCALE_FACTOR": scale,
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["inside"], probe["frame"]
    assert probe["outside"] == []


def test_a_saved_geometry_too_big_for_this_screen_is_not_restored(tmp_path: Path) -> None:
    """Opened last on a big monitor, now on the laptop: the window still fits."""
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 2560, "height": 1440}]}))
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1280, "height": 720}]}))
    save_big = textwrap.dedent(
        """
        from gxdesk.gui.app import build_window, create_application
        from gxdesk.gui.settings import save_geometry
        app = create_application()
        window = build_window(None)
        window.resize(2400, 1350)
        window.show()
        app.processEvents()
        save_geometry(window.saveGeometry())
        window.doc.undo_stack.setClean()
        """
    )
    env = {**os.environ, "GXDESK_CONFIG_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-c", save_big],
        env={**env, "QT_QPA_PLATFORM": f"offscreen:configfile={big}"},
        check=True,
        timeout=120,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**env, "QT_QPA_PLATFORM": f"offscreen:configfile={small}"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["inside"] and probe["outside"] == []


TOOL = Path(__file__).resolve().parents[2] / "tools" / "table_fit.py"


@pytest.mark.parametrize(
    ("screen", "scale", "rows"),
    [
        ("1366x768", "1", 8),
        ("1280x720", "1", 8),
        ("1366x768", "1.25", 5),
        ("1920x1080", "1.25", 8),
        ("1920x1080", "1.5", 8),
    ],
)
def test_table_three_shows_all_its_columns_and_enough_rows(tmp_path: Path, screen: str, scale: str, rows: int) -> None:
    """The common office laptops and Windows scaling: 表三 whole in width, its rows below frozen
    headers, and all nine steps in the list beside it."""
    env = {**os.environ, "QT_SCALE_FACTOR": scale, "GXDESK_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(TOOL), "--screen", screen],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    fit = json.loads(result.stdout.strip().splitlines()[-1])
    assert fit["inside"], fit  # the window and 上一步/下一步 on the screen
    assert fit["all_columns"], fit
    assert fit["rows"] >= rows, fit
    assert fit["all_steps"], fit
