"""Every modal question and message in one place, so tests can replace them.

Qt's dialog classes are imported when a question is first asked (the start never asks one).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

FILE_FILTER = "gxdesk 报告 (*.gxr);;所有文件 (*)"


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget | None, name: str) -> Answer:
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "gxdesk",
        f"“{name}”有尚未保存的修改，是否保存？",
        standard.Save | standard.Discard | standard.Cancel,
        parent,
    )
    box.button(standard.Save).setText("保存")
    box.button(standard.Discard).setText("不保存")
    box.button(standard.Cancel).setText("取消")
    box.setDefaultButton(standard.Save)
    result = box.exec()
    return {standard.Save: Answer.SAVE, standard.Discard: Answer.DISCARD}.get(standard(result), Answer.CANCEL)


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
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, title, text, standard.Yes | standard.No, parent)
    box.button(standard.Yes).setText(yes)
    box.button(standard.No).setText(no)
    box.setDefaultButton(standard.Yes)
    return box.exec() == standard.Yes


def show_error(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "gxdesk", text, standard.Ok, parent)
    box.button(standard.Ok).setText("确定")
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Information, title, text, standard.Ok, parent)
    box.button(standard.Ok).setText("确定")
    box.exec()


def open_path(parent: QWidget | None, folder: str = "") -> str:
    from gxdesk.gui.file_dialog import open_file

    return open_file(parent, "打开报告", folder, FILE_FILTER)


def save_path(parent: QWidget | None, suggestion: str, file_filter: str = FILE_FILTER) -> str:
    from gxdesk.gui.file_dialog import save_file

    return save_file(parent, "保存", suggestion, file_filter)


def folder_path(parent: QWidget | None, title: str, suggestion: str = "") -> str:
    """A folder the author picks (created if it does not exist yet), or "" (cancelled)."""
    from gxdesk.gui.file_dialog import folder

    return folder(parent, title, suggestion)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getMultiLineText(parent, title, label, text)
    return value if ok else None


def ask_choice(parent: QWidget | None, title: str, label: str, options: list[str], current: int = 0) -> int | None:
    """The index of the option picked from a list, or None (cancelled)."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getItem(parent, title, label, options, current, False)
    return options.index(text) if ok and text in options else None


IMPORT_FILTER = ";;".join(
    (
        "可导入的文件 (*.xlsx *.xlsm *.docx *.gxr)",
        "Excel 工作簿 (*.xlsx *.xlsm)",
        "Word 文档 (*.docx)",
        "gxdesk 报告 (*.gxr)",
    )
)


def import_path(parent: QWidget | None, folder: str = "") -> str:
    from gxdesk.gui.file_dialog import open_file

    return open_file(parent, "导入", folder, IMPORT_FILTER)


def ask_import_mode(parent: QWidget | None, source: str, suggested: str = "this", why: str = "") -> str | None:
    """ "this" (this year's numbers), "prior" (last year's report), or None (cancel).

    ``suggested`` is the default button (from the file's year); ``why`` says so to the author.
    """
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "导入",
        f"“{source}”是本年度的数字，还是上一年度的报告？\n\n"
        + (f"{why}\n\n" if why else "")
        + "· 本年数据：把其中的数字和文字填入本报告（只填尚未写的文字部分）；\n"
        "· 上年报告：作为上年数据保存，用于跨年度检查，并结转“上年结转”等数字。",
        standard.Cancel,
        parent,
    )
    this = box.addButton("本年数据", QMessageBox.ButtonRole.AcceptRole)
    prior = box.addButton("上年报告", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(prior if suggested == "prior" else this)
    box.button(standard.Cancel).setText("取消")
    box.exec()
    clicked = box.clickedButton()
    return "this" if clicked is this else "prior" if clicked is prior else None


def preview_import(parent: QWidget | None, plan, title: str) -> bool:  # type: ignore[no-untyped-def]
    from gxdesk.gui.import_preview import ImportPreviewDialog

    return ImportPreviewDialog(plan, title, parent).exec() == ImportPreviewDialog.DialogCode.Accepted


def ask_write_failed(parent: QWidget | None, text: str) -> str | None:
    """ "retry", "save_as", or None (cancel): what to do about a file that could not be written."""
    from PySide6.QtWidgets import QMessageBox

    standard = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "无法写入文件", text, standard.Cancel, parent)
    retry = box.addButton("重试", QMessageBox.ButtonRole.AcceptRole)
    save_as = box.addButton("另存为…", QMessageBox.ButtonRole.ActionRole)
    box.button(standard.Cancel).setText("取消")
    box.setDefaultButton(retry)
    box.exec()
    clicked = box.clickedButton()
    return "retry" if clicked is retry else "save_as" if clicked is save_as else None
