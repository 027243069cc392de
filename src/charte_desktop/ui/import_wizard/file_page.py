"""The assistant's first page: the file, its sheet and, for a plan, where it goes."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from charte_desktop.imports.progress import Monitor
from charte_desktop.imports.sources import NoHeader, file_stamp, open_source
from charte_desktop.ui.import_wizard.task import Outcome, TaskPanel
from charte_desktop.ui.import_wizard.widgets import (
    message_label,
    show_message,
)

if TYPE_CHECKING:
    from charte_desktop.ui.import_wizard.wizard import ImportWizard

FILE_FILTER = ("Classeurs et fichiers CSV (*.xlsx *.csv *.txt);;Classeurs Excel (*.xlsx);;"
               "Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)")


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
        self.message = message_label()
        self.task = TaskPanel()
        self.task.finished.connect(lambda _outcome: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.task)
        self._loaded_path: Path | None = None
        self._loaded_stamp: tuple[int, int] | None = None

    # --- choosing ---------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choisir le fichier à importer",
                                              str(self.assistant.start_folder), FILE_FILTER)
        if name:
            self.path_edit.setText(name)
            self.load(Path(name))

    def _path_typed(self) -> None:
        """Read the file typed; the same file again too when it changed since (corrected
        in Excel meanwhile)."""
        typed = self.path_edit.text().strip()
        if typed and (Path(typed) != self._loaded_path
                      or file_stamp(Path(typed)) != self._loaded_stamp):
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
        self._loaded_path, self._loaded_stamp = path, file_stamp(path)
        show_message(self.message, "")
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
            show_message(self.message, outcome.message, error=True)
            return
        if isinstance(outcome.result, NoHeader):
            self._fill_sheets(outcome.result.sheets, outcome.result.sheet)
            other = ("\nChoisissez une autre feuille dans la liste « Feuille »."
                     if self.sheet_box.count() > 1 else "")
            show_message(self.message, outcome.result.message + other, error=True)
            return
        source = outcome.result
        wizard.source, wizard.header = source, source.header
        wizard.source_stamp = self._loaded_stamp
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
            show_message(self.message, f"{source.header_problem}\n{choose}", error=True)
        else:
            show_message(self.message, summary)
        self.suggest_title()

    def suggest_title(self) -> None:
        """The new plan's title proposed from the file: its title row when it has one (not
        a column's title such as « Action »), else its name without extension. A title the
        officer typed is kept."""
        wizard = self.assistant
        if (not wizard.kind.has_target or self.title_edit.isModified()
                or wizard.source is None or wizard.header is None):
            return
        from charte_desktop.imports.plan_title import suggested_plan_title

        self.title_edit.setText(suggested_plan_title(wizard.source.table, wizard.header))
        self.title_edit.setCursorPosition(0)  # a long title shows its start

    def _fill_sheets(self, sheets: list[str], current: str) -> None:
        """The sheets to choose from (the visible ones), the one read shown."""
        self.sheet_box.clear()
        self.sheet_box.addItems(sheets)
        self.sheet_box.setCurrentText(current)
        self.sheet_box.setEnabled(len(sheets) > 1)

    def isComplete(self) -> bool:
        return self.assistant.source is not None and not self.task.running

    def validatePage(self) -> bool:
        self.set_target()
        return True

    def set_target(self) -> None:
        """Where the actions go, as chosen on this page."""
        if self.assistant.kind.has_target:
            from charte_desktop.imports.action_plan import Target

            plan_id = self.plan_box.currentData()
            self.assistant.target = Target(plan_id=plan_id,
                                           new_title=self.title_edit.text().strip())
