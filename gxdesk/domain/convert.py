"""Moving table values between editions, where cells correspond (each edition declares how)."""

from __future__ import annotations

from collections.abc import Mapping

from gxdesk.domain.cells import Value
from gxdesk.domain.edition import Edition, Migration


def _migrations() -> list[tuple[Migration, str]]:
    """Every declared migration with the edition it leads to."""
    from gxdesk.domain.editions import EDITIONS

    return [(e.migration, e.id) for e in EDITIONS.values() if e.migration is not None]


def rekey(
    values: Mapping[str, Value | None], target: Edition, *, computed: bool = False
) -> tuple[dict[str, Value | None], list[str]]:
    """Values keyed for ``target`` from ids of either edition; also the ids that have no place.

    A row the newer edition splits (2019's one （六）其他处理 → 2021's three) goes to the row its
    migration names; going back, the split rows are added up into the old one.
    """
    out: dict[str, Value | None] = {}
    dropped: list[str] = []
    aliases: dict[str, str] = {}
    split_up: dict[str, str] = {}  # old row prefix → new row prefix, moving forward to ``target``
    fold: dict[str, str] = {}  # new row prefix → old row prefix, moving back to ``target``
    for migration, newer in _migrations():
        aliases.update(migration.same_meaning)
        aliases.update({v: k for k, v in migration.same_meaning.items()})
        for old, (new_rows, into) in migration.rows.items():
            if target.id == newer:
                split_up[old] = into
            elif target.id == migration.previous:
                fold.update(dict.fromkeys(new_rows, old))
    for cid, value in values.items():
        row = cid.rsplit(".", 1)[0] + "."
        if not computed and row in split_up:
            out[cid.replace(row, split_up[row])] = value
            continue
        if not computed and row in fold:
            key = fold[row] + cid.rsplit(".", 1)[1]
            before = out.get(key)
            out[key] = value if before is None else (before + value if value is not None else before)
            continue
        for candidate in (cid, aliases.get(cid)):
            if candidate and target.has_cell(candidate) and target.cell(candidate).computed == computed:
                out[candidate] = value
                break
        else:
            dropped.append(cid)
    return out, dropped


def convert_values(values: Mapping[str, Value], source: Edition, target: Edition) -> tuple[dict[str, Value], list[str]]:
    """A report's input values re-keyed from ``source`` to ``target`` (and what is lost)."""
    if source.id == target.id:
        return dict(values), []
    out, dropped = rekey(values, target)
    return {k: v for k, v in out.items() if v is not None}, dropped
