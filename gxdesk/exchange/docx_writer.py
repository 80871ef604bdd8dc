"""The submission-ready Word document (GB/T 9704 page, 公文 fonts, the official tables)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle

from gxdesk.domain.editions import edition_of
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.report import Report
from gxdesk.domain.rules import compute
from gxdesk.domain.textutil import LINE_BREAK, heading_level, run_in_heading
from gxdesk.exchange.atomic import write_bytes
from gxdesk.exchange.docx_tables import TABLE_STYLE, build_table
from gxdesk.exchange.docx_xml import element, page_field, set_fonts, set_language
from gxdesk.exchange.fonts import LATIN, FontSet, font_set

LINE_TWIPS = 579  # 225 mm / 22 lines ≈ 28.95 pt: exact spacing, 22 lines a page
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
STYLE_BODY, STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_H3 = "gx-body", "gx-title", "gx-h1", "gx-h2", "gx-h3"
STYLE_FOOTER = "gx-page-number"
_LINE = Twips(LINE_TWIPS)
_LONG_TOKEN = re.compile(r"[A-Za-z0-9:/._@%?=&#~+-]{24,}")


def options(report: Report) -> tuple[FontSet, bool]:
    """The author's choices stored with the report: font set, bold level-2/3 headings."""
    return font_set(report.settings.get("fonts")), report.settings.get("bold_headings") == "1"


def build(report: Report, *, fonts: str | None = None) -> docx.document.Document:
    """The Word document of ``report`` (not yet saved)."""
    report = report.sanitized()  # characters XML cannot hold never reach python-docx
    fontset, bold = options(report)
    if fonts:
        fontset = font_set(fonts)
    document = docx.Document()
    _page_setup(document)
    _styles(document, fontset, bold)
    _footers(document, fontset)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
    _content(document, report, fontset, bold)
    return document


def to_bytes(report: Report, *, fonts: str | None = None) -> bytes:
    """The file's content (building it can fail for reasons that have nothing to do with disks)."""
    buffer = io.BytesIO()
    build(report, fonts=fonts).save(buffer)
    return buffer.getvalue()


def write(report: Report, path: Path | str, *, fonts: str | None = None) -> None:
    """Write the file atomically (a half-written file never replaces a good one)."""
    write_bytes(path, to_bytes(report, fonts=fonts))


# ---- page and styles -----------------------------------------------------------------------
def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)
    sectpr = section._sectPr
    for old in sectpr.findall(qn("w:docGrid")):
        sectpr.remove(old)
    sectpr.append(element("w:docGrid", type="lines", linePitch=str(LINE_TWIPS)))
    document.settings.odd_and_even_pages_header_footer = True


_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _paragraph_style(
    document: DocxDocument,
    name: str,
    east_asia: str,
    size: float,
    *,
    bold: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: int = 2,
    exact: Twips | None = _LINE,
    outline: int | None = None,
    keep_next: bool = False,
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = None
    style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.name = LATIN
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, east_asia, LATIN)
    set_language(rpr)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    fmt.keep_with_next = keep_next
    if exact is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = exact
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)
        ind = style.element.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    ppr = style.element.get_or_add_pPr()
    if exact is None:
        # Off the document's line grid, or every table line would be 28.95 pt tall.
        ppr.insert_element_before(element("w:snapToGrid", val="0"), *_AFTER_SNAP)
    if outline is not None:
        ppr.append(element("w:outlineLvl", val=str(outline)))
    return cast(ParagraphStyle, style)


def _styles(document, fonts: FontSet, bold: bool) -> None:  # type: ignore[no-untyped-def]
    # Document defaults and Normal: explicit East-Asian fonts, no theme fonts anywhere.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, fonts.body, LATIN)
    set_language(rpr)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), fonts.body, LATIN)
    normal.paragraph_format.space_after = Pt(0)
    # The template's own styles (Heading 1, Title, …) name theme fonts: replace them all.
    for rfonts in list(document.styles.element.iter(qn("w:rFonts"))):
        set_fonts(rfonts.getparent(), rfonts.get(qn("w:eastAsia")) or fonts.body, LATIN)
    _paragraph_style(document, STYLE_BODY, fonts.body, BODY_PT)
    _paragraph_style(
        document,
        STYLE_TITLE,
        fonts.title,
        TITLE_PT,
        bold=fonts.title_bold,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent_chars=0,
        exact=Twips(700),
        outline=0,
    )
    _paragraph_style(document, STYLE_H1, fonts.heading1, BODY_PT, outline=1, keep_next=True)
    _paragraph_style(document, STYLE_H2, fonts.heading2, BODY_PT, bold=bold, outline=2, keep_next=True)
    _paragraph_style(document, STYLE_H3, fonts.body, BODY_PT, bold=bold, keep_next=True)
    table = _paragraph_style(
        document, TABLE_STYLE, fonts.table, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0, exact=None
    )
    table.paragraph_format.space_before = table.paragraph_format.space_after = Pt(1)
    _paragraph_style(document, STYLE_FOOTER, fonts.page_number, PAGE_NUMBER_PT, indent_chars=0, exact=None)


def _footers(document, fonts: FontSet) -> None:  # type: ignore[no-untyped-def]
    """``— N —`` in 4号宋体: odd pages right-aligned, even pages left, one character in."""
    section = document.sections[0]
    for footer, align, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = STYLE_FOOTER
        paragraph.alignment = align
        if side == "right":
            paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
        page_field(paragraph, "— ", " —", fonts.page_number, LATIN, PAGE_NUMBER_PT * 2)


# ---- content ------------------------------------------------------------------------------
def _content(document, report: Report, fonts: FontSet, bold: bool) -> None:  # type: ignore[no-untyped-def]
    edition = edition_of(report)
    values = compute(edition, report.values)
    values.update(report.claimed)  # a published total is printed as published
    for line in _title_lines(report.meta.full_title):
        document.add_paragraph(line, style=STYLE_TITLE)
    document.add_paragraph("", style=STYLE_BODY)
    _text(document, report.preface, fonts, bold)
    for part in PARTS:
        if part.table:
            document.add_paragraph(part.heading, style=STYLE_H1)
            if report.leads.get(part.numeral, "").strip():
                _text(document, report.leads[part.numeral], fonts, bold, keep_next=True)
            table = edition.table(part.numeral)
            sectpr = document.element.body.find(qn("w:sectPr"))
            sectpr.addprevious(build_table(table, values))
            continue
        text = report.parts.get(part.numeral)
        if text is None:
            continue  # the part is missing from the report (PART-EMPTY says so)
        document.add_paragraph(part.heading, style=STYLE_H1)
        _text(document, text, fonts, bold)
    if report.ending:
        _ending(document, report)
    # Word needs a paragraph between a final table and the section properties.
    content = [el for el in document.element.body if el.tag != qn("w:sectPr")]
    if content and content[-1].tag == qn("w:tbl"):
        document.add_paragraph("", style=STYLE_BODY)


def _title_lines(title: str) -> list[str]:
    """Long titles break before 政府信息公开工作年度报告, as printed reports do."""
    from gxdesk.domain.report import REPORT_TITLE_SUFFIX

    if len(title) > 20 and title.endswith(REPORT_TITLE_SUFFIX) and len(title) > len(REPORT_TITLE_SUFFIX):
        return [title[: -len(REPORT_TITLE_SUFFIX)], REPORT_TITLE_SUFFIX]
    return [title]


def _text(document, text: str, fonts: FontSet, bold: bool, *, keep_next: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs of a narrative text; sub-headings recognised by their numbering.

    ``keep_next``: a table's lead-in stays on the page of the table it introduces.
    """
    start = len(document.paragraphs)
    # Paragraphs end at newlines only: a line break inside one (U+2028) stays a line break.
    for raw in text.split("\n"):
        line = raw.strip().replace(LINE_BREAK, "\n")
        if not line:
            continue
        level = heading_level(line)
        heading, rest = run_in_heading(line) if level else ("", line)
        if level == 2 and heading and not rest:
            document.add_paragraph(line, style=STYLE_H2)
        elif level >= 3 and heading and not rest:
            document.add_paragraph(line, style=STYLE_H3)
        elif level and heading:
            # A run-in heading: the heading sentence in its level's font, the rest as body text.
            paragraph = document.add_paragraph(style=STYLE_BODY)
            run = paragraph.add_run(heading)
            east_asia = fonts.heading2 if level == 2 else fonts.body
            set_fonts(run._r.get_or_add_rPr(), east_asia, LATIN)
            run.bold = bold or None
            paragraph.add_run(rest)
        else:
            paragraph = document.add_paragraph(line, style=STYLE_BODY)
            if _LONG_TOKEN.search(line):
                # Justifying around an unbreakable URL or e-mail leaves wide gaps in the line.
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if keep_next:
        for paragraph in document.paragraphs[start:]:
            paragraph.paragraph_format.keep_with_next = True


def _ending(document, report: Report) -> None:  # type: ignore[no-untyped-def]
    """Agency name and date toward the right (成文日期右空四字)."""
    document.add_paragraph("", style=STYLE_BODY)
    document.add_paragraph("", style=STYLE_BODY)
    lines = [report.meta.agency.strip()]
    if report.meta.published:
        try:
            day = date.fromisoformat(report.meta.published)
            lines.append(f"{day.year}年{day.month}月{day.day}日")
        except ValueError:
            lines.append(report.meta.published)
    for line in lines:
        if not line:
            continue
        paragraph = document.add_paragraph(line, style=STYLE_BODY)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.right_indent = Pt(BODY_PT * 4)
        # firstLineChars in the style would win over firstLine: cancel it here too.
        paragraph._p.get_or_add_pPr().find(qn("w:ind")).set(qn("w:firstLineChars"), "0")
