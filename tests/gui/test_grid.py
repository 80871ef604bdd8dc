"""The table grid: inline findings, invalid entries, clipboard, undo, computed cells."""

from __future__ import annotations

from helpers_gui import paste_block, type_cell
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gxdesk.gui.table.model import SEVERITY_ROLE
from gxdesk.gui.wizard.steps import Step
from gxdesk.resources import sample

QINGHE = sample("qinghe-sthjj-2025.gxr")
BALANCE = ("t3.new.legal", "t3.carried_in.legal", "t3.r7_total.legal", "t3.carry_out.legal")


def severity(view, cell_id: str) -> str | None:  # type: ignore[no-untyped-def]
    return view.table_model().index_of(cell_id).data(SEVERITY_ROLE)


def test_finding_appears_on_the_right_cells_and_goes_when_fixed(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    view.select_cell("t3.carry_out.legal")
    type_cell(qtbot, view, "3")
    assert [severity(view, c) for c in BALANCE] == ["error"] * 4
    assert severity(view, "t3.carry_out.natural") is None
    tip = view.table_model().index_of("t3.carry_out.legal").data(Qt.ItemDataRole.ToolTipRole)
    assert "法律服务机构：本年新收 2 + 上年结转 0 = 2，但办理结果总计 2 + 结转下年度 3 = 5，相差 3" in tip
    assert window.step_list.item(int(Step.APPLICATIONS)).data(Qt.ItemDataRole.UserRole) == "ERROR"
    assert "错误 1" in window.counts.text()
    view.select_cell("t3.carry_out.legal")
    type_cell(qtbot, view, "0")
    assert [severity(view, c) for c in BALANCE] == [None] * 4
    assert window.doc.findings == []


def test_totals_are_computed_and_read_only(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    model = view.table_model()
    total = model.index_of("t3.new.total")
    assert total.data() == "33" and not (model.flags(total) & Qt.ItemFlag.ItemIsEditable)
    view.select_cell("t3.new.total")
    qtbot.keyClicks(view, "5")
    assert "不能填写" in view.last_message and window.doc.report.values.get("t3.new.total") is None
    view.select_cell("t3.new.natural")
    type_cell(qtbot, view, "24")
    assert total.data() == "34" and model.index_of("t3.new.total").data() == "34"


def test_invalid_entry_is_refused_with_a_message(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    view.select_cell("t3.r1_public.natural")
    qtbot.keyClicks(view, "-")
    editor = view.indexWidget(view.currentIndex())
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.indexWidget(view.currentIndex()) is editor  # still open, entry not lost
    assert "不能为负数" in view.last_message and "自然人" in view.last_message
    assert window.doc.report.values["t3.r1_public.natural"] == 11
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.doc.report.values["t3.r1_public.natural"] == 11


def test_clerk_formats_are_accepted(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.ACTIVE).view
    view.select_cell("t2.b5.license.decisions")
    paste_block(qtbot, view, "１，２３４件")
    assert window.doc.report.values["t2.b5.license.decisions"] == 1234
    view.select_cell("t2.b6.penalty.decisions")
    paste_block(qtbot, view, "/\r\n9")
    assert "t2.b6.penalty.decisions" not in window.doc.report.values
    assert window.doc.report.values["t2.b6.coercion.decisions"] == 9


def test_copy_paste_round_trip_with_spreadsheets(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    model = view.table_model()
    top, bottom = model.index_of("t3.new.natural"), model.index_of("t3.carried_in.total")
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view.selectionModel().select(QItemSelection(top, bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "23\t6\t1\t1\t2\t0\t33\r\n2\t1\t0\t0\t0\t0\t3\r\n"
    view.select_cell("t3.r4_1.natural")
    paste_block(qtbot, view, QGuiApplication.clipboard().text())
    values = window.doc.report.values
    assert [values[f"t3.r4_1.{c}"] for c in ("natural", "business", "research", "nonprofit", "legal", "other")] == [
        23,
        6,
        1,
        1,
        2,
        0,
    ]
    assert "跳过 2 个自动计算的合计单元格" in view.last_message


def test_paste_reports_bad_cells_and_is_one_undo_step(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    doc = window.doc
    view = window.go_to(Step.REVIEWS).view
    before = dict(doc.report.values)
    view.select_cell("t4.cases.review_upheld")
    paste_block(qtbot, view, "5\tabc\t1\t2\t9")
    assert "1 个内容无效未粘贴" in view.last_message and "结果纠正" in view.last_message
    assert "跳过 1 个自动计算的合计单元格" in view.last_message
    assert doc.report.values["t4.cases.review_upheld"] == 5 and doc.report.values["t4.cases.review_pending"] == 2
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values == before
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert doc.report.values["t4.cases.review_upheld"] == 5


def test_delete_clears_selection_and_undo_restores(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    doc = window.doc
    view = window.go_to(Step.REVIEWS).view
    model = view.table_model()
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view.selectionModel().select(
        QItemSelection(model.index_of("t4.cases.review_upheld"), model.index_of("t4.cases.review_total")),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not any(k.startswith("t4.cases.review_") for k in doc.report.values)
    assert model.index_of("t4.cases.review_total").data() == ""
    assert any(f.code == "CELL-BLANK" for f in doc.findings)
    window.undo_action.trigger()
    assert doc.report.values["t4.cases.review_upheld"] == 2


def test_enter_moves_down_and_tab_right(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    model = view.table_model()
    view.select_cell("t3.r3_1.natural")
    type_cell(qtbot, view, "0", Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of("t3.r3_2.natural")
    type_cell(qtbot, view, "0", Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of("t3.r3_2.business")
    assert view.indexWidget(view.currentIndex()) is None  # selected, not opened


def test_f2_edits_existing_value(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    view.select_cell("t3.new.natural")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None and editor.text() == "23"
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.report.values["t3.new.natural"] == 230


def test_an_edit_repaints_only_the_cells_it_changed(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """The model signals the edited cell, the totals that follow it and the cells its new findings name."""
    window = make_window(sample("qinghe-sthjj-2025.gxr"))
    view = window.go_to(Step.APPLICATIONS).view
    model = view.table_model()
    changed: list[str] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(model.cell_spec(top).id))
    window.doc.set_cells({"t3.carry_out.legal": 5})
    balance = {f"t3.{row}.legal" for row in ("new", "carried_in", "r7_total", "carry_out")}
    assert set(changed) == balance | {"t3.carry_out.total"}  # total: its value and the TEXT-TABLE finding
    assert len(changed) == len(set(changed))
    changed.clear()
    window.doc.set_text("part:五", window.doc.report.text("五") + "补充。")
    assert changed == []  # typing in a part repaints no table cell


def test_a_figure_typed_with_words_is_taken_and_the_words_are_said(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """22（其中修订16件） typed or pasted into a cell: 22 lands, and the clerk is told the words are not kept."""
    from helpers_gui import type_text

    window = make_window(QINGHE)
    view = window.go_to(Step.ACTIVE).view
    view.select_cell("t2.b1.normative.made")
    view.edit(view.currentIndex())
    editor = view.indexWidget(view.currentIndex())
    editor.selectAll()  # F2 opens the cell with its figure: typed over
    type_text(qtbot, editor, "22（其中修订16件）")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.doc.report.values["t2.b1.normative.made"] == 22
    assert "其中修订16件" in view.last_message and "22" in view.last_message
