"""Typing the tables from paper with the keyboard only: every number lands where it was meant.

The keys of a protected Excel sheet: the current cell never rests on a title, header, label or
computed total, whatever the key, so a clerk who does not watch the screen loses nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from gxdesk.domain.drafting import new_report
from gxdesk.domain.navigation import InputGrid, Move
from gxdesk.gui.wizard.steps import Step
from gxdesk.store import projectfile

TABLES = {"二": Step.ACTIVE, "三": Step.APPLICATIONS, "四": Step.REVIEWS}
K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def blank(tmp_path: Path, year: int) -> Path:
    path = tmp_path / f"blank-{year}.gxr"
    projectfile.save(new_report("清河县某局", year), path)
    return path


def open_table(make_window, tmp_path: Path, year: int, part: str):  # type: ignore[no-untyped-def]
    window = make_window(blank(tmp_path, year))
    view = window.go_to(TABLES[part]).view
    view.setFocus()
    return window, view


def current_cell(view) -> str | None:  # type: ignore[no-untyped-def]
    return (
        view.table_model().cell_spec(view.currentIndex()).id
        if view.table_model().cell_spec(view.currentIndex())
        else None
    )


def press(qtbot, view, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key goes where the keyboard focus is: the open cell editor, or the grid."""
    editor = view.indexWidget(view.currentIndex())
    qtbot.keyClick(editor if editor is not None and editor.isVisible() else view, key, mods)


def type_digits(qtbot, view, digits: str) -> None:  # type: ignore[no-untyped-def]
    for ch in digits:
        editor = view.indexWidget(view.currentIndex())
        qtbot.keyClicks(editor if editor is not None else view, ch)


@pytest.mark.parametrize("year", [2020, 2025])
@pytest.mark.parametrize("part", ["二", "三", "四"])
def test_row_by_row_with_tab_and_enter(qtbot, make_window, tmp_path: Path, year: int, part: str) -> None:  # type: ignore[no-untyped-def]
    """Number, Tab, number, …, Enter: each row's numbers in its cells, the next row from its start."""
    window, view = open_table(make_window, tmp_path, year, part)
    grid = InputGrid(view.table_model().spec)
    rows: dict[int, list[str]] = {}
    for slot in grid.slots:
        rows.setdefault(slot.row, []).append(slot.cell)
    expected: dict[str, int] = {}
    number = 100
    assert current_cell(view) == grid.first().cell  # the step opens on its first input
    for cells in rows.values():
        for i, cell in enumerate(cells):
            number += 1
            expected[cell] = number
            type_digits(qtbot, view, str(number))
            press(qtbot, view, K.Key_Tab if i < len(cells) - 1 else K.Key_Return)
    values = window.doc.report.values
    assert {c: values.get(c) for c in expected} == expected
    assert window.files.save()  # Ctrl+S: the file holds what was typed
    saved = projectfile.load(window.doc.path).values
    assert {c: saved.get(c) for c in expected} == expected


@pytest.mark.parametrize("year", [2020, 2025])
@pytest.mark.parametrize("part", ["二", "三", "四"])
def test_column_by_column_with_enter(qtbot, make_window, tmp_path: Path, year: int, part: str) -> None:  # type: ignore[no-untyped-def]
    """Enter down a column, past titles and totals, then on at the top of the next column."""
    window, view = open_table(make_window, tmp_path, year, part)
    grid = InputGrid(view.table_model().spec)
    order = sorted(grid.slots, key=lambda s: (s.col, s.row))
    expected: dict[str, int] = {}
    for n, slot in enumerate(order):
        assert current_cell(view) == slot.cell
        expected[slot.cell] = 1000 + n
        type_digits(qtbot, view, str(1000 + n))
        press(qtbot, view, K.Key_Return)
    values = window.doc.report.values
    assert {c: values.get(c) for c in expected} == expected
    assert window.files.save()
    saved = projectfile.load(window.doc.path).values
    assert {c: saved.get(c) for c in expected} == expected


def test_enter_after_tabs_returns_to_the_column_where_the_run_began(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, view = open_table(make_window, tmp_path, 2025, "三")
    view.select_cell("t3.new.business")
    view.setFocus()
    for digits in ("6", "1", "1"):
        type_digits(qtbot, view, digits)
        press(qtbot, view, K.Key_Tab)
    type_digits(qtbot, view, "2")
    press(qtbot, view, K.Key_Return)
    assert current_cell(view) == "t3.carried_in.business"
    values = window.doc.report.values
    assert [values.get(f"t3.new.{c}") for c in ("business", "research", "nonprofit", "legal")] == [6, 1, 1, 2]


def test_last_row_of_a_column_goes_on_to_the_next_column_not_the_total(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, view = open_table(make_window, tmp_path, 2025, "三")
    view.select_cell("t3.carry_out.natural")
    view.setFocus()
    type_digits(qtbot, view, "7")
    press(qtbot, view, K.Key_Return)
    assert current_cell(view) == "t3.new.business"
    type_digits(qtbot, view, "8")
    press(qtbot, view, K.Key_Return)
    assert window.doc.report.values["t3.carry_out.natural"] == 7
    assert window.doc.report.values["t3.new.business"] == 8


def test_an_arrow_commits_a_typed_value_and_moves_but_edits_the_text_after_f2(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window, view = open_table(make_window, tmp_path, 2025, "三")
    type_digits(qtbot, view, "23")
    press(qtbot, view, K.Key_Right)
    assert window.doc.report.values["t3.new.natural"] == 23
    assert current_cell(view) == "t3.new.business"
    press(qtbot, view, K.Key_Left)
    press(qtbot, view, K.Key_F2)
    press(qtbot, view, K.Key_Left)  # the text cursor, before the 3
    type_digits(qtbot, view, "1")
    press(qtbot, view, K.Key_Return)
    assert window.doc.report.values["t3.new.natural"] == 213


def test_home_end_and_ctrl_home_end_stay_on_input_cells(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _window, view = open_table(make_window, tmp_path, 2025, "三")
    view.select_cell("t3.new.research")
    view.setFocus()
    press(qtbot, view, K.Key_Home)
    assert current_cell(view) == "t3.new.natural"  # not the row label
    press(qtbot, view, K.Key_End)
    assert current_cell(view) == "t3.new.other"  # not the computed 总计
    press(qtbot, view, K.Key_Up)
    assert current_cell(view) == "t3.new.other"  # not the header above row 一
    press(qtbot, view, K.Key_End, CTRL)
    assert current_cell(view) == "t3.carry_out.other"
    press(qtbot, view, K.Key_Home, CTRL)
    assert current_cell(view) == "t3.new.natural"


def test_typing_on_a_total_is_refused_at_the_cell(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, view = open_table(make_window, tmp_path, 2025, "三")
    model = view.table_model()
    total = model.index_of("t3.new.total")
    view.setCurrentIndex(total)  # as a mouse click does
    qtbot.keyClicks(view, "5")
    assert view.indexWidget(total) is None
    assert "自动计算" in view.last_message and "不能填写" in view.last_message
    assert window.doc.report.values.get("t3.new.total") is None
    assert all(v is None for v in window.doc.report.values.values())  # nothing landed elsewhere
    press(qtbot, view, K.Key_Tab)
    assert view.last_message == ""  # the message goes at the next action


def test_read_only_navigation_works_and_typing_is_refused(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.resources import sample

    window = make_window(sample("qinghe-sthjj-2025.gxr"))
    window.doc.read_only = True
    view = window.go_to(Step.APPLICATIONS).view
    view.setFocus()
    press(qtbot, view, K.Key_Tab)
    assert current_cell(view) == "t3.new.business"
    before = dict(window.doc.report.values)
    qtbot.keyClicks(view, "9")
    assert "只读" in view.last_message
    assert window.doc.report.values == before


KEYS = st.sampled_from(
    ["digit", "Tab", "Backtab", "Enter", "ShiftEnter", "Up", "Down", "Left", "Right", "Home", "End", "CtrlHome",
     "CtrlEnd", "Escape", "F2"]
)  # fmt: skip
_KEYMAP = {
    "Tab": (K.Key_Tab, Qt.KeyboardModifier.NoModifier),
    "Backtab": (K.Key_Backtab, SHIFT),
    "Enter": (K.Key_Return, Qt.KeyboardModifier.NoModifier),
    "ShiftEnter": (K.Key_Return, SHIFT),
    "Up": (K.Key_Up, Qt.KeyboardModifier.NoModifier),
    "Down": (K.Key_Down, Qt.KeyboardModifier.NoModifier),
    "Left": (K.Key_Left, Qt.KeyboardModifier.NoModifier),
    "Right": (K.Key_Right, Qt.KeyboardModifier.NoModifier),
    "Home": (K.Key_Home, Qt.KeyboardModifier.NoModifier),
    "End": (K.Key_End, Qt.KeyboardModifier.NoModifier),
    "CtrlHome": (K.Key_Home, CTRL),
    "CtrlEnd": (K.Key_End, CTRL),
    "Escape": (K.Key_Escape, Qt.KeyboardModifier.NoModifier),
    "F2": (K.Key_F2, Qt.KeyboardModifier.NoModifier),
}


@pytest.mark.parametrize(("year", "part"), [(2025, "二"), (2025, "三"), (2025, "四"), (2020, "二"), (2020, "三")])
def test_random_keys_never_leave_an_input_cell_and_never_misplace_a_number(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, year: int, part: str
) -> None:
    window, view = open_table(make_window, tmp_path, year, part)
    grid = InputGrid(view.table_model().spec)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(KEYS, st.integers(1, 9)), max_size=30))
    def run(keys: list[tuple[str, int]]) -> None:
        if view.indexWidget(view.currentIndex()) is not None:
            press(qtbot, view, K.Key_Escape)
        window.doc.set_cells(dict.fromkeys(window.doc.report.values))  # start blank
        first = grid.first()
        view.setCurrentIndex(view.table_model().index(first.row, first.col))
        view.setFocus()
        expected: dict[str, int | None] = {}
        editing: tuple[str, str, int, bool] | None = None  # cell, text, cursor, typed (not F2)
        for name, digit in keys:
            if editing is None:
                assert current_cell(view) is not None and grid.slot_of(current_cell(view)) is not None
            if name == "digit":
                if editing is None:
                    editing = (current_cell(view), str(digit), 1, True)
                elif len(editing[1]) < 6:
                    cell, text, pos, typed = editing
                    editing = (cell, text[:pos] + str(digit) + text[pos:], pos + 1, typed)
                else:
                    continue
                type_digits(qtbot, view, str(digit))
                continue
            key, mods = _KEYMAP[name]
            if editing is not None:
                cell, text, pos, typed = editing
                commits = name in ("Tab", "Backtab", "Enter", "ShiftEnter", "CtrlHome", "CtrlEnd") or (
                    typed and name in ("Up", "Down", "Left", "Right")
                )
                if name == "Escape":
                    editing = None
                elif commits:
                    expected[cell] = int(text) if text else None
                    editing = None
                elif name in ("Left", "Right", "Home", "End"):
                    pos = {"Left": max(0, pos - 1), "Right": min(len(text), pos + 1), "Home": 0, "End": len(text)}[name]
                    editing = (cell, text, pos, typed)
            elif name == "F2":
                cell = current_cell(view)
                old = window.doc.report.values.get(cell)
                text = "" if old is None else str(old)
                editing = (cell, text, len(text), False)
            press(qtbot, view, key, mods)
        if editing is not None:
            press(qtbot, view, K.Key_Escape)
        assert current_cell(view) is not None and grid.slot_of(current_cell(view)) is not None
        values = window.doc.report.values
        assert {c: values.get(c) for c in expected} == expected
        assert all(values.get(c) is None for c in values if c not in expected)

    run()


def test_navigation_moves_only_between_inputs_in_every_table() -> None:
    """The pure moves: from every input, every move lands on an input of the same table."""
    from gxdesk.domain.editions import EDITIONS

    for edition in EDITIONS.values():
        for part in ("二", "三", "四"):
            grid = InputGrid(edition.table(part))
            for slot in grid.slots:
                for move in Move:
                    for anchor in (None, slot.col):
                        target = grid.move(slot.row, slot.col, move, anchor=anchor)
                        assert target is not None and grid.slot_of(target.cell) == target
            order = []
            slot = grid.first()
            for _ in grid.slots:
                order.append(slot)
                slot = grid.move(slot.row, slot.col, Move.ENTER)
            assert sorted(order) == list(grid.slots)  # Enter visits each input once


def test_save_export_new_then_the_window_still_works(qtbot, make_window, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """After 新建 the window opens at 基本信息 and every step and edit works (no deleted undo stack)."""
    from gxdesk.resources import sample

    window = make_window(sample("qinghe-sthjj-2025.gxr"))
    window.go_to(Step.FINISH)
    answers.set("save_path", str(tmp_path / "r.gxr"))
    window.files.save_as()
    answers.set("save_path", str(tmp_path / "r.docx"))
    window.export("docx")
    assert (tmp_path / "r.docx").exists()
    old_saver = window.files.autosaver
    window.files.new()
    qtbot.wait(20)  # the old document is deleted
    assert not old_saver._idle.isActive() and old_saver.save_now() is False  # no timer left on a deleted stack
    assert window.current_step() is Step.BASIC
    window.step_list.setCurrentRow(int(Step.BASIC))
    for step in Step:
        window.go_to(step)
    view = window.go_to(Step.APPLICATIONS).view
    view.setFocus()
    type_digits(qtbot, view, "5")
    press(qtbot, view, K.Key_Return)
    assert window.doc.report.values["t3.new.natural"] == 5
    window.files.autosaver.save_now()
    window.undo_action.trigger()
    assert window.doc.report.values.get("t3.new.natural") is None


def test_undo_shows_the_step_and_cell_it_changes(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, view = open_table(make_window, tmp_path, 2025, "三")
    type_digits(qtbot, view, "7")
    press(qtbot, view, K.Key_Return)
    window.go_to(Step.BASIC)
    window.undo_action.trigger()
    assert window.current_step() is Step.APPLICATIONS
    assert current_cell(view) == "t3.new.natural"
    window.go_to(Step.BASIC)  # (a step that drafts its text on arrival would start new history)
    window.redo_action.trigger()
    assert window.current_step() is Step.APPLICATIONS and window.doc.report.values["t3.new.natural"] == 7
