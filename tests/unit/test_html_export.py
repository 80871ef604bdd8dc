"""The web page: the official tables with their merges and every figure, headings and
paragraphs as the portal needs them, and no text the author typed turned into markup."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from helpers import balanced_report, cli, sample_report
from hypothesis import given, settings
from hypothesis import strategies as st
from published import TableReader, hostile, html_grid, printed, roles

from gxdesk.domain.editions import edition_of
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.report import Report
from gxdesk.domain.tables import Role
from gxdesk.domain.textutil import clean_text
from gxdesk.exchange import html_writer
from gxdesk.resources import sample

SAMPLES = ("qinghe-sthjj-2025.gxr", "xianyou-gxj-2020.gxr", "fujian-gxt-2020.gxr")
ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "div", "h1", "h2", "h3", "p", "strong", "br", "span",
                "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td"}  # fmt: skip


def read(report: Report) -> TableReader:
    reader = TableReader()
    reader.feed(html_writer.page(report))
    reader.close()
    return reader


def assert_tables_match(report: Report, reader: TableReader) -> None:
    """Every table of the page is the official one: same merged areas, same text, same figures."""
    edition = edition_of(report)
    specs = [edition.table(p.numeral) for p in PARTS if p.table]
    assert len(reader.tables) == len(specs)
    for spec, table in zip(specs, reader.tables, strict=True):
        grid = html_grid(table["rows"])  # type: ignore[arg-type]
        expected = printed(report, spec)
        assert {pos: (c.rowspan, c.colspan, c.text) for pos, c in grid.items()} == expected, spec.key
        kinds = roles(spec)
        for pos, cell in grid.items():
            role = kinds[pos]
            assert cell.tag == ("td" if role in (Role.VALUE, Role.NOTE) else "th"), (spec.key, pos)
            if cell.tag == "th":
                assert cell.attrs["scope"] in ("col", "colgroup", "row", "rowgroup")
        assert table["caption"] == next(p.title for p in PARTS if p.numeral == spec.part)
        # Header rows in <thead>, as many as the official table has.
        assert len(table["rows"]) == spec.n_rows  # type: ignore[arg-type]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_tables_are_the_official_tables_with_every_figure(name: str) -> None:
    report = sample_report(name)
    assert_tables_match(report, read(report))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), edition=st.sampled_from(("2019", "2021")), claimed=st.booleans())
def test_random_reports_print_every_figure(seed: int, edition: str, claimed: bool) -> None:
    report = balanced_report(edition, random.Random(seed), claimed=claimed)
    assert_tables_match(report, read(report))


def test_page_structure_for_the_portal() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    page = html_writer.page(report)
    reader = read(report)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    assert set(reader.tags) <= ALLOWED_TAGS  # no script, no image, no form
    assert reader.tags.count("h1") == 1 and reader.tags.count("h2") == len(PARTS)
    for part in PARTS:
        assert f">{part.heading}</h2>" in page
    assert "（一）信息处理费收取情况" in page  # a sub-heading of part 六 as h3
    assert re.search(r"<h3[^>]*>（一）", page)
    # Relative widths only: no point sizes, no pixel widths on tables or columns.
    assert not re.search(r"\d(pt|px)\b(?<!1px)", page.replace("1px solid", "").replace("4px 6px", ""))
    assert "class=" not in page and "<script" not in page.lower()
    assert "青禾市生态环境局<br>2025年政府信息公开工作年度报告" in page


def test_empty_parts_read_none_and_the_ending_is_printed() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.parts["五"] = ""
    report.fees.notices = None
    report.parts["六"] = ""
    page = html_writer.page(report)
    for heading in ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        after = page.split(f">{heading}</h2>")[1]
        assert re.match(r"\s*<p[^>]*>无。</p>", after), heading
    assert "青禾市生态环境局</p>" in page.split("六、其他需要报告的事项")[1]


HOSTILE = '<script>alert("x")</script>&amp;<b>粗</b>=HYPERLINK("http://x")\x00\x07\ud800\u2028第二行'


def test_typed_text_never_becomes_markup() -> None:
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), HOSTILE)
    page = html_writer.page(report)
    reader = read(report)
    assert set(reader.tags) <= ALLOWED_TAGS
    assert "<script" not in page and "<b>" not in page
    shown = "".join(reader.text)
    # What the author typed is shown as typed (control characters dropped, the line break kept).
    assert '<script>alert("x")</script>&amp;<b>粗</b>=HYPERLINK("http://x")' in shown
    assert "\x00" not in page and "\x07" not in page and "\ud800" not in page


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_stays_text(text: str) -> None:
    report = hostile(sample_report("qinghe-sthjj-2025.gxr"), text)
    reader = read(report)
    assert set(reader.tags) <= ALLOWED_TAGS
    cleaned = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", clean_text(text)).strip()
    for line in (s.strip() for s in cleaned.replace("\u2028", "\n").split("\n")):
        if line:
            assert line in "".join(reader.text)
    html_writer.page(report).encode("utf-8")  # no lone surrogate left


def test_plain_text_alternative_has_the_figures() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    text = html_writer.plain_text(report)
    assert text.startswith("青禾市生态环境局\n2025年政府信息公开工作年度报告\n")
    assert "一、本年新收政府信息公开申请数量\t\t\t23\t6\t1\t1\t2\t0\t33" in text
    assert "\u3000\u3000本报告根据" in text


def test_cli_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "年报.html"
    result = cli("export", str(sample("xianyou-gxj-2020.gxr")), "--html", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "<title>仙游县工业和信息化局2020年度政府信息公开工作年度报告</title>" in text
    assert (out.stat().st_mode & 0o644) == 0o644
