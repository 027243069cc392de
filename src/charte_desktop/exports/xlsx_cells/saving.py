"""New workbooks and their atomic save."""

import contextlib
import io
from pathlib import Path

from openpyxl import Workbook

from charte_desktop.exports.safe_write import write_atomically


def new_workbook(title: str = "", *, write_only: bool = True) -> Workbook:
    """An empty workbook (write-only by default: rows stream out, memory stays flat)."""
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    workbook.properties.creator = "Charte"
    workbook.properties.title = title or None
    workbook.properties.language = "fr-FR"
    return workbook


def _discard(workbook: Workbook) -> None:
    """Close what a failed save left open, now and quietly.

    A write-only worksheet streams its rows through generators and a temporary file; left
    open after a failure, they are closed by the garbage collector at exit, which prints
    « Exception ignored … Traceback » blocks (lxml, zipfile) after the French message.
    """
    for sheet in workbook.worksheets:
        rows = getattr(sheet, "_rows", None)
        writer = getattr(sheet, "_writer", None)
        for generator in (rows, getattr(writer, "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):
                    generator.close()
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def save_workbook(workbook: Workbook, target: Path) -> Path:
    """Write `workbook` to `target` atomically (never a half-written file); the path.

    The workbook is built in memory first (a few megabytes for the largest plan): a disk
    error at the target (full, read-only, access refused) then happens outside openpyxl,
    which leaves nothing half-closed behind it.
    """
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except BaseException:
        _discard(workbook)
        raise
    return write_atomically(target, lambda stream: stream.write(buffer.getbuffer()))
