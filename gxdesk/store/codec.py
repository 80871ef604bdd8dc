"""Report ⇄ plain JSON data, validating everything that comes in."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from gxdesk.domain.cells import CellKind, Value, storable_problem, value_problem
from gxdesk.domain.edition import Edition
from gxdesk.domain.editions import EDITIONS
from gxdesk.domain.editions.common import NARRATIVE_PARTS, TABLE_PARTS
from gxdesk.domain.fields import AGENCY, FEE_FIELDS, FEE_SOURCE, META_TEXT_FIELDS
from gxdesk.domain.report import AgencyKind, Contribution, Fees, Meta, PriorYear, Report
from gxdesk.domain.tables import CellSpec

FORMAT = "gxdesk-report"
SCHEMA_VERSION = 1
_META_TEXT = tuple(spec.id for spec in META_TEXT_FIELDS)


class InvalidReportError(ValueError):
    """The data is not a valid report; the message says where, in Chinese."""


def report_to_dict(report: Report) -> dict[str, Any]:
    m = report.meta
    return {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "edition": report.edition,
        "meta": {
            "agency": m.agency,
            "year": m.year,
            "kind": m.kind.value,
            **{k: getattr(m, k) for k in _META_TEXT if k != "agency"},
        },
        "preface": report.preface,
        "parts": {n: report.parts.get(n) for n in NARRATIVE_PARTS if n in report.parts},
        "leads": dict(report.leads),
        "values": _values_out(report.values),
        "claimed": _values_out(report.claimed),
        "fees": {
            "notices": report.fees.notices,
            "noticed": _num_out(report.fees.noticed),
            "collected": _num_out(report.fees.collected),
        },
        "prior": None
        if report.prior is None
        else {
            "year": report.prior.year,
            "edition": report.prior.edition,
            "values": _values_out(report.prior.values),
            "parts": dict(report.prior.parts),
            "agency": report.prior.agency,
        },
        "explanations": dict(report.explanations),
        "ending": report.ending,
        "settings": dict(report.settings),
        **({"sources": _sources_out(report.sources)} if report.sources else {}),
    }


def report_from_dict(data: Any) -> Report:
    """Build a report from schema-current data; raises InvalidReportError naming the bad field.

    A cell that holds no finite number (NaN, ∞, absurdly large: written by an older version or
    by hand) is not a reason to lose the report: it opens blank, and ``Report.repairs`` says so.
    """
    repairs: list[str] = []
    report = _report_from_dict(data, repairs)
    report.repairs = tuple(repairs)
    return report


def _report_from_dict(data: Any, repairs: list[str]) -> Report:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidReportError("这不是 gxdesk 报告文件")
    edition_id = _need(data, "edition", str, "报告格式版本")
    if edition_id not in EDITIONS:
        raise InvalidReportError(f"未知的报告格式版本“{edition_id}”")
    edition = EDITIONS[edition_id]
    meta_in = _need(data, "meta", dict, "基本信息")
    try:
        kind = AgencyKind(meta_in.get("kind", AgencyKind.DEPARTMENT.value))
    except ValueError:
        raise InvalidReportError(f"基本信息中的机关类型“{meta_in.get('kind')}”无法识别") from None
    year = meta_in.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2200:
        raise InvalidReportError(f"基本信息中的报告年度“{year}”不正确")
    meta = Meta(
        agency=_text(meta_in, AGENCY.id, AGENCY.caption),
        year=year,
        kind=kind,
        **{spec.id: _text(meta_in, spec.id, spec.caption) for spec in META_TEXT_FIELDS if spec is not AGENCY},
    )
    parts_in = _need(data, "parts", dict, "正文")
    parts: dict[str, str | None] = {}
    for numeral in NARRATIVE_PARTS:
        text = parts_in.get(numeral)
        if text is not None and not isinstance(text, str):
            raise InvalidReportError(f"正文第{numeral}部分不是文字")
        parts[numeral] = text
    leads = _need(data, "leads", dict, "表格说明", default={})
    for key, text in leads.items():
        if key not in TABLE_PARTS or not isinstance(text, str):
            raise InvalidReportError(f"表格说明“{key}”不正确")
    fees_in = _need(data, "fees", dict, "信息处理费", default={})
    fees = Fees(
        notices=_count(_finite(fees_in.get("notices"), "信息处理费收费通知件数", repairs), "信息处理费收费通知件数"),
        noticed=_amount(_finite(fees_in.get("noticed"), "收费通知总金额", repairs), "收费通知总金额"),
        collected=_amount(_finite(fees_in.get("collected"), "实际收取金额", repairs), "实际收取金额"),
    )
    prior = None
    prior_in = data.get("prior")
    if prior_in is not None:
        if not isinstance(prior_in, dict) or prior_in.get("edition") not in EDITIONS:
            raise InvalidReportError("上年数据不正确")
        prior_edition = EDITIONS[prior_in["edition"]]
        prior = PriorYear(
            year=prior_year if isinstance(prior_year := prior_in.get("year"), int) else year - 1,
            edition=prior_edition.id,
            values=_values_in(prior_in.get("values", {}), prior_edition.cells, "上年数据", repairs=repairs),
            agency=str(prior_in.get("agency") or ""),
            parts={
                k: v
                for k, v in (prior_in.get("parts") or {}).items()
                if k in NARRATIVE_PARTS and (v is None or isinstance(v, str))
            },
        )
    explanations = _need(data, "explanations", dict, "说明", default={})
    settings = _need(data, "settings", dict, "设置", default={})
    return Report(
        meta=meta,
        edition=edition_id,
        preface=_text(data, "preface", "前言"),
        parts=parts,
        leads=dict(leads),
        values=_values_in(
            _need(data, "values", dict, "表格数据"), edition.cells, "表格数据", inputs=True, repairs=repairs
        ),
        claimed=_values_in(
            _need(data, "claimed", dict, "表格合计", default={}),
            edition.cells,
            "表格合计",
            inputs=False,
            repairs=repairs,
        ),
        fees=fees,
        prior=prior,
        explanations={str(k): str(v) for k, v in explanations.items()},
        ending=bool(data.get("ending", True)),
        settings={str(k): str(v) for k, v in settings.items()},
        sources=_sources_in(data.get("sources", {}), edition),
    )


def _need(data: dict[str, Any], key: str, typ: type, what: str, default: Any = None) -> Any:
    value = data.get(key, default)
    if not isinstance(value, typ):
        raise InvalidReportError(f"缺少{what}，或{what}的格式不正确")
    return value


def _text(data: dict[str, Any], key: str, what: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidReportError(f"“{what}”应当是文字")
    return value


def _num_out(value: Value | None) -> int | str | None:
    if value is None or isinstance(value, int):
        return value
    return format(value, "f")


def _values_out(values: dict[str, Value]) -> dict[str, int | str | None]:
    return {k: _num_out(v) for k, v in sorted(values.items())}


def _sources_out(sources: dict[str, tuple[Contribution, ...]]) -> dict[str, list[list[Any]]]:
    return {k: [[c.agency, _num_out(c.value)] for c in v] for k, v in sources.items()}


def _sources_in(raw: Any, edition: Edition) -> dict[str, tuple[Contribution, ...]]:
    """A roll-up's provenance: {key: [[agency, value], ...]}; keys are cells or fees.<field>.

    Provenance is derived data: a key this edition does not have is left out, never a reason
    to refuse the file.
    """
    what = "汇总来源"
    if not isinstance(raw, dict):
        raise InvalidReportError(f"{what}的格式不正确")
    fee_keys = {FEE_SOURCE + spec.id for spec in FEE_FIELDS}
    out: dict[str, tuple[Contribution, ...]] = {}
    for key, items in raw.items():
        if not (edition.has_cell(key) or key in fee_keys):
            continue
        if not isinstance(items, list):
            raise InvalidReportError(f"{what}“{key}”的格式不正确")
        contributions = []
        for item in items:
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
                raise InvalidReportError(f"{what}“{key}”的格式不正确")
            value = _number(item[1], f"{what}“{key}”")
            if value is not None and storable_problem(value) is None:  # derived data: a bad one is left out
                contributions.append(Contribution(item[0], value))
        out[key] = tuple(contributions)
    return out


def _number(raw: Any, what: str) -> Value | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InvalidReportError(f"{what}不是数字")
    if isinstance(raw, int):
        return raw
    try:
        return Decimal(str(raw)) if isinstance(raw, (float, str)) else None
    except InvalidOperation:
        raise InvalidReportError(f"{what}“{raw}”不是数字") from None


def _count(raw: Any, what: str) -> int | None:
    value = _number(raw, what)
    if value is not None and value_problem(value, CellKind.COUNT):
        raise InvalidReportError(f"{what}应为不小于0的整数")
    return None if value is None else int(value)


def _amount(raw: Any, what: str) -> Decimal | None:
    value = _number(raw, what)
    return None if value is None else Decimal(value)


def _finite(raw: Any, what: str, repairs: list[str]) -> Any:
    """``raw``, or None (with a repair said) when it is a number no report can hold."""
    if raw is None or isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        return raw
    try:
        number = Decimal(str(raw)) if not isinstance(raw, int) else raw
    except (InvalidOperation, ValueError):
        return raw  # not a number at all: _number says so
    problem = storable_problem(number)
    if problem is None:
        return raw
    shown = str(raw) if len(str(raw)) <= 24 else str(raw)[:24] + "…"
    repairs.append(f"{what}的值“{shown}”{problem}，已按空白打开，请重新填写")
    return None


def _values_in(
    raw: Any,
    cells: dict[str, CellSpec],
    what: str,
    inputs: bool | None = None,
    *,
    repairs: list[str],
) -> dict[str, Value]:
    if not isinstance(raw, dict):
        raise InvalidReportError(f"{what}的格式不正确")
    out: dict[str, Value] = {}
    for key, item in raw.items():
        spec = cells.get(key)
        if spec is None or (inputs is not None and spec.computed == inputs):
            raise InvalidReportError(f"{what}中有无法识别的单元格“{key}”")
        value = _number(_finite(item, f"{what}“{spec.name}”", repairs), f"{what}“{spec.name}”")
        if value is None:
            continue
        # Counts stay int; an invalid value (e.g. −1 from an import) is kept for CELL-VALUE.
        if not spec.kind.is_amount and isinstance(value, Decimal) and value == int(value):
            value = int(value)
        out[key] = value
    return out
