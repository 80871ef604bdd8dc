"""The editions of the official format; the report year decides which applies."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from gxdesk.domain.edition import Edition

if TYPE_CHECKING:
    from gxdesk.domain.report import Report

# id → (module, first report year, last report year or None). Each edition is built the
# first time it is needed: a report of one edition never pays for the other at start-up.
_DECLARED = {"2019": ("e2019", 2019, 2020), "2021": ("e2021", 2021, None)}
FIRST_YEAR = min(first for _, first, _ in _DECLARED.values())


class _Editions(Mapping[str, Edition]):
    """Read-only mapping of edition id → Edition, importing each edition module on demand."""

    def __getitem__(self, edition_id: str) -> Edition:
        module, _, _ = _DECLARED[edition_id]
        edition: Edition = importlib.import_module(f"gxdesk.domain.editions.{module}").EDITION
        return edition

    def __iter__(self) -> Iterator[str]:
        return iter(_DECLARED)

    def __len__(self) -> int:
        return len(_DECLARED)


EDITIONS: Mapping[str, Edition] = _Editions()


class UnsupportedYearError(ValueError):
    """A report year before the 2019 format."""


def edition_for_year(year: int) -> Edition:
    """The edition a report of ``year`` must use."""
    for edition_id, (_, first, last) in _DECLARED.items():
        if year >= first and (last is None or year <= last):
            return EDITIONS[edition_id]
    raise UnsupportedYearError(f"{year}年度不适用现行格式：gxdesk 支持{FIRST_YEAR}年度及以后的年度报告")


def latest_edition() -> Edition:
    """The edition new reports use (the one with no last year)."""
    return next(EDITIONS[e] for e, (_, _, last) in _DECLARED.items() if last is None)


def get_edition(edition_id: str) -> Edition:
    return EDITIONS[edition_id]


def edition_of(report: Report) -> Edition:
    """The edition the report's tables are laid out in."""
    return EDITIONS[report.edition]
