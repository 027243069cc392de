"""« Le bilan de l'année » (Word), read back with python-docx."""

from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.exports.annual_report import write_annual_report
from charte_desktop.exports.progress import Cancelled
from charte_desktop.exports.word_blocks import NBSP
from tests.exports.docx_reading import all_text, open_docx


@pytest.fixture
def bilan(demo_db: Database, tmp_path: Path) -> Path:
    return write_annual_report(demo_db, tmp_path / "bilan.docx", 2026)


def test_headings_in_the_order_a_copil_reads_them(bilan: Path) -> None:
    document = open_docx(bilan)
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles == ["L'année 2026 en chiffres", "Avancement des actions",
                      "Les instances en 2026", "Indicateurs", "Budget et cofinancements"]
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Bilan 2026"]
    axes = [p.text for p in document.paragraphs
            if p.style.name == "Heading 2" and p.text.startswith("Axe ")]
    assert axes[0] == "Axe 1 – Organiser une logistique urbaine durable" and len(axes) == 3
    assert "Comité de pilotage de la charte" in [p.text for p in document.paragraphs]


def test_summary_table_in_french(bilan: Path) -> None:
    document = open_docx(bilan)
    summary = {row.cells[0].text: row.cells[1].text for row in document.tables[1].rows}
    assert summary["Réalisées en 2026"] == "2"
    assert summary["En retard au 21/11/2026"] == "3"
    assert summary["Taux de présence"].endswith(f"{NBSP}%")
    assert summary["Budget prévu des actions"].endswith(f"{NBSP}€")
    assert "acquis ou versés" in summary["Cofinancements obtenus"]


def test_tables_of_actions_meetings_and_budget(bilan: Path) -> None:
    document = open_docx(bilan)
    headers = [tuple(c.text for c in t.rows[0].cells) for t in document.tables]
    assert ("Code", "Action", "Pilote", "Statut", "Avancement", "En 2026") in headers
    assert ("Réunion", "Présents", "Décisions prises") in headers
    assert ("Financeur", "Sollicité", "Acquis", "Versé", "Acquis ou versé") in headers
    text = all_text(document)
    assert "Échéance dépassée le 07/10/2026" in text  # why 1.2 is late
    assert "Journal de suivi 2026" in text
    assert "Adoptée à l'unanimité" in text


def test_every_indicator_with_a_drawing_has_its_chart(bilan: Path) -> None:
    document = open_docx(bilan)
    # 10 indicators; the fleet's has a baseline and a target: its line is drawn too.
    assert len(document.inline_shapes) == 11  # 10 charts and the collectivité's logo
    widths = sorted(shape.width for shape in document.inline_shapes)
    assert widths[-1] == widths[1]  # the charts all have one width


def test_small_tables_are_kept_on_one_page(bilan: Path) -> None:
    document = open_docx(bilan)
    actions = next(t for t in document.tables if t.rows[0].cells[0].text == "Code")
    for row in actions.rows[:-1]:
        assert row.cells[0].paragraphs[0].paragraph_format.keep_with_next


def test_a_year_without_meetings_says_so(demo_db: Database, tmp_path: Path) -> None:
    path = write_annual_report(demo_db, tmp_path / "b.docx", 2031)
    text = all_text(open_docx(path))
    assert "Aucune réunion n'était prévue en 2031." in text


def test_progress_steps_and_cancels_without_a_file(demo_db: Database, tmp_path: Path) -> None:
    steps: list[tuple[int, int, str]] = []

    class Stopping:
        def step(self, done: int, total: int, label: str = "") -> None:
            steps.append((done, total, label))
            if label.startswith("Graphique 3"):
                raise Cancelled

    target = tmp_path / "b.docx"
    with pytest.raises(Cancelled):
        write_annual_report(demo_db, target, 2026, progress=Stopping())
    assert not target.exists() and steps[0][2] == "Lecture du fichier"


def test_an_empty_file_gives_a_short_bilan(db: Database, tmp_path: Path) -> None:
    path = write_annual_report(db, tmp_path / "vide.docx", 2026)
    text = all_text(open_docx(path))
    assert "Aucune réunion n'était prévue en 2026." in text
    assert "Aucun indicateur n'est défini." in text
    assert len(open_docx(path).inline_shapes) == 0


def test_two_plans_each_with_its_actions_and_budget(demo: Path, tmp_path: Path) -> None:
    from charte_desktop.db import open_database
    from charte_desktop.services.actions import ActionFields, create_action
    from charte_desktop.services.plans import PlanFields, create_plan

    with open_database(demo) as database:
        plan = create_plan(database, PlanFields("Plan climat-air-énergie territorial"))
        create_action(database, ActionFields(plan_id=plan.id, code="A", title="Isoler"))
        document = open_docx(write_annual_report(database, tmp_path / "b.docx", 2026))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Avancement des actions – Plan climat-air-énergie territorial" in titles
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"].count(
        "Plan climat-air-énergie territorial") == 1  # its budget
