"""The report as a web page for the portal's 政府信息公开年报 column.

One self-contained UTF-8 file with no script: headings as h1–h3, paragraphs as p, the official
tables as real HTML tables (rowspan/colspan exactly as the official grid, th with scope, a
caption, widths in per cent). Styles are inline and limited to what the content editors of
government sites (UEditor, KindEditor and the like) keep on paste: borders, padding, alignment.
No font sizes in points, no classes, no images.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from gxdesk.domain.report import Report
from gxdesk.domain.tables import GridCell, Role
from gxdesk.domain.textutil import clean_text
from gxdesk.exchange.publication import Ending, Heading, Paragraph, Publication, Table, label_words, publication

BORDER = "1px solid #000"
_CELL = f"border:{BORDER};padding:4px 6px;vertical-align:middle"
_TABLE = "border-collapse:collapse;width:100%;margin:0 0 1em;line-height:1.5;color:#000;background:#fff"
_NOWRAP = "white-space:nowrap"
_CAPTION = "caption-side:top;text-align:center;font-weight:bold;padding:0 0 .4em"
_BODY_P = "margin:0 0 .6em;text-indent:2em;line-height:1.8;text-align:justify"
_HEADINGS = {
    2: "font-size:1.2em;margin:1.2em 0 .6em;font-weight:bold",
    3: "font-size:1.05em;margin:.8em 0 .5em;text-indent:2em;font-weight:bold",
}
_LONG_TOKEN = re.compile(r"[A-Za-z0-9:/._@%?=&#~+-]{16,}")


def to_bytes(report: Report) -> bytes:
    return page(report).encode("utf-8")


def page(report: Report) -> str:
    """The whole page: a ``<!DOCTYPE html>`` document in Chinese."""
    pub = publication(report)
    body = "\n".join(_body(pub))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(pub.title)}</title>\n</head>\n"
        '<body style="margin:0;padding:1em;color:#000;background:#fff">\n'
        '<div style="max-width:52em;margin:0 auto">\n'
        f"{body}\n</div>\n</body>\n</html>\n"
    )


def fragment(report: Report) -> str:
    """What "复制网页格式" puts on the clipboard: the page's content, without head and body."""
    return "\n".join(_body(publication(report)))


def _body(pub: Publication) -> Iterator[str]:
    title = "<br>".join(_esc(line) for line in pub.title_lines)
    yield f'<h1 style="text-align:center;font-size:1.6em;margin:.6em 0 1em;line-height:1.4">{title}</h1>'
    for block in pub.blocks:
        if isinstance(block, Heading):
            yield _heading(block)
        elif isinstance(block, Paragraph):
            lead = f"<strong>{_esc(block.lead)}</strong>" if block.lead else ""
            # A long web address may break inside (as in Word), so the line before it is not
            # stretched to wide gaps.
            style = _BODY_P + (";word-break:break-all" if _LONG_TOKEN.search(block.text) else "")
            yield f'<p style="{style}">{lead}{_esc(block.text)}</p>'
        elif isinstance(block, Table):
            yield table(block)
        elif isinstance(block, Ending):
            yield _ending(block)


def _heading(block: Heading) -> str:
    if block.level in _HEADINGS:
        tag = f"h{block.level}"
        return f'<{tag} style="{_HEADINGS[block.level]}">{_esc(block.text)}</{tag}>'
    # 1.… and （1）…: below h3, set as a bold paragraph (the page's outline stops at h3).
    return f'<p style="{_BODY_P}"><strong>{_esc(block.text)}</strong></p>'


def _ending(block: Ending) -> str:
    lines = [
        f'<p style="margin:0;text-align:right;padding-right:{right:g}em;line-height:1.8">{_esc(text)}</p>'
        for text, right in block.lines
    ]
    return '<div style="margin-top:2.5em">' + "".join(lines) + "</div>"


def table(block: Table) -> str:
    """One official table: the grid's merged areas as cells with their spans."""
    spec = block.spec
    weights = spec.layout.widths_mm or spec.col_widths or (1,) * spec.n_cols
    total = sum(weights)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in weights)
    rows: list[str] = []
    for r in range(spec.n_rows):
        cells = sorted((g for g in spec.grid if g.row == r), key=lambda g: g.col)
        rows.append("<tr>" + "".join(_cell(g, block) for g in cells) + "</tr>")
    head, body = rows[: spec.header_rows], rows[spec.header_rows :]
    parts = [
        f'<table border="1" cellspacing="0" cellpadding="4" style="{_TABLE}">',
        f'<caption style="{_CAPTION}">{_esc(block.caption)}</caption>',
        f"<colgroup>{cols}</colgroup>",
    ]
    if head:
        parts.append("<thead>" + "".join(head) + "</thead>")
    parts.append("<tbody>" + "".join(body) + "</tbody>")
    parts.append("</table>")
    return "\n".join(parts)


def _cell(g: GridCell, block: Table) -> str:
    spans = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (f' colspan="{g.colspan}"' if g.colspan > 1 else "")
    words = label_words(block.text(g)) if g.cell is None else [block.text(g)]
    # A short label breaks only between its words on a narrow screen ("结果/维持").
    text = (
        "".join(f'<span style="white-space:nowrap">{_esc(w)}</span>' for w in words)
        if len(words) > 1
        else _esc(words[0])
    )
    if g.role is Role.VALUE:
        return f'<td{spans} style="{_CELL};text-align:center">{text}</td>'
    if g.role is Role.NOTE:
        return f'<td{spans} style="{_CELL};text-align:left">{text}</td>'
    if g.role is Role.LABEL:
        scope = "rowgroup" if g.rowspan > 1 else "row"
        return f'<th scope="{scope}"{spans} style="{_CELL};text-align:left;font-weight:normal">{text}</th>'
    # Headers and the block captions of 表二 head the columns below them.
    scope = "colgroup" if g.colspan > 1 else "col"
    weight = "bold" if g.role is Role.CAPTION else "normal"
    return f'<th scope="{scope}"{spans} style="{_CELL};text-align:center;font-weight:{weight}">{text}</th>'


def _esc(text: str) -> str:
    """Text as safe HTML: markup escaped, control characters dropped, line breaks kept."""
    return html.escape(clean_text(text), quote=True).replace("\n", "<br>")


def plain_text(report: Report) -> str:
    """The text/plain alternative of the clipboard: paragraphs, and tables as tab-separated rows."""
    pub = publication(report)
    out = [*pub.title_lines, ""]
    for block in pub.blocks:
        if isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Paragraph):
            out.append("\u3000\u3000" + block.lead + block.text)
        elif isinstance(block, Table):
            spec = block.spec
            for r in range(spec.n_rows):
                row = [""] * spec.n_cols
                for g in spec.grid:
                    if g.row == r:
                        row[g.col] = block.text(g).replace("\n", "")
                out.append("\t".join(row).rstrip("\t"))
            out.append("")
        elif isinstance(block, Ending):
            out.extend(["", *(text for text, _ in block.lines)])
    return "\n".join(clean_text(line) for line in out) + "\n"
