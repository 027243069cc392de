"""Start the window: French Qt, error reporting, the file to open, the main window."""

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from charte_desktop.cli.parser import FrenchArgumentParser
from charte_desktop.db import Database, create_database, open_database
from charte_desktop.errors import CharteError
from charte_desktop.paths import default_database_path
from charte_desktop.ui.error_reporting import install_exception_hook, set_up_logging
from charte_desktop.ui.i18n import install_french
from charte_desktop.ui.main_window import FILE_FILTER, MainWindow


def parse_window_arguments(argv: list[str]) -> argparse.Namespace:
    parser = FrenchArgumentParser(prog="charte-desktop",
                                  description="Ouvre la fenêtre de Charte.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--db", metavar="FICHIER", type=Path, help="ouvrir FICHIER")
    group.add_argument("--demo", action="store_true",
                       help="ouvrir une copie neuve du territoire de démonstration")
    return parser.parse_args(argv)


def make_demo_copy() -> Path:
    from charte_desktop.services.demo import fill_small_demo

    path = Path(tempfile.mkdtemp(prefix="charte-demo-")) / "demonstration.sqlite"
    create_database(path, fill=fill_small_demo).close()
    return path


class Application:
    """Owns the open file and its window; opening another file replaces both."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.db: Database | None = None
        self.window: MainWindow | None = None

    def show(self, db: Database, *, temporary: bool = False) -> None:
        previous_window, previous_db = self.window, self.db
        window = MainWindow(db, temporary=temporary)
        window.open_requested.connect(self.open_file)
        window.new_requested.connect(self.new_file)
        self.db, self.window = db, window
        window.show()
        if previous_window is not None:
            previous_window.close()
            previous_window.deleteLater()
        if previous_db is not None:
            previous_db.close()

    def open_file(self, path: Path) -> bool:
        try:
            db = open_database(path)
        except CharteError as error:
            QMessageBox.warning(self.window, "Ouverture impossible", error.message)
            return False
        self.show(db)
        return True

    def new_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, "Nouveau fichier Charte",
                                              str(Path.home() / "charte.sqlite"), FILE_FILTER)
        if not name:
            return
        path = Path(name)
        try:
            db = create_database(path, overwrite=path.exists())
        except CharteError as error:
            QMessageBox.warning(self.window, "Création impossible", error.message)
            return
        if self.welcome(db):
            self.show(db)
        else:
            db.close()

    def welcome(self, db: Database) -> bool:
        """Ask for the collectivité of a new file; False if the officer gives up."""
        from charte_desktop.services.plans import save_territory
        from charte_desktop.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.window)
        if not dialog.exec() or dialog.fields is None:
            return False
        save_territory(db, dialog.fields)
        return True

    def start(self, db_path: Path | None, demo: bool) -> bool:
        if demo:
            self.show(open_database(make_demo_copy()), temporary=True)
            return True
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
            self.show(open_database(make_demo_copy()), temporary=True)
            return True
        assert dialog.fields is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        db = create_database(path)
        save_territory(db, dialog.fields)
        self.show(db)
        return True


def launch(argv: list[str]) -> int:
    args = parse_window_arguments(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Charte")
    app.setApplicationName("Charte")
    app.setApplicationDisplayName("Charte")
    install_french(app)
    set_up_logging()
    install_exception_hook()
    application = Application(app)
    try:
        started = application.start(args.db, args.demo)
    except CharteError as error:
        QMessageBox.warning(None, "Charte", error.message)
        return 1
    if not started:
        return 1 if args.db is not None else 0
    return app.exec()
