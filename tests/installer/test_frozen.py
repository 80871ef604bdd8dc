"""Smoke tests of the frozen one-folder build (CI builds it; set GXDESK_FROZEN to its program).

Without GXDESK_FROZEN these tests are skipped: a developer's test run does not build bundles.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gxdesk.resources import sample

FROZEN = os.environ.get("GXDESK_FROZEN")
pytestmark = pytest.mark.skipif(not FROZEN, reason="GXDESK_FROZEN is not set (no frozen build to test)")
SAMPLES = ("qinghe-sthjj-2025.gxr", "fujian-gxt-2020.gxr", "xianyou-gxj-2020.gxr")


def frozen(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(FROZEN), *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=env
    )


def source(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gxdesk", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.mark.parametrize("name", SAMPLES)
def test_check_same_as_source_tree(name: str) -> None:
    path = str(sample(name))
    a, b = frozen("check", path, "--json"), source("check", path, "--json")
    assert (a.returncode, a.stdout) == (b.returncode, b.stdout)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml")}


@pytest.mark.parametrize("name", SAMPLES)
def test_export_docx_same_as_source_tree(tmp_path, name: str) -> None:
    path = str(sample(name))
    a, b = tmp_path / "frozen.docx", tmp_path / "source.docx"
    assert frozen("export", path, "--docx", str(a)).returncode == 0
    assert source("export", path, "--docx", str(b)).returncode == 0
    assert _parts(a) == _parts(b)


PUBLISHED = [("--html", b"<!DOCTYPE html>"), ("--pdf", b"%PDF-"), ("--png", b"\x89PNG"), ("--svg", b"<?xml"),
             ("--xlsx", b"PK")]  # fmt: skip


@pytest.mark.parametrize(("flag", "magic"), PUBLISHED)
def test_publish_exports_without_a_screen(tmp_path, flag: str, magic: bytes) -> None:
    """The web page, the PDF, the 图解 and Excel from the bundle's command line, with no display."""
    out = tmp_path / f"r.{flag[2:]}"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = frozen("export", str(sample("qinghe-sthjj-2025.gxr")), flag, str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)


def _gui_env(tmp_path: Path) -> dict:
    return dict(
        os.environ, QT_QPA_PLATFORM="offscreen", GXDESK_QUIT_AFTER_MS="1500", GXDESK_CONFIG_DIR=str(tmp_path / "config")
    )


def test_gui_starts_loads_a_sample_and_quits(tmp_path) -> None:
    result = frozen(str(sample("qinghe-sthjj-2025.gxr")), env=_gui_env(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "qinghe-sthjj-2025.gxr — gxdesk" in result.stdout and "错误 0" in result.stdout


def test_bundle_carries_resources_and_chinese_qt_catalogue() -> None:
    internal = Path(FROZEN).resolve().parent / "_internal"
    assert (internal / "resources" / "samples" / "qinghe-sthjj-2025.gxr").exists()
    assert (internal / "resources" / "translations" / "qtbase_zh_CN.qm").exists()
    assert (internal / "resources" / "icons" / "gxdesk.png").exists()
    unused = [p.name for p in internal.rglob("*") if re.search(r"Qt6(Qml|Quick|Network|Sql|Pdf)\b", p.name)]
    assert unused == []


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_network_connection(tmp_path) -> None:
    """Neither the GUI nor the command line opens an Internet socket (IPv4 or IPv6)."""
    log = tmp_path / "trace"
    runs = [
        [str(sample("qinghe-sthjj-2025.gxr"))],
        ["check", str(sample("fujian-gxt-2020.gxr"))],
        ["export", str(sample("xianyou-gxj-2020.gxr")), "--docx", str(tmp_path / "x.docx")],
    ]
    for i, args in enumerate(runs):
        result = subprocess.run(
            ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", f"{log}{i}", str(FROZEN), *args],
            capture_output=True,
            text=True,
            timeout=180,
            env=_gui_env(tmp_path),
        )
        assert result.returncode in (0, 1), result.stderr[-2000:]  # check: 1 = report has errors
        calls = Path(f"{log}{i}").read_text()
        assert not re.findall(r"socket\(AF_INET6?\b|connect\(.*sa_family=AF_INET6?\b", calls), args


def test_install_script_per_user(tmp_path) -> None:
    bundle = Path(FROZEN).resolve().parent.parent
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"))
    subprocess.run(["sh", str(bundle / "install.sh")], check=True, env=env, capture_output=True)
    desktop = (home / ".local/share/applications/gxdesk.desktop").read_text(encoding="utf-8")
    assert f"Exec={home}/.local/share/gxdesk/program/gxdesk %f" in desktop
    assert (home / ".local/bin/gxdesk").exists()
    assert (home / ".local/share/mime/packages/gxdesk.xml").exists()
    subprocess.run(["sh", str(bundle / "install.sh"), "--uninstall"], check=True, env=env, capture_output=True)
    assert not (home / ".local/share/gxdesk").exists() and not (home / ".local/bin/gxdesk").exists()


def _glibc_versions(path: Path) -> set[tuple[int, ...]]:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
    return {tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out)}


@pytest.mark.skipif(shutil.which("objdump") is None, reason="binutils (objdump) is not installed")
def test_glibc_ceiling_over_every_elf_file() -> None:
    """The newest glibc symbol any file of the bundle needs: the oldest system it starts on. The
    compatible build (build-compat.sh) sets GXDESK_GLIBC_MAX=2.31 (Kylin V10 SP1, UOS 20)."""
    folder = Path(FROZEN).resolve().parent
    highest: dict[Path, tuple[int, ...]] = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            versions = _glibc_versions(path)
            if versions:
                highest[path] = max(versions)
    assert highest, "no ELF file found in the bundle"
    ceiling = max(highest.values())
    stated = (folder.parent / "VERSION.txt").read_text(encoding="utf-8")
    assert f"需要 glibc {'.'.join(map(str, ceiling))} 或更新" in stated  # what the clerk reads
    limit = os.environ.get("GXDESK_GLIBC_MAX")
    if limit:
        wanted = tuple(int(n) for n in limit.split("."))
        over = sorted(f"{p.relative_to(folder)}: {'.'.join(map(str, v))}" for p, v in highest.items() if v > wanted)
        assert over == [], over
