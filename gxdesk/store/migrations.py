"""Upgrades of older project files, one step per schema version."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] turns schema n into schema n + 1. Schema 1 is the first released layout.
MIGRATIONS: dict[int, Migration] = {}


class TooNewError(ValueError):
    """The file was written by a newer gxdesk."""


def migrate(data: dict[str, Any], current: int) -> dict[str, Any]:
    """Bring ``data`` up to ``current``; raises TooNewError or KeyError for a gap."""
    version = data.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("schema")
    if version > current:
        raise TooNewError(version)
    while version < current:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema"] = version
    return data
