"""Workbooks as officers really type them, built by the tests themselves."""

from datetime import datetime
from pathlib import Path

PLAN_TITLE = "Plan d'actions de la charte mobilité 2025-2030"


def plan_typed_by_someone_else(folder: Path, name: str = "plan-partenaires.xlsx") -> Path:
    """A plan typed in Excel by a colleague: merged title rows above the header, blank
    lines, headers without accents in capitals, axis heading rows between the actions, a
    bad date, an unknown status, real Excel dates and amounts typed as text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan 2025"
    sheet["A1"] = PLAN_TITLE
    sheet.merge_cells("A1:J1")
    sheet["A2"] = "Document de travail – version du 12/01/2025"
    sheet.merge_cells("A2:J2")
    # row 3 left blank
    sheet.append([])
    sheet.append(["N°", "INTITULE", "Description", "Pilote", "Etat", "Priorite", "Debut",
                  "Echeance", "Budget previsionnel (€)", "Observations"])  # row 4
    sheet.append(["Axe 1 : Mobilité du quotidien"])  # row 5, an axis heading
    sheet.merge_cells("A5:J5")
    sheet.append(["1.1", "Créer des aires de covoiturage", "Trois aires près des bourgs",
                  "Hélène Barbier", "En cours", "Haute", datetime(2025, 3, 1),
                  datetime(2026, 6, 30), 45000, "voir ADEME"])  # row 6
    sheet.append(["1.2", "Navette estivale", "", "MARTIN Jean", "à lancer", "moyenne",
                  "31/02/2025", "30/09/2025", "12 500,50 €", None])  # row 7: bad date
    sheet.append([])  # row 8
    sheet.append(["Axe 2 – Logistique urbaine"])  # row 9
    sheet.append(["2.1", "Charte des livraisons en centre-bourg", "Avec les transporteurs",
                  "Mme Zoé Lefèvre / Jean Martin", "En réflexion", "basse", "01/09/2025",
                  "2026", "-", None])  # row 10: unknown status
    sheet.append(["2.2", "Espace logistique urbain", "Étude d'opportunité", "",
                  "termine", "", "mars 2025", "déc. 2025", "8000", None])  # row 11
    sheet.append([])
    sheet.append([])
    workbook.save(folder / name)
    return folder / name


def clean_plan(folder: Path, name: str = "plan.xlsx", rows: int = 3) -> Path:
    """A plan without problems: accents in headers, an Axe column, French values."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(["Code", "Intitulé", "Axe", "Pilote", "Statut", "Priorité", "Date de début",
                  "Date de fin", "Budget prévisionnel"])
    for number in range(1, rows + 1):
        sheet.append([f"9.{number}", f"Action importée {number}", "9 - Axe importé",
                      "Hélène Barbier", "En cours", "Haute", datetime(2025, 1, 1),
                      datetime(2025, 12, 31), 1000 * number])
    workbook.save(folder / name)
    return folder / name


def contacts_list(folder: Path, name: str = "contacts.xlsx") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Liste des partenaires"])
    sheet.append([])
    sheet.append(["Structure", "Catégorie", "NOM", "Prenom", "Fonction", "E-mail", "Tél."])
    sheet.append(["Vélo Aubrance", "Monde associatif", "Durand", "Élise", "Présidente",
                  "elise.durand@velo-aubrance.example", "06 12 34 56 78"])  # row 4
    sheet.append(["VELO AUBRANCE", "Monde associatif", "Petit", "Marc", "Trésorier",
                  "", ""])  # row 5: the same organisation, other case
    sheet.append(["Transports Rapides SA", "Transporteurs", "Roux", "Anne", "Gérante",
                  "anne.roux@example", ""])  # row 6: new circle, bad e-mail
    sheet.append(["ADEME — direction régionale Bourgogne-Franche-Comté", "", "Barbier",
                  "Hélène", "", "", ""])  # row 7: already in the demo's directory
    sheet.append(["Vélo Aubrance", "", "Durand", "Élise", "", "", ""])  # row 8: twice
    workbook.save(folder / name)
    return folder / name
