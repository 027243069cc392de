"""Unexpected errors: logged to a file, shown in French with their details to copy.

The window stays usable; nothing is half-saved because every save is one transaction.
"""

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from charte_desktop.errors import CharteError

log = logging.getLogger("charte")


def log_folder() -> Path:
    from platformdirs import user_log_path

    return user_log_path("Charte", appauthor=False, ensure_exists=True)


def set_up_logging() -> Path | None:
    try:
        path = log_folder() / "charte.log"
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                      encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def show_user_error(parent: QWidget | None, error: CharteError, title: str = "Charte") -> None:
    QMessageBox.warning(parent, title, error.message)


def show_unexpected_error(parent: QWidget | None, details: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Erreur inattendue")
    box.setText(
        "Une erreur inattendue s'est produite. Vos données enregistrées ne sont pas touchées ; "
        "vous pouvez continuer à travailler."
    )
    box.setInformativeText(
        "Si le problème se répète, copiez les détails et transmettez-les au support."
    )
    box.setDetailedText(details)
    copy = box.addButton("Copier les détails", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(details)


def handle_exception(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> None:
    """sys.excepthook for the window: user errors as messages, others as a report."""
    if isinstance(value, CharteError):
        show_user_error(QApplication.activeWindow(), value)
        return
    if isinstance(value, KeyboardInterrupt):
        sys.__excepthook__(kind, value, trace)
        return
    details = "".join(traceback.format_exception(kind, value, trace))
    log.error("Erreur inattendue\n%s", details)
    show_unexpected_error(QApplication.activeWindow(), details)


def install_exception_hook() -> None:
    sys.excepthook = handle_exception
