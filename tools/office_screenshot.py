"""Screenshot of the 汇总与审核 window on a generated county collection (for docs/screenshots).

Run under Xvfb: ``xvfb-run -a -s "-screen 0 1366x768x24" python tools/office_screenshot.py [--out DIR]``.
The windows size themselves to the screen, as they do for a clerk.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> int:
    import argparse

    from screenshots import grab

    parser = argparse.ArgumentParser(description="汇总与审核窗口截图")
    parser.add_argument("--out", default="docs/screenshots/1366x768", help="输出文件夹（按屏幕大小分）")
    out_dir = Path(parser.parse_args().out)
    out_dir.mkdir(parents=True, exist_ok=True)

    os.environ.setdefault("GXDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="gxdesk-shots-"))
    from helpers import balanced_report

    from gxdesk.exchange import docx_writer, xlsx_writer
    from gxdesk.gui.app import build_window, create_application

    folder = Path(tempfile.mkdtemp(prefix="gxdesk-county-"))
    names = ["发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "生态环境局", "交通运输局",
             "水利局", "卫生健康局", "城关镇人民政府", "南山镇人民政府", "白云乡人民政府"]  # fmt: skip
    rng = random.Random(3)
    units = []
    for i, name in enumerate(names):
        report = balanced_report("2021", rng)
        report.meta.agency, report.meta.year = f"青禾县{name}", 2025
        if i in (1, 7):
            report.values["t3.carry_out.natural"] += 2
        if i == 4:
            report.parts["六"] = ""
        units.append(report)
        writer = docx_writer if i % 2 else xlsx_writer
        writer.write(report, folder / f"附件{i + 1}.{'docx' if i % 2 else 'xlsx'}")
    (folder / "附件20.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    from gxdesk.domain.rollup import sum_units

    county = sum_units("青禾县人民政府", 2025, units).report  # the county's own 全县口径 report
    county.values["t3.new.natural"] += 3  # a figure that is not the sum of its units'
    docx_writer.write(county, folder / "青禾县2025年政府信息公开工作年度报告.docx")
    roster = folder / "名单.csv"
    roster.write_text("\n".join(f"青禾县{n}" for n in [*names, "统计局", "审计局"]), encoding="utf-8")
    app = create_application()
    window = build_window(None)
    office = window.open_office()
    office.collection.roster = str(roster)
    office.collection.parent = str(folder / "青禾县2025年政府信息公开工作年度报告.docx")
    office.add_paths([str(folder)])
    done = []
    office.audited.connect(lambda: done.append(True))
    office.run_audit()
    while not done:
        app.processEvents()
    office.units.table.selectRow(1)
    for _ in range(10):
        app.processEvents()
    print(grab(office, out_dir / "office.png"))
    # The selected unit opened read-only, on the table its error is in.
    from gxdesk.gui.wizard.steps import Step

    assert office.result is not None
    unit = next(u for u in office.result.units if any(f.code == "T3-BALANCE" for f in u.findings))
    viewer = office.view_unit(office.units.row_of(unit))
    assert viewer is not None
    error = next(f for f in viewer.doc.findings if f.code == "T3-BALANCE")
    viewer.go_to_finding(error)
    for _ in range(10):
        app.processEvents()
    assert viewer.current_step() is Step.APPLICATIONS
    print(grab(viewer, out_dir / "office-unit-read-only.png"))
    # A roll-up of the units: a summed cell's tooltip names what each unit gave.
    office.make_rollup()
    rollup = office.rollup_window
    page = rollup.go_to(Step.APPLICATIONS)
    index = page.model.index_of("t3.new.natural")
    page.view.setCurrentIndex(index)
    for _ in range(10):
        app.processEvents()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolTip

    rect = page.view.visualRect(index)
    QToolTip.showText(
        page.view.viewport().mapToGlobal(rect.center()), index.data(Qt.ItemDataRole.ToolTipRole), page.view
    )
    for _ in range(20):
        app.processEvents()
    print(grab(rollup, out_dir / "office-rollup-sources.png", screen=True))
    rollup.doc.undo_stack.setClean()
    window.doc.undo_stack.setClean()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
