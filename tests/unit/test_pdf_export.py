"""The PDF made without Word: A4 pages with "— N —", every figure of the tables on its row, text
that copies and searches as typed, tables cut only between label groups with the header repeated."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import balanced_report, cli, sample_report
from hypothesis import given, settings
from hypothesis import strategies as st
from published import hostile

from gxdesk.domain.editions import edition_of, get_edition
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import Role
from gxdesk.exchange.publication import CONTINUED, break_rows, cell_text, table_piece
from gxdesk.resources import sample

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
SAMPLES = ("qinghe-sthjj-2025.gxr", "xianyou-gxj-2020.gxr", "fujian-gxt-2020.gxr")


def pdf_of(report: Report, folder: Path) -> Path:
    from gxdesk.gui.publish.pdf_writer import to_bytes

    path = folder / "r.pdf"
    path.write_bytes(to_bytes(report))
    return path


def pages_text(path: Path, *, layout: bool = False) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")[:-1]


def figure_rows(report: Report) -> list[list[str]]:
    """Each row of the three tables as the figures it prints, left to right."""
    edition = edition_of(report)
    values = dict(compute(edition, report.values, report.claimed))
    rows = []
    for part in PARTS:
        if not part.table:
            continue
        spec = edition.table(part.numeral)
        for r in range(spec.n_rows):
            cells = sorted((g for g in spec.grid if g.row == r and g.cell is not None), key=lambda g: g.col)
            if cells:
                rows.append([cell_text(g, spec, values) for g in cells])
    return rows


def assert_every_figure_on_its_row(report: Report, path: Path) -> None:
    text = "\n".join(pages_text(path, layout=True))
    for figures in figure_rows(report):
        pattern = r"(?<![\d.])" + r"\s+".join(re.escape(f) for f in figures) + r"(?![\d.])"
        assert re.search(pattern, text), figures


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_pdf_pages_numbers_and_figures(name: str, tmp_path: Path) -> None:
    report = sample_report(name)
    path = pdf_of(report, tmp_path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595 x 842 pts (A4)" in info
    pages = pages_text(path)
    assert 3 <= len(pages) <= 12
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"—\s*{number}\s*—", page)  # (the spaces are drawn, not always extracted)
    assert_every_figure_on_its_row(report, path)
    text = "".join(pages)
    squashed = re.sub(r"\s+", "", text)
    for part in PARTS:
        assert part.heading in squashed
    assert re.sub(r"\s+", "", report.meta.agency) in squashed


def test_text_copies_as_typed_not_as_look_alike_radicals(tmp_path: Path) -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    text = "".join(pages_text(pdf_of(report, tmp_path)))
    assert not [c for c in text if "\u2e80" <= c <= "\u2fdf"]  # ⼀ ⼈ ⻘ …
    squashed = re.sub(r"\s+", "", text)
    assert "青禾市生态环境局" in squashed and "一、本年新收政府信息公开申请数量" in squashed
    assert "人民共和国" in squashed and "〈中华人民共和国政府信息公开工作年度报告格式〉" in squashed


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), edition=st.sampled_from(("2019", "2021")))
def test_random_reports_print_every_figure(seed: int, edition: str, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    report = balanced_report(edition, random.Random(seed))
    assert_every_figure_on_its_row(report, pdf_of(report, tmp_path_factory.mktemp("pdf")))


def test_a_table_cut_repeats_its_header_and_the_cut_label(tmp_path: Path) -> None:
    report = sample_report("xianyou-gxj-2020.gxr")  # 表三 starts low on a page and is cut
    pages = pages_text(pdf_of(report, tmp_path))
    with_table = [p for p in pages if "申请人情况" in re.sub(r"\s+", "", p)]
    assert len(with_table) == 2  # the header on both pages
    # The cut label is set in a narrow column: its lines interleave with its neighbours' text.
    continued = re.sub(r"\s+", "", with_table[1])
    assert "（续" in continued and "本年度办理结果（续）" not in re.sub(r"\s+", "", with_table[0])


def test_empty_parts_and_hostile_text(tmp_path: Path) -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    report.parts["五"] = ""
    text = re.sub(r"\s+", "", "".join(pages_text(pdf_of(report, tmp_path))))
    assert "五、存在的主要问题及改进情况无。" in text
    typed = "<b>粗</b>&amp;=SUM(A1)\x00\x07\x7f\ud800控制字符\u2028第二行"
    text = re.sub(r"\s+", "", "".join(pages_text(pdf_of(hostile(report, typed), tmp_path))))
    # In the title, the 落款, the preface, the parts and the lead-in: as typed, controls dropped.
    assert text.count("<b>粗</b>&amp;=SUM(A1)控制字符第二行") >= 5


def test_cli_writes_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "年报.pdf"
    result = cli("export", str(sample("qinghe-sthjj-2025.gxr")), "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


# ---- the pure cutting rules ---------------------------------------------------------------
@pytest.mark.parametrize("edition", ("2019", "2021"))
def test_pieces_of_a_cut_table_hold_every_cell_once(edition: str) -> None:
    spec = get_edition(edition).table("三")
    cuts = break_rows(spec)
    assert cuts and all(k >= spec.header_rows + 4 for k in cuts)
    for k in cuts:
        first, second = table_piece(spec, spec.header_rows, k), table_piece(spec, k, spec.n_rows)
        held = [g.cell for g in (*first, *second) if g.cell is not None]
        assert sorted(held) == sorted(c.id for c in spec.cells)
        # A label group kept whole is never cut: only the tall 三、本年度办理结果 continues.
        continued = [g.text for g in second if g.text.endswith(CONTINUED)]
        tall = next(g for g in spec.grid if g.text == "三、本年度办理结果")
        assert continued == (["三、本年度办理结果" + CONTINUED] if tall.row < k < tall.row + tall.rowspan else [])
        head = [g for g in second if g.row < spec.header_rows]
        assert head == [g for g in spec.grid if g.row < spec.header_rows]
        for piece in (first, second):
            rows = (
                spec.header_rows + max(g.row + g.rowspan for g in piece if g.row >= spec.header_rows) - spec.header_rows
            )
            covered = {(g.row + dr, g.col + dc) for g in piece for dr in range(g.rowspan) for dc in range(g.colspan)}
            assert covered == {(r, c) for r in range(rows) for c in range(spec.n_cols)}


def test_table_four_is_never_cut_and_table_two_only_between_blocks() -> None:
    edition = get_edition("2021")
    assert break_rows(edition.table("四")) == []
    two = edition.table("二")
    assert break_rows(two) == sorted(g.row for g in two.grid if g.role is Role.CAPTION and g.row)
