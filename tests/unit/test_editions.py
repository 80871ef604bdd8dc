"""Edition integrity: structure, spans, ids, rules, and labels against the format notice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gxdesk.domain.checks  # noqa: F401  (registers the evaluators)
from gxdesk.domain.cells import CellKind
from gxdesk.domain.editions import EDITIONS, UnsupportedYearError, edition_for_year, get_edition
from gxdesk.domain.rules import evaluators
from gxdesk.domain.tables import Role

# The format notice as the spec quotes it, vendored so the label tests run anywhere; the copy is
# compared with shared/spec/format.md whenever that is beside the repository.
FORMAT_MD = Path(__file__).resolve().parents[1] / "data" / "format.md"
SHARED_FORMAT_MD = Path(__file__).resolve().parents[3] / "shared" / "spec" / "format.md"
BOTH = ("2019", "2021")


def grid_text(edition_id: str, part: str) -> list[tuple[int, int, int, int, str]]:
    table = get_edition(edition_id).table(part)
    return [(g.row, g.col, g.rowspan, g.colspan, g.text) for g in table.grid if g.role is not Role.VALUE]


@pytest.mark.parametrize(
    ("year", "edition"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2026, "2021"), (2040, "2021")]
)
def test_edition_follows_year(year: int, edition: str) -> None:
    assert edition_for_year(year).id == edition


def test_years_before_2019_are_refused_in_chinese() -> None:
    with pytest.raises(UnsupportedYearError, match="2019年度及以后"):
        edition_for_year(2018)


@pytest.mark.parametrize(("edition", "rows", "inputs2"), [("2019", 23, 22), ("2021", 25, 10)])
def test_table_sizes(edition: str, rows: int, inputs2: int) -> None:
    e = get_edition(edition)
    t3 = e.table("三")
    assert t3.n_cols == 10 and t3.label_cols == 3 and t3.header_rows == 3
    assert t3.n_rows - t3.header_rows == rows
    assert len(t3.cells) == rows * 7
    assert len({c.col_id for c in t3.cells}) == 7
    assert len(e.table("二").inputs) == inputs2
    assert e.table("二").n_cols == 4
    t4 = e.table("四")
    assert len(t4.cells) == 15 and len(t4.inputs) == 12 and t4.n_cols == 15


def test_table_three_header_spans_2021() -> None:
    grid = grid_text("2021", "三")
    assert grid[0] == (0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert (0, 3, 1, 7, "申请人情况") in grid
    assert (1, 3, 2, 1, "自然人") in grid
    assert (1, 4, 1, 5, "法人或其他组织") in grid
    assert (1, 9, 2, 1, "总计") in grid
    assert [g[4] for g in grid if g[0] == 2] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert (3, 0, 1, 3, "一、本年新收政府信息公开申请数量") in grid
    assert (5, 0, 22, 1, "三、本年度办理结果") in grid
    assert (5, 1, 1, 2, "（一）予以公开") in grid
    assert (7, 1, 8, 1, "（三）不予公开") in grid
    assert (15, 1, 3, 1, "（四）无法提供") in grid
    assert (18, 1, 5, 1, "（五）不予处理") in grid
    assert (23, 1, 3, 1, "（六）其他处理") in grid
    assert (26, 1, 1, 2, "（七）总计") in grid
    assert (27, 0, 1, 3, "四、结转下年度继续办理") in grid


def test_table_three_other_row_2019_is_single() -> None:
    grid = grid_text("2019", "三")
    assert (5, 0, 20, 1, "三、本年度办理结果") in grid
    assert (23, 1, 1, 2, "（六）其他处理") in grid


def test_table_four_header_spans() -> None:
    grid = grid_text("2021", "四")
    assert (0, 0, 1, 5, "行政复议") in grid
    assert (0, 5, 1, 10, "行政诉讼") in grid
    assert (1, 0, 2, 1, "结果维持") in grid and (1, 4, 2, 1, "总计") in grid
    assert (1, 5, 1, 5, "未经复议直接起诉") in grid and (1, 10, 1, 5, "复议后起诉") in grid
    assert [g[4] for g in grid if g[0] == 2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert grid_text("2019", "四") == grid


def test_table_two_2021_layout() -> None:
    grid = grid_text("2021", "二")
    assert grid[:6] == [
        (0, 0, 1, 4, "第二十条第（一）项"),
        (1, 0, 1, 1, "信息内容"),
        (1, 1, 1, 1, "本年制发件数"),
        (1, 2, 1, 1, "本年废止件数"),
        (1, 3, 1, 1, "现行有效件数"),
        (2, 0, 1, 1, "规章"),
    ]
    assert (5, 1, 1, 3, "本年处理决定数量") in grid
    assert (12, 1, 1, 3, "本年收费金额（单位：万元）") in grid
    assert "政府集中采购" not in [g[4] for g in grid]
    assert get_edition("2021").cell("t2.b8.fees.amount").kind is CellKind.AMOUNT_WAN


def test_table_two_2019_layout() -> None:
    e = get_edition("2019")
    grid = grid_text("2019", "二")
    captions = [g[4] for g in grid if g[3] == 4]
    assert captions == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    assert (13, 2, 1, 2, "本年增/减") in grid
    assert (16, 2, 1, 2, "采购总金额") in grid
    signed = [c.id for c in e.table("二").cells if c.kind is CellKind.SIGNED]
    assert all(c.endswith(".change") for c in signed) and len(signed) == 5
    assert e.cell("t2.b9.procurement.amount").kind is CellKind.AMOUNT_YUAN


@pytest.mark.parametrize("edition", BOTH)
def test_ids_unique_and_rules_refer_to_cells(edition: str) -> None:
    e = get_edition(edition)
    ids = [c.id for t in e.tables for c in t.cells]
    assert len(ids) == len(set(ids))
    for rule in e.rules:
        assert rule.kind in evaluators(), rule.code
        for key in ("lhs", "rhs", "cells"):
            for cid in rule.params.get(key, ()):
                assert e.has_cell(cid), (rule.code, cid)
        for key in ("total", "cell", "this", "target", "big", "small", "unpaid"):
            if key in rule.params:
                assert e.has_cell(rule.params[key]), (rule.code, key)
    for t in e.tables:
        for c in t.cells:
            assert all(e.has_cell(p) for p in c.parts)


def test_corresponding_cells_share_ids_across_editions() -> None:
    """Carrying numbers from a 2019-edition year into 2021 relies on shared ids."""
    e19, e21 = get_edition("2019"), get_edition("2021")
    assert e19.table("四").cells == e21.table("四").cells
    shared = {c.id for c in e19.table("三").cells} & {c.id for c in e21.table("三").cells}
    assert len(shared) == 22 * 7
    for cid in ("t2.b5.license.decisions", "t2.b6.penalty.decisions", "t2.b6.coercion.decisions"):
        assert e19.has_cell(cid) and e21.has_cell(cid)


def _code_spans(text: str) -> set[str]:
    """Inline code spans and the lines of fenced blocks: where the notice quotes labels."""
    fenced = {ln.strip() for block in re.findall(r"```\n(.*?)```", text, re.S) for ln in block.splitlines()}
    return set(re.findall(r"`([^`\n]+)`", text)) | fenced


@pytest.mark.parametrize("edition", BOTH)
def test_every_label_is_in_the_format_notice(edition: str) -> None:
    official = _code_spans(FORMAT_MD.read_text(encoding="utf-8"))
    e = get_edition(edition)
    labels = {g.text for t in e.tables for g in t.grid if g.text}
    labels |= {p.heading for p in e.parts}
    missing = sorted(lab for lab in labels if lab not in official)
    assert missing == []
    assert e.document in FORMAT_MD.read_text(encoding="utf-8")


def test_the_notice_table_three_rows_are_all_declared() -> None:
    text = FORMAT_MD.read_text(encoding="utf-8")
    section = text[text.index("## Table 三") : text.index("## Table 四")]
    rows = re.findall(r"^\| (.*?) \|(.*?)\|(.*?)\| (both|2019|2021) \|$", section, re.M)
    for l1, l2, l3, which in rows:
        labels = {m for cell in (l1, l2, l3) for m in re.findall(r"`([^`]+)`", cell)}
        for edition in BOTH if which == "both" else (which,):
            declared = {g.text for g in get_edition(edition).table("三").grid}
            assert labels <= declared, (edition, labels - declared)


@pytest.mark.parametrize("edition", BOTH)
def test_labels_have_no_spaces_or_half_width_brackets(edition: str) -> None:
    for t in get_edition(edition).tables:
        for g in t.grid:
            assert not re.search(r"[\s(),:]", g.text), g.text


def test_editions_registry() -> None:
    assert set(EDITIONS) == set(BOTH)
    assert get_edition("2021").document == "国办公开办函〔2021〕30号"
    assert get_edition("2019").document == "国办公开办函〔2019〕60号"


def test_declared_year_ranges_match_the_editions() -> None:
    from gxdesk.domain.editions import _DECLARED

    for edition_id, (_, first, last) in _DECLARED.items():
        edition = get_edition(edition_id)
        assert (edition.id, edition.first_year, edition.last_year) == (edition_id, first, last)


@pytest.mark.skipif(not SHARED_FORMAT_MD.exists(), reason="shared/spec/format.md is not beside the repo")
def test_vendored_format_notice_is_current() -> None:
    assert FORMAT_MD.read_text(encoding="utf-8") == SHARED_FORMAT_MD.read_text(encoding="utf-8")
