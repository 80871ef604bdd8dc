"""Screenshot of 对比上年 (docs/screenshots/compare.png) on the 2021 sample with a last-year report.

Run under Xvfb: ``xvfb-run -a -s "-screen 0 1366x768x24" python tools/compare_screenshot.py``.
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    from screenshots import grab

    os.environ.setdefault("GXDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="gxdesk-shots-"))

    from gxdesk.domain.report import PriorYear
    from gxdesk.gui.app import build_window, create_application
    from gxdesk.gui.wizard.steps import Step
    from gxdesk.resources import sample
    from gxdesk.store import load

    app = create_application()
    report = load(sample("qinghe-sthjj-2025.gxr"))
    last = copy.deepcopy(report.values)
    last["t3.new.natural"], last["t2.b1.normative.valid"] = 6, 60
    text = report.text("一").replace("2025年", "2024年").replace("1286条", "1190条")
    text = text.replace("新制发行政规范性文件3件", "新制发行政规范性文件5件")
    text = text.replace("调整局政务公开工作领导小组", "成立局政务公开工作领导小组")
    report.prior = PriorYear(2024, "2021", last, {"一": text})
    window = build_window(None)
    from gxdesk.gui.document import ReportDocument

    window.set_document(ReportDocument(report, None))
    window.show()
    window.go_to(Step.OVERVIEW)
    window.show_comparison(True)
    for _ in range(20):
        app.processEvents()
    out = Path("docs/screenshots/compare.png")
    print(grab(window, out))
    window.doc.undo_stack.setClean()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
