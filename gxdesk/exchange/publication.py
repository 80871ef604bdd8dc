"""The report as a document to publish: title, headings, paragraphs, tables and 落款, in order.

One model under every published view that is not Word itself: the web page, the PDF and the
print preview are drawn from it, and the Word writer takes its texts (title lines, "无。", the
落款) from here, so every view prints the same words. Pure Python: no Word, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.drafting import fee_sentence
from gxdesk.domain.editions import edition_of
from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.fields import BOLD_SETTING, FONTS_SETTING
from gxdesk.domain.report import REPORT_TITLE_SUFFIX, Report
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import Breaks, GridCell, Role, TableSpec
from gxdesk.domain.textutil import LINE_BREAK, has_content, heading_level, run_in_heading
from gxdesk.exchange.fonts import FontSet, font_set

NOTHING_TO_REPORT = "无。"
# The GB/T 9704 page every printed view uses: A4, margins in mm (type area 156 × 225 mm, 22 lines
# of 28 characters), type in points, the page number about 7 mm below the type area.
PAGE_MM = (210, 297)
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
LINES_PER_PAGE = 22
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
NUMBER_BELOW_MM = 7
TYPE_W_MM = PAGE_MM[0] - LEFT_MM - RIGHT_MM  # 156
TYPE_H_MM = PAGE_MM[1] - TOP_MM - BOTTOM_MM  # 225
TYPE_H_PT = TYPE_H_MM / 25.4 * 72
LINE_PT = TYPE_H_PT / LINES_PER_PAGE  # exact line spacing: 22 lines fill the type area
TITLE_CHARS = 20  # characters of 2号 (22 pt) in the 156 mm type area
CHARS_PER_LINE = 28
ENDING_RIGHT_CHARS = 4  # 成文日期右空四字
# Where a long agency name may break without cutting a word: after these endings.
_NAME_BREAKS = re.compile(
    r"人民政府|管理委员会|委员会|办公厅|办公室|人民代表大会|开发区|实验区|示范区|新区|[省市县区州盟旗镇乡局厅]"
)


@dataclass(frozen=True)
class Heading:
    """A heading: 2 for a part (一、总体情况), 3 for （一）…, 4 for 1.… and （1）…."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """Body text; ``lead`` is a run-in heading sentence (（一）标题。) printed before it."""

    text: str
    lead: str = ""
    lead_level: int = 0


@dataclass(frozen=True)
class Table:
    """One of the official tables with the figures it prints (a published total as published)."""

    spec: TableSpec
    values: dict[str, Value | None]
    caption: str

    def text(self, g: GridCell) -> str:
        return cell_text(g, self.spec, self.values)


@dataclass(frozen=True)
class Ending:
    """落款: each line with its distance from the right margin, in body characters."""

    lines: tuple[tuple[str, float], ...]


Block = Heading | Paragraph | Table | Ending


@dataclass(frozen=True)
class Publication:
    title: str  # the title as one line (a page's <title>, a PDF's document title)
    title_lines: tuple[str, ...]  # as printed, broken after the agency name
    blocks: tuple[Block, ...]


def print_options(report: Report) -> tuple[FontSet, bool]:
    """The author's choices stored with the report: font set, bold level-2/3 headings."""
    return font_set(report.settings.get(FONTS_SETTING)), report.settings.get(BOLD_SETTING) == "1"


def publication(report: Report) -> Publication:
    """The report as published, in document order, its texts as every view may show them."""
    report = report.sanitized()
    edition = edition_of(report)
    values = compute(edition, report.values, report.claimed)
    blocks: list[Block] = [*paragraphs(report.preface)]
    for part in PARTS:
        blocks.append(Heading(2, part.heading))
        if part.table:
            blocks.extend(paragraphs(report.leads.get(part.numeral, "")))
            spec = edition.table(part.numeral)
            blocks.append(Table(spec, dict(values), part.title))
        else:
            blocks.extend(paragraphs(part_text(report, part.numeral)))
    if report.ending:
        lines = ending_lines(report)
        if lines:
            blocks.append(Ending(tuple(lines)))
    return Publication(report.meta.full_title, tuple(title_lines(report)), tuple(blocks))


def paragraphs(text: str) -> Iterator[Heading | Paragraph]:
    """A narrative text's paragraphs; sub-headings recognised by their numbering."""
    # Paragraphs end at newlines only: a line break inside one (U+2028) stays a line break.
    for raw in text.split("\n"):
        line = raw.strip().replace(LINE_BREAK, "\n")
        if not line:
            continue
        level = heading_level(line)
        heading, rest = run_in_heading(line) if level else ("", line)
        if level and heading and not rest:
            yield Heading(min(level + 1, 4), line)
        elif level and heading:
            yield Paragraph(rest, heading, min(level + 1, 4))
        else:
            yield Paragraph(line)


def part_text(report: Report, numeral: str) -> str:
    """What a part prints: its text, or — the format requires all six parts — "无。" (part 六
    with stored fee figures: the 信息处理费 sentence). The export asks the author first."""
    text = report.parts.get(numeral)
    if has_content(text):
        return text or ""
    if numeral == "六" and edition_of(report).fee_figures and report.fees.notices is not None:
        return fee_sentence(report)
    return NOTHING_TO_REPORT


def cell_text(g: GridCell, table: TableSpec, values: dict[str, Value | None]) -> str:
    """A label as declared; a number with the unit its header lacks; 0 for an empty cell."""
    if g.cell is None:
        return g.text
    spec = table.cell(g.cell)
    value = values.get(g.cell)
    return format_value(value if value is not None else 0, spec.kind, unit=True)


# A short label or header broken anywhere reads wrong: "结果维/持", "不予处/理". Such labels
# break only between their words: an ordinal such as "（五）" or "1." is one word, and the
# two-character words these labels are made of another.
SHORT_LABEL = 6  # characters after the ordinal; longer labels are sentences and wrap anywhere
ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")


def label_words(text: str) -> list[str]:
    """The words of a short table label (["（三）", "不予", "公开"]); ``[text]`` for any other."""
    ordinal = ORDINAL.match(text)
    head = ordinal.group(0) if ordinal else ""
    rest = text[len(head) :]
    if not rest or len(rest) > SHORT_LABEL or not all("\u4e00" <= ch <= "\u9fff" for ch in rest):
        return [text]
    return ([head] if head else []) + [rest[i : i + 2] for i in range(0, len(rest), 2)]


# How a printed table may be cut across pages (``PrintLayout.breaks``): 表三 keeps its header with
# at least FIRST_ROWS rows and is never cut inside a merged label group such as （三）不予公开; a
# group taller than TALL_GROUP_ROWS (三、本年度办理结果) may be cut, its label then printed on
# both pages, with CONTINUED on the second.
FIRST_ROWS = 4
TALL_GROUP_ROWS = 10
CONTINUED = "（续）"


def break_rows(spec: TableSpec) -> list[int]:
    """Rows a printed table may start a new page with, in order (none for a table kept whole)."""
    if spec.layout.breaks is Breaks.NEVER:
        return []
    if spec.layout.breaks is Breaks.BETWEEN_BLOCKS:
        return sorted({g.row for g in spec.grid if g.role is Role.CAPTION and g.row > 0})
    kept = [g for g in spec.grid if g.role is Role.LABEL and 1 < g.rowspan <= TALL_GROUP_ROWS]
    first = spec.header_rows + FIRST_ROWS
    return [r for r in range(first, spec.n_rows) if not any(g.row < r < g.row + g.rowspan for g in kept)]


def table_piece(spec: TableSpec, start: int, stop: int) -> tuple[GridCell, ...]:
    """Body rows ``[start, stop)`` of a table under its header rows, as a grid of their own: a
    merged label the cut goes through keeps its part, repeated on the later piece with （续）."""
    head = spec.header_rows
    piece: list[GridCell] = []
    for g in spec.grid:
        if g.row < head:
            piece.append(g)
            continue
        top, bottom = max(g.row, start), min(g.row + g.rowspan, stop)
        if top >= bottom:
            continue
        text = g.text + CONTINUED if g.row < start and g.cell is None and g.text else g.text
        piece.append(replace(g, row=head + top - start, rowspan=bottom - top, text=text))
    return tuple(piece)


def split_name(name: str, limit: int) -> list[str]:
    """A name cut into lines of at most ``limit`` characters, only where a word ends (GB/T 9704:
    a line break never cuts a word); a name with no such point is cut at the limit."""
    lines: list[str] = []
    while len(name) > limit:
        cuts = [m.end() for m in _NAME_BREAKS.finditer(name, 0, limit) if m.end() > 0]  # the first line only
        cut = max(cuts) if cuts and max(cuts) >= limit // 3 else limit
        lines.append(name[:cut])
        name = name[cut:]
    return [*lines, name] if name else lines


def title_lines(report: Report) -> list[str]:
    """The title broken after the agency name, "X年政府信息公开工作年度报告" on its own line."""
    title = report.meta.full_title
    if len(title) <= TITLE_CHARS:
        return [title]
    match = re.fullmatch(rf"(.*?)((?:19|20)\d{{2}}年(?:度)?{REPORT_TITLE_SUFFIX})", title)
    if match is None or not match.group(1):
        return split_name(title, TITLE_CHARS)
    return [*split_name(match.group(1), TITLE_CHARS), match.group(2)]


def published_date(report: Report) -> str:
    """The publication date as printed (2026年1月20日); as typed when it is not a date."""
    if not report.meta.published:
        return ""
    try:
        day = date.fromisoformat(report.meta.published)
    except ValueError:
        return report.meta.published
    return f"{day.year}年{day.month}月{day.day}日"


def ending_lines(report: Report) -> list[tuple[str, float]]:
    """落款 lines with their right indent in characters: the date 右空四字, the agency name
    centred over the date (GB/T 9704); a long name breaks only between words."""
    date_text = published_date(report)
    date_width = width_in_chars(date_text)
    names = split_name(report.meta.agency.strip(), CHARS_PER_LINE - ENDING_RIGHT_CHARS)
    lines = [(name, ENDING_RIGHT_CHARS + max(0.0, (date_width - width_in_chars(name)) / 2)) for name in names if name]
    if date_text:
        lines.append((date_text, float(ENDING_RIGHT_CHARS)))
    return lines


def width_in_chars(text: str) -> float:
    """Width in body characters: Chinese 1, digits and Latin letters ½."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)
