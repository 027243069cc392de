"""The feuille d'émargement ends cleanly: no page holds only blank lines or a lone name,
whatever the number of invitees (checked on the pages LibreOffice lays out)."""

import re
import subprocess
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.exports.attendance_sheet import HEADERS, write_attendance_sheet
from charte_desktop.exports.page_fit import line_count, paginate
from tests.exports.docx_reading import open_docx
from tests.exports.libreoffice import SOFFICE, convert
from tests.exports.meeting_setup import meeting_with_invitees

COUNTS = (9, 10, 26, 27)
NAME = re.compile(r"NOM\d\d Prénom\d\d")


def test_paginate_keeps_names_with_blank_lines() -> None:
    # Everything fits: the blank lines fill the page.
    assert paginate([1.0] * 5, 10.0, 20.0, 1.0) == ([5], 5)
    # Names fill the first page exactly: the last three go on with the blank lines.
    assert paginate([1.0] * 10, 10.0, 20.0, 1.0) == ([7, 3], 17)
    # One name over the first page: the second holds three, not a lone one.
    assert paginate([1.0] * 11, 10.0, 20.0, 1.0) == ([8, 3], 17)
    # No invitee: a page of blank lines under the header.
    assert paginate([], 10.0, 20.0, 1.0) == ([0], 10)


def test_line_count_wraps_on_words() -> None:
    assert line_count("Courte", 5.0, 10) == 1
    assert line_count("un deux\ntrois", 5.0, 10) == 2
    assert line_count("mot " * 40, 5.0, 10) > 3


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run l'installe)")
def test_no_page_without_names_for_9_10_26_27_invitees(demo: Path, tmp_path: Path) -> None:
    with open_database(demo) as db:
        written = [_write(db, count, tmp_path) for count in COUNTS]
    for count, path in zip(COUNTS, written, strict=True):
        document = open_docx(path)
        for table in document.tables[1:]:
            assert tuple(c.text for c in table.rows[0].cells) == HEADERS
        pdf = convert(path, "pdf", tmp_path / f"lo-{count}")
        pages = _pages(pdf)
        names = [len(NAME.findall(page)) for page in pages]
        assert sum(names) == count, (count, names)
        assert all(n >= 2 for n in names), (count, names)  # no page without or with one name
        rows = [row for table in document.tables[1:] for row in table.rows[1:]]
        assert [row.cells[0].text for row in rows[count:]] == [""] * (len(rows) - count)
        assert len(rows) - count >= 3, "blank lines for people not on the list"


def _write(db: Database, count: int, folder: Path) -> Path:
    return write_attendance_sheet(db, meeting_with_invitees(db, count),
                                  folder / f"emargement-{count}.docx")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.rstrip("\f").split("\f")
