"""The window: undo across the document, findings panel, files, questions, recovery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from helpers import official_tables
from helpers_gui import type_cell, type_text
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gxdesk.gui import dialogs
from gxdesk.gui.findings.panel import FINDING_ROLE
from gxdesk.gui.wizard.steps import Step
from gxdesk.resources import SAMPLE_2021, sample
from gxdesk.store import load

QINGHE = sample("qinghe-sthjj-2025.gxr")


def test_undo_spans_text_and_cells(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    doc = window.doc
    editor = window.go_to(Step.PROBLEMS).editor
    original = doc.report.text("五")
    type_text(qtbot, editor, "补充")
    view = window.go_to(Step.REVIEWS).view
    view.select_cell("t4.cases.direct_other")
    type_cell(qtbot, view, "1")
    assert doc.report.text("五") != original and doc.report.values["t4.cases.direct_other"] == 1
    window.undo_action.trigger()
    assert doc.report.values["t4.cases.direct_other"] == 0
    window.undo_action.trigger()
    assert doc.report.text("五") == original and editor.toPlainText() == original
    window.redo_action.trigger()
    assert "补充" in editor.toPlainText()
    assert window.isWindowModified()


def test_activating_a_finding_selects_its_cell(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    view = window.go_to(Step.APPLICATIONS).view
    view.select_cell("t3.carry_out.business")
    type_cell(qtbot, view, "4")
    window.go_to(Step.BASIC)
    panel = window.findings_panel
    item = panel.tree.topLevelItem(0)
    shown = item.text(1).replace("\n", "")
    assert "商业企业" in shown and shown.startswith("【三、表（依申请）】")
    panel.tree.setCurrentItem(item)
    panel.go.click()
    assert window.current_step() is Step.APPLICATIONS
    assert view.currentIndex() == view.table_model().index_of("t3.new.business")


def test_activating_a_text_finding_selects_the_words(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    doc = window.doc
    doc.set_text("part:五", doc.report.text("五") + "\n本年度无依申请公开件。")
    finding = next(f for f in doc.findings if f.code == "TEXT-TABLE")
    window.go_to_finding(finding)
    page = window.page(Step.PROBLEMS)
    assert window.current_step() is Step.PROBLEMS
    assert page.editor.textCursor().selectedText() == "无依申请公开"


def test_warning_explanation_is_saved(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    doc = window.doc
    doc.set_cells({"t2.b1.normative.valid": 26})  # a document lapsed: T2-VALID-ROLL warns
    panel = window.findings_panel
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    answers.set("ask_text", "1件文件有效期届满自动失效")
    panel.explain.click()
    finding = doc.findings[0]
    assert doc.report.explanations[finding.key] == "1件文件有效期届满自动失效"
    item = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                if panel.tree.topLevelItem(i).data(0, FINDING_ROLE).key == finding.key)  # fmt: skip
    assert item.text(1).endswith("\n说明：1件文件有效期届满自动失效")
    assert window.step_list.item(int(Step.ACTIVE)).data(Qt.ItemDataRole.UserRole) == "COMPLETE"
    answers.set("save_path", str(tmp_path / "x.gxr"))
    assert window.files.save_as()
    assert load(tmp_path / "x.gxr").explanations == {finding.key: "1件文件有效期届满自动失效"}


def test_close_with_unsaved_changes_asks(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.gxr"
    path.write_bytes(QINGHE.read_bytes())
    window = make_window(path)
    window.doc.set_cells({"t4.cases.review_other": 1})
    assert window.windowTitle().startswith("r.gxr")
    answers.set("ask_save_changes", dialogs.Answer.CANCEL)
    assert not window.close() and window.isVisible()
    answers.set("ask_save_changes", dialogs.Answer.SAVE)
    assert window.close()
    assert load(path).values["t4.cases.review_other"] == 1
    assert (tmp_path / "r.gxr.bak").exists()


def test_year_change_moves_tables_to_the_other_edition(qtbot, make_window, answers) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    doc = window.doc
    basic = window.go_to(Step.BASIC)
    answers.set("confirm", False)
    basic.year.setValue(2020)
    assert doc.report.meta.year == 2025 and basic.year.value() == 2025
    answers.set("confirm", True)
    basic.year.setValue(2020)
    assert doc.report.edition == "2019" and doc.report.meta.year == 2020
    assert "t3.r6.business" in doc.report.values  # （六） rows folded into one
    view = window.page(Step.APPLICATIONS).view
    assert view.table_model().rowCount() == 26
    window.undo_action.trigger()
    assert doc.report.edition == "2021" and doc.report.values["t2.b8.fees.amount"]
    assert view.table_model().rowCount() == 28


def test_open_corrupt_file_keeps_the_work(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    window.doc.set_cells({"t4.cases.review_other": 1})
    bad = tmp_path / "bad.gxr"
    bad.write_text('{"format": "gxdesk-report", "schema": 1, "edition": "2021"', encoding="utf-8")
    answers.set("ask_save_changes", dialogs.Answer.DISCARD)
    assert not window.files.open(bad)
    assert "文件不完整" in answers.texts("show_error")[0] and "bad.gxr" in answers.texts("show_error")[0]
    assert window.doc.report.values["t4.cases.review_other"] == 1


def test_save_failure_keeps_the_work(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QINGHE)
    window.doc.set_cells({"t4.cases.review_other": 1})
    answers.set("save_path", str(tmp_path / "no-such-folder" / "r.gxr"), str(tmp_path / "另存 的 报告"))
    answers.set("ask_write_failed", "save_as")
    assert window.files.save_as()
    (asked,) = answers.texts("ask_write_failed")
    assert "文件或文件夹不存在" in asked and "窗口中的内容没有丢失" in asked
    assert window.doc.path == tmp_path / "另存 的 报告.gxr" and not window.doc.is_modified
    assert load(tmp_path / "另存 的 报告.gxr").values["t4.cases.review_other"] == 1


def sharing_violation() -> PermissionError:
    """What Windows raises when Word or WPS has the file open."""
    exc = PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def test_export_over_a_file_open_in_word_says_so_and_retries(
    qtbot, make_window, answers, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import os

    import gxdesk.oserrors as oserrors

    window = make_window(QINGHE)
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old version, open in Word")
    real_replace, calls = os.replace, []

    def locked_until_closed(source, dest):  # type: ignore[no-untyped-def]
        calls.append(dest)
        if len(calls) <= 8:  # held through the whole short retry: the author must close Word
            raise sharing_violation()
        real_replace(source, dest)

    monkeypatch.setattr(oserrors.os, "replace", locked_until_closed)
    monkeypatch.setattr(oserrors.time, "sleep", lambda _s: None)
    answers.set("save_path", str(target))
    answers.set("ask_write_failed", "retry")
    window.go_to(Step.FINISH)
    answers.set("confirm", True)
    from gxdesk.gui.exports import export_report

    assert export_report(window, "docx") == target
    (asked,) = answers.texts("ask_write_failed")
    assert "文件正被其他程序打开，请先在 Word/WPS 中关闭它" in asked
    assert len(calls) == 9 and target.read_bytes().startswith(b"PK")
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["报告.docx"]  # no temporary file left


def test_antivirus_holding_the_file_a_moment_is_waited_out(qtbot, make_window, answers, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    import gxdesk.oserrors as oserrors

    window = make_window(QINGHE)
    path = tmp_path / "r.gxr"
    real_replace, calls = os.replace, []

    def briefly_locked(source, dest):  # type: ignore[no-untyped-def]
        calls.append(dest)
        if len(calls) <= 2:
            raise sharing_violation()
        real_replace(source, dest)

    monkeypatch.setattr(oserrors.os, "replace", briefly_locked)
    monkeypatch.setattr(oserrors.time, "sleep", lambda _s: None)
    answers.set("save_path", str(path))
    assert window.files.save_as()
    assert answers.texts("ask_write_failed") == [] and load(path).meta.agency == "青禾市生态环境局"


def test_usb_stick_pulled_during_save_keeps_the_old_file(qtbot, make_window, answers, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    import gxdesk.oserrors as oserrors

    window = make_window(QINGHE)
    path = tmp_path / "U盘" / "r.gxr"
    path.parent.mkdir()
    answers.set("save_path", str(path))
    assert window.files.save_as()
    before = path.read_bytes()
    window.doc.set_cells({"t4.cases.review_other": 5})

    def pulled(source, dest):  # type: ignore[no-untyped-def]
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(oserrors.os, "replace", pulled)
    answers.set("ask_write_failed", None)
    assert not window.files.save()
    assert "U 盘或磁盘可能已被拔出" in answers.texts("ask_write_failed")[0]
    assert path.read_bytes() == before and window.doc.is_modified
    # No temp file or half-written .bak left (the .bak, too, is renamed into place or not at all).
    assert sorted(p.name for p in path.parent.iterdir()) == ["r.gxr"]


def test_drop_a_gxr_file_opens_it(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(QINGHE))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.doc.report.meta.agency == "青禾市生态环境局"
    assert window.doc.path == QINGHE


def test_new_report_offers_skeletons_and_draft(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    doc = window.doc
    assert "（五）监督保障" in doc.report.text("一")
    basic = window.go_to(Step.BASIC)
    type_text(qtbot, basic.agency, "某某县人民政府")
    qtbot.keyClick(basic.agency, Qt.Key.Key_Return)
    assert doc.report.meta.kind.value == "县级人民政府" and basic.kind.currentText() == "县级人民政府"
    window.go_to(Step.PREFACE)
    assert "某某县人民政府" in doc.report.preface and "国办公开办函〔2021〕30号" in doc.report.preface
    # A new report greets with work to do, not with red errors.
    marks = {window.step_list.item(int(s)).data(Qt.ItemDataRole.UserRole) for s in (Step.OVERVIEW, Step.PROBLEMS)}
    assert marks == {"INCOMPLETE"}
    assert window.counts.text().startswith("错误 0 ·")
    dock = window.findings_panel
    assert all(f.todo for f in dock.doc.findings if f.severity.label == "错误")
    assert not [f for f in dock.visible_findings() if f.severity.label == "错误"]


RECOVERY_SCRIPT = r"""
import sys, time
from gxdesk.gui.app import create_application, build_window
app = create_application()
window = build_window(sys.argv[1])
window.show()
window.doc.set_cells({"t4.cases.review_other": 7})
window.doc.set_text("part:五", "崩溃前写下的文字")
assert window.files.autosaver.save_now()
print("saved", flush=True)
while True:
    app.processEvents()
    time.sleep(0.05)
"""


def test_autosave_and_recovery_after_kill(qtbot, make_window, answers, tmp_path, isolated_config) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.gxr"
    path.write_bytes(QINGHE.read_bytes())
    env = dict(os.environ, GXDESK_CONFIG_DIR=str(isolated_config), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", RECOVERY_SCRIPT, str(path)], stdout=subprocess.PIPE, env=env, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "saved"
        saved = list((isolated_config / "recovery").glob("*.json"))
        assert len(saved) == 1 and json.loads(saved[0].read_text(encoding="utf-8"))["original"] == str(path)
        # While the other gxdesk lives, its autosave is not offered.
        assert make_window().doc.report.meta.agency == ""
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    answers.set("ask_restore", True)
    window = make_window()
    assert "青禾市生态环境局" in answers.texts("ask_restore")[0]
    assert window.doc.report.values["t4.cases.review_other"] == 7
    assert window.doc.report.text("五") == "崩溃前写下的文字"
    assert window.doc.path == path and window.doc.is_modified and window.isWindowModified()
    assert load(path).values["t4.cases.review_other"] == 0  # the file itself was never touched
    assert window.files.save()
    assert load(path).values["t4.cases.review_other"] == 7
    assert not list((isolated_config / "recovery").glob("*.json"))


def test_declined_recovery_is_discarded(qtbot, make_window, answers, isolated_config) -> None:  # type: ignore[no-untyped-def]
    folder = isolated_config / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    from gxdesk.store import report_to_dict

    report = load(QINGHE)
    (folder / "old.json").write_text(
        json.dumps(
            {"original": None, "saved_at": "2026-01-01 10:00:00", "report": report_to_dict(report)},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    answers.set("ask_restore", False)
    window = make_window()
    assert window.doc.report.meta.agency == ""
    assert not (folder / "old.json").exists()


def test_recent_files(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.gui.settings import recent_files

    window = make_window()
    path = tmp_path / "a.gxr"
    path.write_bytes(QINGHE.read_bytes())
    assert window.files.open(path)
    assert recent_files()[0] == str(path.resolve())
    assert Path(recent_files()[0]).exists()


def test_export_word_from_the_last_step(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import docx

    window = make_window(sample("xianyou-gxj-2020.gxr"))
    page = window.go_to(Step.FINISH)
    page.fonts.setCurrentIndex(page.fonts.findData("windows"))
    assert window.doc.report.settings["fonts"] == "windows"
    answers.set("confirm", True)  # “还有 1 个错误……是否仍要导出？”
    answers.set("save_path", str(tmp_path / "out"))
    page.export_buttons["docx"].click()
    assert "还有 1 个错误" in answers.texts("confirm")[0]
    document = docx.Document(str(tmp_path / "out.docx"))
    assert [p.text for p in document.paragraphs[:2]] == ["仙游县工业和信息化局", "2020年度政府信息公开工作年度报告"]
    assert len(official_tables(document)) == 3  # (表三 may be in two pieces, cut across pages)
    assert "已导出" in window.statusBar().currentMessage()


def test_export_cancelled_when_errors_remain(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample("xianyou-gxj-2020.gxr"))
    answers.set("confirm", False)
    window.export("docx")
    assert not any(n == "save_path" for n, _ in answers.asked)


def test_import_with_preview_is_one_undo_step(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import builders

    from gxdesk.gui.import_preview import ImportPreviewDialog

    source = tmp_path / "one.xlsx"
    builders.workbook_one_sheet(source, bad_total=("r1_public", 2))
    window = make_window()
    doc = window.doc
    basic = window.go_to(Step.BASIC)
    basic.year.setValue(2025)
    shown = []

    def preview(parent, plan, title):  # type: ignore[no-untyped-def]
        dialog = ImportPreviewDialog(plan, title, parent)
        shown.extend(dialog.texts())
        return True

    answers.set("import_path", str(source))
    answers.set("ask_import_mode", "this")
    answers.set("preview_import", preview)
    assert window.files.import_file()
    assert any("C14" in line and "“/”" in line for line in shown)
    assert any(line.startswith("将修改（") for line in shown)
    assert doc.report.values["t2.b5.license.decisions"] == 1234
    assert any(f.code == "T3-ROWSUM" for f in doc.findings)
    view = window.go_to(Step.APPLICATIONS).view
    assert view.table_model().index_of("t3.r1_public.total").data(Qt.ItemDataRole.DisplayRole) == str(
        sum(doc.values[f"t3.r1_public.{c}"] for c in ("natural", "business", "research", "nonprofit", "legal", "other"))
        + 2
    )
    finish = window.go_to(Step.FINISH)
    assert finish.accept_totals.isVisible()
    finish.accept_totals.click()
    assert not any(f.code == "T3-ROWSUM" for f in doc.findings)
    window.undo_action.trigger()  # back to the imported totals
    window.undo_action.trigger()  # the import itself, in one step
    assert doc.report.values == {} and doc.report.claimed == {}


def test_import_of_a_broken_file_changes_nothing(qtbot, make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    window = make_window(QINGHE)
    before = dict(window.doc.report.values)
    assert not window.files.import_file(bad, mode="this")
    assert "加密文件" in answers.texts("show_error")[0] and "没有任何改动" in answers.texts("show_error")[0]
    assert window.doc.report.values == before and not window.doc.is_modified


def test_unexpected_error_is_explained_and_logged(qtbot, make_window, answers, isolated_config) -> None:  # type: ignore[no-untyped-def]
    import sys

    from gxdesk.gui.app import install_error_handler

    window = make_window(QINGHE)
    previous = sys.excepthook
    install_error_handler(lambda: window)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "RuntimeError" in answers.texts("show_error")[0] and "另存为" in answers.texts("show_error")[0]
    assert "boom" in (isolated_config / "error.log").read_text(encoding="utf-8")
    assert window.doc.report.meta.agency == "青禾市生态环境局"


def test_import_question_preselects_by_the_files_year(make_window, answers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 2025 report imported into a 2026 one is last year's: the question says so and defaults to it."""
    import builders

    source = tmp_path / "2025.docx"
    builders.docx_report(source, year=2025)
    window = make_window()
    window.go_to(Step.BASIC).year.setValue(2026)
    answers.set("import_path", str(source))
    answers.set("ask_import_mode", lambda parent, name, suggested, why: suggested)
    answers.set("preview_import", True)
    assert window.files.import_file()
    (asked,) = [args for name, args in answers.asked if name == "ask_import_mode"]
    assert asked[1] == "prior" and "2025年度" in asked[2] and "2026年度" in asked[2]
    assert window.doc.report.prior is not None and window.doc.report.prior.year == 2025


def test_whole_messages_readable_in_a_narrow_dock(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """Long messages wrap to as many lines as they need; nothing is cut to "法人或其他组…"."""
    from PySide6.QtCore import QRect

    window = make_window(sample("xianyou-gxj-2020.gxr"))
    panel = window.findings_panel
    panel.hide_blank.setCurrentIndex(1)
    window.dock.fold(False)  # folded to a strip on a small screen; the author opens it
    window.resizeDocks([window.dock], [240], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    tree = panel.tree
    assert tree.topLevelItemCount() >= 5
    width = tree.columnWidth(1)
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        needed = tree.fontMetrics().boundingRect(
            QRect(0, 0, width - 8, 10_000), int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere), item.text(1)
        )
        assert tree.visualItemRect(item).height() >= needed.height(), item.text(1)
    assert tree.visualItemRect(tree.topLevelItem(0)).height() > 2 * tree.fontMetrics().height()


def test_text_pasted_from_word_keeps_its_line_break_and_drops_control_characters(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    window = make_window(QINGHE)
    page = window.go_to(Step.PROBLEMS)
    editor = page.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QGuiApplication.clipboard().setText("\n第一行\v第二行\x00\x07结束")
    editor.paste()
    text = window.doc.report.text("五")
    assert text.endswith("第一行\u2028第二行结束")
    assert "\x00" not in text and "\x07" not in text
    window.doc.undo_stack.undo()
    assert "第一行" not in window.doc.report.text("五")


def test_portable_copy_keeps_settings_beside_the_program(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The Windows portable zip: a "portable" marker beside gxdesk.exe keeps everything in data\\."""
    from gxdesk.gui.settings import config_dir

    program = tmp_path / "U盘" / "gxdesk"
    program.mkdir(parents=True)
    (program / "portable").write_text("x", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "gxdesk.exe"))
    monkeypatch.delenv("GXDESK_CONFIG_DIR", raising=False)
    assert config_dir() == program / "data"
    (program / "portable").unlink()
    assert config_dir() != program / "data"  # installed: the user's application-data folder


def test_autosave_failure_is_said_once_and_the_work_stays(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gxdesk.oserrors as oserrors

    window = make_window(QINGHE)
    saver = window.files.autosaver
    window.doc.set_cells({"t4.cases.review_other": 3})

    def locked(_a, _b):  # type: ignore[no-untyped-def]
        raise sharing_violation()

    monkeypatch.setattr(oserrors.os, "replace", locked)
    monkeypatch.setattr(oserrors.time, "sleep", lambda _s: None)
    said: list[str] = []
    saver.failed.connect(said.append)
    assert not saver.save_now()
    window.doc.set_cells({"t4.cases.review_other": 4})
    assert not saver.save_now()
    assert said == ["自动保存恢复副本失败：文件正被其他程序打开，请先在 Word/WPS 中关闭它。请及时保存报告。"]
    assert "自动保存恢复副本失败" in window.statusBar().currentMessage()
    assert window.doc.report.values["t4.cases.review_other"] == 4


def test_start_up_loads_no_word_or_excel_library() -> None:
    """The window on a report, shown: python-docx, openpyxl, lxml and the panels not on screen
    are imported only when used (export, import, 汇总与审核, 对比上年), and so are the text
    editor, the wrapping delegate, printing and the 图解 preview; no widget has a style sheet."""
    code = (
        "import sys, os, tempfile; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "os.environ['GXDESK_CONFIG_DIR'] = tempfile.mkdtemp();"
        "from gxdesk.gui.app import create_application, build_window;"
        "from gxdesk.resources import sample, SAMPLE_2021;"
        "app = create_application(); w = build_window(str(sample(SAMPLE_2021))); w.show(); app.processEvents();"
        "later = ('docx', 'openpyxl', 'lxml', 'gxdesk.exchange.docx_writer', 'gxdesk.exchange.importer',"
        " 'gxdesk.gui.office', 'gxdesk.gui.compare_panel',"
        " 'gxdesk.gui.wizard.table_page', 'gxdesk.gui.wizard.finish_page',"
        " 'gxdesk.domain.checks', 'gxdesk.domain.compare', 'gxdesk.gui.findings.panel',"
        " 'gxdesk.gui.text_edit', 'gxdesk.gui.wrapping', 'gxdesk.gui.publish.preview', 'PySide6.QtPrintSupport');"
        "from PySide6.QtWidgets import QWidget;"
        "styled = [type(x).__name__ for x in w.findChildren(QWidget) if x.isVisible() and x.styleSheet()];"
        "print([m for m in later if m in sys.modules] + styled); w.doc.undo_stack.setClean()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_first_paint_comes_before_the_first_check_and_the_folded_panel(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    """Start-up paints the report first; the rules run right after, and the findings panel of a
    folded dock is built when the author opens it."""
    from gxdesk.gui.app import build_window, create_application

    app = create_application()
    window = build_window(str(sample(SAMPLE_2021)))
    window.resize(1000, 700)
    window.dock.fold(True)
    window.show()
    assert not window.doc.checked and window.counts.text() == "正在检查……"
    assert window._findings_panel is None
    qtbot.waitUntil(lambda: window.doc.checked)
    app.processEvents()
    assert window.counts.text() == window.doc.tally_text() and window.counts.text().startswith("错误 ")
    window.doc.set_cells({"t3.new.natural": None})  # 表三 left blank: one more to fill in
    assert window.counts.text() == window.doc.tally_text() != "错误 0 · 提示 0 · 未填写 0"
    window.dock.strip.click()
    panel = window._findings_panel
    assert panel is not None and panel.isVisible() and panel is window.findings_panel
    assert panel.tally.text().startswith(window.counts.text())
    answers.set("ask_save_changes", dialogs.Answer.DISCARD)
    window.doc.undo_stack.setClean()
    window.close()


def test_part_six_guidance_cites_the_fee_rules_only_from_the_2021_year(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    """国办函〔2020〕109号 applies from the 2021 report year: a 2020 report is not told to follow it."""
    window = make_window(sample("xianyou-gxj-2020.gxr"))
    page = window.go_to(Step.OTHER)
    assert "109号" not in page.topics.text() and "政务公开工作要点" in page.topics.text()
    window2 = make_window(sample("qinghe-sthjj-2025.gxr"))
    assert "国办函〔2020〕109号" in window2.go_to(Step.OTHER).topics.text()


def test_after_export_the_document_and_its_folder_open_from_the_status_bar(
    qtbot, make_window, answers, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from gxdesk.gui import desktop

    opened = []
    monkeypatch.setattr(desktop, "open_externally", lambda path: opened.append(path) or True)
    window = make_window(sample("qinghe-sthjj-2025.gxr"))
    target = tmp_path / "报告.docx"
    answers.set("save_path", str(target))
    window.export("docx")
    assert target.exists()
    buttons = {b.text(): b for b in window.written_bar.findChildren(QPushButton)}
    buttons["打开文档"].click()
    buttons["打开所在文件夹"].click()
    assert opened == [target, tmp_path]


def test_qts_own_dialogs_speak_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    """The file dialogs, text fields' menus and standard buttons: Qt's zh_CN catalogue is loaded."""
    from PySide6.QtCore import QCoreApplication

    from gxdesk.gui.app import create_application

    create_application()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_f1_opens_the_manual_with_its_pictures(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence, QTextDocument

    window = make_window(sample("qinghe-sthjj-2025.gxr"))
    help_menu = window.help_menu  # (QAction.menu() of PySide 6.9 hands back a dead wrapper)
    action = next(a for a in help_menu.actions() if a.text().startswith("使用说明"))
    assert QKeySequence(QKeySequence.StandardKey.HelpContents) in action.shortcuts()  # F1
    action.trigger()
    manual = window.manual
    assert manual is not None and manual.isVisible()
    text = manual.browser.toPlainText()
    for heading in ("二、填写统计表", "四、检查与导出", "五、不丢稿", "七、汇总与审核"):
        assert heading in text
    image = manual.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("table.png"))
    assert image is not None and not image.isNull()  # the picture is found, not a broken box
    assert window.show_manual() is manual  # one window


def test_a_panel_built_before_the_first_check_shows_its_counts(qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    """A wide screen opens the findings panel at once, before the deferred first check; a clean
    report's check finds nothing, and the panel must still go from 正在检查 to the counts."""
    from gxdesk.gui.app import build_window, create_application

    create_application()
    window = build_window(str(sample("qinghe-sthjj-2025.gxr")))
    qtbot.addWidget(window)
    panel = window.findings_panel  # built now, the check not yet run
    assert not window.doc.checked and panel.tally.text() == "正在检查……"
    window.show()
    qtbot.waitUntil(lambda: window.doc.checked)
    assert panel.tally.text() == window.doc.tally_text() != "正在检查……"
    window.doc.undo_stack.setClean()
