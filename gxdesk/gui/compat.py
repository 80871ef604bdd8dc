"""``override`` without importing typing_extensions at run time (it costs start-up time on 3.11)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if sys.version_info >= (3, 12):
    from typing import override
elif TYPE_CHECKING:
    from typing_extensions import override
else:

    def override(method):  # type: ignore[no-untyped-def]
        """Runtime twin of typing_extensions.override: marks the method, type checkers do the rest."""
        method.__override__ = True
        return method


__all__ = ["override"]
