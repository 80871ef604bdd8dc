"""New, open, save, save as, recent files, closing and crash recovery for the main window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from gxdesk.domain.drafting import new_report
from gxdesk.domain.report import Report
from gxdesk.gui import dialogs
from gxdesk.gui.autosave import Autosaver, Recovery, orphans
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.settings import add_recent, remove_recent
from gxdesk.store import StoreError, load, save

if TYPE_CHECKING:
    from datetime import date

    from gxdesk.gui.mainwindow import MainWindow


def default_year(today: date | None = None) -> int:
    """Reports are written in January for the year just ended."""
    from datetime import date  # not at start: a blank report is the rarer start

    today = today or date.today()
    return today.year - 1 if today.month <= 6 else today.year


def blank_document(*, check_later: bool = False) -> ReportDocument:
    return ReportDocument(new_report("", default_year()), check_later=check_later)


class FileController(QObject):
    """File actions of one window; every failure is a Chinese message, the work stays in the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.autosaver: Autosaver | None = None
        self._recovery_file: Path | None = None

    def attach(self, doc: ReportDocument) -> None:
        if self.autosaver is not None:
            self.autosaver.close()
        self.autosaver = Autosaver(doc, file=self._recovery_file, parent=self)
        self.autosaver.failed.connect(lambda text: self.window.say(text, 0))
        self._recovery_file = None

    def detach(self) -> None:
        """A document that is only viewed: no autosave, no recovery copy."""
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver = None

    @property
    def doc(self) -> ReportDocument:
        return self.window.doc

    # ---- actions -----------------------------------------------------------------------
    def new(self) -> bool:
        if not self.may_close():
            return False
        self.window.set_document(blank_document())
        self.window.say("已新建报告")
        return True

    def open(self, path: Path | None = None) -> bool:
        if not self.may_close():
            return False
        path = path or self._choose(dialogs.open_path)
        if path is None:
            return False
        try:
            report = load(path)
        except StoreError as exc:
            dialogs.show_error(self.window, str(exc))
            if not path.exists():
                remove_recent(str(path.resolve()))
            return False
        self.window.set_document(ReportDocument(report, path))
        add_recent(path)
        self.window.say(f"已打开“{path}”")
        tell_repairs(self.window, report)
        return True

    def _choose(self, ask) -> Path | None:  # type: ignore[no-untyped-def]
        """A file picked with ``ask`` (a dialogs function), starting in the report's folder."""
        chosen = ask(self.window, str(self.doc.path.parent) if self.doc.path else "")
        return Path(chosen) if chosen else None

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        meta = self.doc.report.meta
        folder = self.doc.path.parent if self.doc.path else Path.home()
        suggestion = self.doc.path or folder / f"{meta.agency or '政府信息公开工作年度报告'}{meta.year}.gxr"
        chosen = dialogs.save_path(self.window, str(suggestion))
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".gxr":
            path = path.with_name(path.name + ".gxr")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        from gxdesk.gui.writing import write_with_recovery

        written = write_with_recovery(self.window, path, lambda p: save(self.doc.report, p), dialogs.FILE_FILTER)
        if written is None:
            return False
        path = written
        self.doc.mark_saved(path)
        add_recent(path)
        if self.autosaver is not None:
            self.autosaver.discard()
        self.window.say(f"已保存到“{path}”")
        return True

    def import_file(self, path: Path | None = None, mode: str | None = None) -> bool:
        """Import numbers and text (this year's) or last year's report, after a preview."""
        from gxdesk.domain.merge import plan, suggested_mode
        from gxdesk.exchange.importer import read

        path = path or self._choose(dialogs.import_path)
        if path is None:
            return False
        try:
            found = read(path)
        except ValueError as exc:  # SourceError and friends: the message says what is wrong
            dialogs.show_error(self.window, f"{exc}\n\n报告没有任何改动。")
            return False
        except Exception as exc:  # noqa: BLE001 - an unforeseen file must not take the work with it
            dialogs.show_error(
                self.window,
                f"读取“{path.name}”时出现意外错误（{type(exc).__name__}），文件可能已损坏。\n\n报告没有任何改动。",
            )
            return False
        suggestion, why = suggested_mode(self.doc.report.meta.year, found.year)
        mode = mode or dialogs.ask_import_mode(self.window, path.name, suggestion, why)
        if mode is None:
            return False
        result = plan(self.doc.report, found, prior_year=mode == "prior")
        title = f"导入“{path.name}”" + ("（作为上年报告）" if mode == "prior" else "")
        if not dialogs.preview_import(self.window, result, title):
            return False
        self.doc.replace_report(result.report, title)
        self.window.say(f"已导入“{path.name}”：{len(result.changes)} 处改动（可撤销）")
        return True

    # ---- closing and recovery ----------------------------------------------------------
    def may_close(self) -> bool:
        """Ask about unsaved changes; True when the current document may go."""
        if not self.doc.is_modified:
            return True
        name = self.doc.path.name if self.doc.path else "未命名报告"
        answer = dialogs.ask_save_changes(self.window, name)
        if answer is dialogs.Answer.SAVE:
            return self.save()
        return answer is dialogs.Answer.DISCARD

    def shutdown(self) -> None:
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver = None

    def offer_recovery(self) -> bool:
        """After a crash: offer each orphaned autosave; restore the first accepted one."""
        for recovery in orphans():
            if dialogs.ask_restore(self.window, recovery.description):
                self.restore(recovery)
                return True
            recovery.remove()
        return False

    def restore(self, recovery: Recovery) -> None:
        doc = ReportDocument(recovery.report, recovery.original)
        doc.mark_restored()
        self._recovery_file = recovery.file  # keep the copy until this session saves its own
        self.window.set_document(doc)
        self.window.say("已恢复自动保存的内容，请检查后保存")


def tell_repairs(window: QWidget, report: Report) -> None:
    """What reading the file had to mend: the author re-enters those cells, the rest is kept."""
    if report.repairs:
        lines = "\n".join(f"· {r}" for r in report.repairs[:20])
        more = f"\n…… 另有 {len(report.repairs) - 20} 处" if len(report.repairs) > 20 else ""
        dialogs.show_info(
            window, "文件中有无法读取的数字", f"以下单元格已按空白打开，报告的其余内容都已保留：\n{lines}{more}"
        )
