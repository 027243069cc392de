"""The assistant's last three pages: the columns, the preview, the import. Widgets only:
the core does the reading and checking."""

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from charte_desktop.imports.columns import Mapping, header_at, line_list
from charte_desktop.imports.progress import Monitor
from charte_desktop.imports.sources import file_stamp, reread
from charte_desktop.imports.table_rows import Table, column_letter
from charte_desktop.imports.values import text
from charte_desktop.ui.import_wizard.task import Outcome, TaskPanel
from charte_desktop.ui.import_wizard.widgets import (
    ERROR_STYLE,
    message_label,
    show_message,
    some_names,
    text_model,
    text_table,
)

if TYPE_CHECKING:
    from charte_desktop.ui.import_wizard.wizard import ImportWizard

NOT_IMPORTED = "— ne pas importer —"
SAMPLE_ROWS = 6
MAX_NOTES = 12  # notes shown on the preview page: more would push its tables away


class MappingPage(QWizardPage):
    """Which column holds what: proposed from the headers, changeable field by field."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle("Colonnes")
        self.setSubTitle("Charte a reconnu les colonnes ci-dessous d'après leurs titres. "
                         "Corrigez-les si besoin ; les champs marqués * sont obligatoires.")
        self.header_spin = QSpinBox()
        self.header_spin.setAccessibleName("Ligne des titres de colonnes")
        self.header_spin.setMaximumWidth(90)
        self.header_spin.valueChanged.connect(self._header_line_changed)
        top = QFormLayout()
        top.addRow("&Ligne des titres de colonnes :", self.header_spin)
        self.boxes: dict[str, QComboBox] = {}
        grid = QGridLayout()
        for index, spec in enumerate(wizard.kind.specs):
            box = QComboBox()
            box.setAccessibleName(spec.label)
            box.currentIndexChanged.connect(self._mapping_changed)
            label = QLabel(f"{spec.label}{' *' if spec.required else ''} :")
            label.setBuddy(box)
            self.boxes[spec.key] = box
            grid.addWidget(label, index // 2, (index % 2) * 2)
            grid.addWidget(box, index // 2, (index % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.sample, self.sample_model = text_table("Premières lignes", [])
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(QLabel("Premières lignes sous les titres :"))
        layout.addWidget(self.sample, 1)
        layout.addWidget(self.message)
        self._filling = False

    def initializePage(self) -> None:
        source = self.assistant.source
        assert source is not None and self.assistant.header is not None
        numbers = [row.number for row in source.table.rows]
        self._filling = True
        self.header_spin.setRange(numbers[0], numbers[min(len(numbers), 30) - 1])
        self.header_spin.setValue(self.assistant.header.line)
        self._filling = False
        self._fill(self.assistant.header.mapping)

    def _header_line_changed(self, line: int) -> None:
        if self._filling:
            return
        source = self.assistant.source
        assert source is not None
        index = next((i for i, row in enumerate(source.table.rows) if row.number >= line), 0)
        self.assistant.header = header_at(source.table, index, self.assistant.kind.specs)
        self._fill(self.assistant.header.mapping)

    def _fill(self, mapping: Mapping) -> None:
        header = self.assistant.header
        source = self.assistant.source
        assert header is not None and source is not None
        choices = [f"{column_letter(i)} · {name}" for i, name in enumerate(header.headers)]
        self._filling = True
        for key, box in self.boxes.items():
            box.clear()
            box.addItem(NOT_IMPORTED, None)
            for index, choice in enumerate(choices):
                box.addItem(choice, index)
            column = mapping.get(key)
            box.setCurrentIndex(0 if column is None else column + 1)
        self._filling = False
        self._mapping_changed()
        rows = source.table.rows[header.row_index + 1: header.row_index + 1 + SAMPLE_ROWS]
        old_model, self.sample_model = self.sample_model, text_model(
            ["Ligne", *choices], self.sample)
        self.sample.setModel(self.sample_model)
        old_model.deleteLater()
        self.sample_model.set_rows([(str(row.number), *(text(value) for value in row.values))
                                    for row in rows])
        self.sample.resizeColumnsToContents()

    def mapping(self) -> Mapping:
        return {key: box.currentData() for key, box in self.boxes.items()}

    def _mapping_changed(self) -> None:
        if self._filling:
            return
        show_message(self.message, "")

    def validatePage(self) -> bool:
        from charte_desktop.errors import CharteError

        header = self.assistant.header
        assert header is not None
        mapping = self.mapping()
        try:
            self.assistant.kind.check_mapping(mapping, header.headers)
        except CharteError as error:
            show_message(self.message, error.message, error=True)
            return False
        header.mapping = mapping
        # Another header line may show the sheet's title above it (or no title any more).
        self.assistant.file_page.suggest_title()
        self.assistant.file_page.set_target()
        return True


SKIP_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Space)
SKIP_HINT = ("Suppr ou Espace sur une ligne d'un tableau la laisse de côté (l'aperçu est "
             "refait sans elle).")


class PreviewPage(QWizardPage):
    """What would be created, and every row's problems; nothing is written yet.

    Suppr or Espace on a row of either table leaves that row of the file out (a plan's
    notes, a row whose problem the officer does not want to fix now) and runs the preview
    again; « Reprendre les lignes laissées de côté » brings them all back."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle("Aperçu")
        self.setSubTitle("Voici ce que l'import créerait. Rien n'est encore enregistré.")
        self.source = QLabel()  # the file and the sheet read
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.created = QLabel()
        self.created.setWordWrap(True)
        self.created.setTextFormat(Qt.TextFormat.PlainText)
        self.items, self.items_model = text_table("Éléments à créer", wizard.kind.item_columns)
        self.problems_title = QLabel()
        self.problems_title.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
        self.problems, self.problems_model = text_table("Problèmes", ("Ligne", "Problème"))
        self.problems.setColumnWidth(0, 60)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped = QLabel()  # the rows left out, and how to leave one out
        self.skipped.setWordWrap(True)
        self.restore = QPushButton("Reprendre les &lignes laissées de côté")
        self.restore.clicked.connect(self._restore_rows)
        self.restore.hide()
        self.skip_lines: set[int] = set()
        self._skip_table: Table | None = None  # the table those row numbers belong to
        self._refocus: QTableView | None = None  # the table to give the keyboard back to
        for view in (self.items, self.problems):
            for skip_key in SKIP_KEYS:
                shortcut = QShortcut(QKeySequence(skip_key), view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda table=view: self._leave_out(table))
        self.message = message_label()
        self.retry = QPushButton("&Relancer l'aperçu")
        self.retry.clicked.connect(self.initializePage)
        self.retry.hide()
        self.task = TaskPanel()
        self.task.finished.connect(lambda _outcome: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.summary)
        layout.addWidget(self.created)
        layout.addWidget(self.items, 3)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.notes)
        layout.addWidget(self.skipped)
        layout.addWidget(self.restore, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.task)

    def initializePage(self) -> None:
        wizard = self.assistant
        wizard.preview = None
        for widget in (self.source, self.summary, self.created, self.notes,
                       self.problems_title):
            widget.clear()
        self.items_model.set_rows([])
        self.problems_model.set_rows([])
        self.problems.hide()
        self.retry.hide()
        show_message(self.message, "")
        db, kind, source, header, target = (wizard.db, wizard.kind, wizard.source,
                                            wizard.header, wizard.target)
        assert source is not None and header is not None
        if self._skip_table is not source.table:  # another file: its own rows
            self.skip_lines, self._skip_table = set(), source.table
        skip = frozenset(self.skip_lines)
        self._show_skipped()
        # Corrected in Excel since it was read (« Précédent » then « Suivant »): read again.
        changed = file_stamp(source.table.source) != wizard.source_stamp

        def work(monitor: Monitor) -> Any:
            fresh, columns = (reread(source.table.source, kind.specs, source, header,
                                     monitor=monitor) if changed else (source, header))
            return fresh, columns, kind.preview(db, fresh.table, columns, target, monitor,
                                                skip)

        self.task.start("Préparation de l'aperçu", work, self._previewed)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self.task.stop_and_wait()
        self.assistant.preview = None

    def _previewed(self, outcome: Outcome) -> None:
        if not outcome.ok:
            show_message(self.message, outcome.message, error=True)
            self.retry.show()
            return
        source, header, preview = outcome.result
        if source is not self.assistant.source:  # read again: the wizard goes on with it
            self.assistant.source, self.assistant.header = source, header
            self.assistant.source_stamp = file_stamp(source.table.source)
            self._skip_table = source.table
        self.assistant.preview = preview
        if source is not None and header is not None:
            table = source.table
            sheet = (f", feuille « {table.sheet} »" + (" (masquée)" if table.sheet_hidden
                                                       else "")) if table.sheet else ""
            lines = (f"lignes {header.upper_line} et {header.line}"
                     if header.upper_line is not None else f"ligne {header.line}")
            self.source.setText(f"Fichier « {table.source.name} »{sheet}, titres de colonnes "
                                f"en {lines}.")
        self.summary.setText(f"{preview.counts()}.")
        created = [f"{what} ({len(names)}) : {some_names(names)}." for what, names in
                   self.assistant.kind.created(preview) if names]
        self.created.setText("\n".join(created))
        self.items_model.set_rows(self.assistant.kind.items(preview))
        self.items.resizeColumnsToContents()
        problems = preview.problems
        if problems:
            self.problems_title.setText(
                f"Problèmes ({len(problems)}) : rien n'est importé tant qu'ils restent. "
                "Corrigez le fichier (revenir à cette étape le relit) ou laissez la ligne de "
                "côté (Suppr).")
            self.problems_model.set_rows([(str(p.line) if p.line else "", p.message)
                                          for p in problems])
            self.problems.show()
        notes = [str(note) for note in preview.notes]
        if len(notes) == 1:
            self.notes.setText(f"À noter : {notes[0]}")
        elif notes:
            shown = [f"• {note}" for note in notes[:MAX_NOTES]]
            if len(notes) > MAX_NOTES:
                shown.append(f"… et {len(notes) - MAX_NOTES} autres.")
            self.notes.setText("À noter :\n" + "\n".join(shown))
        self._give_keyboard_back()

    def _give_keyboard_back(self) -> None:
        """After a row is left out, the keyboard stays in its table, on its first row (or in
        the actions' table once the last problem is gone)."""
        view, self._refocus = self._refocus, None
        if view is None:
            return
        if not view.isVisible() or view.model().rowCount() == 0:
            view = self.items
        view.setFocus()
        if view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))

    def isComplete(self) -> bool:
        preview = self.assistant.preview
        return preview is not None and preview.ok and not self.task.running

    # --- rows left out ----------------------------------------------------------------------
    def _leave_out(self, view: QTableView) -> None:
        """The selected row's line, left out; the preview runs again without it."""
        if not self.assistant.kind.can_skip or self.task.running:
            return
        index = view.currentIndex()
        if not index.isValid():
            return
        line = view.model().index(index.row(), 0).data()
        if not str(line or "").isdigit():
            return  # a problem of the file as a whole: no row to leave out
        self.skip_lines.add(int(line))
        self._refocus = view
        self.initializePage()

    def _restore_rows(self) -> None:
        if self.skip_lines and not self.task.running:
            self.skip_lines.clear()
            self._refocus = self.items
            self.initializePage()

    def _show_skipped(self) -> None:
        if not self.assistant.kind.can_skip:
            self.skipped.hide()
            return
        self.skipped.setText(
            f"Lignes laissées de côté : {line_list(sorted(self.skip_lines))}. {SKIP_HINT}"
            if self.skip_lines else SKIP_HINT)
        self.restore.setVisible(bool(self.skip_lines))


class ConfirmPage(QWizardPage):
    """Last word before writing; the import runs here, with its progress."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle("Confirmer l'import")
        self.setSubTitle("Dernière étape : rien n'est encore enregistré.")
        self.setFinalPage(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.message = message_label()
        self.task = TaskPanel()
        self.task.finished.connect(lambda _outcome: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.task)

    def initializePage(self) -> None:
        preview = self.assistant.preview
        show_message(self.message, "")
        self.text.setText(
            f"Cliquez sur « Importer » pour écrire dans le fichier : {preview.counts()}.\n\n"
            "Une sauvegarde du fichier est faite juste avant. L'import est fait en une seule "
            "fois : s'il est annulé ou interrompu, rien n'est modifié.")

    def start_import(self) -> None:
        if self.task.running:
            return
        show_message(self.message, "")
        self.task.start("Import", self.assistant.apply_work(), self._imported)
        self.completeChanged.emit()
        self.assistant.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def _imported(self, outcome: Outcome) -> None:
        self.assistant.button(QWizard.WizardButton.BackButton).setEnabled(True)
        if not outcome.ok:
            show_message(self.message, outcome.message, error=True)
            self.completeChanged.emit()
            self.assistant.focus_default_button()  # Entrée tries « Importer » again
        self.assistant.import_finished(outcome)

    def isComplete(self) -> bool:
        return not self.task.running
