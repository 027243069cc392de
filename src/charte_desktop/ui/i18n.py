"""French for Qt's own strings (dialog buttons, context menus) and for dates and numbers."""

from decimal import Decimal

from PySide6.QtCore import QDate, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


# What Qt's own French catalogue leaves in English (Qt 6.11): the file dialog's labels
# (its .ui file names them with their letter, the catalogue without) and its file types.
MISSING_FRENCH: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Voir dans :",
    ("QFileDialog", "Files of &type:"): "Fichiers de &type :",
    ("QFileDialog", "Look in"): "Voir dans",
    ("QFileDialog", "File name"): "Nom de fichier",
    ("QFileDialog", "Files of type"): "Type de fichier",
    ("QFileDialog", "Places"): "Emplacements",
    ("QFileDialog", "Alias"): "Alias",
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "File Folder"): "Dossier de fichiers",
    ("QAbstractFileIconProvider", "%1 File"): "Fichier %1",
    ("QAbstractFileIconProvider", "File"): "Fichier",
    ("QAbstractFileIconProvider", "Drive"): "Lecteur",
    ("QAbstractFileIconProvider", "Alias"): "Alias",
    ("QAbstractFileIconProvider", "Shortcut"): "Raccourci",
}


class MissingFrench(QTranslator):
    """The few strings of Qt's standard dialogs its French catalogue lacks (with French
    typography: a no-break space before the colon)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # None: not ours, the next catalogue's
        text = MISSING_FRENCH.get((context, source))
        return None if text is None else text.replace(" :", "\u00a0:")

    def isEmpty(self) -> bool:
        return False


def install_french(app: QApplication) -> list[QTranslator]:
    """Load Qt's French catalogues; without them "Cancel" and "Copy" stay English, and
    the file dialog (Qt's own on Linux) « Look in: »."""
    QLocale.setDefault(FRENCH)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for catalogue in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(FRENCH, catalogue, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    supplement = MissingFrench(app)  # installed last: asked first, for its strings only
    app.installTranslator(supplement)
    installed.append(supplement)
    return installed


def qdate_text(value: object) -> str:
    """14/03/2026 for a date, "" for nothing."""
    from datetime import date

    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, QDate):
        return value.toString("dd/MM/yyyy")
    return ""


def money_text(value: Decimal | None) -> str:
    """1 234,50 € with French typography."""
    from charte_desktop.formatting import format_money

    return "" if value is None else format_money(value)
