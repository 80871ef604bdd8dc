"""Writing an exported file so that a failure never leaves half a file in its place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gxdesk.oserrors import long_path, posix_mode, remove_stale_temps, replace


def write_bytes(path: Path | str, data: bytes) -> None:
    """Temp file in the same folder, then rename over the target (retried while an antivirus
    holds it for a moment). Raises OSError; ``oserrors.describe`` says why in Chinese."""
    path = Path(long_path(Path(path).absolute()))
    remove_stale_temps(path)  # left by an export that was killed halfway
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if posix_mode():  # mkstemp makes the file private; a colleague must be able to open it
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _umask_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask_mode() -> int:
    """0o666 less the process umask: the mode any new file of the user's gets."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
