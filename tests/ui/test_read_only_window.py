"""Hostile files in the window (issue 15): a read-only file opens read-only with a notice
and still consults and exports; a file holding values Charte does not know gets the offer
of its newest good backup. The command-line cases are in tests/hostile."""

from pathlib import Path

import pytest

from charte_desktop.cli.main import run
from tests.hostile.test_hostile_files import (  # noqa: F401 (a fixture, used by name)
    _change,
    counts,
    permissions_as_for_an_officer,
    sha256,
)


@pytest.fixture
def dialogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: object) -> dict[str, list[str]]:
    """The officer's own Qt settings (recent files) stay untouched; no dialog may block:
    warnings are recorded, questions recorded and answered as queued (else Non)."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QMessageBox

    QCoreApplication.setOrganizationName("Charte-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "reglages"))
    seen: dict[str, list[str]] = {"warnings": [], "questions": [], "answers": []}
    Button = QMessageBox.StandardButton

    def question(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
        seen["questions"].append(text)
        return Button.Yes if seen["answers"] and seen["answers"].pop(0) == "oui" else Button.No

    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a, **_k:
                        seen["warnings"].append(text) or Button.Ok)
    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


@pytest.mark.usefixtures("permissions_as_for_an_officer")
def test_the_window_opens_a_read_only_file_with_a_notice(
    demo: Path, tmp_path: Path, dialogs: dict[str, list[str]], qapp: object, qtbot: object,
) -> None:
    from charte_desktop.db.read_only import ReadOnlyFileError
    from charte_desktop.exports.monitoring import write_monitoring_workbook
    from charte_desktop.services.plans import PlanFields, create_plan
    from charte_desktop.ui.app import Application

    before, rows = sha256(demo), counts(demo)
    demo.parent.chmod(0o555)  # a read-only folder: not even a lock file can be made
    try:
        application = Application(qapp)  # type: ignore[arg-type]
        assert application.start(demo, demo=False)
        window = application.window
        assert window is not None
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        assert dialogs["warnings"] == []
        assert window.windowTitle().endswith("(lecture seule) — Charte")
        assert window.read_only_notice is not None
        assert window.read_only_notice.text() == (
            f"Lecture seule : son dossier « {demo.parent} » n'autorise pas l'écriture. "
            "Consultation et export seulement.")
        window.page("actions")  # consulting works
        written = write_monitoring_workbook(window.db, tmp_path / "suivi.xlsx", plan_id=None)
        assert written.is_file()  # exporting works
        with pytest.raises(ReadOnlyFileError, match="est en lecture seule"):
            create_plan(window.db, PlanFields(title="Ne doit pas être écrit"))
        application.close_current()
        window.close_settled()
    finally:
        demo.parent.chmod(0o755)
    assert (sha256(demo), counts(demo)) == (before, rows)


def test_the_window_offers_a_backup_for_a_file_with_unknown_values(
    demo: Path, dialogs: dict[str, list[str]], qapp: object, qtbot: object,
) -> None:
    from charte_desktop.db.backups import REASON_MANUAL, default_backup_folder, make_backup
    from charte_desktop.ui.app import Application

    make_backup(demo, default_backup_folder(demo), reason=REASON_MANUAL)
    _change(demo, "UPDATE action SET status = 'bogus' WHERE id = 3")
    before = sha256(demo)
    dialogs["answers"].append("oui")
    application = Application(qapp)  # type: ignore[arg-type]
    assert application.start(demo, demo=False)
    assert application.window is not None
    qtbot.addWidget(application.window)  # type: ignore[attr-defined]
    (question,) = dialogs["questions"]
    assert question.startswith(f"Le fichier « {demo} » contient des valeurs inconnues de "
                               "Charte : l'action n° 3 a un statut inconnu « bogus »")
    assert "Le fichier actuel sera mis de côté, sans être modifié." in question
    (aside,) = demo.parent.glob("charte.endommage-*.sqlite")
    assert sha256(aside) == before  # kept as it was, beside
    application.close_current()
    application.window.close_settled()
    assert run(["check", str(demo)]) == 0
