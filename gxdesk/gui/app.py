"""main(): the QApplication, Chinese translations and fonts, and the composition root."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gxdesk.gui import dialogs
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.files import blank_document, tell_repairs
from gxdesk.gui.mainwindow import MainWindow
from gxdesk.gui.settings import add_recent
from gxdesk.store import StoreError, load

UI_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
    "SimHei",
)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with zh_CN Qt translations and a CJK UI font (idempotent)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setApplicationName("gxdesk")
    app.setOrganizationName("gxdesk")
    app.setApplicationDisplayName("gxdesk")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not getattr(app, "_gxdesk_translator", None):
        translator = QTranslator(app)
        for folder in _translation_folders():
            if translator.load("qtbase_zh_CN", folder):
                app.installTranslator(translator)
                break
        app._gxdesk_translator = translator  # type: ignore[attr-defined]
        from gxdesk.gui.file_dialog import install_completions

        install_completions(app)  # after Qt's catalogue: asked first, for what it lacks
    families = set(QFontDatabase.families())
    family = next((f for f in UI_FONTS if f in families), None)
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    return app


def show_icon() -> None:
    """The program's icon on its windows. Set once the report shows: reading the image first
    loads Qt's image-format plugins, a few milliseconds of the start."""
    from PySide6.QtGui import QIcon

    app = QApplication.instance()
    icon = _icon_path()
    if isinstance(app, QApplication) and icon and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(icon)))


def _translation_folders() -> list[str]:
    """The catalogue gxdesk carries (resources/translations: PySide6's wheels ship none for
    zh_CN), then Qt's own folder."""
    folders = []
    try:
        from gxdesk.resources import resource_dir

        folders.append(str(resource_dir() / "translations"))
    except FileNotFoundError:
        pass
    folders.append(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return folders


def _icon_path() -> Path | None:
    try:
        from gxdesk.resources import resource_dir

        path = resource_dir() / "icons" / "gxdesk.png"
    except FileNotFoundError:
        return None
    return path if path.exists() else None


def build_window(path: str | None = None) -> MainWindow:
    """The window on ``path`` (or a blank report); then offers to restore a crashed session."""
    doc, problem = None, None
    if path:
        try:
            doc = ReportDocument(load(path), Path(path), check_later=True)
        except StoreError as exc:
            problem = str(exc)
    window = MainWindow(doc or blank_document(check_later=True))
    # The report shows first; then the rules run (on whichever report the window holds by then:
    # a recovered one may have replaced it), the icon is set and the recent-files list written.
    window.after_first_paint(lambda: window.doc.check())
    window.after_first_paint(show_icon)
    if doc is not None and path:
        window.after_first_paint(lambda: add_recent(path))
    if problem:
        dialogs.show_error(window, problem)
    elif doc is not None:
        tell_repairs(window, doc.report)
    window.files.offer_recovery()
    return window


def install_error_handler(window_getter) -> None:  # type: ignore[no-untyped-def]
    """An unforeseen error in a slot is logged and explained; the window and the work stay."""

    def handle(kind, value, tb) -> None:  # type: ignore[no-untyped-def]
        import traceback

        from gxdesk.gui.settings import config_dir

        log = config_dir() / "error.log"
        try:
            with log.open("a", encoding="utf-8") as handle:
                handle.write("".join(traceback.format_exception(kind, value, tb)) + "\n")
        except OSError:
            pass
        dialogs.show_error(
            window_getter(),
            f"程序遇到意外错误（{kind.__name__}），刚才的操作没有完成。\n"
            f"报告内容仍在窗口中，建议先“另存为”一份。\n详细信息已记录在：{log}",
        )

    sys.excepthook = handle


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app = create_application([sys.argv[0], *argv])
    path = next((a for a in argv if not a.startswith("-")), None)
    window = build_window(path)
    install_error_handler(lambda: window)
    window.show()
    quit_after = os.environ.get("GXDESK_QUIT_AFTER_MS")
    if quit_after:  # smoke tests of the installed program: show, report, leave
        from PySide6.QtCore import QTimer

        def leave() -> None:
            print(window.windowTitle().replace("[*]", ""), window.counts.text(), flush=True)
            window.doc.undo_stack.setClean()
            window.close()
            app.quit()

        QTimer.singleShot(int(quit_after), leave)
    return app.exec()
