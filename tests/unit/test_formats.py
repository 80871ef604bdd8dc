"""Output formats are declared once: a new one is a writer module and one registration."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from gxdesk.exchange import formats
from gxdesk.exchange.formats import FORMATS, OutputFormat
from gxdesk.resources import sample

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def text_format(monkeypatch: pytest.MonkeyPatch) -> OutputFormat:
    module = types.ModuleType("fake_text_writer")
    module.to_bytes = lambda report: report.meta.full_title.encode("utf-8")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_text_writer", module)
    fmt = OutputFormat("txt", "纯文本", ".txt", "fake_text_writer")
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, fmt))
    monkeypatch.setitem(formats.BY_KEY, "txt", fmt)
    return fmt


def test_a_registered_format_is_a_command_line_flag(text_format: OutputFormat, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gxdesk.cli as cli

    monkeypatch.setattr(cli, "FORMATS", formats.FORMATS)
    out = tmp_path / "r.txt"
    assert cli.main(["export", str(sample("qinghe-sthjj-2025.gxr")), "--txt", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("青禾市生态环境局")


def test_the_window_menu_and_buttons_and_the_installer_read_the_list(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.app import build_window, create_application

    create_application()
    window = build_window(None)
    qtbot.addWidget(window)
    actions = [a.text() for a in window.file_menu.actions()]
    toolbar = [a.text() for a in window.toolbar.actions()]
    published = [a.text() for a in window.publish_menu.actions()]
    for fmt in FORMATS:
        if fmt.on_toolbar:
            assert f"导出 {fmt.label}…" in actions and f"导出 {fmt.label}" in toolbar
        elif fmt.key in ("png", "svg"):
            assert "图解预览…" in published  # saved from the preview
        else:
            assert f"导出 {fmt.label}…" in published
    spec = (ROOT / "installer" / "gxdesk.spec").read_text(encoding="utf-8")
    assert "fmt.module for fmt in FORMATS" in spec  # the writers are bundled from the same list
    window.doc.undo_stack.setClean()
