"""Property tests: balanced reports pass; one input off balance yields exactly its findings."""

from __future__ import annotations

import random

from helpers import balanced_report, t3_result_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from gxdesk.domain.editions import get_edition
from gxdesk.domain.rules import evaluate

A = ("natural", "business", "research", "nonprofit", "legal", "other")
OUTCOMES = ("upheld", "corrected", "other", "pending")
editions = st.sampled_from(("2019", "2021"))


@settings(max_examples=60, deadline=None)
@given(edition=editions, rng=st.randoms(use_true_random=False), claimed=st.booleans())
def test_balanced_report_has_no_finding(edition: str, rng: random.Random, claimed: bool) -> None:
    assert evaluate(balanced_report(edition, rng, claimed=claimed)) == []


def expected_findings(edition: str, cell: str, claimed: bool) -> set[tuple[str, tuple[str, ...]]]:
    table, row, col = cell.split(".")
    out: set[tuple[str, tuple[str, ...]]] = set()
    if table == "t3":
        balance = (
            "T3-BALANCE",
            (f"t3.new.{col}", f"t3.carried_in.{col}", f"t3.r7_total.{col}", f"t3.carry_out.{col}"),
        )
        results = t3_result_rows(edition)
        if not claimed:
            out.add(balance)  # the computed （七）总计 follows the cell, so the column is off balance
        else:
            # Published totals stand as published: the cell breaks its row and, for a result row,
            # its column's （七）总计; the balance only when the cell is one of its own terms.
            out.add(("T3-ROWSUM", (f"t3.{row}.total", *(f"t3.{row}.{c}" for c in A))))
            if row in results:
                out.add(("T3-RESULTSUM", (f"t3.r7_total.{col}", *(f"t3.{r}.{col}" for r in results))))
            else:
                out.add(balance)
    elif claimed:
        group = col.rsplit("_", 1)[0]
        out.add(("T4-GROUPSUM", (f"t4.cases.{group}_total", *(f"t4.cases.{group}_{o}" for o in OUTCOMES))))
    return out


@settings(max_examples=150, deadline=None)
@given(
    edition=editions,
    rng=st.randoms(use_true_random=False),
    claimed=st.booleans(),
    pick=st.integers(min_value=0),
    delta=st.integers(min_value=1, max_value=50),
    up=st.booleans(),
)
def test_one_input_off_balance(
    edition: str, rng: random.Random, claimed: bool, pick: int, delta: int, up: bool
) -> None:
    report = balanced_report(edition, rng, claimed=claimed)
    e = get_edition(edition)
    inputs = [c.id for part in ("三", "四") for c in e.table(part).inputs]
    cell = inputs[pick % len(inputs)]
    old = report.values[cell]
    report.values[cell] = old + delta if up or old < delta else old - delta
    found = {f.as_tuple() for f in evaluate(report)}
    assert found == expected_findings(edition, cell, claimed)
