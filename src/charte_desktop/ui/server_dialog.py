"""Fichier › « Se connecter à un serveur… »: where the shared base is, and who connects.

The password is kept in memory for this session only: it is never written, and the
recent list remembers the address without it. Empty, libpq looks in PGPASSWORD and in
the .pgpass file.
"""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.server import DEFAULT_PORT, ServerAddress

FIELDS = ("Serveur", "Port", "Base", "Utilisateur", "Mot de passe")


class ServerDialog(QDialog):
    def __init__(self, parent: QWidget | None, known: ServerAddress | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Se connecter à un serveur")
        self.address: ServerAddress | None = None
        self.host = QLineEdit(known.host if known else "")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(known.port if known else DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.base = QLineEdit(known.base if known else "charte")
        self.user = QLineEdit((known.user or "") if known else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for label, widget in zip(FIELDS, (self.host, self.port, self.base, self.user,
                                          self.password), strict=True):
            widget.setAccessibleName(label)
            form.addRow(f"{label} :", widget)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("error_general")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Se &connecter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("La base partagée de la collectivité, sur un serveur "
                                "PostgreSQL. Le mot de passe n'est jamais enregistré."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        (self.password if known else self.host).setFocus()

    def accept(self) -> None:
        host, base = self.host.text().strip(), self.base.text().strip()
        missing = [name for name, value in (("le serveur", host), ("la base", base)) if not value]
        if missing:
            self.problem.setText(f"Indiquez {' et '.join(missing)}.")
            self.problem.show()
            return
        self.address = ServerAddress(host, self.port.value(), base,
                                     self.user.text().strip() or None,
                                     self.password.text() or None)
        super().accept()


def ask_password(parent: QWidget | None, address: ServerAddress, why: str) -> str | None:
    """The password for `address`, asked after the server refused or wanted one."""
    who = address.user or "vous"
    text, given = QInputDialog.getText(
        parent, "Mot de passe", f"{why}\n\nMot de passe de {who} sur {address.where} :",
        QLineEdit.EchoMode.Password)
    return text if given and text else None
