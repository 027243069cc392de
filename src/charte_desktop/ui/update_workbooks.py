"""Update workbooks in the window: send one to each pilot, then review what comes back.

« Classeurs de mise à jour pour les pilotes… » writes one workbook per pilot of a plan in a
chosen folder, in the background with a progress dialog whose « Annuler » stops the series
(the workbooks written are whole and kept, no other is begun). « Importer un classeur de
mise à jour… » reads a returned workbook and shows, action by action, each change old → new
with a checkbox (all checked); the checked ones are recorded in one transaction, after a
backup of the file.
"""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.exports.progress import Progress
from charte_desktop.services.update_merge import AppliedUpdate, Change, ChangeKind, UpdateReview
from charte_desktop.ui.file_exports import FOLDER_KEY, last_folder, open_with_system

RETURNED_FOLDER_KEY = "updates/returned_folder"  # where returned workbooks are saved
WORKBOOK_FILTER = "Classeurs Excel (*.xlsx);;Tous les fichiers (*)"
KEY_ROLE = Qt.ItemDataRole.UserRole


def _returned_folder() -> Path:
    value = QSettings().value(RETURNED_FOLDER_KEY)
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else last_folder()


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# --- Sending ----------------------------------------------------------------------------------


def choose_plan(parent: QWidget, db: Database, preferred: int | None) -> int | None:
    """The plan to work on: the one shown on Plan d'actions, the only one, or asked."""
    from charte_desktop.services.plans import list_plans

    rows = list_plans(db)
    if not rows:
        QMessageBox.information(parent, "Classeurs de mise à jour",
                                "Ce fichier ne contient encore aucun plan d'actions.")
        return None
    if preferred is not None and any(row.id == preferred for row in rows):
        return preferred
    if len(rows) == 1:
        return rows[0].id
    titles = [row.title for row in rows]
    title, ok = QInputDialog.getItem(parent, "Classeurs de mise à jour", "Plan :", titles, 0,
                                     False)
    return rows[titles.index(title)].id if ok else None


def send_pilot_workbooks(
    parent: QWidget, db: Database, preferred_plan: int | None = None
) -> list[Path]:
    """Ask for a folder and write one workbook per pilot of the plan; the files written."""
    from charte_desktop.db.thread_reader import reader_for_thread
    from charte_desktop.exports.update_workbook import write_pilot_workbooks
    from charte_desktop.services.update_content import actions_without_pilot, plan_pilots
    from charte_desktop.ui.background_work import run_with_progress

    plan_id = choose_plan(parent, db, preferred_plan)
    if plan_id is None:
        return []
    pilots = plan_pilots(db, plan_id)
    if not pilots:
        QMessageBox.information(parent, "Classeurs de mise à jour",
                                "Aucune action de ce plan n'a de pilote : indiquez les pilotes "
                                "des actions, puis recommencez.")
        return []
    folder = QFileDialog.getExistingDirectory(
        parent, f"Dossier où écrire les {len(pilots)} classeurs de mise à jour",
        str(last_folder()))
    if not folder:
        return []

    def work(progress: Progress) -> list[Path]:
        with reader_for_thread(db) as reader:  # the worker's own connection
            return write_pilot_workbooks(reader, Path(folder), plan_id=plan_id,
                                         progress=_PilotSteps(progress))

    try:
        written = run_with_progress(parent, "Classeurs de mise à jour",
                                    "Écriture des classeurs de mise à jour…", work)
    except CharteError as error:
        QMessageBox.warning(parent, "Classeurs non écrits", error.message)
        return []
    QSettings().setValue(FOLDER_KEY, folder)
    _tell_written(parent, Path(folder), written, len(pilots),
                  actions_without_pilot(db, plan_id))
    return written


class _PilotSteps:
    """The series' steps, each pilot's workbook named: « Classeur de … (3 sur 12)… »."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def step(self, done: int, total: int, label: str = "") -> None:
        what = f"Classeur de {label} ({done + 1} sur {total})…" if label else ""
        self.progress.step(done, total, what)


def _tell_written(
    parent: QWidget, folder: Path, written: list[Path], pilots: int, orphans: int
) -> None:
    text = (f"{_counted(len(written), 'classeur écrit', 'classeurs écrits')} dans « {folder} »"
            f", un par pilote.")
    if len(written) < pilots:
        text += f" Série arrêtée : {pilots - len(written)} pilote(s) sans classeur."
    details = ("Envoyez à chaque pilote son classeur. À son retour : Fichier › Importer un "
               "classeur de mise à jour.")
    if orphans:
        missing = _counted(orphans, "action sans pilote n'y figure",
                           "actions sans pilote n'y figurent")
        details += f" {missing} pas."
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Classeurs de mise à jour")
    box.setText(text)
    box.setInformativeText(details)
    open_folder = box.addButton("Ouvrir le &dossier", QMessageBox.ButtonRole.ActionRole)
    box.addButton("&Fermer", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_folder:
        open_with_system(parent, folder, "le dossier")


# --- Reviewing --------------------------------------------------------------------------------


class UpdateReviewDialog(QDialog):
    """The changes of a returned workbook, action by action, each with a checkbox."""

    def __init__(self, parent: QWidget | None, review: UpdateReview) -> None:
        super().__init__(parent)
        self.review = review
        self.setWindowTitle("Classeur de mise à jour")
        self.resize(980, 620)
        identity = review.identity
        whose = (f"rempli par {identity.pilot_name}" if identity.pilot_name
                 else "toutes les actions du plan")
        sent = identity.exported_at.astimezone().strftime("%d/%m/%Y")
        heading = QLabel(f"<b>{review.source_name}</b> — plan « {identity.plan_title} », "
                         f"{whose}, envoyé le {sent}.")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        count = len(review.changes)
        explanation = QLabel(
            "Décochez les changements à ne pas reprendre. Les changements cochés seront "
            "enregistrés ensemble ; le journal de suivi de chaque action dira qu'ils viennent "
            "du pilote." if count else
            "Aucune réponse du pilote ne change le fichier : la liste ci-dessous dit "
            "pourquoi. Vous pouvez noter le classeur comme importé."
            if review.problems or review.skipped else
            "Le pilote n'a rien changé. Vous pouvez noter le classeur comme importé.")
        explanation.setWordWrap(True)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Changements proposés")
        self.tree.setHeaderLabels(["Changement", "Avant", "Après"])
        self.tree.setColumnCount(3)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 460)
        header.resizeSection(1, 140)
        self.items: dict[str, QTreeWidgetItem] = {}
        for action in review.actions:
            title = (f"{action.code} — {action.title}" if action.action_id is not None
                     else action.title)
            parent_item = QTreeWidgetItem(self.tree, [title])
            parent_item.setFlags(parent_item.flags() | Qt.ItemFlag.ItemIsAutoTristate
                                 | Qt.ItemFlag.ItemIsUserCheckable)
            font = parent_item.font(0)
            font.setBold(True)
            parent_item.setFont(0, font)
            for change in action.changes:
                self.items[change.key] = self._change_item(parent_item, change)
            parent_item.setFirstColumnSpanned(True)  # the whole title, across the columns
            parent_item.setExpanded(True)
        self.tree.itemChanged.connect(lambda *_: self._update_button())

        buttons_row = QHBoxLayout()
        for text, state in (("Tout &cocher", Qt.CheckState.Checked),
                            ("Tout &décocher", Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=state: self.set_all(s))
            button.setEnabled(bool(count))
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)

        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Réponses non reprises")
        self.problems.setPlainText(self._problems_text())
        self.problems.setVisible(bool(review.problems or review.skipped))
        # Room for the reasons: the whole dialog when nothing else is to review.
        self.problems.setMaximumHeight(16_777_215 if not count else 200)

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("Enregistrer",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons_row)
        if review.problems or review.skipped:
            layout.addWidget(QLabel("Réponses non reprises :"))
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.tree.setVisible(bool(count))
        self._update_button()

    @staticmethod
    def _change_item(parent: QTreeWidgetItem, change: Change) -> QTreeWidgetItem:
        new = change.new
        if change.kind is ChangeKind.COMMENT:
            new = " ".join(change.new.split())
        if change.hint:
            new = f"{new} ({change.hint})"
        item = QTreeWidgetItem(parent, [change.what, change.old or "—", new])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked)
        item.setData(0, KEY_ROLE, change.key)
        item.setToolTip(0, change.what)
        item.setToolTip(2, change.new)
        return item

    def _problems_text(self) -> str:
        lines = []
        if self.review.problems:
            lines.append("À corriger dans le classeur (non repris) :")
            lines.extend(f"• {problem}" for problem in self.review.problems)
        if self.review.skipped:
            if lines:
                lines.append("")  # the two lists apart
            lines.append("Non repris :")
            lines.extend(f"• {note}" for note in self.review.skipped)
        return "\n".join(lines)

    def set_all(self, state: Qt.CheckState) -> None:
        for item in self.items.values():
            item.setCheckState(0, state)

    def accepted_keys(self) -> set[str]:
        return {key for key, item in self.items.items()
                if item.checkState(0) == Qt.CheckState.Checked}

    def _update_button(self) -> None:
        total, chosen = len(self.items), len(self.accepted_keys())
        if not total:
            self.apply_button.setText("Noter comme importé")
        elif not chosen:
            self.apply_button.setText("Tout refuser (noter comme importé)")
        elif chosen == total:
            self.apply_button.setText(f"Enregistrer les {total} changements" if total > 1
                                      else "Enregistrer le changement")
        else:
            self.apply_button.setText(f"Enregistrer {chosen} changement(s) sur {total}")


def import_update_workbook(parent: QWidget, db: Database) -> AppliedUpdate | None:
    """Ask for a returned workbook, show its changes, record the checked ones."""
    from charte_desktop.imports.backup import back_up_before_import
    from charte_desktop.imports.updates import load_update
    from charte_desktop.services.update_merge import apply_update

    name, _ = QFileDialog.getOpenFileName(parent, "Importer un classeur de mise à jour",
                                          str(_returned_folder()), WORKBOOK_FILTER)
    if not name:
        return None
    path = Path(name)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        review = load_update(db, path)
    except CharteError as error:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Classeur non importé", error.message)
        return None
    QGuiApplication.restoreOverrideCursor()
    QSettings().setValue(RETURNED_FOLDER_KEY, str(path.parent))
    dialog = UpdateReviewDialog(parent, review)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    try:
        back_up_before_import(db)  # a file's copy; a server keeps its own backups
        applied = apply_update(db, review, dialog.accepted_keys())
    except CharteError as error:
        QMessageBox.warning(parent, "Classeur non importé", error.message)
        return None
    return applied
