"""Long writes report their progress and stop when asked: no file, no temporary file, an
older file kept as it was (the core side of the window's « Annuler »)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from charte_desktop.db import Database, open_database
from charte_desktop.db.thread_reader import reader_for_thread
from charte_desktop.errors import CharteError
from charte_desktop.exports import progress as progress_module
from charte_desktop.exports.monitoring import write_monitoring_workbook
from charte_desktop.exports.progress import Cancelled, Part, parts
from charte_desktop.exports.update_workbook import write_pilot_workbooks
from charte_desktop.services.plans import list_plans
from charte_desktop.services.update_content import plan_pilots
from tests.exports.xlsx_reading import open_xlsx

OLDER = b"the older file, kept byte for byte"


class Recorder:
    """Records every step; raises Cancelled at the first step whose label holds `stop_at`
    (as the window's progress does once « Annuler » is pressed)."""

    def __init__(self, stop_at: str | None = None, after: int = 0) -> None:
        self.steps: list[tuple[int, int, str]] = []
        self.stop_at = stop_at
        self.after = after  # steps of that label let through before stopping

    def step(self, done: int, total: int, label: str = "") -> None:
        self.steps.append((done, total, label))
        if self.stop_at is not None and self.stop_at in label:
            if self.after == 0:
                raise Cancelled()
            self.after -= 1


@pytest.fixture
def writable(demo: Path) -> Iterator[Database]:
    with open_database(demo) as database:
        yield database


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the documents (the demo's copy lives in tmp_path)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder


def left_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_the_tableau_de_suivi_steps_forward_sheet_by_sheet_and_row_by_row(
    demo_db: Database, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "ROWS_PER_STEP", 5)  # the demo is small
    recorder = Recorder()
    path = write_monitoring_workbook(demo_db, out / "suivi.xlsx", progress=recorder)
    assert path.is_file()
    steps = recorder.steps
    done = [step[0] for step in steps]
    assert done == sorted(done) and done[0] == 0
    assert {step[1] for step in steps} == {100}
    labels = list(dict.fromkeys(step[2] for step in steps))
    assert labels[0] == "Lecture du plan…" and labels[-1] == "Enregistrement du fichier…"
    assert "Feuille « Actions » (2 sur 7)…" in labels
    assert "Feuille « Décisions et suites » (7 sur 7)…" in labels
    # Inside a sheet the bar moves too: several steps for the actions' rows.
    actions = [step for step in steps if "« Actions »" in step[2]]
    assert len({step[0] for step in actions}) > 1


@pytest.mark.parametrize("stop_at, after", [
    ("Lecture du plan", 0), ("« Actions »", 3), ("« Décisions et suites »", 0),
    ("Enregistrement", 0),
])
def test_a_cancelled_tableau_leaves_no_file_and_keeps_the_older_one(
    demo_db: Database, out: Path, monkeypatch: pytest.MonkeyPatch, stop_at: str,
    after: int,
) -> None:
    monkeypatch.setattr(progress_module, "ROWS_PER_STEP", 5)
    target = out / "suivi.xlsx"
    target.write_bytes(OLDER)
    temporary_before = list(ALL_TEMP_FILES)
    with pytest.raises(Cancelled) as stopped:
        write_monitoring_workbook(demo_db, target, progress=Recorder(stop_at, after))
    assert stopped.value.message == "Écriture annulée : aucun fichier n'a été écrit."
    assert isinstance(stopped.value, CharteError)  # French wherever it is caught
    assert target.read_bytes() == OLDER
    assert left_in(out) == ["suivi.xlsx"]  # no « .~charte-….tmp » beside it
    assert temporary_before == ALL_TEMP_FILES  # openpyxl's streamed rows removed too


def test_a_cancelled_tableau_writes_nothing_where_there_was_nothing(
    demo_db: Database, out: Path
) -> None:
    with pytest.raises(Cancelled):
        write_monitoring_workbook(demo_db, out / "suivi.xlsx",
                                  progress=Recorder("« Jalons »"))
    assert left_in(out) == []


def test_the_command_lines_call_is_unchanged(demo_db: Database, out: Path) -> None:
    workbook = open_xlsx(write_monitoring_workbook(demo_db, out / "suivi.xlsx"))
    assert "Actions" in workbook.sheetnames


def test_pilots_workbooks_step_per_workbook_and_stop_between_two(
    demo_db: Database, out: Path
) -> None:
    plan_id = list_plans(demo_db)[0].id
    pilots = plan_pilots(demo_db, plan_id)
    third = pilots[2].name
    recorder = Recorder(third)
    written = write_pilot_workbooks(demo_db, out, plan_id=plan_id, progress=recorder)
    assert [step[:2] for step in recorder.steps[:3]] == [(0, len(pilots)), (1, len(pilots)),
                                                         (2, len(pilots))]
    assert [step[2] for step in recorder.steps[:3]] == [pilot.name for pilot in pilots[:3]]
    # The two written before « Annuler » are whole; no third one was begun, nothing aside.
    assert len(written) == 2 and left_in(out) == sorted(p.name for p in written)
    for path in written:
        assert "Actions" in open_xlsx(path).sheetnames


def test_parts_share_the_bar_by_weight() -> None:
    recorder = Recorder()
    first, second = parts(recorder, [("Lecture…", 1), ("Écriture…", 3)])
    first.step(0, 1)
    second.step(1, 2)
    second.step(5, 2)  # beyond its end: held at the end of its part
    Part(second, 0, 10, 10, "Feuille").step(10, 10)
    assert recorder.steps == [(0, 4, "Lecture…"), (3, 4, "Écriture…"), (4, 4, "Écriture…"),
                              (4, 4, "Feuille")]


def test_a_worker_reads_through_its_own_connection_that_cannot_write(
    writable: Database, out: Path
) -> None:
    from sqlalchemy import text

    with reader_for_thread(writable) as reader:
        assert reader is not writable and reader.read_only
        assert reader.engine is not writable.engine
        with reader.session() as session:
            assert session.execute(text("SELECT count(*) FROM action")).scalar_one() > 0
        with pytest.raises(CharteError, match="lecture seule"), \
                reader.session() as session:
            session.execute(text("DELETE FROM action"))
        path = write_monitoring_workbook(reader, out / "suivi.xlsx")
    assert path.is_file()
    with writable.session() as session:
        assert session.execute(text("SELECT count(*) FROM action")).scalar_one() > 0
