"""The supervising office's sums (汇总): units matched to the 名单, versions, roll-up, ROLLUP-SUM.

Pure functions over reports already read (``exchange/collection.py`` reads the files). What
sums and what does not follows ``shared/spec/rollup.md``: every input cell of 表二, 三, 四 and
part 六's fee figures; a blank counts as 0; totals are recomputed from the summed inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.codes import RuleCode
from gxdesk.domain.drafting import new_report
from gxdesk.domain.editions import edition_for_year
from gxdesk.domain.fields import FEE_FIELDS, FEE_SOURCE
from gxdesk.domain.findings import Finding, Severity
from gxdesk.domain.report import AgencyKind, Contribution, Report
from gxdesk.domain.rule import compute

ROLLUP_SUM = RuleCode.ROLLUP_SUM
UNITS_SETTING = "rollup_units"  # a roll-up report's setting: the units it sums, 、-separated


@dataclass
class RollUp:
    """A report whose tables are the sums of the units'; ``report.sources`` says where every
    number came from (totals too: each unit's share is the sum of its own parts)."""

    report: Report
    units: list[str]

    @property
    def provenance(self) -> dict[str, tuple[Contribution, ...]]:
        return self.report.sources


def sum_units(agency: str, year: int, units: Sequence[Report], kind: AgencyKind = AgencyKind.COUNTY) -> RollUp:
    """The roll-up of ``units`` (all of ``year``): inputs summed, blanks as 0, totals recomputed."""
    edition = edition_for_year(year)
    wrong = [u.meta.agency or "（未署名）" for u in units if u.meta.year != year or u.edition != edition.id]
    if wrong:
        raise ValueError(f"以下单位的报告不是{year}年度（{edition.name}），不能汇总：{'、'.join(wrong)}")
    report = new_report(agency, year, kind)
    shares: dict[str, dict[int, Value]] = {}  # cell → {unit's index: its value}, units that gave one
    for cid in edition.input_ids:
        shares[cid] = {i: v for i, u in enumerate(units) if (v := u.values.get(cid)) is not None}
        report.values[cid] = _sum(shares[cid].values())
    for cid, parts in edition.totals:  # in dependency order: a total's parts are done before it
        share: dict[int, Value] = {}
        for part in parts:
            for i, v in shares[part].items():
                share[i] = share.get(i, 0) + v
        shares[cid] = dict(sorted(share.items()))
    sources = {
        cid: tuple(Contribution(units[i].meta.agency, v) for i, v in by_unit.items()) for cid, by_unit in shares.items()
    }
    if edition.fee_figures:
        for spec in FEE_FIELDS:
            contributions = tuple(Contribution(u.meta.agency, v) for u in units if (v := spec.get(u)) is not None)
            value = _sum(c.value for c in contributions)
            spec.set(report, value if spec.id == "notices" else Decimal(value))
            sources[FEE_SOURCE + spec.id] = contributions
    report.sources = sources
    names = [u.meta.agency for u in units]
    report.settings[UNITS_SETTING] = "、".join(names)
    return RollUp(report, names)


def _sum(values: Iterable[Value]) -> Value:
    total: Value = sum(values, 0)
    if isinstance(total, Decimal):
        total = total.normalize() if total == total.to_integral_value() else total
    return total


def source_name(report: Report, key: str) -> str:
    """What a roll-up source key stands for, as the author reads it (a cell's or a fee field's name)."""
    from gxdesk.domain.editions import get_edition

    if key.startswith(FEE_SOURCE):
        spec = next((f for f in FEE_FIELDS if f.id == key.removeprefix(FEE_SOURCE)), None)
        return f"信息处理费·{spec.caption}" if spec else key
    edition = get_edition(report.edition)
    return edition.cell(key).name if edition.has_cell(key) else key


def describe_provenance(contributions: Sequence[Contribution]) -> str:
    """ "某局 3 + 某镇 2" for a summed cell (the 汇总来源 sheet); units that gave 0 are counted, not listed."""
    given = [c for c in contributions if c.value]
    if not given:
        return "各单位均为 0 或未填写"
    text = " + ".join(f"{c.agency} {format_value(c.value)}" for c in given)
    zeros = len(contributions) - len(given)
    return text + (f"（另有 {zeros} 个单位填 0）" if zeros else "")


def provenance_note(report: Report, key: str, current: Value | None, *, limit: int = 15) -> list[str]:
    """Lines for a summed cell's tooltip: each unit's figure, the sum, and whether the cell was
    changed by hand since; [] for a cell that is not a roll-up's sum."""
    contributions = report.sources.get(key)
    if contributions is None:
        return []
    given = [c for c in contributions if c.value]
    total = _sum(c.value for c in given)
    head = f"汇总来源：{len(given)} 个单位，合计 {format_value(total)}" if given else "汇总来源：各单位均为 0 或未填写"
    lines = [head]
    lines += [f"　{c.agency}：{format_value(c.value)}" for c in given[:limit]]
    if len(given) > limit:
        rest = _sum(c.value for c in given[limit:])
        lines.append(f"　其余 {len(given) - limit} 个单位：共 {format_value(rest)}")
    if current is not None and current != total:
        lines.append(f"现为 {format_value(current)}，与各单位之和不同（汇总后改过）")
    return lines


def rollup_findings(parent: Report, units: Sequence[Report]) -> list[Finding]:
    """ROLLUP-SUM: every cell of ``parent``'s published tables that differs from its units' sum.

    One finding per wrong cell: a total that is off only because a cell it adds up is off (the
    本级 report's own total agrees with its own cells) is not a finding of its own.
    """
    edition = edition_for_year(parent.meta.year)
    if parent.edition != edition.id:
        return []
    same_year = [u for u in units if u.meta.year == parent.meta.year and u.edition == parent.edition]
    summed = compute(edition, sum_units(parent.meta.agency, parent.meta.year, same_year).report.values)
    published = compute(edition, parent.values, parent.claimed)
    own = compute(edition, parent.values)  # its totals as its own cells make them
    out: list[Finding] = []
    for table in edition.tables:
        for spec in table.cells:
            claimed, expected = published.get(spec.id), summed.get(spec.id)
            if claimed is None or expected is None or claimed == expected:
                continue
            if spec.computed and claimed == own.get(spec.id):
                continue  # follows from the cells it adds up, each reported where it is wrong
            difference: Value = abs(Decimal(claimed) - Decimal(expected))
            message = (
                f"{spec.name}：本级报告为 {format_value(claimed)}，{len(same_year)} 个单位之和为 "
                f"{format_value(expected)}，相差 {format_value(difference)}"
            )
            out.append(
                Finding(ROLLUP_SUM, Severity.WARNING, spec.part, message, (spec.id,), expected=expected, actual=claimed)
            )
    return out


def update_rollup(before: Report, rollup: RollUp) -> tuple[Report, list[str]]:
    """``before`` (a roll-up the author has been writing) with the new sums; the narrative stays.

    Returns the updated copy and what changed, one line a cell: "名称：旧 → 新".
    """
    import copy

    after = copy.deepcopy(before)
    after.values = dict(rollup.report.values)
    after.claimed = {}
    after.fees = copy.deepcopy(rollup.report.fees)
    after.sources = dict(rollup.report.sources)
    edition = edition_for_year(after.meta.year)
    changes = [
        f"{edition.cell(cid).name}：{format_value(before.values.get(cid))} → {format_value(after.values.get(cid))}"
        for cid in edition.input_ids
        if before.values.get(cid) != after.values.get(cid)
    ]
    for spec in FEE_FIELDS:
        if spec.get(before) != spec.get(after):
            changes.append(f"{spec.caption}：{format_value(spec.get(before))} → {format_value(spec.get(after))}")
    after.settings[UNITS_SETTING] = rollup.report.settings[UNITS_SETTING]
    return after, changes
