"""The Qt desktop program: the only package that imports PySide6."""

from __future__ import annotations

import sys

import PySide6


def _skip_pyside_source_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    For ``from __feature__ import …`` PySide decides per module whether it may be switched, by
    reading the whole source file of each newly imported module and looking for "PySide6"
    (``shibokensupport.feature._mod_uses_pyside``). gxdesk switches no feature, so the answer
    changes nothing, but the reading costs ≈15 ms of every start (``benchmarks/run.py``).
    If a PySide release drops or renames the hook, its own behaviour stays.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]


def _uses_pyside(module: object) -> bool:
    return True  # "uses PySide, no feature selected": PySide's own default for its users


assert PySide6  # imported for its side effect: the hook above exists once PySide6 is loaded
_skip_pyside_source_scan()
