"""Every basic-information and fee field, declared once: id, group, Chinese label, kind.

The basic-information page, the part-六 fee form, undo texts, the Excel 基本信息 sheet and its
importer, the project file and the sanitizer all read these declarations.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from gxdesk.domain.cells import CellKind, Parsed, parse_value
from gxdesk.domain.keys import FieldGroup
from gxdesk.domain.records import record

if TYPE_CHECKING:
    from gxdesk.domain.report import Report


class FieldKind(Enum):
    TEXT = "text"
    AGENCY_KIND = "agency_kind"
    YEAR = "year"
    DATE = "date"  # ISO date text, or ""
    FLAG = "flag"
    COUNT = "count"
    AMOUNT_YUAN = "amount_yuan"


@record(frozen=True)
class FieldSpec:
    """One field of the report outside its tables and texts."""

    id: str
    group: FieldGroup
    label: str
    kind: FieldKind
    unit: str = ""
    placeholder: str = ""
    short: str = ""  # how the preface names it in running text (地址：…，邮编：…)

    @property
    def caption(self) -> str:
        """The label with its unit, as a form or a sheet shows it: 收费通知总金额（元）."""
        return f"{self.label}（{self.unit}）" if self.unit else self.label

    def target(self, report: Report) -> Any:
        return {FieldGroup.META: report.meta, FieldGroup.FEES: report.fees, FieldGroup.REPORT: report}[self.group]

    def get(self, report: Report) -> Any:
        return getattr(self.target(report), self.id)

    def set(self, report: Report, value: Any) -> None:
        setattr(self.target(report), self.id, value)

    def parse(self, text: object) -> Parsed:
        """A typed value from what the author or a file wrote (counts and amounts)."""
        cell_kind = CellKind.COUNT if self.kind is FieldKind.COUNT else CellKind.AMOUNT_YUAN
        parsed = parse_value(text, cell_kind)
        if parsed.ok and parsed.value is not None and self.kind is FieldKind.AMOUNT_YUAN:
            return Parsed(Decimal(parsed.value), note=parsed.note)
        return parsed


META = FieldGroup.META
AGENCY = FieldSpec("agency", META, "机关名称", FieldKind.TEXT, placeholder="如：某某县人民政府办公室")
KIND = FieldSpec("kind", META, "机关类型", FieldKind.AGENCY_KIND)
YEAR = FieldSpec("year", META, "报告年度", FieldKind.YEAR)
WEBSITE = FieldSpec("website", META, "门户网站", FieldKind.TEXT, placeholder="如：http://www.example.gov.cn")
ADDRESS = FieldSpec("address", META, "联系地址", FieldKind.TEXT, short="地址")
POSTCODE = FieldSpec("postcode", META, "邮政编码", FieldKind.TEXT, short="邮编")
PHONE = FieldSpec("phone", META, "联系电话", FieldKind.TEXT, placeholder="如：0591-12345678", short="电话")
EMAIL = FieldSpec("email", META, "电子邮箱", FieldKind.TEXT, short="电子邮箱")
PUBLISHED = FieldSpec("published", META, "发布日期", FieldKind.DATE)
TITLE = FieldSpec("title", META, "报告标题", FieldKind.TEXT)
ENDING = FieldSpec("ending", FieldGroup.REPORT, "文末署机关名称和发布日期", FieldKind.FLAG)
NOTICES = FieldSpec("notices", FieldGroup.FEES, "发出收费通知", FieldKind.COUNT, unit="件")
NOTICED = FieldSpec("noticed", FieldGroup.FEES, "收费通知总金额", FieldKind.AMOUNT_YUAN, unit="元")
COLLECTED = FieldSpec("collected", FieldGroup.FEES, "实际收取金额", FieldKind.AMOUNT_YUAN, unit="元")

META_FIELDS = (AGENCY, KIND, YEAR, WEBSITE, ADDRESS, POSTCODE, PHONE, EMAIL, PUBLISHED, TITLE)
CONTACT_FIELDS = (WEBSITE, ADDRESS, POSTCODE, PHONE, EMAIL)
CONTACT_LINES = (ADDRESS, POSTCODE, PHONE, EMAIL)  # the preface's "如对本报告有疑问" parenthesis
CONTACTS = (WEBSITE, *CONTACT_LINES)  # what last year's report hands on to this year's
FEE_FIELDS = (NOTICES, NOTICED, COLLECTED)
# The report's Word settings (the open settings group): font set and bold level-2/3 headings.
FONTS_SETTING = "fonts"
BOLD_SETTING = "bold_headings"
WORD_SETTINGS = (FONTS_SETTING, BOLD_SETTING)
FEE_SOURCE = "fees."  # a roll-up's source key for a fee figure: fees.<field id>
FIELDS = (*META_FIELDS, ENDING, *FEE_FIELDS)
META_TEXT_FIELDS = tuple(f for f in META_FIELDS if f.kind in (FieldKind.TEXT, FieldKind.DATE))
BY_ID = {f.id: f for f in FIELDS}


def field(group: FieldGroup | str, name: str) -> FieldSpec | None:
    """The declared field ``name`` of ``group``; None for the open groups (settings, explanations)."""
    spec = BY_ID.get(name)
    return spec if spec is not None and spec.group == FieldGroup(group) else None
