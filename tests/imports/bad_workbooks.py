"""Builders of untrusted files Charte must refuse: shared by every importer's tests.

Each builder writes one file into `folder` and returns its path; BAD_WORKBOOKS pairs it
with words the French message must contain.
"""

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from charte_desktop.imports.untrusted import CFB_MAGIC

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


def good_workbook(folder: Path, name: str = "plan.xlsx") -> Path:
    """A small real workbook written by openpyxl: the base the bad ones are made from."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["N°", "Intitulé"])
    sheet.append(["1.1", "Créer une plateforme de covoiturage"])
    path = folder / name
    workbook.save(path)
    return path


def replace_part(path: Path, part: str, data: bytes) -> Path:
    """Rewrite the zip at `path` with `part` replaced by `data`."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def zip_bomb(folder: Path) -> Path:
    """A sheet of 20 MB of zeros compressed about 1,000 times."""
    path = good_workbook(folder, "bombe.xlsx")
    return replace_part(path, "xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))


def lying_sizes(folder: Path) -> Path:
    """A small zip whose central directory declares a 2 GB part (nothing is inflated)."""
    path = good_workbook(folder, "gonfle.xlsx")
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")  # first central directory entry
    struct.pack_into("<I", data, entry + 24, 0x7FFF_FFFF)  # its uncompressed size
    path.write_bytes(bytes(data))
    return path


def too_many_parts(folder: Path) -> Path:
    path = folder / "morceaux.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for number in range(3000):
            archive.writestr(f"xl/media/{number}.bin", b"x")
    return path


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (level, b"&lol%s;" % previous * 10)
        for level, previous in enumerate((b"", *(b"%d" % n for n in range(1, 9))), start=1)
    )
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def xml_bomb(folder: Path) -> Path:
    """A sheet whose XML defines nested entities ("billion laughs": 10⁹ "lol" once expanded)."""
    path = good_workbook(folder, "rires.xlsx")
    return replace_part(path, "xl/worksheets/sheet1.xml", BILLION_LAUGHS)


def xml_bomb_in_strings(folder: Path) -> Path:
    """The same entities in the shared strings part, which text cells point into."""
    path = good_workbook(folder, "rires-partages.xlsx")
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels")
        types = archive.read("[Content_Types].xml")
    rels = rels.replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    ))
    types = types.replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ))
    bomb = BILLION_LAUGHS.split(b"<worksheet")[0] + (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol9;</t></si></sst>"
    )
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    )
    replace_part(path, "xl/_rels/workbook.xml.rels", rels)
    replace_part(path, "[Content_Types].xml", types)
    replace_part(path, "xl/worksheets/sheet1.xml", sheet)
    return replace_part(path, "xl/sharedStrings.xml", bomb)


def xlsm_by_name(folder: Path) -> Path:
    path = good_workbook(folder, "macros.xlsm")
    return path


def xlsm_renamed(folder: Path) -> Path:
    """A macro-enabled workbook renamed .xlsx: its content type and vbaProject give it away."""
    path = good_workbook(folder, "macros-renomme.xlsx")
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml")
    types = types.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    replace_part(path, "[Content_Types].xml", types)
    return replace_part(path, "xl/vbaProject.bin", b"\x00" * 512)


def _cfb(folder: Path, name: str, stream: str) -> Path:
    """The start of an OLE2 compound file naming `stream` in its directory."""
    path = folder / name
    path.write_bytes(CFB_MAGIC + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 1024)
    return path


def encrypted_workbook(folder: Path) -> Path:
    return _cfb(folder, "chiffre.xlsx", "EncryptedPackage")


def old_xls_renamed(folder: Path) -> Path:
    return _cfb(folder, "ancien.xlsx", "Workbook")


def png_renamed(folder: Path) -> Path:
    path = folder / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200)
    return path


def truncated_workbook(folder: Path) -> Path:
    path = good_workbook(folder, "coupe.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def word_renamed(folder: Path) -> Path:
    path = folder / "compte-rendu.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.replace(b"spreadsheetml.sheet.main", b"wordprocessingml.document.main"),
        )
    return path


def empty_xlsx(folder: Path) -> Path:
    path = folder / "vide.xlsx"
    path.write_bytes(b"")
    return path


# builder → words the French message must contain
def strict_workbook(folder: Path) -> Path:
    """What Excel writes as « Classeur Open XML strict »: the same parts, other namespaces."""
    plain = good_workbook(folder, "ordinaire.xlsx")
    path = folder / "strict.xlsx"
    replacements = (
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
         b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
         b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            for old, new in replacements:
                data = data.replace(old, new)
            target.writestr(info.filename, data)
    return path


BAD_WORKBOOKS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "strict_open_xml": (strict_workbook, "« Classeur Open XML strict »"),
    "zip_bomb": (zip_bomb, "bombe zip"),
    "lying_sizes": (lying_sizes, "décompressé, il ferait plus de"),
    "too_many_parts": (too_many_parts, "3\u202f001 éléments (2\u202f000 au plus)"),
    "xml_bomb": (xml_bomb, "bombe XML"),
    "xml_bomb_in_strings": (xml_bomb_in_strings, "bombe XML"),
    "xlsm_by_name": (xlsm_by_name, "classeur avec macros (.xlsm)"),
    "xlsm_renamed": (xlsm_renamed, "contient des macros"),
    "encrypted": (encrypted_workbook, "protégé par un mot de passe"),
    "old_xls": (old_xls_renamed, "Excel 97-2003 (.xls)"),
    "png": (png_renamed, "c'est en réalité une image PNG"),
    "truncated": (truncated_workbook, "tronqué ou endommagé"),
    "word": (word_renamed, "c'est un document Word"),
    "empty": (empty_xlsx, "est vide"),
}
