"""New workbooks and their atomic save."""

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


def save_workbook(workbook: Workbook, target: Path) -> Path:
    """Write `workbook` to `target` atomically (never a half-written file); the path."""
    return write_atomically(target, workbook.save)
