"""Meetings: invitations, agenda, attendance and quorum, decisions, follow-ups, lists."""

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.enums import (
    AttendanceState,
    BodyKind,
    Civility,
    MeetingState,
    QuorumRule,
)
from charte_desktop.db.models import Action, ActionNote, Attendance, Plan
from charte_desktop.errors import CharteError
from charte_desktop.services import meeting_outcomes, meetings
from charte_desktop.services.attendance import attendance_records, restore_attendances
from charte_desktop.services.bodies import BodyFields, MembershipFields, create_body
from charte_desktop.services.bodies import create_membership as add_member
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.meeting_details import meeting_details
from charte_desktop.services.meeting_outcomes import DecisionFields, FollowUpFields
from charte_desktop.services.meetings import AgendaItemFields, MeetingFields, MeetingFilter
from tests.query_counter import count_selects

TODAY = date(2026, 3, 14)


def person(db: Database, last: str, first: str = "") -> int:
    return create_contact(db, ContactFields(last, first)).id


def body(db: Database, name: str = "COTECH", **quorum: object) -> int:
    return create_body(db, BodyFields(BodyKind.COTECH, name, **quorum)).id  # type: ignore[arg-type]


def meeting(db: Database, body_id: int, day: date = TODAY, **fields: object) -> int:
    return meetings.create_meeting(
        db,
        MeetingFields(body_id, day, **fields),  # type: ignore[arg-type]
    ).id


def action(db: Database, code: str) -> int:
    with db.session() as session:
        plan = session.scalar(select(Plan)) or Plan(title="Charte")
        session.add(plan)
        session.flush()
        row = Action(plan_id=plan.id, code=code, title=f"Action {code}")
        session.add(row)
        session.flush()
        return row.id


def journal(db: Database) -> list[tuple[int, date, str, int | None]]:
    with db.session() as session:
        notes = session.scalars(select(ActionNote).order_by(ActionNote.id))
        return [(n.action_id, n.note_date, n.text, n.decision_id) for n in notes]


def invitees(db: Database, meeting_id: int) -> dict[str, AttendanceState]:
    loaded = meetings.get_meeting(db, meeting_id)
    return {a.contact.last_name: a.state for a in loaded.attendances}


# --- Meetings and invitations ----------------------------------------------------------


def test_creating_a_meeting_invites_members_current_on_its_date(db: Database) -> None:
    body_id = body(db)
    day = date(2026, 5, 20)
    for name, start, end in [
        ("Actuel", None, None),
        ("Ancien", None, date(2026, 1, 31)),  # left before the meeting
        ("Sortant", None, day),  # last day is the meeting day
        ("Futur", date(2026, 6, 1), None),  # joins after the meeting
    ]:
        add_member(db, MembershipFields(body_id, person(db, name), start_date=start, end_date=end))
    person(db, "Étranger")  # not a member
    meeting_id = meeting(db, body_id, day)
    assert invitees(db, meeting_id) == {
        "Actuel": AttendanceState.INVITED,
        "Sortant": AttendanceState.INVITED,
    }


def test_meeting_without_invitations(db: Database) -> None:
    body_id = body(db)
    add_member(db, MembershipFields(body_id, person(db, "Dupont")))
    meeting_id = meetings.create_meeting(db, MeetingFields(body_id, TODAY), invite_members=False).id
    assert invitees(db, meeting_id) == {}
    assert meetings.invite_current_members(db, meeting_id) == 1
    assert meetings.invite_current_members(db, meeting_id) == 0  # never twice


def test_meeting_times_in_order(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        meeting(db, body(db), start_time=time(14, 0), end_time=time(9, 30))
    assert error.value.field == "end_time"
    assert error.value.message == (
        "Le champ « Heure de fin » (09:30) doit être postérieur ou égal au champ "
        "« Heure de début » (14:00)."
    )


def test_meeting_date_and_body_required(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        meetings.create_meeting(db, MeetingFields(body(db), None))  # type: ignore[arg-type]
    assert error.value.field == "date"
    assert "« Date de la réunion »" in error.value.message
    with pytest.raises(CharteError, match="L'instance n° 999"):
        meetings.create_meeting(db, MeetingFields(999, TODAY))
    with pytest.raises(CharteError) as error:
        meetings.create_meeting(db, MeetingFields(body(db, "B"), TODAY, secretary_id=999))
    assert error.value.field == "secretary_id"


def test_update_and_delete_meeting(db: Database) -> None:
    body_id = body(db)
    meeting_id = meeting(db, body_id)
    meetings.update_meeting(
        db,
        meeting_id,
        MeetingFields(body_id, TODAY, place=" Salle du conseil ", state=MeetingState.HELD),
    )
    loaded = meetings.get_meeting(db, meeting_id)
    assert (loaded.place, loaded.state, loaded.body.name) == (
        "Salle du conseil",
        MeetingState.HELD,
        "COTECH",
    )
    meetings.delete_meeting(db, meeting_id)
    with pytest.raises(CharteError, match=r"La réunion n° .* introuvable"):
        meetings.get_meeting(db, meeting_id)


# --- Agenda ----------------------------------------------------------------------------


def agenda(db: Database, meeting_id: int) -> list[tuple[int, str]]:
    return [(i.position, i.title) for i in meetings.get_meeting(db, meeting_id).agenda_items]


def test_agenda_items_are_appended_moved_and_kept_dense(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    ids = [
        meetings.create_agenda_item(db, AgendaItemFields(meeting_id, title)).id
        for title in ("Accueil", "Budget", "Vélo-école", "Questions diverses")
    ]
    assert agenda(db, meeting_id) == [
        (0, "Accueil"),
        (1, "Budget"),
        (2, "Vélo-école"),
        (3, "Questions diverses"),
    ]
    meetings.move_agenda_item(db, ids[2], -1)
    assert [t for _, t in agenda(db, meeting_id)] == [
        "Accueil",
        "Vélo-école",
        "Budget",
        "Questions diverses",
    ]
    moved = meetings.move_agenda_item(db, ids[0], +1)
    assert [i.title for i in moved] == ["Vélo-école", "Accueil", "Budget", "Questions diverses"]
    meetings.move_agenda_item(db, ids[3], +1)  # already last: nothing moves
    meetings.move_agenda_item(db, ids[2], -1)  # Vélo-école is first now: nothing moves
    assert [t for _, t in agenda(db, meeting_id)] == [
        "Vélo-école",
        "Accueil",
        "Budget",
        "Questions diverses",
    ]
    meetings.delete_agenda_item(db, ids[0])
    assert agenda(db, meeting_id) == [(0, "Vélo-école"), (1, "Budget"), (2, "Questions diverses")]
    with pytest.raises(ValueError):
        meetings.move_agenda_item(db, ids[1], 2)


def test_agenda_item_rules(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    with pytest.raises(CharteError) as error:
        meetings.create_agenda_item(db, AgendaItemFields(meeting_id, "  "))
    assert (error.value.field, error.value.message) == (
        "title",
        "Le champ « Intitulé du point » est obligatoire.",
    )
    with pytest.raises(CharteError) as error:
        meetings.create_agenda_item(db, AgendaItemFields(meeting_id, "Budget", duration_minutes=-5))
    assert error.value.field == "duration_minutes"
    assert "« Durée prévue (minutes) »" in error.value.message
    item = meetings.create_agenda_item(
        db,
        AgendaItemFields(
            meeting_id, "Budget", person(db, "Dupont", "Marie"), 0, "  texte tel que saisi\n"
        ),
    )
    assert item.minutes_text == "  texte tel que saisi\n"
    other = meeting(db, body(db, "COPIL"))
    with pytest.raises(CharteError) as error:
        meetings.update_agenda_item(db, item.id, AgendaItemFields(other, "Budget"))
    assert error.value.field == "meeting_id"
    meetings.update_agenda_item(db, item.id, AgendaItemFields(meeting_id, "Budget 2026"))
    presenter_less = meetings.get_meeting(db, meeting_id).agenda_items[0]
    assert (presenter_less.title, presenter_less.presenter) == ("Budget 2026", None)


# --- Attendance ------------------------------------------------------------------------


def test_representation_needs_another_contact(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    marie = person(db, "Dupont", "Marie")
    paul = person(db, "Martin", "Paul")
    meetings.add_invitee(db, meeting_id, marie)
    with pytest.raises(CharteError) as error:
        meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED)
    assert (error.value.field, error.value.message) == (
        "represented_by_id",
        "Indiquez qui représente Marie Dupont.",
    )
    with pytest.raises(CharteError) as error:
        meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, marie)
    assert error.value.field == "represented_by_id"
    assert "ne peut pas se représenter" in error.value.message
    with pytest.raises(CharteError) as error:
        meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, 999)
    assert error.value.field == "represented_by_id"

    # Paul is not on the list: he came, carrying Marie's proxy.
    meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, paul)
    row = meetings.get_meeting(db, meeting_id).attendances[0]
    assert row.represented_by is not None and row.represented_by.full_name == "Paul Martin"
    assert invitees(db, meeting_id) == {"Dupont": AttendanceState.REPRESENTED,
                                        "Martin": AttendanceState.PRESENT}

    # Any other state forgets the representative, even if one is passed.
    attendance = meetings.set_attendance(db, meeting_id, marie, AttendanceState.PRESENT, paul)
    assert (attendance.state, attendance.represented_by_id) == (AttendanceState.PRESENT, None)


def test_attendance_of_someone_not_invited_adds_them(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    meetings.set_attendance(db, meeting_id, person(db, "Surprise"), AttendanceState.PRESENT)
    assert invitees(db, meeting_id) == {"Surprise": AttendanceState.PRESENT}


def test_add_and_remove_invitee(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    marie = person(db, "Dupont", "Marie")
    meetings.add_invitee(db, meeting_id, marie)
    with pytest.raises(CharteError) as error:
        meetings.add_invitee(db, meeting_id, marie)
    assert error.value.message == "Marie Dupont est déjà convoqué·e à la réunion du 14/03/2026."
    meetings.remove_invitee(db, meeting_id, marie)
    assert invitees(db, meeting_id) == {}
    with pytest.raises(CharteError, match="n'est pas convoqué·e"):
        meetings.remove_invitee(db, meeting_id, marie)


def test_a_proxy_holder_on_the_list_must_be_present(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    marie = person(db, "Dupont", "Marie")
    karim = create_contact(db, ContactFields("Benali", "Karim", civility=Civility.MONSIEUR)).id
    nadia = create_contact(db, ContactFields("Benali", "Nadia", civility=Civility.MADAME)).id
    camille = person(db, "Roussel", "Camille")
    for contact_id in (marie, karim, nadia, camille):
        meetings.add_invitee(db, meeting_id, contact_id)
    meetings.set_attendance(db, meeting_id, nadia, AttendanceState.EXCUSED)
    expected = {
        karim: "Karim Benali n'est pas marqué présent : marquez-le d'abord présent.",
        nadia: "Nadia Benali n'est pas marquée présente : marquez-la d'abord présente.",
        camille: "Camille Roussel n'est pas marqué·e présent·e : marquez-le·la d'abord "
                 "présent·e.",
    }
    before = invitees(db, meeting_id)
    for holder, message in expected.items():
        with pytest.raises(CharteError) as error:
            meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, holder)
        assert (error.value.field, error.value.message) == ("represented_by_id", message)
    assert invitees(db, meeting_id) == before  # nothing changed

    meetings.set_attendance(db, meeting_id, karim, AttendanceState.PRESENT)
    meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, karim)
    # A holder represented by someone else is not present either.
    with pytest.raises(CharteError, match="Marie Dupont n'est pas marqué·e présent·e"):
        meetings.set_attendance(db, meeting_id, camille, AttendanceState.REPRESENTED, marie)


def test_a_holder_who_leaves_flags_the_proxy(db: Database) -> None:
    c = committee(db, 3, QuorumRule.COUNT, 2)
    holder = c.voters[0]
    attend(db, c, present=1, represented=1)
    meetings.set_attendance(db, c.meeting_id, c.voters[1], AttendanceState.REPRESENTED, holder)
    status = meetings.quorum_status(db, c.meeting_id)
    assert (status.present, status.represented, status.invalid_proxies) == (1, 1, 0)
    meetings.set_attendance(db, c.meeting_id, holder, AttendanceState.ABSENT)  # allowed
    status = meetings.quorum_status(db, c.meeting_id)
    assert (status.present, status.represented, status.invalid_proxies) == (0, 0, 1)
    rows = {r.contact_id: r for r in meeting_details(db, c.meeting_id).attendance}
    assert rows[c.voters[1]].proxy_problem == (
        "Pouvoir non valable : Votant 0 est « absent·e » et ne peut pas le porter.")
    assert rows[holder].proxy_problem == ""


def test_set_attendances_changes_all_or_nothing(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    ids = [person(db, name) for name in ("Arnaud", "Besson", "Chauvin", "Droz")]
    for contact_id in ids[:3]:
        meetings.add_invitee(db, meeting_id, contact_id)
    assert meetings.set_attendances(db, meeting_id, ids[:2], AttendanceState.EXCUSED) == 2
    assert meetings.set_attendances(db, meeting_id, [], AttendanceState.EXCUSED) == 0
    assert invitees(db, meeting_id) == {"Arnaud": AttendanceState.EXCUSED,
                                        "Besson": AttendanceState.EXCUSED,
                                        "Chauvin": AttendanceState.INVITED}
    # A proxy for several people: refused as a whole when one of them is its holder.
    with pytest.raises(CharteError, match="ne peut pas se représenter soi-même"):
        meetings.set_attendances(db, meeting_id, ids[:3], AttendanceState.REPRESENTED, ids[2])
    assert invitees(db, meeting_id)["Arnaud"] is AttendanceState.EXCUSED
    # Given to someone not on the list: they are added, present.
    meetings.set_attendances(db, meeting_id, ids[:2], AttendanceState.REPRESENTED, ids[3])
    assert invitees(db, meeting_id) == {"Arnaud": AttendanceState.REPRESENTED,
                                        "Besson": AttendanceState.REPRESENTED,
                                        "Chauvin": AttendanceState.INVITED,
                                        "Droz": AttendanceState.PRESENT}


def test_mark_all_present_changes_only_those_still_invited(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    ids = [person(db, name) for name in ("Arnaud", "Besson", "Chauvin", "Droz")]
    for contact_id in ids:
        meetings.add_invitee(db, meeting_id, contact_id)
    meetings.set_attendance(db, meeting_id, ids[0], AttendanceState.EXCUSED)
    meetings.set_attendance(db, meeting_id, ids[1], AttendanceState.ABSENT)
    assert meetings.mark_all_present(db, meeting_id) == 2
    assert invitees(db, meeting_id) == {"Arnaud": AttendanceState.EXCUSED,
                                        "Besson": AttendanceState.ABSENT,
                                        "Chauvin": AttendanceState.PRESENT,
                                        "Droz": AttendanceState.PRESENT}
    assert meetings.mark_all_present(db, meeting_id) == 0
    with pytest.raises(CharteError, match="La réunion"):
        meetings.mark_all_present(db, 999)


def test_attendance_records_put_back_what_was(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    marie, paul = person(db, "Dupont", "Marie"), person(db, "Martin", "Paul")
    meetings.add_invitee(db, meeting_id, marie)
    before = attendance_records(db, meeting_id, [marie, paul])
    assert before == [(marie, AttendanceState.INVITED, None), (paul, None, None)]
    meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, paul)
    after = attendance_records(db, meeting_id, [marie, paul])
    restore_attendances(db, meeting_id, before)
    assert invitees(db, meeting_id) == {"Dupont": AttendanceState.INVITED}
    restore_attendances(db, meeting_id, after)
    assert invitees(db, meeting_id) == {"Dupont": AttendanceState.REPRESENTED,
                                        "Martin": AttendanceState.PRESENT}
    assert sorted(attendance_records(db, meeting_id)) == sorted(after)


# --- Quorum ----------------------------------------------------------------------------


@dataclass
class Committee:
    meeting_id: int
    voters: list[int]
    non_voter: int
    guest: int


def committee(db: Database, voters: int, rule: QuorumRule, value: int) -> Committee:
    body_id = body(db, quorum_rule=rule, quorum_value=value)
    ids = [person(db, f"Votant {i}") for i in range(voters)]
    for contact_id in ids:
        add_member(db, MembershipFields(body_id, contact_id))
    non_voter = person(db, "Technicien")
    add_member(db, MembershipFields(body_id, non_voter, voting=False))
    former = person(db, "Ancien")
    add_member(db, MembershipFields(body_id, former, end_date=TODAY - timedelta(days=1)))
    meeting_id = meeting(db, body_id)
    guest = person(db, "Invitée")
    for extra in (non_voter, guest, former):
        meetings.set_attendance(db, meeting_id, extra, AttendanceState.PRESENT)
    return Committee(meeting_id, ids, non_voter, guest)


def attend(db: Database, c: Committee, present: int, represented: int = 0) -> None:
    for contact_id in c.voters[:present]:
        meetings.set_attendance(db, c.meeting_id, contact_id, AttendanceState.PRESENT)
    for contact_id in c.voters[present : present + represented]:
        meetings.set_attendance(db, c.meeting_id, contact_id, AttendanceState.REPRESENTED, c.guest)
    for contact_id in c.voters[present + represented :]:
        meetings.set_attendance(db, c.meeting_id, contact_id, AttendanceState.EXCUSED)


def test_quorum_by_count_counts_voting_members_present_or_represented(db: Database) -> None:
    c = committee(db, 5, QuorumRule.COUNT, 3)
    attend(db, c, present=1, represented=1)
    status = meetings.quorum_status(db, c.meeting_id)
    # Non-voting member, guest and former member are present but do not count.
    assert (status.required, status.present_or_represented, status.reached) == (3, 2, False)
    assert status.label.startswith("Quorum non atteint")
    attend(db, c, present=2, represented=1)
    status = meetings.quorum_status(db, c.meeting_id)
    assert (status.required, status.present_or_represented, status.reached) == (3, 3, True)


@pytest.mark.parametrize(
    ("voters", "share", "present", "required", "reached"),
    [
        (7, 50, 3, 4, False),  # half of 7 is 3.5: 4 needed
        (7, 50, 4, 4, True),
        (8, 50, 4, 4, True),
        (10, 33, 4, 4, True),  # 3.3 rounds up to 4
        (10, 33, 3, 4, False),
        (3, 100, 3, 3, True),
    ],
)
def test_quorum_by_share_of_voting_members_rounds_up(
    db: Database, voters: int, share: int, present: int, required: int, reached: bool
) -> None:
    c = committee(db, voters, QuorumRule.SHARE, share)
    attend(db, c, present=present)
    with count_selects(db) as selects:
        status = meetings.quorum_status(db, c.meeting_id)
    assert len(selects) == 2  # the body's rule, then the members' attendance
    assert status.voting_members == voters
    assert (status.required, status.present_or_represented, status.reached) == (
        required,
        present,
        reached,
    )


def test_a_proxy_counts_only_while_its_holder_is_present(db: Database) -> None:
    c = committee(db, 5, QuorumRule.COUNT, 3)
    attend(db, c, present=2, represented=1)
    status = meetings.quorum_status(db, c.meeting_id)
    assert (status.present, status.represented, status.reached) == (2, 1, True)
    assert status.sentence == "Le quorum (3) est atteint : 2 présents, 1 représenté."
    meetings.set_attendance(db, c.meeting_id, c.guest, AttendanceState.ABSENT)
    status = meetings.quorum_status(db, c.meeting_id)
    assert (status.present, status.represented, status.reached) == (2, 0, False)
    assert status.invalid_proxies == 1
    assert status.sentence == "Le quorum (3) n'est pas atteint : 2 présents."


def test_no_quorum_rule_is_always_reached(db: Database) -> None:
    c = committee(db, 4, QuorumRule.NONE, 0)
    status = meetings.quorum_status(db, c.meeting_id)
    assert (status.required, status.reached) == (0, True)
    assert status.label == "Pas de quorum requis"


def test_share_quorum_with_no_voting_member_is_not_reached(db: Database) -> None:
    meeting_id = meeting(db, body(db, quorum_rule=QuorumRule.SHARE, quorum_value=50))
    status = meetings.quorum_status(db, meeting_id)
    assert (status.required, status.reached) == (1, False)


# --- Decisions and the action journal --------------------------------------------------


def test_decision_writes_keeps_and_removes_its_journal_note(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    velo, bus = action(db, "2.3"), action(db, "2.4")

    decision = meeting_outcomes.create_decision(
        db, DecisionFields(meeting_id, "Lancer l'étude", None, velo)
    )
    assert journal(db) == [
        (velo, TODAY, "Décision en COTECH du 14/03/2026 : Lancer l'étude", decision.id)
    ]
    meeting_outcomes.update_decision(
        db, decision.id, DecisionFields(meeting_id, "Lancer l'étude en mai", None, velo)
    )
    assert journal(db) == [
        (velo, TODAY, "Décision en COTECH du 14/03/2026 : Lancer l'étude en mai", decision.id)
    ]
    meeting_outcomes.update_decision(
        db, decision.id, DecisionFields(meeting_id, "Lancer l'étude en mai", None, bus)
    )
    assert [(a, d) for a, _, _, d in journal(db)] == [(bus, decision.id)]
    meeting_outcomes.update_decision(db, decision.id, DecisionFields(meeting_id, "Sans action"))
    assert journal(db) == []
    meeting_outcomes.update_decision(
        db, decision.id, DecisionFields(meeting_id, "De nouveau", None, velo)
    )
    assert len(journal(db)) == 1
    meeting_outcomes.delete_decision(db, decision.id)
    assert journal(db) == []


def test_decision_note_follows_the_meeting_date(db: Database) -> None:
    body_id = body(db)
    meeting_id = meeting(db, body_id)
    velo = action(db, "2.3")
    meeting_outcomes.create_decision(db, DecisionFields(meeting_id, "Valider", action_id=velo))
    meetings.update_meeting(db, meeting_id, MeetingFields(body_id, date(2026, 3, 21)))
    assert journal(db)[0][1:3] == (date(2026, 3, 21), "Décision en COTECH du 21/03/2026 : Valider")


def test_deleting_a_meeting_removes_its_decision_notes_only(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    velo = action(db, "2.3")
    meeting_outcomes.create_decision(db, DecisionFields(meeting_id, "Valider", action_id=velo))
    with db.session() as session:
        session.add(ActionNote(action_id=velo, note_date=TODAY, text="Saisie à la main"))
    meetings.delete_meeting(db, meeting_id)
    assert [text for _, _, text, _ in journal(db)] == ["Saisie à la main"]


def test_decision_rules(db: Database) -> None:
    body_id = body(db)
    meeting_id = meeting(db, body_id)
    other_item = meetings.create_agenda_item(
        db, AgendaItemFields(meeting(db, body_id, TODAY + timedelta(days=30)), "Budget")
    )
    with pytest.raises(CharteError) as error:
        meeting_outcomes.create_decision(db, DecisionFields(meeting_id, " "))
    assert (error.value.field, error.value.message) == (
        "text",
        "Le champ « Décision » est obligatoire.",
    )
    with pytest.raises(CharteError) as error:
        meeting_outcomes.create_decision(db, DecisionFields(meeting_id, "Valider", other_item.id))
    assert error.value.field == "agenda_item_id"
    assert error.value.message == (
        "Le point « Budget » appartient à l'ordre du jour d'une autre réunion."
    )
    with pytest.raises(CharteError) as error:
        meeting_outcomes.create_decision(db, DecisionFields(meeting_id, "Valider", action_id=999))
    assert error.value.field == "action_id"
    assert journal(db) == []


def test_decisions_are_numbered_in_order(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    item = meetings.create_agenda_item(db, AgendaItemFields(meeting_id, "Budget"))
    ids = [
        meeting_outcomes.create_decision(db, DecisionFields(meeting_id, text, item.id)).id
        for text in ("Un", "Deux", "Trois")
    ]
    meeting_outcomes.delete_decision(db, ids[0])
    decisions = meetings.get_meeting(db, meeting_id).decisions
    assert [(d.position, d.text, d.agenda_item.title) for d in decisions] == [
        (0, "Deux", "Budget"),
        (1, "Trois", "Budget"),
    ]


# --- Follow-ups ------------------------------------------------------------------------


def test_follow_up_done_date_is_set_when_ticked_and_cleared_when_unticked(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    follow_up = meeting_outcomes.create_follow_up(db, FollowUpFields(meeting_id, "Envoyer le CR"))
    assert (follow_up.done, follow_up.done_date) == (False, None)
    ticked = meeting_outcomes.set_follow_up_done(db, follow_up.id, True, today=TODAY)
    assert (ticked.done, ticked.done_date) == (True, TODAY)
    again = meeting_outcomes.set_follow_up_done(
        db, follow_up.id, True, today=TODAY + timedelta(days=3)
    )
    assert again.done_date == TODAY  # ticked on the 14th, stays so
    unticked = meeting_outcomes.set_follow_up_done(db, follow_up.id, False, today=TODAY)
    assert (unticked.done, unticked.done_date) == (False, None)
    updated = meeting_outcomes.update_follow_up(
        db, follow_up.id, FollowUpFields(meeting_id, "Envoyer le CR", done=True), today=TODAY
    )
    assert updated.done_date == TODAY


def test_follow_up_rules(db: Database) -> None:
    meeting_id = meeting(db, body(db))
    with pytest.raises(CharteError) as error:
        meeting_outcomes.create_follow_up(db, FollowUpFields(meeting_id, ""))
    assert (error.value.field, error.value.message) == (
        "text",
        "Le champ « Suite à donner » est obligatoire.",
    )
    with pytest.raises(CharteError) as error:
        meeting_outcomes.create_follow_up(db, FollowUpFields(meeting_id, "Relancer", owner_id=999))
    assert error.value.field == "owner_id"


def test_follow_ups_due_window(db: Database) -> None:
    meeting_id = meeting(db, body(db), TODAY - timedelta(days=60))
    owner = person(db, "Dupont", "Marie")
    specs = [
        ("limite incluse", TODAY + timedelta(days=14), False),
        ("trop tard pour la fenêtre", TODAY + timedelta(days=15), False),
        ("en retard", TODAY - timedelta(days=20), False),
        ("aujourd'hui", TODAY, False),
        ("faite", TODAY - timedelta(days=30), True),
        ("sans échéance", None, False),
    ]
    for text, due, done in specs:
        meeting_outcomes.create_follow_up(
            db, FollowUpFields(meeting_id, text, owner_id=owner, due_date=due, done=done)
        )
    with count_selects(db) as selects:
        rows = meeting_outcomes.follow_ups_due(db, today=TODAY)
    assert len(selects) == 1
    assert [r.text for r in rows] == ["en retard", "aujourd'hui", "limite incluse"]
    first = rows[0]
    assert (first.body, first.meeting_date, first.owner_name, first.done) == (
        "COTECH",
        TODAY - timedelta(days=60),
        "Marie Dupont",
        False,
    )
    assert [r.text for r in meeting_outcomes.follow_ups_due(db, today=TODAY, within_days=0)] == [
        "en retard",
        "aujourd'hui",
    ]


def test_open_follow_ups_of_previous_meeting(db: Database) -> None:
    cotech, copil = body(db), body(db, "COPIL")
    january = meeting(db, cotech, date(2026, 1, 10))
    february = meeting(db, cotech, date(2026, 2, 10))
    cancelled = meeting(db, cotech, date(2026, 3, 1), state=MeetingState.CANCELLED)
    march = meeting(db, cotech, date(2026, 3, 14))
    copil_march = meeting(db, copil, date(2026, 3, 5))
    for meeting_id, text, done in [
        (january, "De janvier", False),
        (february, "Ouverte A", False),
        (february, "Faite", True),
        (february, "Ouverte B", False),
        (cancelled, "Annulée", False),
        (copil_march, "Du COPIL", False),
    ]:
        meeting_outcomes.create_follow_up(db, FollowUpFields(meeting_id, text, done=done))
    with count_selects(db) as selects:
        rows = meeting_outcomes.open_follow_ups_of_previous_meeting(db, march)
    assert len(selects) == 1
    assert [(r.text, r.meeting_id) for r in rows] == [
        ("Ouverte A", february),
        ("Ouverte B", february),
    ]
    assert [r.text for r in meeting_outcomes.open_follow_ups_of_previous_meeting(db, february)] == [
        "De janvier"
    ]
    assert meeting_outcomes.open_follow_ups_of_previous_meeting(db, january) == []
    assert meeting_outcomes.open_follow_ups_of_previous_meeting(db, copil_march) == []


# --- Lists -----------------------------------------------------------------------------


def test_list_meetings_filters_and_order(db: Database) -> None:
    cotech, copil = body(db), body(db, "COPIL")
    add_member(db, MembershipFields(cotech, person(db, "Dupont")))
    late = meeting(db, cotech, TODAY, start_time=time(14, 0))
    early = meeting(db, cotech, TODAY, start_time=time(9, 0))
    before = meeting(db, copil, TODAY - timedelta(days=7), state=MeetingState.HELD)
    after = meeting(db, copil, TODAY + timedelta(days=7), state=MeetingState.CANCELLED)
    meetings.create_agenda_item(db, AgendaItemFields(early, "Budget"))
    meetings.create_agenda_item(db, AgendaItemFields(early, "Vélo"))

    with count_selects(db) as selects:
        rows = meetings.list_meetings(db)
    assert len(selects) == 1
    assert [r.id for r in rows] == [before, early, late, after]
    row = rows[1]
    assert (row.body, row.body_kind, row.start_time, row.agenda_count, row.invitee_count) == (
        "COTECH",
        BodyKind.COTECH,
        time(9, 0),
        2,
        1,
    )

    def ids(**filters: object) -> list[int]:
        return [r.id for r in meetings.list_meetings(db, MeetingFilter(**filters))]  # type: ignore[arg-type]

    assert ids(body_id=copil) == [before, after]
    assert ids(date_from=TODAY) == [early, late, after]
    assert ids(date_to=TODAY) == [before, early, late]
    assert ids(date_from=TODAY, date_to=TODAY) == [early, late]
    assert ids(state=MeetingState.HELD) == [before]


def test_next_meetings_are_planned_from_today(db: Database) -> None:
    body_id = body(db)
    meeting(db, body_id, TODAY - timedelta(days=1))
    in_a_week = meeting(db, body_id, TODAY + timedelta(days=7))
    today = meeting(db, body_id, TODAY)
    meeting(db, body_id, TODAY + timedelta(days=2), state=MeetingState.CANCELLED)
    in_a_month = meeting(db, body_id, TODAY + timedelta(days=30))
    assert [r.id for r in meetings.next_meetings(db, today=TODAY)] == [today, in_a_week, in_a_month]
    assert [r.id for r in meetings.next_meetings(db, today=TODAY, limit=2)] == [today, in_a_week]


def test_get_meeting_loads_everything_the_minutes_need(db: Database) -> None:
    body_id = body(db)
    marie = person(db, "Dupont", "Marie")
    paul = person(db, "Martin", "Paul")
    add_member(db, MembershipFields(body_id, marie))
    add_member(db, MembershipFields(body_id, paul))
    meeting_id = meeting(db, body_id, secretary_id=paul)
    item = meetings.create_agenda_item(db, AgendaItemFields(meeting_id, "Budget", marie))
    meetings.set_attendance(db, meeting_id, paul, AttendanceState.PRESENT)
    meetings.set_attendance(db, meeting_id, marie, AttendanceState.REPRESENTED, paul)
    meeting_outcomes.create_decision(
        db, DecisionFields(meeting_id, "Adopté", item.id, action(db, "1"))
    )
    meeting_outcomes.create_follow_up(
        db, FollowUpFields(meeting_id, "Relancer", item.id, marie, TODAY + timedelta(days=7))
    )

    loaded = meetings.get_meeting(db, meeting_id)
    # All read after the session closed: nothing may be lazily loaded.
    assert loaded.body.name == "COTECH"
    assert loaded.secretary is not None and loaded.secretary.full_name == "Paul Martin"
    assert loaded.agenda_items[0].presenter is not None
    assert [(a.contact.full_name, a.state) for a in loaded.attendances] == [
        ("Marie Dupont", AttendanceState.REPRESENTED),
        ("Paul Martin", AttendanceState.PRESENT),
    ]
    assert loaded.attendances[0].represented_by is not None
    assert loaded.decisions[0].action is not None and loaded.decisions[0].action.code == "1"
    owner = loaded.follow_ups[0].owner
    assert owner is not None and owner.full_name == "Marie Dupont"
    with db.session() as session:
        assert (
            session.scalar(select(Attendance.state).where(Attendance.contact_id == marie))
            == AttendanceState.REPRESENTED
        )
