"""Edit a few cells of a test workbook, as an officer fixing their file would."""

from pathlib import Path


def replace_cells(path: Path, cells: dict[str, object], sheet: str | None = None) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    for coordinate, value in cells.items():
        worksheet[coordinate] = value
    workbook.save(path)
