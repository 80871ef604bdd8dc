"""The project file: round trip, atomic saves, and clear errors for every kind of bad file."""

from __future__ import annotations

import copy
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from gxdesk.domain.report import Report
from gxdesk.store import SCHEMA_VERSION, StoreError, load, save
from gxdesk.store import migrations as migrations_module
from gxdesk.store.projectfile import dumps


def test_round_trip_keeps_everything(qinghe: Report, tmp_path: Path) -> None:
    qinghe.explanations["T2-VALID-ROLL|x|"] = "有2件文件到期失效"
    qinghe.settings["fonts"] = "windows"
    qinghe.claimed["t3.new.total"] = 33
    path = tmp_path / "r.gxr"
    save(qinghe, path)
    again = load(path)
    assert again == qinghe
    assert isinstance(again.values["t2.b8.fees.amount"], Decimal)
    assert again.values["t2.b8.fees.amount"] == Decimal("12.35")
    assert isinstance(again.values["t3.new.natural"], int)


def test_missing_part_survives_round_trip(fujian: Report, tmp_path: Path) -> None:
    save(fujian, tmp_path / "f.gxr")
    assert load(tmp_path / "f.gxr").parts["六"] is None


def test_file_is_utf8_json_with_schema(qinghe: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.gxr"
    save(qinghe, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "gxdesk-report" and data["schema"] == SCHEMA_VERSION
    assert "青禾市生态环境局" in path.read_text(encoding="utf-8")


def test_second_save_keeps_backup(qinghe: Report, tmp_path: Path) -> None:
    path = tmp_path / "r.gxr"
    save(qinghe, path)
    first = path.read_bytes()
    changed = copy.deepcopy(qinghe)
    changed.meta.agency = "改名后的机关"
    save(changed, path)
    assert (tmp_path / "r.gxr.bak").read_bytes() == first
    assert load(path).meta.agency == "改名后的机关"


def test_a_full_disk_while_keeping_the_backup_leaves_the_old_backup_whole(
    qinghe: Report, tmp_path: Path, monkeypatch
) -> None:
    """The .bak is written as the report is: temp file, then rename; a copy cut short never replaces it."""
    import errno
    import shutil

    path = tmp_path / "r.gxr"
    save(qinghe, path)
    save(qinghe, path)
    backup = (tmp_path / "r.gxr.bak").read_bytes()
    current = path.read_bytes()

    def full_disk(src, dst, length=0):  # type: ignore[no-untyped-def]
        dst.write(src.read(4096))  # a fragment, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full_disk)
    changed = copy.deepcopy(qinghe)
    changed.meta.agency = "改名后的机关"
    with pytest.raises(StoreError, match="磁盘空间不足"):
        save(changed, path)
    assert (tmp_path / "r.gxr.bak").read_bytes() == backup
    assert path.read_bytes() == current
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.gxr", "r.gxr.bak"]  # no fragment left


def test_failed_save_leaves_old_file_intact(qinghe: Report, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "r.gxr"
    save(qinghe, path)
    before = path.read_bytes()
    changed = copy.deepcopy(qinghe)
    changed.meta.agency = "不应写入"

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StoreError, match="磁盘空间不足，原文件未被改动"):
        save(changed, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_read_only_folder(qinghe: Report, tmp_path: Path, monkeypatch) -> None:
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(StoreError, match="没有写入权限"):
        save(qinghe, tmp_path / "r.gxr")
    assert not (tmp_path / "r.gxr").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"   \n", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "不是 gxdesk 报告文件"),
        (b"PK\x03\x04 this is a zip", "文件内容已损坏"),
        (b'{"hello": "world"}', "这不是 gxdesk 报告文件"),
        (b"[1, 2, 3]", "这不是 gxdesk 报告文件"),
        (b'{"format": "gxdesk-report", "schema": "x"}', "文件版本信息不正确"),
        (b'{"format": "gxdesk-report", "schema": 99}', "更新版本的 gxdesk"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.gxr"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        load(path)
    assert message in str(info.value) and "bad.gxr" in str(info.value)


def test_truncated_file(qinghe: Report, tmp_path: Path) -> None:
    text = dumps(qinghe)
    path = tmp_path / "cut.gxr"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(StoreError, match="文件不完整"):
        load(path)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["values"].__setitem__("t9.nope", 1), "无法识别的单元格"),
        (lambda d: d["values"].__setitem__("t3.new.total", 1), "无法识别的单元格"),
        (lambda d: d["values"].__setitem__("t3.new.natural", "十"), "不是数字"),
        (lambda d: d.__setitem__("edition", "2030"), "未知的报告格式版本"),
        (lambda d: d["meta"].__setitem__("year", "二〇二五"), "报告年度"),
        (lambda d: d["meta"].__setitem__("kind", "外星机关"), "机关类型"),
        (lambda d: d.__setitem__("parts", []), "正文"),
        (lambda d: d["parts"].__setitem__("一", 5), "不是文字"),
        (lambda d: d.pop("meta"), "基本信息"),
        (lambda d: d["fees"].__setitem__("notices", -1), "收费通知件数"),
    ],
)
def test_wrong_content_is_named(qinghe: Report, tmp_path: Path, mutate, message: str) -> None:
    data = json.loads(dumps(qinghe))
    mutate(data)
    path = tmp_path / "wrong.gxr"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(StoreError, match=message):
        load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="文件不存在"):
        load(tmp_path / "none.gxr")
    with pytest.raises(StoreError, match="文件夹"):
        load(tmp_path)


def test_migrations_run_in_order(monkeypatch) -> None:
    """An older file goes through each registered step up to the current schema."""

    def rename_agency(old: dict) -> dict:
        old["meta"]["agency"] = old["meta"].pop("organisation")
        return old

    monkeypatch.setitem(migrations_module.MIGRATIONS, 1, rename_agency)
    data = {"schema": 1, "meta": {"organisation": "某局"}}
    assert migrations_module.migrate(data, 2) == {"schema": 2, "meta": {"agency": "某局"}}
    with pytest.raises(migrations_module.TooNewError):
        migrations_module.migrate({"schema": 3}, 2)


def test_every_older_schema_has_a_migration() -> None:
    assert set(migrations_module.MIGRATIONS) == set(range(1, SCHEMA_VERSION))
