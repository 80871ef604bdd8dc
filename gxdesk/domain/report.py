"""The report an author writes: basic information, narrative parts, table inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from gxdesk.domain.cells import Value
from gxdesk.domain.editions.common import NARRATIVE_PARTS, PART_NUMERALS


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
    def guess(cls, agency: str) -> AgencyKind:
        """The likely kind from the agency's name (for files received from elsewhere)."""
        name = agency.strip()
        if name.endswith("人民政府"):
            core = name[: -len("人民政府")]
            if core.endswith(("乡", "镇", "街道")):
                return cls.TOWNSHIP
            if core.endswith(("省", "自治区")) or core in ("北京市", "天津市", "上海市", "重庆市"):
                return cls.PROVINCE
            if core.endswith(("县", "旗", "区")):
                return cls.COUNTY
            if core.endswith(("市", "州", "盟")):
                return cls.CITY
            return cls.OTHER
        if name.startswith(("国家", "中华人民共和国", "国务院")) or name.endswith(("部", "总局", "总署")):
            return cls.STATE_COUNCIL_DEPARTMENT if not any(x in name for x in ("省", "市", "县")) else cls.DEPARTMENT
        return cls.DEPARTMENT

    @property
    def makes_rules(self) -> bool:
        """Only these may make 规章 (立法法 第九十一、九十三条)."""
        return self in (AgencyKind.STATE_COUNCIL_DEPARTMENT, AgencyKind.PROVINCE, AgencyKind.CITY)


REPORT_TITLE_SUFFIX = "政府信息公开工作年度报告"


@dataclass
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


@dataclass
class Fees:
    """Part 六 (2021 edition): 信息处理费 notices and collection, in 元."""

    notices: int | None = None
    noticed: Decimal | None = None
    collected: Decimal | None = None


@dataclass
class PriorYear:
    """Last year's numbers and text, for the cross-year rules."""

    year: int
    edition: str
    values: dict[str, Value] = field(default_factory=dict)
    parts: dict[str, str | None] = field(default_factory=dict)


@dataclass
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
    # Set for an audit of a workbook that holds only tables: narrative rules are skipped.
    tables_only: bool = field(default=False, compare=False)

    @classmethod
    def new(cls, agency: str, year: int, kind: AgencyKind = AgencyKind.DEPARTMENT) -> Report:
        """A blank report in the edition its year requires."""
        from gxdesk.domain.drafting import overview_skeleton, problems_skeleton
        from gxdesk.domain.editions import edition_for_year

        edition = edition_for_year(year)
        parts: dict[str, str | None] = {"一": overview_skeleton(edition), "五": problems_skeleton(), "六": ""}
        return cls(Meta(agency=agency, year=year, kind=kind), edition.id, parts=parts)

    def text(self, part: str) -> str:
        """Narrative text of a part ('' when missing)."""
        return self.parts.get(part) or ""

    def all_text(self) -> str:
        """Preface and narrative, in document order."""
        pieces = [self.preface] + [self.text(p) for p in PART_NUMERALS if p in self.parts]
        pieces += list(self.leads.values())
        return "\n".join(pieces)
