"""Documents written from the screens: the plan's tableau de suivi and bilan de l'année,
the directory or a body's members."""

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from charte_desktop.db import Database
from charte_desktop.exports.progress import Progress
from charte_desktop.ui.file_exports import (
    EXCEL_FILTER,
    WORD_FILTER,
    save_document,
    save_in_background,
)

# Plan d'actions has no Alt+letter left for it (actions_frame.py): a key of its own.
REPORT_KEY = "Ctrl+Shift+B"


def report_button() -> QPushButton:
    button = QPushButton("Bilan de l'année (Word)…")
    button.setAccessibleName("Bilan de l'année")
    button.setToolTip("Le rapport d'activité d'une année, à présenter en COPIL : actions, "
                      "réunions des instances, indicateurs et budget (Ctrl+Maj+B)")
    return button


def export_monitoring(parent: QWidget, db: Database, plan_id: int | None) -> Path | None:
    """The tableau de suivi of the plan (every plan when None), written in the background
    with its progress and « Annuler »."""
    from charte_desktop.db.thread_reader import reader_for_thread
    from charte_desktop.exports.monitoring import (
        suggested_monitoring_name,
        write_monitoring_workbook,
    )

    def write(target: Path, progress: Progress) -> Path:
        with reader_for_thread(db) as reader:  # the worker's own connection
            return write_monitoring_workbook(reader, target, plan_id=plan_id,
                                             progress=progress)

    return save_in_background(
        parent, lambda: suggested_monitoring_name(db, plan_id), write,
        title="Enregistrer le tableau de suivi", file_filter=EXCEL_FILTER,
        failure="Tableau de suivi non écrit", work_title="Tableau de suivi",
        heading="Écriture du tableau de suivi…")


def export_monitoring_asked(parent: QWidget, button: QPushButton, db: Database,
                            plan_id: int | None) -> Path | None:
    """« Tableau de suivi (Excel)… »: with several plans, a menu under the button asks
    which (the plan shown, Entrée; or « Tous les plans », one workbook); Échap, none."""
    from charte_desktop.services.plans import list_plans
    from charte_desktop.ui.entity import shorten

    plans = list_plans(db)
    if len(plans) > 1:
        menu = QMenu(button)
        menu.setAccessibleName("Tableau de suivi de quel plan")
        title = next((plan.title for plan in plans if plan.id == plan_id), None)
        shown = (menu.addAction(f"&Le plan affiché : {shorten(title, 50)}")
                 if title is not None else None)
        every = menu.addAction(f"&Tous les plans ({len(plans)}), dans un seul classeur")
        menu.setActiveAction(shown or every)
        chosen = menu.exec(button.mapToGlobal(QPoint(0, button.height())))
        if chosen is None:
            return None
        if chosen is every:
            plan_id = None
    return export_monitoring(parent, db, plan_id)


def export_contacts(parent: QWidget, db: Database, body_id: int | None) -> Path | None:
    """The whole directory, or one body's members with their roles and e-mails."""
    from charte_desktop.exports.contacts_workbook import (
        suggested_contacts_name,
        write_contacts_workbook,
    )

    return save_document(
        parent, lambda: suggested_contacts_name(db, body_id),
        lambda target: write_contacts_workbook(db, target, body_id=body_id),
        title="Enregistrer les contacts", file_filter=EXCEL_FILTER,
        failure="Contacts non écrits")


def export_report(parent: QWidget, db: Database, plan_id: int | None) -> Path | None:
    """« Bilan de l'année »: the year and the plan asked (the plan shown, or every plan),
    then the file; written in the background with its progress and « Annuler », on the
    officer's template from Paramètres if she set one."""
    from charte_desktop.db.thread_reader import reader_for_thread
    from charte_desktop.exports.annual_report import suggested_report_name, write_annual_report
    from charte_desktop.services.plans import list_plans
    from charte_desktop.settings import load_settings
    from charte_desktop.ui.pages.report_year_dialog import ask_report_year

    chosen = ask_report_year(parent, [(p.id, p.title) for p in list_plans(db)], plan_id)
    if chosen is None:
        return None
    year, report_plan = chosen
    template = load_settings().word_template

    def write(target: Path, progress: Progress) -> Path:
        with reader_for_thread(db) as reader:  # the worker's own connection
            return write_annual_report(reader, target, year, report_plan,
                                       template=template, progress=progress)

    return save_in_background(
        parent, lambda: suggested_report_name(db, year, report_plan), write,
        title="Enregistrer le bilan de l'année", file_filter=WORD_FILTER,
        failure="Bilan non écrit", work_title="Bilan de l'année",
        heading=f"Écriture du bilan {year}…")
