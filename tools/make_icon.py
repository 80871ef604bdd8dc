"""Draw the application icon (a document with a check mark) as PNG and a multi-size .ico.

Run: ``QT_QPA_PLATFORM=offscreen python tools/make_icon.py`` — writes resources/icons/.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
# Windows picks the image for the scale: 16/20/24/32 px small icons and 32/40/48/64 px large ones
# at 100/125/150/200 %; a missing size is scaled from another one and looks blurred.
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#b3202a"))  # the red of official documents
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    page = QPainterPath()
    page.moveTo(70 * s, 44 * s)
    page.lineTo(160 * s, 44 * s)
    page.lineTo(194 * s, 78 * s)
    page.lineTo(194 * s, 212 * s)
    page.lineTo(70 * s, 212 * s)
    page.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(page)
    p.setBrush(QColor("#f1c9cc"))
    fold = QPainterPath()
    fold.moveTo(160 * s, 44 * s)
    fold.lineTo(160 * s, 78 * s)
    fold.lineTo(194 * s, 78 * s)
    fold.closeSubpath()
    p.drawPath(fold)
    if size >= 32:
        p.setPen(QPen(QColor("#b3202a"), max(1.0, 10 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for y in (96, 124):
            p.drawLine(QPointF(92 * s, y * s), QPointF(172 * s, y * s))
    p.setPen(
        QPen(
            QColor("#1b7f3b"),
            max(1.5, 18 * s),
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
    )
    check = QPainterPath()
    check.moveTo(98 * s, 164 * s)
    check.lineTo(124 * s, 188 * s)
    check.lineTo(170 * s, 142 * s)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def write_ico(path: Path, images: list[QImage]) -> None:
    """An .ico whose entries are PNG images (Windows Vista and later read these)."""
    blobs = [png_bytes(img) for img in images]
    header = struct.pack("<HHH", 0, 1, len(blobs))
    offset = 6 + 16 * len(blobs)
    entries = b""
    for img, blob in zip(images, blobs, strict=True):
        w = img.width() if img.width() < 256 else 0
        entries += struct.pack("<BBBBHHII", w, w, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    images[-1].save(str(OUT / "gxdesk.png"))
    draw(48).save(str(OUT / "gxdesk-48.png"))
    write_ico(OUT / "gxdesk.ico", images)
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
