"""What every "write a file for the officer" command does: ask where (in the last folder
used, under the suggested name), write with a wait cursor (or, for long work, in the
background with a progress dialog and « Annuler »: `save_in_background`), say what went
wrong in French, then open the file or its folder with the system's programs."""

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from charte_desktop.errors import CharteError
from charte_desktop.exports.progress import Cancelled, Progress

T = TypeVar("T")
FOLDER_KEY = "exports/folder"
WORD_FILTER = "Documents Word (*.docx)"
CALENDAR_FILTER = "Invitations d'agenda (*.ics)"
EMAIL_FILTER = "Courriels (*.eml)"


def last_folder() -> Path:
    value = QSettings().value(FOLDER_KEY)
    folder = Path(str(value)) if value else Path.home() / "Documents"
    return folder if folder.is_dir() else Path.home()


def ask_target(parent: QWidget, title: str, suggested_name: str, file_filter: str,
               ) -> Path | None:
    """The file the officer chooses (None if cancelled), with the suggested name's
    extension added when they typed a name without it."""
    suffix = Path(suggested_name).suffix
    name, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder() / suggested_name),
                                          file_filter)
    if not name:
        return None
    target = Path(name)
    return target if target.suffix.lower() == suffix.lower() else target.with_suffix(suffix)


def write_file(parent: QWidget, write: Callable[[], T], failure_title: str, *,
               cursor: bool = True) -> T | None:
    """Run `write` under a wait cursor; a French error is shown and gives None, as does
    « Annuler » in a progress dialog (said in the status bar). The folder of a written
    path is remembered for the next save dialog."""
    if cursor:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    refusal: CharteError | None = None
    try:
        result = write()
    except Cancelled as stopped:
        window = parent.window()
        if isinstance(window, QMainWindow):  # said where she looks, no box to close
            window.statusBar().showMessage(stopped.message, 10_000)
        return None
    except CharteError as error:
        refusal = error
    finally:
        if cursor:
            QGuiApplication.restoreOverrideCursor()
    if refusal is not None:
        QMessageBox.warning(parent, failure_title, refusal.message)
        return None
    path = getattr(result, "path", result)
    if isinstance(path, Path):
        QSettings().setValue(FOLDER_KEY, str(path.parent))
    return result


def open_with_system(parent: QWidget, path: Path, what: str) -> bool:
    """Open `path` with its default program; if none takes it, say where the file is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    QMessageBox.warning(
        parent, "Ouverture impossible",
        f"Aucun programme n'a pu ouvrir {what}. Le fichier est enregistré dans « {path} ».")
    return False


def offer_to_open(parent: QWidget, written: Path) -> None:
    """"Document enregistré" with Ouvrir le document / Ouvrir le dossier / Fermer."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Document écrit")
    box.setText(f"Document enregistré dans « {written} ».")
    open_document = box.addButton("&Ouvrir le document", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Ouvrir le &dossier", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Fermer", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_document:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.parent)))


EXCEL_FILTER = "Classeurs Excel (*.xlsx)"


def save_document(parent: QWidget, suggest: Callable[[], str], write: Callable[[Path], Path],
                  *, title: str, file_filter: str, failure: str) -> Path | None:
    """The whole "write a document" command: suggested name, save dialog, write with a
    wait cursor and a French error, then "open it / its folder". The written path, or None
    when cancelled or refused."""
    name = write_file(parent, suggest, failure)
    target = None if name is None else ask_target(parent, title, name, file_filter)
    if target is None:
        return None
    written = write_file(parent, lambda: write(target), failure)
    if written is not None:
        offer_to_open(parent, written)
    return written


def save_in_background(
    parent: QWidget, suggest: Callable[[], str], write: Callable[[Path, Progress], Path], *,
    title: str, file_filter: str, failure: str, work_title: str, heading: str,
) -> Path | None:
    """`save_document` for long work: `write(target, progress)` runs in a worker thread
    (it reads the file through its own connection: `db.thread_reader`) while a progress
    dialog titled `work_title` shows `heading`, the step and « Annuler »; the window
    answers meanwhile. « Annuler » or Échap stops it at its next step: no file is written,
    an older one at the target is kept."""
    from charte_desktop.ui.background_work import run_with_progress

    name = write_file(parent, suggest, failure)
    target = None if name is None else ask_target(parent, title, name, file_filter)
    if target is None:
        return None
    written = write_file(
        parent, lambda: run_with_progress(parent, work_title, heading,
                                          lambda progress: write(target, progress)),
        failure, cursor=False)
    if written is not None:
        offer_to_open(parent, written)
    return written
