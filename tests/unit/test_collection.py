"""The supervising office's workbench on a collection shaped like a real January inbox:
45 units in Word and Excel (ours and hand-made), two versions of one unit, one of last year, a
corrupt file, an old .doc, a unit missing from the 名单 and one on it that sent nothing, real
defects planted. Every summary row, finding and summed cell is checked against a computation
done here, independently of the code under test."""

from __future__ import annotations

import copy
import json
import os
import random
from decimal import Decimal
from pathlib import Path

import builders
import docx
import pytest
from helpers import balanced_report, cli
from openpyxl import load_workbook

from gxdesk.domain.collection import choose
from gxdesk.domain.drafting import new_report
from gxdesk.domain.editions import get_edition
from gxdesk.domain.names import agency_key
from gxdesk.domain.report import Report
from gxdesk.domain.rollup import (
    provenance_note,
    rollup_findings,
    source_name,
    sum_units,
)
from gxdesk.domain.roster import Roster, RosterEntry
from gxdesk.domain.rules import compute, evaluate
from gxdesk.domain.state import ReportState, YearPlan
from gxdesk.exchange import docx_writer, xlsx_writer
from gxdesk.exchange.collection import audit
from gxdesk.exchange.roster_file import read_roster
from gxdesk.exchange.summary_xlsx import write as write_summary
from gxdesk.store import StoreError, load, save

DEPARTMENTS = [
    "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
    "农业农村局", "商务局", "文化和旅游局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "林业局", "城市管理局", "行政审批服务局", "信访局",
    "人民政府办公室", "数据资源局", "供销合作社联合社", "气象局", "消防救援大队", "税务局",
    "城关镇人民政府", "东城街道办事处", "西城街道办事处", "南山镇人民政府", "北岭镇人民政府",
    "青石乡人民政府", "白云乡人民政府", "红旗镇人民政府", "新华镇人民政府", "清河镇人民政府", "太平乡人民政府",
]  # fmt: skip
COUNTY = "某某县"
YEAR = 2025
DEFECTS = {"教育局": "t3.carry_out.natural", "民政局": "t3.new.business", "商务局": "t3.carried_in.legal"}


def _hand_made_docx(path: Path, agency: str) -> Report:
    """A unit's Word file made by hand (not our exporter), title with the agency."""
    numbers = builders.docx_report(path, year=YEAR)
    document = docx.Document(str(path))
    document.paragraphs[0].text = f"{agency}{YEAR}年"
    document.save(str(path))
    report = new_report(agency, YEAR)
    for row, vals in numbers.items():
        if row == "r7_total":
            continue
        for col, v in zip(builders.A, vals, strict=True):
            report.values[f"t3.{row}.{col}"] = v
    t2 = {"t2.b1.rules.made": 1, "t2.b1.rules.repealed": 0, "t2.b1.rules.valid": 5,
          "t2.b1.normative.made": 4, "t2.b1.normative.repealed": 2, "t2.b1.normative.valid": 40}  # fmt: skip
    report.values.update(t2)
    for spec in get_edition("2021").table("四").inputs:
        report.values[spec.id] = 0
    return report


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> dict:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("inbox")
    (folder / "第一批").mkdir()
    (folder / "第二批" / "补报").mkdir(parents=True)
    rng = random.Random(2025)
    truth: dict[str, Report] = {}
    has_fees: set[str] = set()
    for i, dept in enumerate(DEPARTMENTS):
        agency = COUNTY + dept
        where = folder / ("第一批" if i % 2 else "第二批")
        if i % 9 == 4:
            report = _hand_made_docx(where / f"附件{i}.docx", agency)
        else:
            report = balanced_report("2021", rng)
            report.meta.agency, report.meta.year = agency, YEAR
            if dept in DEFECTS:
                report.values[DEFECTS[dept]] += 3
            kind = ("docx", "xlsx", "gxr")[i % 3]
            path = where / f"{YEAR}年政府信息公开工作年度报告（{i}）.{kind}"
            if kind == "docx":
                docx_writer.write(report, path)
            elif kind == "xlsx":
                xlsx_writer.write(report, path)
                has_fees.add(agency)
            else:
                save(report, path)
                has_fees.add(agency)
        truth[agency] = report
    # Two versions of 财政局: an older draft (other numbers) and the final, sent later.
    final = truth[COUNTY + "财政局"]
    draft = copy.deepcopy(final)
    draft.values["t4.cases.review_upheld"] = 99
    old = folder / "第二批" / "补报" / "财政局初稿.gxr"
    save(draft, old)
    os.utime(old, (1_700_000_000, 1_700_000_000))
    # A report of last year, a corrupt file, an old .doc and a Word lock file.
    stale = balanced_report("2021", random.Random(7))
    stale.meta.agency, stale.meta.year = COUNTY + "档案馆", 2024
    save(stale, folder / "第一批" / "档案馆2024.gxr")
    (folder / "第一批" / "坏文件.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "第二批" / "附件3.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (folder / "第二批" / "~$附件3.docx").write_bytes(b"lock")
    # The 名单: every department but 信访局 (it reports anyway), plus 档案馆 and 融媒体中心.
    names = [COUNTY + d for d in DEPARTMENTS if d != "信访局"] + [COUNTY + "档案馆", COUNTY + "融媒体中心"]
    roster_path = folder / "名单.csv"
    roster_path.write_text("单位名称,机关类型,别名\n" + "\n".join(f"{n},," for n in names) + "\n", encoding="utf-8-sig")
    return {"folder": folder, "truth": truth, "has_fees": has_fees, "roster": roster_path}


@pytest.fixture(scope="module")
def result(inbox, tmp_path_factory):  # type: ignore[no-untyped-def]
    return audit([inbox["folder"]], roster=read_roster(inbox["roster"]), jobs=2,
                 cache_dir=tmp_path_factory.mktemp("cache"))  # fmt: skip


def test_every_unit_found_once_versions_grouped(inbox, result) -> None:  # type: ignore[no-untyped-def]
    assert result.year == YEAR
    assert sorted(u.name for u in result.units) == sorted(inbox["truth"])
    finance = next(u for u in result.units if u.name.endswith("财政局"))
    assert len(finance.versions) == 2
    assert "初稿" not in finance.chosen.path  # the newer file counts


def test_missing_unreadable_other_year_and_not_on_list(result) -> None:  # type: ignore[no-untyped-def]
    assert sorted(result.missing) == sorted([COUNTY + "档案馆", COUNTY + "融媒体中心"])
    assert result.not_on_roster == [COUNTY + "信访局"]
    reasons = {Path(u.path).name: u.reason for u in result.unreadable}
    assert set(reasons) == {"坏文件.docx", "附件3.doc"}
    assert "另存为 .docx" in reasons["附件3.doc"] and reasons["坏文件.docx"]
    assert [Path(u.path).name for u in result.other_year] == ["档案馆2024.gxr"]


def test_planted_defects_are_the_errors(result) -> None:  # type: ignore[no-untyped-def]
    with_errors = {u.name for u in result.units if u.status.label == "有错误"}
    assert with_errors == {COUNTY + d for d in DEFECTS}
    for dept, cell in DEFECTS.items():
        unit = next(u for u in result.units if u.name == COUNTY + dept)
        balance = [f for f in unit.findings if f.code == "T3-BALANCE"]
        assert len(balance) == 1 and cell in balance[0].cells


def test_rollup_is_the_sum_of_the_chosen_units(inbox, result) -> None:  # type: ignore[no-untyped-def]
    units = [u.chosen.report for u in result.units if u.chosen.report is not None]
    rollup = sum_units(COUNTY + "人民政府", YEAR, units)
    edition = get_edition("2021")
    truth: dict[str, Report] = inbox["truth"]
    for cid in edition.input_ids:
        expected = sum(((r.values.get(cid) or 0) for r in truth.values()), 0)
        assert rollup.report.values[cid] == expected, cid
        assert sum(c.value for c in rollup.provenance[cid]) == expected
    expected_notices = sum(truth[a].fees.notices or 0 for a in inbox["has_fees"])
    assert rollup.report.fees.notices == expected_notices
    amount = sum((truth[a].values.get("t2.b8.fees.amount", 0) for a in truth), Decimal(0))
    assert Decimal(rollup.report.values["t2.b8.fees.amount"]) == amount  # decimals kept, no rounding


def test_every_summed_cell_says_which_units_gave_what(inbox, result, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Provenance for inputs, totals and fees: each unit's share, summing to the cell; kept in the .gxr."""
    units = [u.chosen.report for u in result.units if u.chosen.report is not None]
    rollup = sum_units(COUNTY + "人民政府", YEAR, units)
    edition = get_edition("2021")
    truth: dict[str, Report] = inbox["truth"]
    shown = compute(edition, rollup.report.values)
    for spec in edition.cells.values():
        sources = rollup.report.sources[spec.id]
        assert sum(c.value for c in sources) == shown[spec.id], spec.id
        for c in sources:  # each unit's share is its own figure (its totals from its own inputs)
            own = compute(edition, {k: v for k, v in truth[c.agency].values.items() if k in edition.input_ids})
            assert c.value == (own[spec.id] if spec.computed else truth[c.agency].values[spec.id])
    total = "t3.r7_total.total"
    assert {c.agency for c in rollup.report.sources[total] if c.value} == {
        a for a, r in truth.items() if compute(edition, r.values)[total]
    }
    notices = rollup.report.sources["fees.notices"]
    assert {c.agency for c in notices} == set(inbox["has_fees"])
    note = provenance_note(rollup.report, "fees.notices", rollup.report.fees.notices, limit=3)
    given = [c for c in notices if c.value]
    assert note[0] == f"汇总来源：{len(given)} 个单位，合计 {rollup.report.fees.notices}"
    assert note[1] == f"　{given[0].agency}：{given[0].value}" and len(note) == 1 + min(3, len(given)) + (
        len(given) > 3
    )
    assert provenance_note(rollup.report, total, 0)[-1] == "现为 0，与各单位之和不同（汇总后改过）"
    assert source_name(rollup.report, "fees.collected") == "信息处理费·实际收取金额（元）"

    path = tmp_path / "汇总.gxr"
    save(rollup.report, path)
    again = load(path)
    assert again.sources == rollup.report.sources
    assert provenance_note(again, total, None) == provenance_note(rollup.report, total, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sources"]["t9.nowhere"] = [["某局", 1]]  # derived data: an unknown cell is left out
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert load(path).sources == rollup.report.sources
    data["sources"][total] = "某局 1"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StoreError, match="汇总来源“t3.r7_total.total”的格式不正确"):
        load(path)
    # Moved to another edition's year, the roll-up leaves its provenance behind; undo brings it back.
    state = ReportState(copy.deepcopy(rollup.report))
    before = YearPlan(YEAR, "2021", dict(state.report.values), {}, (), dict(state.report.sources))
    state.apply_year(state.plan_year(2020))
    assert state.report.sources == {}
    save(state.report, path)
    assert load(path).sources == {}
    state.apply_year(state.plan_year(2026))
    state.apply_year(before)
    assert state.report.sources == rollup.report.sources


def test_rollup_sum_finds_the_cells_that_differ(inbox, result) -> None:  # type: ignore[no-untyped-def]
    units = [u.chosen.report for u in result.units if u.chosen.report is not None]
    parent = sum_units(COUNTY + "人民政府", YEAR, units).report
    assert rollup_findings(parent, units) == []
    parent.values["t3.r1_public.natural"] += 2
    findings = rollup_findings(parent, units)
    # One finding for the wrong cell: its row total and （七）总计 follow from it (the report's own
    # totals agree with its cells), so they are not findings of their own.
    assert [f.cells for f in findings] == [("t3.r1_public.natural",)]
    first = findings[0]
    assert first.code == "ROLLUP-SUM" and first.actual - first.expected == 2
    assert "未报送" not in first.message  # said once, by whoever lists the findings
    parent.claimed["t3.r7_total.total"] = 999  # a published total that is wrong on its own
    assert [f.cells for f in rollup_findings(parent, units)] == [("t3.r1_public.natural",), ("t3.r7_total.total",)]


def _t3_row(values: dict, row_id: str) -> int:  # type: ignore[type-arg]
    return sum(values.get(f"t3.{row_id}.{c}") or 0 for c in builders.A)


def _t4_group(values: dict, group: str) -> int:  # type: ignore[type-arg]
    return sum(values.get(f"t4.cases.{group}_{o}") or 0 for o in ("upheld", "corrected", "other", "pending"))


def test_summary_workbook(inbox, result, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "汇总.xlsx"
    write_summary(result, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames[:3] == ["汇总", "问题清单", "未报送"]
    rows = list(workbook["汇总"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(inbox["truth"]) + 1  # the units, and their total
    total_row = rows.pop()
    assert str(total_row[0]).startswith("合计（计入汇总的")
    by_name = {r[0]: r for r in rows}
    header = [c.value for c in workbook["汇总"][1]]
    truth = inbox["truth"]
    status = {u.name: u.status.label for u in result.units}
    for agency, report in truth.items():
        row = dict(zip(header, by_name[agency], strict=True))
        v = report.values
        results = sum(x for k, x in v.items() if k.startswith("t3.r") and x)  # every 办理结果 row
        assert row["本年新收申请总计"] == _t3_row(v, "new"), agency
        assert row["办理结果总计"] == results and row["结转下年度"] == _t3_row(v, "carry_out"), agency
        assert row["行政复议总计"] == _t4_group(v, "review"), agency
        assert row["行政诉讼总计"] == _t4_group(v, "direct") + _t4_group(v, "after_review"), agency
        assert row["状态"] == status[agency]
        assert (row["状态"] == "有错误") == (agency.removeprefix(COUNTY) in DEFECTS)
    problems = list(workbook["问题清单"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == sum(len(u.findings) for u in result.units)
    assert workbook["问题清单"].auto_filter.ref.startswith("A1:F")
    missing = [r[0] for r in workbook["未报送"].iter_rows(min_row=2, values_only=True)]
    assert {COUNTY + "档案馆", COUNTY + "融媒体中心", COUNTY + "信访局", "坏文件.docx", "档案馆2024.gxr"} <= set(
        missing
    )
    # With a roll-up: the summed tables, and where every summed figure came from.
    units = [u.chosen.report for u in result.units if u.chosen.report is not None]
    write_summary(result, path, sum_units(COUNTY + "人民政府", YEAR, units))
    workbook = load_workbook(path)
    assert "汇总三、依申请公开" in workbook.sheetnames
    sources = {r[0]: r for r in workbook["汇总来源"].iter_rows(min_row=2, values_only=True)}
    _, total, text = sources["一、本年新收政府信息公开申请数量，自然人"]
    assert total == sum(r.values.get("t3.new.natural") or 0 for r in truth.values())
    first = next(r for r in truth.values() if r.values.get("t3.new.natural"))
    assert f"{first.meta.agency} {first.values['t3.new.natural']}" in text


def test_cache_reads_only_the_changed_file(inbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "two"
    folder.mkdir()
    a, b = (balanced_report("2021", random.Random(s)) for s in (1, 2))
    a.meta.agency, b.meta.agency = "某某县甲局", "某某县乙局"
    a.meta.year = b.meta.year = YEAR
    save(a, folder / "a.gxr")
    save(b, folder / "b.gxr")
    read: list[str] = []
    import gxdesk.exchange.collection as collection

    real = collection.read_unit

    def counting(path, year_hint=None, digest=""):  # type: ignore[no-untyped-def]
        read.append(Path(path).name)
        assert digest  # hashed once for the cache lookup, not again by the reader
        return real(path, year_hint, digest)

    collection.read_unit = counting  # type: ignore[assignment]
    try:
        audit([folder], jobs=1)
        assert sorted(read) == ["a.gxr", "b.gxr"]
        read.clear()
        b.values["t4.cases.review_upheld"] = 1
        save(b, folder / "b.gxr")
        second = audit([folder], jobs=1)
        assert read == ["b.gxr"]  # the unchanged file came from the cache
        assert (
            next(u for u in second.units if u.name == "某某县乙局").chosen.report.values["t4.cases.review_upheld"] == 1
        )
    finally:
        collection.read_unit = real  # type: ignore[assignment]


def test_roster_from_workbook_with_kinds_and_aliases(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "单位名称", "机关类型", "简称"])
    ws.append([1, "某某县人民政府办公室", "政府工作部门", "县政府办、县府办"])
    ws.append([2, "某某县发展和改革局", None, "县发改局"])
    path = tmp_path / "名单.xlsx"
    wb.save(path)
    roster = read_roster(path)
    assert [e.name for e in roster.entries] == ["某某县人民政府办公室", "某某县发展和改革局"]
    assert roster.match("县府办").name == "某某县人民政府办公室"
    assert roster.match(" 某某县发展和改革局（县物价局） ").name == "某某县发展和改革局"
    assert Roster([RosterEntry("甲")]).match("乙") is None
    assert agency_key("某某县 教育局") == agency_key("某某县教育局")


def test_cli_audit_json_and_rollup(inbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = inbox["folder"]
    result = cli("audit", str(folder), "--units", str(inbox["roster"]), "--json", "--xlsx", str(tmp_path / "s.xlsx"))
    assert result.returncode == 1, result.stderr  # some units have errors
    data = json.loads(result.stdout)
    assert {"units", "missing", "unreadable"} <= set(data)
    unit = next(u for u in data["units"] if u["agency"] == COUNTY + "教育局")
    assert unit["status"] == "有错误" and unit["year"] == YEAR and unit["edition"] == "2021"
    assert any(f["code"] == "T3-BALANCE" for f in unit["findings"])
    assert (tmp_path / "s.xlsx").exists()
    out = tmp_path / "全县.gxr"
    mixed = cli("rollup", str(out), "--from", str(folder), "--agency", COUNTY + "人民政府", "--year", str(YEAR))
    assert mixed.returncode == 0 and "档案馆2024.gxr（2024年度）" in mixed.stderr  # another year: named, not summed
    ok = cli("rollup", str(out), "--from", str(folder / "第一批"), "--agency", COUNTY + "人民政府", "--year",
             str(YEAR), "--exclude", COUNTY + "档案馆", "--force")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "坏文件.docx" in ok.stderr  # unreadable: named, not summed
    first_batch = [a for i, a in enumerate(COUNTY + d for d in DEPARTMENTS) if i % 2]
    cells = json.loads(cli("show", str(out), "--json").stdout)
    natural = next(c for c in cells if c["row"][-1].startswith("一、本年新收") and c["column"][-1] == "自然人")
    assert natural["value"] == sum(inbox["truth"][a].values["t3.new.natural"] for a in first_batch)
    given = {s["agency"]: s["value"] for s in natural["sources"]}  # where the sum came from
    assert given == {a: inbox["truth"][a].values["t3.new.natural"] for a in first_batch if a in given}
    assert sum(given.values()) == natural["value"]
    empty = cli("audit", str(tmp_path / "nothing-here"))
    assert empty.returncode == 2


def test_collection_file_keeps_every_choice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.exchange.collection import CollectionFile

    made = CollectionFile(
        paths=["D:\\各单位\\2025", "/mnt/共享/补报", str(tmp_path / "来件")],
        roster=str(tmp_path / "名单.xlsx"),
        included=["外市某局"],
        aliases={"清河县市场监督管理局": "清河县市场监管局"},
        prior=["D:\\各单位\\2024"],
        excluded=["某某县档案馆"],
        chosen={"某某县教育局": "D:\\各单位\\2025\\教育局（终稿）.docx"},
        parent="D:\\县政府\\2025年度报告.docx",
    )
    path = tmp_path / "清单.gxc"
    made.save(path)
    assert CollectionFile.load(path) == made
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["paths"][2] == "来件" and saved["roster"] == "名单.xlsx"  # relative to the .gxc
    moved = tmp_path / "归档" / "清单.gxc"  # the folder archived with its collection file
    moved.parent.mkdir()
    moved.write_bytes(path.read_bytes())
    assert CollectionFile.load(moved).roster == str(tmp_path / "归档" / "名单.xlsx")
    path.write_text("{不是清单", encoding="utf-8")
    with pytest.raises(ValueError, match="无法读取汇总清单“清单.gxc”"):
        CollectionFile.load(path)


PROBLEMS_TEXT = (
    "一是政务公开工作机制还需进一步健全，部分科室对主动公开的认识不足；二是政策解读形式较为单一，"
    "图解、视频类解读占比不高；三是依申请公开答复文书的说理性有待加强。针对上述问题，我局将加强培训、"
    "丰富解读形式、规范答复文书。"
)


def test_each_unit_is_checked_against_its_own_report_of_last_year(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With last year's collection: 结转 carried over, text reused, a unit that stopped reporting;
    the summary sheet shows the reused share, and choosing a version keeps the cross-year checks."""
    this_year, last_year = tmp_path / "2025", tmp_path / "2024"
    this_year.mkdir()
    last_year.mkdir()
    rng = random.Random(11)
    reports = {}
    for name in ("甲局", "乙局"):
        now, before = balanced_report("2021", rng), balanced_report("2021", rng)
        now.meta.agency = before.meta.agency = COUNTY + name
        now.meta.year, before.meta.year = YEAR, YEAR - 1
        for col in ("natural", "legal", "business", "research", "nonprofit", "other"):
            before.values[f"t3.carry_out.{col}"] = now.values[f"t3.carried_in.{col}"]  # carried over right
        before.parts["一"] = "上年的总体情况另有写法。"  # only the part planted below is reused
        reports[name] = (now, before)
    a_now, a_before = reports["甲局"]
    a_before.values["t3.carry_out.natural"] = a_now.values["t3.carried_in.natural"] + 4  # 4 applications lost
    b_now, b_before = reports["乙局"]
    b_now.parts["五"] = b_before.parts["五"] = PROBLEMS_TEXT  # last year's text sent again
    gone = balanced_report("2021", rng)
    gone.meta.agency, gone.meta.year = COUNTY + "档案馆", YEAR - 1
    for name, (now, before) in reports.items():
        save(now, this_year / f"{name}.gxr")
        save(before, last_year / f"{name}.gxr")
    save(gone, last_year / "档案馆.gxr")
    result = audit([this_year], prior=[last_year], jobs=1, cache_dir=tmp_path)

    units = {u.name: u for u in result.units}
    carry = [f for f in units[COUNTY + "甲局"].findings if f.code == "T3-CARRY"]
    assert [(f.cells, f.actual - f.expected) for f in carry] == [(("t3.carried_in.natural",), -4)]
    reuse = [f for f in units[COUNTY + "乙局"].findings if f.code == "TEXT-REUSE"]
    assert len(reuse) == 1 and reuse[0].part == "五" and reuse[0].actual == 100
    assert units[COUNTY + "乙局"].status.label == "雷同"
    assert not [f for f in units[COUNTY + "乙局"].findings if f.code == "T3-CARRY"]
    assert result.missing == [COUNTY + "档案馆"]  # reported last year, nothing this year
    # The report opened read-only is checked the same way.
    assert evaluate(units[COUNTY + "甲局"].checked_report()) == units[COUNTY + "甲局"].findings  # type: ignore[arg-type]

    path = tmp_path / "汇总.xlsx"
    write_summary(result, path)
    sheet = load_workbook(path)["汇总"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[COUNTY + "乙局"][header.index("雷同（%）")] == 100
    assert rows[COUNTY + "甲局"][header.index("雷同（%）")] is None

    # 甲局 sends a corrected version; the office picks the first one again on purpose: the
    # cross-year checks follow the version chosen (they were lost before).
    fixed = copy.deepcopy(a_now)
    fixed.values["t3.carried_in.natural"] += 4
    fixed.values["t3.new.natural"] -= 4
    os.utime(this_year / "甲局.gxr", (1_700_000_000, 1_700_000_000))
    save(fixed, this_year / "甲局（改）.gxr")
    again = audit([this_year], prior=[last_year], jobs=1, cache_dir=tmp_path)
    unit = next(u for u in again.units if u.name == COUNTY + "甲局")
    assert unit.chosen.path.endswith("甲局（改）.gxr") and not [f for f in unit.findings if f.code == "T3-CARRY"]
    choose(again, COUNTY + "甲局", str(this_year / "甲局.gxr"))
    assert [f.code for f in unit.findings if f.code == "T3-CARRY"] == ["T3-CARRY"]
    assert unit.prior is not None and unit.checked_report().prior is unit.prior  # type: ignore[union-attr]


def test_fees_to_the_fen_are_read_from_word_and_summed_exactly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """万元 to the fen (six decimals, as 平潭 publishes 4166.241619): kept by the Word export, read
    back by the audit, and summed without rounding by the roll-up."""
    from gxdesk.exchange.docx_writer import to_bytes
    from gxdesk.store import load

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    fees = {"青禾县财政局": Decimal("4166.241619"), "青禾县交通运输局": Decimal("0.000001")}
    for agency, amount in fees.items():
        report = balanced_report("2021", random.Random(len(agency)))
        report.meta.agency, report.meta.year = agency, 2025
        report.values["t2.b8.fees.amount"] = amount
        (inbox / f"{agency}.docx").write_bytes(to_bytes(report))
    out = tmp_path / "全县.gxr"
    result = cli("rollup", str(out), "--from", str(inbox), "--agency", "青禾县人民政府", "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert load(out).values["t2.b8.fees.amount"] == Decimal("4166.241620")
    audit = cli("check", str(inbox / "青禾县财政局.docx"), "--json")
    assert "最多保留" not in audit.stdout and "CELL-BLANK" not in audit.stdout


def _single_other_row(source: Path, target: Path) -> None:
    """表三 with （六）其他处理 as one row (no 1/2/3 sub-rows), as 洪泽区 prints its 2021 table."""
    document = docx.Document(str(source))
    table = next(
        t for t in document.tables if any("（六）其他" in c.text.replace("\n", "") for r in t.rows for c in r.cells)
    )
    rows = [r for r in table.rows if "（六）其他" in r.cells[1].text.replace("\n", "")]
    for c in range(3, len(rows[0].cells)):
        total = sum(int(r.cells[c].text) for r in rows if r.cells[c].text.strip().isdigit())
        rows[0].cells[c].paragraphs[0].runs[0].text = str(total)
    for c in (1, 2):
        cell = rows[0].cells[c]
        for run in cell.paragraphs[0].runs[1:]:
            run.text = ""
        cell.paragraphs[0].runs[0].text = "（六）其他处理"
    for row in rows[1:]:
        row._tr.getparent().remove(row._tr)
    document.save(str(target))


def test_a_single_other_row_gives_the_same_edition_and_sum_under_every_hash_seed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The verdict never depends on a set's order: 表二 (2021) and a 表三 whose （六） is one row
    (as 2019 prints it) are a 2021 report, its （六） counted in the sums, under every hash seed."""
    import subprocess
    import sys

    from gxdesk.exchange.docx_writer import to_bytes
    from gxdesk.resources import sample
    from gxdesk.store import load

    report = load(sample("qinghe-sthjj-2025.gxr"))
    (tmp_path / "full.docx").write_bytes(to_bytes(report))
    path = tmp_path / "城管局.docx"
    _single_other_row(tmp_path / "full.docx", path)
    outputs = set()
    for seed in ("1", "2", "3", "5"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run(
            [sys.executable, "-m", "gxdesk", "check", str(path), "--json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
    findings = json.loads(outputs.pop())
    assert not [f for f in findings if f["code"] in ("EDITION-YEAR", "T3-BALANCE", "T3-RESULTSUM") or f["part"] == "二"]


def test_annotated_cells_of_a_published_table_are_read_not_blank(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "22（其中修订16件）" in 表二 is 22 to the audit and the roll-up, never an empty cell."""
    from gxdesk.exchange.docx_writer import to_bytes
    from gxdesk.resources import sample
    from gxdesk.store import load

    source = tmp_path / "source.docx"
    source.write_bytes(to_bytes(load(sample("qinghe-sthjj-2025.gxr"))))
    document = docx.Document(str(source))
    row = next(r for r in document.tables[0].rows if r.cells[0].text.startswith("行政规范性文件"))
    row.cells[1].paragraphs[0].runs[0].text = "22（其中修订16件）"
    row.cells[2].paragraphs[0].runs[0].text = "55(含自然失效29件)"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    document.save(str(inbox / "生态环境局.docx"))
    findings = json.loads(cli("check", str(inbox / "生态环境局.docx"), "--json").stdout)
    assert not [f for f in findings if f["code"] == "CELL-BLANK"]
    out = tmp_path / "sum.gxr"
    result = cli("rollup", str(out), "--from", str(inbox), "--agency", "青禾市人民政府", "--year", "2025")
    assert result.returncode == 0, result.stderr
    values = load(out).values
    assert (values["t2.b1.normative.made"], values["t2.b1.normative.repealed"]) == (22, 55)


def test_a_unit_in_the_other_edition_is_named_and_the_rest_summed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A roll-up never refuses the whole: a 2025 report laid out in the 2019 tables is left out by name."""
    from gxdesk.exchange.docx_writer import to_bytes
    from gxdesk.resources import sample
    from gxdesk.store import load

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = load(sample("qinghe-sthjj-2025.gxr"))
    (inbox / "生态环境局.docx").write_bytes(to_bytes(good))
    old = load(sample("xianyou-gxj-2020.gxr"))
    old.meta.year, old.meta.title = 2025, ""  # last year's template kept: the 2019 tables under a 2025 title
    (inbox / "工信局.docx").write_bytes(to_bytes(old))
    out = tmp_path / "sum.gxr"
    result = cli("rollup", str(out), "--from", str(inbox), "--agency", "青禾市人民政府", "--year", "2025")
    assert result.returncode == 0, result.stderr
    assert "未计入" in result.stderr and old.meta.agency in result.stderr
    summed = load(out)
    assert summed.settings["rollup_units"] == good.meta.agency
    assert summed.values["t3.new.natural"] == good.values["t3.new.natural"]
