"""Font sets for the Word document: the 公文 fonts, or the ones every Windows PC has."""

from __future__ import annotations

from dataclasses import dataclass

LATIN = "Times New Roman"


@dataclass(frozen=True)
class FontSet:
    """East-Asian fonts by role; Latin text and digits use Times New Roman throughout."""

    key: str
    label: str
    title: str
    heading1: str
    heading2: str
    body: str
    table: str
    page_number: str
    title_bold: bool = False

    def families(self) -> list[str]:
        return list(dict.fromkeys((self.title, self.heading1, self.heading2, self.body, self.table, self.page_number)))


FONT_SETS = {
    "gb2312": FontSet(
        "gb2312",
        "公文字体（方正小标宋简体、仿宋_GB2312、楷体_GB2312、黑体）",
        title="方正小标宋简体",
        heading1="黑体",
        heading2="楷体_GB2312",
        body="仿宋_GB2312",
        table="仿宋_GB2312",
        page_number="宋体",
    ),
    "windows": FontSet(
        "windows",
        "Windows 自带字体（宋体、仿宋、楷体、黑体）",
        title="宋体",
        heading1="黑体",
        heading2="楷体",
        body="仿宋",
        table="仿宋",
        page_number="宋体",
        title_bold=True,
    ),
}
DEFAULT_FONT_SET = "gb2312"


def font_set(key: str | None) -> FontSet:
    return FONT_SETS.get(key or DEFAULT_FONT_SET, FONT_SETS[DEFAULT_FONT_SET])
