"""The step list: a long title wraps onto a second line and its row grows to show it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from gxdesk.gui.wizard.steps import STEP_TITLES, Step
from gxdesk.resources import SAMPLE_2021, sample

LONG = Step.APPLICATIONS  # 三、收到和处理政府信息公开申请情况
SHORT = Step.PREFACE  # 前言


def drawn_width(steps, item) -> int:  # type: ignore[no-untyped-def]
    """The width Qt's style wraps the item's title in (its text rectangle less the text margins)."""
    style = steps.style()
    option = QStyleOptionViewItem()
    steps.initViewItemOption(option)
    steps.itemDelegate().initStyleOption(option, steps.indexFromItem(item))
    option.rect = steps.visualItemRect(item)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, steps) + 1
    return int(style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, steps).width() - 2 * margin)


def rows_fit(steps) -> None:  # type: ignore[no-untyped-def]
    """Every row is exactly as tall as its title wrapped where Qt's style draws it, plus the
    padding: no line clipped, and no line more than needed (an extra line on a laptop screen
    pushes the last steps out of view)."""
    from gxdesk.gui.step_list import PADDING

    flags = int(Qt.TextFlag.TextWordWrap)
    for row in range(steps.count()):
        item = steps.item(row)
        needed = steps.fontMetrics().boundingRect(0, 0, drawn_width(steps, item), 10_000, flags, item.text()).height()
        assert steps.visualItemRect(item).height() == needed + 2 * PADDING, STEP_TITLES[Step(row)]


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
    # A title that just fits on one line where Qt draws it is given one line, not two.
    item = steps.item(int(SHORT))
    one = steps.fontMetrics().horizontalAdvance("一")
    for width in (180, 228, 300):
        steps.set_width(width)
        item.setText("一" * (drawn_width(steps, item) // one))
        rows_fit(steps)


def test_a_changed_title_refits_its_row(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample(SAMPLE_2021))
    steps = window.step_list
    steps.set_width(180)
    item = steps.item(int(SHORT))
    one_line = steps.visualItemRect(item).height()
    item.setText(STEP_TITLES[LONG] * 2)
    assert steps.visualItemRect(item).height() > one_line
