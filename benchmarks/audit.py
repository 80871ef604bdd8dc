"""Benchmark of the supervising office's workbench: auditing and summing a large collection.

Run: ``python benchmarks/audit.py [--files 1000]``. It writes a collection of Word and Excel
reports (our exports of varied random reports) to a temporary folder, then measures, in the
same run: merely unzipping and parsing those files (the floor), the audit on all cores without
a cache, the audit again with the cache (one file changed), the roll-up, and memory as the
collection grows.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from lxml import etree  # noqa: E402

from gxdesk.domain.rollup import sum_units  # noqa: E402
from gxdesk.exchange import docx_writer, xlsx_writer  # noqa: E402
from gxdesk.exchange.collection import audit  # noqa: E402


def make_collection(folder: Path, count: int) -> None:
    from helpers import balanced_report

    rng = random.Random(1)
    docx_bytes = xlsx_bytes = None
    for i in range(count):
        report = balanced_report("2021", rng)
        report.meta.agency, report.meta.year = f"某某市第{i}局", 2025
        # Writing 1,000 files is slow; vary every 10th and copy the bytes between (as distinct
        # agencies would still differ, the file name carries the agency for the copies).
        if i % 10 == 0 or docx_bytes is None:
            docx_bytes, xlsx_bytes = docx_writer.to_bytes(report), xlsx_writer.to_bytes(report)
        target = folder / f"{i:04d}.{'docx' if i % 2 else 'xlsx'}"
        target.write_bytes(docx_bytes if i % 2 else xlsx_bytes)


def parse_only(files: list[Path]) -> float:
    """Seconds to open every package and parse its main XML parts with lxml: the floor."""
    start = time.perf_counter()
    for path in files:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith(("word/document", "xl/worksheets/", "xl/sharedStrings")):
                    etree.fromstring(archive.read(name))
    return time.perf_counter() - start


# VmHWM, not ru_maxrss: Linux carries the parent's peak over fork and exec into ru_maxrss.
MEMORY_CHILD = r"""
import re, sys, tempfile
from pathlib import Path
from gxdesk.exchange.collection import audit
files = sorted(p for p in Path(sys.argv[1]).iterdir() if p.suffix in (".docx", ".xlsx"))[: int(sys.argv[2])]
result = audit(files, jobs=2, cache_dir=Path(tempfile.mkdtemp()))  # read, not taken from the cache
status = Path("/proc/self/status").read_text()
print(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)
"""


def memory_by_size(folder: Path, sizes: list[int]) -> list[tuple[int, float]]:
    """Peak memory (MB) of the main process auditing the first n files, each in a fresh process."""
    import subprocess

    out = []
    for n in sizes:
        command = [sys.executable, "-c", MEMORY_CHILD, str(folder), str(n)]
        run = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
        out.append((n, float(run.stdout.strip().splitlines()[-1])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="汇总与审核的性能")
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gxdesk-audit-"))
    print(f"生成 {args.files} 个文件……", flush=True)
    make_collection(folder, args.files)
    files = sorted(folder.iterdir())

    floor = parse_only(files)
    cache_dir = Path(tempfile.mkdtemp(prefix="gxdesk-audit-cache-"))  # the user's cache, empty
    start = time.perf_counter()
    result = audit([folder], jobs=2, cache_dir=cache_dir)
    cold = time.perf_counter() - start
    sum_units("某某市人民政府", 2025, result.counted_reports())
    cold_rollup = time.perf_counter() - start
    # Everything again through the cache: the office re-audits and sums after a unit resends.
    start = time.perf_counter()
    again = audit([folder], jobs=2, cache_dir=cache_dir)
    sum_units("某某市人民政府", 2025, again.counted_reports())
    warm_rollup = time.perf_counter() - start
    (folder / "0001.docx").write_bytes((folder / "0003.docx").read_bytes())  # one unit resends
    start = time.perf_counter()
    audit([folder], jobs=2, cache_dir=cache_dir)
    warm = time.perf_counter() - start

    # Every file as a unit of its own (the copies share an agency, so the audit grouped them).
    reports = [v.report for u in result.units for v in u.versions if v.report is not None]
    start = time.perf_counter()
    sum_units("某某市人民政府", 2025, reports)
    rollup = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    files_only = [f for f in files if f.suffix in (".docx", ".xlsx")]
    sizes = [len(files_only) // 4, len(files_only) // 2, len(files_only)]
    memory = memory_by_size(folder, sizes) if sizes[0] else []

    n = len(files)
    print(f"文件数：{n}（Word 与 Excel 各半）")
    print(f"仅解压并解析 XML（lxml）：{floor:.2f} 秒，{n / floor:.0f} 个/秒")
    print(f"审核（2 进程，无缓存）：{cold:.2f} 秒，{n / cold:.0f} 个/秒（目标 ≥ 200 个/秒）")
    print(f"审核与仅解析之比：{cold / floor:.1f} 倍（目标 ≤ 6 倍）")
    print(f"从 {n} 个文件汇总（审核加加总），无缓存：{cold_rollup:.2f} 秒")
    print(f"从 {n} 个文件汇总，经缓存：{warm_rollup:.2f} 秒（目标 < 3 秒）")
    print(f"再次审核（1 个文件更新，其余取自缓存）：{warm:.2f} 秒")
    print(f"汇总 {len(reports)} 个单位：{rollup:.3f} 秒（目标 < 3 秒）")
    print(f"主进程峰值内存：{peak_mb:.0f} MB")
    if memory:
        # What grows is the reports kept for summing and viewing, not the reading of the files.
        base_n, base_mb = memory[0]
        steps = "，".join(f"{n} 个 {mb:.0f} MB" for n, mb in memory)
        per_file = (memory[-1][1] - base_mb) / max(1, memory[-1][0] - base_n) * 1024
        print(f"审核进程峰值内存（无缓存）：{steps}；每多一个单位约 {per_file:.0f} KB（保留的报告）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
