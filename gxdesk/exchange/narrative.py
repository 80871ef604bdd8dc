"""Splitting a report's paragraphs into title, preface and the six parts (headings as variants)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gxdesk.domain.editions.common import PARTS
from gxdesk.domain.report import REPORT_TITLE_SUFFIX
from gxdesk.exchange.labels import LabelIndex, fold

_HEADINGS = LabelIndex(
    [(p.heading, p.numeral) for p in PARTS], [(alias, p.numeral) for p in PARTS for alias in p.aliases]
)
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass
class Narrative:
    title: str = ""
    preface: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)  # numeral → heading as written

    @property
    def year(self) -> int | None:
        match = _YEAR.search(self.title)
        return int(match.group(1)) if match else None

    @property
    def agency(self) -> str:
        match = _YEAR.search(self.title)
        return self.title[: match.start()].strip() if match else ""


def heading_of(paragraph: str) -> str | None:
    """The part numeral if ``paragraph`` is a part heading (official wording or a known variant)."""
    folded = fold(paragraph)
    if len(folded) > 40 or not re.match(r"^[一二三四五六]、", folded):
        return None
    match = _HEADINGS.match(paragraph)
    return match.key if match is not None and folded[0] == match.key else None


def split(paragraphs: list[str]) -> Narrative:
    out = Narrative()
    title: list[str] = []
    body: list[str] = []
    current: str | None = None
    seen: set[str] = set()
    for paragraph in paragraphs:
        numeral = heading_of(paragraph)
        if numeral and numeral not in seen:
            current = numeral
            seen.add(numeral)
            out.headings[numeral] = paragraph
            out.parts[numeral] = ""
            continue
        if current is None:
            if (
                not body
                and (not title or not title[-1].endswith(REPORT_TITLE_SUFFIX))
                and len(paragraph) <= 40
                and (REPORT_TITLE_SUFFIX in "".join(title + [paragraph]) or not title)
            ):
                title.append(paragraph)
            else:
                body.append(paragraph)
            continue
        out.parts[current] = (out.parts[current] + "\n" + paragraph).strip("\n")
    out.title = re.sub(r"\s+", "", "".join(title))  # a title broken by Shift+Enter is one title
    out.preface = "\n".join(body)
    _strip_ending(out)
    return out


def _strip_ending(out: Narrative) -> None:
    """The agency name and date closing the last part are the ending, not part text."""
    if not out.parts:
        return
    last = max(out.parts, key=lambda n: [p.numeral for p in PARTS].index(n))
    lines = out.parts[last].split("\n")
    while lines and (_DATE.match(lines[-1].strip()) or (out.agency and lines[-1].strip() == out.agency)):
        lines.pop()
    out.parts[last] = "\n".join(lines)
