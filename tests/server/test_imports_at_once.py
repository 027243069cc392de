"""Two officers importing a plan into the same server base at the same moment: both land."""

import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from charte_desktop.db import open_database
from charte_desktop.db.publish import publish
from charte_desktop.db.server import ServerAddress
from charte_desktop.services import directory, plans

ROOT = Path(__file__).resolve().parents[2]


def plan_workbook(folder: Path, title: str) -> Path:
    """A plan as an officer keeps it in Excel: a title row, a header, forty actions whose
    pilots and partners are new to the directory (both imports create the same ones)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(["N°", "Intitulé", "Pilote", "Partenaires", "Statut"])
    for number in range(1, 41):
        sheet.append([f"{number // 10 + 1}.{number % 10 + 1}", f"Action {number} de {title}",
                      f"Alex Nouveau{number % 3}", "Région Grand Est ; Club vélo",
                      "En cours"])
    path = folder / f"{title}.xlsx"
    book.save(path)
    return path


def test_two_imports_at_the_same_time_both_land(empty_base: ServerAddress, demo: Path,
                                                tmp_path: Path) -> None:
    publish(demo, empty_base)
    with open_database(empty_base) as db:
        before = {plan.title for plan in plans.list_plans(db)}
    url = (f"postgresql://{empty_base.user}:{empty_base.password}@{empty_base.where}/"
           f"{empty_base.base}")
    workbooks = [plan_workbook(tmp_path, "Plan climat"),
                 plan_workbook(tmp_path, "Plan mobilité")]
    runs = [subprocess.Popen([sys.executable, "-m", "charte_desktop", "import", "actions",
                              url, str(workbook)], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
            for workbook in workbooks]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "40 actions" in out, out
    with open_database(empty_base) as db:
        after = {plan.title for plan in plans.list_plans(db)}
        # The pilots and partners new to the directory, created once between them both.
        people = [f"{row.first_name} {row.last_name}" for row in directory.list_contacts(db)]
        structures = [row.name for row in directory.list_organisations(db)]
    assert len(after - before) == 2
    assert sorted(name for name in people if "Nouveau" in name) == [
        "Alex Nouveau0", "Alex Nouveau1", "Alex Nouveau2"]
    assert structures.count("Club vélo") == 1
