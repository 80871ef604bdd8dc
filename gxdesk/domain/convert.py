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


def convert_values(
    values: Mapping[str, Value], source: Edition, target: Edition
) -> tuple[dict[str, Value], list[str]]:
    """Values re-keyed for ``target``; also the source cells that have no place there."""
    if source.id == target.id:
        return dict(values), []
    forward = _SAME_MEANING if source.id < target.id else {v: k for k, v in _SAME_MEANING.items()}
    out: dict[str, Value] = {}
    dropped: list[str] = []
    for cid, value in values.items():
        if cid.startswith(_OTHER_2019) and target.id == "2021":
            out[cid.replace(_OTHER_2019, _OTHER_2021[2])] = value  # （六）其他处理 → 3.其他
            continue
        if cid.startswith(_OTHER_2021) and target.id == "2019":
            key = _OTHER_2019 + cid.rsplit(".", 1)[1]
            out[key] = out.get(key, 0) + value  # the three 2021 rows fold into one
            continue
        new = forward.get(cid, cid)
        if target.has_cell(new) and not target.cell(new).computed:
            out[new] = value
        else:
            dropped.append(cid)
    if target.id == "2021" and source.id == "2019":
        for col in {cid.rsplit(".", 1)[1] for cid in out if cid.startswith(_OTHER_2021[2])}:
            for prefix in _OTHER_2021[:2]:
                out.setdefault(prefix + col, 0)
    return out, dropped
