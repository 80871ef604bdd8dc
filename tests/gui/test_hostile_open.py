"""Opening a report that an older version (or a hand) left with a cell that holds no number."""

from __future__ import annotations

import json
from pathlib import Path

from gxdesk.resources import sample

QINGHE = sample("qinghe-sthjj-2025.gxr")


def test_the_window_tells_the_author_which_cells_were_blanked(tmp_path: Path, qtbot, answers, make_window) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.app import build_window

    data = json.loads(QINGHE.read_text(encoding="utf-8"))
    data["values"]["t3.new.natural"] = "NaN"
    path = tmp_path / "nan.gxr"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window = build_window(str(path))
    said = " ".join(answers.texts("show_info"))
    assert "自然人" in said and "已按空白打开" in said
    window.doc.undo_stack.setClean()
    window.close()
