"""Text as it really arrives: pasted from Word or a PDF (control characters, lone surrogates),
and agency names or lines that look like spreadsheet formulas. Nothing crashes, nothing runs."""

from __future__ import annotations

import copy
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from helpers import cli, converted, sample_report
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from gxdesk.domain.report import Report
from gxdesk.domain.textutil import LINE_BREAK, clean_text
from gxdesk.exchange import docx_writer, xlsx_writer
from gxdesk.exchange.importer import read
from gxdesk.store import load, save
from gxdesk.store.projectfile import dumps

PASTED = "第一行\v第二行（手动换行）\x0c分页后\x00空字符\x07响铃\ud800孤立代理\ufffe非字符\r\nWindows 换行\t制表符"
TEXT_FIELDS = ("agency", "website", "address", "postcode", "phone", "email", "title")


def hostile(report: Report, text: str) -> Report:
    report = copy.deepcopy(report)
    for name in TEXT_FIELDS:
        setattr(report.meta, name, text)
    report.preface = text
    report.parts = {"一": text, "五": text, "六": text}
    report.leads = {"二": text}
    return report


def xml_parts_parse(path: Path) -> None:
    """Every XML part of the package is well-formed (what Word, WPS and LibreOffice need first)."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))


def test_clean_text_keeps_meaning() -> None:
    cleaned = clean_text(PASTED)
    assert cleaned == (f"第一行{LINE_BREAK}第二行（手动换行）\n分页后空字符响铃孤立代理非字符\nWindows 换行\t制表符")
    assert clean_text(cleaned) == cleaned
    assert clean_text("普通文字\n第二段") == "普通文字\n第二段"


def test_pasted_control_characters_export_and_line_break_stays(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), PASTED)
    out = tmp_path / "r.docx"
    docx_writer.write(report, out)
    xlsx_writer.write(report, tmp_path / "r.xlsx")
    xml_parts_parse(out)
    xml_parts_parse(tmp_path / "r.xlsx")
    body = docx.Document(str(out)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    first = next(p for p in body.iter(f"{w}p") if "第一行" in "".join(t.text or "" for t in p.iter(f"{w}t")))
    assert first.find(f".//{w}br") is not None  # the manual line break is a line break in Word
    # and it comes back as one on import
    found = read(out)
    assert f"第一行{LINE_BREAK}第二行" in found.parts["一"]


def test_cli_export_of_pasted_text_has_no_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), PASTED)
    path = tmp_path / "r.gxr"
    save(report, path)
    assert "\x0c" not in path.read_text(encoding="utf-8")
    result = cli("export", str(path), "--docx", str(tmp_path / "r.docx"), "--xlsx", str(tmp_path / "r.xlsx"))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    json_result = cli("check", str(path), "--json")
    assert "Traceback" not in json_result.stderr


def test_opening_a_file_with_control_characters_cleans_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = dumps(sample_report("qinghe-sthjj-2025.gxr")).replace(
        "青禾市生态环境局", "青禾市\\u000b生态环境局\\u0000", 1
    )
    path = tmp_path / "r.gxr"
    path.write_text(text, encoding="utf-8")
    assert "\x00" not in load(path).meta.agency


def test_cli_never_prints_a_traceback_on_an_unexpected_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.gxr"
    save(sample_report("qinghe-sthjj-2025.gxr"), path)
    result = cli("export", str(path), "--docx", str(tmp_path), "--xlsx", str(tmp_path / "r.xlsx"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_no_text_becomes_a_formula(tmp_path, lead: str) -> None:  # type: ignore[no-untyped-def]
    text = f'{lead}SUM(1,2)+HYPERLINK("http://x")'
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), text)
    report.explanations = {"T3-BALANCE|x|": text}
    path = tmp_path / "r.xlsx"
    xlsx_writer.write(report, path)
    workbook = load_workbook(path)
    formulas = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append((sheet.title, cell.value))
    # The only formulas are the totals of the three tables.
    assert formulas and all(str(v).startswith("=SUM(") for _, v in formulas)
    info = workbook["基本信息"]
    assert info["A1"].value == text and info["A1"].data_type == "s"
    assert any(row[1].value == text for row in info.iter_rows(min_row=3) if len(row) > 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=60))
def test_any_text_in_any_field_exports(tmp_path, text: str) -> None:  # type: ignore[no-untyped-def]
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), text)
    docx_path, xlsx_path = tmp_path / "p.docx", tmp_path / "p.xlsx"
    docx_writer.write(report, docx_path)
    xlsx_writer.write(report, xlsx_path)
    xml_parts_parse(docx_path)
    xml_parts_parse(xlsx_path)
    docx.Document(str(docx_path))
    load_workbook(xlsx_path)
    dumps(report).encode("utf-8")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")
def test_libreoffice_opens_exports_of_hostile_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    every_control = "".join(chr(i) for i in range(32)) + "\x7f\x85\u2028\u2029\ud800\udfff\ufffe\uffff"
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), "=开头" + every_control + PASTED)
    files = [tmp_path / "h.docx", tmp_path / "h.xlsx"]
    docx_writer.write(report, files[0])
    xlsx_writer.write(report, files[1])
    for source, target in ((files[0], "pdf"), (files[1], "csv")):
        assert converted(source, target, tmp_path).stat().st_size > 0


def test_a_fix_list_file_name_holds_no_control_or_bidi_character() -> None:
    """县公安局\\u202egpj.exe would show in a file manager as 县公安局exe.jpg: such characters go."""
    from gxdesk.exchange.fix_lists import FIX_SUFFIX, file_name

    for name in ("县公安局\u202egpj.exe", "县\u0001公安局", "县公安\u200b局", "县公安局\udcb9", "\u2066县公安局\u2069"):
        written = file_name(name)
        assert written.endswith(FIX_SUFFIX)
        assert all(unicodedata.category(ch)[0] != "C" for ch in written), repr(written)
    assert file_name("县公安局\u202egpj.exe") == "县公安局gpj.exe" + FIX_SUFFIX


@pytest.mark.skipif(sys.platform == "win32", reason="file names are UTF-16 there: no undecodable bytes")
def test_a_gbk_file_name_is_shown_and_never_aborts_the_summary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What unzip leaves from a Windows zip on a 信创 desktop: the name's bytes are GBK."""
    import os

    from openpyxl import load_workbook

    from gxdesk.exchange.docx_writer import to_bytes

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    name = os.fsencode(inbox) + b"/" + "城管局年报.docx".encode("gbk")
    with open(name, "wb") as handle:
        handle.write(to_bytes(sample_report("qinghe-sthjj-2025.gxr")))
    summary = tmp_path / "汇总.xlsx"
    result = cli("audit", str(inbox), "--xlsx", str(summary), "--fix-lists", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    texts = [str(c.value) for ws in load_workbook(summary).worksheets for row in ws.iter_rows() for c in row if c.value]
    # The bytes that are not UTF-8 are shown as such (\\xb3 …); the name is there, never dropped.
    assert any(t.endswith(".docx") and "\\x" in t for t in texts), texts
