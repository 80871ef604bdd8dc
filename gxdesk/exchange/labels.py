"""Matching the labels found in real files to the official ones, exactly or by similarity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, TypeVar

from gxdesk.domain.textutil import fold_label

K = TypeVar("K")
SIMILAR = 0.8
_NUMERIC = re.compile(r"[-+.,/\d%元件万（）()]*")


fold = fold_label  # labels are compared in their folded form


@dataclass(frozen=True)
class Match(Generic[K]):
    """``key`` matched; ``how`` is exact, variant (known alias or folded form) or similar."""

    key: K
    label: str
    how: str
    score: float

    @property
    def exact(self) -> bool:
        return self.how == "exact"


class LabelIndex(Generic[K]):
    """Official labels (and aliases) → keys."""

    def __init__(self, labels: list[tuple[str, K]], aliases: list[tuple[str, K]] = ()) -> None:  # type: ignore[assignment]
        self._cache: dict[str, Match[K] | None] = {}
        self._exact = {label: (label, key) for label, key in labels}
        self._folded: dict[str, tuple[str, K, bool]] = {}
        for label, key in labels:
            self._folded.setdefault(fold(label), (label, key, False))
        for alias, key in aliases:
            official = next(lab for lab, k in labels if k == key)
            self._folded.setdefault(fold(alias), (official, key, True))

    def match(self, text: str) -> Match[K] | None:
        if not text:
            return None
        if text not in self._cache:
            self._cache[text] = self._match(text)
        return self._cache[text]

    def _match(self, text: str) -> Match[K] | None:
        text = text.strip()
        if text in self._exact:
            label, key = self._exact[text]
            return Match(key, label, "exact", 1.0)
        folded = fold(text)
        if not folded:
            return None
        if folded in self._folded:
            label, key, _ = self._folded[folded]
            return Match(key, label, "variant", 1.0)
        if _NUMERIC.fullmatch(folded):
            return None  # a number is never a label
        best: tuple[float, str, K] | None = None
        chars = set(folded)
        for candidate, (label, key, _) in self._folded.items():
            # Cheap bounds first: a similar label has a similar length and mostly the same characters.
            if not 0.7 <= len(folded) / len(candidate) <= 1.4:
                continue
            if len(chars & set(candidate)) < SIMILAR * min(len(chars), len(set(candidate))):
                continue
            score = SequenceMatcher(None, folded, candidate, autojunk=False).ratio()
            if score >= SIMILAR and (best is None or score > best[0]):
                best = (score, label, key)
        if best is None:
            return None
        return Match(best[2], best[1], "similar", round(best[0], 2))
