"""The Windows code paths, run on Linux by injection: sharing violations, long and network
paths, Windows error codes, fsync of folders, per-user fonts."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from helpers import cli, sample_report

import gxdesk.oserrors as oserrors
from gxdesk.store import StoreError, save
from gxdesk.store.projectfile import _fsync_dir


def windows_error(winerror: int, errno_: int = errno.EACCES) -> OSError:
    exc = PermissionError(errno_, "x") if errno_ == errno.EACCES else OSError(errno_, "x")
    exc.winerror = winerror  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("winerror", "words"),
    [
        (32, "文件正被其他程序打开，请先在 Word/WPS 中关闭它"),
        (33, "文件正被其他程序打开"),
        (53, "网络路径找不到"),
        (64, "网络连接已断开"),
        (206, "路径太长"),
        (21, "U 盘或磁盘没有准备好"),
        (112, "磁盘空间不足"),
    ],
)
def test_windows_errors_in_words(winerror: int, words: str) -> None:
    assert words in oserrors.describe(windows_error(winerror))


def test_replace_waits_out_a_short_lock_and_gives_up_on_a_long_one() -> None:
    calls: list[int] = []

    def locked(times: int):  # type: ignore[no-untyped-def]
        def rename(_a, _b) -> None:  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) <= times:
                raise windows_error(32)

        return rename

    oserrors.replace("a", "b", rename=locked(3), sleep=lambda _s: None)
    assert len(calls) == 4
    calls.clear()
    with pytest.raises(PermissionError):
        oserrors.replace("a", "b", rename=locked(99), sleep=lambda _s: None)
    assert len(calls) == 8
    calls.clear()
    with pytest.raises(OSError):  # not a lock: no waiting
        oserrors.replace("a", "b", rename=lambda _a, _b: (_ for _ in ()).throw(OSError(errno.ENOSPC, "x")))


def test_long_and_network_paths() -> None:
    long_local = "C:\\Users\\张三\\Documents\\" + "政府信息公开\\" * 40 + "报告.docx"
    assert oserrors.long_path(long_local, "win32") == "\\\\?\\" + long_local
    unc = "\\\\server\\share\\" + "部门\\" * 90 + "r.gxr"
    assert oserrors.long_path(unc, "win32") == "\\\\?\\UNC\\server\\share\\" + "部门\\" * 90 + "r.gxr"
    assert oserrors.long_path(long_local, "linux") == long_local
    assert oserrors.long_path("C:\\短路径\\r.gxr", "win32") == "C:\\短路径\\r.gxr"


def test_no_folder_fsync_on_windows(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    monkeypatch.setattr(os, "open", lambda *a: pytest.fail("folders cannot be opened on Windows"))
    _fsync_dir(Path("."), platform="nt")
    assert not oserrors.posix_mode("nt") and oserrors.posix_mode("posix")


def test_save_to_chinese_path_with_spaces_and_over_260_characters(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = (
        tmp_path
        / "我的 文档"
        / ("政府信息公开 年度报告" * 4)
        / ("各单位 报送材料" * 4)
        / ("第一批 汇总" * 5)
        / ("补报" * 20)
        / ("最终稿" * 10)
    )
    folder.mkdir(parents=True)
    path = folder / "某某县人民政府办公室 2025 年政府信息公开工作年度报告 最终版.gxr"
    assert len(str(path)) > 260
    save(sample_report("qinghe-sthjj-2025.gxr"), path)
    assert path.exists()


def test_save_over_a_file_held_by_word_keeps_it_and_says_so(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.gxr"
    path.write_text("old", encoding="utf-8")

    def locked(_a, _b):  # type: ignore[no-untyped-def]
        raise windows_error(32)

    monkeypatch.setattr(oserrors.os, "replace", locked)
    monkeypatch.setattr(oserrors.time, "sleep", lambda _s: None)
    with pytest.raises(StoreError) as caught:
        save(sample_report("qinghe-sthjj-2025.gxr"), path)
    assert "请先在 Word/WPS 中关闭它" in str(caught.value) and path.read_text(encoding="utf-8") == "old"


def test_read_only_folder(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    def read_only(*_a, **_k):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(StoreError) as caught:
        save(sample_report("qinghe-sthjj-2025.gxr"), tmp_path / "r.gxr")
    assert "没有写入权限" in str(caught.value)


def test_cli_export_over_a_locked_file_exits_2_in_chinese(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A real lock cannot be made on Linux; a folder in the file's place refuses the rename.
    out = tmp_path / "r.docx"
    out.mkdir()
    (out / "x").write_text("x")
    result = cli("export", str(Path(__file__).resolve().parents[2] / "resources/samples/qinghe-sthjj-2025.gxr"),
                 "--docx", str(out))  # fmt: skip
    assert result.returncode == 2 and "无法写入" in result.stderr and "Traceback" not in result.stderr


def test_fonts_installed_for_the_current_user_are_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("PySide6")
    from gxdesk.gui.wizard.finish_page import register_user_fonts, user_font_folder

    folder = user_font_folder("win32", {"LOCALAPPDATA": str(tmp_path)})
    assert folder == tmp_path / "Microsoft" / "Windows" / "Fonts"
    assert user_font_folder("linux", {"LOCALAPPDATA": str(tmp_path)}) is None
    folder.mkdir(parents=True)
    for name in ("仿宋_GB2312.ttf", "方正小标宋简体.TTF", "readme.txt"):
        (folder / name).write_bytes(b"font")
    added: list[str] = []
    assert register_user_fonts(folder, add=lambda p: added.append(Path(p).name) or 0) == 2
    assert sorted(added) == ["仿宋_GB2312.ttf", "方正小标宋简体.TTF"]
    assert register_user_fonts(folder, add=lambda p: added.append(p) or 0) == 0  # once per file


def test_chinese_output_on_a_gbk_windows_console(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    from gxdesk.cli import _utf8_console

    console = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    monkeypatch.setattr(sys, "stdout", console)
    _utf8_console()
    assert console.encoding == "utf-8"
    print("政府信息公开 ✔", file=console, flush=True)  # ✔ has no GBK code: no UnicodeEncodeError
    assert "✔".encode() in console.buffer.getvalue()  # type: ignore[attr-defined]


def test_frozen_build_finds_its_resources(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from gxdesk import resources

    bundle = tmp_path / "_internal"
    (bundle / "resources" / "samples").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.delenv("GXDESK_RESOURCES", raising=False)
    resources.resource_dir.cache_clear()
    try:
        assert resources.resource_dir() == bundle / "resources"
    finally:
        resources.resource_dir.cache_clear()
