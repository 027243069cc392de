"""The window's file handling: one instance per file, backups at opening and closing,
damaged files, restoring a backup, and files in risky places."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.backups import (
    REASON_MANUAL,
    default_backup_folder,
    list_backups,
    make_backup,
)
from charte_desktop.services.plans import PlanFields, create_plan, list_plans
from charte_desktop.ui import file_session
from charte_desktop.ui.app import Application
from tests.backup_helpers import corrupt_an_index_page
from tests.ui.conftest import DialogAnswers


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "territoire.sqlite"
    shutil.copyfile(demo_template, path)
    return path


def backups_of(path: Path) -> list[str]:
    return [b.reason_key for b in list_backups(default_backup_folder(path))]


def test_opening_backs_up_and_closing_backs_up_again(
    qtbot: QtBot, qapp: QApplication, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rotations: list[dict[str, object]] = []
    monkeypatch.setattr(file_session, "rotate",
                        lambda folder, **policy: rotations.append(policy) or [])
    application = Application(qapp)
    assert application.start(demo_file, demo=False)
    assert application.window is not None
    qtbot.addWidget(application.window)
    assert backups_of(demo_file) == ["ouverture"]
    application.close_current()
    assert sorted(backups_of(demo_file)) == ["fermeture", "ouverture"]
    # ...then old backups are thinned out with the policy of the settings.
    assert rotations == [{"keep_daily": 7, "keep_weekly": 4, "keep_monthly": 12}]
    file_session.acquire_lock(demo_file).release()  # the lock was released


def test_a_second_window_on_the_same_file_is_refused_before_touching_it(
    qtbot: QtBot, qapp: QApplication, demo_file: Path, answer_dialogs: DialogAnswers
) -> None:
    first = Application(qapp)
    assert first.start(demo_file, demo=False)
    assert first.window is not None
    qtbot.addWidget(first.window)
    before = demo_file.read_bytes()
    second = Application(qapp)
    assert second.start(demo_file, demo=False) is False
    assert "déjà ouvert" in answer_dialogs.warnings[-1]
    assert demo_file.read_bytes() == before
    first.close_current()
    third = Application(qapp)
    assert third.start(demo_file, demo=False)  # free again once closed
    assert third.window is not None
    qtbot.addWidget(third.window)
    third.close_current()


def test_a_damaged_file_is_set_aside_and_its_newest_backup_restored(
    qtbot: QtBot, qapp: QApplication, demo_file: Path, answer_dialogs: DialogAnswers
) -> None:
    folder = default_backup_folder(demo_file)
    make_backup(demo_file, folder, reason=REASON_MANUAL)
    corrupt_an_index_page(demo_file)
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    application = Application(qapp)
    assert application.start(demo_file, demo=False)
    assert application.window is not None
    qtbot.addWidget(application.window)
    assert "endommagé" in answer_dialogs.asked[0]
    assert list(demo_file.parent.glob("territoire.endommage-*.sqlite"))  # kept, never deleted
    assert application.db is not None and list_plans(application.db)
    application.close_current()


def test_restoring_a_backup_from_the_window(
    qtbot: QtBot, qapp: QApplication, demo_file: Path, answer_dialogs: DialogAnswers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    application = Application(qapp)
    assert application.start(demo_file, demo=False)
    db = application.db
    assert db is not None and application.window is not None
    qtbot.addWidget(application.window)
    plans_before = [p.title for p in list_plans(db)]
    create_plan(db, PlanFields(title="Plan ajouté après la sauvegarde"))

    from charte_desktop.ui import restore_dialog

    class ChooseOpeningBackup(restore_dialog.RestoreDialog):
        def exec(self) -> int:
            assert self.model.rowCount() >= 1
            self.table.selectRow(self.model.find_row(lambda b: b.reason_key == "ouverture"))
            self.accept()
            return 1

    monkeypatch.setattr(restore_dialog, "RestoreDialog", ChooseOpeningBackup)
    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    application.restore()
    assert "Le contenu actuel sera d'abord sauvegardé" in answer_dialogs.asked[-1]
    restored: Database | None = application.db
    assert restored is not None and restored is not db
    assert [p.title for p in list_plans(restored)] == plans_before
    assert "restauration" in backups_of(demo_file)  # the state before, kept
    application.close_current()


def test_a_file_in_a_synced_folder_gets_a_warning_and_can_stay(
    qtbot: QtBot, qapp: QApplication, demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_session, "storage_risk",
                        lambda path: "Ce fichier est dans un dossier OneDrive…")
    shown: list[str] = []

    def stay(box: QMessageBox) -> int:
        shown.append(box.text())
        stay_button = next(b for b in box.buttons() if "Continuer" in b.text())
        stay_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", stay)
    application = Application(qapp)
    assert application.start(demo_file, demo=False)
    assert application.window is not None
    qtbot.addWidget(application.window)
    assert shown == ["Ce fichier est dans un dossier OneDrive…"]
    assert application.db is not None and application.db.path == demo_file
    application.close_current()


def test_the_demo_copy_is_not_backed_up(
    qtbot: QtBot, qapp: QApplication, private_data_folder: Path, monkeypatch: pytest.MonkeyPatch,
    demo_template: Path, tmp_path: Path,
) -> None:
    from charte_desktop.ui import app as app_module

    copy = tmp_path / "demonstration.sqlite"
    shutil.copyfile(demo_template, copy)
    monkeypatch.setattr(app_module, "make_demo_copy", lambda: copy)
    application = Application(qapp)
    assert application.start(None, demo=True)
    assert application.window is not None
    qtbot.addWidget(application.window)
    application.close_current()
    assert not (private_data_folder / "Charte" / "sauvegardes").exists()




def test_backup_settings_are_kept_and_used_by_save_now(
    qtbot: QtBot, qapp: QApplication, demo_file: Path, tmp_path: Path
) -> None:
    from charte_desktop.settings import load_settings
    from charte_desktop.ui.pages.settings_page import SettingsPage

    application = Application(qapp)
    assert application.start(demo_file, demo=False)
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    page = window.show_screen("settings")
    assert isinstance(page, SettingsPage)
    chosen = tmp_path / "cle USB" / "sauvegardes Charte"
    page.backups.folder.setText(str(chosen))
    page.backups.interval.setValue(6)
    page.backups.save_button.click()
    assert page.backups.status.text() == "Réglages des sauvegardes enregistrés."
    settings = load_settings()
    assert (settings.backup_folder, settings.backup_interval_hours) == (chosen, 6)
    from PySide6.QtWidgets import QPushButton

    save_now = next(b for b in page.backups.findChildren(QPushButton)
                    if b.text() == "Sauvegarder &maintenant")
    save_now.click()
    assert [b.reason_key for b in list_backups(chosen)] == ["manuelle"]
    assert "Sauvegarde enregistrée" in window.statusBar().currentMessage()
    application.close_current()
