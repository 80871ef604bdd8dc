"""The step list: a long title wraps onto a second line and its row grows to show it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gxdesk.gui.wizard.steps import STEP_TITLES, Step
from gxdesk.resources import SAMPLE_2021, sample

LONG = Step.APPLICATIONS  # 三、收到和处理政府信息公开申请情况
SHORT = Step.PREFACE  # 前言


def rows_fit(steps) -> None:  # type: ignore[no-untyped-def]
    """Every title is drawn whole: its height wrapped at its row's width fits the row."""
    flags = int(Qt.TextFlag.TextWordWrap)
    for row in range(steps.count()):
        item = steps.item(row)
        rect = steps.visualItemRect(item)
        needed = steps.fontMetrics().boundingRect(0, 0, rect.width() - 20, 10_000, flags, item.text()).height()
        assert rect.height() >= needed, STEP_TITLES[Step(row)]


def test_rows_fit_titles_at_the_lists_width(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample(SAMPLE_2021))
    steps = window.step_list
    steps.set_width(180)  # a laptop screen: long titles take two lines
    short, narrow = (steps.visualItemRect(steps.item(int(s))).height() for s in (SHORT, LONG))
    assert narrow >= short + steps.fontMetrics().height() - 2
    rows_fit(steps)
    steps.set_width(300)  # a big screen: rows refit (one line each where the font allows)
    rows_fit(steps)
    assert steps.visualItemRect(steps.item(int(LONG))).height() <= narrow


def test_a_changed_title_refits_its_row(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample(SAMPLE_2021))
    steps = window.step_list
    steps.set_width(180)
    item = steps.item(int(SHORT))
    one_line = steps.visualItemRect(item).height()
    item.setText(STEP_TITLES[LONG] * 2)
    assert steps.visualItemRect(item).height() > one_line
