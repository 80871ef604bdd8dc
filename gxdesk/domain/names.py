"""Agency names as an office matches them: one unit however its name is typed or abbreviated.

A report copied from a web page carries zero-width spaces; one unit writes 市场监督管理局, the
名单 says 市场监管局; one file names the county, another does not. ``agency_key`` folds what is
never a difference (width, spaces, invisible characters, a bracketed note); ``canonical`` also
folds the usual short forms of department names; ``area_split`` separates a leading place name.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Characters that never make a name different: zero-width, joiners, soft hyphen, BOM, marks.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)

# Short forms a 名单 or a report uses for a department (long form → the form compared).
# Longest first: 人力资源和社会保障局 must fold before 局 rules could touch it.
VARIANTS: tuple[tuple[str, str], ...] = (
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("市场监督管理", "市场监管"),
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("发展和改革局", "发改局"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("卫生健康委员会", "卫健委"),
    ("卫生和健康委员会", "卫健委"),
    ("卫生健康局", "卫健局"),
    ("工业和信息化", "工信"),
    ("科学技术", "科技"),
    ("自然资源和规划", "自然资源"),
    ("文化广电和旅游", "文旅"),
    ("文化广电旅游", "文旅"),
    ("文化和旅游", "文旅"),
    ("文化旅游", "文旅"),
    ("应急管理", "应急"),
    ("医疗保障", "医保"),
    ("退役军人事务", "退役军人"),
    ("农业农村", "农业农村"),
    ("交通运输", "交通"),
    ("城市管理综合执法", "城管"),
    ("城市管理", "城管"),
    ("行政审批服务", "行政审批"),
    ("政务服务和大数据管理", "政数"),
    ("政务服务数据管理", "政数"),
    ("人民政府办公室", "政府办"),
    ("人民政府办公厅", "政府办公厅"),
    ("政府办公室", "政府办"),
    ("管理委员会", "管委会"),
    ("街道办事处", "街道办"),
    ("人民政府", "政府"),
)
# A leading place name: …省 / …自治区 / …市 / …州 / …盟 / …县 / …区 / …旗, up to three levels.
_AREA = re.compile(r"^(.{1,9}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|县|区|旗))(?=.{2,})")
# What is left of a name without its place is too generic to stand for one unit.
GENERIC = frozenset({"政府", "政府办", "政府办公厅", "管委会", "街道办", "人大", "政协"})


def agency_key(name: str) -> str:
    """An agency name reduced for matching: width folded, no spaces, no invisible characters,
    no bracketed note (某局（某办） → 某局)."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _INVISIBLE.sub("", text)
    text = re.sub(r"[(（][^()（）]*[)）]", "", text)
    return re.sub(r"[\s·・．.、,，]", "", text)


def canonical(name: str) -> str:
    """``agency_key`` with the usual long department names folded to their short forms."""
    key = agency_key(name)
    for long, short in VARIANTS:
        key = key.replace(long, short)
    return key


def area_split(key: str) -> tuple[str, str]:
    """(place prefix, the rest) of a canonical key; the prefix may be several levels (某省某市)."""
    prefix = ""
    rest = key
    for _ in range(3):
        match = _AREA.match(rest)
        if match is None:
            break
        prefix += match.group(1)
        rest = rest[match.end() :]
    return prefix, rest


def similarity(a: str, b: str) -> float:
    """How alike two names are (0–1), compared in canonical form."""
    return SequenceMatcher(None, canonical(a), canonical(b), autojunk=False).ratio()
