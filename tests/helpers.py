"""Helpers shared by the tests: samples, random balanced reports."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from gxdesk.domain.editions import get_edition
from gxdesk.domain.editions.common import APPLICANTS
from gxdesk.domain.report import AgencyKind, Meta, Report
from gxdesk.domain.rules import compute
from gxdesk.resources import sample
from gxdesk.store import load

TOPIC_TEXT = (
    "（一）主动公开\n本年主动公开各类信息。\n（二）依申请公开\n依法办理公开申请。\n"
    "（三）政府信息管理\n加强信息管理。\n（四）政府信息公开平台建设\n完善政府网站。\n"
    "（五）监督保障\n加强监督和培训。"
)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``gxdesk ARGS`` in a real subprocess, output decoded as UTF-8."""
    return subprocess.run(
        [sys.executable, "-m", "gxdesk", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def sample_report(name: str) -> Report:
    return load(sample(name))


def t3_result_rows(edition_id: str) -> list[str]:
    table = get_edition(edition_id).table("三")
    return [
        c.row_id
        for c in table.cells
        if c.col_id == "total" and c.row_id not in ("new", "carried_in", "r7_total", "carry_out")
    ]


def balanced_report(edition_id: str, rng: random.Random, claimed: bool = False) -> Report:
    """A random report whose tables reconcile and whose other rules all pass."""
    edition = get_edition(edition_id)
    year = 2020 if edition_id == "2019" else 2023
    report = Report(Meta(agency="测试市测试局", year=year, kind=AgencyKind.CITY), edition_id)
    report.parts = {"一": TOPIC_TEXT, "五": "存在问题和改进措施。", "六": "无"}
    values: dict = {}
    results = t3_result_rows(edition_id)
    for col in APPLICANTS:
        done = 0
        for row in results:
            values[f"t3.{row}.{col}"] = n = rng.choice((0, 0, 1, 2, rng.randint(0, 500)))
            done += n
        carry_out = rng.randint(0, 20)
        values[f"t3.carry_out.{col}"] = carry_out
        carried_in = rng.randint(0, done + carry_out)
        values[f"t3.carried_in.{col}"] = carried_in
        values[f"t3.new.{col}"] = done + carry_out - carried_in
    for spec in edition.table("四").inputs:
        values[spec.id] = rng.randint(0, 30)
    for spec in edition.table("二").inputs:
        if spec.kind.is_amount:
            values[spec.id] = Decimal(rng.randint(0, 99999)) / 100
        elif spec.kind.name == "SIGNED":
            values[spec.id] = rng.randint(-20, 20)
        else:
            values[spec.id] = rng.randint(0, 400)
    for row in ("rules", "normative"):  # 现行有效 ≥ 本年制发 / 对外公开总数 ≥ 本年新公开
        big, small = ("valid", "made") if edition_id == "2021" else ("total_published", "new_published")
        values[f"t2.b1.{row}.{big}"] = values[f"t2.b1.{row}.{small}"] + rng.randint(0, 50)
    if edition_id == "2021":
        values["t2.b8.fees.amount"] = Decimal(rng.randint(0, 99999)) / 100
        report.fees.notices = 5
    report.values = values
    if claimed:
        all_values = compute(edition, values)
        report.claimed = {c.id: all_values[c.id] for t in edition.tables for c in t.cells if c.computed}
    return report


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NO_RENDERER = SOFFICE is None or shutil.which("pdftotext") is None


def converted(source: Path, target: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice (``pdf``, ``csv``…) into ``folder``; the path written."""
    subprocess.run(
        [SOFFICE or "soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", target,
         "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return folder / source.with_suffix(f".{target}").name


def pdf_text(source: Path, folder: Path) -> str:
    """The text of ``source`` as LibreOffice lays it out on the page (pdftotext -layout)."""
    pdf = converted(source, "pdf", folder)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def official_tables(document):  # type: ignore[no-untyped-def]
    """The Word document's tables grouped as the official ones: a table cut across pages is
    continued in the next Word table, with only an empty paragraph between."""
    groups: list[list] = []  # type: ignore[type-arg]
    text_since = True
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            if "".join(t.text or "" for t in element.iter(f"{_W}t")).strip():
                text_since = True
        elif element.tag == f"{_W}tbl":
            if groups and not text_since:
                groups[-1].append(element)
            else:
                groups.append([element])
            text_since = False
    return groups


def joined_cells(group, header_rows: int):  # type: ignore[no-untyped-def]
    """The cells of a cut table's pieces as one table: later pieces' header rows left out, their
    rows numbered on (a label continued with （续） is then a cell of its own)."""
    from dataclasses import replace

    from gxdesk.exchange.docx_grid import read_grid

    cells = list(read_grid(group[0]))
    for tbl in group[1:]:
        base = max(c.row + c.rowspan for c in cells) - header_rows
        cells += [replace(c, row=c.row + base) for c in read_grid(tbl) if c.row >= header_rows]
    return cells
