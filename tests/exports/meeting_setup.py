"""Meetings the letter tests need, found in the demo or written into a copy of it."""

from datetime import date, time

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind, Civility, MeetingState
from charte_desktop.db.models import Attendance, Body, Contact, Meeting, Organisation
from charte_desktop.services.meetings import get_meeting, list_meetings


def demo_meeting(db: Database, kind: BodyKind, state: MeetingState) -> int:
    """The first demo meeting of a body of `kind` in `state`."""
    for row in list_meetings(db):
        if row.state is state and get_meeting(db, row.id).body.kind is kind:
            return row.id
    raise AssertionError(f"the demo has no {state.value} meeting of a {kind.value}")


# Long enough to wrap in the « Structure et fonction » column, as real ones do.
_ORGANISATIONS = (
    "Communauté de communes du Val d'Aubrance — Direction de l'aménagement",
    "Chambre de commerce et d'industrie territoriale",
    "Commune de Villers-sur-Aubrance",
)
_FUNCTIONS = (
    "Chargée de mission logistique urbaine et mobilité",
    "Responsable du développement économique",
    "Maire, conseiller communautaire",
)


def meeting_with_invitees(db: Database, count: int) -> int:
    """A planned meeting of a new body, with `count` invitees named « NOM01 Prénom… »."""
    with db.session() as session:
        organisations = [Organisation(name=name) for name in _ORGANISATIONS]
        session.add_all(organisations)
        body = Body(kind=BodyKind.OTHER, name=f"Commission d'essai à {count} invités")
        session.add(body)
        session.flush()
        meeting = Meeting(body_id=body.id, date=date(2027, 1, 14), start_time=time(9, 30),
                          end_time=time(12, 0), place="Salle du conseil",
                          state=MeetingState.PLANNED)
        session.add(meeting)
        session.flush()
        for number in range(1, count + 1):
            contact = Contact(
                civility=Civility.MADAME if number % 2 else Civility.MONSIEUR,
                first_name=f"Prénom{number:02d}", last_name=f"Nom{number:02d}",
                function=_FUNCTIONS[number % 3],
                organisation_id=organisations[number % 3].id)
            session.add(contact)
            session.flush()
            session.add(Attendance(meeting_id=meeting.id, contact_id=contact.id))
        return meeting.id
