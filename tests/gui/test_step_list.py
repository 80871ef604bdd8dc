"""The step list: a long title wraps onto a second line and its row grows to show it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gxdesk.gui.wizard.steps import STEP_TITLES, Step
from gxdesk.resources import SAMPLE_2021, sample

LONG = Step.APPLICATIONS  # 三、收到和处理政府信息公开申请情况
SHORT = Step.PREFACE  # 前言


def test_rows_fit_titles_at_the_lists_width(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample(SAMPLE_2021))
    steps = window.step_list
    steps.set_width(180)  # a laptop screen: long titles take two lines
    short, long = (steps.visualItemRect(steps.item(int(s))).height() for s in (SHORT, LONG))
    line = steps.fontMetrics().height()
    assert long >= short + line - 2
    for row in range(steps.count()):  # every title drawn whole: its wrapped height fits its row
        item = steps.item(row)
        rect = steps.visualItemRect(item)
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = steps.fontMetrics().boundingRect(0, 0, rect.width() - 20, 10_000, flags, item.text()).height()
        assert rect.height() >= needed, STEP_TITLES[Step(row)]
    steps.set_width(300)  # a big screen: one line each, rows shrink back
    assert steps.visualItemRect(steps.item(int(LONG))).height() == steps.visualItemRect(steps.item(int(SHORT))).height()


def test_a_changed_title_refits_its_row(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample(SAMPLE_2021))
    steps = window.step_list
    steps.set_width(180)
    item = steps.item(int(SHORT))
    one_line = steps.visualItemRect(item).height()
    item.setText(STEP_TITLES[LONG] * 2)
    assert steps.visualItemRect(item).height() > one_line
