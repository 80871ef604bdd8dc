"""GUI fixtures: isolated settings, scripted answers to every modal question, a main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gxdesk.gui import dialogs


class Answers:
    """Programmed replies to the dialogs module; an unexpected question fails the test."""

    def __init__(self) -> None:
        self.replies: dict[str, list[object]] = {}
        self.asked: list[tuple[str, tuple]] = []

    def set(self, name: str, *replies: object) -> None:
        self.replies.setdefault(name, []).extend(replies)

    def handler(self, name: str) -> Callable[..., object]:
        def reply(*args: object) -> object:
            self.asked.append((name, args[1:]))
            queue = self.replies.get(name)
            if not queue:
                if name in ("show_error", "show_info"):
                    return None
                raise AssertionError(f"unexpected dialog {name}{args[1:]}")
            answer = queue.pop(0)
            return answer(*args) if callable(answer) and not isinstance(answer, type) else answer

        return reply

    def texts(self, name: str) -> list[str]:
        return [" ".join(str(a) for a in args) for n, args in self.asked if n == name]


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("GXDESK_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    ans = Answers()
    for name in (
        "ask_save_changes",
        "ask_restore",
        "confirm",
        "show_error",
        "show_info",
        "open_path",
        "save_path",
        "folder_path",
        "ask_text",
        "ask_choice",
        "import_path",
        "ask_import_mode",
        "ask_write_failed",
        "preview_import",
    ):
        monkeypatch.setattr(dialogs, name, ans.handler(name))
    return ans


@pytest.fixture
def make_window(qtbot, answers):  # type: ignore[no-untyped-def]
    from gxdesk.gui.app import build_window, create_application

    create_application()
    windows = []

    def make(path: str | Path | None = None):  # type: ignore[no-untyped-def]
        window = build_window(str(path) if path else None)
        window.show()
        qtbot.waitUntil(lambda: window.doc.checked)  # the first check follows the first paint
        windows.append(window)
        return window

    yield make
    for window in windows:
        answers.set("ask_save_changes", dialogs.Answer.DISCARD, dialogs.Answer.DISCARD)
        window.doc.undo_stack.setClean()
        window.doc._restored = False
        window.close()
