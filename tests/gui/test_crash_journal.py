"""A crash costs at most a second of typing: every edit reaches the recovery journal at once.

The kill test runs the document and its autosaver in a child process that makes a change every
100 ms without pause, kills it (SIGKILL) at random moments, and recovers as the next start
would: every change the child had reported as made is back (the journal is written before the
change is reported, so no clock decides the verdict and a loaded machine cannot flake it), and
the recovered report is always one the author actually had.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxdesk.domain.drafting import new_report
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.gui.autosave import Autosaver, orphans
from gxdesk.gui.document import ReportDocument
from gxdesk.gui.settings import recovery_dir
from gxdesk.store import report_to_dict

CELL = "t3.new.natural"
CHILD = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from gxdesk.domain.drafting import new_report
    from gxdesk.domain.keys import FieldGroup, TextKey
    from gxdesk.gui.autosave import Autosaver
    from gxdesk.gui.document import ReportDocument

    app = QCoreApplication([])
    doc = ReportDocument(new_report("清河县某局", 2025))
    saver = Autosaver(doc)
    n = 0

    def change():
        global n
        n += 1
        if n % 3 == 0:
            doc.set_cells({{"{CELL}": n}})
        elif n % 3 == 1:
            doc.set_text(TextKey.PART_1, "本年度第" + str(n) + "次修改总体情况。")
        else:
            doc.set_field(FieldGroup.META, "phone", "0591-" + str(n))
        print(n, flush=True)

    timer = QTimer(interval=100)
    timer.timeout.connect(change)
    timer.start()
    print("ready", flush=True)
    app.exec()
    """
)


def expected_after(n: int) -> tuple[int | None, str, str]:
    """(cell, part 一, phone) after the child's first ``n`` changes."""
    cell = max((i for i in range(1, n + 1) if i % 3 == 0), default=None)
    text = max((i for i in range(1, n + 1) if i % 3 == 1), default=None)
    phone = max((i for i in range(1, n + 1) if i % 3 == 2), default=None)
    return cell, f"本年度第{text}次修改总体情况。" if text else "", f"0591-{phone}" if phone else ""


def recovered_count(report) -> int:  # type: ignore[no-untyped-def]
    """How many of the child's changes the recovered report holds, checked to be a real moment."""
    numbers = [report.values.get(CELL) or 0]
    part1 = report.parts.get("一") or ""
    if part1.startswith("本年度第"):
        numbers.append(int(part1[4 : part1.index("次")]))
    if report.meta.phone.startswith("0591-"):
        numbers.append(int(report.meta.phone[5:]))
    n = max(numbers)
    got = (report.values.get(CELL), report.parts.get("一") if n else "", report.meta.phone)
    assert got == expected_after(n), f"the recovered report is no state the author had: {got}"
    return n


@pytest.mark.slow
def test_a_kill_during_continuous_typing_loses_at_most_a_second(tmp_path: Path) -> None:
    rng = random.Random(20261208)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for moment in range(20):
        config = tmp_path / f"config-{moment}"
        env["GXDESK_CONFIG_DIR"] = str(config)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        assert first == "ready", child.stderr.read() if child.stderr else ""
        made: list[int] = []
        kill_at = time.monotonic() + rng.uniform(0.3, 2.5)  # when to kill, not a verdict
        os.set_blocking(child.stdout.fileno(), False)
        while time.monotonic() < kill_at:
            line = child.stdout.readline()
            if line.strip().isdigit():
                made.append(int(line))
            else:
                time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        os.environ["GXDESK_CONFIG_DIR"] = str(config)
        try:
            found = orphans()
        finally:
            os.environ.pop("GXDESK_CONFIG_DIR")
        if not made:
            continue
        assert len(found) == 1, f"moment {moment}: no recovery offered after {len(made)} changes"
        n = recovered_count(found[0].report)
        assert n >= made[-1], f"moment {moment}: recovered {n} changes, {made[-1]} were reported made"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("cell"), st.integers(0, 9999)),
            st.tuples(st.just("text"), st.text("总体情况收到申请件。0123", max_size=30)),
            st.tuples(st.just("year"), st.sampled_from([2020, 2024, 2025])),
            st.tuples(st.just("agency"), st.sampled_from(["", "清河县民政局", "清河县人民政府"])),
            st.tuples(st.just("undo"), st.just(0)),
            st.tuples(st.just("redo"), st.just(0)),
        ),
        max_size=25,
    )
)
def test_the_journal_replays_to_the_report_the_author_has(qapp, edits) -> None:  # type: ignore[no-untyped-def]
    """Edits, undo and redo (a year change re-drafts the preface): recovery gives what was on screen."""
    folder = recovery_dir()
    for left in folder.iterdir():  # the previous example's
        left.unlink()
    doc = ReportDocument(new_report("清河县某局", 2025))
    saver = Autosaver(doc, file=folder / "x.json", interval_ms=10**8, idle_ms=10**8)
    for kind, value in edits:
        if kind == "cell":
            doc.set_cells({CELL: value} if doc.edition.has_cell(CELL) else {})
        elif kind == "text":
            doc.set_text(TextKey.PREFACE if value.startswith("总") else TextKey.PART_1, value)
        elif kind == "year":
            doc.set_year(value)
        elif kind == "agency":
            doc.set_field(FieldGroup.META, "agency", value)
        elif kind == "undo":
            doc.undo_stack.undo()
        else:
            doc.undo_stack.redo()
    saver._lock.unlock()  # as a killed process leaves it
    recovered = orphans()
    if saver.file.exists():
        assert len(recovered) == 1
        assert report_to_dict(recovered[0].report) == report_to_dict(doc.report)
    else:  # nothing was ever journaled (no edit changed anything): nothing to offer
        assert not recovered
    saver.close()
