"""Who carries a proxy: a picker that filters like every other one, the people present
first. Typing « Benali » then Entrée chooses Benali, or says why not: never someone else."""

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.enums import AttendanceState
from charte_desktop.services.meeting_details import AttendanceRow
from charte_desktop.ui.choice_inputs import ChoiceInput
from charte_desktop.ui.pages.meeting_columns import ERROR_STYLE

PRESENT_MARK = " — présent·e"


def holder_choices(directory: Sequence[tuple[int, str]], rows: Sequence[AttendanceRow],
                   excluded: Sequence[int]) -> list[tuple[int, str]]:
    """The people present (marked so), then the rest of the directory (someone not on the
    list is added as present); never the people being represented."""
    labels = dict(directory)
    present = [(row.contact_id, labels.get(row.contact_id, row.name) + PRESENT_MARK)
               for row in rows
               if row.state is AttendanceState.PRESENT and row.contact_id not in excluded]
    taken = {contact_id for contact_id, _label in present} | set(excluded)
    return present + [(i, label) for i, label in directory if i not in taken]


class RepresentativeDialog(QDialog):
    """Asks who represents `names`; `choose(contact_id)` records it and returns None, or
    the French reason it was refused (shown here; the dialog stays open)."""

    def __init__(self, parent: QWidget | None, names: str,
                 choices: list[tuple[int, str]], choose: Callable[[int], str | None]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Représenté·e par")
        self.setMinimumWidth(480)
        self._choose = choose
        question = QLabel(f"Qui porte le pouvoir de {names} ? Les personnes présentes sont "
                          "proposées d'abord ; tapez une partie du nom, puis Entrée.")
        question.setWordWrap(True)
        self.picker = ChoiceInput(lambda: choices, optional=False)
        self.picker.combo.setAccessibleName("Représenté·e par")
        self.picker.edit.setPlaceholderText("Nom de la personne qui porte le pouvoir…")
        question.setBuddy(self.picker.combo)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Valider")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                # Entrée is the picker's: it chooses what is typed, then validates (below).
                button.setAutoDefault(False)
                button.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # After the picker's own Entrée, which chooses the one person the text designates.
        self.picker.edit.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.picker.combo)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.picker.combo.setCurrentIndex(-1)
        self.picker.combo.setEditText("")
        self.picker.combo.setFocus()

    def accept(self) -> None:
        self.picker.commit()
        holder = self.picker.get()
        if holder is None:
            typed = self.picker.combo.currentText().strip()
            self._refuse(self.picker.problem() if typed
                         else "Tapez le nom de la personne qui porte le pouvoir.")
            return
        refusal = self._choose(holder)
        if refusal:
            self._refuse(refusal)
            return
        super().accept()

    def _refuse(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.picker.edit.setFocus()
        self.picker.edit.selectAll()
