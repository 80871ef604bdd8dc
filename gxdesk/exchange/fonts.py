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


# Where a 公文 font is not installed (a Linux desktop, a PC without the 方正/GB2312 fonts), the
# families that stand in for it when gxdesk draws the page itself (PDF, print preview, 图解),
# closest first; the last ones are on every Linux desktop with Chinese.
STAND_INS = {
    "方正小标宋简体": ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun"),
    "仿宋_GB2312": ("仿宋", "FangSong", "STFangsong", "FangSong_GB2312"),
    "仿宋": ("仿宋_GB2312", "FangSong", "STFangsong"),
    "楷体_GB2312": ("楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "KaiTi_GB2312"),
    "楷体": ("楷体_GB2312", "KaiTi", "STKaiti", "AR PL UKai CN"),
    "黑体": ("SimHei", "STHeiti", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"),
    "宋体": ("SimSun", "STSong", "NSimSun"),
}
SERIF_CJK = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "Noto Sans CJK SC", "WenQuanYi Zen Hei")
LATIN_STAND_INS = ("Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif")


def family_chain(east_asian: str) -> list[str]:
    """Families to ask for, in order: Latin text and digits in Times New Roman (or its metric
    twin), Chinese in ``east_asian`` or what stands in for it."""
    chain = [*LATIN_STAND_INS, east_asian, *STAND_INS.get(east_asian, ()), *SERIF_CJK]
    return list(dict.fromkeys(chain))
