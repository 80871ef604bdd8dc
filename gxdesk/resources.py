"""Finding ``resources/`` from the source tree, an installed package or the frozen build."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    """The folder holding samples/, icons/ and translations/."""
    candidates = []
    if os.environ.get("GXDESK_RESOURCES"):
        candidates.append(Path(os.environ["GXDESK_RESOURCES"]))
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    candidates.append(Path(sys.prefix) / "share" / "gxdesk")
    for path in candidates:
        if (path / "samples").is_dir():
            return path
    raise FileNotFoundError("找不到 gxdesk 的资源文件夹（resources），安装可能不完整")


def sample(name: str) -> Path:
    return resource_dir() / "samples" / name


SAMPLE_2021 = "qinghe-sthjj-2025.gxr"
