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

from charte_desktop.db.server import DEFAULT_PORT, PasswordNeeded, ServerAddress
from charte_desktop.ui.problem_label import PROBLEM_COLOUR

FIELDS = ("Serveur", "Port", "Base", "Utilisateur", "Mot de passe")


class ServerDialog(QDialog):
    def __init__(self, parent: QWidget | None, known: ServerAddress | None = None,
                 problem: str | None = None) -> None:
        """`known`: the fields as last typed (or the base open now); `problem`: why the
        last try failed, said above the buttons."""
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
        # In the forms' colour for a problem: it says why the last try failed.
        self.problem.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.problem.setObjectName("error_general")
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
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
        user = self.user.text().strip()
        missing = [name for name, value in (("le serveur", host), ("la base", base),
                                            ("l'utilisateur", user)) if not value]
        if missing:
            names = (", ".join(missing[:-1]) + " et " + missing[-1]) if len(missing) > 1 \
                else missing[0]
            self.problem.setText(f"Indiquez {names}.")
            self.problem.show()
            return
        self.address = ServerAddress(host, self.port.value(), base,
                                     user,
                                     self.password.text() or None)
        super().accept()


def ask_password(parent: QWidget | None, address: ServerAddress,
                 refusal: PasswordNeeded) -> str | None:
    """The password for `address`, asked after the server refused or wanted one; None
    when the officer cancels (back to the connection's fields)."""
    why = ("Le serveur a refusé ce mot de passe : retapez-le (Annuler pour corriger "
           "l'utilisateur)." if refusal.refused else "Le serveur demande votre mot de passe.")
    text, given = QInputDialog.getText(
        parent, "Mot de passe",
        f"{why}\n\nMot de passe de « {address.user} » sur {address.where} :",
        QLineEdit.EchoMode.Password)
    return text if given and text else None
