"""Paramètres › Sauvegardes: where backups go, how often, and the two buttons that matter
on a bad day (save now, restore)."""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from charte_desktop.db.backups import default_backup_folder
from charte_desktop.settings import load_settings, save_settings
from charte_desktop.system_errors import os_reason
from charte_desktop.ui.context import AppContext


class BackupSettings(QGroupBox):
    backup_requested = Signal()
    restore_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__("Sa&uvegardes")
        self.context = context
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Dossier des sauvegardes")
        self.folder.setPlaceholderText(str(default_backup_folder(context.db.path)))
        choose = QPushButton("Choisir…")
        choose.clicked.connect(self._choose)
        default = QPushButton("Par défaut")
        default.clicked.connect(self.folder.clear)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(default)
        self.interval = QSpinBox()
        self.interval.setRange(1, 24 * 30)
        self.interval.setSuffix(" h")
        self.interval.setAccessibleName("Intervalle entre deux sauvegardes")
        form = QFormLayout()
        form.addRow("Dossier", folder_row)
        form.addRow("Au plus tard toutes les", self.interval)
        self.status = QLabel()
        self.save_button = QPushButton("Enregistrer ces réglages")
        self.save_button.clicked.connect(self.save)
        now = QPushButton("Sauvegarder &maintenant")
        now.clicked.connect(self.backup_requested)
        restore = QPushButton("Restaurer une sau&vegarde…")
        restore.clicked.connect(self.restore_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(now)
        buttons.addWidget(restore)
        explanation = QLabel(
            "<small>Charte sauvegarde le fichier à l'ouverture (si la dernière sauvegarde est "
            "plus ancienne que l'intervalle) et à la fermeture, puis garde une sauvegarde par "
            "jour sur 7 jours, par semaine sur 4 semaines et par mois sur 12 mois.</small>")
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def load(self) -> None:
        settings = load_settings()
        self.folder.setText(str(settings.backup_folder) if settings.backup_folder else "")
        self.interval.setValue(settings.backup_interval_hours)
        self.status.clear()

    def _choose(self) -> None:
        start = self.folder.text() or self.folder.placeholderText()
        name = QFileDialog.getExistingDirectory(self, "Dossier des sauvegardes", start)
        if name:
            self.folder.setText(name)

    def save(self) -> None:
        settings = load_settings()
        text = self.folder.text().strip()
        settings.backup_folder = Path(text) if text else None
        settings.backup_interval_hours = self.interval.value()
        try:
            save_settings(settings)
        except OSError as error:
            self.status.setText(f"Les réglages n'ont pas pu être enregistrés : "
                                f"{os_reason(error)}.")
            return
        self.status.setText("Réglages des sauvegardes enregistrés.")
