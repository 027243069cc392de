"""`export ics` and `export email`: written path on stdout, notes on stderr, exit 0/1/2."""

from email import policy
from email.parser import BytesParser
from pathlib import Path

import icalendar
import pytest

from charte_desktop.db import open_database
from charte_desktop.db.enums import MeetingState
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.meetings import MeetingFilter, add_invitee, list_meetings
from tests.exports.test_cli_export import run_cli


def _planned_body(demo: Path) -> tuple[int, int]:
    """(body id, number of its planned meetings) of a demo body with planned meetings."""
    with open_database(demo, read_only=True) as db:
        row = next(r for r in list_meetings(db) if r.state is MeetingState.PLANNED)
        planned = list_meetings(db, MeetingFilter(body_id=row.body_id,
                                                  state=MeetingState.PLANNED))
    return row.body_id, len(planned)


def test_ics_of_a_meeting_under_its_suggested_name(
    demo: Path, held_meeting_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "export", "ics", str(demo), "--meeting",
                             str(held_meeting_id))
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == tmp_path and written.name.startswith("Réunion - ")
    assert written.suffix == ".ics"
    assert len(icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")) == 1


def test_ics_of_a_body(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body_id, count = _planned_body(demo)
    target = tmp_path / "instance.ics"
    code, out, err = run_cli(capsys, "export", "ics", str(demo), "--body", str(body_id),
                             "-o", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")
    assert len(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == count


@pytest.mark.parametrize(("argv", "message"), [
    (("--meeting", "999"), "La réunion n° 999 est introuvable.\n"),
    (("--body", "999"), "L'instance n° 999 est introuvable.\n"),
])
def test_ics_unknown_item_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...], message: str,
) -> None:
    code, out, err = run_cli(capsys, "export", "ics", str(demo), *argv,
                             "-o", str(tmp_path / "x.ics"))
    assert (code, out, err) == (1, "", message)
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize("argv", [
    ("export", "ics", "f.sqlite"),
    ("export", "ics", "f.sqlite", "--meeting", "1", "--body", "1"),
    ("export", "ics", "f.sqlite", "--body", "un"),
    ("export", "email", "f.sqlite", "--meeting", "1"),
    ("export", "email", "f.sqlite", "--meeting", "1", "--document", "attendance"),
    ("export", "email", "f.sqlite", "--document", "minutes"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == "" and "erreur" in err


def test_email_draft_under_its_suggested_name(
    demo: Path, held_meeting_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "export", "email", str(demo), "--meeting",
                             str(held_meeting_id), "--document", "minutes")
    assert (code, err) == (0, "")
    written = Path(out.strip())
    assert written.parent == tmp_path and written.name.startswith("Compte rendu - ")
    assert written.suffix == ".eml"
    with written.open("rb") as stream:
        message = BytesParser(policy=policy.default).parse(stream)
    assert message["X-Unsent"] == "1" and message["Subject"].startswith("Compte rendu – ")


def test_email_draft_notes_contacts_without_email_on_stderr(
    demo: Path, held_meeting_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(demo) as db:
        contact = create_contact(db, ContactFields(last_name="Sansmail", first_name="Léa"))
        add_invitee(db, held_meeting_id, contact.id)
    target = tmp_path / "brouillon.eml"
    code, out, err = run_cli(capsys, "export", "email", str(demo), "--meeting",
                             str(held_meeting_id), "--document", "convocation", "-o",
                             str(target))
    assert (code, out) == (0, f"{target}\n")
    assert err == ("Sans adresse électronique, non inclus·e dans le brouillon : "
                   "Léa Sansmail.\n")
    assert target.is_file()


def test_email_draft_of_unknown_meeting_exits_1(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "export", "email", str(demo), "--meeting", "999",
                             "--document", "minutes", "-o", str(tmp_path / "x.eml"))
    assert (code, out, err) == (1, "", "La réunion n° 999 est introuvable.\n")
    assert not (tmp_path / "x.eml").exists()
