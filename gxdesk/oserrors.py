"""Operating-system errors in words an office clerk understands."""

from __future__ import annotations

import errno

_MESSAGES = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限（文件夹只读，或文件正被 Word、WPS 等程序打开）",
    errno.EPERM: "没有权限（文件夹只读，或文件正被 Word、WPS 等程序打开）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名太长",
}


def describe(exc: OSError) -> str:
    """A short Chinese reason for ``exc``."""
    if isinstance(exc, PermissionError):
        return _MESSAGES[errno.EACCES]
    return _MESSAGES.get(exc.errno or 0, f"系统错误：{exc.strerror or exc}")
