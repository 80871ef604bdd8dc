"""Whatever a workbook looks like, the importer answers with a result or a clear error."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import builders
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gxdesk.exchange.importer import read
from gxdesk.exchange.sources import SourceError

# Text a worksheet can hold (openpyxl refuses control characters when the test writes it).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
NOISE = st.one_of(
    TEXT,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.sampled_from(["/", "-", "—", "=1/0", "=SUM(A1:ZZ9)", "=A1", "12件", "１，２３４", "", None]),
)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("prop") / "base.xlsx"
    builders.workbook_one_sheet(path)
    return path


def _outcome(path: Path) -> str:
    try:
        found = read(path)
    except SourceError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return "error"
    assert all(isinstance(k, str) for k in found.values)
    return "found"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(st.tuples(st.integers(1, 60), st.integers(1, 20), NOISE), max_size=25),
    structure=st.lists(st.tuples(st.sampled_from(["row+", "row-", "col+", "col-"]), st.integers(1, 60)), max_size=4),
)
def test_mutated_workbooks_never_crash(base: Path, tmp_path_factory, edits, structure) -> None:  # type: ignore[no-untyped-def]
    wb = load_workbook(base)
    ws = wb.active
    for op, index in structure:
        {"row+": ws.insert_rows, "row-": ws.delete_rows, "col+": ws.insert_cols, "col-": ws.delete_cols}[op](index)
    for row, col, value in edits:
        cell = ws.cell(row, col)
        if type(cell).__name__ == "MergedCell":
            continue
        cell.value = value
    path = tmp_path_factory.mktemp("m") / "m.xlsx"
    wb.save(path)
    assert _outcome(path) in ("found", "error")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), cuts=st.integers(1, 40))
def test_damaged_archives_never_crash(base: Path, tmp_path_factory, seed: int, cuts: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    data = bytearray(base.read_bytes())
    for _ in range(cuts):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path_factory.mktemp("d") / "d.xlsx"
    path.write_bytes(bytes(data))
    assert _outcome(path) in ("found", "error")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.integers(0, 20), garbage=st.binary(max_size=200))
def test_parts_missing_or_garbled_never_crash(base: Path, tmp_path_factory, drop: int, garbage: bytes) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(buffer, "w") as zout:
        items = zin.infolist()
        for i, item in enumerate(items):
            if i == drop % len(items):
                zout.writestr(item.filename, garbage)
            else:
                zout.writestr(item, zin.read(item.filename))
    path = tmp_path_factory.mktemp("g") / "g.xlsx"
    path.write_bytes(buffer.getvalue())
    assert _outcome(path) in ("found", "error")
