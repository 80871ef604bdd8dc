"""The editions of the official format; the report year decides which applies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import e2019, e2021

if TYPE_CHECKING:
    from gxdesk.domain.report import Report

EDITIONS: dict[str, Edition] = {e.id: e for e in (e2019.EDITION, e2021.EDITION)}
FIRST_YEAR = min(e.first_year for e in EDITIONS.values())


class UnsupportedYearError(ValueError):
    """A report year before the 2019 format."""


def edition_for_year(year: int) -> Edition:
    """The edition a report of ``year`` must use."""
    for edition in EDITIONS.values():
        if edition.covers(year):
            return edition
    raise UnsupportedYearError(f"{year}年度不适用现行格式：gxdesk 支持{FIRST_YEAR}年度及以后的年度报告")


def get_edition(edition_id: str) -> Edition:
    return EDITIONS[edition_id]


def edition_of(report: Report) -> Edition:
    """The edition the report's tables are laid out in."""
    return EDITIONS[report.edition]
