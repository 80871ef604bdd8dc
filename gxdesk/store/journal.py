"""The recovery journal: every edit appended as one line, so a crash costs at most a second.

A recovery base (the whole report, written now and then) carries the number of the last edit
it holds; the journal beside it holds the edits after that, one JSON line each, numbered.
Recovery reads the base and replays the lines numbered above it, in order, stopping at the
first line that is not a whole, valid edit (the one being written when the process died).
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from gxdesk.domain.report import AgencyKind, Report
from gxdesk.domain.state import Op, ReportState
from gxdesk.store.codec import report_from_dict, report_to_dict

_ENUMS: dict[str, type[Enum]] = {"AgencyKind": AgencyKind}


def _out(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": format(value, "f")}
    if isinstance(value, Enum):
        return {"$enum": type(value).__name__, "value": value.value}
    if isinstance(value, Report):
        return {"$report": report_to_dict(value)}
    if isinstance(value, dict):
        return {str(k): _out(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_out(v) for v in value]
    return value


def _in(value: Any) -> Any:
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$enum" in value:
            return _ENUMS[value["$enum"]](value["value"])
        if "$report" in value:
            return report_from_dict(value["$report"])
        return {k: _in(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_in(v) for v in value]
    return value


def encode(seq: int, op: Op) -> bytes:
    """One journal line: the edit numbered ``seq``."""
    line = json.dumps({"seq": seq, **_out(op)}, ensure_ascii=False, separators=(",", ":"))
    return (line + "\n").encode("utf-8")


def replay(report: Report, journal: Path, after: int) -> tuple[Report, int]:
    """``report`` with the journal's edits numbered above ``after`` applied; and how many were.

    A line cut short, unreadable or not an edit ends the replay: what came before it stands.
    """
    try:
        raw = journal.read_bytes()
    except OSError:
        return report, 0
    state = ReportState(report, check_now=False)
    applied, last = 0, after
    for line in raw.split(b"\n"):
        if not line.strip():
            continue
        try:
            entry = json.loads(line.decode("utf-8"))
            seq = entry.pop("seq")
            if not isinstance(seq, int):
                break
            if seq <= after:
                continue  # already in the base
            if seq != last + 1:
                break  # a gap or a repeat: the edits after it would land on the wrong report
            state.replay(_in(entry))
        except Exception:  # any line that cannot be read or applied ends the replay; what came before stands
            break
        last, applied = seq, applied + 1
    # What is offered must open as a saved report would: round-trip it through the file format.
    return report_from_dict(report_to_dict(state.report)), applied
