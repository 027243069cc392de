"""The whole calendar (not only what the window shows) as a PNG image or on paper."""

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from charte_desktop.errors import CharteError
from charte_desktop.exports.safe_write import write_atomically
from charte_desktop.ui.timeline.painting import HEADER_HEIGHT, TEXT, TimelinePainter

# An image of 60 million points already takes 240 MB while it is drawn.
MAX_PIXELS = 60_000_000
MAX_SIDE = 32_000
TITLE_HEIGHT = 32  # the line above the calendar, on the image and on each page
MIN_PRINT_SCALE = 0.75  # smaller than this (of the screen's size), text gets hard to read


def render_image(painter: TimelinePainter, title: str) -> QImage:
    """The whole calendar under its title, header and column of actions included, at the
    screen's scale."""
    width, height = painter.full_width(), painter.full_height() + TITLE_HEIGHT
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise CharteError(
            f"Le calendrier est trop grand pour une image ({width} × {height} points) : "
            "choisissez un zoom plus large (« Année ») ou filtrez les actions."
        )
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    device = QPainter(image)
    _title(device, painter, width, title, "")
    device.translate(0, TITLE_HEIGHT)
    painter.paint(device, width, height - TITLE_HEIGHT)
    device.end()
    return image


def _title(device: QPainter, painter: TimelinePainter, width: float, left: str,
           right: str) -> None:
    """The line above the calendar: its title, and the page number on paper."""
    font = QFont(painter.font)
    font.setBold(True)
    font.setPixelSize(font.pixelSize() + 2)
    device.setFont(font)
    device.setPen(TEXT)
    area = QRectF(8, 0, width - 16, TITLE_HEIGHT)
    device.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    if right:
        device.setFont(painter.font)
        device.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                        right)


def save_png(painter: TimelinePainter, target: Path, title: str) -> Path:
    """Write the calendar to `target` as a PNG, atomically; returns the path written."""
    image = render_image(painter, title)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Three bytes a point and a lighter compression: half the time of the defaults for a
    # file 6 % larger (a 500-action plan is a 1,800 × 13,000 image).
    packed = image.convertToFormat(QImage.Format.Format_RGB888)
    # PySide6 takes the format as str (its stubs say bytes, which it refuses at run time).
    if not packed.save(buffer, "PNG", 80):  # type: ignore[call-overload]
        raise CharteError("L'image du calendrier n'a pas pu être produite.")
    data = bytes(buffer.data().data())
    return write_atomically(target, lambda stream: stream.write(data))


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    printer.setDocName("Calendrier des actions")
    return printer


def page_bands(painter: TimelinePainter, body_height: float) -> list[tuple[int, int]]:
    """(first row's top, height) of each band of rows that fits under a page's header:
    pages break between rows, never through one."""
    bands: list[tuple[int, int]] = []
    rows = painter.layout.rows
    start = 0
    while start < painter.layout.height:
        end = start
        for row in rows:
            if row.top >= start and row.bottom - start <= body_height:
                end = row.bottom
        if end == start:  # a row taller than a page (never at these sizes): cut it
            end = start + int(body_height)
        bands.append((start, end - start))
        start = end
    return bands or [(0, 0)]


def print_timeline(printer: QPrinter, painter: TimelinePainter, title: str) -> int:
    """Print the calendar in landscape, fitted to the page's width unless its text would
    become unreadable (then in strips of months, each with the column of actions); every
    page repeats the months and the titles of its rows. Returns the number of pages."""
    device = QPainter()
    if not device.begin(printer):
        raise CharteError("L'imprimante n'a pas pu être ouverte.")
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    natural = printer.resolution() / 96  # printed at the size it has on screen
    factor = min(page.width() / painter.full_width(), natural)
    factor = max(factor, MIN_PRINT_SCALE * natural)
    width, height = page.width() / factor, page.height() / factor
    strip = max(width - painter.label_width, 100)
    strips = max(math.ceil(painter.scale.width / strip), 1)
    bands = page_bands(painter, height - TITLE_HEIGHT - HEADER_HEIGHT - 1)
    total = strips * len(bands)
    number = 0
    for top, band_height in bands:
        for index in range(strips):
            if number:
                printer.newPage()
            number += 1
            device.save()
            device.scale(factor, factor)
            _title(device, painter, width, title, f"page {number} sur {total}")
            device.translate(0, TITLE_HEIGHT)
            chart_width = min(strip, painter.scale.width - index * strip)
            painter.paint(device, round(painter.label_width + chart_width),
                          HEADER_HEIGHT + band_height + 1, round(index * strip), top)
            device.restore()
    device.end()
    return total
