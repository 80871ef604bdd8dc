"""Low-level WordprocessingML the python-docx API does not cover (fonts, table rows, fields)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element as Element

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def child(parent: Element, tag: str) -> Element:
    """The first ``tag`` child of ``parent``, created if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_fonts(rpr: Element, east_asia: str, latin: str) -> None:
    """Name every font slot explicitly; theme attributes would otherwise win (MS Mincho for 中文)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_language(rpr: Element) -> None:
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def row_flags(tr: Element, *, header: bool, min_height: int = 0) -> None:
    """``w:cantSplit`` always; ``w:tblHeader`` on rows that repeat on every page; a minimum height."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tr.insert(0, trpr)  # trPr comes before the row's cells
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))
    if min_height:
        trpr.append(element("w:trHeight", val=str(min_height), hRule="atLeast"))
    if header and trpr.find(qn("w:tblHeader")) is None:
        trpr.append(OxmlElement("w:tblHeader"))


def page_field(  # type: ignore[no-untyped-def]
    paragraph, prefix: str, suffix: str, east_asia: str, latin: str, size_half_pt: int, cached: int = 1
) -> None:
    """``— {PAGE} —`` as text runs around a complex PAGE field; ``cached`` is the number shown
    before the field updates (2 in the even-page footer)."""

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        set_fonts(rpr, east_asia, latin)
        for tag in ("w:sz", "w:szCs"):
            size = OxmlElement(tag)
            size.set(qn("w:val"), str(size_half_pt))
            rpr.append(size)
        r.append(rpr)
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r.append(el)
        if instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r.append(el)
        if text is not None:
            el = OxmlElement("w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            r.append(el)
        paragraph._p.append(r)

    run(prefix)
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run(str(cached))
    run(fld="end")
    run(suffix)


def element(tag: str, **attrs: str) -> Element:
    """``<w:tag w:a="…"/>``; attribute names are given without the ``w:`` prefix."""
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def table_properties(widths_twips: list[int]) -> Element:
    """``w:tblPr`` in schema order: full single borders, fixed layout, centred, small margins."""
    tblpr = OxmlElement("w:tblPr")
    tblpr.append(element("w:tblStyle", val="TableGrid"))
    tblpr.append(element("w:tblW", w=str(sum(widths_twips)), type="dxa"))
    tblpr.append(element("w:jc", val="center"))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    tblpr.append(borders)
    # Fixed layout with explicit grid widths: Word and WPS then lay the table out alike.
    tblpr.append(element("w:tblLayout", type="fixed"))
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", "0"), ("left", "57"), ("bottom", "0"), ("right", "57")):
        margins.append(element(f"w:{side}", w=width, type="dxa"))
    tblpr.append(margins)
    tblpr.append(
        element(
            "w:tblLook",
            val="0000",
            firstRow="0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    return tblpr
