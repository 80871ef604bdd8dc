"""The per-user folders gxdesk writes to, worked out without Qt (the command line uses them too).

They match Qt's standard locations, so the window and the command line share one cache:
``%LOCALAPPDATA%\\gxdesk\\cache`` on Windows, ``$XDG_CACHE_HOME/gxdesk`` (``~/.cache/gxdesk``)
on Linux. A portable copy (a file named ``portable`` beside the program) keeps them in its own
``data`` folder; ``GXDESK_CACHE_DIR`` overrides the cache (tests).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path


def cache_dir(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """Where re-readable data lives (the audit's parsed files); never inside a user's folder."""
    override = env.get("GXDESK_CACHE_DIR")
    if override:
        return Path(override)
    if getattr(sys, "frozen", False):
        beside = Path(sys.executable).resolve().parent
        if (beside / "portable").exists():
            return beside / "data" / "cache"
    if platform == "win32":
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "gxdesk" / "cache"
    if platform == "darwin":
        return Path.home() / "Library" / "Caches" / "gxdesk"
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gxdesk"


def log_error(exc: BaseException, env: Mapping[str, str] = os.environ) -> Path | None:
    """Append the traceback of an unexpected error to ``errors.log`` in the cache folder.

    The clerk sees a short Chinese message; the log is for whoever fixes the bug. Never raises.
    """
    import traceback
    from datetime import datetime

    try:
        folder = cache_dir(env)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "errors.log"
        if path.exists() and path.stat().st_size > 1_000_000:
            path.replace(folder / "errors.old.log")
        text = "".join(traceback.format_exception(exc))
        with path.open("a", encoding="utf-8", errors="replace") as log:
            log.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S}\n{text[-20_000:]}\n")
        return path
    except Exception:  # noqa: BLE001 - logging must not become the error
        return None
