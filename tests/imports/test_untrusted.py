"""Untrusted files are refused with a French message before any parser reads them."""

from pathlib import Path

import pytest

from charte_desktop.errors import CharteError
from charte_desktop.imports import untrusted
from charte_desktop.imports.table_reader import read_table, sheet_names
from charte_desktop.imports.untrusted import SourceKind, check_untrusted_file
from tests.imports.bad_workbooks import BAD_WORKBOOKS, good_workbook, strict_workbook


@pytest.mark.parametrize("case", sorted(BAD_WORKBOOKS))
def test_bad_workbooks_are_refused_with_a_french_message(case: str, tmp_path: Path) -> None:
    build, words = BAD_WORKBOOKS[case]
    path = build(tmp_path)
    with pytest.raises(CharteError) as refused:
        read_table(path)
    assert words in refused.value.message
    assert path.name in refused.value.message
    with pytest.raises(CharteError):  # listing the sheets is refused the same way
        sheet_names(path)


def test_a_real_workbook_passes(tmp_path: Path) -> None:
    assert check_untrusted_file(good_workbook(tmp_path)) is SourceKind.XLSX


def test_zip_checks_need_no_inflating(tmp_path: Path) -> None:
    """The bomb is refused from its directory alone, fast, whatever its content."""
    path = BAD_WORKBOOKS["zip_bomb"][0](tmp_path)
    with pytest.raises(CharteError, match="comprimée 1"):
        check_untrusted_file(path)


def test_size_limit(tmp_path: Path) -> None:
    path = good_workbook(tmp_path)
    with pytest.raises(CharteError, match=r"trop gros \(.* Mo, 0,0 Mo au plus\)"):
        check_untrusted_file(path, max_bytes=10)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CharteError, match="introuvable"):
        check_untrusted_file(tmp_path / "absent.xlsx")
    with pytest.raises(CharteError, match="est un dossier"):
        check_untrusted_file(tmp_path)


def test_a_binary_file_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(CharteError, match="n'est pas un fichier texte CSV : c'est une image PNG"):
        read_table(path)
    workbook = good_workbook(tmp_path)
    renamed = tmp_path / "plan.csv"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(CharteError, match=r"renommez-le en \.xlsx"):
        read_table(renamed)


def test_libreoffice_workbook_gets_its_own_advice(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "plan.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(CharteError, match=r"classeur LibreOffice \(\.ods\)"):
        read_table(path)


def test_workbooks_are_not_read_without_defusedxml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    untrusted.require_defused_xml()  # the installed application is protected
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(CharteError, match="defusedxml"):
        read_table(good_workbook(tmp_path))


def test_openpyxl_parses_sheets_with_defusedxml() -> None:
    from openpyxl.xml import functions

    assert functions.iterparse.__module__.startswith("defusedxml")


def test_strict_open_xml_gets_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CharteError) as raised:
        check_untrusted_file(strict_workbook(tmp_path))
    assert raised.value.message == (
        "Le classeur « strict.xlsx » est au format « Classeur Open XML strict », que Charte ne "
        "lit pas : ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) » "
        "(Fichier › Enregistrer sous), puis recommencez.")


def test_utf16_text_is_text(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-16-le"):
        path = tmp_path / f"texte-{encoding}.txt"
        path.write_bytes("Nom\tPrénom\r\nLefèvre\tZoé\r\n".encode(encoding))
        assert check_untrusted_file(path) is SourceKind.CSV
