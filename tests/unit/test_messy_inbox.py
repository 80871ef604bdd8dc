"""A county's messy January inbox: the audit, the roll-up and the fix lists agree with sums
computed here, independently, from the reports that were put into the inbox.

Strangers from another city, fees stated only in Word, names written differently from the
名单 (short forms, a county prefix, an invisible character copied from a web page), a file of
another year behind a misleading name, two versions of one unit, damaged and old-format files.
"""

from __future__ import annotations

import json
import os
import random
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import balanced_report, cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxdesk.domain.collection import assemble
from gxdesk.domain.editions import get_edition
from gxdesk.domain.fields import FEE_FIELDS
from gxdesk.domain.names import agency_key, canonical
from gxdesk.domain.report import Report
from gxdesk.domain.rollup import sum_units
from gxdesk.domain.roster import Roster, RosterEntry
from gxdesk.domain.rules import compute
from gxdesk.exchange import docx_writer, xlsx_writer
from gxdesk.exchange.collection import audit, read_unit
from gxdesk.exchange.roster_file import read_roster
from gxdesk.store import load, save

COUNTY = "清河县"
YEAR = 2025
ON_ROSTER = ["教育局", "民政局", "财政局", "人力资源和社会保障局", "市场监督管理局", "卫生健康局", "交通运输局"]
NOT_SENT = ["档案馆", "统计局"]
FORMATS = (".docx", ".xlsx", ".gxr", ".docx", ".xlsx", ".docx", ".gxr")


def unit_report(name: str, seed: int) -> Report:
    report = balanced_report("2021", random.Random(seed))
    report.meta.agency, report.meta.year = name, YEAR
    report.fees.notices, report.fees.noticed, report.fees.collected = 3, Decimal(600), Decimal(300)
    report.parts["六"] = ""  # the Word file then states the fees in part 六, as gxdesk writes it
    return report


def write(report: Report, path: Path) -> None:
    if path.suffix == ".docx":
        path.write_bytes(docx_writer.to_bytes(report))
    elif path.suffix == ".xlsx":
        path.write_bytes(xlsx_writer.to_bytes(report))
    else:
        save(report, path)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("county")
    folder = root / "来件"
    (folder / "第二批").mkdir(parents=True)
    truth: dict[str, Report] = {}
    for i, (dept, suffix) in enumerate(zip(ON_ROSTER, FORMATS, strict=True)):
        name = COUNTY + dept
        written_as = name
        if dept == "市场监督管理局":
            written_as = COUNTY + "市场监督管理局"  # the 名单 says 市场监管局
        if dept == "交通运输局":
            written_as = "交通运输局"  # no county prefix in the report
        if dept == "财政局":
            written_as = COUNTY + "财\u200b政局"  # a zero-width space copied from a web page
        report = unit_report(written_as, i)
        truth[name] = report
        write(report, folder / f"{i:02d}-{dept}{suffix}")
    # 教育局 sent twice; the later file counts.
    newer = unit_report(COUNTY + "教育局", 100)
    write(newer, folder / "第二批" / "教育局（修改稿）.gxr")
    os.utime(folder / "00-教育局.docx", (1_700_000_000, 1_700_000_000))
    truth[COUNTY + "教育局"] = newer
    # Strangers and noise.
    write(unit_report("青山市生态环境局", 50), folder / "第二批" / "转来的报告.docx")
    old = unit_report(COUNTY + "民政局", 60)
    old.meta.year = 2024
    write(old, folder / f"{YEAR}年民政局报告.gxr")  # another year behind this year's name
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 broken")
    (folder / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (folder / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    roster = root / "名单.csv"
    listed = [COUNTY + d for d in ON_ROSTER if d != "市场监督管理局"] + [COUNTY + "市场监管局"]
    roster.write_text("\n".join(["单位名称", *listed, *(COUNTY + d for d in NOT_SENT)]), encoding="utf-8")
    return {"root": root, "folder": folder, "roster": roster, "truth": truth}


def expected_sums(truth: dict[str, Report]) -> tuple[dict[str, object], dict[str, object]]:
    """Every cell and fee of the county, added up here from the reports put in the inbox."""
    edition = get_edition("2021")
    values: dict[str, object] = {}
    for table in edition.tables:
        for spec in table.inputs:
            values[spec.id] = sum(r.values.get(spec.id) or 0 for r in truth.values())
    fees = {spec.id: sum(spec.get(r) or 0 for r in truth.values()) for spec in FEE_FIELDS}
    return values, fees


def test_the_audit_counts_the_roster_and_names_the_rest(inbox: dict) -> None:  # type: ignore[type-arg]
    folder, roster = inbox["folder"], inbox["roster"]
    before = snapshot(folder)
    result = audit([folder], roster=read_roster(roster), jobs=1)
    assert snapshot(folder) == before  # nothing written into the inbox (no cache, no output)
    counted = {u.name for u in result.counted_units()}
    assert counted == {e.name for e in read_roster(roster).entries} - {COUNTY + d for d in NOT_SENT}
    assert [u.name for u in result.units if not u.on_roster] == ["青山市生态环境局"]
    assert result.missing == [COUNTY + d for d in NOT_SENT]
    assert len(result.units) == len(ON_ROSTER) + 1  # the zero-width space made no second 财政局
    education = next(u for u in result.units if u.name == COUNTY + "教育局")
    assert len(education.versions) == 2 and education.chosen.name == "教育局（修改稿）.gxr"
    assert {u.name for u in result.unreadable} == {"坏文件.xlsx", "旧格式.doc", "扫描件.pdf"}
    assert [u.name for u in result.other_year] == [f"{YEAR}年民政局报告.gxr"]


def test_the_rollup_equals_the_sums_made_here_fees_from_word_included(inbox: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    out = tmp_path / "全县.gxr"
    before = snapshot(inbox["folder"])
    result = cli("rollup", str(out), "--from", str(inbox["folder"]), "--units", str(inbox["roster"]),
                 "--agency", COUNTY + "人民政府", "--year", str(YEAR))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已汇总 7 个单位" in result.stdout
    assert "未计入：青山市生态环境局，不在名单上" in result.stderr
    assert f"不是{YEAR}年度的报告，未计入：{YEAR}年民政局报告.gxr" in result.stderr
    rolled = load(out)
    values, fees = expected_sums(inbox["truth"])
    assert {k: rolled.values.get(k) for k in values} == values
    assert {spec.id: spec.get(rolled) for spec in FEE_FIELDS} == fees  # 3 units sent Word: their fees count too
    notices = rolled.sources["fees.notices"]
    assert len(notices) == 7 and all(c.value == 3 for c in notices)
    # The stranger ticked in by name counts too.
    with_stranger = cli("rollup", str(out), "--from", str(inbox["folder"]), "--units", str(inbox["roster"]),
                        "--agency", "x", "--year", str(YEAR), "--include", "青山市生态环境局", "--force")  # fmt: skip
    assert "已汇总 8 个单位" in with_stranger.stdout
    assert snapshot(inbox["folder"]) == before  # the roll-ups read the inbox and wrote nothing there


def test_audit_json_and_the_one_summary_workbook(inbox: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from openpyxl import load_workbook

    summary = tmp_path / "汇总.xlsx"
    result = cli("audit", str(inbox["folder"]), "--units", str(inbox["roster"]), "--json", "--xlsx", str(summary))
    data = json.loads(result.stdout)
    stranger = next(u for u in data["units"] if u["agency"] == "青山市生态环境局")
    assert stranger["counted"] is False and stranger["status"] == "不在名单"
    book = load_workbook(summary)
    assert book.properties.category == "gxdesk 汇总与审核输出" and book.properties.creator == "gxdesk"
    assert {"汇总", "问题清单", "未报送", "汇总来源"} <= set(book.sheetnames)
    rows = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows[-1][0] == "合计（计入汇总的 7 个单位）"
    values, _ = expected_sums(inbox["truth"])
    assert rows[-1][9] == values["t3.new.natural"] + sum(  # 本年新收申请总计: every applicant column
        values[f"t3.new.{c}"] for c in ("business", "research", "nonprofit", "legal", "other")
    )
    # The workbook lying in the inbox is gxdesk's own: the next audit skips it.
    copy = inbox["root"] / "再审" / "汇总.xlsx"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(summary.read_bytes())
    again = audit([copy.parent], jobs=1)
    assert again.units == [] and again.unreadable == []


def test_names_match_through_short_forms_and_prefixes() -> None:
    roster = Roster([RosterEntry(COUNTY + "市场监管局"), RosterEntry(COUNTY + "人社局"), RosterEntry("某某镇人民政府")])
    assert roster.match(COUNTY + "市场监督管理局").name == COUNTY + "市场监管局"
    assert roster.match("市场监督管理局").name == COUNTY + "市场监管局"  # no prefix in the report
    assert roster.match(COUNTY + "人力资源和社会保障局").name == COUNTY + "人社局"
    assert roster.match("青山县市场监管局") is None  # another county's bureau is not this one
    assert roster.match("某某镇政府").name == "某某镇人民政府"
    assert roster.match("人民政府") is None
    near = Roster([RosterEntry(COUNTY + "住房和城乡建设局")])
    assert near.match(COUNTY + "住房城乡建设管理局") is None
    assert near.suggest(COUNTY + "住房城乡建设管理局").name == COUNTY + "住房和城乡建设局"
    housing = COUNTY + "住房和城乡建设局"
    confirmed = Roster([RosterEntry(housing)], confirmed={COUNTY + "住建管理局": housing})
    assert confirmed.match(COUNTY + "住建管理局").name == COUNTY + "住房和城乡建设局"
    variants = (
        "清河县\u200b财政局",
        "清河县 财政局",
        "清河县财政局\ufeff",
        "清河县\u3000财政局",
        "清河县财政局（县国资办）",
    )
    for variant in variants:
        assert agency_key(variant) == agency_key("清河县财政局") and canonical(variant) == canonical("清河县财政局")


def test_fix_lists_and_notice(inbox: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    from helpers import NO_RENDERER, converted, pdf_text

    out = tmp_path / "退回"
    result = cli("audit", str(inbox["folder"]), "--units", str(inbox["roster"]), "--fix-lists", str(out),
                 "--office", "清河县人民政府办公室")  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert "审核情况通报.docx" in names
    assert "青山市生态环境局-退回修改.docx" in names  # not on the 名单: told to check its name
    audited = audit([inbox["folder"]], roster=read_roster(inbox["roster"]), jobs=1)
    with_findings = {u.name for u in audited.units if u.findings or not u.on_roster}
    assert {n.removesuffix("-退回修改.docx") for n in names if n.endswith("-退回修改.docx")} == with_findings
    with zipfile.ZipFile(out / "审核情况通报.docx") as archive:
        text = archive.read("word/document.xml").decode("utf-8")
    for who in NOT_SENT:
        assert COUNTY + who in text
    assert "青山市生态环境局" in text and "清河县人民政府办公室" in text
    if not NO_RENDERER:
        pdf = converted(out / "审核情况通报.docx", "pdf", tmp_path)
        assert "审核情况通报" in pdf_text(pdf, tmp_path)


# ---- one unit, three formats: the same figures and sources -----------------------------------
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 10_000), notices=st.integers(0, 9), amount=st.integers(0, 99999))
def test_a_unit_rolls_up_the_same_from_every_format(tmp_path_factory, seed: int, notices: int, amount: int) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("formats")
    report = unit_report(COUNTY + "某局", seed)
    report.fees.notices = notices
    report.fees.noticed = Decimal(amount) / 100 if notices else Decimal(0)
    report.fees.collected = Decimal(amount // 2) / 100 if notices else Decimal(0)
    rollups = []
    for suffix in (".gxr", ".xlsx", ".docx"):
        path = folder / f"unit{suffix}"
        write(report, path)
        unit = read_unit(str(path), YEAR)
        assert unit.report is not None, unit.reason
        rollups.append(sum_units("全县", YEAR, [unit.report]).report)
    edition = get_edition("2021")
    first = rollups[0]
    for other in rollups[1:]:
        assert compute(edition, other.values) == compute(edition, first.values)
        assert (other.fees.notices, other.fees.noticed, other.fees.collected) == (
            first.fees.notices, first.fees.noticed, first.fees.collected,
        )  # fmt: skip
        assert other.sources == first.sources


def test_assemble_is_pure_and_gated() -> None:
    """The domain's audit of files already read: the 名单 decides what counts."""
    from gxdesk.domain.collection import UnitFile

    files = []
    for i, name in enumerate((COUNTY + "甲局", COUNTY + "乙局", "外市丙局")):
        report = unit_report(name, i)
        files.append(UnitFile(f"/in/{i}.gxr", str(i), float(i), report=report))
    result = assemble(files, roster=Roster([RosterEntry(COUNTY + "甲局"), RosterEntry(COUNTY + "乙局")]))
    assert [u.name for u in result.counted_units()] == [COUNTY + "乙局", COUNTY + "甲局"]
    result.set_counted("外市丙局", True)
    assert len(result.counted_units()) == 3
    result.set_counted(COUNTY + "甲局", False)
    assert {u.name for u in result.counted_units()} == {COUNTY + "乙局", "外市丙局"}
