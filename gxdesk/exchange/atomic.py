"""Writing an exported file so that a failure never leaves half a file in its place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gxdesk.oserrors import long_path, replace


def write_bytes(path: Path | str, data: bytes) -> None:
    """Temp file in the same folder, then rename over the target (retried while an antivirus
    holds it for a moment). Raises OSError; ``oserrors.describe`` says why in Chinese."""
    path = Path(long_path(Path(path).absolute()))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
