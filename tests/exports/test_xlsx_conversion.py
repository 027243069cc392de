"""The Excel exports open in LibreOffice (headless conversion to PDF), empty or full."""

import re
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.services import plans
from tests.exports.libreoffice import SOFFICE, convert

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (.ci/run l'installe)")


def test_monitoring_workbook_converts_to_pdf(demo_db: Database, tmp_path: Path) -> None:
    workbook = write_monitoring_workbook(demo_db, tmp_path / "suivi.xlsx")
    data = convert(workbook, "pdf", tmp_path).read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 6  # a page a sheet at least


def test_empty_plan_workbook_converts_to_pdf(demo: Path, tmp_path: Path) -> None:
    with open_database(demo) as db:
        plan = plans.create_plan(db, plans.PlanFields(title="Plan vide"))
        workbook = write_monitoring_workbook(db, tmp_path / "vide.xlsx", plan_id=plan.id)
    data = convert(workbook, "pdf", tmp_path).read_bytes()
    assert data.startswith(b"%PDF")
