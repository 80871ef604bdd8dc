"""The 图解 (一图读懂): one long picture, 1080 px wide, legible on a phone.

Drawn with QPainter from ``exchange/key_figures.py`` — the numbers the Word tables print — in
the system's Chinese sans-serif fonts, as PNG or as SVG (every number a text element). No text is
part of a bitmap in the SVG; the PNG is for portals and chat apps that only take pictures.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from gxdesk.domain.report import Report
from gxdesk.domain.textutil import clean_text
from gxdesk.exchange.formats import RenderError
from gxdesk.exchange.key_figures import Cases, Figure, KeyFigures, Row, key_figures
from gxdesk.exchange.publication import split_name
from gxdesk.gui.publish.headless import ensure_gui_app

WIDTH = 1080
NAME_LINES = 3  # a longer agency name is shortened: the picture's height stays that of a report
NOTE_CHARS = 80
MAX_HEIGHT = 32_000  # px at 1080 wide (~130 MB of pixels at most): beyond it the picture is refused
MARGIN = 56
INNER = WIDTH - 2 * MARGIN
GAP = 24

RED = QColor("#b91c1c")
RED_LIGHT = QColor("#fef2f2")
INK = QColor("#1f2937")
GREY = QColor("#4b5563")  # 7:1 on white
BLUE = QColor("#1d4ed8")
BAR_BACK = QColor("#e5e7eb")
WHITE = QColor("#ffffff")
SANS = ["Microsoft YaHei", "微软雅黑", "PingFang SC", "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC",
        "WenQuanYi Zen Hei", "Droid Sans Fallback"]  # fmt: skip
WRAP = int(Qt.TextFlag.TextWordWrap)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def font(pixels: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(SANS)
    f.setPixelSize(pixels)
    f.setBold(bold)
    return f


class _Drawer:
    """Lays the picture out from the top; draws when given a painter, else only measures."""

    def __init__(self, figures: KeyFigures, painter: QPainter | None) -> None:
        self.k = replace(figures, agency=clean_text(figures.agency), title=clean_text(figures.title))
        self.p = painter
        self.y = 0

    # ---- primitives -------------------------------------------------------------------------
    def text(self, rect: QRect, text: str, f: QFont, color: QColor, flags: int = LEFT) -> int:
        """Draws ``text`` wrapped in ``rect``'s width; returns the height it takes."""
        text = clean_text(text)
        box = QFontMetrics(f).boundingRect(QRect(rect.x(), rect.y(), rect.width(), 100_000), flags | WRAP, text)
        if self.p is not None:
            self.p.setFont(f)
            self.p.setPen(color)
            self.p.drawText(QRect(rect.x(), rect.y(), rect.width(), box.height()), flags | WRAP, text)
        return box.height()

    def box(self, rect: QRect | QRectF, color: QColor, radius: float = 0) -> None:
        if self.p is not None:
            self.p.setPen(Qt.PenStyle.NoPen)
            self.p.setBrush(color)
            if radius:
                self.p.drawRoundedRect(QRectF(rect), radius, radius)
            else:
                self.p.drawRect(QRectF(rect))

    def number(self, x: int, y: int, width: int, fig: Figure, size: int, color: QColor, flags: int = LEFT) -> int:
        """The number big with its unit small after it, on one line; returns the height."""
        big, small = font(size, bold=True), font(max(20, size // 2))
        wide = QFontMetrics(big).horizontalAdvance(fig.text)
        unit_w = QFontMetrics(small).horizontalAdvance(fig.unit) + 6 if fig.unit else 0
        start = x + (width - wide - unit_w) // 2 if flags & int(Qt.AlignmentFlag.AlignHCenter) else x
        height = QFontMetrics(big).height()
        if self.p is not None:
            self.p.setFont(big)
            self.p.setPen(color)
            self.p.drawText(QRect(start, y, wide + 4, height), LEFT, fig.text)
            if fig.unit:
                self.p.setFont(small)
                self.p.setPen(GREY)
                base = y + QFontMetrics(big).ascent() - QFontMetrics(small).ascent()
                self.p.drawText(QRect(start + wide + 6, base, unit_w + 4, height), LEFT, fig.unit)
        return height

    # ---- sections -----------------------------------------------------------------------------
    def draw(self) -> int:
        self.header()
        self.section("一、主动公开政府信息")
        self.active()
        self.section("二、收到和处理政府信息公开申请")
        self.received()
        self.results()
        self.section("三、政府信息公开行政复议、行政诉讼")
        self.cases()
        if self.k.fees:
            self.section("四、信息处理费")
            self.tiles(self.k.fees, columns=3)
        self.footer()
        return self.y

    def header(self) -> None:
        """The red band: 一图读懂, the agency, the report's title (measured, then painted over)."""
        painter, self.p = self.p, None
        height = self._header_text(self.y)
        self.p = painter
        self.box(QRect(0, self.y, WIDTH, height), RED)
        self._header_text(self.y)
        self.y += height

    def _header_text(self, top: int) -> int:
        y = top + 64
        y += self.text(QRect(MARGIN, y, INNER, 0), "一图读懂", font(30, bold=True), QColor("#fecaca"), CENTER) + 16
        # A long name breaks only between words (GB/T 9704), as in the Word title.
        name = "\n".join(_at_most(split_name(self.k.agency, INNER // 46), NAME_LINES))
        y += self.text(QRect(MARGIN, y, INNER, 0), name, font(44, bold=True), WHITE, CENTER) + 12
        title = f"{self.k.year}年政府信息公开工作年度报告"
        y += self.text(QRect(MARGIN, y, INNER, 0), title, font(52, bold=True), WHITE, CENTER) + 64
        return y - top

    def section(self, title: str) -> None:
        self.y += 56
        self.box(QRect(MARGIN, self.y + 6, 10, 40), RED, 3)
        self.y += self.text(QRect(MARGIN + 28, self.y, INNER - 28, 0), title, font(44, bold=True), RED) + 24

    def active(self) -> None:
        """表二 by its blocks: a row of several figures as a card, rows of one figure as tiles."""
        blocks: dict[str, list[Row]] = {}
        for row in self.k.active:
            blocks.setdefault(row.block, []).append(row)
        for block, rows in blocks.items():
            self.y += self.text(QRect(MARGIN, self.y, INNER, 0), f"《条例》{block}", font(30), GREY) + 10
            singles = [r for r in rows if len(r.figures) == 1]
            for row in rows:
                if len(row.figures) > 1:
                    self._card(row)
            if singles:
                # One figure a row (处理决定数量): the row's name under the number, the column's in
                # the note, side by side.
                tiles = tuple(replace(r.figures[0], label=r.label) for r in singles)
                self.tiles(tiles, columns=min(3, len(tiles)), size=48, note=singles[0].figures[0].label)

    def _card(self, row: Row) -> None:
        top = self.y
        pad = 24
        inner = INNER - 2 * pad
        label_font = font(30, bold=True)
        label_h = QFontMetrics(label_font).boundingRect(QRect(0, 0, inner, 100_000), WRAP, row.label).height()
        cell_w = inner // len(row.figures)
        fig_h = max(self._figure_height(f, cell_w, 48) for f in row.figures)
        height = pad + label_h + 12 + fig_h + pad
        self.box(QRect(MARGIN, top, INNER, height), RED_LIGHT, 16)
        self.text(QRect(MARGIN + pad, top + pad, inner, 0), row.label, label_font, INK)
        for i, fig in enumerate(row.figures):
            self._figure(MARGIN + pad + i * cell_w, top + pad + label_h + 12, cell_w - 12, fig, 48)
        self.y = top + height + 16

    def _figure_height(self, fig: Figure, width: int, size: int) -> int:
        h = QFontMetrics(font(size, bold=True)).height()
        h += QFontMetrics(font(30)).boundingRect(QRect(0, 0, width, 100_000), WRAP, fig.label).height() + 4
        if fig.change:
            h += QFontMetrics(font(32)).height() + 2
        return h

    def _figure(self, x: int, y: int, width: int, fig: Figure, size: int, flags: int = LEFT) -> int:
        top = y
        y += self.number(x, y, width, fig, size, RED if size >= 56 else INK, flags)
        y += self.text(QRect(x, y, width, 0), fig.label, font(30), GREY, flags) + 4
        if fig.change:
            y += self.text(QRect(x, y, width, 0), fig.change, font(32), BLUE, flags) + 2
        return y - top

    def tiles(self, figures: tuple[Figure, ...], columns: int = 2, size: int = 64, note: str = "") -> None:
        width = (INNER - GAP * (columns - 1)) // columns
        note_h = QFontMetrics(font(32)).height() + 2 if note else 0
        for start in range(0, len(figures), columns):
            row = figures[start : start + columns]
            height = max(self._figure_height(f, width - 32, size) for f in row) + 48 + note_h
            for i, fig in enumerate(row):
                x = MARGIN + i * (width + GAP)
                self.box(QRect(x, self.y, width, height), RED_LIGHT, 16)
                used = self._figure(x + 16, self.y + 24, width - 32, fig, size, CENTER)
                if note:
                    self.text(QRect(x + 16, self.y + 24 + used, width - 32, 0), note, font(32), GREY, CENTER)
            self.y += height + GAP

    def received(self) -> None:
        self.tiles(self.k.received, columns=2)
        people, bodies = self.k.applicants
        total = people.value + bodies.value
        self.y += self.text(QRect(MARGIN, self.y, INNER, 0), "本年新收申请的申请人", font(32, bold=True), INK) + 12
        bar = QRect(MARGIN, self.y, INNER, 40)
        self.box(bar, BAR_BACK, 8)
        if total > 0:
            split = int(INNER * people.value / total)
            self.box(QRect(MARGIN, self.y, split, 40), RED, 8)
            self.box(QRect(MARGIN + split, self.y, INNER - split, 40), BLUE, 8)
        self.y += 52
        half = INNER // 2
        for i, (fig, color) in enumerate(((people, RED), (bodies, BLUE))):
            share = f"（{fig.value / total:.0%}）" if total > 0 else ""
            line = f"{fig.label} {fig.text}{fig.unit}{share}"
            flags = LEFT if i == 0 else int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.text(QRect(MARGIN + i * half, self.y, half, 0), line, font(30), color, flags)
        self.y += QFontMetrics(font(30)).height() + 8

    def results(self) -> None:
        self.y += 32
        self.y += self.text(QRect(MARGIN, self.y, INNER, 0), "办理结果", font(32, bold=True), INK) + 16
        figures = self.k.results
        most = max((f.value for f in figures), default=0)
        total = sum(f.value for f in figures)
        label_w, value_w = 200, 230
        bar_w = INNER - label_w - value_w - 24
        for fig in figures:
            row_h = 48
            self.text(QRect(MARGIN, self.y + 6, label_w, 0), fig.label, font(32), INK)
            self.box(QRect(MARGIN + label_w, self.y + 8, bar_w, 32), BAR_BACK, 6)
            if most > 0 and fig.value > 0:
                self.box(QRect(MARGIN + label_w, self.y + 8, max(6, int(bar_w * fig.value / most)), 32), RED, 6)
            share = f"  {fig.value / total:.1%}" if total > 0 else ""
            value = f"{fig.text}{fig.unit}{share}"
            self.text(QRect(MARGIN + label_w + bar_w + 12, self.y + 6, value_w + 12, 0), value, font(32, bold=True),
                      INK, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop))  # fmt: skip
            self.y += row_h + 8
            if fig.change:
                self.y += self.text(QRect(MARGIN + label_w, self.y - 8, bar_w, 0), fig.change, font(26), BLUE) - 4

    def cases(self) -> None:
        width = (INNER - GAP) // 2
        heights = [self._case_height(c, width) for c in self.k.cases]
        height = max(heights)
        for i, case in enumerate(self.k.cases):
            x = MARGIN + i * (width + GAP)
            self.box(QRect(x, self.y, width, height), RED_LIGHT, 16)
            self._case(x + 24, self.y + 24, width - 48, case)
        self.y += height + GAP

    def _case_height(self, case: Cases, width: int) -> int:
        measuring, self.p = self.p, None
        try:
            return self._case(0, 0, width - 48, case) + 48
        finally:
            self.p = measuring

    def _case(self, x: int, y: int, width: int, case: Cases) -> int:
        top = y
        y += self.text(QRect(x, y, width, 0), case.title, font(32, bold=True), INK) + 8
        y += self.number(x, y, width, case.total, 64, RED) + 4
        if case.total.change:
            y += self.text(QRect(x, y, width, 0), case.total.change, font(32), BLUE) + 4
        for fig in case.outcomes:
            line_h = QFontMetrics(font(30)).height()
            self.text(QRect(x, y, width, 0), fig.label, font(30), GREY)
            self.text(QRect(x, y, width, 0), f"{fig.text}{fig.unit}", font(26, bold=True), INK,
                      int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop))  # fmt: skip
            y += line_h + 6
        return y - top

    def footer(self) -> None:
        self.y += 40
        title = self.k.title if len(self.k.title) <= NOTE_CHARS else self.k.title[: NOTE_CHARS - 1] + "…"
        note = f"数据来源：《{title}》"
        if self.k.date:
            note += f"（{self.k.date}发布）"
        self.y += self.text(QRect(MARGIN, self.y, INNER, 0), note, font(32), GREY, CENTER) + 48


def _at_most(lines: list[str], count: int) -> list[str]:
    if len(lines) <= count:
        return lines
    return [*lines[: count - 1], lines[count - 1][:-1] + "…"]


def height_of(figures: KeyFigures) -> int:
    return _Drawer(figures, None).draw()


def paint(painter: QPainter, figures: KeyFigures) -> int:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return _Drawer(figures, painter).draw()


def image(report: Report, scale: float = 1.0) -> QImage:
    """The picture as an image, ``scale`` times 1080 px wide (the preview draws it smaller)."""
    ensure_gui_app()
    figures = key_figures(report)
    height = height_of(figures)
    if height > MAX_HEIGHT:
        raise RenderError(f"图解高度 {height} 像素，超出上限，未生成")
    img = QImage(int(WIDTH * scale), int(height * scale), QImage.Format.Format_RGB32)
    if img.isNull():  # Qt could not allocate it: a painter on it would draw nothing
        raise RenderError("内存不足，无法生成图解图片")
    img.fill(WHITE)
    painter = QPainter(img)
    try:
        painter.scale(scale, scale)
        paint(painter, figures)
    finally:
        painter.end()
    return img


def to_png(report: Report) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    saved = image(report).save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide takes str
    buffer.close()
    if not saved or not data.size():
        raise RenderError("未能生成图解图片")
    return bytes(data.data())


def to_svg(report: Report) -> bytes:
    ensure_gui_app()
    figures = key_figures(report)
    height = height_of(figures)
    if height > MAX_HEIGHT:
        raise RenderError(f"图解高度 {height} 像素，超出上限，未生成")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(WIDTH, height))
    generator.setViewBox(QRect(0, 0, WIDTH, height))
    generator.setResolution(96)  # a CSS pixel a pixel: shown 1080 px wide
    # Qt escapes markup here but keeps control characters, which no XML may hold.
    generator.setTitle(clean_text(f"{figures.title}（图解）"))
    generator.setDescription(clean_text(f"{figures.agency}{figures.year}年政府信息公开工作年度报告的主要数据"))
    painter = QPainter(generator)
    try:
        painter.fillRect(QRect(0, 0, WIDTH, height), WHITE)
        paint(painter, figures)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
