"""Save a screenshot of every step of the window on a sample report.

Run under Xvfb for a real window, with the screen size to try::

    xvfb-run -a -s "-screen 0 1280x720x24" python tools/screenshots.py --out docs/screenshots/1280x720

or with ``QT_QPA_PLATFORM=offscreen``. A CJK font must be installed (fonts-noto-cjk on Debian).
The window sizes itself to the screen as it does for a user.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def grab(widget, path: Path, *, screen: bool = False) -> Path:  # type: ignore[no-untyped-def]
    """A picture of ``widget`` as the screen shows it (Xvfb), or as Qt renders it offscreen.

    With ``screen``, the whole screen: a tooltip is a window of its own.
    """
    from PySide6.QtWidgets import QApplication

    shown = QApplication.primaryScreen()
    real = os.environ.get("QT_QPA_PLATFORM") != "offscreen" and shown is not None
    if real and screen:
        shown.grabWindow(0).save(str(path))
        return path
    (shown.grabWindow(widget.winId()) if real else widget.grab()).save(str(path))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description="每个步骤截一张图")
    parser.add_argument("--out", default="docs/screenshots", help="输出文件夹")
    parser.add_argument("--sample", default="qinghe-sthjj-2025.gxr", help="示例报告文件名")
    args = parser.parse_args()
    os.environ.setdefault("GXDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="gxdesk-shots-"))

    from gxdesk.gui.app import build_window, create_application
    from gxdesk.gui.wizard.steps import Step
    from gxdesk.resources import sample

    app = create_application()
    window = build_window(str(sample(args.sample)))
    window.show()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for step in Step:
        window.go_to(step)
        for _ in range(5):
            app.processEvents()
        path = grab(window, out / f"step-{step.value + 1}-{step.name.lower()}.png")
        print(path)
    window.doc.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
