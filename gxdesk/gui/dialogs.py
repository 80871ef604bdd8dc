"""Every modal question and message in one place, so tests can replace them."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

FILE_FILTER = "gxdesk 报告 (*.gxr);;所有文件 (*)"
_B = QMessageBox.StandardButton


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget | None, name: str) -> Answer:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "gxdesk",
        f"“{name}”有尚未保存的修改，是否保存？",
        _B.Save | _B.Discard | _B.Cancel,
        parent,
    )
    box.button(_B.Save).setText("保存")
    box.button(_B.Discard).setText("不保存")
    box.button(_B.Cancel).setText("取消")
    box.setDefaultButton(_B.Save)
    result = box.exec()
    return {_B.Save: Answer.SAVE, _B.Discard: Answer.DISCARD}.get(_B(result), Answer.CANCEL)


def ask_restore(parent: QWidget | None, description: str) -> bool:
    return _yes_no(
        parent,
        "恢复未保存的内容",
        f"gxdesk 上次没有正常关闭。发现自动保存的内容：\n\n{description}\n\n是否恢复？",
        "恢复",
        "不恢复",
    )


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "确定", no: str = "取消") -> bool:
    return _yes_no(parent, title, text, yes, no)


def _yes_no(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, _B.Yes | _B.No, parent)
    box.button(_B.Yes).setText(yes)
    box.button(_B.No).setText(no)
    box.setDefaultButton(_B.Yes)
    return box.exec() == _B.Yes


def show_error(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "gxdesk", text, _B.Ok, parent)
    box.button(_B.Ok).setText("确定")
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, _B.Ok, parent)
    box.button(_B.Ok).setText("确定")
    box.exec()


def open_path(parent: QWidget | None, folder: str = "") -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "打开报告", folder, FILE_FILTER)
    return path


def save_path(parent: QWidget | None, suggestion: str, file_filter: str = FILE_FILTER) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, "保存", suggestion, file_filter)
    return path


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None
