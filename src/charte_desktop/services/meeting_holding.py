"""Marking a meeting « Tenue »: what to ask first.

People still « Convoqué·e » would vanish from the compte rendu: the officer says what they
were (absent·es, excusé·es) or goes back to the attendance. A meeting dated after today is
not held yet: the officer confirms. The window asks; the command line and tests read the
same questions here.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from charte_desktop.db import Database
from charte_desktop.db.enums import AttendanceState
from charte_desktop.db.models import Attendance, Meeting
from charte_desktop.formatting import format_date
from charte_desktop.services.common import get_or_fail


@dataclass(frozen=True)
class HoldingQuestions:
    meeting_date: date
    days_ahead: int  # > 0: the meeting is dated after today
    still_invited: int  # people left « Convoqué·e »

    @property
    def any(self) -> bool:
        return bool(self.date_question or self.invited_question)

    @property
    def date_question(self) -> str:
        """« Cette réunion est datée du 14/01/2027, dans 43 jours. La marquer tenue quand
        même ? », or "" when it is not dated after today."""
        if self.days_ahead <= 0:
            return ""
        when = "demain" if self.days_ahead == 1 else f"dans {self.days_ahead} jours"
        return (f"Cette réunion est datée du {format_date(self.meeting_date)}, {when}. "
                "La marquer tenue quand même ?")

    @property
    def invited_question(self) -> str:
        """« 3 personnes sont encore « convoqué·es » : les marquer absent·es, excusé·es, ou
        revenir aux présences ? », or "" when nobody is."""
        count = self.still_invited
        if count == 0:
            return ""
        if count == 1:
            return ("1 personne est encore « convoqué·e » : la marquer absente, excusée, "
                    "ou revenir aux présences ?")
        return (f"{count} personnes sont encore « convoqué·es » : les marquer absent·es, "
                "excusé·es, ou revenir aux présences ?")


def holding_questions(db: Database, meeting_id: int, today: date, *,
                      on_date: date | None = None) -> HoldingQuestions:
    """What to ask before marking the meeting held on `today`; `on_date` is the date the
    form is about to save (the stored one when None). French CharteError if unknown."""
    with db.session() as session:
        meeting = get_or_fail(session, Meeting, meeting_id, "La réunion")
        invited = session.scalar(select(func.count(Attendance.id)).where(
            Attendance.meeting_id == meeting_id,
            Attendance.state == AttendanceState.INVITED)) or 0
        meeting_date = on_date or meeting.date
    return HoldingQuestions(meeting_date, (meeting_date - today).days, invited)
