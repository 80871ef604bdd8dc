"""An author writes seed 000's report from a blank window, by keyboard and paste only."""

from __future__ import annotations

from helpers import sample_report
from helpers_gui import paste_block, replace_text, type_cell, type_text
from PySide6.QtCore import Qt

from gxdesk.domain.editions import get_edition
from gxdesk.domain.rules import compute
from gxdesk.gui.wizard.steps import Step

A = ("natural", "business", "research", "nonprofit", "legal", "other")


def test_enter_seed_000_end_to_end(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed = sample_report("fujian-gxt-2020.gxr")
    window = make_window()
    doc = window.doc

    # 1 基本信息
    basic = window.go_to(Step.BASIC)
    type_text(qtbot, basic.agency, seed.meta.agency)
    basic.year.setFocus()
    qtbot.keyClick(basic.year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(basic.year, "2020")
    qtbot.keyClick(basic.year, Qt.Key.Key_Return)
    assert doc.report.edition == "2019" and "2019年版格式" in basic.edition_label.text()
    for name in ("website", "address", "postcode", "phone", "email"):
        type_text(qtbot, basic.contacts[name], getattr(seed.meta, name))
    basic.ending.setFocus()
    qtbot.keyClick(basic.ending, Qt.Key.Key_Space)
    assert doc.report.ending is False

    # 2 前言: drafted on arrival, then replaced by the published text
    preface = window.go_to(Step.PREFACE)
    assert "国办公开办函〔2019〕60号" in doc.report.preface
    replace_text(qtbot, preface.editor, seed.preface)

    # 3 一、总体情况 (started with the five headings) and 5 五
    replace_text(qtbot, window.go_to(Step.OVERVIEW).editor, seed.text("一"))
    replace_text(qtbot, window.go_to(Step.PROBLEMS).editor, seed.text("五"))

    # 4 二: each row typed with Tab, the next row reached from the keyboard
    page = window.go_to(Step.ACTIVE)
    for spec_row in _rows(get_edition("2019").table("二")):
        page.view.select_cell(spec_row[0])
        for i, cid in enumerate(spec_row):
            text = str(seed.values[cid])
            type_cell(qtbot, page.view, text, Qt.Key.Key_Tab if i < len(spec_row) - 1 else Qt.Key.Key_Return)
    assert page.view.table_model().index(17, 2).data() == "731107元"

    # 5 三: the published table pasted from Excel, totals column included
    page = window.go_to(Step.APPLICATIONS)
    e = get_edition("2019")
    all_values = compute(e, seed.values)
    rows = [r for r in e.table("三").row_ids()]
    block = "\r\n".join("\t".join(str(all_values[f"t3.{r}.{c}"]) for c in (*A, "total")) for r in rows)
    page.view.select_cell("t3.new.natural")
    paste_block(qtbot, page.view, block + "\r\n")
    assert "已粘贴 132 个单元格" in page.view.last_message
    assert "跳过 29 个自动计算的合计单元格" in page.view.last_message

    # 6 四: Tab across the row, typing 0 in every input; Tab passes over the computed totals itself
    page = window.go_to(Step.REVIEWS)
    page.view.select_cell("t4.cases.review_upheld")
    for spec in e.table("四").cells:
        if not spec.computed:
            type_cell(qtbot, page.view, "0", Qt.Key.Key_Tab)

    # The report now equals the sample made from the published text.
    r = doc.report
    assert r.values == seed.values
    assert compute(e, r.values) | seed.claimed == compute(e, r.values)
    assert (r.preface, r.text("一"), r.text("五"), r.text("六")) == (
        seed.preface,
        seed.text("一"),
        seed.text("五"),
        seed.text("六"),
    )
    for name in ("agency", "year", "kind", "website", "address", "postcode", "phone", "email", "title"):
        assert getattr(r.meta, name) == getattr(seed.meta, name), name
    assert [(f.code, f.part) for f in doc.findings] == [("PART-EMPTY", "六")]
    # While writing, the empty part 六 is work to do; at the check before export it is an error.
    assert window.step_list.item(int(Step.OTHER)).data(Qt.ItemDataRole.UserRole) == "INCOMPLETE"
    assert window.step_list.item(int(Step.APPLICATIONS)).data(Qt.ItemDataRole.UserRole) == "COMPLETE"
    assert window.counts.text() == "错误 0 · 提示 0 · 未填写 1"
    finish = window.go_to(Step.FINISH)
    shown = [(f.code, f.severity.label) for f in finish.panel.visible_findings()]
    assert shown == [("PART-EMPTY", "错误")] and "还有 1 个错误" in finish.summary.text()


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    rows: dict[str, list[str]] = {}
    for c in table.inputs:
        rows.setdefault(c.row_id, []).append(c.id)
    return list(rows.values())
