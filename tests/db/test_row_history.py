"""Every change of an action, a meeting or a contact is recorded; a stale save is refused."""

from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, open_database
from charte_desktop.db.row_versions import editing
from charte_desktop.errors import StaleEditError
from charte_desktop.services import actions, directory
from charte_desktop.services.history import history_lines, row_version


@pytest.fixture
def officer(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr("getpass.getuser", lambda: "camille")
    return "camille"


def at(monkeypatch: pytest.MonkeyPatch, day: date, hour: int, minute: int) -> None:
    """Changes are recorded at this local moment."""
    moment = datetime.combine(day, time(hour, minute)).astimezone(UTC)
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_a_change_is_recorded_with_who_and_what(demo: Path, officer: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with open_database(demo) as db:
        action = actions.list_actions(db)[0]
        fields = actions.action_form_fields(db, action.id)
        before = row_version(db, "action", action.id)
        at(monkeypatch, date(2026, 3, 14), 13, 5)
        actions.update_action(db, action.id, replace(fields, title="Nouvel intitulé"))
        assert row_version(db, "action", action.id) == (before or 0) + 1
        latest = history_lines(db, "action", action.id)[0]
        assert latest.author == "camille"
        assert latest.what.startswith("Modification : intitulé (« Élaborer et mettre")
        assert latest.what.endswith("… » → « Nouvel intitulé »)")  # a long title shortened
        assert latest.when.startswith("14/03/2026 ")


def test_an_action_s_history_says_what_each_field_held_before_and_after(
        demo: Path, officer: str) -> None:
    """As the officer reads them: labels, French dates and amounts, people by name."""
    from decimal import Decimal

    from charte_desktop.db.enums import ActionStatus

    with open_database(demo) as db:
        action = next(a for a in actions.list_actions(db)
                      if a.status != ActionStatus.DONE and a.pilot_id)
        fields = actions.action_form_fields(db, action.id)
        people = [c for c in directory.list_contacts(db) if c.id != fields.pilot_id][:2]
        changed = replace(fields, status=ActionStatus.DONE, progress=100,
                          end_date=date(2027, 6, 30), pilot_id=people[0].id,
                          budget_planned=Decimal("12345.5"), description="Autre texte",
                          copilot_ids=[people[1].id])
        actions.update_action(db, action.id, changed)
        what = history_lines(db, "action", action.id)[0].what  # one line for one save
        old_pilot = directory.contact_fields(db, fields.pilot_id) if fields.pilot_id else None
    assert what.startswith("Modification : ")
    assert f"statut ({fields.status.label} → Réalisée)" in what
    assert f"avancement ({fields.progress} % → 100 %)" in what
    assert "→ 30/06/2027)" in what
    assert "→ 12\u202f345,50\u00a0€)" in what
    assert old_pilot is not None
    assert (f"pilote ({old_pilot.first_name} {old_pilot.last_name} → "
            f"{people[0].first_name} {people[0].last_name})") in what
    assert f"+ {people[1].first_name} {people[1].last_name}" in what
    assert "description" in what and "Autre texte" not in what  # named, not repeated


def test_creation_and_deletion_are_recorded(demo: Path, officer: str) -> None:
    with open_database(demo) as db:
        first = actions.list_actions(db)[0]
        fields = actions.action_form_fields(db, first.id)
        created = actions.create_action(db, replace(fields, code="9.1", title="Essai"))
        actions.delete_action(db, created.id)
        assert [line.what for line in history_lines(db, "action", created.id)] == [
            "Suppression", "Création"]


def test_a_save_from_an_older_version_is_refused_and_writes_nothing(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_database(demo) as db:
        action = actions.list_actions(db)[0]
        fields = actions.action_form_fields(db, action.id)
        opened_at = row_version(db, "action", action.id)
        # Meanwhile dominique saves the same action.
        monkeypatch.setattr("getpass.getuser", lambda: "dominique")
        db._author = None
        at(monkeypatch, clock.today(), 14, 5)
        actions.update_action(db, action.id, replace(fields, title="Sa version"))
        with pytest.raises(StaleEditError) as refused, editing("action", action.id, opened_at):
            actions.update_action(db, action.id, replace(fields, title="Ma version"))
        assert refused.value.message.startswith(
            "Cette action a été modifiée par dominique à 14h05 pendant que vous la modifiiez")
        assert (refused.value.table, refused.value.row_id) == ("action", action.id)
        assert actions.get_action(db, action.id).title == "Sa version"


def test_a_save_from_the_current_version_lands(demo: Path) -> None:
    with open_database(demo) as db:
        contact = directory.list_contacts(db)[0]
        fields = directory.contact_fields(db, contact.id)
        with editing("contact", contact.id, row_version(db, "contact", contact.id)):
            directory.update_contact(db, contact.id, replace(fields, phone="03 80 00 00 00"))
        assert directory.contact_fields(db, contact.id).phone == "03 80 00 00 00"
        # A person's old phone is not kept in the history (RGPD): the field is named.
        assert history_lines(db, "contact", contact.id)[0].what == "Modification : téléphone"


def test_changing_only_the_copilots_moves_the_version(demo: Path) -> None:
    with open_database(demo) as db:
        action = actions.list_actions(db)[0]
        fields = actions.action_form_fields(db, action.id)
        contacts = [c.id for c in directory.list_contacts(db)[:2]]
        before = row_version(db, "action", action.id)
        actions.update_action(db, action.id, replace(fields, copilot_ids=contacts))
        assert row_version(db, "action", action.id) != before


def test_an_imported_action_and_a_tick_in_the_policy_matrix_are_recorded(
        db: Database, officer: str, tmp_path: Path) -> None:
    """Written by plain SQL statements, not by the forms: recorded all the same."""
    import openpyxl

    from charte_desktop.imports.action_plan import (
        ACTION_FIELDS,
        Target,
        apply_actions,
        preview_actions,
    )
    from charte_desktop.imports.columns import guess_header
    from charte_desktop.imports.table_reader import read_table
    from charte_desktop.services.action_details import PolicyFields, create_policy
    from charte_desktop.services.policy_matrix import set_action_policy

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Plan vélo"], ["N°", "Intitulé"], ["1.1", "Vélo-école"],
                ["1.2", "Stationnement"]):
        sheet.append(row)
    book.save(tmp_path / "plan.xlsx")
    table = read_table(tmp_path / "plan.xlsx")
    result = apply_actions(db, preview_actions(db, table, guess_header(table, ACTION_FIELDS),
                                               Target()))
    imported = [row.id for row in actions.list_actions(db) if row.plan_id == result.plan_id]
    assert len(imported) == 2
    for action_id in imported:
        [line] = history_lines(db, "action", action_id)
        assert (line.author, line.what) == (db.author, "Création")  # the server user there

    policy = create_policy(db, PolicyFields(code="PVD")).id
    set_action_policy(db, imported[0], policy, True)
    set_action_policy(db, imported[0], policy, True)  # already ticked: nothing happens
    set_action_policy(db, imported[0], policy, False)
    assert [line.what for line in history_lines(db, "action", imported[0])] == [
        "Modification : politiques publiques", "Modification : politiques publiques",
        "Création"]


def test_a_meeting_s_history_says_its_new_day_hours_and_place(demo: Path, officer: str) -> None:
    from charte_desktop.db.enums import MeetingState
    from charte_desktop.services import meetings

    with open_database(demo) as db:
        meeting = next(m for m in meetings.list_meetings(db)
                       if m.state == MeetingState.PLANNED)
        fields = meetings.meeting_fields(db, meeting.id)
        meetings.update_meeting(db, meeting.id, replace(
            fields, date=date(2027, 3, 18), start_time=time(9, 30), end_time=time(12, 0),
            place="Salle des fêtes"))
        what = history_lines(db, "meeting", meeting.id)[0].what
    assert f"date ({fields.date:%d/%m/%Y} → 18/03/2027)" in what
    assert "→ 9\u00a0h\u00a030)" in what and "→ 12\u00a0h)" in what
    assert "→ « Salle des fêtes »)" in what
