"""图解预览: the 图解 at phone width or full size, with 保存为 PNG / SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from gxdesk.gui.mainwindow import MainWindow


class InfographicPreview(QDialog):
    """The 图解 before it is saved: at phone width or at its full 1080 px."""

    PHONE, FULL = 390, 1080  # a phone screen is about 390 CSS pixels wide

    def __init__(self, window: MainWindow) -> None:
        from gxdesk.gui.publish.infographic import image

        super().__init__(window)
        self.setWindowTitle("图解预览")
        self.window_ = window
        self.picture = QPixmap.fromImage(image(window.doc.report))
        layout = QVBoxLayout(self)
        intro = QLabel(
            "图解中的数字取自报告的表格；导入上年报告后会显示与上年的变化。保存后可上传到网站或发到政务新媒体。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        widths = QHBoxLayout()
        self.group = QButtonGroup(self)
        for text, width in (("手机宽度", self.PHONE), ("原始大小（1080 像素宽）", self.FULL)):
            button = QRadioButton(text)
            button.setProperty("pictureWidth", width)
            self.group.addButton(button)
            widths.addWidget(button)
        widths.addStretch(1)
        layout.addLayout(widths)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea()
        self.area.setWidget(self.label)
        self.area.setWidgetResizable(True)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.area, 1)
        buttons = QDialogButtonBox()
        for key, text in (("png", "保存为 PNG 图片…"), ("svg", "保存为 SVG 矢量图…")):
            save = QPushButton(text)
            save.clicked.connect(lambda _=False, k=key: window.export(k))
            buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._on_group_button_toggled)
        self.group.buttons()[0].setChecked(True)
        available = window.screen().availableGeometry() if window.screen() else None
        self.resize(560, min(900, available.height() - 80) if available else 800)

    @property
    def shown_width(self) -> int:
        return self.label.pixmap().width() if not self.label.pixmap().isNull() else 0

    def _on_group_button_toggled(self, button: QWidget, checked: bool) -> None:
        if not checked:
            return
        width = int(button.property("pictureWidth"))
        scaled = self.picture.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.label.setPixmap(scaled)
        self.label.setMinimumWidth(width)
