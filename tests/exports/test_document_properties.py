"""Every Word document's properties are its own: title, the collectivité as author and
last editor, created now; nothing of the template (« Modèle Charte », 2013, « Microsoft
Macintosh Word », its thumbnail)."""

import zipfile
from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.exports.action_sheet import write_action_sheet
from charte_desktop.exports.attendance_sheet import write_attendance_sheet
from charte_desktop.exports.convocation import write_convocation
from charte_desktop.exports.minutes import write_minutes
from charte_desktop.formatting import format_date
from charte_desktop.services.meetings import get_meeting
from charte_desktop.services.plans import get_territory
from tests.exports.docx_reading import open_docx
from tests.fixed_day import TEST_DAY


@pytest.mark.parametrize(("writer", "kind"), [
    (write_convocation, "Convocation"),
    (write_attendance_sheet, "Feuille d'émargement"),
    (write_minutes, "Compte rendu"),
])
def test_meeting_documents_have_their_own_properties(
    demo_db: Database, held_meeting_id: int, tmp_path: Path, writer: object, kind: str
) -> None:
    meeting = get_meeting(demo_db, held_meeting_id)
    territory = get_territory(demo_db)
    assert territory is not None
    path = writer(demo_db, held_meeting_id, tmp_path / "d.docx")  # type: ignore[operator]
    properties = open_docx(path).core_properties
    assert properties.title == (
        f"{kind} — {meeting.body.name} du {format_date(meeting.date)}")
    assert properties.author == properties.last_modified_by == territory.name
    assert properties.created is not None  # in UTC: within a day of the local date
    assert abs((properties.created.date() - TEST_DAY).days) <= 1
    assert properties.modified == properties.created
    assert properties.revision == 1
    _nothing_of_the_template(path)


def test_fiche_action_has_its_own_properties(demo_db: Database, tmp_path: Path) -> None:
    territory = get_territory(demo_db)
    assert territory is not None
    path = write_action_sheet(demo_db, 7, tmp_path / "fiche.docx")
    properties = open_docx(path).core_properties
    assert properties.title.startswith("Fiche action ")
    assert properties.author == territory.name
    _nothing_of_the_template(path)


def _nothing_of_the_template(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert not any("thumbnail" in name for name in names)
        for name in names:
            if name.startswith("docProps/") or name.endswith(".rels"):
                data = archive.read(name).decode("utf-8")
                assert "Microsoft" not in data and "Modèle Charte" not in data
                assert "2013-" not in data
        app = archive.read("docProps/app.xml").decode("utf-8")
        assert "<Application>Charte</Application>" in app
