"""Operating-system errors in words an office clerk understands, and the Windows ways around them.

Most clerks run Windows: a .docx open in Word or WPS cannot be replaced (sharing violation,
winerror 32/33), an antivirus or a backup tool holds a fresh file for a moment, paths longer
than 260 characters need the ``\\\\?\\`` prefix, network shares come as ``\\\\server\\share``.
Everything here takes the platform as a parameter so the Windows branches run in tests on Linux.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

SHARING_VIOLATIONS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_WINDOWS_MESSAGES = {
    3: "文件夹不存在",  # ERROR_PATH_NOT_FOUND
    53: "网络路径找不到（请检查共享文件夹是否可以访问）",  # ERROR_BAD_NETPATH
    64: "网络连接已断开",  # ERROR_NETNAME_DELETED
    67: "网络共享名称不存在",  # ERROR_BAD_NET_NAME
    112: "磁盘空间不足",  # ERROR_DISK_FULL
    206: "文件名或路径太长",  # ERROR_FILENAME_EXCED_RANGE
    1006: "U 盘或磁盘已被拔出，或无法访问",  # ERROR_FILE_INVALID
    21: "U 盘或磁盘没有准备好（可能已被拔出）",  # ERROR_NOT_READY
}
_MESSAGES = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限（文件夹只读，或文件正被 Word、WPS 等程序打开）",
    errno.EPERM: "没有权限（文件夹只读，或文件正被 Word、WPS 等程序打开）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EIO: "读写出错，U 盘或磁盘可能已被拔出",
    errno.ENODEV: "U 盘或磁盘已被拔出，或无法访问",
    errno.EBUSY: "文件正被其他程序占用",
}
IN_USE = "文件正被其他程序打开，请先在 Word/WPS 中关闭它"


def is_sharing_violation(exc: BaseException) -> bool:
    """Word, WPS or an antivirus holds the file (Windows); EBUSY elsewhere."""
    return getattr(exc, "winerror", None) in SHARING_VIOLATIONS or getattr(exc, "errno", None) == errno.EBUSY


def describe(exc: OSError) -> str:
    """A short Chinese reason for ``exc``."""
    if is_sharing_violation(exc):
        return IN_USE
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_MESSAGES:
        return _WINDOWS_MESSAGES[winerror]
    if isinstance(exc, PermissionError):
        return _MESSAGES[errno.EACCES]
    return _MESSAGES.get(exc.errno or 0, f"系统错误：{exc.strerror or exc}")


def replace(
    source: str | Path,
    target: str | Path,
    *,
    attempts: int = 8,
    pause: float = 0.2,
    rename: Callable[[str | Path, str | Path], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``os.replace`` that waits out a short sharing violation (an antivirus scanning the file).

    A file open in Word stays locked: after about 1.5 s the error is raised for the author.
    """
    rename = rename or os.replace  # looked up at call time, so tests can put a seam there
    for attempt in range(attempts):
        try:
            rename(source, target)
            return
        except OSError as exc:
            if not is_sharing_violation(exc) or attempt == attempts - 1:
                raise
            sleep(pause)


def long_path(path: str | Path, platform: str = sys.platform) -> str:
    """The path as the OS call needs it: on Windows an absolute path of 260 characters or more
    gets the ``\\\\?\\`` prefix (``\\\\?\\UNC\\`` for a network share); elsewhere unchanged."""
    text = str(path)
    if platform != "win32" or len(text) < 260 or text.startswith("\\\\?\\"):
        return text
    if text.startswith("\\\\"):
        return "\\\\?\\UNC\\" + text[2:]
    if len(text) > 2 and text[1] == ":":
        return "\\\\?\\" + text
    return text


def posix_mode(platform: str = os.name) -> bool:
    """Whether file modes (chmod) mean anything here; Windows ignores them."""
    return platform == "posix"


def special_file_problem(path: str | Path) -> str | None:
    """Why ``path`` is not an ordinary file to read (a FIFO, socket, device or folder), or None.

    Checked before opening: opening a FIFO for reading blocks until someone writes to it.
    """
    import stat

    try:
        mode = os.stat(long_path(path)).st_mode
    except OSError:
        return None  # the open that follows says what is wrong
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件"
    if stat.S_ISFIFO(mode):
        return "这是一个管道（FIFO），不是普通文件，未打开"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件，未打开"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是普通文件，未打开"
    return "不是普通文件，未打开"


def file_digest(path: str | Path, limit: int) -> str:
    """SHA-256 of a file read in 1 MB chunks; a special file or one over ``limit`` bytes is refused
    (ValueError, in Chinese) before a byte of it is read."""
    import hashlib

    problem = special_file_problem(path)
    if problem:
        raise ValueError(problem)
    digest = hashlib.sha256()
    with open(long_path(path), "rb") as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise ValueError(f"文件超过 {limit // (1024 * 1024)} MB，不是正常的报告文件，未读取")
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def remove_stale_temps(target: str | Path, *, older_than: float = 120.0, now: float | None = None) -> int:
    """Remove temp files an interrupted save of ``target`` left beside it (``.name.XXXX.tmp``).

    Only those older than ``older_than`` seconds: a save running in another window is not touched.
    """
    target = Path(target)
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(target.parent.glob(f".{glob_escape(target.name)}.*.tmp"))
    except OSError:
        return 0
    for tmp in candidates:
        try:
            if now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)
