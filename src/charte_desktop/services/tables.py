"""The tables the window names when it records a deletion for Ctrl+Z (`ui/undo.py`,
`db/row_snapshot.py` take a table's name): the window never imports the models."""

from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Attendance,
    Axis,
    Body,
    BudgetYear,
    Circle,
    Contact,
    Decision,
    FollowUp,
    Funding,
    FundingCall,
    Indicator,
    Measurement,
    Meeting,
    Membership,
    Milestone,
    Organisation,
    Plan,
    Policy,
    PriorityCriterion,
)

ACTION: str = Action.__tablename__
ACTION_NOTE: str = ActionNote.__tablename__
AGENDA_ITEM: str = AgendaItem.__tablename__
ATTENDANCE: str = Attendance.__tablename__
AXIS: str = Axis.__tablename__
BODY: str = Body.__tablename__
BUDGET_YEAR: str = BudgetYear.__tablename__
CIRCLE: str = Circle.__tablename__
CONTACT: str = Contact.__tablename__
DECISION: str = Decision.__tablename__
FOLLOW_UP: str = FollowUp.__tablename__
FUNDING: str = Funding.__tablename__
FUNDING_CALL: str = FundingCall.__tablename__
INDICATOR: str = Indicator.__tablename__
MEASUREMENT: str = Measurement.__tablename__
MEETING: str = Meeting.__tablename__
MEMBERSHIP: str = Membership.__tablename__
MILESTONE: str = Milestone.__tablename__
ORGANISATION: str = Organisation.__tablename__
PLAN: str = Plan.__tablename__
POLICY: str = Policy.__tablename__
PRIORITY_CRITERION: str = PriorityCriterion.__tablename__
