"""Reading written workbooks back in tests (openpyxl normal mode, and the raw XML)."""

import zipfile
from pathlib import Path
from typing import Any


def open_xlsx(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


def sheet_xml(path: Path, index: int = 1) -> str:
    """The XML of the `index`-th worksheet part (1-based), as text."""
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")
