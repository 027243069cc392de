"""Alt+letter: no letter is underlined twice in what a window shows at the same time.

Two visible widgets sharing a mnemonic make Qt's shortcut ambiguous: the first Alt+letter
only moves the focus, nothing is activated. Every screen is visited, in every state of its
tabs and views, and the letters of what is visible there (buttons, labels of fields, tabs,
group boxes, the menu bar's menus) are compared. Disabled widgets count too: they come back
as soon as a row is selected. The forms and the other dialogs are checked the same way.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenuBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.ui.form_dialog import FormDialog
from charte_desktop.ui.main_window import SCREENS, MainWindow
from tests.ui.keyboard import replace_text
from tests.ui.screen_states import every_state


def mnemonic(text: str) -> str | None:
    """The letter Alt reaches, as QKeySequence::mnemonic reads it: the character after the
    first "&" that is not "&&"."""
    position = 0
    while (position := text.find("&", position) + 1) > 0 and position < len(text):
        if text[position] != "&":
            char = text[position]
            return char.upper() if char.isprintable() else None
        position += 1
    return None


def mnemonics(window: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, what bears it) for each widget visible in `window` that has a mnemonic."""
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        texts: list[tuple[str, str]] = []
        if isinstance(widget, QAbstractButton):
            texts.append(("bouton", widget.text()))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(("étiquette", widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append(("groupe", widget.title()))
        elif isinstance(widget, QTabBar):
            texts += [("onglet", widget.tabText(i)) for i in range(widget.count())
                      if widget.isTabVisible(i)]
        elif isinstance(widget, QMenuBar):
            texts += [("menu", action.text()) for action in widget.actions()
                      if action.isVisible()]
        for kind, text in texts:
            letter = mnemonic(text)
            if letter is not None:
                yield letter, f"{kind} « {text} »"


def clashes(window: QWidget, where: str, *, settle: bool = True) -> list[str]:
    """« where : Alt+X — what bears it, what else » for each letter used twice."""
    if settle:  # what is pending (a tab shown, a list filled) is shown first
        QApplication.processEvents()
    by_letter: dict[str, list[str]] = {}
    for letter, what in mnemonics(window):
        by_letter.setdefault(letter, []).append(what)
    return [f"{where} : Alt+{letter} — {', '.join(sorted(whats))}"
            for letter, whats in sorted(by_letter.items()) if len(whats) > 1]


def first_seen(found: list[str]) -> list[str]:
    """Each clash once, where it is first seen (it repeats in the states that follow)."""
    seen: dict[str, str] = {}
    for clash in found:
        seen.setdefault(clash.split(" : ", 1)[1], clash)
    return list(seen.values())


def explore(window: QWidget, where: str) -> list[str]:
    """The clashes of every state of the window (its tabs, its lists' views)."""
    return [clash for state in every_state(window, where) for clash in clashes(window, state)]


def forms_inspected(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Forms shown, their clashes read, and closed at once: a form's exec() blocks, and
    waiting for it with a timer could meet another test's leftover timers."""
    seen: dict[str, list[str]] = {}

    def inspect(dialog: FormDialog[Any]) -> QDialog.DialogCode:
        dialog.show()
        seen[dialog.windowTitle()] = clashes(dialog, dialog.windowTitle(), settle=False)
        seen[f"{dialog.windowTitle()} (lettres)"] = sorted(
            {letter for letter, _what in mnemonics(dialog)})
        dialog.hide()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FormDialog, "exec", inspect)
    return seen


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_mnemonic_reader_follows_qt() -> None:
    assert mnemonic("&Nouveau") == "N"
    assert mnemonic("É&dition") == "D"
    assert mnemonic("Recherche && remplacement") is None
    assert mnemonic("A && B &cas") == "C"
    assert mnemonic("Sans lettre") is None
    assert mnemonic("Fin&") is None


def test_no_alt_letter_is_shared_on_any_screen(qtbot: QtBot, demo_db: Database) -> None:
    window = open_window(qtbot, demo_db)
    found: list[str] = []
    for key, title, _module, _cls in SCREENS:
        window.show_screen(key)
        found += explore(window, title)
    assert not found, "\n".join(first_seen(found))


def test_the_check_sees_a_button_beside_a_menu_of_its_letter(qtbot: QtBot,
                                                             demo_db: Database) -> None:
    """The check sees what Qt sees: a page button beside the menu of the same letter."""
    from PySide6.QtWidgets import QPushButton

    window = open_window(qtbot, demo_db)
    page = window.show_screen("bodies")
    extra = QPushButton("&Faire quelque chose", page)  # the menu « &Fichier »
    extra.show()
    assert any("Faire quelque chose" in clash for clash in clashes(window, "Instances"))
    extra.hide()
    assert not any("Faire quelque chose" in clash for clash in clashes(window, "Instances"))


@pytest.mark.parametrize("key", [key for key, *_ in SCREENS if key != "dashboard"])
def test_the_new_item_form_shares_no_letter(qtbot: QtBot, demo_db: Database,
                                            monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    """Ctrl+N's form: its labels' letters and « &Enregistrer » differ."""
    window = open_window(qtbot, demo_db)
    page = window.show_screen(key)
    seen = forms_inspected(monkeypatch)
    page.create_item()  # Paramètres: a circle
    [title] = [name for name in seen if not name.endswith("(lettres)")]
    assert seen[title] == []
    assert "E" in seen[f"{title} (lettres)"]  # « &Enregistrer »


def test_the_first_run_dialog_shares_no_letter(qtbot: QtBot) -> None:
    from charte_desktop.ui.welcome import WelcomeDialog

    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert clashes(dialog, "Bienvenue") == []


def test_the_series_dialog_shares_no_letter(qtbot: QtBot, demo_db: Database,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, demo_db)
    page = window.show_screen("meetings")
    seen = forms_inspected(monkeypatch)
    page.plan_series()  # type: ignore[attr-defined]
    assert seen  # the form was shown
    assert [clash for name, found in seen.items() if not name.endswith("(lettres)")
            for clash in found] == []


@pytest.mark.file_only  # the stand-in reads the SQLite file itself
def test_the_actions_stand_in_shares_no_letter(qtbot: QtBot, demo_db: Database) -> None:
    """The list shown while the program loads looks like Plan d'actions: its letters too."""
    from charte_desktop.ui.pages.actions_preview import ActionsPreview

    preview = ActionsPreview(demo_db.path, lambda: preview)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert first_seen(explore(preview, "Plan d'actions (chargement)")) == []


def test_the_restore_dialog_shares_no_letter(qtbot: QtBot, tmp_path: Path) -> None:
    from charte_desktop.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert clashes(dialog, dialog.windowTitle()) == []


@pytest.mark.parametrize("kind", ["actions", "contacts"])
def test_each_page_of_the_import_assistant_shares_no_letter(
        qtbot: QtBot, demo_db: Database, tmp_path: Path, kind: str) -> None:
    from PySide6.QtWidgets import QWizard

    from charte_desktop.ui.import_wizard import kinds
    from charte_desktop.ui.import_wizard.wizard import ImportWizard
    from tests.imports.replace_cells import replace_cells
    from tests.imports.sample_files import clean_plan, contacts_list

    wizard = ImportWizard(demo_db, kinds.KINDS[kind])
    qtbot.addWidget(wizard)
    wizard.show()
    found = []
    try:
        found += clashes(wizard, "Fichier à importer")
        if kind == "actions":
            path = clean_plan(tmp_path)
        else:
            path = contacts_list(tmp_path)
            replace_cells(path, {"F6": "anne.roux@transports-rapides.example"})
        replace_text(wizard.file_page.path_edit, str(path))  # typed, then Tab
        qtbot.waitUntil(lambda: not wizard.file_page.task.running, timeout=20_000)
        found += clashes(wizard, "Fichier à importer, lu")
        for _page in range(3):  # columns, preview, confirmation
            assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
            wizard.next()
            qtbot.waitUntil(lambda: not wizard.preview_page.task.running, timeout=20_000)
            found += clashes(wizard, wizard.currentPage().title())
        wizard.preview_page.retry.show()  # after a failed preview
        wizard.back()
        found += clashes(wizard, "Aperçu, à relancer")
    finally:
        for page in (wizard.file_page, wizard.preview_page, wizard.confirm_page):
            page.task.stop_and_wait()
    assert not found, "\n".join(found)


def test_ctrl_down_moves_an_agenda_point_as_its_tooltip_says(qtbot: QtBot,
                                                              demo_db: Database) -> None:
    """« Descendre » gave up Alt+D (the Édition menu): Ctrl+Bas, like Monter's Ctrl+Haut."""
    from PySide6.QtCore import Qt

    from charte_desktop.services import meetings
    from charte_desktop.ui.pages.meetings_page import MeetingsPage
    from tests.ui.keyboard import CTRL, press, press_alt, reach

    cotech_meeting = 9  # five agenda points
    window = open_window(qtbot, demo_db)
    page = window.show_screen("meetings")
    assert isinstance(page, MeetingsPage)
    assert page.meetings.select_id(cotech_meeting)
    press_alt(window, Qt.Key.Key_O)  # « Ordre du jour »
    titles = [a.title for a in meetings.get_meeting(demo_db, cotech_meeting).agenda_items]
    page.agenda.select_id(page.agenda.visible_rows()[0].id)
    reach(page.agenda.table)
    press(window, Qt.Key.Key_Down, CTRL)
    qtbot.wait(200)  # a button's shortcut clicks it 100 ms later
    moved = [a.title for a in meetings.get_meeting(demo_db, cotech_meeting).agenda_items]
    assert moved == [titles[1], titles[0], *titles[2:]]
    press(window, Qt.Key.Key_Up, CTRL)
    qtbot.wait(200)
    assert [a.title for a in meetings.get_meeting(demo_db, cotech_meeting).agenda_items] == titles
