"""Start the window: French Qt, error reporting, the file to open, the main window."""

import sys
import tempfile
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from charte_desktop.db import Database, create_database, open_database
from charte_desktop.db.backups import REASON_MANUAL, format_moment, restore_backup
from charte_desktop.db.copying import copy_database
from charte_desktop.db.lock import locked_if_exists
from charte_desktop.db.safekeeping import write_backup
from charte_desktop.db.server import ServerAddress
from charte_desktop.errors import CharteError
from charte_desktop.paths import default_database_path
from charte_desktop.settings import load_settings
from charte_desktop.system_errors import os_reason
from charte_desktop.ui.copy_command import FILE_FILTER
from charte_desktop.ui.error_reporting import install_exception_hook, set_up_logging
from charte_desktop.ui.file_session import (
    OpenFile,
    close_file,
    open_file,
    open_server_file,
    warn_about_location,
)
from charte_desktop.ui.i18n import install_french
from charte_desktop.ui.main_window import MainWindow


def window_icon() -> QIcon:
    """The app icon (resources/make_icon.py draws it); a null icon if it is missing."""
    try:
        data = (files("charte_desktop") / "resources" / "charte.png").read_bytes()
    except OSError:
        return QIcon()
    return QIcon(QPixmap.fromImage(QImage.fromData(data)))


def configure_application(app: QApplication) -> list[QTranslator]:
    """Names (for QSettings), icon and French; returns Qt's French catalogues loaded."""
    app.setOrganizationName("Charte")
    app.setApplicationName("Charte")
    app.setApplicationDisplayName("Charte")
    app.setWindowIcon(window_icon())
    return install_french(app)


def make_demo_copy() -> Path:
    from charte_desktop.demo import fill_small_demo

    path = Path(tempfile.mkdtemp(prefix="charte-demo-")) / "demonstration.sqlite"
    create_database(path, fill=fill_small_demo).close()
    return path


class Application:
    """Owns the open file (with its lock) and its window; opening another file replaces
    both, after the previous one is backed up and closed."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.current: OpenFile | None = None
        self.temporary = False
        self.window: MainWindow | None = None
        app.aboutToQuit.connect(self.close_current)

    @property
    def db(self) -> Database | None:
        return self.current.db if self.current is not None else None

    def _fresh_settings(self) -> None:
        """The backup settings may have changed in Paramètres since the file was opened."""
        if self.current is not None:
            self.current.settings = load_settings()

    def close_current(self) -> None:
        self._fresh_settings()
        if self.current is not None:
            close_file(self.current, backup=not self.temporary)
            self.current = None

    def show(self, opened: OpenFile, *, temporary: bool = False) -> None:
        previous_window = self.window
        if previous_window is not None:
            previous_window.remember_state()  # the new window takes its place and size
        if self.current is not None and self.current is not opened:
            self.close_current()
        window = MainWindow(opened.db, temporary=temporary)
        window.open_requested.connect(self.open_file)
        window.connect_requested.connect(self.connect_to_server)
        window.new_requested.connect(self.new_file)
        window.restore_requested.connect(self.restore)
        window.backup_requested.connect(self.backup_now)
        self.current, self.temporary, self.window = opened, temporary, window
        window.show()
        if previous_window is not None:
            previous_window.close_settled()  # its unsaved changes were dealt with before
            previous_window.deleteLater()

    def open_file(self, path: Path | ServerAddress, *, temporary: bool = False) -> bool:
        if isinstance(path, ServerAddress):
            return self.open_server(path)
        if self.current is not None and self.current.db.server is None \
                and self.current.path.resolve() == path.resolve():
            return True  # already open here
        if not self._settle_unsaved():
            return False
        opened = open_file(self.window, path, backups=not temporary)
        if opened is None:
            return False
        self.show(opened, temporary=temporary)
        if not temporary:
            self._offer_move(opened)
        return True

    def open_server(self, address: ServerAddress) -> bool:
        """Fichier › « Se connecter à un serveur… », a recent server or `--db ADRESSE`."""
        if self.current is not None and self.current.label == address.label:
            return True
        if not self._settle_unsaved():
            return False
        opened = open_server_file(self.window, address)
        if opened is None:
            return False
        self.show(opened)
        return True

    def connect_to_server(self) -> None:
        """The connection's fields, asked again with what was typed and why it failed
        until the base opens or the officer cancels: nothing to retype for one typo."""
        from dataclasses import replace

        from charte_desktop.ui.file_session import connect_server
        from charte_desktop.ui.server_dialog import ServerDialog

        known = self.current.db.server if self.current is not None else None
        problem: str | None = None
        while True:
            dialog = ServerDialog(self.window, known, problem)
            if not dialog.exec() or dialog.address is None:
                return
            address = dialog.address
            if self.current is not None and self.current.label == address.label:
                if self.window is not None:
                    self.window.statusBar().showMessage(
                        "Cette base est déjà ouverte dans cette fenêtre.", 8000)
                return
            if not self._settle_unsaved():
                return
            outcome = connect_server(self.window, address)
            if isinstance(outcome, OpenFile):
                self.show(outcome)
                return
            known = replace(address, password=None)  # never kept, even in the fields
            problem = outcome.message if outcome is not None else None

    def _offer_move(self, opened: OpenFile) -> None:
        target = warn_about_location(self.window, opened)
        if target is None:
            return
        try:
            copy_database(opened.db, target)
        except (OSError, CharteError) as error:
            QMessageBox.warning(self.window, "Déplacement impossible",
                                f"La copie n'a pas pu être écrite : {error}.")
            return
        old = opened.path
        if self.open_file(target):
            QMessageBox.information(
                self.window, "Fichier déplacé",
                f"Charte travaille désormais sur « {target} ». L'ancien fichier reste à "
                f"« {old} » : supprimez-le quand vous aurez vérifié la copie.")

    def _settle_unsaved(self) -> bool:
        """Before the window's file is replaced: False if the officer stays (Annuler)."""
        return self.window is None or self.window.settle_unsaved()

    def new_file(self) -> None:
        if not self._settle_unsaved():
            return
        name, _ = QFileDialog.getSaveFileName(self.window, "Nouveau fichier Charte",
                                              str(Path.home() / "charte.sqlite"), FILE_FILTER)
        if not name:
            return
        path = Path(name)
        try:
            with locked_if_exists(path):  # never replace a file open in another window
                create_database(path, overwrite=path.exists()).close()
        except CharteError as error:
            QMessageBox.warning(self.window, "Création impossible", error.message)
            return
        opened = open_file(self.window, path)
        if opened is None:
            return
        if self.welcome(opened.db):
            self.show(opened)
        else:
            close_file(opened, backup=False)

    def welcome(self, db: Database) -> bool:
        """Ask for the collectivité of a new file; False if the officer gives up."""
        from charte_desktop.services.plans import save_territory
        from charte_desktop.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.window)
        if not dialog.exec() or dialog.fields is None:
            return False
        save_territory(db, dialog.fields)
        return True

    def backup_now(self) -> None:
        self._fresh_settings()
        if self.current is None or self.window is None:
            return
        try:
            backup = write_backup(self.current.db, self.current.backup_folder, REASON_MANUAL)
        except CharteError as error:
            QMessageBox.warning(self.window, "Sauvegarde impossible", error.message)
            return
        self.window.statusBar().showMessage(f"Sauvegarde enregistrée : {backup}", 10000)

    def restore(self) -> None:
        """Choose a backup and put it in place of the open file (saved first)."""
        from charte_desktop.ui.restore_dialog import RestoreDialog

        self._fresh_settings()
        if self.current is None or not self._settle_unsaved():
            return
        opened = self.current
        if opened.db.server is not None:
            QMessageBox.information(
                self.window, "Restaurer une sauvegarde",
                "La base est sur un serveur partagé : sa restauration se fait sur le serveur, "
                "par son administrateur, pour tous les agents à la fois. Une sauvegarde prise "
                "sur ce poste s'ouvre comme un fichier (Fichier › Ouvrir).")
            return
        dialog = RestoreDialog(self.window, opened.backup_folder)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        answer = QMessageBox.question(
            self.window, "Restaurer une sauvegarde",
            f"Remplacer le contenu actuel du fichier par la sauvegarde du "
            f"{format_moment(chosen.created_at)} ({chosen.reason}) ?\n\nLe contenu actuel "
            "sera d'abord sauvegardé.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        opened.db.close()  # the lock stays ours throughout
        try:
            saved = restore_backup(chosen.path, opened.path, folder=opened.backup_folder)
        except CharteError as error:
            QMessageBox.warning(self.window, "Restauration impossible", error.message)
            saved = None
        try:
            db = open_database(opened.path, backup_folder=opened.backup_folder)
        except CharteError as error:
            QMessageBox.warning(self.window, "Ouverture impossible", error.message)
            return
        restored = OpenFile(db, opened.lock, opened.settings)
        self.current = restored
        self.show(restored, temporary=self.temporary)
        if self.window is not None and saved is not None:
            self.window.statusBar().showMessage(
                f"Sauvegarde restaurée ; l'état précédent est conservé dans « {saved} ».",
                15000)

    def start(self, db_path: Path | ServerAddress | None, demo: bool) -> bool:
        if demo:
            return self.open_file(make_demo_copy(), temporary=True)
        if db_path is not None:
            return self.open_file(db_path)
        path = default_database_path()
        if path.exists():
            return self.open_file(path)
        return self.first_start(path)

    def first_start(self, path: Path) -> bool:
        from charte_desktop.services.plans import save_territory
        from charte_desktop.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog()
        if not dialog.exec():
            return False
        if dialog.wants_demo:
            return self.open_file(make_demo_copy(), temporary=True)
        fields = dialog.fields
        assert fields is not None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CharteError(f"Le dossier « {path.parent} » n'a pas pu être créé : "
                              f"{os_reason(error)}.") from None
        # The file appears with its collectivité or not at all: a refusal leaves no file
        # that would open on "Collectivité à renseigner" next time.
        def fill(db: Database) -> None:
            save_territory(db, fields)

        create_database(path, fill=fill).close()
        opened = open_file(None, path)
        if opened is None:
            return False
        self.show(opened)
        return True


def launch(db: Path | ServerAddress | None = None, *, demo: bool = False) -> int:
    """Open the window on `db`, the demo, the last file or the welcome (see
    `Application.start`). The arguments are read by `cli.window_launcher`."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    configure_application(app)
    set_up_logging()
    install_exception_hook()
    application = Application(app)
    try:
        started = application.start(db, demo)
    except CharteError as error:
        QMessageBox.warning(None, "Charte", error.message)
        return 1
    if not started:
        return 1 if db is not None else 0
    return app.exec()
