"""Paramètres: the collectivité (name, kind, address, logo for letterheads), the circles of
the directory, the public policies and the priority criteria."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.enums import TerritoryKind
from charte_desktop.errors import CharteError
from charte_desktop.services import action_details as details
from charte_desktop.services import directory, plans
from charte_desktop.services.plans import TerritoryFields
from charte_desktop.system_errors import os_reason
from charte_desktop.text import clean_line
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import Entity, EntityEditor
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.pages import settings_entities as entities
from charte_desktop.ui.pages.backup_settings import BackupSettings
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.template_settings import TemplateSettings
from charte_desktop.ui.shortcuts import add_shortcut
from charte_desktop.ui.table_model import Column
from charte_desktop.ui.undo import EditCommand

LOGO_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.bmp);;Tous les fichiers (*)"
LOGO_SIZE = (220, 110)
ERROR_STYLE = "color: #b00020;"


# The fields of the town and of the officer, by name, with their labels.
OFFICER_FIELDS = {
    "town": "Ville (lieu de signature des courriers)",
    "officer_name": "Nom de l'agent·e",
    "officer_function": "Fonction de l'agent·e",
    "officer_phone": "Téléphone de l'agent·e",
    "officer_email": "Courriel de l'agent·e",
    "reminder_minutes": "Rappel dans l'invitation d'agenda",
}


def _line(max_length: int, placeholder: str = "") -> QLineEdit:
    line = QLineEdit()
    line.setMaxLength(max_length)
    line.setPlaceholderText(placeholder)
    return line


def reminder_label(minutes: int) -> str:
    """« 30 minutes avant », « 3 heures avant », « 3 jours avant »: a delay not offered."""
    for value, label in plans.REMINDER_CHOICES:
        if value == minutes:
            return label
    for size, one, many in ((24 * 60, "jour", "jours"), (60, "heure", "heures")):
        if minutes % size == 0:
            count = minutes // size
            return f"{count} {one if count == 1 else many} avant"
    return f"{minutes} minute{'s' if minutes > 1 else ''} avant"


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"error_{name}")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class TerritoryForm(QGroupBox):
    """The collectivité, saved whole by "Enregistrer" (Ctrl+S); undoable like a form."""

    def __init__(self, context: AppContext) -> None:
        super().__init__("Collectivité")
        self.context = context
        self._saved: TerritoryFields | None = None
        self._logo: bytes | None = None
        self._logo_filename: str | None = None

        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.kind = QComboBox()
        self._kinds = list(TerritoryKind)
        for kind in self._kinds:
            self.kind.addItem(kind.label)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(80)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(*LOGO_SIZE)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #c8c8c8; background: white;")
        self.logo_preview.setAccessibleName("Aperçu du logo")
        self.logo_name = QLabel()
        self.logo_name.setWordWrap(True)
        self.choose_button = QPushButton("C&hoisir un logo…")
        self.remove_button = QPushButton("Retirer &le logo")
        self.save_button = QPushButton("En&registrer")
        self.save_button.setDefault(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # Where letters are signed and whom partners reach: letters, e-mails, invitations.
        self.town = _line(120)
        self.officer_name = _line(200)
        self.officer_function = _line(200)
        self.officer_phone = _line(40, "03 81 00 00 00")
        self.officer_email = _line(254, "prenom.nom@collectivite.fr")
        self.reminder_minutes = QComboBox()
        self._reminders = [minutes for minutes, _label in plans.REMINDER_CHOICES]
        for _minutes, text in plans.REMINDER_CHOICES:
            self.reminder_minutes.addItem(text)
        self.reminder_minutes.setCurrentIndex(
            self._reminders.index(plans.DEFAULT_REMINDER_MINUTES))
        self.errors = {name: error_label(name) for name in (
            "name", "kind", "logo", "general", *OFFICER_FIELDS)}

        form = QFormLayout()
        officer_rows = [(label, getattr(self, name), name)
                        for name, label in OFFICER_FIELDS.items()]
        for text, widget, field in (("&Nom", self.name, "name"), ("T&ype", self.kind, "kind"),
                                    ("Adre&sse", self.address, None), *officer_rows):
            widget.setAccessibleName(text.replace("&", ""))
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            if field:
                column.addWidget(self.errors[field])
            label = QLabel(text)
            label.setBuddy(widget)
            label.setWordWrap(True)
            if field == "officer_name":
                form.addRow(QLabel("<b>Agent·e à contacter</b> (courriers, courriels, "
                                   "invitations d'agenda)"))
            form.addRow(label, holder)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_button)
        logo_buttons.addWidget(self.remove_button)
        logo_buttons.addWidget(self.logo_name)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons, 1)
        logo_box = QVBoxLayout()
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.errors["logo"])
        form.addRow("Logo", logo_box)
        save_row = QHBoxLayout()
        save_row.addWidget(self.status, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<small>Le nom et le logo figurent en tête des comptes rendus "
                                "et des documents exportés.</small>"))
        layout.addWidget(self.errors["general"])
        layout.addLayout(save_row)

        self.name.textChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        for line in (self.town, self.officer_name, self.officer_function, self.officer_phone,
                     self.officer_email):
            line.textChanged.connect(self._changed)
        self.reminder_minutes.currentIndexChanged.connect(self._changed)
        self.address.textChanged.connect(self._changed)
        self.choose_button.clicked.connect(self.choose_logo)
        self.remove_button.clicked.connect(self.remove_logo)
        self.save_button.clicked.connect(self.save)
        add_shortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- values ------------------------------------------------------------------------------
    def fields(self) -> TerritoryFields:
        return TerritoryFields(
            name=self.name.text(), kind=self._kinds[max(self.kind.currentIndex(), 0)],
            address=self.address.toPlainText(), logo=self._logo,
            logo_filename=self._logo_filename,
            town=clean_line(self.town.text()), officer_name=clean_line(self.officer_name.text()),
            officer_function=clean_line(self.officer_function.text()),
            officer_phone=clean_line(self.officer_phone.text()),
            officer_email=clean_line(self.officer_email.text()),
            reminder_minutes=self._reminders[max(self.reminder_minutes.currentIndex(), 0)],
        )

    def set_fields(self, fields: TerritoryFields) -> None:
        self.name.setText(fields.name)
        self.kind.setCurrentIndex(self._kinds.index(fields.kind))
        self.address.setPlainText(fields.address)
        self._logo, self._logo_filename = fields.logo, fields.logo_filename
        self._show_logo()
        for line, text in ((self.town, fields.town), (self.officer_name, fields.officer_name),
                           (self.officer_function, fields.officer_function),
                           (self.officer_phone, fields.officer_phone),
                           (self.officer_email, fields.officer_email)):
            line.setText(text)
            line.setCursorPosition(0)
        if fields.reminder_minutes not in self._reminders:
            # A delay set elsewhere (a file of another version): offered as it is.
            self._reminders.append(fields.reminder_minutes)
            self.reminder_minutes.addItem(reminder_label(fields.reminder_minutes))
        self.reminder_minutes.setCurrentIndex(self._reminders.index(fields.reminder_minutes))

    def is_dirty(self) -> bool:
        return self._saved is None or self.fields() != self._saved

    def has_unsaved_changes(self) -> bool:
        """Something typed and not saved (the untouched empty form of a new file is not)."""
        return self.fields() != (self._saved or TerritoryFields(name="",
                                                                kind=TerritoryKind.COMMUNE))

    def load(self, *, force: bool = False) -> None:
        """Read the collectivité from the file, unless the officer is typing in the form."""
        if self._saved is not None and self.is_dirty() and not force:
            return
        territory = plans.get_territory(self.context.db)
        if territory is None:
            saved = TerritoryFields(name="", kind=TerritoryKind.COMMUNE)
        else:
            saved = TerritoryFields(
                territory.name, territory.kind, territory.address, territory.logo,
                territory.logo_filename, territory.town, territory.officer_name,
                territory.officer_function, territory.officer_phone, territory.officer_email,
                territory.reminder_minutes)
        self.set_fields(saved)
        self._saved = saved if territory is not None else None
        self._show_error(None)
        self._changed()

    # --- logo --------------------------------------------------------------------------------
    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choisir un logo", "", LOGO_FILTER)
        if not name:
            return
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as error:
            self._show_error(CharteError(
                f"Le fichier « {path.name} » n'a pas pu être lu : {os_reason(error)}.",
                field="logo"))
            return
        if not QPixmap().loadFromData(data):
            self._show_error(CharteError(
                f"Le fichier « {path.name} » n'est pas une image lisible (PNG, JPEG…).",
                field="logo"))
            return
        self._logo, self._logo_filename = data, path.name
        self._show_error(None)
        self._show_logo()
        self._changed()

    def remove_logo(self) -> None:
        self._logo, self._logo_filename = None, None
        self._show_logo()
        self._changed()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            self.logo_preview.setPixmap(pixmap.scaled(
                LOGO_SIZE[0] - 8, LOGO_SIZE[1] - 8, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("Aucun logo")
        self.logo_name.setText(self._logo_filename or "")
        self.remove_button.setEnabled(self._logo is not None)

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        before, after = self._saved, self.fields()
        try:
            plans.save_territory(self.context.db, after)
        except CharteError as error:
            self._show_error(error)
            return False
        self._saved = after
        self._show_error(None)
        if before is not None and before != after:
            self.context.undo_stack.push(EditCommand(
                "Modification : collectivité",
                lambda _id, fields: plans.save_territory(self.context.db, fields),
                0, before, after, lambda: self.load(force=True),
            ))
        self._changed()
        self.status.setText("Collectivité enregistrée.")
        return True

    def _changed(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.status.setText("Modifications non enregistrées." if dirty else "")

    def _show_error(self, error: CharteError | None) -> None:
        for label in self.errors.values():
            label.hide()
        if error is not None:
            label = self.errors.get(error.field or "", self.errors["general"])
            label.setText(error.message)
            label.show()


class SettingsPage(Page):
    title = "Paramètres"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db
        self.territory = TerritoryForm(context)

        self.circles = self._list(
            "circles", "&Cercles", entities.circle_entity(db), [
                Column("Nom", lambda c: c.name, width=260),
                Column("Ordre", lambda c: c.position, align_right=True, width=60),
            ], lambda: directory.list_circles(db), "Rechercher un cercle…",
            lambda c: c.name)
        self.policies = self._list(
            "policies", "&Politiques publiques", entities.policy_entity(db), [
                Column("Code", lambda p: p.code, width=90),
                Column("Libellé", lambda p: p.label, width=400),
            ], lambda: details.list_policies(db), "Rechercher une politique publique…",
            lambda p: p.code)
        self.criteria = self._list(
            "criteria", "Critères de pr&iorisation", entities.criterion_entity(db), [
                Column("Critère", lambda c: c.name, width=200),
                Column("Pondération", lambda c: c.weight, align_right=True, width=90),
                Column("Ordre", lambda c: c.position, align_right=True, width=60),
                Column("Description", lambda c: " ".join(c.description.split()), width=300),
            ], lambda: details.list_criteria(db), "Rechercher un critère…",
            lambda c: c.name)
        # Five criteria in sight on the laptop's screen (the demo's five), not two.
        table = self.criteria.table
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height()
                               + 5 * table.verticalHeader().defaultSectionSize()
                               + table.horizontalScrollBar().sizeHint().height()
                               + 2 * table.frameWidth())

        self.backups = BackupSettings(context)
        self.template = TemplateSettings()
        column = QWidget()
        left = QVBoxLayout(column)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.territory)
        left.addWidget(self.backups)
        left.addWidget(self.template)
        left.addStretch(1)
        # The three boxes scroll when the window is short (a laptop, task bar deducted).
        self.left_column = QScrollArea()
        self.left_column.setWidget(column)
        self.left_column.setWidgetResizable(True)
        self.left_column.setFrameShape(QFrame.Shape.NoFrame)
        self.left_column.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.left_column.setMinimumWidth(column.minimumSizeHint().width()
                                         + self.left_column.verticalScrollBar().sizeHint().width())
        right = QVBoxLayout()
        for page, stretch in ((self.circles, 1), (self.policies, 1), (self.criteria, 1)):
            right.addWidget(page.parentWidget() or page, stretch)
        layout = QHBoxLayout(self)
        layout.addWidget(self.left_column, 2)
        layout.addLayout(right, 3)
        self.setFocusProxy(self.territory.name)

    def _list(self, key: str, title: str, entity: Entity[Any], columns: list[Column[Any]],
              fetch: Any, placeholder: str, row_title: Any) -> ListPage[Any]:
        page: ListPage[Any] = ListPage(key, columns, lambda _filters: fetch(),
                                       title="", row_title=row_title,
                                       search_placeholder=placeholder)
        page.table.setAccessibleName(title.replace("&", ""))
        # Three lists share the screen: their buttons go without mnemonics (Tab, Entrée,
        # Suppr and the group's own Alt+letter reach them).
        for button in (page.new_button, page.edit_button, page.delete_button):
            button.setText(button.text().replace("&", ""))
        page.set_editor(EntityEditor(self, self.context.db, entity, self.context.undo_stack,
                                     page.reload))
        box = QGroupBox(title, self)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(page)
        return page

    def settle_unsaved(self) -> bool:
        """Before the window goes (quit, another file, a backup restored): the collectivité
        typed and not saved is saved or dropped as the officer says; False to stay."""
        form = self.territory
        if not form.has_unsaved_changes():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window(), "Collectivité", "Enregistrer les modifications de la collectivité ?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Discard:
            return True
        if answer == buttons.Save and form.save():
            return True
        if answer == buttons.Save:  # refused: the form shows why, and stays open
            self.context.open_item("settings", None)
            form.name.setFocus()
        return False

    # --- Page interface --------------------------------------------------------------------
    def refresh(self) -> None:
        self.territory.load()
        self.backups.load()
        self.template.load()
        for page in (self.circles, self.policies, self.criteria):
            page.reload()

    def _focused_list(self) -> ListPage[Any]:
        focus = self.focusWidget()
        for page in (self.policies, self.criteria):
            if focus is not None and page.isAncestorOf(focus):
                return page
        return self.circles

    def focus_search(self) -> None:
        page = self._focused_list()
        page.search.setFocus()
        page.search.selectAll()

    def create_item(self) -> None:
        self._focused_list().create_new()
