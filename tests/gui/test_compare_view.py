"""对比上年 in the window: reachable from every step, highlights that follow the typing, last
year's figures on the cells, and the way to import last year's report when it is missing."""

from __future__ import annotations

import copy

from helpers import sample_report
from PySide6.QtCore import Qt

from gxdesk.domain.report import PriorYear
from gxdesk.gui.wizard.steps import Step
from gxdesk.store import save

LAST = "2024年，我局坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。全年组织业务培训3次。"
NOW = "2025年，我局坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。全年组织业务培训3次。今年新建了专栏。"


def report_with_last_year(tmp_path):  # type: ignore[no-untyped-def]
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    last = dict(report.values)
    last["t3.new.natural"] = 5  # this year 23: a large swing
    report.prior = PriorYear(2024, "2021", last, {"一": LAST})
    report.parts["一"] = NOW
    path = tmp_path / "r.gxr"
    save(report, path)
    return path


def test_comparison_view(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(report_with_last_year(tmp_path))
    window.go_to(Step.ACTIVE)
    window.compare_action.trigger()  # from any step: 视图 → 对比上年
    panel = window.compare_dock.widget()
    assert window.compare_dock.isVisible() and "与2024年度报告对比" in panel.summary.text()
    assert "1 个变化较大" in panel.summary.text()
    rows = [panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
            for j in range(panel.tree.topLevelItem(i).childCount())]  # fmt: skip
    natural = next(r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == "t3.new.natural")
    assert [natural.text(c) for c in (1, 2, 3)] == ["23", "5", "+18（+360.0%）"]
    # The grid tells last year's figure, a large swing tinted.
    view = window.go_to(Step.APPLICATIONS).view
    index = view.table_model().index_of("t3.new.natural")
    assert "上年：5；变化：+18（+360.0%），变化较大" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ede9fe"
    # The editor marks last year's sentences: one changed in its year only, one unchanged.
    editor = window.go_to(Step.OVERVIEW).editor
    marked = sorted((s.cursor.selectedText(), s.format.background().color().name()) for s in editor.extraSelections())
    assert marked == [("2025年，我局坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作。", "#bbf7d0"),
                      ("全年组织业务培训3次。", "#fef08a")]  # fmt: skip
    # Typing goes on; the marks follow the text.
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    editor.insertPlainText("新")  # as an input method commits it
    qtbot.wait(200)
    # The first sentence now differs from last year's; the second still matches, one character on.
    (left,) = editor.extraSelections()
    assert left.cursor.selectedText() == "全年组织业务培训3次。"
    assert left.cursor.selectionStart() == NOW.index("全年") + 1
    window.compare_action.trigger()  # off: no marks, no tint
    assert editor.extraSelections() == []
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() != "#ede9fe"


def test_without_last_year_the_panel_says_how_to_import_it(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    page = window.go_to(Step.FINISH)
    page.compare.click()
    text = window.compare_dock.widget().summary.text()
    assert "还没有上年的报告" in text and "上年报告" in text


def test_one_edit_with_the_comparison_open_computes_the_tables_once(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The tables' totals are worked out once per edit, by the state; the three table views and
    the comparison panel read what it worked out (last year's figures are kept between edits)."""
    from gxdesk.domain import compare, rule, state
    from gxdesk.gui.wizard.steps import Step
    from gxdesk.resources import sample

    window = make_window(sample("qinghe-sthjj-2025.gxr"))
    window.show_comparison(True)
    for step in (Step.ACTIVE, Step.APPLICATIONS, Step.REVIEWS):
        window.go_to(step)
    panel = window.compare_dock.widget()
    calls = []
    real = rule.compute

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    for module in (rule, state, compare):
        monkeypatch.setattr(module, "compute", counted)
    window.doc.set_cells({"t3.new.natural": 24})
    panel.refresh()  # what the panel's timer does after the edit
    qtbot.wait(10)
    assert len(calls) == 1
    view = window.pages[Step.APPLICATIONS].view
    tip = view.table_model().index_of("t3.new.natural").data(Qt.ItemDataRole.ToolTipRole)
    assert "上年" in tip  # the comparison still shows, from the state's figures
