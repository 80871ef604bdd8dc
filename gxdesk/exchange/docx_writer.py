"""The submission-ready Word document (GB/T 9704 page, 公文 fonts, the official tables)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.styles.style import ParagraphStyle

from gxdesk.domain.cells import Value
from gxdesk.domain.editions import edition_of
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import TableSpec
from gxdesk.exchange.atomic import write_bytes
from gxdesk.exchange.docx_package import finish
from gxdesk.exchange.docx_pages import Placement, place_breakable
from gxdesk.exchange.docx_tables import TABLE_STYLE, TABLE_STYLE_ID, build_table
from gxdesk.exchange.docx_xml import element, page_field, set_fonts, set_language
from gxdesk.exchange.fonts import LATIN, FontSet, font_set
from gxdesk.exchange.publication import (
    BODY_PT,
    BOTTOM_MM,
    CHARS_PER_LINE,
    LEFT_MM,
    LINE_PT,
    NUMBER_BELOW_MM,
    PAGE_MM,
    PAGE_NUMBER_PT,
    RIGHT_MM,
    TITLE_PT,
    TOP_MM,
    TYPE_W_MM,
    Heading,
    ending_lines,
    paragraphs,
    part_text,
    print_options,
    publication,
    table_piece,
    title_lines,
)
from gxdesk.exchange.table_fit import LANDSCAPE_TWIPS, TYPE_AREA_TWIPS, needs_landscape

LINE_TWIPS = int(LINE_PT * 20)  # 579: 225 mm / 22 lines, exact spacing, 22 lines a page
TYPE_WIDTH_PT = TYPE_W_MM / 25.4 * 72  # the 156 mm type area
# 28 characters of 三号 (16 pt) in 156 mm: each character condensed by a quarter point (15.75 pt
# a character, 441 pt a line). A linesAndChars grid would say the same to Word, but LibreOffice
# then gives every 16 pt character two grid cells (14 a line); condensed spacing reads the same
# in Word, WPS and LibreOffice.
CONDENSE_TWIPS = -5  # w:spacing is in twentieths of a point
assert CHARS_PER_LINE * (16 + CONDENSE_TWIPS / 20) <= TYPE_WIDTH_PT < (CHARS_PER_LINE + 1) * (16 + CONDENSE_TWIPS / 20)
# The page number's line sits about 7 mm below the type area.
FOOTER_DISTANCE_MM = BOTTOM_MM - NUMBER_BELOW_MM - PAGE_NUMBER_PT * 25.4 / 72  # − the number's line
# The report's paragraph styles, by the names Word's and WPS's style panes show; their ids stay
# ASCII (what the XML refers to).
STYLE_BODY, STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_H3 = "报告正文", "报告标题", "一级标题", "二级标题", "三级标题"
STYLE_FOOTER = "页码"
STYLE_IDS = {
    STYLE_BODY: "gx-body",
    STYLE_TITLE: "gx-title",
    STYLE_H1: "gx-h1",
    STYLE_H2: "gx-h2",
    STYLE_H3: "gx-h3",
    STYLE_FOOTER: "gx-page-number",
    TABLE_STYLE: TABLE_STYLE_ID,
}
_LINE = Twips(LINE_TWIPS)
_LONG_TOKEN = re.compile(r"[A-Za-z0-9:/._@%?=&#~+-]{16,}")
_AFTER_WORD_WRAP = ("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                    "w:pPrChange")  # fmt: skip


def build(report: Report, *, fonts: str | None = None) -> docx.document.Document:
    """The Word document of ``report`` (not yet saved)."""
    report = report.sanitized()  # characters XML cannot hold never reach python-docx
    fontset, bold = print_options(report)
    if fonts:
        fontset = font_set(fonts)
    document = skeleton(fontset, bold)
    _content(document, report, fontset, bold)
    finish(document, report, fontset)
    return document


def skeleton(fonts: FontSet, bold: bool = False) -> docx.document.Document:
    """An empty 公文 document: A4, GB/T 9704 margins and grid, the report's styles and page numbers.

    The report and the office's papers (退回修改单, 审核情况通报) are all built on it.
    """
    document = docx.Document()
    _page_setup(document)
    _styles(document, fonts, bold)
    _footers(document, fonts)
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)
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
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
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


def condense(rpr) -> None:  # type: ignore[no-untyped-def]
    """Character spacing that puts 28 body characters on a line (in rPr schema order)."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = element("w:spacing")
        following = [rpr.find(qn(t)) for t in ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:lang")]
        anchor = next((el for el in following if el is not None), None)
        if anchor is not None:
            anchor.addprevious(spacing)
        else:
            rpr.append(spacing)
    spacing.set(qn("w:val"), str(CONDENSE_TWIPS))


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
    grid: bool = True,
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), STYLE_IDS[name])
    style.base_style = None
    style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.name = LATIN
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, east_asia, LATIN)
    set_language(rpr)
    if size == BODY_PT:
        condense(rpr)
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
    fmt.first_line_indent = Pt(size * indent_chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    # Stated even when 0: LibreOffice and WPS hang every style on Normal, whose two-character
    # indent would otherwise push a page number or a title off its place.
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    ppr = style.element.get_or_add_pPr()
    if exact is None or not grid:
        # Off the document's grid: table lines would be 28.95 pt tall, and the title's exact
        # spacing snaps to two grid lines in LibreOffice but not in Word.
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
    _body_defaults(defaults)
    _drop_template_styles(document)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    set_fonts(normal.element.get_or_add_rPr(), fonts.body, LATIN)
    condense(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, _LINE
    fmt.first_line_indent = Pt(BODY_PT * 2)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Any style left from the template names theme fonts: replace them all.
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
        grid=False,
    )
    _paragraph_style(document, STYLE_H1, fonts.heading1, BODY_PT, outline=1, keep_next=True)
    _paragraph_style(document, STYLE_H2, fonts.heading2, BODY_PT, bold=bold, outline=2, keep_next=True)
    _paragraph_style(document, STYLE_H3, fonts.body, BODY_PT, bold=bold, keep_next=True)
    table = _paragraph_style(
        document, TABLE_STYLE, fonts.table, 10.5, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0, exact=None
    )
    table.paragraph_format.space_before = table.paragraph_format.space_after = Pt(1)
    # The page number's line exactly as tall as its type, off the grid: its top then sits where
    # the footer distance puts it, 7 mm below the type area (GB/T 9704 7.5).
    _paragraph_style(
        document,
        STYLE_FOOTER,
        fonts.page_number,
        PAGE_NUMBER_PT,
        indent_chars=0,
        exact=Twips(PAGE_NUMBER_PT * 20),
        grid=False,
    )


# The template's styles a report never uses (blue Heading 1-9, Title, Quote, …) go: a colleague
# who adds a paragraph in Word then finds only the report's own styles.
_KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}


def _drop_template_styles(document) -> None:  # type: ignore[no-untyped-def]
    root = document.styles.element
    for style in list(root.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) not in _KEEP_STYLES:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _body_defaults(defaults) -> None:  # type: ignore[no-untyped-def]
    """Document defaults are the body text: 16 pt, exact 22-line spacing, no space after."""
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(tag))
        if size is None:
            size = element(tag)
            rpr.append(size)
        size.set(qn("w:val"), str(BODY_PT * 2))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = element("w:pPrDefault")
        defaults.append(ppr_default)
    for old in list(ppr_default):
        ppr_default.remove(old)
    ppr = element("w:pPr")
    ppr.append(element("w:spacing", after="0", line=str(LINE_TWIPS), lineRule="exact"))
    ppr_default.append(ppr)


def _footers(document, fonts: FontSet) -> None:  # type: ignore[no-untyped-def]
    """``— N —`` in 4号宋体: odd pages right-aligned, even pages left, one character in."""
    section = document.sections[0]
    for footer, align, side, cached in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right", 1),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left", 2),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = STYLE_FOOTER
        paragraph.alignment = align
        if side == "right":
            paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
        # GB/T 9704: the page number in half-width 宋体 digits, 4号.
        page_field(paragraph, "— ", " —", fonts.page_number, fonts.page_number, PAGE_NUMBER_PT * 2, cached)


def _tables(document, table: TableSpec, values: dict[str, Value | None], cuts: tuple[int, ...], width: int) -> None:  # type: ignore[no-untyped-def]
    """The table, or its pieces: each cut starts a new page with the header rows and the cut
    label (…（续）) again. Between two pieces, the paragraph Word needs takes no room."""
    starts = [table.header_rows, *cuts]
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else table.n_rows
        piece = (
            table
            if len(starts) == 1
            else replace(table, grid=table_piece(table, start, stop), n_rows=table.header_rows + stop - start)
        )
        if i:
            gap = document.add_paragraph("", style=STYLE_BODY)
            fmt = gap.paragraph_format
            fmt.page_break_before = True
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(1)
        sectpr = document.element.body.find(qn("w:sectPr"))
        sectpr.addprevious(build_table(piece, values, width))


def _page_turn(document, *, landscape: bool) -> None:  # type: ignore[no-untyped-def]
    """A new section on a new page, turned (GB/T 9704 横排表格: the table's head toward the
    binding edge, the 225 × 156 mm type area on its side) or upright again. The page numbers
    run on; the footers are the upright pages' (linked)."""
    body = document.element.body
    if body[-2].tag == qn("w:tbl"):  # a section break needs a paragraph to sit in
        document.add_paragraph("", style=STYLE_BODY)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])
        section.left_margin, section.right_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
        section.top_margin, section.bottom_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)


# ---- content ------------------------------------------------------------------------------
def _content(document, report: Report, fonts: FontSet, bold: bool) -> None:  # type: ignore[no-untyped-def]
    edition = edition_of(report)
    values = compute(edition, report.values, report.claimed)  # a published total is printed as published
    placements = place_breakable(publication(report), dict(values))
    for line in title_lines(report):
        document.add_paragraph(line, style=STYLE_TITLE)
    document.add_paragraph("", style=STYLE_BODY)
    _text(document, report.preface, fonts, bold)
    for part in PARTS:
        if part.table:
            table = edition.table(part.numeral)
            turned = needs_landscape(table, values)
            if turned:
                _page_turn(document, landscape=True)
            placement = placements.get(table.key, Placement())
            heading = document.add_paragraph(part.heading, style=STYLE_H1)
            heading.paragraph_format.page_break_before = placement.new_page or None
            if report.leads.get(part.numeral, "").strip():
                _text(document, report.leads[part.numeral], fonts, bold, keep_next=True)
            width = LANDSCAPE_TWIPS if turned else TYPE_AREA_TWIPS
            _tables(document, table, values, placement.cuts, width)
            if turned:
                _page_turn(document, landscape=False)
            continue
        document.add_paragraph(part.heading, style=STYLE_H1)
        _text(document, part_text(report, part.numeral), fonts, bold)
    if report.ending:
        _ending(document, report)
    # Word needs a paragraph between a final table and the section properties.
    content = [el for el in document.element.body if el.tag != qn("w:sectPr")]
    if content and content[-1].tag == qn("w:tbl"):
        document.add_paragraph("", style=STYLE_BODY)


def _text(document, text: str, fonts: FontSet, bold: bool, *, keep_next: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs of a narrative text; sub-headings recognised by their numbering.

    ``keep_next``: a table's lead-in stays on the page of the table it introduces.
    """
    start = len(document.paragraphs)
    for block in paragraphs(text):
        if isinstance(block, Heading):  # （一）… level 3, 1.… and （1）… level 4
            document.add_paragraph(block.text, style=STYLE_H2 if block.level == 3 else STYLE_H3)
        elif block.lead:
            # A run-in heading: the heading sentence in its level's font, the rest as body text.
            paragraph = document.add_paragraph(style=STYLE_BODY)
            run = paragraph.add_run(block.lead)
            east_asia = fonts.heading2 if block.lead_level == 3 else fonts.body
            set_fonts(run._r.get_or_add_rPr(), east_asia, LATIN)
            run.bold = bold or None
            paragraph.add_run(block.text)
        else:
            # Justified like every paragraph. A URL or e-mail may break inside (Word's
            # 允许西文在单词中间换行), so the line before it is not stretched to wide gaps.
            paragraph = document.add_paragraph(block.text, style=STYLE_BODY)
            if _LONG_TOKEN.search(block.text):
                ppr = paragraph._p.get_or_add_pPr()
                ppr.insert_element_before(element("w:wordWrap", val="0"), *_AFTER_WORD_WRAP)
    if keep_next:
        for paragraph in document.paragraphs[start:]:
            paragraph.paragraph_format.keep_with_next = True


def _ending(document, report: Report) -> None:  # type: ignore[no-untyped-def]
    """落款: the date 右空四字, the agency name centred over the date (GB/T 9704), both kept on
    the page of the last paragraph; a long name breaks only between words."""
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    lines = ending_lines(report)
    if not lines:
        return
    for _ in range(2):
        document.add_paragraph("", style=STYLE_BODY).paragraph_format.keep_with_next = True
    for i, (text, right_chars) in enumerate(lines):
        paragraph = document.add_paragraph(text, style=STYLE_BODY)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.right_indent = Pt(BODY_PT * right_chars)
        fmt.keep_with_next = i < len(lines) - 1
        # firstLineChars in the style would win over firstLine: cancel it here too.
        paragraph._p.get_or_add_pPr().find(qn("w:ind")).set(qn("w:firstLineChars"), "0")
