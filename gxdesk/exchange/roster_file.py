"""Reading the office's 名单 (.xlsx or .csv): one unit a row, with its kind and other names."""

from __future__ import annotations

import csv
from pathlib import Path

from gxdesk.domain.report import AgencyKind
from gxdesk.domain.roster import Roster, RosterEntry
from gxdesk.domain.textutil import clean_text
from gxdesk.exchange.ooxml import excel_unescape
from gxdesk.oserrors import describe, special_file_problem

MAX_ROSTER = 8 * 1024 * 1024  # a 名单 of thousands of units is well under this


def read_roster(path: str | Path) -> Roster:
    """名单 from .xlsx or .csv: unit name in the first column; optional kind and aliases (、,;)."""
    file = Path(path)
    rows: list[list[str]] = []
    special = special_file_problem(file)
    if special:
        raise ValueError(f"名单“{file.name}”：{special}")
    if file.suffix.lower() == ".csv":
        try:
            with file.open("rb") as handle:
                raw = handle.read(MAX_ROSTER + 1)
        except OSError as exc:
            raise ValueError(f"无法读取名单“{file.name}”：{describe(exc)}") from None
        if len(raw) > MAX_ROSTER:
            raise ValueError(f"名单“{file.name}”过大，不是正常的名单文件")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError(f"名单“{file.name}”的文字编码无法识别，请另存为 UTF-8 或 .xlsx")
        rows = [[c.strip() for c in row] for row in csv.reader(text.splitlines())]
    else:
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(file, read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # noqa: BLE001
            raise ValueError(f"无法读取名单“{file.name}”（{type(exc).__name__}）") from None
        rows = [
            ["" if v is None else clean_text(excel_unescape(str(v))).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    entries = []
    kinds = {k.value: k for k in AgencyKind}
    for row in rows:
        if not row or not row[0] or row[0] in ("单位名称", "名称", "单位", "序号"):
            continue
        name = row[0] if not row[0].isdigit() or len(row) < 2 else row[1]
        rest = row[1:] if name == row[0] else row[2:]
        kind = next((kinds[c] for c in rest if c in kinds), None)
        aliases = tuple(
            a.strip() for c in rest if c and c not in kinds for a in c.replace(",", "、").replace(";", "、").split("、")
        )
        entries.append(RosterEntry(name, kind, tuple(a for a in aliases if a)))
    return Roster(entries)
