"""帮助 → 使用说明 (F1): how to write, check and hand in a report with gxdesk, with pictures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gxdesk.gui.screen import available_area

SECTIONS: tuple[tuple[str, str], ...] = (
    (
        "一、开始",
        "“文件 → 新建”后先填“基本信息”：机关名称、机关类型和报告年度。年度决定使用哪一版格式（2021 年度起为"
        "国办公开办函〔2021〕30号），程序自动选用。左侧的步骤列表可随时跳转，每一步标明已完成、未完成、有提示或有错误。",
    ),
    (
        "二、填写统计表",
        "表二、表三、表四与官方格式一致。直接输入数字即覆盖单元格；光标只停在可填写的白色单元格，不会落到标题、"
        "表头或蓝色的合计上。Tab 向右、行末转到下一行；Enter 向下，一列填完接着下一列；连按 Tab 后按 Enter"
        "回到起始列的下一行；正在输入时按方向键即填入并移动；F2 或双击修改已有数字；Delete 清除。"
        "可与 Excel、WPS 互相复制粘贴。合计自动计算，勾稽关系不平的单元格立即标红，鼠标停留可看到原因。"
        '<p><img src="table.png" width="640"></p>',
    ),
    (
        "三、导入",
        "“文件 → 导入”可从同事的 Excel 表、去年的 Word 报告或 gxdesk 文件导入数字和文字。导入前先列出找到了什么、"
        "要改什么、哪些存疑，确认后才导入，导入可整体撤销。导入上年报告后自动结转“上年结转”，并带入上年的网址、地址、"
        "邮编、电话、邮箱（本年尚未填写的）。",
    ),
    (
        "四、检查与导出",
        "“检查与导出”一步列出全部问题：“错误”应当改正后再报送，“提示”可能有误，如确属实际情况，选中后点"
        "“填写说明”。状态栏、检查结果和本页显示同一组个数。导出 Word 报送稿（A4、GB/T 9704 版式）或 Excel 工作簿，"
        "导出后状态栏可直接“打开文档”或“打开所在文件夹”。"
        "“发布到网站…”（或菜单“发布”）：“复制网页格式”后在网站编辑器中粘贴，表格保留合并单元格；"
        "也可导出网页、导出 PDF（不需要 Word）、打印预览（Ctrl+P），或预览并保存图解（一图读懂）。"
        '<p><img src="finish.png" width="640"></p>',
    ),
    (
        "五、不丢稿",
        "Ctrl+Z / Ctrl+Y 撤销、重做全文的修改，撤销时转到所改的步骤和单元格。每分钟及停止输入时自动保存恢复副本；"
        "程序意外退出后，下次启动会询问是否恢复。保存时先写临时文件再替换，并保留上一版（.bak）。",
    ),
    (
        "六、对比上年",
        "导入上年报告后，“视图 → 对比上年”并排列出两年的数字，标出变化较大的；正文中与上年相同的句子标黄，"
        "只改了数字或年份的标绿。",
    ),
    (
        "七、汇总与审核（政务公开办）",
        "“文件 → 汇总与审核”：加入各单位报告所在的文件夹和单位名单，点“开始审核”。有名单时只有名单上的单位计入汇总，"
        "其他单位列为“不在名单”，勾选后才计入；名称相近的会提示“可能是名单中的……”，右键确认。可按状态筛选和排序，"
        "双击查看单位报告或直接跳到出错的单元格；“生成汇总报告”加总各单位的统计表，“导出汇总表”写出汇总工作簿，"
        "“退回修改单”为每个有问题的单位写出修改意见，并写出一页审核情况通报，都存到单位报告文件夹旁边。"
        '<p><img src="office.png" width="640"></p>',
    ),
)


def manual_html() -> str:
    body = "".join(f"<h3>{title}</h3><p>{text}</p>" for title, text in SECTIONS)
    return f"<h2>gxdesk 使用说明</h2>{body}"


class ManualDialog(QDialog):
    """The guide in a browser pane; the pictures come from resources/manual."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — gxdesk")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        folder = _pictures()
        if folder is not None:
            self.browser.setSearchPaths([str(folder)])
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
        self.browser.setHtml(manual_html())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        area = available_area(self)
        width, height = 760, 680
        if area is not None:
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(width, height)


def _pictures() -> Path | None:
    try:
        from gxdesk.resources import resource_dir

        folder = resource_dir() / "manual"
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None
