"""A small evaluator for the formulas report workbooks use (+ − × ÷, SUM, cell references).

Files written by other programs often carry formulas without cached results, and cached
results can be stale: totals are recomputed from their parts, and an input cell holding a
formula is evaluated here from the sheet's own cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from openpyxl.utils import column_index_from_string

_TOKEN = re.compile(
    r"\s*(?:(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|(\d+(?:\.\d*)?)|([A-Z]+)\(|(.))", re.IGNORECASE
)
Lookup = Callable[[int, int], Decimal | None]


class FormulaError(ValueError):
    """A formula this evaluator does not understand."""


def _cell(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$?([A-Z]{1,3})\$?(\d+)", ref, re.IGNORECASE)
    if not match:
        raise FormulaError(ref)
    return int(match.group(2)) - 1, column_index_from_string(match.group(1).upper()) - 1


def evaluate(formula: str, lookup: Lookup) -> Decimal:
    """Value of ``=…``; ``lookup(row, col)`` gives a referenced cell's number (None = empty)."""
    tokens = [m for m in _TOKEN.finditer(formula.lstrip("="))]
    kinds: list[tuple[str, str]] = []
    for m in tokens:
        ref, number, func, other = m.groups()
        if ref:
            kinds.append(("ref", ref))
        elif number:
            kinds.append(("num", number))
        elif func:
            kinds.append(("func", func.upper()))
        elif other and other.strip():
            kinds.append(("op", other))
    pos = 0

    def peek() -> tuple[str, str] | None:
        return kinds[pos] if pos < len(kinds) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        if pos >= len(kinds):
            raise FormulaError("unexpected end")
        pos += 1
        return kinds[pos - 1]

    def values_of(ref: str) -> list[Decimal]:
        if ":" in ref:
            (r1, c1), (r2, c2) = (_cell(p) for p in ref.split(":"))
            found = [
                lookup(r, c) for r in range(min(r1, r2), max(r1, r2) + 1) for c in range(min(c1, c2), max(c1, c2) + 1)
            ]
        else:
            found = [lookup(*_cell(ref))]
        return [v for v in found if v is not None]

    def atom() -> Decimal:
        kind, text = take()
        if kind == "num":
            return Decimal(text)
        if kind == "ref":
            if ":" in text:
                raise FormulaError("range outside SUM")
            return sum(values_of(text), Decimal(0))
        if kind == "func":
            if text != "SUM":
                raise FormulaError(text)
            total = Decimal(0)
            while True:
                nxt = peek()
                if nxt is not None and nxt[0] == "ref" and pos + 1 < len(kinds) and kinds[pos + 1][1] in ",)":
                    total += sum(values_of(take()[1]), Decimal(0))
                else:
                    total += expression()
                sep = take()
                if sep[1] == ")":
                    return total
                if sep[1] != ",":
                    raise FormulaError(sep[1])
        if text == "(":
            value = expression()
            if take()[1] != ")":
                raise FormulaError("missing )")
            return value
        if text in "+-":
            value = atom()
            return value if text == "+" else -value
        raise FormulaError(text)

    def term() -> Decimal:
        value = atom()
        while (nxt := peek()) is not None and nxt[1] in "*/":
            op = take()[1]
            other = atom()
            try:
                value = value * other if op == "*" else value / other
            except (InvalidOperation, ZeroDivisionError):
                raise FormulaError("division") from None
        return value

    def expression() -> Decimal:
        value = term()
        while (nxt := peek()) is not None and nxt[1] in "+-":
            op = take()[1]
            other = term()
            value = value + other if op == "+" else value - other
        return value

    result = expression()
    if pos != len(kinds):
        raise FormulaError("trailing tokens")
    return result
