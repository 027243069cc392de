"""All models, imported together so that relationships resolve and Alembic sees every table."""

from charte_desktop.db.models.base import Base
from charte_desktop.db.models.calls import FundingCall, funding_call_action
from charte_desktop.db.models.directory import Circle, Contact, Organisation
from charte_desktop.db.models.governance import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    FollowUp,
    Meeting,
    MeetingSeries,
    Membership,
)
from charte_desktop.db.models.history import ChangeLog
from charte_desktop.db.models.indicators import Indicator, Measurement, indicator_action
from charte_desktop.db.models.plan import (
    Action,
    ActionNote,
    Axis,
    BudgetYear,
    Funding,
    Milestone,
    Plan,
    Policy,
    PriorityCriterion,
    PriorityScore,
    Territory,
    action_copilot,
    action_partner,
    action_policy,
)
from charte_desktop.db.models.updates import FileIdentity, UpdateImport

__all__ = [
    "Action",
    "ActionNote",
    "AgendaItem",
    "Attendance",
    "Axis",
    "Base",
    "Body",
    "BudgetYear",
    "ChangeLog",
    "Circle",
    "Contact",
    "Decision",
    "FileIdentity",
    "FollowUp",
    "Funding",
    "FundingCall",
    "Indicator",
    "Measurement",
    "Meeting",
    "MeetingSeries",
    "Membership",
    "Milestone",
    "Organisation",
    "Plan",
    "Policy",
    "PriorityCriterion",
    "PriorityScore",
    "Territory",
    "UpdateImport",
    "action_copilot",
    "action_partner",
    "action_policy",
    "funding_call_action",
    "indicator_action",
]
