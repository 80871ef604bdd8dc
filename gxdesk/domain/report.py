"""The report an author writes: basic information, narrative parts, table inputs."""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import field
from decimal import Decimal
from enum import Enum

from gxdesk.domain.cells import Value
from gxdesk.domain.editions.common import NARRATIVE_PARTS, PART_NUMERALS
from gxdesk.domain.records import record


class AgencyKind(Enum):
    """Kind of agency; decides e.g. whether it can make 规章."""

    STATE_COUNCIL_DEPARTMENT = "国务院部门"
    PROVINCE = "省级人民政府"
    CITY = "设区的市人民政府"
    COUNTY = "县级人民政府"
    TOWNSHIP = "乡镇人民政府"
    DEPARTMENT = "政府工作部门"
    OTHER = "其他"

    @classmethod
    def guess(cls, agency: str) -> AgencyKind | None:
        """The likely kind from the agency's name (for files received from elsewhere); None when unsure.

        A people's government's 办公厅 / 办公室 reports for the government, so it takes the
        government's kind; names that say nothing certain (管理委员会 of a 开发区, 中心, …) give None.
        """
        name = re.sub(r"\s+", "", agency)
        name = re.sub(r"[(（][^()（）]*[)）]$", "", name)  # 某市人民政府办公室（市政务公开办）
        for office in ("办公厅", "办公室"):
            if name.endswith("人民政府" + office):
                name = name[: -len(office)]
        if name.endswith("人民政府"):
            core = name[: -len("人民政府")]
            if core.endswith(("乡", "镇", "街道", "苏木")):
                return cls.TOWNSHIP
            if core.endswith(("省", "自治区")) or core in ("北京市", "天津市", "上海市", "重庆市"):
                return cls.PROVINCE
            if core.endswith(("县", "旗", "区")):
                return cls.COUNTY
            if core.endswith(("市", "州", "盟")):
                return cls.CITY
            return None
        if re.search(r"管理委员会|管委会|开发区|新区|实验区|示范区|园区|工业园|保税区", name):
            return None  # some 开发区 committees hold a government's powers; not for us to guess
        if name.startswith(("国家", "中华人民共和国", "国务院")) and not re.search(r"[省市县]", name):
            return cls.STATE_COUNCIL_DEPARTMENT
        if name.endswith(("局", "厅", "委员会", "委", "办公室", "办", "署", "部")):
            return cls.DEPARTMENT
        return None

    @property
    def makes_rules(self) -> bool:
        """Only these may make 规章 (立法法 第九十一、九十三条)."""
        return self in (AgencyKind.STATE_COUNCIL_DEPARTMENT, AgencyKind.PROVINCE, AgencyKind.CITY)


REPORT_TITLE_SUFFIX = "政府信息公开工作年度报告"


@record
class Meta:
    """Basic information shown on the title, in the preface and at the end."""

    agency: str
    year: int
    kind: AgencyKind = AgencyKind.DEPARTMENT
    website: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    published: str = ""
    title: str = ""

    @property
    def full_title(self) -> str:
        """The document title; a custom one wins (some agencies word it their own way)."""
        return self.title or f"{self.agency}{self.year}年{REPORT_TITLE_SUFFIX}"


@record
class Fees:
    """Part 六 (2021 edition): 信息处理费 notices and collection, in 元."""

    notices: int | None = None
    noticed: Decimal | None = None
    collected: Decimal | None = None


@record(frozen=True)
class Contribution:
    """Which unit gave which value to a roll-up's summed cell."""

    agency: str
    value: Value


@record
class PriorYear:
    """Last year's numbers and text, for the cross-year rules."""

    year: int
    edition: str
    values: dict[str, Value] = field(default_factory=dict)
    parts: dict[str, str | None] = field(default_factory=dict)
    agency: str = ""  # the agency last year's report named (a different one is worth a look)


@record
class Report:
    """One annual report. ``parts[n]`` is None when the part is missing altogether."""

    meta: Meta
    edition: str
    preface: str = ""
    parts: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(NARRATIVE_PARTS, ""))
    leads: dict[str, str] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    claimed: dict[str, Value] = field(default_factory=dict)
    fees: Fees = field(default_factory=Fees)
    prior: PriorYear | None = None
    explanations: dict[str, str] = field(default_factory=dict)
    ending: bool = True
    settings: dict[str, str] = field(default_factory=dict)
    # A roll-up's provenance: for every summed cell (cell ids, and ``fees.<field>`` for part 六),
    # which units gave which values. Empty for a report written by hand.
    sources: dict[str, tuple[Contribution, ...]] = field(default_factory=dict)
    # Set for an audit of a workbook that holds only tables: narrative rules are skipped.
    tables_only: bool = field(default=False, compare=False)
    # Set for a received file whose agency kind could not be told from its name: rules that
    # depend on the kind stay silent rather than guess.
    kind_unknown: bool = field(default=False, compare=False)
    # A report received from elsewhere (checked as published): what is blank was left blank, and
    # is said once a table, not cell by cell with what the export would write.
    received: bool = field(default=False, compare=False)
    # What reading the file had to mend (a cell that held no finite number, opened blank): said to
    # the author when the file opens, gone once it is saved.
    repairs: tuple[str, ...] = field(default=(), compare=False)

    def sanitized(self) -> Report:
        """A copy whose every text is safe to store and export (see ``clean_text``)."""
        from gxdesk.domain.fields import META_TEXT_FIELDS
        from gxdesk.domain.textutil import clean_text

        def clean(value: str | None) -> str | None:
            return None if value is None else clean_text(value)

        copy = deepcopy(self)
        for spec in META_TEXT_FIELDS:
            spec.set(copy, clean_text(spec.get(copy)))
        copy.preface = clean_text(copy.preface)
        copy.parts = {k: clean(v) for k, v in copy.parts.items()}
        copy.leads = {k: clean_text(v) for k, v in copy.leads.items()}
        copy.explanations = {k: clean_text(v) for k, v in copy.explanations.items()}
        copy.settings = {k: clean_text(v) for k, v in copy.settings.items()}
        copy.sources = {
            k: tuple(Contribution(clean_text(c.agency), c.value) for c in v) for k, v in copy.sources.items()
        }
        if copy.prior is not None:
            copy.prior.parts = {k: clean(v) for k, v in copy.prior.parts.items()}
        return copy

    def text(self, part: str) -> str:
        """Narrative text of a part ('' when missing)."""
        return self.parts.get(part) or ""

    def all_text(self) -> str:
        """Preface and narrative, in document order."""
        pieces = [self.preface] + [self.text(p) for p in PART_NUMERALS if p in self.parts]
        pieces += list(self.leads.values())
        return "\n".join(pieces)
