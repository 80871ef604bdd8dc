"""Import from workbooks and Word files that gxdesk did not make, and round trips of its own."""

from __future__ import annotations

import json
import time
import zipfile
from decimal import Decimal

import builders
import pytest
from helpers import cli, sample_report

from gxdesk.domain.drafting import new_report
from gxdesk.domain.imported import NoteKind
from gxdesk.domain.merge import plan
from gxdesk.domain.rules import evaluate
from gxdesk.exchange import docx_writer, xlsx_writer
from gxdesk.exchange.importer import read
from gxdesk.exchange.sources import SourceError
from gxdesk.resources import sample
from gxdesk.store import load, save

SAMPLES = ("qinghe-sthjj-2025.gxr", "fujian-gxt-2020.gxr", "xianyou-gxj-2020.gxr")
A = builders.A


def texts(found, kind: NoteKind) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.text for n in found.notes if n.kind is kind]


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("writer", [xlsx_writer, docx_writer], ids=["xlsx", "docx"])
def test_export_import_round_trip(tmp_path, name: str, writer) -> None:  # type: ignore[no-untyped-def]
    report = sample_report(name)
    path = tmp_path / f"r.{writer.__name__.rsplit('_', 1)[0].rsplit('.', 1)[1]}"
    writer.write(report, path)
    found = read(path)
    expected = dict(report.values)
    if writer is docx_writer:  # Word prints 0 for a blank cell
        expected |= {c: 0 for c in found.values if c not in report.values}
    assert {k: v for k, v in found.values.items() if v is not None} == expected
    assert found.edition == report.edition
    target = new_report("", report.meta.year)
    after = plan(target, found).report
    assert {k: v for k, v in after.values.items()} == expected
    if writer is xlsx_writer:
        assert found.claimed == {}  # totals are formulas: recomputed, never trusted
        assert found.fees == {
            "notices": report.fees.notices,
            "noticed": report.fees.noticed,
            "collected": report.fees.collected,
        }


def test_one_sheet_workbook_with_noise(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.xlsx"
    numbers = builders.workbook_one_sheet(path)
    found = read(path)
    for row, vals in numbers.items():
        if row == "r7_total":
            continue
        assert [found.values[f"t3.{row}.{c}"] for c in A] == vals, row
    assert found.values["t2.b1.normative.valid"] == 27  # "２７"
    assert found.values["t2.b5.license.decisions"] == 1234  # "1,234"
    assert found.values["t2.b6.coercion.decisions"] is None  # "/"
    assert found.values["t2.b8.fees.amount"] == Decimal("12.35")
    assert [
        found.values[f"t4.cases.{g}_{o}"]
        for g in ("review", "direct", "after_review")
        for o in ("upheld", "corrected", "other", "pending")
    ] == [2, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0]
    assert any("C14" in t and "“/”" in t for t in texts(found, NoteKind.BLANK))
    assert any("“商业⏎企业”按“商业企业”识别" in t for t in texts(found, NoteKind.VARIANT))
    assert any("“1、属于国家秘密”按“1.属于国家秘密”识别" in t for t in texts(found, NoteKind.VARIANT))
    assert found.table_editions == {"二": "2021", "三": "2021"}


def test_labels_with_invisible_characters_are_recognised(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A Word line break pasted into a cell is stored by Excel as ``_x000B_``; a label copied
    from a web page carries zero-width spaces. Neither may hide a row, and the note says so."""
    from openpyxl import load_workbook

    path = tmp_path / "one.xlsx"
    numbers = builders.workbook_one_sheet(path)
    wb = load_workbook(path)
    ws = wb.active
    labels = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    labels["行政规范性文件"].value = "行政规范性_x000B_文件\u200b"
    labels["二、上年结转政府信息公开申请数量"].value = "二、上年结转\ufeff政府信息公开申请数量_x0007_"
    wb.save(path)
    found = read(path)
    assert found.values["t2.b1.normative.valid"] == 27
    assert [found.values[f"t3.carried_in.{c}"] for c in A] == numbers["carried_in"]
    variants = texts(found, NoteKind.VARIANT)
    assert any("“行政规范性文件”（含 2 个不可见字符，已忽略）按“行政规范性文件”识别" in t for t in variants), variants
    assert not texts(found, NoteKind.DOUBTFUL)


def test_excel_escapes_are_decoded() -> None:
    from gxdesk.exchange.ooxml import excel_unescape

    assert excel_unescape("甲_x000B_乙") == "甲\v乙"
    assert excel_unescape("_x005F_x0041_") == "_x0041_"  # an escaped underscore keeps the text literal
    assert excel_unescape("plain_x12_text") == "plain_x12_text"


def test_claimed_total_that_differs_is_kept_and_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.xlsx"
    builders.workbook_one_sheet(path, bad_total=("r1_public", 2))
    report = plan(new_report("某局", 2025), read(path)).report
    rowsum = [f for f in evaluate(report) if f.code == "T3-ROWSUM"]
    assert [(f.cells[0], f.actual - f.expected) for f in rowsum] == [("t3.r1_public.total", 2)]
    report.claimed.clear()  # the author accepts the recomputed totals
    assert not [f for f in evaluate(report) if f.code == "T3-ROWSUM"]


def test_wps_saved_workbook(tmp_path) -> None:  # type: ignore[no-untyped-def]
    builders.workbook_one_sheet(tmp_path / "one.xlsx")
    builders.wps_like(tmp_path / "wps.xlsx", tmp_path / "one.xlsx")
    assert read(tmp_path / "wps.xlsx").values == read(tmp_path / "one.xlsx").values


def test_2019_workbook_per_sheet_with_formulas_and_extras(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "per.xlsx"
    numbers = builders.workbook_per_sheet_2019(path)
    found = read(path)
    assert found.values["t3.new.natural"] == 23  # "=20+3" evaluated from the sheet
    assert [found.values[f"t3.r6.{c}"] for c in A] == numbers["r6"]
    assert found.values["t2.b5.license.change"] == -2
    assert found.values["t2.b9.procurement.amount"] == 731107
    assert "t3.new.total" not in found.claimed  # a SUM formula: recomputed
    assert any("其他主动公开文件" in t for t in texts(found, NoteKind.EXTRA))
    assert not any(k.startswith("t2.b1.other") for k in found.values)
    assert texts(found, NoteKind.MISSING) == ["没有找到表四"]
    # into a 2019-edition report: every number lands
    report = plan(new_report("某局", 2020), found).report
    assert report.values["t2.b1.normative.total_published"] == 30
    # into a 2021-edition report: what corresponds comes in, the rest is reported
    result = plan(new_report("某局", 2023), found)
    assert [result.report.values[f"t3.r6_3.{c}"] for c in A] == numbers["r6"]
    assert result.report.values["t2.b1.normative.made"] == 16
    assert "t2.b1.normative.total_published" not in result.report.values
    edition_notes = [n.text for n in result.notes if n.kind is NoteKind.EDITION]
    assert any("2019年版格式" in t for t in edition_notes)
    assert any("对外公开总数量" in t and "没有对应" in t for t in edition_notes)


def test_mixed_edition_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A 2021-edition table three with one 2019-style （六）其他处理 row."""
    from openpyxl import Workbook

    numbers = builders.t3_numbers()
    rows = [r for r in builders.T3_ROWS_2021 if not r[0].startswith("r6_")]
    rows.insert(-2, ("r6", "（六）其他处理"))
    numbers["r6"] = numbers["r6_3"]
    wb = Workbook()
    builders._write_t3(wb.active, 1, 1, numbers, merge=True, as_text=False, rows=rows)
    wb.save(tmp_path / "mixed.xlsx")
    found = read(tmp_path / "mixed.xlsx")
    result = plan(new_report("某局", 2024), found)
    assert [result.report.values[f"t3.r6_3.{c}"] for c in A] == numbers["r6_3"]
    assert "t3.r6_1.natural" not in result.report.values  # unknown: left for the author
    assert any(n.kind is NoteKind.EDITION for n in result.notes)


def test_word_report_by_hand(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.docx"
    numbers = builders.docx_report(path)
    found = read(path)
    for row, vals in numbers.items():
        if row != "r7_total":
            assert [found.values[f"t3.{row}.{c}"] for c in A] == vals, row
    assert [found.values[f"t2.b1.normative.{c}"] for c in ("made", "repealed", "valid")] == [4, 2, 40]
    assert (found.year, found.agency, found.title) == (
        2025,
        "某某县人民政府",
        "某某县人民政府2025年政府信息公开工作年度报告",
    )
    assert found.parts["六"] == "无。"  # the ending (agency, date) is not part of 六
    assert found.parts["一"].startswith("（一）主动公开")
    assert "国办公开办函〔2021〕30号" in found.preface
    assert any("四、政府信息公开行政复议和行政诉讼情况" in t for t in texts(found, NoteKind.FOUND))
    assert found.claimed["t3.new.total"] == sum(numbers["new"])


def test_check_audits_a_received_word_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.docx"
    numbers = builders.docx_report(path)
    result = cli("check", str(path), "--json")
    findings = json.loads(result.stdout)
    codes = {f["code"] for f in findings}
    assert "TEXT-TABLE" in codes  # "收到政府信息公开申请99件" vs the table
    text_table = next(f for f in findings if f["code"] == "TEXT-TABLE")
    assert text_table["actual"] == 99 and text_table["expected"] == sum(numbers["new"])
    assert "PART-EMPTY" not in codes
    assert result.returncode == 0


def test_check_workbook_needs_a_year_and_skips_narrative(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.xlsx"
    builders.workbook_one_sheet(path)
    no_year = cli("check", str(path))
    assert no_year.returncode == 2 and "--year" in no_year.stderr
    ok = cli("check", str(path), "--year", "2025", "--json")
    codes = [f["code"] for f in json.loads(ok.stdout)]
    assert "PART-EMPTY" not in codes and "PART1-TOPICS" not in codes
    assert codes.count("CELL-BLANK") == 1  # the "/" cell


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text", "不是Excel 工作簿"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "加密文件或旧版"),
        (b"", "不是Excel 工作簿"),
    ],
)
def test_bad_workbooks_are_refused(tmp_path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message):
        read(path)


def test_wrong_kind_and_old_formats(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx_path = tmp_path / "r.docx"
    builders.docx_report(docx_path)
    renamed = tmp_path / "r.xlsx"
    renamed.write_bytes(docx_path.read_bytes())
    with pytest.raises(SourceError, match="不是Excel 工作簿"):
        read(renamed)
    (tmp_path / "old.xls").write_bytes(b"x")
    with pytest.raises(SourceError, match="另存为"):
        read(tmp_path / "old.xls")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(SourceError, match="不支持"):
        read(tmp_path / "a.txt")


def test_workbook_without_tables(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "会议记录"
    wb.save(tmp_path / "notes.xlsx")
    with pytest.raises(SourceError, match="没有找到可识别的统计表"):
        read(tmp_path / "notes.xlsx")


def test_zip_bomb_refused_quickly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):  # 300 MB of zeros, a few hundred KB packed
                handle.write(chunk)
    start = time.perf_counter()
    with pytest.raises(SourceError, match="异常庞大"):
        read(path)
    assert time.perf_counter() - start < 1.0


def test_corrupt_package(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "corrupt.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-xml")
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(SourceError):
        read(path)


def test_prior_year_carries_forward_and_enables_cross_year_rules(tmp_path) -> None:  # type: ignore[no-untyped-def]
    last = sample_report("qinghe-sthjj-2025.gxr")
    last.values.update({"t3.carry_out.natural": 2, "t3.carry_out.business": 1})
    xlsx_writer.write(last, tmp_path / "last.xlsx")
    this = new_report("青禾市生态环境局", 2026)
    this.values["t3.carried_in.business"] = 5  # already typed, and different
    result = plan(this, read(tmp_path / "last.xlsx"), prior_year=True)
    report = result.report
    assert report.prior is not None and report.prior.year == 2025 and report.prior.edition == "2021"
    assert report.values["t3.carried_in.natural"] == 2  # carried forward into an empty cell
    assert report.values["t3.carried_in.business"] == 5  # the author's number stays
    assert any("保留本年数字" in n.text for n in result.notes)
    carry = [f for f in evaluate(report) if f.code == "T3-CARRY"]
    assert [(f.cells, f.expected, f.actual) for f in carry] == [(("t3.carried_in.business",), 1, 5)]


def test_prior_year_from_2019_edition_gxr(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gxdesk.exchange.importer import from_report

    last = sample_report("fujian-gxt-2020.gxr")
    this = new_report("福建省工业和信息化厅", 2021)
    report = plan(this, from_report(last, "last.gxr"), prior_year=True).report
    assert report.prior.edition == "2019"
    assert all(report.values[f"t3.carried_in.{c}"] == 0 for c in A)
    assert report.prior.parts["一"] == last.text("一")


def test_cli_import_dry_run_and_apply(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.gxr"
    save(new_report("某局", 2025), target)
    source = tmp_path / "one.xlsx"
    builders.workbook_one_sheet(source)
    gx = ("import", str(target), "--from", str(source))
    dry = cli(*gx, "--dry-run")
    assert dry.returncode == 0 and "试运行" in dry.stdout and "【将修改】" in dry.stdout
    assert "【空白】" in dry.stdout and "C14" in dry.stdout
    from gxdesk.store import load

    assert load(target).values == {}
    done = cli(*gx)
    assert done.returncode == 0 and load(target).values["t2.b5.license.decisions"] == 1234
    bad = cli(*gx[:-1], str(tmp_path / "missing.xlsx"))
    assert bad.returncode == 2 and "不存在" in bad.stderr


def test_formulas_chained_and_circular(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Totals that sum totals are worked out through the chain (each once); a circular pair is
    said by address and left out, and the rest of the table still comes in."""
    from openpyxl import load_workbook

    report = sample_report("qinghe-sthjj-2025.gxr")
    path = tmp_path / "r.xlsx"
    xlsx_writer.write(report, path)
    wb = load_workbook(path)
    ws = wb["三、依申请公开"]
    ws["E6"] = "=E7+0"  # 一、本年新收 商业企业 ← 二、上年结转 商业企业 ← itself: a loop
    ws["E7"] = "=E6"
    ws["D6"] = "=D29-D29+D8"  # 自然人: through the （七）总计 SUM, itself a formula over formulas
    wb.save(path)
    found = read(path)
    invalid = texts(found, NoteKind.INVALID)
    assert any("E6" in t and "无法计算" in t for t in invalid) and any("E7" in t for t in invalid), invalid
    assert "t3.new.commercial" not in found.values and "t3.carried_in.commercial" not in found.values
    assert found.values["t3.new.natural"] == report.values["t3.r1_public.natural"]


def test_last_years_report_hands_on_its_contact_details_and_names_a_different_agency(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Importing last year's report fills this year's empty 网址/地址/邮编/电话/邮箱 (as changes the
    preview lists) and says so when last year's report is another agency's."""
    from gxdesk.domain.drafting import draft_preface
    from gxdesk.domain.editions import get_edition
    from gxdesk.domain.fields import CONTACTS

    last = load(sample("qinghe-sthjj-2025.gxr"))
    last.meta.year = 2024
    for source in ("last.gxr", "last.docx"):
        path = tmp_path / source
        if source.endswith(".gxr"):
            save(last, path)
        else:
            last.preface = draft_preface(last, get_edition(last.edition))  # it states the contacts
            path.write_bytes(docx_writer.to_bytes(last))
        this = new_report("青禾市生态环境局", 2025)
        result = plan(this, read(path), prior_year=True)
        filled = {c.what: c.new for c in result.changes}
        for spec in CONTACTS:
            expected = str(spec.get(last))
            if expected and (source.endswith(".gxr") or spec.id != "website"):
                assert result.report.meta.__dict__[spec.id] == expected, (source, spec.id)
                assert filled[spec.caption] == expected
        assert result.report.prior is not None and result.report.prior.agency == "青禾市生态环境局"
    other = new_report("青禾市水利局", 2025)
    notes = [n.text for n in plan(other, read(tmp_path / "last.gxr"), prior_year=True).notes]
    assert any("上年报告的机关名称是“青禾市生态环境局”" in n for n in notes)
