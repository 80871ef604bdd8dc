"""Tables as monospaced text grids in the official layout (for ``gxdesk show``)."""

from __future__ import annotations

import unicodedata

from gxdesk.domain.cells import Value, format_value
from gxdesk.domain.tables import GridCell, Role, TableSpec

_LABEL_CAP = 40


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, limit: int) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` display columns."""
    lines, current, used = [], "", 0
    for ch in text:
        w = width(ch)
        if used + w > limit and current:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    return [*lines, current] if current or not lines else lines


def pad(text: str, size: int, align: str) -> str:
    gap = size - width(text)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def render(table: TableSpec, values: dict[str, Value | None]) -> str:
    """The table as text; merged cells wrap over the rows and columns they span."""
    texts = {id(g): _text(g, values) for g in table.grid}
    widths = [4] * table.n_cols
    for g in table.grid:
        if g.colspan == 1:
            cap = _LABEL_CAP if g.role is not Role.VALUE else 12
            widths[g.col] = max(widths[g.col], min(width(texts[id(g)]), cap))

    def span_width(g: GridCell) -> int:
        return sum(widths[g.col : g.col + g.colspan]) + 3 * (g.colspan - 1)

    wrapped = {id(g): wrap(texts[id(g)], span_width(g)) for g in table.grid}
    heights = [1] * table.n_rows
    for g in sorted(table.grid, key=lambda g: g.rowspan):
        have = sum(heights[g.row : g.row + g.rowspan])
        need = len(wrapped[id(g)])
        if need > have:
            heights[g.row + g.rowspan - 1] += need - have
    owner = table.owners

    def border(after_row: int) -> str:
        pieces = []
        for c in range(table.n_cols):
            g = owner.get((after_row, c))
            closes = after_row < 0 or g is None or g.row + g.rowspan - 1 == after_row
            pieces.append(("-" if closes else " ") * (widths[c] + 2))
        return "+" + "+".join(pieces) + "+"

    out = [border(-1)]
    for r in range(table.n_rows):
        for line in range(heights[r]):
            row_text, c = "|", 0
            while c < table.n_cols:
                found = owner.get((r, c))
                if found is None:
                    row_text += " " * (widths[c] + 2) + "|"
                    c += 1
                    continue
                g = found
                index = sum(heights[g.row : r]) + line
                chunks = wrapped[id(g)]
                # Vertically centre short text in a tall merged cell.
                total = sum(heights[g.row : g.row + g.rowspan])
                first = max(0, (total - len(chunks)) // 2) if g.role is not Role.NOTE else 0
                k = index - first
                chunk = chunks[k] if 0 <= k < len(chunks) else ""
                align = (
                    "right" if g.role is Role.VALUE else ("center" if g.role in (Role.HEADER, Role.CAPTION) else "left")
                )
                row_text += " " + pad(chunk, span_width(g), align) + " |"
                c += g.colspan
            out.append(row_text)
        out.append(border(r))
    return "\n".join(out)


def _text(g: GridCell, values: dict[str, Value | None]) -> str:
    if g.role is Role.VALUE and g.cell is not None:
        return format_value(values.get(g.cell))
    return g.text
