"""Reading the published views back in tests: HTML tables as grids, the figures a table prints."""

from __future__ import annotations

from html.parser import HTMLParser

from gxdesk.domain.editions import edition_of
from gxdesk.domain.report import Report
from gxdesk.domain.rule import compute
from gxdesk.domain.tables import Role, TableSpec
from gxdesk.exchange.publication import cell_text


class HtmlCell:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.rowspan = int(attrs.get("rowspan") or 1)
        self.colspan = int(attrs.get("colspan") or 1)
        self.text = ""


class TableReader(HTMLParser):
    """Every <table> of a page as rows of cells (with spans), its caption, and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[dict[str, object]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._cell: HtmlCell | None = None
        self._caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append({"rows": [], "caption": ""})
        elif tag == "tr":
            self.tables[-1]["rows"].append([])  # type: ignore[attr-defined]
        elif tag in ("td", "th"):
            self._cell = HtmlCell(tag, dict(attrs))
            self.tables[-1]["rows"][-1].append(self._cell)  # type: ignore[index]
        elif tag == "caption":
            self._caption = True
        elif tag == "br" and self._cell is not None:
            self._cell.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "caption":
            self._caption = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.text += data
        elif self._caption:
            self.tables[-1]["caption"] = str(self.tables[-1]["caption"]) + data


def html_grid(rows: list[list[HtmlCell]]) -> dict[tuple[int, int], HtmlCell]:
    """Top-left positions of the cells, placing each row's cells past the rowspans from above."""
    taken: set[tuple[int, int]] = set()
    origins: dict[tuple[int, int], HtmlCell] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            origins[(r, c)] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return origins


def printed(report: Report, spec: TableSpec) -> dict[tuple[int, int], tuple[int, int, str]]:
    """What each merged area of the official table prints: (rowspan, colspan, text)."""
    values = compute(edition_of(report), report.values, report.claimed)
    return {(g.row, g.col): (g.rowspan, g.colspan, cell_text(g, spec, dict(values))) for g in spec.grid}


def hostile(report: Report, text: str) -> Report:
    """``text`` in every field a published view prints: name, title, preface, parts, a lead-in."""
    report.meta.agency = text
    report.meta.title = text
    report.preface = text
    report.parts = {"一": text, "五": f"（一）{text}", "六": text}
    report.leads = {"三": text}
    return report


def roles(spec: TableSpec) -> dict[tuple[int, int], Role]:
    return {(g.row, g.col): g.role for g in spec.grid}
