"""The bilan read as the COPIL reads it: the plan's years never cut at a line's end, and
the budget's count of actions explained beside the actions' own."""

from pathlib import Path

from charte_desktop.db import Database
from charte_desktop.exports.annual_report import write_annual_report
from charte_desktop.services.plans import list_plans
from tests.exports.docx_reading import open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_plans_years_are_kept_on_one_line(demo_db: Database, tmp_path: Path) -> None:
    [plan] = list_plans(demo_db)
    assert "2025-2028" in plan.title
    document = open_docx(write_annual_report(demo_db, tmp_path / "bilan.docx", 2026))
    [line] = [p for p in document.paragraphs if p.text == plan.title]
    assert len(line._p.findall(f".//{W}noBreakHyphen")) == 1
    typed = "".join(t.text or "" for t in line._p.iter(f"{W}t"))
    assert typed == plan.title.replace("2025-2028", "20252028")  # the hyphen: Word's own
    assert all(run.bold for run in line.runs)


def test_the_budget_says_it_counts_actions_not_yet_launched(demo_db: Database,
                                                          tmp_path: Path) -> None:
    document = open_docx(write_annual_report(demo_db, tmp_path / "bilan.docx", 2026))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Toutes les actions du plan, sur toute leur durée, y compris "
                            "celles qui ne sont pas encore lancées") for t in texts)
