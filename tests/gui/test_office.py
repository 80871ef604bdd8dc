"""The 汇总与审核 window driven as an office clerk would: add a folder, audit, untick a unit,
make the roll-up, and re-run it after a unit resends a corrected report."""

from __future__ import annotations

import random

from helpers import balanced_report
from PySide6.QtCore import Qt

from gxdesk.store import save


def units_folder(tmp_path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "units"
    folder.mkdir()
    reports = {}
    for i, name in enumerate(("甲局", "乙局", "丙镇人民政府")):
        report = balanced_report("2021", random.Random(i))
        report.meta.agency, report.meta.year = f"某某县{name}", 2025
        save(report, folder / f"{i}.gxr")
        reports[report.meta.agency] = report
    reports["某某县甲局"].values["t3.carry_out.natural"] += 1  # a real defect
    save(reports["某某县甲局"], folder / "0.gxr")
    return folder, reports


def test_office_window_audits_and_sums(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, reports = units_folder(tmp_path)
    window = make_window()
    office = window.open_office()
    qtbot.addWidget(office)
    office.add_paths([str(folder)])
    with qtbot.waitSignal(office.audited, timeout=60_000):
        office.run_audit()
    table = office.table
    rows = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    assert set(rows) == set(reports)
    assert table.item(rows["某某县甲局"], 2).text() == "有错误"
    table.selectRow(rows["某某县甲局"])
    assert any("T3" in office.findings.topLevelItem(i).text(1) or "相差" in office.findings.topLevelItem(i).text(1)
               for i in range(office.findings.topLevelItemCount()))  # fmt: skip
    # Untick 丙镇 and make the roll-up: a new wizard window with the sum of 甲 and 乙.
    table.item(rows["某某县丙镇人民政府"], 0).setCheckState(Qt.CheckState.Unchecked)
    office.make_rollup()
    rollup_doc = office.rollup_window.doc
    cid = "t3.new.natural"
    assert rollup_doc.report.values[cid] == reports["某某县甲局"].values[cid] + reports["某某县乙局"].values[cid]
    # The clerk writes the roll-up's narrative, 乙局 resends a corrected file, the roll-up is re-run
    # from that window: the numbers change as one undo step, the narrative stays.
    rollup_window = office.rollup_window
    rollup_doc.set_text("part:五", "汇总报告的文字。")
    reports["某某县乙局"].values[cid] += 10
    save(reports["某某县乙局"], folder / "1.gxr")
    second = rollup_window.open_office()
    qtbot.addWidget(second)
    second.collection = office.collection
    with qtbot.waitSignal(second.audited, timeout=60_000):
        second.run_audit()
    answers.set("show_info", lambda *args: None)
    second.make_rollup()
    assert rollup_doc.report.values[cid] == reports["某某县甲局"].values[cid] + reports["某某县乙局"].values[cid]
    assert rollup_doc.report.text("五") == "汇总报告的文字。"
    assert rollup_doc.undo_stack.undoText() == "重新汇总"
    rollup_doc.undo_stack.undo()
    assert rollup_doc.report.values[cid] == reports["某某县甲局"].values[cid] + reports["某某县乙局"].values[cid] - 10
    # The collection is saved beside the folder and reopens with the same choices.
    path = tmp_path / "清单.gxc"
    second.save_collection(path)
    third = window.open_office()
    third.collection_path = None
    with qtbot.waitSignal(third.audited, timeout=60_000):
        third.open_collection(path)
    assert third.collection.excluded == ["某某县丙镇人民政府"]
    out = tmp_path / "汇总.xlsx"
    third.export_summary(out)
    assert out.exists()
    rollup_doc.undo_stack.setClean()
    rollup_window.close()
