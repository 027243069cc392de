"""The assistant's four pages. Widgets only: the core does the reading and checking."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from charte_desktop.imports.columns import Mapping, header_at
from charte_desktop.imports.progress import Monitor
from charte_desktop.imports.sources import NoHeader, open_source
from charte_desktop.imports.table_rows import column_letter
from charte_desktop.imports.values import text
from charte_desktop.ui.import_wizard.task import Outcome, TaskPanel
from charte_desktop.ui.table_model import Column, RowTableModel

if TYPE_CHECKING:
    from charte_desktop.ui.import_wizard.wizard import ImportWizard

FILE_FILTER = ("Classeurs et fichiers CSV (*.xlsx *.csv *.txt);;Classeurs Excel (*.xlsx);;"
               "Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)")
NOT_IMPORTED = "— ne pas importer —"
SAMPLE_ROWS = 6
MAX_NOTES = 12  # notes shown on the preview page: more would push its tables away
ERROR_STYLE = "color: #b3261e;"


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show(label: QLabel, message: str, *, error: bool = False) -> None:
    label.setText(message)
    label.setStyleSheet(ERROR_STYLE if error else "")
    label.setVisible(bool(message))


def _cell_of(index: int) -> Callable[[tuple[str, ...]], str]:
    return lambda row: row[index] if index < len(row) else ""


def _text_model(headers: tuple[str, ...] | list[str], parent: QWidget
                ) -> RowTableModel[tuple[str, ...]]:
    """A read-only table of texts, one tuple per row; amounts (in €) to the right."""
    columns: list[Column[tuple[str, ...]]] = [
        Column(header, _cell_of(i), align_right=header.startswith("Budget"))
        for i, header in enumerate(headers)]
    return RowTableModel(columns, parent)


def _text_table(name: str, headers: tuple[str, ...] | list[str]
                ) -> tuple[QTableView, RowTableModel[tuple[str, ...]]]:
    view = QTableView()
    model = _text_model(headers, view)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view, model


def _some(names: list[str], shown: int = 8) -> str:
    """ "a, b, c" or "a, b, c… et 12 autres": a long list must not push the table away."""
    if len(names) <= shown:
        return ", ".join(names)
    return f"{', '.join(names[:shown])}… et {len(names) - shown} autres"


class FilePage(QWizardPage):
    """The file, its sheet, and (for a plan) where the actions go."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle("Fichier à importer")
        self.setSubTitle(wizard.kind.intro)
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Fichier")
        self.path_edit.setPlaceholderText("Classeur .xlsx ou fichier .csv")
        self.path_edit.editingFinished.connect(self._path_typed)
        browse = QPushButton("Pa&rcourir…")  # Alt+P: « < Précédent »
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.sheet_box = QComboBox()
        self.sheet_box.setAccessibleName("Feuille")
        self.sheet_box.setEnabled(False)
        self.sheet_box.activated.connect(self._sheet_chosen)
        form = QFormLayout()
        file_label = QLabel("F&ichier :")  # Alt+F: « Fermer »
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, row)
        form.addRow("F&euille :", self.sheet_box)
        self.plan_box = QComboBox()
        self.plan_box.setAccessibleName("Plan")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Titre du nouveau plan")
        if wizard.kind.has_target:
            from charte_desktop.services.plans import list_plans

            self.plan_box.addItem("un nouveau plan", None)
            for plan in list_plans(wizard.db):
                self.plan_box.addItem(f"le plan « {plan.title} »", plan.id)
            self.plan_box.currentIndexChanged.connect(self._plan_chosen)
            form.addRow("Importer &dans :", self.plan_box)
            form.addRow("&Titre du nouveau plan :", self.title_edit)
        self.message = _message_label()
        self.task = TaskPanel()
        self.task.finished.connect(lambda _outcome: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.task)
        self._loaded_path: Path | None = None

    # --- choosing ---------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choisir le fichier à importer",
                                              str(self.assistant.start_folder), FILE_FILTER)
        if name:
            self.path_edit.setText(name)
            self.load(Path(name))

    def _path_typed(self) -> None:
        typed = self.path_edit.text().strip()
        if typed and Path(typed) != self._loaded_path:
            self.load(Path(typed))

    def _sheet_chosen(self, index: int) -> None:
        if self._loaded_path is not None and index >= 0:
            self.load(self._loaded_path, self.sheet_box.itemText(index))

    def _plan_chosen(self) -> None:
        self.title_edit.setEnabled(self.plan_box.currentData() is None)

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read `path` (the sheet the officer sees, or `sheet`) in the background."""
        if self.task.running:
            self.task.stop_and_wait()
        wizard = self.assistant
        wizard.source = wizard.header = None
        self._loaded_path = path
        _show(self.message, "")
        specs = wizard.kind.specs

        def work(monitor: Monitor) -> Any:
            try:
                return open_source(path, specs, sheet, monitor=monitor, strict=False)
            except NoHeader as no_header:  # an empty sheet: the officer may choose another
                return no_header

        self.task.start(f"Lecture de « {path.name} »", work, self._loaded)
        self.completeChanged.emit()

    def _loaded(self, outcome: Outcome) -> None:
        wizard = self.assistant
        if not outcome.ok:
            _show(self.message, outcome.message, error=True)
            return
        if isinstance(outcome.result, NoHeader):
            self._fill_sheets(outcome.result.sheets, outcome.result.sheet)
            other = ("\nChoisissez une autre feuille dans la liste « Feuille »."
                     if self.sheet_box.count() > 1 else "")
            _show(self.message, outcome.result.message + other, error=True)
            return
        source = outcome.result
        wizard.source, wizard.header = source, source.header
        table = source.table
        self._fill_sheets(source.sheets, table.sheet)
        where = ""
        if table.sheet:
            hidden = " (masquée dans le classeur)" if table.sheet_hidden else ""
            where = f"feuille « {table.sheet} »{hidden}, "
        count = len(table.rows)
        header_lines = (f"lignes {source.header.upper_line} et {source.header.line}"
                        if source.header.upper_line is not None
                        else f"ligne {source.header.line}")
        summary = (f"« {table.source.name} » : {where}{count} ligne"
                   f"{'s' if count > 1 else ''} non vide{'s' if count > 1 else ''}, "
                   f"titres de colonnes en {header_lines}.")
        masked = len(table.hidden_rows) + len(table.filtered_rows)
        if masked:
            summary += (f" {masked} ligne{'s' if masked > 1 else ''} masquée"
                        f"{'s' if masked > 1 else ''} dans Excel (importée"
                        f"{'s' if masked > 1 else ''} quand même, voir l'aperçu).")
        if source.header_problem:
            choose = ("Choisissez une autre feuille dans la liste « Feuille », ou la ligne des "
                      "titres et les colonnes à l'étape suivante."
                      if source.sheets_with_header else
                      "Choisissez la ligne des titres et les colonnes à l'étape suivante.")
            _show(self.message, f"{source.header_problem}\n{choose}", error=True)
        else:
            _show(self.message, summary)
        if wizard.kind.has_target and not self.title_edit.isModified():
            from charte_desktop.imports.action_plan import suggested_plan_title

            self.title_edit.setText(suggested_plan_title(source.table, source.header))

    def _fill_sheets(self, sheets: list[str], current: str) -> None:
        """The sheets to choose from (the visible ones), the one read shown."""
        self.sheet_box.clear()
        self.sheet_box.addItems(sheets)
        self.sheet_box.setCurrentText(current)
        self.sheet_box.setEnabled(len(sheets) > 1)

    def isComplete(self) -> bool:
        return self.assistant.source is not None and not self.task.running

    def validatePage(self) -> bool:
        if self.assistant.kind.has_target:
            from charte_desktop.imports.action_plan import Target

            plan_id = self.plan_box.currentData()
            self.assistant.target = Target(plan_id=plan_id,
                                           new_title=self.title_edit.text().strip())
        return True


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
        self.sample, self.sample_model = _text_table("Premières lignes", [])
        self.message = _message_label()
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
        old_model, self.sample_model = self.sample_model, _text_model(
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
        _show(self.message, "")

    def validatePage(self) -> bool:
        from charte_desktop.errors import CharteError

        header = self.assistant.header
        assert header is not None
        mapping = self.mapping()
        try:
            self.assistant.kind.check_mapping(mapping, header.headers)
        except CharteError as error:
            _show(self.message, error.message, error=True)
            return False
        header.mapping = mapping
        return True


class PreviewPage(QWizardPage):
    """What would be created, and every row's problems; nothing is written yet."""

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
        self.items, self.items_model = _text_table("Éléments à créer", wizard.kind.item_columns)
        self.problems_title = QLabel()
        self.problems_title.setStyleSheet(ERROR_STYLE + "font-weight: bold;")
        self.problems, self.problems_model = _text_table("Problèmes", ("Ligne", "Problème"))
        self.problems.setColumnWidth(0, 60)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = _message_label()
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
        _show(self.message, "")
        db, kind, source, header, target = (wizard.db, wizard.kind, wizard.source,
                                            wizard.header, wizard.target)
        assert source is not None and header is not None

        def work(monitor: Monitor) -> Any:
            return kind.preview(db, source.table, header, target, monitor)

        self.task.start("Préparation de l'aperçu", work, self._previewed)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self.task.stop_and_wait()
        self.assistant.preview = None

    def _previewed(self, outcome: Outcome) -> None:
        if not outcome.ok:
            _show(self.message, outcome.message, error=True)
            self.retry.show()
            return
        preview = outcome.result
        self.assistant.preview = preview
        source, header = self.assistant.source, self.assistant.header
        if source is not None and header is not None:
            table = source.table
            sheet = (f", feuille « {table.sheet} »" + (" (masquée)" if table.sheet_hidden
                                                       else "")) if table.sheet else ""
            lines = (f"lignes {header.upper_line} et {header.line}"
                     if header.upper_line is not None else f"ligne {header.line}")
            self.source.setText(f"Fichier « {table.source.name} »{sheet}, titres de colonnes "
                                f"en {lines}.")
        self.summary.setText(f"{preview.counts()}.")
        created = [f"{what} ({len(names)}) : {_some(names)}." for what, names in
                   self.assistant.kind.created(preview) if names]
        self.created.setText("\n".join(created))
        self.items_model.set_rows(self.assistant.kind.items(preview))
        self.items.resizeColumnsToContents()
        problems = preview.problems
        if problems:
            self.problems_title.setText(
                f"Problèmes ({len(problems)}) : l'import est impossible tant qu'ils ne sont "
                "pas corrigés dans le fichier (rien n'est importé en partie).")
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

    def isComplete(self) -> bool:
        preview = self.assistant.preview
        return preview is not None and preview.ok and not self.task.running


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
        self.message = _message_label()
        self.task = TaskPanel()
        self.task.finished.connect(lambda _outcome: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.task)

    def initializePage(self) -> None:
        preview = self.assistant.preview
        _show(self.message, "")
        self.text.setText(
            f"Cliquez sur « Importer » pour écrire dans le fichier : {preview.counts()}.\n\n"
            "Une sauvegarde du fichier est faite juste avant. L'import est fait en une seule "
            "fois : s'il est annulé ou interrompu, rien n'est modifié.")

    def start_import(self) -> None:
        if self.task.running:
            return
        _show(self.message, "")
        self.task.start("Import", self.assistant.apply_work(), self._imported)
        self.completeChanged.emit()
        self.assistant.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def _imported(self, outcome: Outcome) -> None:
        self.assistant.button(QWizard.WizardButton.BackButton).setEnabled(True)
        if not outcome.ok:
            _show(self.message, outcome.message, error=True)
        self.assistant.import_finished(outcome)

    def isComplete(self) -> bool:
        return not self.task.running

