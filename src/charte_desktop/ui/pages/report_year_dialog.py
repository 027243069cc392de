"""« Bilan de l'année »: which year, which plan. The year is typed (this year offered,
↑ and ↓ step it), the plan shown on the screen or every plan; Entrée goes on to the file."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charte_desktop import clock
from charte_desktop.services.annual_report import FIRST_YEAR, LAST_YEAR

TITLE = "Bilan de l'année"
EVERY_PLAN = "Tous les plans"


class ReportYearDialog(QDialog):
    """The year (this year unless typed otherwise) and the plan (`current`, the one shown,
    first; « Tous les plans » after it)."""

    def __init__(self, parent: QWidget | None, plans: Sequence[tuple[int, str]],
                 current: int | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(460)
        intro = QLabel("Le rapport d'activité de l'année, à présenter en COPIL : avancement "
                       "des actions, réunions des instances, indicateurs et budget.")
        intro.setWordWrap(True)
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(clock.today().year)
        self.year.setAccessibleName("Année")
        self.year.setToolTip("Tapez l'année, ou changez-la avec ↑ et ↓")
        self.year.setMaximumWidth(110)
        self.plan = QComboBox()
        self.plan.setAccessibleName("Plan")
        titles = dict(plans)
        if current in titles:
            self.plan.addItem(titles[current], current)
        if len(plans) != 1 or current not in titles:  # one plan: « tous » says the same
            self.plan.addItem(EVERY_PLAN, None)
        form = QFormLayout()
        year_label, plan_label = QLabel("&Année"), QLabel("&Plan")
        year_label.setBuddy(self.year)
        plan_label.setBuddy(self.plan)
        form.addRow(year_label, self.year)
        form.addRow(plan_label, self.plan)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Choisir le fichier…")
        ok.setDefault(True)  # Entrée, from the year too
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.year.setFocus(Qt.FocusReason.OtherFocusReason)
        self.year.selectAll()  # typing « 2025 » replaces the year offered

    def choice(self) -> tuple[int, int | None]:
        """The year and the plan (None: every plan)."""
        self.year.interpretText()  # digits typed, Entrée pressed at once
        plan_id = self.plan.currentData()
        return self.year.value(), plan_id if isinstance(plan_id, int) else None


def ask_report_year(parent: QWidget | None, plans: Sequence[tuple[int, str]],
                    current: int | None) -> tuple[int, int | None] | None:
    """The officer's year and plan, or None when she cancelled."""
    dialog = ReportYearDialog(parent, plans, current)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
