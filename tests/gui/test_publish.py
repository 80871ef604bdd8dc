"""发布 in the window: the web page on the clipboard for the site's editor, the print preview, the
图解 preview before saving, and the web page / PDF / 图解 exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QPushButton

from gxdesk.gui.publish.actions import COPY_WEB, INFOGRAPHIC_PREVIEW, PRINT_PREVIEW
from gxdesk.gui.publish.preview import InfographicPreview
from gxdesk.resources import sample


@pytest.fixture
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window(sample("qinghe-sthjj-2025.gxr"))


def action(window, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.publish_menu.actions() if a.text() == text)


def test_copy_web_format_puts_html_tables_and_text_on_the_clipboard(window) -> None:  # type: ignore[no-untyped-def]
    action(window, COPY_WEB).trigger()
    mime = QGuiApplication.clipboard().mimeData()
    html = mime.html()
    assert html.count("<table") == 3 and 'rowspan="22"' in html and "<th scope=" in html
    assert "<script" not in html and "<html" not in html  # the content, for pasting into a page
    assert "一、本年新收政府信息公开申请数量\t\t\t23\t6\t1\t1\t2\t0\t33" in mime.text()
    assert "已复制网页格式" in window.statusBar().currentMessage()


def test_print_preview_shows_the_pages(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.publish.actions import print_preview

    assert action(window, PRINT_PREVIEW).shortcut().toString()  # Ctrl+P
    dialog = print_preview(window)
    qtbot.addWidget(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0, timeout=10_000)
    assert 4 <= preview.pageCount() <= 8
    dialog.close()


def test_infographic_preview_at_phone_width_and_full_size(window, qtbot, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert action(window, INFOGRAPHIC_PREVIEW)
    dialog = InfographicPreview(window)
    qtbot.addWidget(dialog)
    assert dialog.shown_width == InfographicPreview.PHONE
    dialog.group.buttons()[1].setChecked(True)
    assert dialog.shown_width == 1080
    # 保存为 PNG: through the same export as the menu.
    answers.set("save_path", str(tmp_path / "图解"))
    save = next(b for b in dialog.findChildren(QPushButton) if "PNG" in b.text())
    save.click()
    written = tmp_path / "图解.png"
    assert written.read_bytes().startswith(b"\x89PNG")
    dialog.close()


@pytest.mark.parametrize(("key", "magic"), [("pdf", b"%PDF-"), ("html", b"<!DOCTYPE html>"), ("svg", b"<?xml")])
def test_publish_exports_write_files(window, answers, tmp_path: Path, key: str, magic: bytes) -> None:  # type: ignore[no-untyped-def]
    answers.set("save_path", str(tmp_path / f"r.{key}"))
    window.export(key)
    assert (tmp_path / f"r.{key}").read_bytes().startswith(magic)


def test_finish_page_publish_button_opens_the_menu(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.wizard.steps import Step

    page = window.go_to(Step.FINISH)
    assert page.publish.text() == "发布到网站…"
    page.publish.click()
    qtbot.waitUntil(window.publish_menu.isVisible)
    window.publish_menu.close()
