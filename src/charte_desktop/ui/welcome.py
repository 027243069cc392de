"""First start: name the collectivité (and its logo), or look at the demo territory first."""

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.enums import TerritoryKind
from charte_desktop.errors import CharteError
from charte_desktop.services.plans import TerritoryFields, check_territory
from charte_desktop.system_errors import os_reason

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg)"


class WelcomeDialog(QDialog):
    """Accepted with `fields` set, or with `wants_demo` when the officer prefers the demo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bienvenue dans Charte")
        self.setMinimumWidth(520)
        self.fields: TerritoryFields | None = None
        self.wants_demo = False
        self._logo: Path | None = None

        intro = QLabel(
            "<h2>Bienvenue dans Charte</h2>"
            "<p>Charte vous aide à piloter votre charte ou votre plan d'actions : instances, "
            "réunions, actions et indicateurs, dans un seul fichier sur cet ordinateur.</p>"
            "<p>Pour commencer, indiquez votre collectivité. Son nom et son logo figureront "
            "sur les documents que vous enverrez.</p>"
        )
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName("Nom de la collectivité")
        self.name.setPlaceholderText("Communauté de communes du …")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Type de collectivité")
        # The kinds stay on the Python side: Qt would hand an enum member back as a str.
        self._kinds = list(TerritoryKind)
        self.kind.addItems([kind.label for kind in self._kinds])
        self.kind.setCurrentIndex(self._kinds.index(TerritoryKind.COMMUNITY_OF_COMMUNES))
        self.logo_label = QLabel("Aucun logo")
        choose = QPushButton("Choisir un &logo…")
        choose.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        # Its line is kept when empty: a message appearing never squeezes the text above.
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Nom de la collectivité *", self.name)
        form.addRow("&Type de collectivité", self.kind)
        form.addRow("Logo (facultatif)", logo_row)

        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton("&Commencer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo_button = buttons.addButton("Voir la &démonstration",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("&Quitter", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button.clicked.connect(self._start)
        self.demo_button.clicked.connect(self._demo)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choisir le logo", "", IMAGE_FILTER)
        if name:
            self._logo = Path(name)
            self.logo_label.setText(self._logo.name)

    def _start(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.error.setText("Le champ « Nom de la collectivité » est obligatoire.")
            self.error.show()
            self.name.setFocus()
            return
        logo = None
        if self._logo is not None:
            try:
                logo = self._logo.read_bytes()
            except OSError as error:
                self.error.setText(f"Le logo n'a pas pu être lu : {os_reason(error)}.")
                self.error.show()
                return
        fields = TerritoryFields(
            name=name, kind=self._kinds[self.kind.currentIndex()], logo=logo,
            logo_filename=self._logo.name if self._logo else None,
        )
        try:
            check_territory(fields)  # refused here, never after the file is made
        except CharteError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.fields = fields
        self.accept()

    def _demo(self) -> None:
        self.wants_demo = True
        self.accept()
