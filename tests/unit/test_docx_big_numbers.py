"""A city's, a province's or a roll-up's figures in Word: six-digit cells (seven- and eight-digit
totals) never wrap inside their cell; tables keep their rows together as the format reads."""

from __future__ import annotations

import copy
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from helpers import official_tables, pdf_text, sample_report
from hypothesis import given
from hypothesis import strategies as st

from gxdesk.domain.cells import format_value
from gxdesk.domain.editions import edition_of
from gxdesk.domain.rules import compute
from gxdesk.exchange.docx_tables import label_lines
from gxdesk.exchange.docx_writer import write
from gxdesk.exchange.table_fit import DIGIT_EM, TYPE_AREA_TWIPS, fit_columns

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def big_report(digits: int = 6):  # type: ignore[no-untyped-def]
    """Every input cell a different number of ``digits`` digits."""
    report = copy.deepcopy(sample_report("qinghe-sthjj-2025.gxr"))
    edition = edition_of(report)
    low, span, k = 10 ** (digits - 1), 9 * 10 ** (digits - 1), 0
    for table in edition.tables:
        for spec in table.inputs:
            k += 1
            n = low + (k * 7919) % span
            report.values[spec.id] = Decimal(f"{n // 100}.25") if spec.kind.is_amount else n
    return report


@pytest.mark.parametrize("digits", [5, 6])
def test_columns_are_wide_enough_for_every_number(digits: int) -> None:
    report = big_report(digits)
    edition = edition_of(report)
    values = compute(edition, report.values)
    for table in edition.tables:
        widths, size = fit_columns(table, values, int(table.layout.font_pt * 2))
        assert sum(widths) <= TYPE_AREA_TWIPS + 1
        assert size >= 13  # never below 小六
        for g in table.grid:
            if g.cell is None or g.colspan > 1:
                continue
            text = format_value(values[g.cell], table.cell(g.cell).kind, unit=True)
            assert len(text) * DIGIT_EM * size * 10 + 114 <= widths[g.col], (table.key, g.cell, text)


def test_small_reports_keep_the_official_widths() -> None:
    report = sample_report("qinghe-sthjj-2025.gxr")
    edition = edition_of(report)
    values = compute(edition, report.values)
    for table in edition.tables:
        _, size = fit_columns(table, values, int(table.layout.font_pt * 2))
        assert size == int(table.layout.font_pt * 2)


def test_tables_break_only_where_a_reader_expects(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    write(sample_report("qinghe-sthjj-2025.gxr"), path)
    groups = official_tables(docx.Document(str(path)))
    (t2,), pieces, (t4,) = groups

    def keeps(tbl) -> list[bool]:  # type: ignore[no-untyped-def]
        return [
            all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in tbl.findall(f"{W}tr")
        ]

    # 表三 cut across pages: the rows of its pieces in order (a later piece's header rows left out).
    t3 = copy.deepcopy(pieces[0])
    for piece in pieces[1:]:
        for tr in piece.findall(f"{W}tr")[3:]:
            t3.append(copy.deepcopy(tr))

    assert keeps(t4) == [True] * (len(keeps(t4)) - 1) + [False]
    # 表三: header + 4 rows together; （三）（四）（五）（六） groups never split; breaks only between them
    breaks = [i for i, k in enumerate(keeps(t3)) if not k]
    labels = ["".join(t.text or "" for t in tr.iter(f"{W}t")) for tr in t3.findall(f"{W}tr")]
    assert breaks[0] >= 3 + 4 - 1
    for group, size in (("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5), ("（六）其他处理", 3)):
        start = next(i for i, text in enumerate(labels) if group in text)
        assert not any(start <= b < start + size - 1 for b in breaks), group
    rows = t2.findall(f"{W}tr")
    captions = [i for i, tr in enumerate(rows) if "第二十条" in "".join(t.text or "" for t in tr.iter(f"{W}t"))]
    assert [i for i, k in enumerate(keeps(t2)) if not k] == [c - 1 for c in captions[1:]] + [len(rows) - 1]
    tall = [tc for tc in t3.iter(f"{W}tc") if "三、本年度办理结果" in "".join(t.text or "" for t in tc.iter(f"{W}t"))]
    assert tall[0].find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "top"
    # merged-cell continuations carry the table's small paragraph, not the 16 pt body style
    for tr in t3.findall(f"{W}tr"):
        for p in tr.iter(f"{W}p"):
            assert (
                p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "gx-table"
            )  # the style id (its name in the style pane is 表格文字)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None, reason="LibreOffice/poppler not installed")
def test_no_number_wraps_in_the_rendered_pages(tmp_path: Path) -> None:
    report = big_report(6)
    path = tmp_path / "big.docx"
    write(report, path)
    text = pdf_text(path, tmp_path)
    words = set(text.split())
    edition = edition_of(report)
    values = compute(edition, report.values)
    printed = {format_value(values[c.id], c.kind) for t in edition.tables if t.key != "t2" for c in t.cells}
    missing = sorted(n for n in printed if n not in words)
    assert missing == [], f"wrapped or missing: {missing[:10]}"


@given(st.text(alphabet="结果维持尚未审不予处理其他（五）1.、", min_size=1, max_size=12), st.integers(1, 8))
def test_label_lines_keep_every_character_in_order(text: str, per_line: int) -> None:
    size = 18  # 9 pt
    lines = label_lines(text, 124 + per_line * size * 10, size)
    assert "".join(lines) == text
    if len(lines) > 1:  # broken by us: every line fits
        assert all(len(line) <= per_line for line in lines)


def test_short_labels_break_between_words() -> None:
    em = 10 * 14  # 7 pt
    room = 124 + 3 * em  # three characters a line
    assert label_lines("结果维持", room, 14) == ["结果", "维持"]
    assert label_lines("（五）不予处理", room, 14) == ["（五）", "不予", "处理"]
    assert label_lines("总计", room, 14) == ["总计"]
    assert label_lines("结果维持", room + em, 14) == ["结果维持"]  # fits: one line
    sentence = "1.申请人无正当理由逾期不补正"
    assert label_lines(sentence, room, 14) == [sentence]  # a sentence: Word wraps it


def test_table_four_with_six_digit_figures_turns_the_page_and_keeps_9_pt(tmp_path: Path) -> None:
    """With six-digit figures 表四 cannot keep 9 pt in the upright 156 mm: it goes on a landscape
    page (GB/T 9704 横排表格, 225 mm wide) at 9 pt, headers on one line, and reads back the same."""
    from gxdesk.exchange.importer import read

    report = big_report(6)
    path = tmp_path / "big.docx"
    write(report, path)
    document = docx.Document(str(path))
    sections = document.sections
    assert [s.orientation.name for s in sections] == ["PORTRAIT", "LANDSCAPE", "PORTRAIT"]
    turned = sections[1]
    assert round(turned.page_width.mm) == 297 and round(turned.page_width.mm - turned.left_margin.mm
                                                         - turned.right_margin.mm) == 225  # fmt: skip
    body = list(document.element.body)
    t4 = official_tables(document)[2][0]
    breaks = [i for i, el in enumerate(body) if el.find(f"{W}pPr/{W}sectPr") is not None]
    assert breaks[0] < body.index(t4) < breaks[1]  # 表四 (and its heading) on the turned page
    sizes = {int(sz.get(f"{W}val")) for sz in t4.iter(f"{W}sz")}
    assert min(sizes) >= 18
    texts = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in t4.iter(f"{W}tc")]
    assert "结果维持" in texts and "尚未审结" in texts
    found = read(path)
    for cid, value in report.values.items():
        if cid.startswith("t4."):
            assert found.values.get(cid) == value, cid


def test_ordinary_reports_stay_upright(tmp_path: Path) -> None:
    for digits in (1, 4):
        path = tmp_path / f"r{digits}.docx"
        write(big_report(digits), path)
        assert [s.orientation.name for s in docx.Document(str(path)).sections] == ["PORTRAIT"]
