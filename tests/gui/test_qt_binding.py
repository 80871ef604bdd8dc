"""Guards against Qt binding releases whose reference counting would crash the app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    bare = Signal()
    text = Signal(str)


def test_signal_emit_keeps_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 dropped a reference to True per emit; the app then dies after ~1000 edits."""
    emitter = _Emitter()
    emitter.bare.connect(lambda: None)
    emitter.text.connect(lambda _text: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(300):
        emitter.bare.emit()
        emitter.text.emit("x")
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)


def test_modules_imported_after_pyside_are_not_read_for_features(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """PySide reads each new module's source looking for "PySide6" (≈15 ms a start); gxdesk.gui
    answers for it, so importing a module reads no source."""
    import inspect

    import gxdesk.gui  # noqa: F401 - installs the answer

    read: list[object] = []
    original = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: read.append(obj) or original(obj))
    (tmp_path / "gxdesk_probe_module.py").write_text("VALUE = 'PySide6'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import gxdesk_probe_module

    assert gxdesk_probe_module.VALUE == "PySide6" and read == []
