"""What Word and WPS see of the file beyond its text: properties, compatibility, theme, fonts.

python-docx's template is an English Mac document from 2013 (creator "python-docx", a
thumbnail, Japanese theme fonts, compatibility mode 14, stylesWithEffects). These functions
make the package say what it is: a Chinese report written by gxdesk for Word 2013 and later.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from gxdesk import __version__
from gxdesk.domain.report import Report
from gxdesk.exchange.docx_xml import element
from gxdesk.exchange.fonts import LATIN, FontSet

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
WORD_2013 = "15"  # compatibilityMode: Word 2013 and later open it without 兼容模式

# Fonts as fontTable.xml declares them: the Windows name a PC without the font falls back to,
# the GB2312 character set (86) for Chinese fonts, and the family.
_FONT_FACTS = {
    "仿宋_GB2312": ("仿宋", "86", "modern", "fixed"),
    "仿宋": ("FangSong", "86", "modern", "fixed"),
    "楷体_GB2312": ("楷体", "86", "modern", "fixed"),
    "楷体": ("KaiTi", "86", "modern", "fixed"),
    "黑体": ("SimHei", "86", "modern", "fixed"),
    "宋体": ("SimSun", "86", "auto", "variable"),
    "方正小标宋简体": ("宋体", "86", "roman", "variable"),  # a 宋 (serif) face, as its metrics say
    "华文中宋": ("宋体", "86", "auto", "variable"),
    LATIN: ("", "00", "roman", "variable"),
}


def finish(document: DocxDocument, report: Report, fonts: FontSet) -> None:
    """Properties, compatibility, theme and font table for ``report``'s document."""
    _properties(document, report)
    _drop_leftovers(document)
    _settings(document)
    _theme(document)
    _font_table(document, fonts)


def _property(text: str) -> str:
    """A file property as the format allows it: at most 255 characters (the text itself is whole)."""
    return text if len(text) <= 255 else text[:254] + "…"


def _properties(document: DocxDocument, report: Report) -> None:
    props = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title = _property(report.meta.full_title)
    props.author = props.last_modified_by = _property(report.meta.agency or "gxdesk")
    props.subject = "政府信息公开工作年度报告"
    props.comments = ""
    props.keywords = "政府信息公开;年度报告"
    props.category = ""
    props.created = props.modified = now
    props.revision = 1
    app = _part(document, RT.EXTENDED_PROPERTIES)
    if app is not None:
        app._blob = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>gxdesk {escape(__version__)}</Application><DocSecurity>0</DocSecurity>"
            f"<Company>{escape(_property(report.meta.agency))}</Company></Properties>"
        ).encode()


def _part(document: DocxDocument, reltype: str) -> Any:
    for rel in document.part.package.rels.values():
        if rel.reltype == reltype:
            return rel.target_part
    return None


def _drop_leftovers(document: DocxDocument) -> None:
    """The template's thumbnail (a blank page), the stale stylesWithEffects.xml and its customXml
    bibliography part (nothing of the report's)."""
    package_rels = document.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[r_id]
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            del document.part.rels[r_id]


def _settings(document: DocxDocument) -> None:
    settings = document.settings.element
    for compat in settings.iter(qn("w:compatSetting")):
        if compat.get(qn("w:name")) == "compatibilityMode":
            compat.set(qn("w:val"), WORD_2013)
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    preview = settings.find(qn("w:savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)


def _theme(document: DocxDocument) -> None:
    """The theme's East-Asian fonts are Chinese (the template maps them to MS Mincho/Gothic)."""
    theme = _part_of(document, RT.THEME)
    if theme is None:
        return
    xml = theme.blob.decode("utf-8")
    for script, face in (("Jpan", "宋体"),):
        xml = xml.replace(
            f'<a:font script="{script}" typeface="ＭＳ 明朝"/>', f'<a:font script="{script}" typeface="{face}"/>'
        )
        xml = xml.replace(
            f'<a:font script="{script}" typeface="ＭＳ ゴシック"/>', f'<a:font script="{script}" typeface="黑体"/>'
        )
    major, _, minor = xml.partition("<a:minorFont>")
    major = major.replace('<a:ea typeface=""/>', '<a:ea typeface="黑体"/>', 1)
    minor = minor.replace('<a:ea typeface=""/>', '<a:ea typeface="宋体"/>', 1)
    theme._blob = (major + "<a:minorFont>" + minor if minor else major).encode("utf-8")


def _part_of(document: DocxDocument, reltype: str) -> Any:
    for rel in document.part.rels.values():
        if rel.reltype == reltype:
            return rel.target_part
    return None


def _font_table(document: DocxDocument, fonts: FontSet) -> None:
    """Declare exactly the fonts the document uses, with their fallbacks and character sets."""
    part = _part_of(document, RT.FONT_TABLE)
    if part is None:
        return
    names = list(dict.fromkeys([*fonts.families(), LATIN]))
    entries = []
    for name in names:
        alt, charset, family, pitch = _FONT_FACTS.get(name, ("", "86", "auto", "variable"))
        font = element("w:font")
        font.set(qn("w:name"), name)
        if alt:
            font.append(element("w:altName", val=alt))
        font.append(element("w:charset", val=charset))
        font.append(element("w:family", val=family))
        font.append(element("w:pitch", val=pitch))
        entries.append(font)
    root = element("w:fonts")
    for font in entries:
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
