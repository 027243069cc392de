"""Who is invited to a meeting and whether they came; proxies and the quorum.

A proxy holds only while its holder is present: naming a holder who is on the list but not
present is refused, naming someone not on the list adds them as present (an unexpected
attendee carrying a proxy), and a holder who later stops being present leaves the proxies
they carry flagged (`proxy_problem`) and uncounted in the quorum.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState, Civility, QuorumRule
from charte_desktop.db.models import Attendance, Body, Contact, Meeting, Membership
from charte_desktop.errors import CharteError
from charte_desktop.services.bodies import current_membership
from charte_desktop.services.common import ensure_exists, get_or_fail, not_found

PRESENT = AttendanceState.PRESENT
REPRESENTED = AttendanceState.REPRESENTED


def _attendance(session: Session, meeting_id: int, contact_id: int) -> Attendance | None:
    return session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.contact_id == contact_id
        )
    )


def not_present_sentence(contact: Contact) -> str:
    """« Karim Benali n'est pas marqué présent : marquez-le d'abord présent. », in the
    person's gender when their civility tells it."""
    name = contact.full_name
    if contact.civility is Civility.MADAME:
        return f"{name} n'est pas marquée présente : marquez-la d'abord présente."
    if contact.civility is Civility.MONSIEUR:
        return f"{name} n'est pas marqué présent : marquez-le d'abord présent."
    return f"{name} n'est pas marqué·e présent·e : marquez-le·la d'abord présent·e."


def _check_holder(session: Session, meeting_id: int, people: Sequence[Contact],
                  holder_id: int | None) -> Attendance | None:
    """The holder's attendance for a proxy given to `people` (None when they are not on the
    list: the caller adds them as present); French CharteError when the proxy cannot be."""
    who = people[0].full_name if len(people) == 1 else "ces personnes"
    if holder_id is None:
        raise CharteError(f"Indiquez qui représente {who}.", field="represented_by_id")
    for person in people:
        if person.id == holder_id:
            raise CharteError(
                f"{person.full_name} ne peut pas se représenter soi-même : "
                "choisissez une autre personne.",
                field="represented_by_id",
            )
    ensure_exists(session, Contact, holder_id, "Le contact", "represented_by_id")
    holder = _attendance(session, meeting_id, holder_id)
    if holder is not None and holder.state is not PRESENT:
        contact = session.get(Contact, holder_id)
        assert contact is not None
        raise CharteError(not_present_sentence(contact), field="represented_by_id")
    return holder


def _write(session: Session, meeting_id: int, contact_ids: Sequence[int],
           state: AttendanceState, represented_by_id: int | None) -> list[Attendance]:
    """Check everything first, then write: a refusal changes nothing."""
    if not isinstance(state, AttendanceState):
        raise CharteError("Le champ « Présence » est obligatoire.", field="state")
    get_or_fail(session, Meeting, meeting_id, "La réunion")
    people = [get_or_fail(session, Contact, i, "Le contact") for i in contact_ids]
    add_holder = False
    if state is REPRESENTED:
        add_holder = _check_holder(session, meeting_id, people, represented_by_id) is None
    else:
        represented_by_id = None
    written = []
    for person in people:
        attendance = _attendance(session, meeting_id, person.id)
        if attendance is None:  # someone not invited came: an unexpected attendee
            attendance = Attendance(meeting_id=meeting_id, contact_id=person.id)
            session.add(attendance)
        attendance.state = state
        attendance.represented_by_id = represented_by_id
        written.append(attendance)
    if add_holder:
        session.add(Attendance(meeting_id=meeting_id, contact_id=represented_by_id,
                               state=PRESENT))
    session.flush()
    return written


def set_attendance(
    db: Database,
    meeting_id: int,
    contact_id: int,
    state: AttendanceState,
    represented_by_id: int | None = None,
) -> Attendance:
    """Record whether someone came; someone not invited is added (an unexpected attendee).

    REPRESENTED needs the representative, another contact who is present (added as present
    when not on the list); other states clear it.
    """
    with db.session() as session:
        return _write(session, meeting_id, [contact_id], state, represented_by_id)[0]


def set_attendances(
    db: Database,
    meeting_id: int,
    contact_ids: Iterable[int],
    state: AttendanceState,
    represented_by_id: int | None = None,
) -> int:
    """The same state for several people at once, in one transaction; how many."""
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return 0
    with db.session() as session:
        return len(_write(session, meeting_id, ids, state, represented_by_id))


def mark_all_present(db: Database, meeting_id: int) -> int:
    """Everyone still « Convoqué·e » is marked present; how many were."""
    with db.session() as session:
        get_or_fail(session, Meeting, meeting_id, "La réunion")
        return settle_invited(session, meeting_id, PRESENT)


def settle_invited(session: Session, meeting_id: int, state: AttendanceState) -> int:
    """Give `state` to everyone still « Convoqué·e » (holding a meeting); how many."""
    if state is REPRESENTED:
        raise ValueError("a proxy needs its holder")
    invited = session.scalars(select(Attendance).where(
        Attendance.meeting_id == meeting_id, Attendance.state == AttendanceState.INVITED)).all()
    for attendance in invited:
        attendance.state = state
        attendance.represented_by_id = None
    session.flush()
    return len(invited)


def add_invitee(db: Database, meeting_id: int, contact_id: int) -> Attendance:
    """Invite someone to a meeting (a member or a guest)."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        if _attendance(session, meeting_id, contact_id) is not None:
            raise CharteError(
                f"{contact.full_name} est déjà convoqué·e à la réunion du {meeting.date:%d/%m/%Y}.",
                field="contact_id",
            )
        attendance = Attendance(
            meeting_id=meeting_id, contact_id=contact_id, state=AttendanceState.INVITED
        )
        session.add(attendance)
        session.flush()
        return attendance


def remove_invitee(db: Database, meeting_id: int, contact_id: int) -> None:
    with db.session() as session:
        attendance = _attendance(session, meeting_id, contact_id)
        if attendance is None:
            contact = get_or_fail(session, Contact, contact_id, "Le contact")
            raise CharteError(
                f"{contact.full_name} n'est pas convoqué·e à cette réunion.", field="contact_id"
            )
        session.delete(attendance)


# --- Undo: what some people's attendance was, to put it back ---------------------------


class AttendanceRecord(NamedTuple):
    contact_id: int
    state: AttendanceState | None  # None: not on the list
    represented_by_id: int | None


def attendance_records(db: Database, meeting_id: int,
                       contact_ids: Iterable[int] | None = None) -> list[AttendanceRecord]:
    """These people's attendance (everyone's on the list when None), to restore later."""
    query = select(Attendance.contact_id, Attendance.state, Attendance.represented_by_id
                   ).where(Attendance.meeting_id == meeting_id)
    wanted = None if contact_ids is None else list(dict.fromkeys(contact_ids))
    if wanted is not None:
        query = query.where(Attendance.contact_id.in_(wanted))
    with db.session() as session:
        found = {row[0]: AttendanceRecord(*row) for row in session.execute(query).all()}
    if wanted is None:
        return list(found.values())
    return [found.get(i, AttendanceRecord(i, None, None)) for i in wanted]


def restore_attendances(db: Database, meeting_id: int,
                        records: Iterable[AttendanceRecord]) -> None:
    """Put attendance back as recorded (undo and redo), in one transaction: no rule is
    checked, what was recorded was the file's own state."""
    with db.session() as session:
        get_or_fail(session, Meeting, meeting_id, "La réunion")
        for record in records:
            attendance = _attendance(session, meeting_id, record.contact_id)
            if record.state is None:
                if attendance is not None:
                    session.delete(attendance)
                continue
            if session.get(Contact, record.contact_id) is None:
                continue  # deleted from the directory since
            if attendance is None:
                attendance = Attendance(meeting_id=meeting_id, contact_id=record.contact_id)
                session.add(attendance)
            attendance.state = record.state
            holder = record.represented_by_id
            known = holder is not None and session.get(Contact, holder) is not None
            attendance.represented_by_id = holder if known else None


# --- Quorum ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumStatus:
    """Voting members present, and those represented by someone present (a proxy whose
    holder is not present is not counted: see `proxy_problem`)."""

    rule: QuorumRule
    required: int
    present: int
    represented: int
    voting_members: int
    reached: bool
    invalid_proxies: int = 0  # voting members whose proxy's holder is not present

    @property
    def present_or_represented(self) -> int:
        return self.present + self.represented

    @property
    def label(self) -> str:
        """E.g. "Quorum atteint : 5 membres votants présents ou représentés, 4 requis"."""
        if self.rule is QuorumRule.NONE:
            return "Pas de quorum requis"
        verdict = "Quorum atteint" if self.reached else "Quorum non atteint"
        return (
            f"{verdict} : {self.present_or_represented} membre(s) votant(s) présent(s) "
            f"ou représenté(s), {self.required} requis"
        )

    @property
    def sentence(self) -> str:
        """As the compte rendu states it: « Le quorum (5) est atteint : 7 présents,
        1 représenté. »; "" when the body has no quorum."""
        if self.rule is QuorumRule.NONE:
            return ""
        verdict = "est atteint" if self.reached else "n'est pas atteint"
        counts = _plural(self.present, "présent", "présents")
        if self.represented:
            counts += ", " + _plural(self.represented, "représenté", "représentés")
        return f"Le quorum ({self.required}) {verdict} : {counts}."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


def proxy_problem(state: AttendanceState, holder_name: str,
                  holder_state: AttendanceState | None) -> str:
    """Why a « représenté·e » does not count, or "": the holder of the proxy must be
    present at the meeting."""
    if state is not REPRESENTED or holder_state is PRESENT:
        return ""
    if holder_state is None:
        return f"Pouvoir non valable : {holder_name} n'est pas sur la liste des présents."
    return (f"Pouvoir non valable : {holder_name} est « {holder_state.label.lower()} »"
            " et ne peut pas le porter.")


def quorum_status(db: Database, meeting_id: int) -> QuorumStatus:
    """Whether enough voting members (on the meeting's date) are present or validly
    represented, by the body's rule.

    COUNT needs `quorum_value` of them; SHARE needs that percentage of the voting members,
    rounded up (half of 7 is 4) and at least 1; NONE is always reached.
    """
    voting_now = (
        Membership.body_id == Meeting.body_id,
        Membership.voting.is_(True),
        current_membership(Meeting.date),
    )
    voting_count = select(func.count(Membership.id)).where(*voting_now).scalar_subquery()
    query = (
        select(Body.quorum_rule, Body.quorum_value, voting_count)
        .join(Meeting, Meeting.body_id == Body.id)
        .where(Meeting.id == meeting_id)
    )
    holder = aliased(Attendance)
    states = (
        select(Attendance.state, holder.state)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Membership, Membership.contact_id == Attendance.contact_id)
        .outerjoin(holder, (holder.meeting_id == Attendance.meeting_id)
                   & (holder.contact_id == Attendance.represented_by_id))
        .where(Attendance.meeting_id == meeting_id, *voting_now)
    )
    with db.session() as session:
        row = session.execute(query).first()
        if row is None:
            raise CharteError(not_found("La réunion", meeting_id, note="peut-être supprimée"))
        members = session.execute(states).all()
    rule, value, voting_members = row
    present = sum(1 for state, _ in members if state is PRESENT)
    proxies = [holder_state for state, holder_state in members if state is REPRESENTED]
    represented = sum(1 for holder_state in proxies if holder_state is PRESENT)
    if rule is QuorumRule.NONE:
        required = 0
    elif rule is QuorumRule.COUNT:
        required = value
    else:
        required = max(1, -(-voting_members * value // 100))
    return QuorumStatus(rule, required, present, represented, voting_members,
                        present + represented >= required, len(proxies) - represented)
