"""The forms of Réunions, typed: a meeting, its agenda, decisions and follow-ups, a series
of meetings, and the attendance controls. Each is reached with the keyboard, filled key by
key, saved with Ctrl+S (or its button), then read back from the file."""

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, MeetingState
from charte_desktop.services import meetings
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.meetings_page import MeetingsPage
from charte_desktop.ui.pages.recurrence_dialog import RecurrenceDialog
from tests.ui.keyboard import (
    CTRL,
    field,
    focused,
    key,
    officer_types,
    open_row,
    open_screen,
    press,
    press_alt,
    press_button,
    replace_text,
    tick,
    type_keys,
    type_to_select,
    when_form_opens,
)

COTECH_MEETING = 9  # COTECH of 03/12/2026, 14:00–16:30, five agenda items
EARLIER_COTECH = 6  # COTECH of 12/10/2026, with follow-ups
COTECH = 2  # « Comité technique de la charte »
PARTNERS = 3  # « Comité des partenaires de la logistique et des mobilités »
CAMILLE_ROUSSEL = 8
HELENE_BARBIER = 44
INES_HADDAD = 14
ODILE_PROST = 36  # invited to nothing
LAURE_BESSON = 16  # invited to the COTECH of 03/12/2026
PHILIPPE_CHAUVIN = 15  # idem
SPACE_ACTION = 3  # « 1.3 Expérimenter un espace logistique de proximité à Saint-Aubin »


def open_meetings(qtbot: QtBot, db: Database, item_id: int | None = None
                  ) -> tuple[MainWindow, MeetingsPage]:
    window, page = open_screen(qtbot, db, "meetings", "meetings", item_id)
    assert isinstance(page, MeetingsPage)
    return window, page


def meetings_of(db: Database, body_id: int) -> list[meetings.MeetingRow]:
    return meetings.list_meetings(db, meetings.MeetingFilter(body_id=body_id))


# --- meeting -------------------------------------------------------------------------------
def test_a_new_meeting_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_meetings(qtbot, demo_db)
    before = {r.id for r in meetings_of(demo_db, COTECH)}
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Instance": "comite technique",
        "Date": "14/3/27",
        "Heure de début": "14h30",
        "Heure de fin": "1630",
        "Lieu": "Salle du conseil, Saint-Aubin",
        "État": "prevue",
        "Secrétaire de séance": "roussel",
        "Notes": "Ordre du jour à envoyer 15 jours avant",
    }, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is False, seen
    [new_id] = {r.id for r in meetings_of(demo_db, COTECH)} - before
    meeting = meetings.get_meeting(demo_db, new_id)
    assert meeting.date == date(2027, 3, 14)
    assert (meeting.start_time, meeting.end_time) == (time(14, 30), time(16, 30))
    assert meeting.place == "Salle du conseil, Saint-Aubin"
    assert meeting.state is MeetingState.PLANNED
    assert meeting.secretary_id == CAMILLE_ROUSSEL
    assert meeting.notes == "Ordre du jour à envoyer 15 jours avant"


@pytest.mark.parametrize(("typed", "problems"), [
    ({"Date": "31/02/2027"}, {"date": "La date « 31/02/2027 » n'existe pas."}),
    ({"Date": ""}, {"date": "Le champ « Date » est obligatoire."}),
    ({"Heure de début": "25h00"}, {"start_time": "L'heure « 25h00 » n'existe pas."}),
    ({"Heure de début": "midi"},
     {"start_time": "« midi » n'est pas une heure (exemple : 14:30)."}),
    ({"Heure de début": "16h", "Heure de fin": "14h30"}, {
        "end_time": "Le champ « Heure de fin » (14:30) doit être postérieur ou égal au champ "
                    "« Heure de début » (16:00)."}),
    ({"Instance": "groupe projet"}, {
        "body_id": "« groupe projet » correspond à 3 éléments de la liste : précisez."}),
])
def test_a_hurried_meeting_is_not_saved(qtbot: QtBot, demo_db: Database,
                                        typed: dict[str, str], problems: dict[str, str]
                                        ) -> None:
    window, _page = open_meetings(qtbot, demo_db)
    before = len(meetings.list_meetings(demo_db))
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Instance": "comite technique", **typed}, seen=seen))
    press(window, Qt.Key.Key_N, CTRL)
    assert seen["open"] is True
    assert seen["problems"] == problems
    assert len(meetings.list_meetings(demo_db)) == before


def test_editing_a_meeting_types_over_its_date_and_hours(qtbot: QtBot, demo_db: Database
                                                         ) -> None:
    _window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    before = meetings.get_meeting(demo_db, COTECH_MEETING)
    assert before.end_time is not None
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Date": "4/12/26", "Heure de début": "9h05",
                                   "Heure de fin": ""}, seen=seen))
    open_row(page.meetings.table)
    assert seen["open"] is False, seen
    after = meetings.get_meeting(demo_db, COTECH_MEETING)
    assert (after.date, after.start_time, after.end_time) == (date(2026, 12, 4), time(9, 5),
                                                              None)
    assert (after.body_id, after.place) == (before.body_id, before.place)


# --- agenda --------------------------------------------------------------------------------
def test_a_new_agenda_item_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_O)  # « Ordre du jour »
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Intitulé du point": "Bilan des aires de livraison",
        "Présenté par": "helene barbier",
        "Durée prévue": "45",
        "Compte rendu des échanges": "Présentation reportée",
    }, seen=seen))
    press_alt(window, Qt.Key.Key_J)  # « Ajouter »
    assert seen["open"] is False, seen
    items = meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items
    item = next(i for i in items if i.title == "Bilan des aires de livraison")
    assert (item.presenter_id, item.duration_minutes, item.minutes_text) == (
        HELENE_BARBIER, 45, "Présentation reportée")


def test_an_agenda_item_without_a_title_or_with_an_unknown_presenter_is_not_saved(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, _page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    before = len(meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items)
    press_alt(window, Qt.Key.Key_O)
    for typed, problems in (
        ({"Intitulé du point": "", "Durée prévue": "30"}, ["title"]),
        ({"Intitulé du point": "Point", "Présenté par": "Zorro"}, ["presenter_id"]),
    ):
        seen: dict[str, Any] = {}
        when_form_opens(officer_types(typed, seen=seen))
        press_alt(window, Qt.Key.Key_J)
        assert seen["open"] is True, typed
        assert list(seen["problems"]) == problems
    assert len(meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items) == before


def test_editing_an_agenda_item_types_over_its_duration_and_empties_its_presenter(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_O)
    item = meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items[1]
    assert page.agenda.select_id(item.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Durée prévue": "20", "Présenté par": ""}, seen=seen))
    open_row(page.agenda.table)
    assert seen["open"] is False, seen
    after = next(i for i in meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items
                 if i.id == item.id)
    assert (after.duration_minutes, after.presenter_id, after.title) == (20, None, item.title)


# --- decision ------------------------------------------------------------------------------
def test_a_new_decision_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_C)  # « Décisions »
    assert page.tabs.currentWidget() is page.decisions
    item = next(i for i in meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items
                if "espace logistique" in i.title)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Décision": "Le COTECH valide le dépôt de la candidature.",
        "Point de l'ordre du jour": "espace logistique",
        "Action concernée": "1.3 experimenter",
    }, seen=seen))
    press_alt(window, Qt.Key.Key_J)
    assert seen["open"] is False, seen
    [decision] = meetings.get_meeting(demo_db, COTECH_MEETING).decisions
    assert decision.text == "Le COTECH valide le dépôt de la candidature."
    assert (decision.agenda_item_id, decision.action_id) == (item.id, SPACE_ACTION)


def test_a_decision_without_text_is_not_saved(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_C)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Décision": "", "Action concernée": "1.3"}, seen=seen))
    press_alt(window, Qt.Key.Key_J)
    assert seen["open"] is True
    assert list(seen["problems"]) == ["text"]
    assert meetings.get_meeting(demo_db, COTECH_MEETING).decisions == []


def test_editing_a_decision_types_over_its_text_and_empties_its_action(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, EARLIER_COTECH)
    press_alt(window, Qt.Key.Key_C)
    decision = next(d for d in meetings.get_meeting(demo_db, EARLIER_COTECH).decisions
                    if d.action_id is not None)
    assert page.decisions.select_id(decision.id)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Décision": "Décision reformulée en séance.",
                                   "Action concernée": ""}, seen=seen))
    open_row(page.decisions.table)
    assert seen["open"] is False, seen
    after = next(d for d in meetings.get_meeting(demo_db, EARLIER_COTECH).decisions
                 if d.id == decision.id)
    assert (after.text, after.action_id, after.agenda_item_id) == (
        "Décision reformulée en séance.", None, decision.agenda_item_id)


# --- follow-up -----------------------------------------------------------------------------
def test_a_new_follow_up_typed_lands(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_U)  # « Suites à donner »
    assert page.tabs.currentWidget() is page.follow_ups
    item = next(i for i in meetings.get_meeting(demo_db, COTECH_MEETING).agenda_items
                if i.title == "Questions diverses")

    def fill(dialog: Any) -> None:
        replace_text(field(dialog, "Suite à donner"), "Envoyer le relevé de décisions")
        replace_text(field(dialog, "Responsable"), "ines haddad")
        replace_text(field(dialog, "Échéance"), "1/2/27")
        tick(field(dialog, "Fait"))
        replace_text(field(dialog, "Point de l'ordre du jour"), "questions diverses")
        press(dialog, Qt.Key.Key_S, CTRL)

    when_form_opens(fill)
    press_alt(window, Qt.Key.Key_J)
    [follow_up] = meetings.get_meeting(demo_db, COTECH_MEETING).follow_ups
    assert follow_up.text == "Envoyer le relevé de décisions"
    assert (follow_up.owner_id, follow_up.due_date, follow_up.done) == (
        INES_HADDAD, date(2027, 2, 1), True)
    assert (follow_up.agenda_item_id, follow_up.action_id) == (item.id, None)


def test_a_follow_up_with_an_impossible_date_is_not_saved(qtbot: QtBot, demo_db: Database
                                                          ) -> None:
    window, _page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_U)
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Suite à donner": "Relancer", "Échéance": "31/02/2027"},
                                  seen=seen))
    press_alt(window, Qt.Key.Key_J)
    assert seen["open"] is True
    assert seen["problems"] == {"due_date": "La date « 31/02/2027 » n'existe pas."}
    assert meetings.get_meeting(demo_db, COTECH_MEETING).follow_ups == []


def test_editing_a_follow_up_types_over_its_date_then_empties_it(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_meetings(qtbot, demo_db, EARLIER_COTECH)
    press_alt(window, Qt.Key.Key_U)
    follow_up = meetings.get_meeting(demo_db, EARLIER_COTECH).follow_ups[0]
    assert follow_up.due_date is not None
    assert page.follow_ups.select_id(follow_up.id)

    def due_date() -> date | None:
        return next(f for f in meetings.get_meeting(demo_db, EARLIER_COTECH).follow_ups
                    if f.id == follow_up.id).due_date

    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Échéance": "5/11/26"}, seen=seen))
    open_row(page.follow_ups.table)
    assert seen["open"] is False, seen
    assert due_date() == date(2026, 11, 5)

    seen = {}
    when_form_opens(officer_types({"Échéance": ""}, seen=seen))
    open_row(page.follow_ups.table)
    assert seen["open"] is False, seen
    assert due_date() is None


# --- series --------------------------------------------------------------------------------
def test_a_series_typed_creates_its_meetings(qtbot: QtBot, demo_db: Database) -> None:
    window, _page = open_meetings(qtbot, demo_db)
    before = {r.id for r in meetings_of(demo_db, PARTNERS)}
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({
        "Instance": "partenaires",
        "À partir du": "5/1/27",
        "Répéter tous les": "2",
        "Règle": "semaines",
        "Jusqu'au": "31032027",
        "Heure de début": "9h05",
        "Heure de fin": "11h",
        "Lieu": "Maison des associations",
    }, seen=seen), kind=RecurrenceDialog)
    press_alt(window, Qt.Key.Key_L)  # « Planifier une série… »
    assert seen["open"] is False, seen
    created = sorted((meetings.get_meeting(demo_db, i) for i in
                      {r.id for r in meetings_of(demo_db, PARTNERS)} - before),
                     key=lambda m: m.date)
    assert [m.date for m in created] == [
        date(2027, 1, 5), date(2027, 1, 19), date(2027, 2, 2), date(2027, 2, 16),
        date(2027, 3, 2), date(2027, 3, 16), date(2027, 3, 30)]
    assert {(m.start_time, m.end_time, m.place) for m in created} == {
        (time(9, 5), time(11, 0), "Maison des associations")}


def test_a_series_ending_on_an_impossible_day_is_not_created(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, _page = open_meetings(qtbot, demo_db)
    before = len(meetings.list_meetings(demo_db))
    seen: dict[str, Any] = {}
    when_form_opens(officer_types({"Instance": "partenaires", "À partir du": "5/1/27",
                                   "Jusqu'au": "31/02/2027"}, seen=seen),
                    kind=RecurrenceDialog)
    press_alt(window, Qt.Key.Key_L)
    assert seen["open"] is True
    assert seen["problems"] == {"until": "La date « 31/02/2027 » n'existe pas."}
    assert len(meetings.list_meetings(demo_db)) == before


# --- attendance ----------------------------------------------------------------------------
def attendance_of(db: Database, contact_id: int) -> tuple[AttendanceState, int | None] | None:
    found = [a for a in meetings.get_meeting(db, COTECH_MEETING).attendances
             if a.contact_id == contact_id]
    return (found[0].state, found[0].represented_by_id) if found else None


def choose_invitee(page: MeetingsPage, typed: str) -> None:
    """Type in the attendance list's search box: the first person found is selected."""
    replace_text(page.attendance.search, typed)
    qtbot_wait_selection(page)


def qtbot_wait_selection(page: MeetingsPage) -> None:
    page.attendance._flush_typing()  # what the pause after typing does


def test_attendance_typed_then_applied(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_P)  # « Présences »
    assert attendance_of(demo_db, LAURE_BESSON) == (AttendanceState.INVITED, None)

    choose_invitee(page, "besson")
    assert page.attendance.current_row().contact_id == LAURE_BESSON
    type_to_select(page.state_combo, "Pr")  # « Présent·e »
    press_button(page.apply_button)
    assert attendance_of(demo_db, LAURE_BESSON) == (AttendanceState.PRESENT, None)

    choose_invitee(page, "chauvin")
    type_to_select(page.state_combo, "Rep")  # « Représenté·e »
    key(Qt.Key.Key_Tab)
    assert focused() is page.representative_combo
    type_keys("besson")  # part of the name, as for every picker; she is present
    press_button(page.apply_button)
    assert attendance_of(demo_db, PHILIPPE_CHAUVIN) == (AttendanceState.REPRESENTED,
                                                        LAURE_BESSON)


def test_alt_q_applies_the_attendance(qtbot: QtBot, demo_db: Database) -> None:
    """« Appli&quer »: Alt+A was the menu « Aller à »."""
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_P)
    choose_invitee(page, "besson")
    type_to_select(page.state_combo, "Pr")  # « Présent·e »
    press_alt(window, Qt.Key.Key_Q)
    assert attendance_of(demo_db, LAURE_BESSON) == (AttendanceState.PRESENT, None)


def test_a_person_typed_is_invited(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_P)
    assert attendance_of(demo_db, ODILE_PROST) is None
    replace_text(page.invitee_combo, "Odile")
    press_alt(window, Qt.Key.Key_J)  # « Ajouter à la liste »
    assert page.attendance_error.isHidden(), page.attendance_error.text()
    assert attendance_of(demo_db, ODILE_PROST) == (AttendanceState.INVITED, None)


def test_a_person_typed_by_part_of_the_name_is_invited(qtbot: QtBot, demo_db: Database
                                                       ) -> None:
    window, page = open_meetings(qtbot, demo_db, COTECH_MEETING)
    press_alt(window, Qt.Key.Key_P)
    replace_text(page.invitee_combo, "prost")
    press_alt(window, Qt.Key.Key_J)
    assert attendance_of(demo_db, ODILE_PROST) == (AttendanceState.INVITED, None)
