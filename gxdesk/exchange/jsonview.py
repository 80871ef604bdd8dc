"""Cells and findings as JSON-ready data addressed by the official labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gxdesk.domain.cells import Value
from gxdesk.domain.edition import Edition
from gxdesk.domain.findings import Finding, plain_number
from gxdesk.domain.report import Contribution
from gxdesk.domain.tables import CellSpec
from gxdesk.domain.textutil import clean_text


def cell_ref(spec: CellSpec) -> dict[str, Any]:
    return {"table": spec.part, "row": list(spec.row), "column": list(spec.column)}


def cells_json(
    edition: Edition,
    values: dict[str, Value | None],
    sources: Mapping[str, tuple[Contribution, ...]] | None = None,
) -> list[dict[str, Any]]:
    """Every cell with its value; for a roll-up, also which units gave what (``sources``)."""
    out = []
    for table in edition.tables:
        for spec in table.cells:
            cell = {**cell_ref(spec), "value": plain_number(values.get(spec.id)), "computed": spec.computed}
            if sources and spec.id in sources:
                cell["sources"] = [{"agency": c.agency, "value": plain_number(c.value)} for c in sources[spec.id]]
            out.append(cell)
    return out


def finding_json(finding: Finding, edition: Edition, explanation: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": finding.code,
        "severity": finding.severity.value,
        "part": finding.part,
        "cells": [cell_ref(edition.cell(c)) for c in finding.cells if edition.has_cell(c)],
        "expected": plain_number(finding.expected),
        "actual": plain_number(finding.actual),
        "difference": plain_number(finding.difference),
        "message": clean_text(finding.message),
    }
    if explanation:
        out["explanation"] = explanation
    return out
