"""The 汇总与审核 window driven as an office clerk would: add a folder, audit, untick a unit,
make the roll-up, and re-run it after a unit resends a corrected report."""

from __future__ import annotations

import random

from helpers import balanced_report
from PySide6.QtCore import QPoint, Qt

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


def audited(qtbot, window, folder, **collection):  # type: ignore[no-untyped-def]
    """The 汇总与审核 window of ``window`` with ``folder`` added (and collection settings), audited."""
    office = window.open_office()
    qtbot.addWidget(office)
    office.add_paths([str(folder)])
    for key, value in collection.items():
        setattr(office.collection, key, value)
    with qtbot.waitSignal(office.audited, timeout=60_000):
        office.run_audit()
    return office


def test_office_window_audits_and_sums(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, reports = units_folder(tmp_path)
    window = make_window()
    office = audited(qtbot, window, folder)
    table = office.units.table
    rows = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    assert set(rows) == set(reports)
    assert table.item(rows["某某县甲局"], 2).text() == "有错误"
    table.selectRow(rows["某某县甲局"])
    items = [office.units.findings.topLevelItem(i) for i in range(office.units.findings.topLevelItemCount())]
    balance = next(item for item in items if "相差" in item.text(2))
    assert balance.text(1).startswith("三、表（依申请）：") and "等" in balance.text(1)  # where, with a cell named
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


def test_a_unit_report_opens_read_only_with_its_findings(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLineEdit

    from gxdesk.gui.wizard.steps import Step

    folder, reports = units_folder(tmp_path)
    office = audited(qtbot, make_window(), folder)
    row = next(r for r in range(office.units.table.rowCount()) if office.units.table.item(r, 1).text() == "某某县甲局")
    office.units.table.selectRow(row)
    assert office.view_button.isEnabled()
    # A double-click on one of its findings opens the report at that finding.
    items = [office.units.findings.topLevelItem(i) for i in range(office.units.findings.topLevelItemCount())]
    office.units.findings.itemActivated.emit(next(i for i in items if "相差" in i.text(2)), 2)
    (at_finding,) = office.viewers.values()
    assert at_finding.current_step() is Step.APPLICATIONS
    assert at_finding.pages[Step.APPLICATIONS].model.cell_spec(at_finding.pages[Step.APPLICATIONS].view.currentIndex())
    office.units.table.cellDoubleClicked.emit(row, 1)  # what a double-click on the unit's name does
    (viewer,) = office.viewers.values()
    assert viewer is at_finding  # the same file: its window comes forward, no second one
    assert viewer.windowTitle() == "某某县甲局（只读） — gxdesk 政府信息公开工作年度报告"
    assert viewer.banner.isVisible() and "0.gxr" in viewer.banner.text()
    # The same findings the office saw, in the panel, each naming its cells.
    unit = office.result.units[row]
    assert [f.message for f in viewer.doc.findings] == [f.message for f in unit.findings]
    balance = next(f for f in viewer.doc.findings if f.code == "T3-BALANCE")
    assert "t3.carry_out.natural" in balance.cells
    viewer.go_to_finding(balance)
    page = viewer.pages[Step.APPLICATIONS]
    assert page.model.cell_spec(page.view.currentIndex()).id in balance.cells
    assert "Ctrl+V" not in page.hint  # no typing instructions on a page that takes no typing
    # Nothing can change it: cells, keys, paste, text, fields, saving.
    index = page.model.index_of("t3.new.natural")
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    before = viewer.doc.report.values["t3.new.natural"]
    page.view.setCurrentIndex(index)
    qtbot.keyClicks(page.view, "7")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    page.view.paste("9")
    assert viewer.doc.report.values["t3.new.natural"] == before
    assert page.view.last_message.startswith("只读")
    assert not page.model.setData(index, "5") and viewer.doc.report.values["t3.new.natural"] == before
    preface = viewer.go_to(Step.PREFACE)
    assert preface.editor.isReadOnly() and not preface.redraft.isEnabled()
    qtbot.keyClicks(preface.editor, "x")
    assert viewer.doc.report.preface == reports["某某县甲局"].preface
    fields = viewer.go_to(Step.BASIC).findChildren(QLineEdit)
    assert fields and all(e.isReadOnly() for e in fields)
    finish = viewer.go_to(Step.FINISH)
    assert all(b.isEnabled() for b in finish.export_buttons.values()) and finish.compare.isEnabled()
    assert not finish.accept_totals.isEnabled() and not finish.panel.explain.isVisible()
    finish.panel.tree.setCurrentItem(finish.panel.tree.topLevelItem(0))  # a finding selected: 定位 works
    assert finish.panel.current_finding() is not None and finish.panel.go.isEnabled()
    actions = {a.text(): a for a in viewer.findChildren(QAction)}
    for text in ("保存(&S)", "另存为(&A)…", "导入 Excel / Word / 上年报告(&I)…", "新建(&N)", "汇总与审核…"):
        assert not actions[text].isEnabled(), text
    assert actions["导出 Word 文档…"].isEnabled() and actions["导出 Excel 工作簿…"].isEnabled()
    assert viewer.doc.undo_stack.count() == 0 and viewer.files.autosaver is None
    viewer.close()  # no question asked: nothing changed
    assert "ask_save_changes" not in [name for name, _ in answers.asked]
    qtbot.waitUntil(lambda: not office.viewers)  # closed viewers are freed
    # The office's own list is untouched by viewing.
    assert office.result.units[row].chosen.report.values["t3.new.natural"] == before


def test_rollup_cells_say_which_units_gave_what(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.wizard.steps import Step
    from gxdesk.store import load

    folder, reports = units_folder(tmp_path)
    office = audited(qtbot, make_window(), folder)
    office.make_rollup()
    window = office.rollup_window
    page = window.go_to(Step.APPLICATIONS)
    cid = "t3.new.natural"
    tip = page.model.index_of(cid).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    tip = tip[next(i for i, line in enumerate(tip) if line.startswith("汇总来源")) :]  # after the findings
    given = [(a, r.values[cid]) for a, r in sorted(reports.items()) if r.values[cid]]
    assert tip[0] == f"汇总来源：{len(given)} 个单位，合计 {sum(v for _, v in given)}"
    assert tip[1 : 1 + len(given)] == [f"　{a}：{v}" for a, v in given]
    total = page.model.index_of("t3.new.total").data(Qt.ItemDataRole.ToolTipRole)
    assert f"合计 {window.doc.shown_value('t3.new.total')}" in total
    # A hand-made change is told apart from the sum; the sources survive saving.
    window.doc.set_cells({cid: 0})
    assert page.model.index_of(cid).data(Qt.ItemDataRole.ToolTipRole).splitlines()[-1].startswith("现为 0")
    path = tmp_path / "汇总.gxr"
    assert window.files._write(path)
    assert load(path).sources[cid] == window.doc.report.sources[cid]
    window.doc.undo_stack.setClean()
    window.close()


def test_the_author_picks_another_version(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from gxdesk.domain.rollup import sum_units

    folder, reports = units_folder(tmp_path)
    older = reports["某某县乙局"]
    older.values["t3.new.natural"] += 5  # the first file it sent, since corrected
    save(older, folder / "乙局-初稿.gxr")
    os.utime(folder / "乙局-初稿.gxr", (1_700_000_000, 1_700_000_000))
    office = audited(qtbot, make_window(), folder)
    row = next(r for r in range(office.units.table.rowCount()) if office.units.table.item(r, 1).text() == "某某县乙局")
    assert office.units.table.item(row, 5).text() == "1.gxr（2 个版本）"
    office.units.table.selectRow(row)
    assert office.version_button.isEnabled()
    answers.set("ask_choice", 1)
    office.units.table.cellDoubleClicked.emit(row, 5)  # a double-click on the file column asks which version
    (_, (title, label, options, current)) = next(a for a in answers.asked if a[0] == "ask_choice")
    assert current == 0 and options[0].startswith("1.gxr（") and "最新" in options[0]
    assert options[1].startswith("乙局-初稿.gxr（2023-11-") and "报送了 2 个版本" in label
    row = next(r for r in range(office.units.table.rowCount()) if office.units.table.item(r, 1).text() == "某某县乙局")
    assert office.units.table.item(row, 5).text() == "乙局-初稿.gxr（2 个版本）"
    assert office.collection.chosen == {"某某县乙局": str(folder / "乙局-初稿.gxr")}
    rollup = sum_units("某某县", 2025, office.included())  # type: ignore[arg-type]
    assert rollup.report.values["t3.new.natural"] == sum(r.values["t3.new.natural"] for r in reports.values())
    # The choice is kept with the collection and applied when it is audited again.
    path = tmp_path / "清单.gxc"
    office.save_collection(path)
    again = make_window().open_office()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.audited, timeout=60_000):
        again.open_collection(path)
    unit = next(u for u in again.result.units if u.name == "某某县乙局")
    assert unit.chosen.path == str(folder / "乙局-初稿.gxr")


def test_the_governments_own_report_is_checked_against_the_units(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.domain.editions import get_edition
    from gxdesk.domain.rollup import sum_units
    from gxdesk.domain.rules import compute

    folder, reports = units_folder(tmp_path)
    parent = sum_units("某某县人民政府", 2025, list(reports.values())).report
    save(parent, folder / "县政府.gxr")  # beside its units' files, as offices keep them
    office = audited(qtbot, make_window(), folder, parent=str(folder / "县政府.gxr"))
    assert office.units.table.rowCount() == 3  # the government's own report is not one of its units
    assert office.units.parent_line.isVisible()
    assert office.units.parent_line.text() == "本级报告（某某县人民政府）：各单元格都等于计入汇总的单位之和"
    row = next(
        r for r in range(office.units.table.rowCount()) if office.units.table.item(r, 1).text() == "某某县丙镇人民政府"
    )
    office.units.table.item(row, 0).setCheckState(Qt.CheckState.Unchecked)  # 丙镇 left out of the sum
    differing = office.result.parent_findings
    town = compute(get_edition("2021"), reports["某某县丙镇人民政府"].values)  # 丙镇's figures, totals too
    # One finding per cell 丙镇 filled: the totals follow from those cells and are not repeated.
    edition = get_edition("2021")
    assert {f.cells[0] for f in differing} == {cid for cid, v in town.items() if v and not edition.cell(cid).computed}
    assert all(f.actual - f.expected == town[f.cells[0]] for f in differing)
    assert office.units.parent_line.text().startswith(
        f"本级报告（某某县人民政府）：{len(differing)} 处与计入汇总的单位之和不符"
    )
    office.units.parent_line.click()
    shown = [office.units.findings.topLevelItem(i) for i in range(office.units.findings.topLevelItemCount())]
    assert len(shown) == len(differing) and all("个单位之和为" in item.text(2) for item in shown)
    assert shown[0].text(1).startswith("二、表（主动公开）：") or shown[0].text(1).startswith("三、")


def test_units_that_sent_nothing_are_rows_of_their_own(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, reports = units_folder(tmp_path)
    roster = tmp_path / "名单.csv"
    roster.write_text("\n".join([*reports, "某某县丁街道办事处"]), encoding="utf-8")
    office = audited(qtbot, make_window(), folder, roster=str(roster))
    last = office.units.table.rowCount() - 1
    assert office.units.table.rowCount() == 4
    assert [office.units.table.item(last, c).text() for c in range(6)] == [
        "",
        "某某县丁街道办事处",
        "未报送",
        "",
        "",
        "—",
    ]
    assert not office.units.table.item(last, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable  # nothing to sum
    office.units.table.selectRow(last)
    assert office.units.findings.topLevelItem(0).text(2) == "没有收到“某某县丁街道办事处”的报告"
    assert not office.view_button.isEnabled() and not office.version_button.isEnabled()
    office.units.table.cellDoubleClicked.emit(last, 1)
    assert not office.viewers and len(office.included()) == 3


def test_a_source_added_by_mistake_is_removed(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, reports = units_folder(tmp_path)
    wrong = tmp_path / "别的县"
    wrong.mkdir()
    (tmp_path / "名单.csv").write_text("\n".join(reports), encoding="utf-8")
    office = audited(qtbot, make_window(), folder, roster=str(tmp_path / "名单.csv"))
    office.add_paths([str(wrong)])
    answers.set("ask_choice", lambda _parent, _title, _label, options, *_: options.index(f"报告：{wrong}"))
    office._on_remove_clicked()
    assert office.collection.paths == [str(folder)] and office.collection.roster
    assert str(wrong) not in office.sources.text()
    answers.set(
        "ask_choice", lambda _parent, _title, _label, options, *_: options.index(f"名单：{tmp_path / '名单.csv'}")
    )
    office._on_remove_clicked()
    assert office.collection.roster == "" and "名单：" not in office.sources.text()


def test_the_roster_gates_the_sum_and_a_near_name_can_be_confirmed(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, reports = units_folder(tmp_path)
    stranger = balanced_report("2021", random.Random(9))
    stranger.meta.agency, stranger.meta.year = "外市某局", 2025
    save(stranger, folder / "外市.gxr")
    near = balanced_report("2021", random.Random(10))
    near.meta.agency, near.meta.year = "某某县丙镇政务服务办", 2025  # close to 名单's 某某县丙镇人民政府办公室
    save(near, folder / "丙镇办.gxr")
    roster = tmp_path / "名单.csv"
    roster.write_text("\n".join([*reports, "某某县丙镇人民政府办公室"]), encoding="utf-8")
    office = audited(qtbot, make_window(), folder, roster=str(roster))
    result = office.result
    assert {u.name for u in result.counted_units()} == set(reports)  # the stranger is left out
    rows = {office.units.table.item(r, 1).text(): r for r in range(office.units.table.rowCount())}
    assert office.units.table.item(rows["外市某局"], 0).checkState() == Qt.CheckState.Unchecked
    assert office.units.table.item(rows["外市某局"], 2).text() == "不在名单"
    # The filter shows one status at a time, with its count; the findings pane never speaks of a
    # unit the filter hides.
    office.units.table.selectRow(next(r for name, r in rows.items() if name != "外市某局" and name in reports))
    assert office.units.findings.topLevelItemCount() or office.units.selected_row() is not None
    labels = [office.units.filter.itemText(i) for i in range(office.units.filter.count())]
    assert "不在名单（1）" in labels or "不在名单（2）" in labels
    office.units.filter.setCurrentIndex(next(i for i, t in enumerate(labels) if t.startswith("不在名单")))
    shown = [r for r in range(office.units.table.rowCount()) if not office.units.table.isRowHidden(r)]
    assert all(office.units.table.item(r, 2).text() == "不在名单" for r in shown)
    assert office.units.selected_row() is None and office.units.findings.topLevelItemCount() == 0, [
        office.units.findings.topLevelItem(i).text(2) for i in range(office.units.findings.topLevelItemCount())
    ]
    office.units.filter.setCurrentIndex(0)
    # Ticking the stranger in counts it; the collection file remembers.
    office.units.table.item(rows["外市某局"], 0).setCheckState(Qt.CheckState.Checked)
    assert "外市某局" in {u.name for u in office.result.counted_units()}
    assert office.collection.included == ["外市某局"]
    # A near name: confirmed as the 名单's unit, audited again, then counted under the 名单 name.
    unit = next(u for u in office.result.units if u.name == "某某县丙镇政务服务办")
    assert unit.suggestion == "某某县丙镇人民政府办公室" and not office.result.counted(unit)
    with qtbot.waitSignal(office.audited, timeout=60_000):
        office.confirm_alias(unit)
    assert office.collection.aliases == {"某某县丙镇政务服务办": "某某县丙镇人民政府办公室"}
    assert "某某县丙镇人民政府办公室" in {u.name for u in office.result.counted_units()}
    assert "外市某局" in {u.name for u in office.result.counted_units()}  # still ticked in after the re-audit


def test_fix_lists_from_the_window_go_beside_the_inbox(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, _reports = units_folder(tmp_path)
    office = audited(qtbot, make_window(), folder)
    assert office.output_folder() == tmp_path / "units-审核结果"
    answers.set("folder_path", str(office.output_folder()))
    before = sorted(p.name for p in folder.iterdir())
    office.fix_button.click()
    written = sorted(p.name for p in office.output_folder().iterdir())
    assert written == ["审核情况通报.docx", "某某县甲局-退回修改.docx"]  # only 甲局 has something to fix
    assert sorted(p.name for p in folder.iterdir()) == before
    answers.set("save_path", str(office.output_folder() / "汇总.xlsx"))
    office.export_button.click()
    from openpyxl import load_workbook

    rows = list(load_workbook(office.output_folder() / "汇总.xlsx")["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "合计（计入汇总的 3 个单位）"  # the same workbook as the command line's


def test_a_click_on_a_column_header_sorts_the_units(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, _reports = units_folder(tmp_path)
    office = audited(qtbot, make_window(), folder)
    header = office.units.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(3) + 5, 5)  # the 错误 column
    seen = []
    for _ in range(2):  # ascending, then descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
        seen.append([office.units.table.item(r, 3).data(Qt.ItemDataRole.DisplayRole) for r in range(3)])
    assert office.units.table.isSortingEnabled()
    assert sorted(seen) == [[0, 0, 1], [1, 0, 0]]
    assert office.units.unit_at(0) is not None  # each row still knows its unit
    assert {office.units.unit_at(r).name for r in range(3)} == {u.name for u in office.result.units}


def test_the_window_sums_a_messy_inbox_as_the_command_line_does(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Fees stated only in Word, a stranger, a name variant and another year: the window's roll-up
    equals the sums made here, and the command line's."""
    import json as _json
    from decimal import Decimal

    from helpers import cli

    from gxdesk.domain.editions import get_edition
    from gxdesk.exchange import docx_writer

    folder = tmp_path / "来件"
    folder.mkdir()
    truth = {}
    for i, (name, written) in enumerate((("清河县甲局", "清河县甲局"), ("清河县市场监管局", "清河县市场监督管理局"))):
        report = balanced_report("2021", random.Random(i))
        report.meta.agency, report.meta.year = written, 2025
        report.fees.notices, report.fees.noticed, report.fees.collected = 3, Decimal(600), Decimal(300)
        report.parts["六"] = ""
        (folder / f"{i}.docx").write_bytes(docx_writer.to_bytes(report))  # fees only in part 六's text
        truth[name] = report
    stranger = balanced_report("2021", random.Random(7))
    stranger.meta.agency, stranger.meta.year = "外市某局", 2025
    save(stranger, folder / "外市.gxr")
    old = balanced_report("2021", random.Random(8))
    old.meta.agency, old.meta.year = "清河县甲局", 2024
    save(old, folder / "2025年甲局.gxr")
    roster = tmp_path / "名单.csv"
    roster.write_text("\n".join(truth), encoding="utf-8")
    office = audited(qtbot, make_window(), folder, roster=str(roster))
    office.make_rollup()
    rolled = office.rollup_window.doc.report
    edition = get_edition("2021")
    for spec in edition.table("三").inputs:
        assert rolled.values.get(spec.id) == sum(r.values.get(spec.id) or 0 for r in truth.values()), spec.id
    assert (rolled.fees.notices, rolled.fees.noticed, rolled.fees.collected) == (6, 1200, 600)
    out = tmp_path / "全县.gxr"
    result = cli("rollup", str(out), "--from", str(folder), "--units", str(roster), "--agency", "清河县人民政府",
                 "--year", "2025")  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = {tuple(c["row"] + c["column"]): c["value"] for c in _json.loads(cli("show", str(out), "--json").stdout)}
    for spec in edition.table("三").inputs:
        assert shown[(*spec.row, *spec.column)] == rolled.values.get(spec.id)
    office.rollup_window.doc.undo_stack.setClean()
