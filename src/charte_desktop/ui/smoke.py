"""`charte-desktop --smoke`: prove in a few seconds that this installation of Charte works.

Made for the bundled program (PyInstaller), where a missing Qt plugin, translation, data
file or hidden import only shows when the program runs: it opens a fresh copy of the demo
territory in the real window (every screen built, one frame painted), exports the minutes
of a held meeting and the monitoring workbook to a temporary folder, reads both back, and
prints what it did. Exit code 0 when everything worked, 1 with a French message otherwise.

Nothing of the officer's is touched: the window's remembered state goes to the temporary
folder and no backup is made. The window is drawn offscreen unless QT_QPA_PLATFORM says
otherwise; the native platform plugin (qwindows, qxcb, qcocoa) is loaded all the same, so
a bundle lacking it fails here rather than on the officer's laptop.
"""

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from charte_desktop.db import Database
    from charte_desktop.db.server import ServerAddress
    from charte_desktop.ui.main_window import MainWindow

WINDOW_SHOWN = "Fenêtre ouverte"  # bench/bundle_bench.py times the program up to this line
NATIVE_PLATFORMS = {"win32": "windows", "darwin": "cocoa"}  # anything else: X11 (xcb)

Report = Callable[[str], None]


class SmokeFailure(Exception):
    """A check that did not pass; the message is French, for the person running it."""


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.2f} s".replace(".", ",")


def _size(path: Path) -> str:
    return f"{max(1, round(path.stat().st_size / 1024))} Ko"


def run_smoke(server: "ServerAddress | None" = None) -> int:
    """The installation's check; with `server`, it also connects to that base and reads
    it (the bundle carries the PostgreSQL driver)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()

    def report(line: str) -> None:
        print(line, flush=True)

    from charte_desktop import __version__

    frozen = " (programme empaqueté)" if getattr(sys, "frozen", False) else ""
    report(f"Test de fonctionnement de Charte {__version__}{frozen}")
    try:
        with tempfile.TemporaryDirectory(prefix="charte-essai-",
                                         ignore_cleanup_errors=True) as folder:
            _run(Path(folder), report)
        if server is not None:
            _check_server(server, report)
    except Exception as error:  # every failure is reported, none escapes as a traceback
        from charte_desktop.errors import CharteError

        if isinstance(error, CharteError):
            message = error.message
        elif isinstance(error, SmokeFailure):
            message = str(error)
        else:
            message = f"erreur inattendue {type(error).__name__} : {error}"
        print(f"Échec du test de fonctionnement : {message}", file=sys.stderr, flush=True)
        if not isinstance(error, SmokeFailure | CharteError):
            # For whoever builds the bundle: the module or file that is missing.
            print("Détails techniques :", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
        return 1
    report(f"Test de fonctionnement réussi en {_seconds(start)}.")
    return 0


def _run(folder: Path, report: Report) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    # The window remembers its geometry with QSettings: into the temporary folder.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(folder / "reglages-qt"))
    from charte_desktop.ui.app import configure_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if not configure_application(app):
        raise SmokeFailure("les traductions françaises de Qt (qtbase_fr) sont introuvables")
    if app.windowIcon().isNull():
        raise SmokeFailure("l'icône de Charte (resources/charte.png) est introuvable")
    native = _check_native_platform_plugin()
    report(f"- Qt prêt : plateforme « {app.platformName()} », module natif « {native} » "
           "présent, traductions françaises chargées")

    step = time.perf_counter()
    demo = _make_demo(folder)
    report(f"- Territoire de démonstration créé : {_seconds(step)}")

    step = time.perf_counter()
    with _DialogGuard(app) as guard:
        from charte_desktop.ui.app import Application

        application = Application(app)
        opened = application.open_file(demo, temporary=True)
        guard.raise_if_any("la démonstration ne s'ouvre pas")
        if not opened or application.window is None or application.db is None:
            raise SmokeFailure("la démonstration ne s'ouvre pas")
        window = application.window
        app.processEvents()
        if not window.isVisible():
            raise SmokeFailure("la fenêtre principale ne s'affiche pas")
        report(f"- {WINDOW_SHOWN} sur la démonstration : {_seconds(step)}")
        try:
            step = time.perf_counter()
            count = _visit_screens(app, window)
            guard.raise_if_any("un écran ne s'affiche pas")
            report(f"- {count} écrans construits et dessinés : {_seconds(step)}")
            rows = _check_first_screen(window)
            report(f"- Premier écran lu sans SQLAlchemy : les {rows} actions de la liste")
            _export(application.db, folder / "documents", report)
        finally:
            application.close_current()
            window.close()
            app.processEvents()


def _check_server(server: "ServerAddress", report: Report) -> None:
    """Connect read-only to the base on the server and list its plans and actions."""
    step = time.perf_counter()
    from charte_desktop.db.server_database import open_server
    from charte_desktop.services.actions import list_actions
    from charte_desktop.services.plans import list_plans

    with open_server(server, read_only=True) as db:
        plans, rows = len(list_plans(db)), len(list_actions(db))
    plans_text = "1 plan" if plans == 1 else f"{plans} plans"
    report(f"- Serveur « {server.label} » : {plans_text} et {rows} actions lus en "
           f"{_seconds(step)}")


def _check_first_screen(window: "MainWindow") -> int:
    """The stand-in shown at start (sqlite3 alone) lists what the screen lists."""
    from charte_desktop.ui.pages.actions_preview import ActionsPreview

    page = window.show_screen("actions")
    preview = ActionsPreview(window.db.path, lambda: page)
    try:
        expected = [row.id for row in page.action_list.visible_rows()]  # type: ignore[attr-defined]
        if [row.id for row in preview.action_list.visible_rows()] != expected:
            raise SmokeFailure("le premier écran lu avec sqlite3 diffère de la liste des actions")
        return len(expected)
    finally:
        preview.deleteLater()


def _check_native_platform_plugin() -> str:
    """Load this system's own platform plugin: its absence is the classic broken bundle
    ("no Qt platform plugin could be initialized"), invisible when drawing offscreen."""
    from PySide6.QtCore import QCoreApplication, QPluginLoader

    name = NATIVE_PLATFORMS.get(sys.platform, "xcb")
    candidates = [
        entry
        for folder in QCoreApplication.libraryPaths()
        if (Path(folder) / "platforms").is_dir()
        for entry in sorted((Path(folder) / "platforms").iterdir())
        if entry.stem.removeprefix("lib") == f"q{name}"
    ]
    if not candidates:
        searched = " ; ".join(QCoreApplication.libraryPaths()) or "aucun dossier"
        raise SmokeFailure(f"le module graphique « {name} » de Qt manque (cherché dans : "
                           f"{searched})")
    loader = QPluginLoader(str(candidates[0]))
    if not loader.load():
        raise SmokeFailure(f"le module graphique « {candidates[0]} » ne se charge pas : "
                           f"{loader.errorString()}")
    return name


def _make_demo(folder: Path) -> Path:
    from charte_desktop.db import create_database
    from charte_desktop.demo import fill_small_demo

    path = folder / "demonstration.sqlite"
    create_database(path, fill=fill_small_demo).close()  # runs the Alembic migrations
    return path


def _visit_screens(app: "QApplication", window: "MainWindow") -> int:
    from charte_desktop.ui.main_window import SCREENS

    for key, *_rest in SCREENS:
        window.show_screen(key)  # imports the screen's module: catches a missing one
        app.processEvents()
    if window.grab().isNull():
        raise SmokeFailure("la fenêtre ne se dessine pas")
    return len(SCREENS)


def _export(db: "Database", folder: Path, report: Report) -> None:
    from charte_desktop.db.enums import MeetingState
    from charte_desktop.exports.meeting_exports import export_meeting_document, suggested_name
    from charte_desktop.exports.monitoring import (
        suggested_monitoring_name,
        write_monitoring_workbook,
    )
    from charte_desktop.services.meetings import list_meetings

    folder.mkdir()
    held = next((row for row in list_meetings(db) if row.state is MeetingState.HELD), None)
    if held is None:
        raise SmokeFailure("la démonstration n'a aucune réunion tenue")
    minutes = export_meeting_document(db, "minutes", held.id,
                                      folder / suggested_name(db, "minutes", held.id))
    _check_word(minutes, held.body)
    report(f"- Compte rendu de la réunion n° {held.id} écrit ({_size(minutes)}) : {minutes}")

    workbook = write_monitoring_workbook(db, folder / suggested_monitoring_name(db))
    sheets = _check_excel(workbook)
    report(f"- Tableau de suivi écrit ({_size(workbook)}, feuilles : {', '.join(sheets)}) : "
           f"{workbook}")


def _check_word(path: Path, expected: str) -> None:
    from docx import Document

    document = Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    if not any(expected in text for text in texts):
        raise SmokeFailure(f"le compte rendu « {path.name} » ne nomme pas l'instance "
                           f"« {expected} »")


def _check_excel(path: Path) -> list[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        sheets = list(workbook.sheetnames)
        # Rows are counted by reading them: a streamed file may declare no dimensions.
        rows = {name: sum(1 for _row in workbook[name].iter_rows(values_only=True))
                for name in sheets}
        if sum(rows.values()) <= len(sheets):
            raise SmokeFailure(f"le tableau de suivi « {path.name} » est vide")
    finally:
        workbook.close()
    return sheets


class _DialogGuard:
    """Closes any modal dialog that opens during the smoke test (nobody is there to click)
    and remembers what it said, so the test fails with that message instead of hanging."""

    def __init__(self, app: "QApplication") -> None:
        from PySide6.QtCore import QTimer

        self.app = app
        self.messages: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._close_dialog)

    def __enter__(self) -> "_DialogGuard":
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()

    def _close_dialog(self) -> None:
        from PySide6.QtWidgets import QDialog, QMessageBox

        dialog = self.app.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
        self.messages.append(" ".join(text.split()))
        dialog.reject()

    def raise_if_any(self, context: str) -> None:
        if self.messages:
            raise SmokeFailure(f"{context} : « {' / '.join(self.messages)} »")
