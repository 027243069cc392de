"""Paramètres screen: the collectivité, circles, public policies and priority criteria."""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import TerritoryKind
from charte_desktop.services.action_details import list_criteria, list_policies
from charte_desktop.services.directory import get_circle, list_circles
from charte_desktop.services.plans import get_territory
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.settings_page import SettingsPage
from tests.ui.conftest import DialogAnswers
from tests.ui.helpers import type_text, when_dialog_opens


def open_page(qtbot: QtBot, db: Database) -> tuple[MainWindow, SettingsPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    page = window.show_screen("settings")
    assert isinstance(page, SettingsPage)
    return window, page


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(path), ""))


def test_shows_the_demo_territory_and_lists(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    form = page.territory
    assert form.name.text() == "Communauté de communes du Val d'Aubrance"
    assert form.kind.currentText() == TerritoryKind.COMMUNITY_OF_COMMUNES.label
    assert form.logo_preview.pixmap() is not None and not form.logo_preview.pixmap().isNull()
    assert form.logo_name.text() == "logo-val-d-aubrance.png"
    assert not form.save_button.isEnabled()
    assert len(page.circles.visible_rows()) == len(list_circles(demo_db)) == 9
    assert [p.code for p in page.policies.visible_rows()] == [
        p.code for p in list_policies(demo_db)]
    assert page.criteria.proxy.index(0, 1).data() == "1"


def test_rename_territory_change_logo_and_undo(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = open_page(qtbot, demo_db)
    form = page.territory
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    logo = tmp_path / "nouveau logo.png"
    assert image.save(str(logo))

    form.name.selectAll()
    type_text(qtbot, form.name, "Communauté de communes de l'Aubrance")
    choose_file(monkeypatch, logo)
    qtbot.mouseClick(form.choose_button, Qt.MouseButton.LeftButton)
    assert form.logo_name.text() == "nouveau logo.png"
    assert form.status.text() == "Modifications non enregistrées."
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    territory = get_territory(demo_db)
    assert territory is not None
    assert territory.name == "Communauté de communes de l'Aubrance"
    assert territory.logo == logo.read_bytes()
    assert territory.logo_filename == "nouveau logo.png"
    assert form.status.text() == "Collectivité enregistrée."
    assert not form.save_button.isEnabled()

    window.undo_stack.undo()
    territory = get_territory(demo_db)
    assert territory is not None and territory.name == "Communauté de communes du Val d'Aubrance"
    assert territory.logo_filename == "logo-val-d-aubrance.png"
    assert form.name.text() == territory.name

    qtbot.mouseClick(form.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    territory = get_territory(demo_db)
    assert territory is not None and territory.logo is None
    assert form.logo_preview.text() == "Aucun logo"


def test_empty_name_and_unreadable_logo_are_refused(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, page = open_page(qtbot, demo_db)
    form = page.territory
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("pas une image", encoding="utf-8")
    choose_file(monkeypatch, not_an_image)
    qtbot.mouseClick(form.choose_button, Qt.MouseButton.LeftButton)
    assert not form.errors["logo"].isHidden()
    assert form.errors["logo"].text() == (
        "Le fichier « notes.png » n'est pas une image lisible (PNG, JPEG…).")
    assert form.logo_name.text() == "logo-val-d-aubrance.png"

    form.name.clear()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.errors["name"].isHidden()
    assert "« Nom de la collectivité »" in form.errors["name"].text()
    territory = get_territory(demo_db)
    assert territory is not None and territory.name == "Communauté de communes du Val d'Aubrance"


def test_circles_search_create_edit_undo_and_delete(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    window, page = open_page(qtbot, demo_db)
    qtbot.keyClicks(page.circles.search, "elus")
    assert [c.name for c in page.circles.visible_rows()] == ["Élus"]
    page.circles.search.clear()

    def type_new_circle(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["name"].widget, "Médias")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_new_circle)
    qtbot.mouseClick(page.circles.new_button, Qt.MouseButton.LeftButton)
    [created] = [c for c in list_circles(demo_db) if c.name == "Médias"]
    assert created.position == max(c.position for c in list_circles(demo_db))
    assert page.circles.current_id() == created.id

    def rename(dialog: Any) -> None:
        dialog.inputs["name"].widget.end(False)
        type_text(qtbot, dialog.inputs["name"].widget, " locaux")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(rename)
    qtbot.mouseClick(page.circles.edit_button, Qt.MouseButton.LeftButton)
    assert get_circle(demo_db, created.id).name == "Médias locaux"
    window.undo_stack.undo()
    assert get_circle(demo_db, created.id).name == "Médias"

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    page.circles.select_id(created.id)
    qtbot.mouseClick(page.circles.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked[0].startswith("Supprimer le cercle « Médias » ?")
    assert all(c.id != created.id for c in list_circles(demo_db))


def test_duplicate_circle_is_refused_beside_the_field(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_page(qtbot, demo_db)
    before = len(list_circles(demo_db))
    seen: dict[str, Any] = {}

    def type_existing(dialog: Any) -> None:
        qtbot.keyClicks(dialog.inputs["name"].widget, "ELUS")
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["message"] = dialog.errors["name"].text()
        dialog.done(0)

    when_dialog_opens(type_existing)
    qtbot.mouseClick(page.circles.new_button, Qt.MouseButton.LeftButton)
    assert seen == {"enabled": False, "message": "Le cercle « Élus » existe déjà."}
    assert len(list_circles(demo_db)) == before


def test_policy_and_weighted_criterion(
    qtbot: QtBot, demo_db: Database, answer_dialogs: DialogAnswers
) -> None:
    _, page = open_page(qtbot, demo_db)

    def type_policy(dialog: Any) -> None:
        qtbot.keyClicks(dialog.inputs["code"].widget, "PAT")
        type_text(qtbot, dialog.inputs["label"].widget, "Projet alimentaire territorial")
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(type_policy)
    qtbot.mouseClick(page.policies.new_button, Qt.MouseButton.LeftButton)
    assert "PAT" in [p.code for p in list_policies(demo_db)]

    facility = next(c for c in list_criteria(demo_db) if c.name == "Facilité")
    page.criteria.select_id(facility.id)

    def weigh(dialog: Any) -> None:
        dialog.inputs["weight"].set(3)
        dialog.validate()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(weigh)
    qtbot.mouseClick(page.criteria.edit_button, Qt.MouseButton.LeftButton)
    assert next(c for c in list_criteria(demo_db) if c.id == facility.id).weight == 3
    assert page.criteria.proxy.index(0, 1).data() == "3"

    answer_dialogs.answers.append(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.criteria.delete_button, Qt.MouseButton.LeftButton)
    assert answer_dialogs.asked[0].startswith(
        "Supprimer le critère « Facilité » et les notes données aux actions")
    assert all(c.id != facility.id for c in list_criteria(demo_db))
