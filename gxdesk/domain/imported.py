"""What an import found in a source file, before anything in the report changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from gxdesk.domain.cells import Value


class NoteKind(Enum):
    """What a note is about; the preview groups notes by kind."""

    FOUND = "找到"
    VARIANT = "写法不同"
    DOUBTFUL = "存疑"
    BLANK = "空白"
    INVALID = "无法识别"
    MISSING = "未找到"
    EXTRA = "多余"
    EDITION = "格式版本"
    TOTAL = "合计"


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    text: str


@dataclass
class Found:
    """Numbers and text read from a source, keyed by official cell ids (of either edition)."""

    source: str
    values: dict[str, Value | None] = field(default_factory=dict)
    claimed: dict[str, Value] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    table_editions: dict[str, str] = field(default_factory=dict)
    preface: str | None = None
    parts: dict[str, str | None] = field(default_factory=dict)
    title: str | None = None
    year: int | None = None
    agency: str | None = None
    fees: dict[str, Value | None] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)  # 网址, 地址, 邮编, 电话, 邮箱 by field id
    # Source cells whose content is not a number (said in a note): the report keeps its own value.
    refused: set[str] = field(default_factory=set)

    def note(self, kind: NoteKind, text: str) -> None:
        self.notes.append(Note(kind, text))

    @property
    def edition(self) -> str | None:
        """The edition most tables were laid out in, if any table was found."""
        if not self.table_editions:
            return None
        editions = list(self.table_editions.values())
        most = max(editions.count(e) for e in editions)
        tied = sorted({e for e in editions if editions.count(e) == most})
        if len(tied) == 1:
            return tied[0]
        # A tie (表二 of one edition, 表三 of the other): 表二 decides, its columns differ wholly
        # between the editions while 表三 differs in its （六） rows only (a single （六） row is
        # how some 2021 reports print it). Never the order of a set: the verdict is the same each run.
        return self.table_editions.get("二") if self.table_editions.get("二") in tied else tied[-1]

    @property
    def has_tables(self) -> bool:
        return bool(self.values or self.claimed)
