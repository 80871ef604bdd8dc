"""gxdesk benchmarks: one run, one table of medians against their targets.

Run: ``python benchmarks/run.py``. Later features add their rows to ``BENCHMARKS``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gxdesk.domain.rules import evaluate  # noqa: E402
from gxdesk.exchange.textgrid import pad, width  # noqa: E402
from gxdesk.resources import SAMPLE_2021, sample  # noqa: E402
from gxdesk.store import load  # noqa: E402


def measure(fn: Callable[[], object], *, repeat: int = 200, warmup: int = 5) -> list[float]:
    """Wall-clock milliseconds of ``repeat`` calls after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def bench_rules() -> list[float]:
    report = load(sample(SAMPLE_2021))
    return measure(lambda: evaluate(report), repeat=500)


def bench_rules_cold() -> list[float]:
    """As above, but with the narrative caches emptied before each run (text just edited)."""
    from gxdesk.domain.checks import text
    from gxdesk.domain.textutil import _squash

    report = load(sample(SAMPLE_2021))

    def run() -> None:
        _squash.cache_clear()
        text._body.cache_clear()
        evaluate(report)

    return measure(run, repeat=300)


def bench_load() -> list[float]:
    path = sample(SAMPLE_2021)
    return measure(lambda: load(path))


# (name, function, target in ms for the median)
BENCHMARKS: list[tuple[str, Callable[[], list[float]], float]] = [
    ("规则检查：2021年版示例全部规则", bench_rules, 2.0),
    ("规则检查：同上，正文刚被修改（无缓存）", bench_rules_cold, 2.0),
    ("打开 .gxr：2021年版示例", bench_load, 20.0),
]


def main() -> int:
    rows = []
    for name, fn, target in BENCHMARKS:
        times = fn()
        median = statistics.median(times)
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        rows.append((name, median, p95, target, "达标" if median <= target else "未达标"))
    size = max(width(r[0]) for r in rows) + 2
    head = [pad("中位数 ms", 12, "right"), pad("P95 ms", 10, "right"), pad("目标 ms", 10, "right")]
    print(pad("项目", size, "left") + "".join(head) + "  结果")
    for name, median, p95, target, verdict in rows:
        print(f"{pad(name, size, 'left')}{median:>12.3f}{p95:>10.3f}{target:>10.1f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
