"""Regenerate the app icon from its drawing: `python resources/make_icon.py`.

Renders resources/charte.svg with Qt (already a dependency) at each size Windows asks for
and writes:
- resources/charte.ico: the executable's and the installer's icon. Qt's ICO writer stores a
  single image, so the multi-size file is assembled here: 32-bit BMP entries up to 64 px
  (read by every Windows tool, NSIS included) and a PNG entry for 256 px (Vista and later).
- src/charte_desktop/resources/charte.png: the window icon (PNG needs no Qt image plugin).
"""

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "charte.svg"
ICO = HERE / "charte.ico"
PNG = HERE.parent / "src" / "charte_desktop" / "resources" / "charte.png"
BMP_SIZES = (16, 20, 24, 32, 40, 48, 64)
PNG_SIZE = 256


def render(size: int) -> "QImage":  # noqa: F821 (Qt is imported in main)
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"Dessin illisible : {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    # ICO bitmaps hold straight (not premultiplied) alpha.
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: "QImage") -> bytes:  # noqa: F821
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: "QImage") -> bytes:  # noqa: F821
    """A DIB as ICO files hold it: header with doubled height, bottom-up BGRA rows, then
    the 1-bit AND mask (all zeros: with 32-bit colour, Windows uses the alpha channel)."""
    size = image.width()
    stride = image.bytesPerLine()  # ARGB32 rows are 4-byte aligned: exactly size * 4
    pixels = bytes(image.constBits())  # little-endian ARGB32 is B, G, R, A in memory
    rows = b"".join(pixels[y * stride:(y + 1) * stride] for y in reversed(range(size)))
    mask_stride = ((size + 31) // 32) * 4
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0,
                         len(rows) + mask_stride * size, 0, 0, 0, 0)
    return header + rows + bytes(mask_stride * size)


def ico_bytes(entries: list[tuple[int, bytes]]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per image, then the images."""
    offset = 6 + 16 * len(entries)
    directory = struct.pack("<HHH", 0, 1, len(entries))
    for size, data in entries:
        side = size if size < 256 else 0  # 0 means 256 in an ICO directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(data for _size, data in entries)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    entries = [(size, bmp_entry(render(size))) for size in BMP_SIZES]
    large = png_bytes(render(PNG_SIZE))
    entries.append((PNG_SIZE, large))
    ICO.write_bytes(ico_bytes(entries))
    PNG.write_bytes(large)
    print(ICO)
    print(PNG)


if __name__ == "__main__":
    main()
