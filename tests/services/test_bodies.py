"""Governance bodies and their members."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, MeetingState, MembershipRole, QuorumRule
from charte_desktop.db.models import Action, ActionNote, Decision, Meeting, Membership, Plan
from charte_desktop.errors import CharteError
from charte_desktop.services import bodies
from charte_desktop.services.bodies import BodyFields, MembershipFields
from charte_desktop.services.directory import ContactFields, create_contact
from tests.query_counter import count_selects

TODAY = date(2026, 3, 14)




def make_action(db: Database) -> int:
    with db.session() as session:
        plan = Plan(title="Charte du Pays")
        session.add(plan)
        session.flush()
        action = Action(plan_id=plan.id, code="2.3", title="Vélo-école")
        session.add(action)
        session.flush()
        return action.id


def cotech(db: Database, **changes: object) -> int:
    fields = BodyFields(BodyKind.COTECH, "COTECH")
    for name, value in changes.items():
        setattr(fields, name, value)
    return bodies.create_body(db, fields).id


def person(db: Database, last: str, first: str = "") -> int:
    return create_contact(db, ContactFields(last, first)).id


def add_meeting(db: Database, body_id: int, day: date, state: MeetingState) -> None:
    with db.session() as session:
        session.add(Meeting(body_id=body_id, date=day, state=state))


# --- Bodies ----------------------------------------------------------------------------


def test_body_name_is_required(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        bodies.create_body(db, BodyFields(BodyKind.COPIL, " "))
    assert error.value.field == "name"
    assert error.value.message == "Le champ « Nom de l'instance » est obligatoire."


def test_body_kind_is_required(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        bodies.create_body(db, BodyFields(None, "COPIL"))  # type: ignore[arg-type]
    assert error.value.field == "kind"
    assert "« Type d'instance »" in error.value.message


@pytest.mark.parametrize(
    ("rule", "value", "expected_in_message"),
    [
        (QuorumRule.COUNT, 0, "au moins 1"),
        (QuorumRule.COUNT, -3, "au moins 1"),
        (QuorumRule.SHARE, 0, "entre 1 et 100"),
        (QuorumRule.SHARE, 101, "entre 1 et 100"),
    ],
)
def test_quorum_value_must_fit_the_rule(
    db: Database, rule: QuorumRule, value: int, expected_in_message: str
) -> None:
    with pytest.raises(CharteError) as error:
        bodies.create_body(
            db, BodyFields(BodyKind.COPIL, "COPIL", quorum_rule=rule, quorum_value=value)
        )
    assert error.value.field == "quorum_value"
    assert "« Quorum" in error.value.message
    assert expected_in_message in error.value.message


def test_quorum_values_kept_or_reset(db: Database) -> None:
    share = cotech(db, quorum_rule=QuorumRule.SHARE, quorum_value=50)
    count = cotech(db, name="COPIL", quorum_rule=QuorumRule.COUNT, quorum_value=4)
    none = cotech(db, name="Comité", quorum_rule=QuorumRule.NONE, quorum_value=0)
    assert bodies.get_body(db, share).quorum_value == 50
    assert bodies.get_body(db, count).quorum_value == 4
    assert bodies.get_body(db, none).quorum_value == 0
    with pytest.raises(CharteError) as refused:  # no rule, no number: never dropped
        cotech(db, name="Comité 2", quorum_rule=QuorumRule.NONE, quorum_value=7)
    assert refused.value.field == "quorum_value"


def test_only_a_project_group_carries_an_action(db: Database) -> None:
    action_id = make_action(db)
    with pytest.raises(CharteError) as error:
        bodies.create_body(db, BodyFields(BodyKind.COTECH, "COTECH", action_id=action_id))
    assert error.value.field == "action_id"
    group = bodies.create_body(
        db, BodyFields(BodyKind.PROJECT_GROUP, "Groupe vélo", action_id=action_id)
    )
    loaded = bodies.get_body(db, group.id)
    assert loaded.action is not None and loaded.action.code == "2.3"
    with pytest.raises(CharteError) as error:
        bodies.create_body(db, BodyFields(BodyKind.PROJECT_GROUP, "Groupe", action_id=999))
    assert error.value.field == "action_id"


def test_update_body(db: Database) -> None:
    body_id = cotech(db)
    bodies.update_body(
        db, body_id, BodyFields(BodyKind.COTECH, "COTECH mobilité", frequency="Tous les deux mois")
    )
    body = bodies.get_body(db, body_id)
    assert (body.name, body.frequency) == ("COTECH mobilité", "Tous les deux mois")


def test_list_bodies_counts_current_members_meetings_and_next_meeting(db: Database) -> None:
    copil = bodies.create_body(db, BodyFields(BodyKind.COPIL, "COPIL")).id
    tech = cotech(db)
    alice, bruno, chloe, denis = (person(db, n) for n in ("A", "B", "C", "D"))
    for contact_id, start, end in [
        (alice, None, None),  # current
        (bruno, date(2024, 1, 1), TODAY),  # ends today: still current
        (chloe, date(2024, 1, 1), TODAY - timedelta(days=1)),  # past
        (denis, TODAY + timedelta(days=1), None),  # not started yet
    ]:
        bodies.create_membership(
            db, MembershipFields(tech, contact_id, start_date=start, end_date=end)
        )
    add_meeting(db, tech, TODAY - timedelta(days=30), MeetingState.HELD)
    add_meeting(db, tech, TODAY + timedelta(days=3), MeetingState.CANCELLED)
    add_meeting(db, tech, TODAY + timedelta(days=40), MeetingState.PLANNED)
    add_meeting(db, tech, TODAY + timedelta(days=10), MeetingState.PLANNED)
    add_meeting(db, copil, TODAY - timedelta(days=1), MeetingState.PLANNED)  # past, not next

    with count_selects(db) as selects:
        rows = bodies.list_bodies(db, today=TODAY)
    assert len(selects) == 1
    assert [(r.id, r.kind, r.member_count, r.meeting_count, r.next_meeting_date) for r in rows] == [
        (copil, BodyKind.COPIL, 0, 1, None),  # COPIL listed before COTECH
        (tech, BodyKind.COTECH, 2, 4, TODAY + timedelta(days=10)),
    ]


def test_describe_body_deletion_counts_meetings(db: Database) -> None:
    body_id = cotech(db)
    assert bodies.describe_body_deletion(db, body_id) == "Supprimer l'instance « COTECH » ?"
    add_meeting(db, body_id, TODAY, MeetingState.PLANNED)
    assert bodies.describe_body_deletion(db, body_id) == (
        "Supprimer l'instance « COTECH » et sa réunion ?"
    )
    for days in (1, 2, 3):
        add_meeting(db, body_id, TODAY + timedelta(days=days), MeetingState.PLANNED)
    assert bodies.describe_body_deletion(db, body_id) == (
        "Supprimer l'instance « COTECH » et ses 4 réunions ?"
    )
    with pytest.raises(CharteError, match="introuvable"):
        bodies.describe_body_deletion(db, 999)


def test_delete_body_takes_meetings_memberships_and_decision_notes(db: Database) -> None:
    body_id = cotech(db)
    bodies.create_membership(db, MembershipFields(body_id, person(db, "Dupont")))
    action_id = make_action(db)
    with db.session() as session:
        meeting = Meeting(body_id=body_id, date=TODAY)
        session.add(meeting)
        session.flush()
        decision = Decision(meeting_id=meeting.id, text="Lancer la vélo-école", action_id=action_id)
        session.add(decision)
        session.flush()
        session.add(
            ActionNote(
                action_id=action_id, note_date=TODAY, text="Décision", decision_id=decision.id
            )
        )
        session.add(ActionNote(action_id=action_id, note_date=TODAY, text="Note à la main"))
    bodies.delete_body(db, body_id)
    with db.session() as session:
        assert session.scalar(select(func.count(Meeting.id))) == 0
        assert session.scalar(select(func.count(Membership.id))) == 0
        assert session.scalars(select(ActionNote.text)).all() == ["Note à la main"]


# --- Memberships -----------------------------------------------------------------------


def test_a_contact_belongs_once_to_a_body(db: Database) -> None:
    body_id = cotech(db)
    marie = person(db, "Dupont", "Marie")
    bodies.create_membership(db, MembershipFields(body_id, marie))
    with pytest.raises(CharteError) as error:
        bodies.create_membership(db, MembershipFields(body_id, marie, MembershipRole.CHAIR))
    assert error.value.field == "contact_id"
    assert error.value.message == "Marie Dupont est déjà membre de l'instance « COTECH »."


def test_a_former_member_is_told_to_edit_the_dates(db: Database) -> None:
    body_id = cotech(db)
    marie = person(db, "Dupont", "Marie")
    bodies.create_membership(db, MembershipFields(body_id, marie, end_date=date(2025, 1, 1)))
    with pytest.raises(CharteError, match=r"mandat terminé.*modifiez ses dates"):
        bodies.create_membership(db, MembershipFields(body_id, marie))


def test_same_contact_in_two_bodies_and_update_of_own_membership(db: Database) -> None:
    marie = person(db, "Dupont", "Marie")
    first = bodies.create_membership(db, MembershipFields(cotech(db), marie))
    bodies.create_membership(db, MembershipFields(cotech(db, name="COPIL"), marie))
    bodies.update_membership(
        db, first.id, MembershipFields(first.body_id, marie, MembershipRole.REFERENT, voting=False)
    )
    updated = bodies.get_membership(db, first.id)
    assert (updated.role, updated.voting) == (MembershipRole.REFERENT, False)
    assert updated.contact.full_name == "Marie Dupont"


def test_membership_end_not_before_start(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        bodies.create_membership(
            db,
            MembershipFields(
                cotech(db), person(db, "Dupont"), start_date=TODAY, end_date=date(2026, 3, 13)
            ),
        )
    assert error.value.field == "end_date"
    assert error.value.message == (
        "Le champ « Date de sortie » (13/03/2026) doit être postérieur ou égal au champ "
        "« Date d'entrée » (14/03/2026)."
    )


def test_membership_needs_existing_body_and_contact(db: Database) -> None:
    with pytest.raises(CharteError, match="L'instance n° 999"):
        bodies.create_membership(db, MembershipFields(999, person(db, "Dupont")))
    with pytest.raises(CharteError) as error:
        bodies.create_membership(db, MembershipFields(cotech(db), 999))
    assert error.value.field == "contact_id"


def test_current_members_exclude_past_and_future_and_come_chair_first(db: Database) -> None:
    body_id = cotech(db)
    specs = [
        ("Zola", MembershipRole.CHAIR, None, None),
        ("Alain", MembershipRole.MEMBER, None, TODAY),
        ("Bernard", MembershipRole.MEMBER, None, TODAY - timedelta(days=1)),
        ("Claude", MembershipRole.MEMBER, TODAY + timedelta(days=1), None),
        ("Aubert", MembershipRole.PERMANENT_GUEST, TODAY, None),
    ]
    for name, role, start, end in specs:
        bodies.create_membership(
            db, MembershipFields(body_id, person(db, name), role, start_date=start, end_date=end)
        )
    members = bodies.current_members(db, body_id, today=TODAY)
    # Contacts are loaded: readable after the session.
    assert [m.contact.last_name for m in members] == ["Zola", "Alain", "Aubert"]
    assert len(bodies.list_memberships(db, body_id)) == 5


def test_delete_membership(db: Database) -> None:
    body_id = cotech(db)
    membership = bodies.create_membership(db, MembershipFields(body_id, person(db, "Dupont")))
    bodies.delete_membership(db, membership.id)
    assert bodies.list_memberships(db, body_id) == []
    with pytest.raises(CharteError, match="introuvable"):
        bodies.delete_membership(db, membership.id)


def test_members_circles_and_the_breakdown_of_current_members(db: Database) -> None:
    from charte_desktop.services import directory

    body = bodies.create_body(db, BodyFields(BodyKind.PARTNERS_COMMITTEE, "Comité des partenaires"))
    circles = {c.name: c.id for c in directory.list_circles(db)}
    firms, public = "Entreprises", next(n for n in circles if n.startswith("Partenaires"))
    firm = directory.create_organisation(db, directory.OrganisationFields(
        "Transports Mercier", circle_id=circles[firms]))
    people = [
        directory.ContactFields("Mercier", organisation_id=firm.id),  # the structure's
        directory.ContactFields("Vuillemin", organisation_id=firm.id),
        # Their own circle wins over their structure's.
        directory.ContactFields("Maire", organisation_id=firm.id, circle_id=circles[public]),
        directory.ContactFields("Habitant"),  # no circle at all
        directory.ContactFields("Ancien", organisation_id=firm.id),  # a former member
    ]
    for number, fields in enumerate(people):
        contact = directory.create_contact(db, fields)
        bodies.create_membership(db, MembershipFields(
            body.id, contact.id,
            end_date=date(2020, 1, 1) if number == 4 else None))
    memberships = {m.contact.last_name: m for m in bodies.list_memberships(db, body.id)}
    assert {name: bodies.member_circle(m) for name, m in memberships.items()} == {
        "Mercier": firms, "Vuillemin": firms, "Maire": public, "Habitant": "",
        "Ancien": firms}
    breakdown = bodies.circle_breakdown(db, body.id)
    order = [c.name for c in directory.list_circles(db)]
    assert breakdown == [*sorted([(public, 1), (firms, 2)], key=lambda b: order.index(b[0])),
                         ("Sans cercle", 1)]
    assert bodies.breakdown_text([(public, 1), (firms, 2), ("Sans cercle", 1)]) == (
        f"{public}\u00a0: 1 · Entreprises\u00a0: 2 · Sans cercle\u00a0: 1")
    assert bodies.breakdown_text([]) == ""
    with pytest.raises(CharteError, match="introuvable"):
        bodies.circle_breakdown(db, 999)
