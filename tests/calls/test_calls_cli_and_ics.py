"""`list calls` and `export ics --calls`: the contract's fields, bad files, and the
calendar read back with the `icalendar` package the other .ics tests use."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from charte_desktop import clock
from charte_desktop.cli.main import run
from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import CallState
from charte_desktop.errors import CharteError
from charte_desktop.exports.calls_ics import summary, write_calls_ics
from charte_desktop.services import calls
from tests.bad_files import BAD_FILES
from tests.command_line import run_cli
from tests.fixed_day import TEST_DAY

CALL_FIELDS = {"id", "funder", "title", "submission_deadline", "state", "action_ids"}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with clock.fixed(TEST_DAY):
        assert run(["demo", str(path)]) == 0
    return path


def test_list_calls_json_gives_the_contract_fields(
        demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "list", "calls", str(demo_file), "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert len(rows) == 4 and all(set(row) >= CALL_FIELDS for row in rows)
    by_title = {row["title"].split(" –")[0]: row for row in rows}
    assert set(by_title) == {"DETR 2027", "DSIL", "Fonds vert", "ADEME"}
    detr = by_title["DETR 2027"]
    assert detr["state"] == "preparing" and detr["funder"].startswith("Préfecture du Doubs")
    assert detr["submission_deadline"] == (TEST_DAY + timedelta(days=21)).isoformat()
    assert all(isinstance(i, int) for i in detr["action_ids"]) and len(detr["action_ids"]) == 2
    assert by_title["ADEME"]["amount"] == "72000.00" and by_title["DSIL"]["state"] == "accepted"


def test_list_calls_table_and_empty_file(
        demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "list", "calls", str(demo_file))
    assert code == 0 and "Candidature en préparation" in out and "Financeur" in out
    empty = tmp_path / "vide.sqlite"
    assert run(["demo", str(empty)]) == 0
    connection = open_database(empty)
    for row in calls.list_calls(connection):
        calls.delete_call(connection, row.id)
    connection.close()
    capsys.readouterr()
    assert run_cli(capsys, "list", "calls", str(empty))[1].strip() == "Aucun appel à projets."
    assert json.loads(run_cli(capsys, "list", "calls", str(empty), "--json")[1]) == []


@pytest.mark.parametrize("case", ["missing", "text", "newer"])
def test_list_calls_of_a_bad_file_exits_1_in_french(
        case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build, words = BAD_FILES[case]
    code, out, err = run_cli(capsys, "list", "calls", str(build(tmp_path)), "--json")
    assert (code, out) == (1, "") and words in err and "Traceback" not in err


def test_export_ics_calls_read_back(demo_file: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "échéances.ics"
    code, out, err = run_cli(capsys, "export", "ics", str(demo_file), "--calls", "-o", target)
    assert (code, err) == (0, "") and out.strip() == str(target)
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    found = [(e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events]
    assert found == sorted(found, key=lambda item: item[0])
    assert all(day >= TEST_DAY and not isinstance(day, datetime) for day, _ in found)
    assert (TEST_DAY + timedelta(days=9),
            "Pré-dépôt\u00a0: Fonds vert – renaturation et verdissement des espaces "
            "publics") in found
    assert (TEST_DAY + timedelta(days=21),
            "Dépôt\u00a0: DETR 2027 – aménagements de sécurité et de mobilité des "
            "communes") in found
    # A decided call (the DSIL) has no event; each event lasts its whole day.
    assert not any("DSIL" in text for _, text in found)
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == timedelta(days=1) for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_the_same_deadline_keeps_its_uid_when_moved(db: Database, tmp_path: Path) -> None:
    call = calls.create_call(db, calls.CallFields(
        title="Fonds vert", submission_deadline=TEST_DAY + timedelta(days=3)))
    now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    first = write_calls_ics(db, tmp_path / "a.ics", now=now)
    fields = calls.call_fields(db, call.id)
    fields.submission_deadline = date(2026, 12, 30)
    calls.update_call(db, call.id, fields)
    second = write_calls_ics(db, tmp_path / "b.ics", now=now)

    def uid_and_day(path: Path) -> tuple[str, date]:
        event = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        return str(event["UID"]), event.decoded("DTSTART")

    assert uid_and_day(first)[0] == uid_and_day(second)[0]
    assert uid_and_day(second)[1] == date(2026, 12, 30)


def test_nothing_to_come_is_said_in_french(db: Database, tmp_path: Path) -> None:
    calls.create_call(db, calls.CallFields(title="DSIL", state=CallState.REJECTED,
                                           submission_deadline=TEST_DAY))
    with pytest.raises(CharteError, match="rien à exporter"):
        write_calls_ics(db, tmp_path / "x.ics")
    assert not (tmp_path / "x.ics").exists()


def test_summary_names_kind_and_call() -> None:
    deadline = calls.Deadline(TEST_DAY, "décision", 1, "ADEME – logistique", "ADEME", 0)
    assert summary(deadline) == "Décision\u00a0: ADEME – logistique"
