"""The import assistant: file and sheet → columns → preview → confirm.

Reading, previewing and writing run in a worker thread (`TaskPanel`) with a progress bar
and « Annuler »; nothing is written before the last page's « Importer », and the import
is one transaction: cancelled or refused, the file is left as it was.
"""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from charte_desktop.db import Database
from charte_desktop.imports.backup import back_up_before_import
from charte_desktop.imports.columns import HeaderGuess
from charte_desktop.imports.progress import Monitor
from charte_desktop.imports.sources import OpenedSource
from charte_desktop.ui.import_wizard.file_page import FilePage
from charte_desktop.ui.import_wizard.kinds import ImportKind
from charte_desktop.ui.import_wizard.pages import ConfirmPage, MappingPage, PreviewPage
from charte_desktop.ui.import_wizard.task import Outcome


class ImportWizard(QWizard):
    """Accepted once the import is written; `result` and `done_text` then tell what."""

    def __init__(self, db: Database, kind: ImportKind, parent: QWidget | None = None,
                 start_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.kind = kind
        self.start_folder = start_folder or Path.home()
        self.source: OpenedSource | None = None
        self.header: HeaderGuess | None = None
        self.source_stamp: tuple[int, int] | None = None  # the file as read (time, size)
        self.target: Any = None  # action_plan.Target for a plan, None for contacts
        self.preview: Any = None
        self.result: Any = None
        self.done_text = ""
        self.setWindowTitle(kind.title)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        for button, text in ((QWizard.WizardButton.BackButton, "< &Précédent"),
                             (QWizard.WizardButton.NextButton, "&Suivant >"),
                             (QWizard.WizardButton.FinishButton, "&Importer"),
                             (QWizard.WizardButton.CancelButton, "&Fermer")):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.confirm_page = ConfirmPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.confirm_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_shown)
        self.resize(1040, 680)

    def _page_shown(self, _page_id: int) -> None:
        """The last page has nothing to type: « Importer » takes the keyboard, so that
        Entrée imports, as in any wizard. Elsewhere, a page whose keyboard was left on a
        hidden widget (a finished step's « Annuler ») gives it to « Suivant »."""
        if self.currentPage() is self.confirm_page:
            self.focus_default_button()
            return
        focused = QApplication.focusWidget()
        if focused is None or not focused.isVisible():
            self.focus_default_button()

    def focus_default_button(self) -> None:
        """The keyboard on « Suivant » or, on the last page, « Importer »."""
        page = self.currentPage()
        which = (QWizard.WizardButton.FinishButton if page is not None and page.isFinalPage()
                 else QWizard.WizardButton.NextButton)
        button = self.button(which)
        if button.isVisible() and button.isEnabled():
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    # Pages call these; each runs on its own TaskPanel.
    def apply_work(self) -> Any:
        db, kind, preview = self.db, self.kind, self.preview

        def work(monitor: Monitor) -> Any:
            monitor.update("Sauvegarde du fichier", 0)
            back_up_before_import(db)
            return kind.apply(db, preview, monitor)

        return work

    def accept(self) -> None:
        """« Importer »: write in the background; the wizard closes once it is written."""
        if self.result is not None:
            super().accept()
            return
        self.confirm_page.start_import()

    def import_finished(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.result = outcome.result
            self.done_text = self.kind.done(outcome.result)
            super().accept()

    def reject(self) -> None:
        """« Fermer »: a running step is stopped first (nothing is written)."""
        for page in (self.file_page, self.preview_page, self.confirm_page):
            page.task.stop_and_wait()
        super().reject()
