"""表三 in Word starts where its heading falls: cut between two label groups (header and the cut
label repeated with （续） on the next page), or moved to the next page when at most a quarter of a
page would be left blank. The page estimate behind it is checked against LibreOffice's layout."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import docx
import pytest
from helpers import NO_RENDERER, converted, sample_report
from hypothesis import given, settings
from hypothesis import strategies as st

from gxdesk.domain.editions import edition_of
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.exchange.docx_pages import (
    LINE_PT,
    MOST_BLANK,
    PAGE_PT,
    heading_positions,
    paragraph_lines,
    place_breakable,
    row_heights,
)
from gxdesk.exchange.docx_writer import write
from gxdesk.exchange.importer import read
from gxdesk.exchange.publication import CONTINUED, break_rows, publication

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def values_of(report: Report) -> dict:  # type: ignore[type-arg]
    return dict(compute(edition_of(report), report.values, report.claimed))


def with_overview(lines: int) -> Report:
    """The 2021 sample with part 一 grown to push 表三's heading down the page."""
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    report.parts["一"] = "\n".join("本年度持续推进政务公开工作，" * 2 for _ in range(lines))
    return report


def test_paragraph_lines_on_the_28_character_grid() -> None:
    assert paragraph_lines("一" * 26) == 1  # two characters of indent
    assert paragraph_lines("一" * 27) == 2
    assert paragraph_lines("1" * 52) == 1  # digits are half width
    assert paragraph_lines("一" * 26 + "\n" + "一" * 28) == 2  # a line break's next line has no indent


def test_a_cut_table_repeats_its_header_and_continues_its_label(tmp_path: Path) -> None:
    report = sample_report("xianyou-gxj-2020.gxr")
    placement = place_breakable(publication(report), values_of(report))["t3"]
    assert placement.cuts and not placement.new_page
    path = tmp_path / "x.docx"
    write(report, path)
    body = docx.Document(str(path)).element.body
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 4  # 表二, 表三 in two pieces, 表四
    first, second = tables[1], tables[2]
    between = first.getnext()
    assert between.tag == f"{W}p" and between.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert between.getnext() is second
    spec = edition_of(report).table("三")
    rows = second.findall(f"{W}tr")
    for tr in rows[: spec.header_rows]:
        assert tr.find(f"{W}trPr/{W}tblHeader") is not None
    text = "".join(t.text or "" for t in second.iter(f"{W}t"))
    assert "三、本年度办理结果" + CONTINUED in text and "申请人情况" in text
    assert len(first.findall(f"{W}tr")) - spec.header_rows == placement.cuts[0] - spec.header_rows
    # The importer reads the two pieces as one table: every figure back, none twice.
    found = read(path)
    read_back = {k: v for k, v in found.values.items() if k.startswith("t3.")}
    assert len(read_back) == len(spec.inputs)
    assert all(read_back[k] == v for k, v in report.values.items() if k.startswith("t3."))


@settings(max_examples=30, deadline=None)
@given(lines=st.integers(0, 60))
def test_placement_leaves_at_most_a_quarter_blank_or_cuts_at_a_group(lines: int) -> None:
    report = with_overview(lines)
    values = values_of(report)
    pub = publication(report)
    placement = place_breakable(pub, values)["t3"]
    marks = {text: (page, top) for text, page, top in heading_positions(pub, values)}
    spec = edition_of(report).table("三")
    heights = row_heights(spec, values)
    head = sum(heights[: spec.header_rows])
    assert all(k in break_rows(spec) for k in placement.cuts)
    _, top = marks["三、收到和处理政府信息公开申请情况"]
    if placement.new_page:
        assert top == 0.0
    elif placement.cuts:
        # The first piece fits below the heading, with the line of margin kept.
        first = head + sum(heights[spec.header_rows : placement.cuts[0]])
        assert top + LINE_PT + first <= PAGE_PT
        assert PAGE_PT - top > MOST_BLANK or top == 0.0


@pytest.mark.slow
@pytest.mark.skipif(NO_RENDERER, reason="LibreOffice/poppler not installed")
@pytest.mark.parametrize("name", ["qinghe-sthjj-2025.gxr", "xianyou-gxj-2020.gxr", "fujian-gxt-2020.gxr"])
def test_estimate_matches_libreoffice_layout(name: str, tmp_path: Path) -> None:
    """Each part heading on the page the estimate says, within a tenth of a page."""
    report = sample_report(name)
    path = tmp_path / "r.docx"
    write(report, path)
    pdf = converted(path, "pdf", tmp_path)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    actual: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(xml.split("<page ")[1:], start=1):
        for m in re.finditer(r'<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.S):
            text = "".join(re.findall(r">([^<]*)</word>", m.group(2)))
            actual.setdefault(text, (number, (float(m.group(1)) - 37 / 25.4 * 72) / PAGE_PT))
    checked = 0
    for text, page, top in heading_positions(publication(report), values_of(report)):
        if re.match(r"^[一二三四五六]、", text) and text in actual:
            got_page, got_top = actual[text]
            assert got_page == page and abs(got_top - top / PAGE_PT) < 0.1, (text, page, top / PAGE_PT, actual[text])
            checked += 1
    assert checked >= 5


def test_an_unrelated_table_right_after_another_does_not_disturb_its_figures(tmp_path: Path) -> None:
    """A clerk's own four-column table pasted straight under 表二 (only an empty paragraph
    between) is read as rows below it: 表二's figures are still its own, none taken from it."""
    report = sample_report("qinghe-sthjj-2025.gxr")
    path = tmp_path / "r.docx"
    write(report, path)
    document = docx.Document(str(path))
    t2 = document.tables[0]._tbl
    extra = document.add_table(rows=3, cols=4)
    for r, row in enumerate((("附：其他", "数量", "金额", "备注"), ("政策解读", "999", "888", "7"), ("", "", "", ""))):
        for c, text in enumerate(row):
            extra.cell(r, c).text = text
    gap = document.add_paragraph("")
    t2.addnext(gap._p)
    gap._p.addnext(extra._tbl)
    document.save(str(path))
    found = read(path)
    for cid, value in report.values.items():
        if cid.startswith("t2."):
            assert found.values.get(cid) == value, cid
    assert 999 not in found.values.values() and 888 not in found.values.values()
