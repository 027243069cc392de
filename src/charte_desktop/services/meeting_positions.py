"""The order of what a meeting holds (agenda points, decisions, follow-ups): shared by
`meetings` and `meeting_outcomes`, so that neither imports the other for it."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charte_desktop.errors import CharteError


def renumber(items: list[Any]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


def next_position(session: Session, model: Any, meeting_id: int) -> int:
    highest = session.scalar(select(func.max(model.position)).where(model.meeting_id == meeting_id))
    return 0 if highest is None else highest + 1


def same_meeting(current: int, wanted: int, what: str) -> None:
    if current != wanted:
        raise CharteError(f"{what} ne peut pas changer de réunion.", field="meeting_id")
