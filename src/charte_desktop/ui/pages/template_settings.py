"""Paramètres › Documents: the Word template the convocations and minutes are made from."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from charte_desktop.errors import CharteError
from charte_desktop.settings import load_settings, save_settings
from charte_desktop.system_errors import os_reason

SHIPPED = "Modèle fourni avec Charte"


class TemplateSettings(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Modèle des documents &Word")
        self.current = QLabel(SHIPPED)
        self.current.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        choose = QPushButton("Choisir mon modèle…")
        choose.clicked.connect(self.choose)
        self.reset_button = QPushButton("Revenir au modèle fourni")
        self.reset_button.clicked.connect(lambda: self.apply(None))
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        explanation = QLabel(
            "<small>Votre modèle (.docx) donne ses styles, son en-tête et son pied de page aux "
            "convocations, feuilles d'émargement et comptes rendus. Il doit contenir les "
            "styles Titre, Titre 1, Titre 2, Liste à puces et Grille du tableau.</small>")
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(explanation)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def load(self) -> None:
        template = load_settings().word_template
        self.current.setText(str(template) if template else SHIPPED)
        self.reset_button.setEnabled(template is not None)
        self.status.clear()

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choisir le modèle Word", str(Path.home()),
                                              "Documents Word (*.docx)")
        if name:
            self.apply(Path(name))

    def apply(self, template: Path | None) -> bool:
        """Check the template can make our documents, then keep it in the settings."""
        from charte_desktop.exports.word_template import open_template

        if template is not None:
            try:
                open_template(template)
            except CharteError as error:
                self.status.setText(error.message)
                return False
        settings = load_settings()
        settings.word_template = template
        try:
            save_settings(settings)
        except OSError as error:
            self.status.setText(f"Le réglage n'a pas pu être enregistré : "
                                f"{os_reason(error)}.")
            return False
        self.load()
        self.status.setText("Modèle enregistré : les prochains documents l'utiliseront."
                            if template else "Les documents utiliseront le modèle fourni.")
        return True
