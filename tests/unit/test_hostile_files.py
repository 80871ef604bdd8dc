"""Broken and hostile files: nothing hangs, nothing corrupts a report, every refusal says why.

Each case found by mutating the project's own exports is a regression test here; the seeded
fuzz run (``tools/fuzz.py``) runs at the suite's size at the end.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import cli

from gxdesk.domain.cells import CellKind, parse_value, storable_problem
from gxdesk.exchange import docx_writer, xlsx_writer
from gxdesk.exchange.collection import audit, discover, read_unit
from gxdesk.exchange.importer import read
from gxdesk.exchange.sources import SourceError
from gxdesk.resources import sample
from gxdesk.store import StoreError, load, save
from gxdesk.store.projectfile import dumps

ROOT = Path(__file__).resolve().parents[2]
QINGHE = sample("qinghe-sthjj-2025.gxr")


def rewrite(source: Path, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of an Office package with ``change(name, text) -> text`` applied to its XML parts."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename.endswith(".xml"):
                data = change(info.filename, data.decode("utf-8")).encode("utf-8")
            out.writestr(info.filename, data)
    return target


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    report = load(QINGHE)
    docx = folder / "r.docx"
    docx.write_bytes(docx_writer.to_bytes(report))
    xlsx = folder / "r.xlsx"
    xlsx.write_bytes(xlsx_writer.to_bytes(report))
    return {"docx": docx, "xlsx": xlsx}


def timed_read(path: Path) -> tuple[float, int]:
    """Seconds and peak resident MB of reading ``path`` in a fresh process."""
    code = (
        "import sys, time\n"
        "from gxdesk.exchange.importer import read\n"
        "from gxdesk.exchange.sources import SourceError\n"
        "t = time.monotonic()\n"
        "try:\n    read(sys.argv[1])\nexcept SourceError:\n    pass\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(time.monotonic() - t, int(peak) // 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60, check=True
    )
    seconds, mb = out.stdout.split()
    return float(seconds), int(mb)


# ---- bounded work ------------------------------------------------------------------------------
def test_a_merge_over_the_whole_sheet_is_clipped(exports: dict[str, Path], tmp_path: Path) -> None:
    def whole_sheet(name: str, text: str) -> str:
        if "worksheets/" not in name:
            return text
        return re.sub(r"(<mergeCells[^>]*>)", r'\1<mergeCell ref="A1:XFD1048576"/>', text, count=1)

    path = rewrite(exports["xlsx"], tmp_path / "merge.xlsx", whole_sheet)
    assert b"XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet3.xml")
    seconds, mb = timed_read(path)
    assert seconds < 5 and mb < 400
    with pytest.raises(SourceError, match="没有找到可识别的统计表"):  # as in Excel, the merge hides every cell
        read(path)


def test_a_word_span_of_a_billion_columns_is_clipped(exports: dict[str, Path], tmp_path: Path) -> None:
    path = rewrite(
        exports["docx"],
        tmp_path / "span.docx",
        lambda name, text: text.replace('w:gridSpan w:val="', 'w:gridSpan w:val="1000000000', 1),
    )
    seconds, mb = timed_read(path)
    assert seconds < 5 and mb < 400
    odd = rewrite(
        exports["docx"], tmp_path / "odd.docx", lambda n, t: t.replace('w:gridSpan w:val="2"', 'w:gridSpan w:val="1e3"')
    )
    read(odd)  # int('1e3') used to end in 意外错误: a span that is not a count is one column


def test_an_xml_part_that_inflates_past_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    digits = "".join(random.Random(1).choices("0123456789", k=26_000_000))  # packs only 2:1 or so
    body = "<w:p><w:r><w:t>" + digits + "</w:t></w:r></w:p>"  # 26 MB of XML, under the ratio guard
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + body
            + "</w:body></w:document>",
        )
    started = time.monotonic()
    with pytest.raises(SourceError, match="解压后超过 24 MB"):
        read(path)
    assert time.monotonic() - started < 2


def test_a_huge_sparse_file_is_refused_before_it_is_read_or_hashed(tmp_path: Path) -> None:
    path = tmp_path / "sparse.xlsx"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB, no blocks on disk
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    unit = read_unit(str(path))
    assert "超过" in unit.reason and unit.report is None
    with pytest.raises(SourceError, match="超过"):
        read(path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB: not read whole


def test_deep_nesting_is_named(tmp_path: Path) -> None:
    deep = tmp_path / "deep.gxr"
    deep.write_text('{"format": "gxdesk-report", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(StoreError, match="嵌套过深"):
        load(deep)
    result = cli("check", str(deep))
    assert result.returncode == 2 and "嵌套过深" in result.stderr and "意外错误" not in result.stderr


# ---- only finite numbers -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-inf", "1e3", "9" * 40, float("nan"), float("inf"), 1e300])
def test_parse_refuses_what_is_not_a_finite_number(text: object) -> None:
    for kind in CellKind:
        assert not parse_value(text, kind).ok


def test_an_import_never_stores_nan_and_never_blanks_the_authors_value(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    source = rewrite(
        exports["xlsx"], tmp_path / "nan.xlsx", lambda name, text: text.replace("<v>23</v>", "<v>NaN</v>", 1)
    )
    target = tmp_path / "r.gxr"
    target.write_bytes(QINGHE.read_bytes())
    before = target.read_bytes()
    result = cli("import", str(target), "--from", str(source))
    assert result.returncode == 0, result.stderr
    assert "“NaN”不是数字，未导入" in result.stdout
    assert target.read_bytes() == before  # nothing else changed: the report on disk is as it was
    report = load(target)
    assert report.values["t3.new.natural"] == 23
    for command in (["check"], ["show"], ["export", "--docx", str(tmp_path / "o.docx")]):
        assert cli(command[0], str(target), *command[1:]).returncode in (0, 1)


def test_a_report_holding_nan_opens_with_that_cell_blank_and_says_so(tmp_path: Path) -> None:
    data = json.loads(QINGHE.read_text(encoding="utf-8"))
    data["values"]["t3.new.natural"] = float("nan")
    data["values"]["t3.new.business"] = "Infinity"
    data["fees"]["notices"] = 10**40
    path = tmp_path / "nan.gxr"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load(path)
    assert "t3.new.natural" not in report.values and "t3.new.business" not in report.values
    assert report.fees.notices is None
    assert report.values["t3.new.research"] == 1  # the rest of the work is kept
    assert len(report.repairs) == 3 and all("已按空白打开" in r for r in report.repairs)
    assert "NaN" not in dumps(report) and "Infinity" not in dumps(report)
    result = cli("export", str(path), "--docx", str(tmp_path / "o.docx"))
    assert result.returncode == 0 and "自然人" in result.stderr and "已按空白打开" in result.stderr


def test_storable_problem_bounds() -> None:
    assert storable_problem(10**11) is None and storable_problem(10**12)
    assert storable_problem(float("nan")) and storable_problem("Infinity")


# ---- special files, folders and paths ----------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_are_skipped_with_a_reason_not_opened(exports: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(exports["docx"].read_bytes())
    os.mkfifo(inbox / "x.docx")
    os.mkfifo(inbox / "y.gxr")
    started = time.monotonic()
    result = audit([inbox], jobs=1)
    assert [u.name for u in result.units] == ["青禾市生态环境局"]
    reasons = {Path(u.path).name: u.reason for u in result.unreadable}
    assert "管道（FIFO）" in reasons["x.docx"] and "管道（FIFO）" in reasons["y.gxr"]
    for args in (["check", str(inbox / "x.docx")], ["check", str(inbox / "y.gxr")],
                 ["import", str(tmp_path / "r.gxr"), "--from", str(inbox / "x.docx")]):  # fmt: skip
        (tmp_path / "r.gxr").write_bytes(QINGHE.read_bytes())
        out = cli(*args)
        assert out.returncode == 2 and "管道（FIFO）" in out.stderr
    assert time.monotonic() - started < 60


def test_an_unreadable_folder_is_listed(exports: dict[str, Path], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gxdesk.exchange.collection as collection

    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    (inbox / "a.docx").write_bytes(exports["docx"].read_bytes())
    real_walk = os.walk

    def walk(top, onerror=None):  # type: ignore[no-untyped-def]
        yield from real_walk(top, onerror=onerror)
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(inbox / "locked")))

    monkeypatch.setattr(collection.os, "walk", walk)
    monkeypatch.setattr(collection.os, "listdir", lambda p: (_ for _ in ()).throw(PermissionError(13, "denied")))
    files = discover([inbox])
    assert inbox / "locked" in files
    unit = read_unit(str(inbox / "locked"))
    assert unit.reason.startswith("无法读取文件夹") and "权限" in unit.reason


def test_paths_of_any_form_work_together(exports: dict[str, Path], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(exports["docx"].read_bytes())
    monkeypatch.chdir(tmp_path)
    result = audit(["inbox", str(inbox / "a.docx"), "inbox/../inbox/a.docx", "x" * 100_000], jobs=1)
    assert len(result.units) == 1 and len(result.units[0].versions) == 1  # one file, however named
    assert any("太长" in u.reason or "不存在" in u.reason for u in result.unreadable)


# ---- long titles, temp files, generic errors -----------------------------------------------------
@pytest.mark.parametrize("length", [320, 100_000])
def test_long_titles_export(tmp_path: Path, length: int) -> None:
    report = load(QINGHE)
    report.meta.agency = "某" * length
    path = tmp_path / "long.gxr"
    save(report, path)
    started = time.monotonic()
    result = cli("export", str(path), "--docx", str(tmp_path / "o.docx"), "--xlsx", str(tmp_path / "o.xlsx"))
    assert result.returncode == 0, result.stderr[:300]
    assert time.monotonic() - started < 30
    with zipfile.ZipFile(tmp_path / "o.docx") as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "某" * 200 in core and "某" * 300 not in core  # shortened where the format limits it


def test_a_temp_file_left_by_a_killed_save_is_removed_at_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "imp.gxr"
    save(load(QINGHE), path)
    stale = tmp_path / ".imp.gxr.abcd1234.tmp"
    stale.write_text("half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".imp.gxr.efgh5678.tmp"  # another window saving right now
    fresh.write_text("in progress")
    save(load(path), path)
    assert not stale.exists() and fresh.exists()


def test_exports_have_the_users_default_mode(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("modes are POSIX")
    out = tmp_path / "o.xlsx"
    result = cli("export", str(QINGHE), "--xlsx", str(out), "--docx", str(tmp_path / "o.docx"))
    assert result.returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
    assert (tmp_path / "o.docx").stat().st_mode & 0o777 == 0o666 & ~mask


# ---- the fuzz run --------------------------------------------------------------------------------
def test_fuzz_corpus_at_suite_size() -> None:
    """150 mutated files through check, import and export: no hang, crash or damaged report."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "fuzz.py"), "--files", "150", "--jobs", "2"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    summary = lines[-1]
    assert summary["files"] == 150
    assert result.returncode == 0 and summary["problems"] == 0, lines[:-1][:5]
    assert summary["peak_mb"] < 500


def test_broken_reports_in_an_inbox_say_what_is_wrong(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.gxr").write_bytes(b"")
    (inbox / "cut.gxr").write_text('{"format": "gxdesk-report", "edition": "2021"', encoding="utf-8")
    (inbox / "other.gxr").write_text('{"hello": 1}', encoding="utf-8")
    reasons = {Path(u.path).name: u.reason for u in audit([inbox], jobs=1).unreadable}
    assert reasons == {
        "cut.gxr": "文件不完整，可能在保存时被中断",
        "empty.gxr": "文件是空的",
        "other.gxr": "这不是 gxdesk 报告文件",
    }


# ---- the audit cache ---------------------------------------------------------------------------
def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_pickle_planted_in_an_inbox_runs_nothing_and_the_inbox_is_unchanged(
    exports: dict[str, Path], tmp_path: Path
) -> None:
    import pickle
    import sqlite3

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(exports["docx"].read_bytes())
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (Path.write_text, (marker, "x"))

    db = sqlite3.connect(inbox / ".gxdesk-cache.sqlite")
    db.execute("CREATE TABLE units (key TEXT PRIMARY KEY, data BLOB)")
    db.execute("INSERT INTO units VALUES (?, ?)", ("any", pickle.dumps(Payload())))
    db.commit()
    db.close()
    before = snapshot(inbox)
    cache = tmp_path / "cache"
    for _ in range(2):  # cold, then through the cache
        result = audit([inbox], jobs=1, cache_dir=cache)
        assert [u.name for u in result.units] == ["青禾市生态环境局"]
    assert not marker.exists()
    assert snapshot(inbox) == before  # nothing written into the folder the user added
    assert (cache / "audit-cache.sqlite").exists()


@pytest.mark.parametrize("content", [b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200, "foreign"])
def test_a_broken_or_foreign_cache_is_rebuilt_and_never_stops_an_audit(
    exports: dict[str, Path], tmp_path: Path, content: object
) -> None:
    import sqlite3

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(exports["docx"].read_bytes())
    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / "audit-cache.sqlite"
    if content == "foreign":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE something (x)")
        db.commit()
        db.close()
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    result = audit([inbox], jobs=1, cache_dir=cache)
    assert [u.name for u in result.units] == ["青禾市生态环境局"]
    again = audit([inbox], jobs=1, cache_dir=cache)  # the rebuilt cache serves the second run
    assert [u.name for u in again.units] == ["青禾市生态环境局"]
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM units").fetchone()[0] == 1


def test_a_changed_rule_or_reader_reads_the_files_again(exports: dict[str, Path], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gxdesk.exchange.collection as collection
    from gxdesk.exchange import unit_cache

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.docx").write_bytes(exports["docx"].read_bytes())
    cache = tmp_path / "cache"
    audit([inbox], jobs=1, cache_dir=cache)
    reads: list[str] = []
    real = collection.read_unit
    monkeypatch.setattr(collection, "read_unit", lambda p, *a: reads.append(p) or real(p, *a))
    audit([inbox], jobs=1, cache_dir=cache)
    assert reads == []  # unchanged code and file: from the cache
    monkeypatch.setattr(unit_cache, "code_fingerprint", lambda: "another-catalogue")
    audit([inbox], jobs=1, cache_dir=cache)
    assert len(reads) == 1


def test_the_newest_version_comes_from_the_files_not_a_cached_time(exports: dict[str, Path], tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    old, new = inbox / "v1.docx", inbox / "v2.docx"
    old.write_bytes(exports["docx"].read_bytes())
    new.write_bytes(exports["docx"].read_bytes() + b"")  # same content, so the same cache entry
    os.utime(old, (1_000_000, 1_000_000))
    cache = tmp_path / "cache"
    first = audit([inbox], jobs=1, cache_dir=cache)
    assert Path(first.units[0].chosen.path).name == "v2.docx"
    os.utime(old, (4_000_000_000, 4_000_000_000))  # v1 re-sent later
    second = audit([inbox], jobs=1, cache_dir=cache)
    assert Path(second.units[0].chosen.path).name == "v1.docx"
