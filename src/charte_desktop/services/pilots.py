"""The pilots of a plan: the people the Pilote filter offers, not the whole directory."""

from typing import NamedTuple

from sqlalchemy import text

from charte_desktop.db import Database
from charte_desktop.text import clean_line, fold

_PILOTS_SQL = """
SELECT DISTINCT contact.id, contact.first_name, contact.last_name, organisation.name
FROM action
JOIN contact ON contact.id = action.pilot_id
LEFT OUTER JOIN organisation ON organisation.id = contact.organisation_id
WHERE (CAST(:plan_id AS INTEGER) IS NULL OR action.plan_id = :plan_id)
"""


class Pilot(NamedTuple):
    id: int
    name: str  # "Prénom Nom", as the list's Pilote column
    organisation: str


def list_pilots(db: Database, plan_id: int | None = None) -> list[Pilot]:
    """Who pilots at least one action of the plan (of any plan when None), by last name
    then first name as the directory lists them, in one query."""
    with db.session() as session:
        records = session.connection().execute(text(_PILOTS_SQL), {"plan_id": plan_id}).all()
    found = [(fold(clean_line(last or "")), fold(clean_line(first or "")),
              Pilot(id_, clean_line(f"{first or ''} {last or ''}".strip()),
                    clean_line(org) if org else ""))
             for id_, first, last, org in records]
    return [pilot for *_key, pilot in sorted(found, key=lambda item: (*item[:2], item[2].id))]
