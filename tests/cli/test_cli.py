"""The command line contract: commands, JSON fields, exit codes, French messages."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.cli.main import run
from charte_desktop.db.schema_version import HEAD_REVISION
from tests.bad_files import BAD_FILES, copy_of
from tests.command_line import run_cli
from tests.fixed_day import TEST_DAY

LIST_KINDS = ("plans", "actions", "bodies", "meetings", "indicators", "contacts")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with clock.fixed(TEST_DAY):  # built before the function-scoped fixed_today
        assert run(["demo", str(path)]) == 0
    return path



def test_demo_writes_a_sound_file(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check", str(demo_file))
    assert (code, err) == (0, "")
    assert "sain" in out and HEAD_REVISION in out


def test_demo_refuses_an_existing_file_unless_forced(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of(demo_file, tmp_path)
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "demo", str(path))
    assert code == 1 and out == ""
    assert "existe déjà" in err and err.count("\n") == 1
    assert path.read_bytes() == before
    code, out, _ = run_cli(capsys, "demo", str(path), "--force")
    assert code == 0 and "Territoire de démonstration écrit" in out


def test_demo_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "demo", str(tmp_path), "--force")
    assert code == 1 and "dossier" in err


def test_demo_into_missing_folder_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "demo", str(tmp_path / "absent" / "d.sqlite"))
    assert code == 1 and "n'existe pas" in err


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_list_json_gives_objects_with_ids(
    demo_file: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "list", kind, str(demo_file), "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert isinstance(rows, list) and rows
    assert all(isinstance(row["id"], int) for row in rows)
    assert len({row["id"] for row in rows}) == len(rows)


def test_list_meetings_json_fields(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "list", "meetings", str(demo_file), "--json")
    meetings = json.loads(out)
    assert len(meetings) >= 8
    for meeting in meetings:
        assert {"id", "body", "date", "state"} <= meeting.keys()
        assert meeting["state"] in {"planned", "held", "cancelled"}
        assert len(meeting["date"]) == 10 and meeting["date"][4] == "-"  # ISO
    assert {"planned", "held"} <= {m["state"] for m in meetings}
    _, out, _ = run_cli(capsys, "list", "bodies", str(demo_file), "--json")
    bodies = {body["id"]: body for body in json.loads(out)}
    assert all(bodies[m["body_id"]]["name"] == m["body"] for m in meetings)
    assert "copil" in {bodies[m["body_id"]]["kind"] for m in meetings}


def test_list_actions_and_contacts_json_fields(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run_cli(capsys, "list", "actions", str(demo_file), "--json")
    actions = json.loads(out)
    assert all({"id", "code", "title", "status"} <= a.keys() for a in actions)
    assert "late" in {a["status"] for a in actions}
    assert {a["status_label"] for a in actions} >= {"En retard", "En cours", "Réalisée"}
    assert all(isinstance(a["budget_planned"], str) for a in actions)  # exact decimals
    _, out, _ = run_cli(capsys, "list", "contacts", str(demo_file), "--json")
    contacts = json.loads(out)
    assert all({"id", "name", "organisation"} <= c.keys() for c in contacts)
    assert any(c["organisation"] for c in contacts)


def test_list_table_is_readable_french(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(capsys, "list", "actions", str(demo_file))
    header = out.splitlines()[0]
    assert "Intitulé" in header and "Statut" in header and "Échéance" in header
    assert "€" in out
    assert any(part.count("/") == 2 for part in out.split())  # dates as 14/03/2026
    _, out, _ = run_cli(capsys, "list", "meetings", str(demo_file))
    assert "Instance" in out.splitlines()[0]


def test_list_on_a_new_file_says_nothing_to_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from charte_desktop.db import create_database

    path = tmp_path / "nouveau.sqlite"
    create_database(path).close()
    code, out, _ = run_cli(capsys, "list", "meetings", str(path))
    assert (code, out.strip()) == (0, "Aucune réunion.")
    code, out, _ = run_cli(capsys, "list", "meetings", str(path), "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize("case", sorted(BAD_FILES))
@pytest.mark.parametrize(
    "command", [["check"], ["list", "meetings"], ["list", "actions", "--json"]]
)
def test_bad_files_get_exit_1_a_french_line_and_stay_identical(
    case: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, words = BAD_FILES[case]
    path = build(tmp_path)
    before = path.read_bytes() if path.exists() else None
    argv = [*command[:2], str(path), *command[2:]] if command[0] == "list" else [*command,
                                                                                 str(path)]
    code, out, err = run_cli(capsys, *argv)
    assert code == 1
    assert out == ""
    assert words in err and err.count("\n") == 1
    assert "Traceback" not in err
    assert (path.read_bytes() if path.exists() else None) == before


def test_check_reports_broken_references(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of(demo_file, tmp_path)
    connection = sqlite3.connect(path)  # foreign keys off: the damage goes in
    connection.execute("UPDATE meeting SET body_id = 99999 WHERE id = (SELECT min(id) "
                       "FROM meeting)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 1 and out == ""
    assert "endommagé" in err and "meeting" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "reunions", "x.sqlite"],
        ["demo"],
        ["demo", "x.sqlite", "--size", "huge"],
        ["check", "a.sqlite", "--frobnicate"],
        ["frobnicate"],
        ["--db"],
        ["--db", "a.sqlite", "--demo"],
    ],
)
def test_usage_errors_exit_2_in_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert "utilisation" in err
    assert "Traceback" not in err


def test_real_entry_point(demo_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "charte_desktop", "list", "meetings", str(demo_file), "--json"],
        capture_output=True, timeout=60,
    )
    assert result.returncode == 0
    meetings = json.loads(result.stdout.decode("utf-8"))
    assert meetings and "é" in json.dumps(meetings, ensure_ascii=False)
