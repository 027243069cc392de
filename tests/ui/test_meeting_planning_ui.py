"""Réunions screen: planning a series of meetings, and the warning on too long an agenda."""

from datetime import date, time
from typing import Any

from pytestqt.qtbot import QtBot

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.services import meetings
from charte_desktop.services.holidays import day_warning
from charte_desktop.services.recurrence import RecurrenceRule
from charte_desktop.ui.pages.recurrence_dialog import WEEKDAYS, RecurrenceDialog, preview_text
from tests.ui.helpers import type_text, when_dialog_opens
from tests.ui.test_meetings_page import click, open_page, planned_copil


def body_dates(db: Database, body_id: int) -> list[date]:
    return [r.date for r in meetings.list_meetings(db, meetings.MeetingFilter(body_id=body_id))]


def test_plan_a_quarterly_series_until_a_date(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_page(qtbot, demo_db)
    body_id = planned_copil(demo_db).body_id
    year = clock.today().year + 2
    first, until = date(year, 3, 14), date(year + 1, 3, 31)
    # Already planned on a date of the series: it is skipped, not doubled.
    existing = meetings.create_meeting(demo_db, meetings.MeetingFields(
        body_id, date(year, 9, 14), place="Mairie"))
    invitees = len(meetings.get_meeting(demo_db, existing.id).attendances)
    before = body_dates(demo_db, body_id)
    seen: dict[str, Any] = {}

    def plan(dialog: Any) -> None:
        assert isinstance(dialog, RecurrenceDialog)
        assert dialog.inputs["every"].get() == 3
        assert dialog.inputs["rule"].get() is RecurrenceRule.MONTHS
        dialog.inputs["body_id"].set(body_id)
        dialog.inputs["first_date"].set(first)
        dialog.inputs["until"].set(until)
        dialog.inputs["start_time"].set(time(9, 30))
        dialog.inputs["end_time"].set(time(12, 0))
        type_text(qtbot, dialog.inputs["place"].widget, "Salle des fêtes")
        dialog.validate()
        seen["lines"] = dialog.preview_lines()
        seen["summary"] = dialog.summary.text()
        seen["save"] = dialog.save_button.text()
        click(qtbot, dialog.save_button)

    when_dialog_opens(plan)
    click(qtbot, page.series_button)

    series = [date(year, 3, 14), date(year, 6, 14), date(year, 9, 14), date(year, 12, 14),
              date(year + 1, 3, 14)]
    assert seen["lines"] == [preview_text(day, day == existing.date, day_warning(day))
                             for day in series]
    assert seen["lines"][0] == f"14/03/{year} ({WEEKDAYS[first.weekday()]})"
    assert seen["lines"][2].endswith(f"14/09/{year} ({WEEKDAYS[series[2].weekday()]})"
                                     " — déjà prévue")
    assert seen["summary"].startswith("4 réunions seront créées")
    assert "1 date déjà prévue est laissée telle quelle." in seen["summary"]
    assert seen["save"] == "&Créer les 4 réunions"

    after = body_dates(demo_db, body_id)
    assert sorted(set(after) - set(before)) == [d for d in series if d != existing.date]
    assert after.count(existing.date) == 1
    assert meetings.get_meeting(demo_db, existing.id).place == "Mairie"
    rows = [r for r in meetings.list_meetings(demo_db)
            if r.body_id == body_id and r.date in series and r.id != existing.id]
    assert {(r.state, r.start_time, r.end_time, r.place, r.invitee_count) for r in rows} == {
        (MeetingState.PLANNED, time(9, 30), time(12, 0), "Salle des fêtes", invitees)}
    # The first meeting of the series is selected, with its invitees below.
    assert page.meetings.current_row().date == first
    assert page.attendance.model.rowCount() == invitees

    window.undo_stack.undo()
    assert body_dates(demo_db, body_id) == before
    window.undo_stack.redo()
    assert len(body_dates(demo_db, body_id)) == len(before) + 4
    # The very same meetings are back (same ids), with their invitees.
    again = [r for r in meetings.list_meetings(demo_db) if r.id in {row.id for row in rows}]
    assert {(r.id, r.invitee_count) for r in again} == {(r.id, invitees) for r in rows}


def test_too_long_a_series_is_explained_and_cannot_be_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    before = len(meetings.list_meetings(demo_db))
    seen: dict[str, Any] = {}

    def weekly_for_years(dialog: Any) -> None:
        dialog.inputs["first_date"].set(date(2027, 1, 4))
        dialog.inputs["every"].set(1)
        dialog.inputs["rule"].set(RecurrenceRule.WEEKS)
        dialog.inputs["until"].set(date(2029, 12, 31))
        dialog.validate()
        seen["enabled"] = dialog.save_button.isEnabled()
        seen["error"] = dialog.errors["until"].text()
        seen["visible"] = not dialog.errors["until"].isHidden()
        seen["lines"] = dialog.preview_lines()
        dialog.inputs["until"].set(date(2026, 12, 31))  # before the first date
        dialog.validate()
        seen["order"] = dialog.errors["until"].text()
        dialog.done(0)

    when_dialog_opens(weekly_for_years)
    click(qtbot, page.series_button)
    assert seen["enabled"] is False and seen["visible"] is True
    assert seen["error"].startswith("Une série compte au plus 60 réunions")
    assert seen["lines"] == []
    assert seen["order"].startswith("Le champ « Jusqu'au » (31/12/2026) doit être postérieur")
    assert len(meetings.list_meetings(demo_db)) == before


def test_agenda_overrun_warning_follows_agenda_and_meeting_changes(
    qtbot: QtBot, demo_db: Database
) -> None:
    _, page = open_page(qtbot, demo_db)
    meeting = planned_copil(demo_db)
    page.show_item(meeting.id)
    # The total is always said; orange only when it overruns.
    assert page.overrun_label.text().startswith("Ordre du jour : ")
    assert "#c2410c" not in page.overrun_label.styleSheet()
    details = meetings.get_meeting(demo_db, meeting.id)
    assert details.start_time is not None and details.end_time is not None
    length = (details.end_time.hour * 60 + details.end_time.minute
              - details.start_time.hour * 60 - details.start_time.minute)
    planned = sum(a.duration_minutes or 0 for a in details.agenda_items)
    too_long = length - planned + 15

    def add_long_point(dialog: Any) -> None:
        type_text(qtbot, dialog.inputs["title"].widget, "Débat sur la stratégie logistique")
        dialog.inputs["duration_minutes"].set(too_long)
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(add_long_point)
    click(qtbot, page.agenda.new_button)
    assert not page.overrun_label.isHidden()
    text = page.overrun_label.text()
    assert text.startswith("L'ordre du jour prévoit ")
    assert text.endswith(": 15 min de trop.")
    assert "#c2410c" in page.overrun_label.styleSheet()  # orange

    def shorten(dialog: Any) -> None:
        dialog.inputs["duration_minutes"].set(too_long - 15)
        dialog.validate()
        click(qtbot, dialog.save_button)

    page.agenda.select_id(meetings.get_meeting(demo_db, meeting.id).agenda_items[-1].id)
    when_dialog_opens(shorten)
    click(qtbot, page.agenda.edit_button)
    assert page.overrun_label.text().endswith("(complet)")  # exactly the meeting's length
    assert "#c2410c" not in page.overrun_label.styleSheet()

    def end_half_an_hour_earlier(dialog: Any) -> None:
        end = details.end_time
        assert end is not None
        dialog.inputs["end_time"].set(time(end.hour - 1, end.minute + 30)
                                      if end.minute < 30 else time(end.hour, end.minute - 30))
        dialog.validate()
        click(qtbot, dialog.save_button)

    when_dialog_opens(end_half_an_hour_earlier)
    click(qtbot, page.meetings.edit_button)
    assert not page.overrun_label.isHidden()
    assert page.overrun_label.text().endswith(": 30 min de trop.")

    page.context.undo_stack.undo()  # the meeting's end time comes back
    assert page.overrun_label.text().endswith("(complet)")
