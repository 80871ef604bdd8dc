"""Moving table values between editions, where cells correspond."""

from __future__ import annotations

from collections.abc import Mapping

from gxdesk.domain.cells import Value
from gxdesk.domain.edition import Edition

# Cells with the same meaning under different ids (2019 id ↔ 2021 id).
_SAME_MEANING = {
    "t2.b1.rules.new_made": "t2.b1.rules.made",
    "t2.b1.normative.new_made": "t2.b1.normative.made",
}
_OTHER_2019 = "t3.r6."
_OTHER_2021 = ("t3.r6_1.", "t3.r6_2.", "t3.r6_3.")


def rekey(
    values: Mapping[str, Value | None], target: Edition, *, computed: bool = False
) -> tuple[dict[str, Value | None], list[str]]:
    """Values keyed for ``target`` from ids of either edition; also the ids that have no place.

    2019's single （六）其他处理 row becomes 2021's “3.其他” (its 1. and 2. stay unknown);
    2021's three rows fold into 2019's one.
    """
    out: dict[str, Value | None] = {}
    dropped: list[str] = []
    aliases = {**_SAME_MEANING, **{v: k for k, v in _SAME_MEANING.items()}}
    for cid, value in values.items():
        if not computed and target.id == "2021" and cid.startswith(_OTHER_2019):
            out[cid.replace(_OTHER_2019, _OTHER_2021[2])] = value
            continue
        if not computed and target.id == "2019" and cid.startswith(_OTHER_2021):
            key = _OTHER_2019 + cid.rsplit(".", 1)[1]
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
