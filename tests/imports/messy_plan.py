"""A plan kept in Excel as officers keep them: a title above the header, axis rows, a
subtotal and a total with formulas, progress typed three ways, co-pilots, partners,
policies and amounts in French. Row 13 has a status Charte does not know."""

import re
import zipfile
from pathlib import Path

MESSY_TITLE = "Plan climat du Val d'Aubrance 2026-2031"
HEADER = ("N°", "Intitulé de l'action", "Pilote", "Co-pilotes", "Partenaires",
          "Politiques publiques", "Statut", "% réalisé", "Priorité", "Budget prévisionnel",
          "Engagé", "Dépensé", "Description")
ADEME = "ADEME — direction régionale Bourgogne-Franche-Comté"
REGION = "Région Bourgogne-Franche-Comté"
BAD_LINE = 13  # « En réflexion »: no status of Charte


def messy_plan(folder: Path, name: str = "plan-climat.xlsx") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    rows: list[tuple[object, ...]] = [
        (MESSY_TITLE,),
        ("Mise à jour : janvier 2026",),
        (),
        HEADER,
        ("Axe 1 : Mobilité",),
        ("1.1", "Covoiturage domicile-travail", "Hélène Barbier",
         "Sylvie Marguet ; Thomas Guyon", f"{ADEME} ; Club vélo des Granges", "PCAET ; PDM",
         "En cours", "40 %", "Haute", "12 500,50 €", "4 000", "1 250,25 €",
         "Une plateforme et des aires de covoiturage."),
        ("1.2", "Navettes vers la gare", "Sylvie Marguet", "Jean Nouveau\nThomas Guyon",
         REGION, "Plan de mobilité", "En cours", 0.4, "2", 30000, 0, 0),
        ("1.3", "Stationnement vélo", None, None, None, "PLU(i), SDIRVE", "À lancer", "40",
         "Basse"),
        ("1.4", "Autopartage", "Hélène Barbier", None, None, None, "En cours", "0,4", "1",
         "8 000", "2 000", "500"),
        ("Sous-total axe 1", None, None, None, None, None, None, None, None,
         "=SUM(J6:J9)", "=SUM(K6:K9)", "=SUM(L6:L9)"),
        ("Axe 2 : Énergie",),
        ("2.1", "Rénovation des écoles", "Thomas Guyon", None, None, "PCAET", "Réalisée",
         None, "Moyenne", 80000, 80000, 78000.5),
        ("2.2", "Chaufferie bois", "Thomas Guyon", None, None, None, "En réflexion"),
        (None, "TOTAL GÉNÉRAL", None, None, None, None, None, None, None,
         "=J10+SUM(J12:J13)", "=K10+SUM(K12:K13)", "=L10+SUM(L12:L13)"),
        (None, None, None, None, None, None, None, None, None, "=SUM(J6:J13)"),
    ]
    for row in rows:
        sheet.append(row)
    path = folder / name
    workbook.save(path)
    return path


def save_formula_result(path: Path, formula: str, result: str) -> None:
    """Write the result Excel keeps beside `formula` (openpyxl saves formulas without one)."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts[member].decode()
    pattern = re.compile(rf"<f>{re.escape(formula)}</f>(<v\s*/>|<v></v>)?")
    assert pattern.search(xml), xml
    parts[member] = pattern.sub(f"<f>{formula}</f><v>{result}</v>", xml, count=1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for filename, data in parts.items():
            target.writestr(filename, data)
