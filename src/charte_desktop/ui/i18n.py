"""French for Qt's own strings (dialog buttons, context menus) and for dates and numbers."""

from decimal import Decimal

from PySide6.QtCore import QDate, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


def install_french(app: QApplication) -> list[QTranslator]:
    """Load Qt's French catalogues; without them "Cancel" and "Copy" stay English."""
    QLocale.setDefault(FRENCH)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for catalogue in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(FRENCH, catalogue, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
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
