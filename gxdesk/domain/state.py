"""The report being edited, with everything derived from it computed once per edit.

``ReportState`` holds the report, its edition, every cell's value (totals included), last
year's computed values (cached until last year's data changes) and the findings indexed by
cell and by part. Each mutator changes the report, recomputes once, and returns a ``Change``
saying exactly what changed — the views refresh only that. Undo stores the inverse edit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import InitVar, field
from typing import TYPE_CHECKING, Any

from gxdesk.domain.cells import Value, parse_value
from gxdesk.domain.convert import convert_values
from gxdesk.domain.drafting import draft_preface
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import edition_for_year, get_edition
from gxdesk.domain.fields import WORD_SETTINGS, FieldSpec
from gxdesk.domain.fields import field as declared_field
from gxdesk.domain.findings import Finding
from gxdesk.domain.keys import FieldGroup, TextKey
from gxdesk.domain.records import record
from gxdesk.domain.report import Contribution, PriorYear, Report
from gxdesk.domain.rules import compute, evaluate, prior_values
from gxdesk.domain.tables import TableSpec
from gxdesk.domain.textutil import clean_text, squash

if TYPE_CHECKING:
    from gxdesk.domain.compare import CellChange


# An applied edit as data: {"op": "cells" | "text" | "field" | "report", …}.
Op = dict[str, Any]


@record(frozen=True)
class Change:
    """What one edit changed: cells, texts, fields, the table layout, and findings gained/lost."""

    cells: frozenset[str] = frozenset()
    texts: frozenset[TextKey] = frozenset()
    fields: frozenset[tuple[FieldGroup, str]] = frozenset()
    structure: bool = False
    added: tuple[Finding, ...] = ()
    removed: tuple[Finding, ...] = ()

    @property
    def findings_changed(self) -> bool:
        return bool(self.added or self.removed)

    @property
    def finding_cells(self) -> frozenset[str]:
        """Cells whose colouring or tooltip may differ: those the gained or lost findings name."""
        return frozenset(c for f in (*self.added, *self.removed) for c in f.cells)

    @property
    def empty(self) -> bool:
        return not (self.cells or self.texts or self.fields or self.structure or self.findings_changed)


@record(frozen=True)
class YearPlan:
    """Moving the report to another year: the edition it needs and the tables re-keyed for it."""

    year: int
    edition: str
    values: dict[str, Value]
    claimed: dict[str, Value]
    dropped: tuple[str, ...]
    # A roll-up's provenance goes with it within an edition; in another edition it no longer
    # describes the cells, and is left behind (undo brings it back).
    sources: dict[str, tuple[Contribution, ...]] = field(default_factory=dict)


@record(frozen=True)
class PastePlan:
    """A rectangle of clipboard text read against the table: what will change and what will not."""

    values: dict[str, Value | None]
    computed_skipped: int = 0
    outside: int = 0
    invalid: tuple[str, ...] = ()
    end: tuple[int, int] = (0, 0)  # the last grid position the paste reaches

    def summary(self, pasted: int) -> str:
        notes = [f"已粘贴 {pasted} 个单元格" if pasted else "没有单元格被改变"]
        if self.computed_skipped:
            notes.append(f"跳过 {self.computed_skipped} 个自动计算的合计单元格")
        if self.outside:
            notes.append(f"{self.outside} 个数据超出表格范围，未粘贴")
        if self.invalid:
            more = "……" if len(self.invalid) > 3 else ""
            notes.append(f"{len(self.invalid)} 个内容无效未粘贴：" + "；".join(self.invalid[:3]) + more)
        return "；".join(notes)


@record
class ReportState:
    """The report and what follows from it; the one place an edit is computed."""

    report: Report
    values: dict[str, Value | None] = field(init=False, default_factory=dict)
    findings: list[Finding] = field(init=False, default_factory=list)
    findings_by_cell: dict[str, list[Finding]] = field(init=False, default_factory=dict)
    findings_by_part: dict[str, list[Finding]] = field(init=False, default_factory=dict)
    # Last year's data and its computed values: recomputed only when another PriorYear is set
    # (the object is held, so ``is`` cannot be fooled by a reused id).
    _prior: tuple[PriorYear | None, dict[str, Value | None] | None] | None = field(init=False, default=None, repr=False)
    # 对比上年: last year's cells re-keyed into this edition (kept like ``_prior``, per edition),
    # and the comparison of this edit, worked out once however many views read it.
    _last: tuple[PriorYear | None, str, dict[str, Value | None]] | None = field(init=False, default=None, repr=False)
    _comparisons: dict[str, CellChange] | None = field(init=False, default=None, repr=False)
    # False leaves the rules for later (``check``): a window opening a report paints first.
    check_now: InitVar[bool] = True
    checked: bool = field(init=False, default=False)
    # Every applied edit as data (``Op``), for the recovery journal: undo and redo pass here too.
    journal: Callable[[Op], None] | None = field(init=False, default=None, repr=False)
    _replaying: bool = field(init=False, default=False, repr=False)

    def __post_init__(self, check_now: bool) -> None:
        if check_now:
            self._recompute()
        else:
            self.values = compute(self.edition, self.report.values, self.report.claimed)

    def check(self) -> Change:
        """Run the rules left for later (an edit runs them too); a no-op once they ran."""
        return Change() if self.checked else self._recompute()

    # ---- reading -----------------------------------------------------------------------
    @property
    def edition(self) -> Edition:
        return get_edition(self.report.edition)

    def text(self, key: TextKey) -> str:
        r = self.report
        if key is TextKey.PREFACE:
            return r.preface
        if key.kind == "part":
            return r.parts.get(key.numeral) or ""
        return r.leads.get(key.numeral, "")

    def field_value(self, group: FieldGroup, name: str) -> Any:
        spec = declared_field(group, name)
        if spec is not None:
            return spec.get(self.report)
        return self._open_group(group).get(name)

    def shown_value(self, cell_id: str) -> Value | None:
        """What a cell shows: the published total where the source printed one, else the sum."""
        return self.values.get(cell_id)

    # ---- planners (pure: they change nothing) ------------------------------------------
    def plan_year(self, year: int) -> YearPlan:
        """Raises UnsupportedYearError for a year before the formats."""
        target = edition_for_year(year)
        values, dropped = convert_values(self.report.values, self.edition, target)
        same = target.id == self.report.edition
        claimed = dict(self.report.claimed) if same else {}
        sources = dict(self.report.sources) if same else {}
        return YearPlan(year, target.id, values, claimed, tuple(dropped), sources)

    def plan_paste(self, table: TableSpec, top: int, left: int, rows: list[list[str]]) -> PastePlan:
        """Read ``rows`` into ``table`` from grid position (top, left); merged areas count once."""
        owner = table.owner
        values: dict[str, Value | None] = {}
        computed = outside = 0
        invalid: list[str] = []
        seen: set[tuple[int, int]] = set()
        for i, row in enumerate(rows):
            for j, raw in enumerate(row):
                r, c = top + i, left + j
                if r >= table.n_rows or c >= table.n_cols:
                    outside += 1
                    continue
                g = owner(r, c)
                if g is None or (g.row, g.col) in seen or g.cell is None:
                    continue
                seen.add((g.row, g.col))
                spec = table.cell(g.cell)
                if spec.computed:
                    computed += 1
                    continue
                parsed = parse_value(raw, spec.kind)
                if parsed.ok:
                    values[spec.id] = parsed.value
                else:
                    invalid.append(f"{spec.name}（{parsed.error}）")
        end = (
            min(top + len(rows), table.n_rows) - 1,
            min(left + max((len(r) for r in rows), default=1), table.n_cols) - 1,
        )
        return PastePlan(values, computed, outside, tuple(invalid), end)

    def cell_changes(self, values: Mapping[str, Value | None]) -> dict[str, tuple[Value | None, Value | None]]:
        """(old, new) of the cells ``values`` would really change (a type change counts: 1 vs 1.0)."""
        current = self.report.values
        return {
            k: (current.get(k), v)
            for k, v in values.items()
            if current.get(k) != v or type(current.get(k)) is not type(v)
        }

    # ---- mutators ----------------------------------------------------------------------
    def set_cells(self, values: Mapping[str, Value | None]) -> Change:
        r = self.report
        for cid, value in values.items():
            if value is None:
                r.values.pop(cid, None)
            else:
                r.values[cid] = value
            r.claimed.pop(cid, None)
        self._log({"op": "cells", "values": dict(values)})
        return self._recompute(cells=frozenset(values))

    def set_text(self, key: TextKey, text: str | None) -> Change:
        text = None if text is None else clean_text(text)
        r = self.report
        if key is TextKey.PREFACE:
            r.preface = text or ""
        elif key.kind == "part":
            r.parts[key.numeral] = text
        else:
            r.leads[key.numeral] = text or ""
        self._log({"op": "text", "key": key.value, "text": text})
        return self._recompute(texts=frozenset({key}))

    def set_field(self, group: FieldGroup, name: str, value: Any) -> Change:
        if isinstance(value, str):
            value = clean_text(value)
        spec: FieldSpec | None = declared_field(group, name)
        drafted = self.preface_drafted()
        if spec is not None:
            spec.set(self.report, value)
        elif value in (None, ""):
            self._open_group(group).pop(name, None)
        else:
            self._open_group(group)[name] = value
        texts = self._redraft(drafted)
        # Logged once the edit is whole (the re-draft included): the journal may write the report now.
        self._log({"op": "field", "group": group.value, "name": name, "value": value})
        return self._recompute(fields=frozenset({(group, name)}), texts=texts)

    def apply_year(self, plan: YearPlan) -> Change:
        r = self.report
        structure = plan.edition != r.edition
        changed = frozenset(r.values) | frozenset(plan.values)
        drafted = self.preface_drafted()
        r.meta.year, r.edition = plan.year, plan.edition
        r.values, r.claimed, r.sources = dict(plan.values), dict(plan.claimed), dict(plan.sources)
        texts = self._redraft(drafted)
        self._log({"op": "report", "report": r})  # rare and wide: the whole report
        return self._recompute(
            cells=changed,
            fields=frozenset({(FieldGroup.META, "year")}),
            texts=texts,
            structure=structure,
        )

    def preface_drafted(self) -> bool:
        """The preface is the program's draft from the basic information, not edited since.

        Told from the text itself, so undo and redo need no flag: an edit of the basic
        information re-drafts a preface that still reads exactly as drafted from the old one.
        """
        preface = self.report.preface
        return bool(preface) and squash(preface) == squash(draft_preface(self.report, self.edition))

    def _redraft(self, drafted: bool) -> frozenset[TextKey]:
        if not drafted:
            return frozenset()
        text = clean_text(draft_preface(self.report, self.edition))
        if text == self.report.preface:
            return frozenset()
        self.report.preface = text
        return frozenset({TextKey.PREFACE})

    def replace(self, report: Report) -> Change:
        """Swap in another version of the report (an import, undoing one): everything may differ."""
        structure = report.edition != self.report.edition
        old_cells = frozenset(self.report.values) | frozenset(self.report.claimed)
        self.report = report
        self._prior = self._last = None
        self._log({"op": "report", "report": report})
        cells = old_cells | frozenset(report.values) | frozenset(report.claimed) | frozenset(self.edition.cells)
        fields = frozenset((spec.group, spec.id) for spec in _all_fields()) | frozenset(
            (FieldGroup.SETTINGS, k) for k in WORD_SETTINGS
        )
        return self._recompute(cells=cells, texts=frozenset(TextKey), fields=fields, structure=structure)

    def replay(self, op: Op) -> None:
        """Apply an edit the journal recorded (recovery after a crash); the checks run later.

        Raises KeyError, ValueError or TypeError for an entry that is not a valid edit.
        """
        self._replaying = True
        try:
            kind = op["op"]
            if kind == "cells":
                self.set_cells(op["values"])
            elif kind == "text":
                self.set_text(TextKey(op["key"]), op["text"])
            elif kind == "field":
                self.set_field(FieldGroup(op["group"]), op["name"], op["value"])
            elif kind == "report":
                self.replace(copy.deepcopy(op["report"]))
            else:
                raise ValueError(kind)
        finally:
            self._replaying = False
            self.checked = False

    def _log(self, op: Op) -> None:
        if self.journal is not None and not self._replaying:
            self.journal(op)

    def snapshot(self) -> Report:
        """A copy to restore later (undo of a whole-report change)."""
        return copy.deepcopy(self.report)

    # ---- internals -------------------------------------------------------------------
    def _open_group(self, group: FieldGroup) -> dict[str, str]:
        if group is FieldGroup.SETTINGS:
            return self.report.settings
        if group is FieldGroup.EXPLANATIONS:
            return self.report.explanations
        raise KeyError(group)

    def last_year(self) -> dict[str, Value | None]:
        """Last year's cells in this year's edition; recomputed only when last year's data or
        this year's edition changes."""
        prior = self.report.prior
        if self._last is None or self._last[0] is not prior or self._last[1] != self.report.edition:
            from gxdesk.domain.compare import last_year_values  # 对比上年 loads when first used

            self._last = (prior, self.report.edition, last_year_values(self.report))
        return self._last[2]

    def comparisons(self) -> dict[str, CellChange]:
        """Every cell beside last year's, for this edit (computed on the first read after it)."""
        if self._comparisons is None:
            from gxdesk.domain.compare import compare_numbers

            changes = compare_numbers(self.report, this=self.values, last=self.last_year())
            self._comparisons = {c.cell: c for c in changes}
        return self._comparisons

    def _prior_values(self) -> dict[str, Value | None] | None:
        """Last year's computed values, computed again only when last year's data is replaced."""
        prior = self.report.prior
        if self._prior is None or self._prior[0] is not prior:
            self._prior = (prior, prior_values(prior))
        return self._prior[1]

    def _recompute(
        self,
        *,
        cells: frozenset[str] = frozenset(),
        texts: frozenset[TextKey] = frozenset(),
        fields: frozenset[tuple[FieldGroup, str]] = frozenset(),
        structure: bool = False,
    ) -> Change:
        edition = self.edition
        self._comparisons = None  # 对比上年 follows this edit when next read
        # Totals only when a number changed; a keystroke in part 一 reuses them.
        if cells or structure or not self.values:
            old_values, self.values = self.values, compute(edition, self.report.values, self.report.claimed)
            # The totals that follow an edited cell changed too: name every cell whose value did.
            cells = cells | {
                cid
                for cid, v in self.values.items()
                if old_values.get(cid) != v or type(old_values.get(cid)) is not type(v)
            }
        if self._replaying:
            return Change(cells=cells, texts=texts, fields=fields, structure=structure)
        self.checked = True
        before = self.findings
        self.findings = evaluate(self.report, edition, values=self.values, prior=self._prior_values())
        by_cell: dict[str, list[Finding]] = {}
        by_part: dict[str, list[Finding]] = {}
        for f in self.findings:
            for cid in f.cells:
                by_cell.setdefault(cid, []).append(f)
            by_part.setdefault(f.part, []).append(f)
        self.findings_by_cell, self.findings_by_part = by_cell, by_part
        old, new = set(before), set(self.findings)
        return Change(
            cells=cells,
            texts=texts,
            fields=fields,
            structure=structure,
            added=tuple(f for f in self.findings if f not in old),
            removed=tuple(f for f in before if f not in new),
        )


def _all_fields() -> tuple[FieldSpec, ...]:
    from gxdesk.domain.fields import FIELDS

    return FIELDS
