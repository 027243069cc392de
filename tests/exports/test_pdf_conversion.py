"""The documents of a held demo meeting and a fiche action convert to PDF in LibreOffice
(headless)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.exports.action_sheet import write_action_sheet
from charte_desktop.exports.attendance_sheet import write_attendance_sheet
from charte_desktop.exports.convocation import write_convocation
from charte_desktop.exports.minutes import write_minutes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run l'installe)")
def test_documents_convert_to_pdf(
    demo_db: Database, held_meeting_id: int, tmp_path: Path
) -> None:
    documents = [
        write(demo_db, held_meeting_id, tmp_path / f"{name}.docx")
        for name, write in (("convocation", write_convocation),
                            ("emargement", write_attendance_sheet),
                            ("compte-rendu", write_minutes))
    ]
    documents.append(write_action_sheet(demo_db, 7, tmp_path / "fiche-action.docx"))
    out = tmp_path / "pdf"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *map(str, documents)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    assert result.returncode == 0, result.stderr
    for document in documents:
        pdf = out / f"{document.stem}.pdf"
        assert pdf.is_file(), result.stdout + result.stderr
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000
