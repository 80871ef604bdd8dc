"""Evaluators of the rules that read the narrative."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache

from gxdesk.domain.cells import Value
from gxdesk.domain.editions.common import PARTS, PREFACE
from gxdesk.domain.findings import Finding
from gxdesk.domain.rule import Context, Rule, evaluator, num
from gxdesk.domain.statements import (
    APPROXIMATE,
    CARRY_YEAR,
    CLAIMS,
    COMPARISON,
    FEES_COLLECTED,
    OTHER_SCOPE,
    SENTENCE_END,
    STALE_EXEMPT_PARTS,
    THIS_YEAR,
    YEAR,
    Claim,
    ClaimWords,
    own_scopes,
)
from gxdesk.domain.tables import CellSpec
from gxdesk.domain.textutil import parse_number, squash

_HEADINGS = {p.numeral: p.heading for p in PARTS}
_WHITE = re.compile(r"\s+")
_CITATION = re.compile(r"国办(公开办函|发|函)[〔\[【（(]\s*(\d{4})\s*[〕\]】）)]\s*(\d+)\s*号")


def _texts(ctx: Context, squashed: bool = True) -> Iterator[tuple[str, str]]:
    """(part, text) for the preface and every narrative part, table lead-ins included."""
    yield PREFACE, squash(ctx.report.preface) if squashed else ctx.report.preface
    for numeral in ("一", "二", "三", "四", "五", "六"):
        text = ctx.report.parts.get(numeral) or ctx.report.leads.get(numeral) or ""
        if text:
            yield numeral, squash(text) if squashed else text


class Stance(Enum):
    """Whose figures a sentence states."""

    THIS_YEAR = "this"
    STALE = "stale"  # last year's date on a statement of this year's work: a copy not updated
    OTHER = "other"  # another year or another scope: not compared


@dataclass(frozen=True)
class Sentence:
    """A sentence without white space: ``folded`` (NFKC) is matched, ``written`` is quoted."""

    written: str
    folded: str

    def quote(self, start: int, end: int) -> str:
        """The author's own characters for a span of ``folded`` (full-width forms kept)."""
        same = len(self.written) == len(self.folded)
        return (self.written if same else self.folded)[start:end]


def _sentences(ctx: Context) -> Iterator[tuple[str, Sentence, Stance]]:
    """(part, sentence, stance) of every sentence of the narrative and the lead-ins."""
    year = ctx.report.meta.year
    own = own_scopes(ctx.report.meta.agency, ctx.report.meta.kind.value)
    for part, text in _texts(ctx, squashed=False):
        for sentence in _split(text):
            yield part, sentence, _stance(sentence.folded, year, part, own)


@lru_cache(maxsize=256)
def _split(text: str) -> tuple[Sentence, ...]:
    # Cached: the checks run on every keystroke over text that mostly has not changed.
    out = []
    for piece in SENTENCE_END.split(text):
        written = _WHITE.sub("", piece)
        if written:
            out.append(Sentence(written, squash(written)))
    return tuple(out)


@lru_cache(maxsize=4096)
def _stance(sentence: str, year: int, part: str, own: frozenset[str] = frozenset()) -> Stance:
    scopes = OTHER_SCOPE.findall(sentence)
    # 全区 in a district government's report is its own area (全区各级行政机关 too); in a
    # department's report, or 各乡镇 alone, it is someone else's figures.
    if scopes and not (own and any(s in own for s in scopes)):
        return Stance.OTHER
    carried = {int(y) for y in CARRY_YEAR.findall(sentence) if int(y) == year + 1}
    years = {int(y) for y in YEAR.findall(sentence)} - carried
    if not years or years == {year}:
        return Stance.THIS_YEAR
    if (
        years == {year - 1}
        and part not in STALE_EXEMPT_PARTS
        and not THIS_YEAR.search(sentence)
        and not COMPARISON.search(sentence)
    ):
        return Stance.STALE
    return Stance.OTHER


def _stated(text: str) -> Value | None:
    number = parse_number(text)
    if number is not None:
        return number
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def _sum(ctx: Context, cells: tuple[str, ...], lenient: dict[str, Value | None]) -> Value | None:
    """The table's figure for ``cells`` (those the edition has); None when unknown.

    A total left blank in a published table is what its filled cells add up to (``lenient``),
    as the identities read it: "予以公开及部分公开258件" is still compared."""
    values: list[Value | None] = []
    for cid in cells:
        if cid == FEES_COLLECTED:
            values.append(ctx.report.fees.collected if ctx.edition.fee_figures else None)
        elif ctx.edition.has_cell(cid):
            value = ctx.value(cid)
            values.append(lenient.get(cid) if value is None else value)
    known = [v for v in values if v is not None]
    if not known:
        return None
    return sum(known)  # a blank among filled cells reads as 0, as the export writes it


def _table_name(ctx: Context, cells: tuple[str, ...]) -> str:
    """How a message names the figure, from the official labels: 表三“（三）不予公开”各项总计之和."""
    if cells == (FEES_COLLECTED,):
        return "第六部分填写的实际收取信息处理费金额（元）"
    specs = [ctx.edition.cell(c) for c in cells if ctx.edition.has_cell(c)]
    first = specs[0]

    def label(spec: CellSpec) -> str:
        return spec.row[-1] if spec.row and spec.row[-1] else "·".join(spec.column[:-1])

    column = first.column[-1]
    if len(specs) == 1:
        return f"表{first.part}“{label(first)}”{column}"
    parents = {s.row[-2] for s in specs if len(s.row) >= 2}
    if len(parents) == 1 and all(len(s.row) >= 3 for s in specs):
        return f"表{first.part}“{parents.pop()}”各项{column}之和"
    groups = {s.column[0] for s in specs if len(s.column) > 2}
    if len(groups) == 1 and len(specs) == sum(len(s.column) > 2 for s in specs):
        # 表四“行政诉讼”总计（未经复议直接起诉与复议后起诉之和）
        return f"表{first.part}“{groups.pop()}”{column}（{'与'.join(s.column[1] for s in specs)}之和）"
    return f"表{first.part}" + "与".join(f"“{label(s)}”" for s in specs) + f"{column}之和"


def _lenient(ctx: Context) -> dict[str, Value | None]:
    """Totals with blank cells read as 0, where at least one of the cells they add up is filled."""
    filled: dict[str, bool] = {cid: ctx.report.values.get(cid) is not None for cid in ctx.edition.input_ids}
    out: dict[str, Value | None] = {cid: ctx.report.values.get(cid) or 0 for cid in ctx.edition.input_ids}
    for cid, parts in ctx.edition.totals:
        filled[cid] = any(filled[p] for p in parts)
        claimed = ctx.report.claimed.get(cid)
        out[cid] = claimed if claimed is not None else sum((out[p] or 0 for p in parts), 0)
    return {cid: (v if filled.get(cid) else None) for cid, v in out.items()}


@dataclass(frozen=True)
class Hit:
    """A claim's phrasing found in a sentence: the claim's index, the span, the number as written."""

    claim: int
    start: int
    end: int
    raw: str | None  # None for a claim of zero (无依申请公开)
    at: int = -1  # where the number stands: two phrasings of one number are one statement


_HITS: dict[tuple[int, str], tuple[Hit, ...]] = {}
_WORDS: dict[int, ClaimWords] = {}  # by the claims tuple's id, like _HITS (the tuples are module constants)


def _hits(claims: tuple[Claim, ...], folded: str) -> tuple[Hit, ...]:
    """Every claim phrasing in a sentence, cached: a keystroke changes one sentence, not all."""
    key = (id(claims), folded)
    found = _HITS.get(key)
    if found is None:
        words = _WORDS.get(id(claims))
        if words is None:
            words = _WORDS[id(claims)] = ClaimWords(claims)
        out = []
        for i in words.candidates(folded):
            claim = claims[i]
            regex = claim.regex
            for match in regex.finditer(folded):
                if regex.groups and APPROXIMATE.search(folded[: match.start(1)]):
                    continue  # 约、近、超过: not a count
                number = match.start(1) if regex.groups else -1
                out.append(Hit(i, match.start(), match.end(), match.group(1) if regex.groups else None, number))
        if len(_HITS) > 8192:
            _HITS.clear()
        found = _HITS[key] = tuple(out)
    return found


@evaluator("text_table")
def text_table(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A figure stated in the narrative that contradicts the table it names.

    Sentences about another year or another scope are not compared; a figure may also mean
    one of the claim's other sums (收到申请N件 is often 新收 + 上年结转); approximate figures
    (约、近、超过) and percentages are never counts. When in doubt, silence.
    """
    claims: tuple[Claim, ...] = CLAIMS
    figures: dict[int, tuple[Value | None, list[Value | None]]] = {}
    lenient = _lenient(ctx)
    for part, sentence, stance in _sentences(ctx):
        if stance is Stance.OTHER:
            continue
        read: set[int] = set()  # numbers of this sentence already read by an earlier phrasing
        for hit in _hits(claims, sentence.folded):
            if hit.at >= 0 and hit.at in read:
                continue
            read.add(hit.at)
            claim = claims[hit.claim]
            if hit.claim not in figures:  # the table's side, computed once per claim
                figures[hit.claim] = (_sum(ctx, claim.cells, lenient), [_sum(ctx, a, lenient) for a in claim.also])
            actual, others = figures[hit.claim]
            stated = 0 if hit.raw is None else _stated(hit.raw)
            if actual is None or stated is None or stated == actual or stated in others:
                continue
            snippet = sentence.quote(hit.start, hit.end)
            raw = hit.raw or ""
            note = "" if not raw or raw.replace(".", "").isdigit() else f"（即 {stated}）"
            if stance is Stance.STALE:
                note += f"（该句写的是{ctx.report.meta.year - 1}年）"
            message = rule.template.format(
                snippet=snippet, claimed=note, table_name=_table_name(ctx, claim.cells), actual=num(actual)
            )
            cells = tuple(c for c in claim.cells if ctx.edition.has_cell(c))
            yield ctx.finding(rule, message, part=part, cells=cells, expected=actual, actual=stated, subject=snippet)


@evaluator("text_year")
def text_year(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A statement of this year's figures under last year's date (a copy left un-updated)."""
    claims = CLAIMS
    year = ctx.report.meta.year
    for part, sentence, stance in _sentences(ctx):
        if stance is not Stance.STALE:
            continue
        if not _hits(claims, sentence.folded):
            continue
        written = sentence.written
        snippet = written if len(written) <= 40 else written[:38] + "……"
        yield ctx.finding(
            rule,
            rule.template.format(snippet=snippet, stale=year - 1, year=year),
            part=part,
            subject=written[:40],
        )


# A statistical period as prefaces state it: 自2025年1月1日起至2025年12月31日止, 2025年1月1日—12月31日.
_PERIOD = re.compile(r"(\d{4})年度?的?1月1日(?:起|开始)?(?:至|到|—|–|-|－|~|～)(?:(\d{4})年)?12月31日")
# The report named by its year in the preface: 《××局2025年政府信息公开工作年度报告》, 本报告为2025年度…
_TITLE_YEAR = re.compile(r"(?<![\d上])(\d{4})年度?政府信息公开(?:工作)?年度报告")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")


def _arabic_years(text: str) -> str:
    """二〇二五年 → 2025年 (same length: positions stay the author's)."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)


@evaluator("text_period")
def text_period(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A statistical period or report year stated for another year: a preface drafted or copied
    for another year and not updated (the 年份 offices name in their circulars)."""
    year = ctx.report.meta.year
    for part, text in _texts(ctx):
        plain = _arabic_years(text)
        found = [(m, "统计期限", {m.group(1), m.group(2) or m.group(1)}) for m in _PERIOD.finditer(plain)]
        if part == PREFACE:
            found += [(m, "报告年度", {m.group(1)}) for m in _TITLE_YEAR.finditer(plain)]
        for match, what, years in found:
            stated = sorted(int(y) for y in years if int(y) != year)
            if not stated:
                continue
            snippet = text[match.start() : match.end()]
            yield ctx.finding(
                rule,
                rule.template.format(snippet=snippet, what=what, stated="、".join(map(str, stated)), year=year),
                part=part,
                subject=snippet,
            )


@evaluator("basis_citation")
def basis_citation(rule: Rule, ctx: Context) -> Iterator[Finding]:
    wrong = {tuple(w): w for w in rule.params["wrong"]}
    for part, text in _texts(ctx):
        for match in _CITATION.finditer(text):
            if match.groups() not in wrong:
                continue
            kind, year, number = match.groups()
            why = "该文号的文件并不存在" if kind == "发" else "这是另一版格式的依据"
            yield ctx.finding(
                rule,
                rule.template.format(cited=match.group(0), why=why, right=rule.params["right"]),
                part=part,
                subject=match.group(0),
            )


@evaluator("text_reuse")
def text_reuse(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """A part that carries over most of last year's sentences, measured as the 对比上年 view does."""
    from gxdesk.domain.compare import reuse_share

    prior = ctx.report.prior
    if prior is None:
        return
    for numeral in rule.params["parts"]:
        before = prior.parts.get(numeral)
        now = ctx.report.text(numeral)
        if not before or len(squash(now)) < 60:
            continue
        share = reuse_share(now, before, numeral)
        if share >= rule.params["threshold"]:
            yield ctx.finding(
                rule,
                rule.template.format(heading=_HEADINGS[numeral], share=round(share * 100)),
                part=numeral,
                subject=numeral,
                actual=round(share * 100),  # the share in percent, as data (the summary sheet reads it)
                expected=round(rule.params["threshold"] * 100),
            )
