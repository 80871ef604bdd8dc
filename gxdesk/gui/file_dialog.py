"""File dialogs in Chinese everywhere.

Windows (and macOS) show their own dialog, in the system's language. Elsewhere (Kylin, UOS,
a bare X server) Qt draws its own: Qt's published Chinese catalogue leaves a few of its labels
in English ("Look in", "Files of type") and calls Size 体积, and the dates follow the system
locale ("8 12 2026" on a C locale). Here those labels are completed and the list shows dates
as 2026-12-08 14:30 and sizes as 15.2 KB.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QCoreApplication,
    QFileInfo,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTranslator,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QTreeView, QWidget

from gxdesk.gui.compat import override

Index = QModelIndex | QPersistentModelIndex

# (context, source text, disambiguation) → Chinese: what qtbase_zh_CN.qm lacks or says oddly.
COMPLETIONS: dict[tuple[str, str, str], str] = {
    ("QFileDialog", "&Look in:", ""): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:", ""): "文件类型(&T)：",
    ("QFileDialog", "Directory:", ""): "文件夹：",
    ("QFileDialog", "Go back", ""): "后退",
    ("QFileDialog", "Go forward", ""): "前进",
    ("QFileDialog", "Go to the parent directory", ""): "上一级文件夹",
    ("QFileDialog", "Create a New Folder", ""): "新建文件夹",
    ("QFileDialog", "Change to list view mode", ""): "列表显示",
    ("QFileDialog", "Change to detail view mode", ""): "显示详细信息",
    ("QFileDialog", "List of places and bookmarks", ""): "位置和书签",
    ("QFileSystemModel", "Size", ""): "大小",
    ("QFileSystemModel", "Date Modified", ""): "修改日期",
    ("QFileSystemModel", "Kind", "Match OS X Finder"): "类型",
    ("QFileSystemModel", "Type", "All other platforms"): "类型",
}


class Completions(QTranslator):
    """Installed after Qt's catalogue, so asked first: answers only what it knows."""

    @override
    def translate(self, context: str, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: N803
        return COMPLETIONS.get((context, sourceText, disambiguation or ""))  # None: the next catalogue

    @override
    def isEmpty(self) -> bool:
        return False


def install_completions(app: QCoreApplication) -> None:
    translator = Completions(app)
    app.installTranslator(translator)


SIZE_COLUMN, DATE_COLUMN = 1, 3


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    value, unit = size / 1024, "KB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f} {unit}"


class ChineseFileList(QIdentityProxyModel):
    """The dialog's list with dates as 2026-12-08 14:30 and sizes as 15.2 KB."""

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (SIZE_COLUMN, DATE_COLUMN):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                info: QFileInfo = source.fileInfo(self.mapToSource(index))
                if index.column() == DATE_COLUMN:
                    return info.lastModified().toString("yyyy-MM-dd HH:mm")
                return "" if info.isDir() else size_text(info.size())
        return super().data(index, role)


def _native() -> bool:
    return sys.platform in ("win32", "darwin")


def _run(dialog: QFileDialog) -> list[str]:
    dialog.setProxyModel(ChineseFileList(dialog))
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    for view in dialog.findChildren(QTreeView):
        view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            view.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    dialog.resize(max(dialog.width(), 820), max(dialog.height(), 480))
    return dialog.selectedFiles() if dialog.exec() else []


def _dialog(parent: QWidget | None, title: str, folder: str, file_filter: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


def open_file(parent: QWidget | None, title: str, folder: str = "", file_filter: str = "") -> str:
    if _native():
        return QFileDialog.getOpenFileName(parent, title, folder, file_filter)[0]
    dialog = _dialog(parent, title, folder, file_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return next(iter(_run(dialog)), "")


def open_files(parent: QWidget | None, title: str, folder: str = "", file_filter: str = "") -> list[str]:
    if _native():
        return QFileDialog.getOpenFileNames(parent, title, folder, file_filter)[0]
    dialog = _dialog(parent, title, folder, file_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def save_file(parent: QWidget | None, title: str, suggestion: str = "", file_filter: str = "") -> str:
    if _native():
        return QFileDialog.getSaveFileName(parent, title, suggestion, file_filter)[0]
    dialog = _dialog(parent, title, suggestion, file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return next(iter(_run(dialog)), "")


def folder(parent: QWidget | None, title: str, suggestion: str = "") -> str:
    if _native():
        return QFileDialog.getExistingDirectory(parent, title, suggestion)
    dialog = _dialog(parent, title, suggestion, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return next(iter(_run(dialog)), "")
