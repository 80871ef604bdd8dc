"""This year beside last year (对比上年): every figure with its change, every sentence classified.

Numbers: each cell of tables 二, 三, 四 and part 六's fee figures, last year's keyed into this
year's edition (2019 → 2021 where the cells mean the same), with the change; a large swing is
marked for a second look (``is_large_swing`` states the rule).

Text: each part sentence by sentence against the same part of last year: ``same`` (carried over
unchanged), ``numbers-changed`` (the classic copy with 2024 replaced by 2025 and new figures),
``new``. Boilerplate every report must contain — the format's headings, the preface's legal
basis and statistical period — is not counted. ``reuse_share`` is the measure TEXT-REUSE uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache

from gxdesk.domain.cells import Value
from gxdesk.domain.convert import rekey
from gxdesk.domain.editions import get_edition
from gxdesk.domain.editions.common import NARRATIVE_PARTS, PARTS, PREFACE
from gxdesk.domain.fields import FEE_FIELDS
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.domain.textutil import NUMBER, heading_level, squash

# ---- numbers ----------------------------------------------------------------------------------
LARGE_RATIO = 3  # ×3 or more …
LARGE_SHRINK = Decimal("0.5")  # … or halved or less …
LARGE_MIN_DIFFERENCE = 10  # … and by at least 10: small counts swing by nature (1 → 3 is not news)


def is_large_swing(this: Value | None, last: Value | None) -> bool:
    """A change worth a second look: at least ×3 or at most half of last year's, by 10 or more."""
    if this is None or last is None:
        return False
    this_d, last_d = Decimal(this), Decimal(last)
    if abs(this_d - last_d) < LARGE_MIN_DIFFERENCE:
        return False
    if last_d == 0:
        return True
    ratio = this_d / last_d
    return ratio >= LARGE_RATIO or ratio <= LARGE_SHRINK


@dataclass(frozen=True)
class CellChange:
    """One figure in both years."""

    cell: str  # cell id of this year's edition, or fees.<id>
    table: str
    row: tuple[str, ...]
    column: tuple[str, ...]
    this: Value | None
    last: Value | None

    @property
    def change(self) -> Value | None:
        if self.this is None or self.last is None:
            return None
        return self.this - self.last

    @property
    def percent(self) -> Decimal | None:
        if self.change is None or not self.last:
            return None
        return (Decimal(self.change) / Decimal(self.last) * 100).quantize(Decimal("0.1"))

    @property
    def new(self) -> bool:
        """新增: nothing last year, something this year."""
        return self.last == 0 and bool(self.this)

    @property
    def large(self) -> bool:
        return is_large_swing(self.this, self.last)

    @property
    def change_text(self) -> str:
        """ "+12（+40.0%）", "新增", "−3（−50.0%）", "持平", "" when a year is missing."""
        if self.change is None:
            return ""
        if self.new:
            return "新增"
        if self.change == 0:
            return "持平"
        change = Decimal(self.change)
        sign = "+" if change > 0 else "−"
        text = f"{sign}{_plain(abs(change))}"
        return text + (f"（{sign}{abs(self.percent)}%）" if self.percent is not None else "")


def _plain(value: Value) -> str:
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral_value() else value
        return format(value, "f")
    return str(value)


def last_year_values(report: Report) -> dict[str, Value | None]:
    """Last year's cells in this year's edition (re-keyed), totals only where all parts were known."""
    edition = get_edition(report.edition)
    prior = report.prior
    if prior is None:
        return {}
    before = get_edition(prior.edition)
    prior_values = compute(before, prior.values)
    last, _ = rekey({k: v for k, v in prior_values.items() if not before.cell(k).computed}, edition)
    last_totals = compute(edition, {k: v for k, v in last.items() if v is not None})
    # A total is last year's only if all its parts were known last year.
    return {**last, **{k: v for k, v in last_totals.items() if edition.cell(k).computed}}


def compare_numbers(
    report: Report,
    this: dict[str, Value | None] | None = None,
    last: dict[str, Value | None] | None = None,
) -> list[CellChange]:
    """Every cell of this year's tables and fee figures beside last year's (blank if unknown).

    ``this`` and ``last`` are the computed cells when the caller has them (``ReportState`` keeps
    both: this year's from the edit, last year's until last year's data changes)."""
    edition = get_edition(report.edition)
    if this is None:
        this = compute(edition, report.values, report.claimed)
    if last is None:
        last = last_year_values(report)
    prior = report.prior
    out = [
        CellChange(spec.id, spec.part, spec.row, spec.column, this.get(spec.id), last.get(spec.id))
        for table in edition.tables
        for spec in table.cells
    ]
    if edition.fee_figures:
        prior_fees = getattr(prior, "fees", None)
        for spec in FEE_FIELDS:
            out.append(
                CellChange(
                    f"fees.{spec.id}",
                    "六",
                    ("信息处理费",),
                    (spec.caption,),
                    spec.get(report),
                    getattr(prior_fees, spec.id, None) if prior_fees is not None else None,
                )  # fmt: skip
            )
    return out


# ---- text ---------------------------------------------------------------------------------------
class Status(Enum):
    SAME = "same"
    NUMBERS_CHANGED = "numbers-changed"
    NEW = "new"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Sentence:
    text: str
    status: Status
    last: str = ""  # last year's sentence it matches
    start: int = 0  # position in the part's text (for highlighting)
    end: int = 0


@dataclass(frozen=True)
class PartComparison:
    part: str
    sentences: tuple[Sentence, ...]

    @property
    def share(self) -> float:
        """Share of the part's own words (boilerplate left out) carried over from last year."""
        counted = [s for s in self.sentences if s.status is not Status.BOILERPLATE]
        total = sum(len(squash(s.text)) for s in counted)
        if not total:
            return 0.0
        carried = sum(len(squash(s.text)) for s in counted if s.status in (Status.SAME, Status.NUMBERS_CHANGED))
        return carried / total


_SENTENCE = re.compile(r"[^。；！？!?;\n]+[。；！？!?;]?")
_NUMBERS = re.compile(rf"\d+(?:\.\d+)?|{NUMBER}")
# What every report must say in its preface: the law it follows, the format notice, the period.
_BOILERPLATE = re.compile(
    r"政府信息公开条例|年度报告格式|统计期限|统计期|国办公开办函|本报告(?:电子版|全文)|如对本报告有(?:任何)?疑问|"
    r"全文包括|由总体情况"
)
_HEADINGS = {squash(p.heading) for p in PARTS}
MIN_CHARS = 6  # shorter pieces ("无。") are neither reuse nor news


def sentences(text: str) -> list[tuple[str, int, int]]:
    """(sentence, start, end) in the text's own characters."""
    return [(m.group(0), m.start(), m.end()) for m in _SENTENCE.finditer(text or "") if m.group(0).strip()]


@lru_cache(maxsize=4096)
def _masked(sentence: str) -> str:
    """The sentence with every figure and date as #: what stays when only numbers changed."""
    return _NUMBERS.sub("#", squash(sentence))


def _is_boilerplate(sentence: str, part: str) -> bool:
    folded = squash(sentence)
    if len(folded) < MIN_CHARS or folded in _HEADINGS or heading_level(sentence.strip()):
        return True
    return part == PREFACE and bool(_BOILERPLATE.search(folded))


def compare_text(part: str, now: str, before: str) -> PartComparison:
    """Each sentence of ``now`` classified against the sentences of ``before`` (any order)."""
    exact = {squash(s) for s, _, _ in sentences(before)}
    masked: dict[str, str] = {}
    for s, _, _ in sentences(before):
        masked.setdefault(_masked(s), s.strip())
    out = []
    for s, start, end in sentences(now):
        folded = squash(s)
        if _is_boilerplate(s, part):
            status, last = Status.BOILERPLATE, ""
        elif folded in exact:
            status, last = Status.SAME, s.strip()
        elif _masked(s) in masked:
            status, last = Status.NUMBERS_CHANGED, masked[_masked(s)]
        else:
            status, last = Status.NEW, ""
        out.append(Sentence(s.strip(), status, last, start, end))
    return PartComparison(part, tuple(out))


def part_texts(report: Report) -> dict[str, str]:
    return {PREFACE: report.preface, **{n: report.text(n) for n in NARRATIVE_PARTS}}


def compare_parts(report: Report) -> list[PartComparison]:
    """Every written part against last year's same part (empty when last year's is unknown)."""
    prior = report.prior
    if prior is None:
        return []
    before = {PREFACE: "", **{n: prior.parts.get(n) or "" for n in NARRATIVE_PARTS}}
    return [compare_text(part, text, before.get(part, "")) for part, text in part_texts(report).items() if text]


def reuse_share(now: str, before: str, part: str) -> float:
    """The measure TEXT-REUSE uses: the comparison view shows the same number."""
    return compare_text(part, now, before).share


def report_share(parts: list[PartComparison]) -> float:
    """Carried-over share of the whole report's own words (boilerplate left out)."""
    counted = [s for p in parts for s in p.sentences if s.status is not Status.BOILERPLATE]
    total = sum(len(squash(s.text)) for s in counted)
    carried = sum(len(squash(s.text)) for s in counted if s.status in (Status.SAME, Status.NUMBERS_CHANGED))
    return carried / total if total else 0.0
