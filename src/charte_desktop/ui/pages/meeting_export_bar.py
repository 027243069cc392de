"""What leaves the app for the selected meeting: its three Word documents, its calendar
invitation (.ics) and an e-mail draft of its convocation or minutes, each written where
the officer chooses, then opened in one click."""

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QWidget

from charte_desktop.db import Database
from charte_desktop.exports.meeting_exports import MEETING_DOCUMENTS
from charte_desktop.ui.file_exports import (
    CALENDAR_FILTER,
    EMAIL_FILTER,
    WORD_FILTER,
    ask_target,
    open_with_system,
    save_document,
    write_file,
)

# The buttons' texts of the documents (exports.meeting_exports.MEETING_DOCUMENTS).
# Émargement and Compte rendu go without an Alt+letter: on Réunions, M and R (and every
# other letter of theirs) are taken by the list, its filters and the menus.
BUTTON_TEXTS = {"convocation": "Con&vocation…", "attendance": "Émargement…",
                "minutes": "Compte rendu…"}
# Documents an e-mail draft can carry: (kind, menu text, "de la convocation").
DRAFTS = (
    ("convocation", "de la &convocation…", "de la convocation"),
    ("minutes", "du compte &rendu…", "du compte rendu"),
)


def without_email_message(names: tuple[str, ...], recipient_count: int) -> str:
    """The French message listing who the draft does not reach."""
    people = "personne" if recipient_count == 1 else "personnes"
    lines = [f"Le brouillon est adressé à {recipient_count} {people}. Ces personnes "
             "convoquées n'ont pas d'adresse électronique utilisable : prévenez-les "
             "autrement."]
    lines += [f"• {name}" for name in names]
    return "\n".join(lines)


class MeetingExportBar(QWidget):
    def __init__(self, db: Database, meeting_id: Callable[[], int | None]) -> None:
        super().__init__()
        self.db = db
        self._meeting_id = meeting_id
        self.last_written: Path | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Documents :"))
        self.buttons: dict[str, QPushButton] = {}
        for document in MEETING_DOCUMENTS:
            button = QPushButton(BUTTON_TEXTS[document.kind])
            button.setToolTip(f"Écrire {document.what} de la réunion (Word)")
            button.clicked.connect(partial(self.export, document.kind, document.what))
            self.buttons[document.kind] = button
            row.addWidget(button)

        calendar = QPushButton("Invitation a&genda (.ics)…")
        calendar.setToolTip("Écrire l'invitation d'agenda de la réunion et l'ouvrir dans "
                            "votre agenda (Outlook, Thunderbird…) ; l'exporter de nouveau "
                            "après un changement met à jour le même événement")
        calendar.clicked.connect(lambda _checked=False: self.export_calendar())
        self.buttons["ics"] = calendar
        row.addWidget(calendar)

        email = QPushButton("&Brouillon de courriel")
        email.setToolTip("Préparer le courriel aux personnes convoquées, document Word "
                         "joint, et l'ouvrir dans votre messagerie")
        menu = QMenu(email)
        self.email_actions: dict[str, QAction] = {}
        for kind, text, what in DRAFTS:
            action = menu.addAction(text)
            action.triggered.connect(lambda _checked=False, k=kind, w=what: self.export_email(
                k, w))
            self.email_actions[kind] = action
        email.setMenu(menu)
        self.buttons["email"] = email
        row.addWidget(email)
        row.addStretch(1)

    def update_state(self) -> None:
        enabled = self._meeting_id() is not None
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def _choose(self, suggest: Callable[[], str], title: str, file_filter: str,
                failure: str) -> Path | None:
        """The save dialog on the suggested name (None if cancelled or the meeting is
        gone, which is said)."""
        name = write_file(self, suggest, failure)
        return None if name is None else ask_target(self, title, name, file_filter)

    def export(self, kind: str, what: str, _checked: bool = False) -> Path | None:
        """A Word document, then "open it / its folder"."""
        from charte_desktop.exports.meeting_exports import export_meeting_document, suggested_name

        meeting_id = self._meeting_id()
        if meeting_id is None:
            return None
        written = save_document(
            self, lambda: suggested_name(self.db, kind, meeting_id),
            lambda target: export_meeting_document(self.db, kind, meeting_id, target),
            title=f"Enregistrer {what}", file_filter=WORD_FILTER, failure="Document non écrit")
        if written is not None:
            self.last_written = written
        return written

    def export_calendar(self) -> Path | None:
        """The meeting's .ics, opened at once: the calendar program offers to add it."""
        from charte_desktop.exports.calendar_ics import meeting_ics_name, write_meeting_ics

        meeting_id = self._meeting_id()
        if meeting_id is None:
            return None
        target = self._choose(lambda: meeting_ics_name(self.db, meeting_id),
                              "Enregistrer l'invitation d'agenda", CALENDAR_FILTER,
                              "Invitation non écrite")
        if target is None:
            return None
        written = write_file(self, lambda: write_meeting_ics(self.db, meeting_id, target),
                             "Invitation non écrite")
        if written is None:
            return None
        self.last_written = written
        open_with_system(self, written, "l'invitation d'agenda")
        return written

    def export_email(self, kind: str, what: str) -> Path | None:
        """The e-mail draft, after listing who it cannot reach, opened in the mail program."""
        from charte_desktop.exports.email_draft import email_draft_name, write_email_draft

        meeting_id = self._meeting_id()
        if meeting_id is None:
            return None
        target = self._choose(lambda: email_draft_name(self.db, meeting_id, kind),
                              f"Enregistrer le brouillon de courriel {what}", EMAIL_FILTER,
                              "Brouillon non écrit")
        if target is None:
            return None
        draft = write_file(self, lambda: write_email_draft(self.db, meeting_id, kind, target),
                           "Brouillon non écrit")
        if draft is None:
            return None
        self.last_written = draft.path
        if draft.without_email:
            QMessageBox.information(
                self, "Personnes sans adresse électronique",
                without_email_message(draft.without_email, draft.recipient_count))
        elif draft.note:
            QMessageBox.information(self, "Brouillon sans destinataire", draft.note)
        open_with_system(self, draft.path, "le brouillon de courriel")
        return draft.path
