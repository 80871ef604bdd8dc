"""The output formats, declared once: the command line's flags, the window's export menu and
buttons, and the installer's hidden imports all read this list. Adding a format is one writer
module (with ``to_bytes(report, **options)``) and one entry here."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from gxdesk.domain.records import record
from gxdesk.domain.report import Report


class RenderError(ValueError):
    """A file that cannot be made (too large for memory, say): nothing is written, the old file stays."""


@record(frozen=True)
class OutputFormat:
    key: str  # also the command-line flag: --docx
    label: str  # as the menu and the buttons say it
    suffix: str
    module: str  # the writer, imported on first use (start-up loads no Word or Excel library)
    options: tuple[str, ...] = ()  # writer options the command line passes on (--fonts)
    prints_parts: bool = False  # writes the six parts' text (an empty part then reads "无。")
    function: str = "to_bytes"  # the writer module's function that makes the file's bytes
    on_toolbar: bool = True  # a button of its own on the toolbar and the last step (else the menu only)

    @property
    def file_filter(self) -> str:
        return f"{self.label} (*{self.suffix})"

    def writer(self) -> Callable[..., bytes]:
        to_bytes: Callable[..., bytes] = getattr(importlib.import_module(self.module), self.function)
        return to_bytes

    def render(self, report: Report, **options: Any) -> bytes:
        """The file's content, with the options this format takes (the others ignored).

        Raises RenderError (a Chinese message) when the file cannot be made; never returns nothing.
        """
        try:
            data = self.writer()(report, **{k: v for k, v in options.items() if k in self.options and v is not None})
        except MemoryError:
            raise RenderError(f"内存不足，无法生成{self.label}") from None
        if not data:
            raise RenderError(f"未能生成{self.label}")
        return data


_INFOGRAPHIC = "gxdesk.gui.publish.infographic"
FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("docx", "Word 文档", ".docx", "gxdesk.exchange.docx_writer", options=("fonts",), prints_parts=True),
    OutputFormat("xlsx", "Excel 工作簿", ".xlsx", "gxdesk.exchange.xlsx_writer"),
    OutputFormat("html", "网页", ".html", "gxdesk.exchange.html_writer", prints_parts=True, on_toolbar=False),
    # Drawn with Qt (the GUI's own library), also from the command line with no screen.
    OutputFormat("pdf", "PDF 文档", ".pdf", "gxdesk.gui.publish.pdf_writer", prints_parts=True, on_toolbar=False),
    OutputFormat(
        "png", "图解（PNG 图片）", ".png", "gxdesk.gui.publish.infographic", function="to_png", on_toolbar=False
    ),
    OutputFormat(
        "svg", "图解（SVG 矢量图）", ".svg", "gxdesk.gui.publish.infographic", function="to_svg", on_toolbar=False
    ),
)
BY_KEY = {f.key: f for f in FORMATS}


def output_format(key: str) -> OutputFormat:
    return BY_KEY[key]
