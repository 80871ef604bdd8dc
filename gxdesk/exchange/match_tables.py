"""Finding the official tables in grids by their labels, wherever they are, in either edition.

Rows and columns are identified by label (exact, folded, or similar) — never by position
alone — using the labels of both editions at once, so a table that mixes the editions comes
in as far as it goes. Cell ids are shared by the editions where cells mean the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from gxdesk.domain.cells import CellKind, Value, parse_value, storable_problem
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import EDITIONS, latest_edition
from gxdesk.domain.editions.common import T2_CAPTIONS, T4_COLUMNS
from gxdesk.domain.imported import Found, NoteKind
from gxdesk.domain.tables import CellSpec
from gxdesk.domain.textutil import without_hidden
from gxdesk.exchange.formulas import FormulaError, evaluate
from gxdesk.exchange.labels import LabelIndex, Match, fold
from gxdesk.exchange.sources import Grid

_CAPTION = re.compile(r"第二十条第[（(]?([一二三四五六七八九十]+)[）)]?项")
_CAPTION_BLOCK = {fold(caption): block for block, caption in T2_CAPTIONS.items()}


@dataclass
class _Read:
    """One value read from the grid for a cell id."""

    cell: CellSpec
    edition: str
    where: str
    value: Value | None
    raw: str
    literal: bool


def _editions() -> list[Edition]:
    return [EDITIONS[e] for e in sorted(EDITIONS, reverse=True)]  # the current edition first


def _number(grid: Grid, r: int, c: int, kind: CellKind, found: Found, name: str) -> tuple[Value | None, str, bool]:
    """(value, source text, literal?) of a cell; formulas are evaluated from the sheet's cells."""
    cell = grid.cell(r, c)
    if cell is None:
        return None, "", True
    if cell.formula:
        try:
            value = _numeric(grid, r, c)
        except (FormulaError, RecursionError):
            found.note(NoteKind.INVALID, f"{grid.address(r, c)}（{name}）的公式“{cell.formula}”无法计算，未导入")
            found.refused.add(grid.address(r, c))
            return None, cell.formula, False
        problem = storable_problem(value) if value is not None else None
        if problem:
            found.note(NoteKind.INVALID, f"{grid.address(r, c)}（{name}）的公式结果{problem}，未导入")
            found.refused.add(grid.address(r, c))
            return None, cell.formula, False
        parsed = parse_value(value, kind)
        return (parsed.value if parsed.ok else value), cell.formula, False
    raw = "" if cell.raw is None else str(cell.raw)
    parsed = parse_value(cell.raw, kind)
    if not parsed.ok:
        problem = storable_problem(cell.raw) if isinstance(cell.raw, (int, float, Decimal)) else "x"
        if not problem:
            return Decimal(str(cell.raw)), raw, True  # kept: CELL-VALUE will say what is wrong
        found.refused.add(grid.address(r, c))
        if isinstance(cell.raw, (int, float, Decimal)):
            found.note(NoteKind.INVALID, f"{grid.address(r, c)}（{name}）“{raw.strip()}”{problem}，未导入")
            return None, raw, True
        found.note(NoteKind.INVALID, f"{grid.address(r, c)}（{name}）内容“{raw.strip()[:40]}”不是数字，未导入")
        return None, raw, True
    if parsed.blank_marker:
        found.note(NoteKind.BLANK, f"{grid.address(r, c)}（{name}）写的是“{raw.strip()}”，按空白导入")
    if parsed.note:
        found.note(NoteKind.DOUBTFUL, f"{grid.address(r, c)}（{name}）“{raw.strip()}”{parsed.note}")
    return parsed.value, raw, True


def _numeric(grid: Grid, r: int, c: int, depth: int = 0) -> Decimal | None:
    cell = grid.cell(r, c)
    if cell is None:
        return None
    if cell.formula:
        if (r, c) in grid.computed:
            return grid.computed[(r, c)]
        if depth > 50:
            raise FormulaError("circular")
        value = evaluate(cell.formula, lambda rr, cc: _numeric(grid, rr, cc, depth + 1))
        grid.computed[(r, c)] = value
        return value
    parsed = parse_value(cell.raw, CellKind.SIGNED if not isinstance(cell.raw, float) else CellKind.AMOUNT_WAN)
    if parsed.value is None:
        return None
    return Decimal(parsed.value)


def _looks_numeric(grid: Grid, r: int, c: int) -> bool:
    cell = grid.cell(r, c)
    if cell is None:
        return False
    if cell.formula:
        return True
    return parse_value(cell.raw, CellKind.SIGNED).ok and cell.raw not in (None, "")


def _note_match(found: Found, grid: Grid, r: int, c: int, match: Match[Any], text: str) -> None:
    """Every match that is not exact is shown: folded forms as variants, similar ones as doubtful."""
    if match.exact:
        return
    visible, hidden = without_hidden(text.replace("\n", "⏎"))
    shown = f"“{visible}”" + (f"（含 {hidden} 个不可见字符，已忽略）" if hidden else "")
    if match.how == "similar":
        found.note(
            NoteKind.DOUBTFUL,
            f"{grid.address(r, c)}{shown}与“{match.label}”相近，按后者识别（相似度 {match.score:.0%}）",
        )
    else:
        found.note(NoteKind.VARIANT, f"{grid.address(r, c)}{shown}按“{match.label}”识别")


# ---- table 三 -------------------------------------------------------------------------------
@cache
def _t3_indexes() -> tuple[LabelIndex[tuple[str, str]], LabelIndex[str], dict[str, CellSpec]]:
    rows: dict[str, tuple[str, str]] = {}
    cols: dict[str, str] = {}
    cells: dict[str, CellSpec] = {}
    for edition in _editions():
        table = edition.table("三")
        for spec in table.cells:
            rows.setdefault(spec.row[-1], (spec.row_id, edition.id))
            cols.setdefault(spec.column[-1], spec.col_id)
            cells.setdefault(spec.id, spec)
    row_index = LabelIndex([(label, key) for label, key in rows.items()])
    col_index = LabelIndex([(label, key) for label, key in cols.items()])
    return row_index, col_index, cells


def find_three(grid: Grid, found: Found) -> list[_Read] | None:
    row_index, col_index, cells = _t3_indexes()
    anchors = []
    for r, c in sorted(grid.cells):
        if grid.is_covered(r, c):
            continue
        m = row_index.match(grid.text(r, c))
        if m is not None and m.key[0] == "new":
            anchors.append((r, c))
    best: list[_Read] | None = None
    for r0, c0 in anchors:
        reads = _read_three(grid, r0, c0, row_index, col_index, cells, found)
        if reads and (best is None or len(reads) > len(best)):
            best = reads
    return best


def _read_three(
    grid: Grid,
    r0: int,
    c0: int,
    row_index: LabelIndex[tuple[str, str]],
    col_index: LabelIndex[str],
    cells: dict[str, CellSpec],
    found: Found,
) -> list[_Read]:
    # Columns: the applicant labels in the rows just above the first data row.
    columns: dict[str, int] = {}
    for r in range(max(0, r0 - 5), r0):
        for c in range(c0 + 1, c0 + 25):
            text = grid.text(r, c)
            m = col_index.match(text) if text else None
            if m is not None and m.key not in columns:
                columns[m.key] = c
                _note_match(found, grid, r, c, m, text)
    if len(columns) < 4:
        return []
    first_value = min(columns.values())
    reads: list[_Read] = []
    seen_rows: set[str] = set()
    empty_run = 0
    for r in range(r0, grid.n_rows):
        label_cells = [(c, grid.text(r, c)) for c in range(c0, first_value) if grid.text(r, c)]
        if not label_cells:
            empty_run += 1
            if empty_run >= 2:
                break
            continue
        empty_run = 0
        c_label, text = label_cells[-1]  # the innermost label of the row
        row_match = row_index.match(text)
        if row_match is None:
            if any(_looks_numeric(grid, r, c) for c in columns.values()):
                found.note(NoteKind.EXTRA, f"{grid.address(r, c_label)}“{text}”不是表三的行，已忽略")
                continue
            break
        row_id, edition = row_match.key
        if row_id in seen_rows:
            break  # a second table below
        seen_rows.add(row_id)
        _note_match(found, grid, r, c_label, row_match, text)
        for col_id, c in columns.items():
            spec = cells.get(f"t3.{row_id}.{col_id}")
            if spec is None:
                continue
            value, raw, literal = _number(grid, r, c, spec.kind, found, spec.name)
            reads.append(_Read(spec, edition, grid.address(r, c), value, raw, literal))
    return reads


# ---- table 四 -------------------------------------------------------------------------------
def _t4_group_labels() -> tuple[tuple[str, str], ...]:
    """表四's group headers, read from its declaration: 行政复议, 行政诉讼 and the two kinds of 诉讼."""
    review, litigation = T4_COLUMNS.children
    direct, after_review = litigation.children
    return (
        (review.label, "review"),
        (litigation.label, "litigation"),
        (direct.label, "direct"),
        (after_review.label, "after_review"),
    )


@cache
def _t4_indexes() -> tuple[LabelIndex[str], LabelIndex[str], dict[tuple[str, str], CellSpec]]:
    table = latest_edition().table("四")  # the same in both editions
    outcomes = LabelIndex(list({spec.column[-1]: spec.column[-1] for spec in table.cells}.items()))
    groups = LabelIndex(list(_t4_group_labels()))
    by_header = {(spec.col_id.rsplit("_", 1)[0], spec.column[-1]): spec for spec in table.cells}
    return outcomes, groups, by_header


def find_four(grid: Grid, found: Found) -> list[_Read] | None:
    """Table 四 found by its headers: each column named by its group and outcome labels.

    Blank data cells (a whole 复议后起诉 block left empty is common) read as blank; the table
    is still found. Without readable headers, a row of 15 numbers below 行政复议 is taken in order.
    """
    _, groups, _ = _t4_indexes()
    for r0, c0 in sorted(grid.cells):
        if grid.is_covered(r0, c0):
            continue
        m = groups.match(grid.text(r0, c0))
        if m is None or m.key != "review":
            continue
        reads = _four_by_headers(grid, r0, c0, found) or _four_by_position(grid, r0, c0, found)
        if reads:
            return reads
    return None


def _four_by_headers(grid: Grid, r0: int, c0: int, found: Found) -> list[_Read]:
    outcomes, groups, by_header = _t4_indexes()
    columns: dict[str, tuple[int, int]] = {}  # cell id -> (header row, column)
    bottom = r0
    for r in range(r0 + 1, min(r0 + 5, grid.n_rows)):
        for c in range(c0, c0 + 32):
            if grid.is_covered(r, c):
                continue
            text = grid.text(r, c)
            om = outcomes.match(text) if text else None
            if om is None:
                continue
            group = _t4_group_of(grid, groups, r0, r, c, c0)
            spec = by_header.get((group, om.key)) if group else None
            if spec is None or spec.id in columns:
                continue
            columns[spec.id] = (r, c)
            _note_match(found, grid, r, c, om, text)
            span = 1
            while grid.is_covered(r + span, c) and grid.cells[(r + span, c)].origin == (r, c):
                span += 1
            bottom = max(bottom, r + span - 1)
    if len(columns) < 10:
        return []
    data_row = bottom + 1
    if data_row >= grid.n_rows:
        return []
    table = latest_edition().table("四")
    missing = [spec.name for spec in table.cells if spec.id not in columns]
    if missing:
        found.note(NoteKind.MISSING, f"{grid.where}表四没有找到“{'”“'.join(missing)}”栏")
    reads = []
    for spec in table.cells:
        if spec.id not in columns:
            continue
        c = columns[spec.id][1]
        value, raw, literal = _number(grid, data_row, c, spec.kind, found, spec.name)
        reads.append(_Read(spec, latest_edition().id, grid.address(data_row, c), value, raw, literal))
    return reads


def _t4_group_of(grid: Grid, groups: LabelIndex[str], r0: int, r: int, c: int, c0: int) -> str | None:
    """The innermost group above (r, c): in each row above, the nearest label at or left of c.

    行政诉讼 alone does not say which of its two blocks a column is in: then None.
    """
    for rr in range(r - 1, r0 - 1, -1):
        text = next((grid.text(rr, cc) for cc in range(c, c0 - 1, -1) if grid.text(rr, cc)), "")
        m = groups.match(text) if text else None
        if m is not None and m.key != "litigation":
            return str(m.key)
    return None


def _four_by_position(grid: Grid, r0: int, c0: int, found: Found) -> list[_Read]:
    outcomes, _, _ = _t4_indexes()
    table = latest_edition().table("四")
    for r in range(r0 + 1, min(r0 + 6, grid.n_rows)):
        numeric = [c for c in range(c0, c0 + 30) if _looks_numeric(grid, r, c)]
        if len(numeric) >= 12:
            break
    else:
        return []
    if len(numeric) != 15:
        found.note(NoteKind.DOUBTFUL, f"{grid.where}表四数据行有 {len(numeric)} 个数字，应为 15 个，已按顺序对应")
    reads = []
    for spec, c in zip(table.cells, numeric, strict=False):
        label = next((grid.text(rr, c) for rr in range(r - 1, r0, -1) if grid.text(rr, c)), "")
        lm = outcomes.match(label)
        if lm is None or lm.key != spec.column[-1]:
            found.note(NoteKind.DOUBTFUL, f"{grid.address(r, c)} 表头为“{label}”，按顺序作为“{spec.name}”导入")
        value, raw, literal = _number(grid, r, c, spec.kind, found, spec.name)
        reads.append(_Read(spec, latest_edition().id, grid.address(r, c), value, raw, literal))
    return reads


# ---- table 二 -------------------------------------------------------------------------------
def find_two(grid: Grid, found: Found) -> list[_Read] | None:
    captions = []
    for r, c in sorted(grid.cells):
        if grid.is_covered(r, c):
            continue
        folded = fold(grid.text(r, c))
        match = _CAPTION.fullmatch(folded)
        if match:
            block = _CAPTION_BLOCK.get(fold(f"第二十条第（{match.group(1)}）项"))
            captions.append((r, c, block, match.group(1)))
    if not captions:
        return None
    reads: list[_Read] = []
    for i, (rc, cc, block, numeral) in enumerate(captions):
        if block is None:
            found.note(NoteKind.EXTRA, f"{grid.address(rc, cc)}“第二十条第（{numeral}）项”不在报告格式中，已忽略")
            continue
        end = captions[i + 1][0] if i + 1 < len(captions) else grid.n_rows
        reads += _read_block(grid, rc, cc, end, block, found)
    return reads


@cache
def _block_indexes(
    block: str,
) -> tuple[LabelIndex[str], LabelIndex[str], dict[tuple[str, str], tuple[CellSpec, str]]]:
    rows: dict[str, str] = {}
    cols: dict[str, str] = {}
    cells: dict[tuple[str, str], tuple[CellSpec, str]] = {}
    for edition in _editions():
        for spec in edition.table("二").cells:
            if not spec.id.startswith(f"t2.{block}."):
                continue
            row = spec.row_id.split(".", 1)[1]
            rows.setdefault(spec.row[-1], row)
            cols.setdefault(spec.column[-1], spec.col_id)
            cells.setdefault((row, spec.col_id), (spec, edition.id))
    return LabelIndex(list(rows.items())), LabelIndex(list(cols.items())), cells


def _read_block(grid: Grid, rc: int, cc: int, end: int, block: str, found: Found) -> list[_Read]:
    row_index, col_index, cells = _block_indexes(block)
    columns: dict[str, int] = {}
    header = rc + 1
    for c in range(cc + 1, cc + 12):
        if grid.is_covered(header, c):
            continue
        text = grid.text(header, c)
        m = col_index.match(text) if text else None
        if m is not None and m.key not in columns:
            columns[m.key] = c
            _note_match(found, grid, header, c, m, text)
    if not columns:
        found.note(NoteKind.MISSING, f"{grid.address(rc, cc)}之下没有找到表二的表头")
        return []
    reads = []
    for r in range(header + 1, end):
        text = grid.text(r, cc)
        if not text:
            continue
        m = row_index.match(text)
        if m is None:
            if any(_looks_numeric(grid, r, c) for c in columns.values()):
                found.note(NoteKind.EXTRA, f"{grid.address(r, cc)}“{text}”不是报告格式中的行，已忽略（未计入）")
            continue
        _note_match(found, grid, r, cc, m, text)
        for col_id, c in columns.items():
            hit = cells.get((m.key, col_id))
            if hit is None:
                continue
            spec, edition = hit
            value, raw, literal = _number(grid, r, c, spec.kind, found, spec.name)
            reads.append(_Read(spec, edition, grid.address(r, c), value, raw, literal))
    return reads


# ---- all tables --------------------------------------------------------------------------
FINDERS = (("二", find_two), ("三", find_three), ("四", find_four))
_ONLY = {e: {c.id for t in EDITIONS[e].tables for c in t.cells} for e in EDITIONS}


def collect(grids: list[Grid], found: Found) -> None:
    """Fill ``found`` with every official table found in ``grids`` (the fullest of each)."""
    for part, finder in FINDERS:
        best: tuple[Grid, list[_Read], Found] | None = None
        for grid in grids:
            scratch = Found(found.source)
            reads = finder(grid, scratch)
            if reads and (best is None or len(reads) > len(best[1])):
                best = (grid, reads, scratch)
        if best is None:
            found.note(NoteKind.MISSING, f"没有找到表{part}")
            continue
        grid, reads, scratch = best
        found.notes.extend(scratch.notes)
        for read in reads:
            spec = read.cell
            if read.where in scratch.refused:
                continue  # not a number: the report keeps what it has, the note says why
            if spec.computed:
                if read.literal and read.value is not None:
                    found.claimed[spec.id] = read.value
                continue
            found.values[spec.id] = read.value
            found.where[spec.id] = read.where
        edition = _edition_of(reads)
        count = sum(not r.cell.computed for r in reads)
        if edition:
            found.table_editions[part] = edition
        layout = f"（{edition}年版格式）" if edition else ""
        found.note(NoteKind.FOUND, f"表{part}：在{grid.where}找到 {count} 个数字{layout}")


def _edition_of(reads: list[_Read]) -> str | None:
    """The edition whose own cells (those the other edition lacks) were read the most."""
    counts = {
        e: sum(1 for r in reads if r.cell.id in ids and not all(r.cell.id in o for o in _ONLY.values()))
        for e, ids in _ONLY.items()
    }
    if not any(counts.values()):
        return None  # the table is the same in both editions (表四)
    return max(counts, key=lambda e: (counts[e], e))
