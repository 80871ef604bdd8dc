"""Tab-separated text as Excel and WPS put on the clipboard (pure functions, no Qt)."""

from __future__ import annotations

import csv
import io


def to_tsv(rows: list[list[str]]) -> str:
    """Rows → text Excel pastes back as the same rectangle."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def from_tsv(text: str) -> list[list[str]]:
    """Clipboard text → rows of cell texts (ragged rows kept); quoted cells may hold tabs and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return list(csv.reader(io.StringIO(text), delimiter="\t"))
