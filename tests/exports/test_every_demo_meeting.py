"""Every meeting of the demo territory, whatever its state, gives its three documents."""

from pathlib import Path

from charte_desktop.db import open_database
from charte_desktop.exports.meeting_exports import KINDS, export_meeting_document, suggested_name
from charte_desktop.services.meetings import list_meetings


def test_every_demo_meeting_exports_its_three_documents(demo: Path, tmp_path: Path) -> None:
    with open_database(demo, read_only=True) as db:
        meetings = list_meetings(db)
        assert len(meetings) >= 10
        names = set()
        for meeting in meetings:
            for kind in KINDS:
                name = suggested_name(db, kind, meeting.id)
                names.add(name)
                written = export_meeting_document(db, kind, meeting.id,
                                                  tmp_path / f"{meeting.id}-{name}")
                assert written.stat().st_size > 5000
    assert len(names) == len(meetings) * len(KINDS)  # no two documents share a name
