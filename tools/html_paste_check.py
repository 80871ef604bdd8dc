"""Paste the web page into a rich-text editor in headless Chromium and count what survives.

What a clerk does with "复制网页格式": paste into the site's editor (a ``contenteditable`` area,
as UEditor and KindEditor are). Chromium's paste path (``insertHTML``) sanitises what it is given
the same way; the tables and their merged cells must come through::

    python tools/html_paste_check.py resources/samples/qinghe-sthjj-2025.gxr --shot /tmp/paste.png

Needs Chromium (Debian: ``apt-get install chromium``). Prints the counts; exits 1 if a table or
a merged cell was lost.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> int:
    from gxdesk.exchange.html_writer import fragment
    from gxdesk.store import load

    parser = argparse.ArgumentParser(description="把网页格式粘贴到 Chromium 的富文本编辑区，检查表格是否保留")
    parser.add_argument("report", help="报告文件（.gxr）")
    parser.add_argument("--shot", help="粘贴结果的截图（PNG）")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        print("未找到 Chromium", file=sys.stderr)
        return 2
    html = fragment(load(args.report))
    spans = len(re.findall(r"<t[hd][^>]*(?:rowspan|colspan)=", html))
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body>
<div id="editor" contenteditable="true" style="width:900px;border:1px dashed #888;padding:8px"></div>
<script>
const editor = document.getElementById('editor'); editor.focus();
document.execCommand('insertHTML', false, {json.dumps(html)});
const cells = editor.querySelectorAll('td[rowspan],td[colspan],th[rowspan],th[colspan]').length;
document.title = 'tables=' + editor.querySelectorAll('table').length + ' spans=' + cells;
</script></body></html>"""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paste.html"
        path.write_text(page, encoding="utf-8")
        common = [browser, *FLAGS, f"--user-data-dir={folder}/profile"]
        dom = subprocess.run([*common, "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
        if args.shot:
            subprocess.run([*common, "--hide-scrollbars", "--window-size=1000,5200", f"--screenshot={args.shot}",
                            path.as_uri()], capture_output=True, timeout=120)  # fmt: skip
    found = re.search(r"<title>tables=(\d+) spans=(\d+)</title>", dom.stdout)
    if found is None:
        print("Chromium 没有给出结果", file=sys.stderr)
        return 2
    tables, kept = int(found.group(1)), int(found.group(2))
    print(f"粘贴后：表格 {tables} 张（应为 3），合并单元格 {kept} 个（原有 {spans} 个）")
    return 0 if tables == 3 and kept == spans else 1


if __name__ == "__main__":
    sys.exit(main())
