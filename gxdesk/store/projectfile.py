"""Reading and writing .gxr files: atomic save with a .bak, clear Chinese errors on load."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

from gxdesk.domain.report import Report
from gxdesk.oserrors import (
    IN_USE,
    describe,
    is_sharing_violation,
    long_path,
    posix_mode,
    remove_stale_temps,
    replace,
    special_file_problem,
)
from gxdesk.store.codec import (
    FORMAT,
    SCHEMA_VERSION,
    InvalidReportError,
    report_from_dict,
    report_to_dict,
)
from gxdesk.store.migrations import TooNewError, migrate

SUFFIX = ".gxr"
MAX_BYTES = 50 * 1024 * 1024  # a real report is < 1 MB; refuse absurd files before parsing


class StoreError(Exception):
    """A project file could not be read or written; ``str()`` is a message for the author."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"无法处理文件“{path}”：{problem}")
        self.path = Path(path)
        self.problem = problem


def dumps(report: Report) -> str:
    # Sanitized: a lone surrogate pasted into a part must not make the save fail.
    return json.dumps(report_to_dict(report.sanitized()), ensure_ascii=False, indent=1) + "\n"


def loads(text: str, path: Path | str = "") -> Report:
    """Parse project-file text; raises StoreError saying what is wrong."""
    if not text.strip():
        raise StoreError(path, "文件是空的")
    try:
        data = json.loads(text)
    except RecursionError:
        raise StoreError(path, "文件结构嵌套过深，不是正常的 gxdesk 报告文件") from None
    except json.JSONDecodeError as exc:
        # A save cut short leaves an object that never closes.
        truncated = text.lstrip().startswith("{") and not text.rstrip().endswith("}")
        problem = (
            "文件不完整，可能在保存时被中断" if truncated else f"文件内容已损坏（第{exc.lineno}行第{exc.colno}列）"
        )
        raise StoreError(path, problem) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(path, "这不是 gxdesk 报告文件")
    try:
        data = migrate(data, SCHEMA_VERSION)
    except TooNewError as exc:
        raise StoreError(
            path,
            f"文件由更新版本的 gxdesk 保存（文件版本 {exc.args[0]}，"
            f"本程序支持到 {SCHEMA_VERSION}），请升级 gxdesk 后再打开",
        ) from None
    except (ValueError, KeyError):
        raise StoreError(path, "文件版本信息不正确") from None
    try:
        return report_from_dict(data).sanitized()
    except InvalidReportError as exc:
        raise StoreError(path, str(exc)) from None
    except RecursionError:
        raise StoreError(path, "文件结构嵌套过深，不是正常的 gxdesk 报告文件") from None


def load(path: Path | str) -> Report:
    """Read a .gxr file."""
    path = Path(path)
    special = special_file_problem(path)
    if special:
        raise StoreError(path, special)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise StoreError(path, "文件过大，不是正常的报告文件")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(path, "文件不存在") from None
    except IsADirectoryError:
        raise StoreError(path, "这是一个文件夹，不是报告文件") from None
    except PermissionError:
        raise StoreError(path, "没有读取权限") from None
    except OSError as exc:
        raise StoreError(path, f"读取失败（{describe(exc)}）") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoreError(path, "这不是 gxdesk 报告文件（不是文本）") from None
    return loads(text, path)


def save(report: Report, path: Path | str) -> None:
    """Write atomically: temp file, fsync, keep the old file as .bak, rename over.

    A rename refused for a moment (an antivirus scanning the file) is retried; a file held
    by another program, a read-only folder or a pulled USB stick leave the old file as it was.
    """
    path = Path(long_path(Path(path).absolute()))
    data = dumps(report).encode("utf-8")
    directory = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    remove_stale_temps(path)  # left by a save or import that was killed halfway
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        # mkstemp makes the file private; give it the mode the old file (or umask) would.
        os.chmod(tmp_name, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            _keep_backup(path, directory)
        replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(directory)
    except OSError as exc:
        if is_sharing_violation(exc):
            raise StoreError(path, IN_USE + "，原文件未被改动") from None
        if isinstance(exc, PermissionError):
            raise StoreError(path, "没有写入权限（文件夹只读，或文件正被其他程序占用）") from None
        problem = "磁盘空间不足" if exc.errno == errno.ENOSPC else f"保存失败（{describe(exc)}）"
        raise StoreError(path, problem + "，原文件未被改动") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _keep_backup(path: Path, directory: Path) -> None:
    """The previous version as ``.bak``, written as the report is: a full disk or a kill while
    copying leaves the old ``.bak`` whole (the temp file's name is one ``remove_stale_temps`` knows)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.bak.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        shutil.copystat(path, tmp)
        replace(tmp, path.with_name(path.name + ".bak"))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(directory: Path, platform: str = os.name) -> None:
    if not posix_mode(platform):
        return  # Windows: no directory handles to fsync
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
