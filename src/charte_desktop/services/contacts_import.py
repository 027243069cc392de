"""Create a contacts list's circles, organisations and people in one transaction.

As for a plan (`plan_import`): every item is checked by the directory's own rules, every
problem is collected, and any problem means nothing is written (ImportRefused).
"""

from dataclasses import dataclass, field, replace

from charte_desktop.db import Database
from charte_desktop.db.models import Circle, Contact, Organisation
from charte_desktop.errors import CharteError
from charte_desktop.services.bulk_import import (
    STEP_EVERY,
    ImportRefused,
    RowProblem,
    StepCallback,
)
from charte_desktop.services.directory import (
    CircleFields,
    ContactFields,
    OrganisationFields,
    circle_values,
    contact_values,
    organisation_values,
)


@dataclass
class CircleToCreate:
    key: str
    name: str
    line: int = 0


@dataclass
class OrganisationToCreate:
    key: str
    name: str
    circle_id: int | None = None  # an existing circle…
    circle_key: str | None = None  # …or a new one
    line: int = 0


@dataclass
class PersonToCreate:
    line: int
    fields: ContactFields  # existing organisation and circle by id
    organisation_key: str | None = None
    circle_key: str | None = None


@dataclass
class ContactsImport:
    circles: list[CircleToCreate] = field(default_factory=list)
    organisations: list[OrganisationToCreate] = field(default_factory=list)
    people: list[PersonToCreate] = field(default_factory=list)


@dataclass(frozen=True)
class ContactsImportResult:
    circles: int
    organisations: int
    contacts: int


def import_contacts(db: Database, batch: ContactsImport, *, step: StepCallback | None = None
                    ) -> ContactsImportResult:
    """Write the batch in one transaction; ImportRefused (nothing written) on any problem."""
    problems: list[RowProblem] = []
    with db.session() as session:
        circles: dict[str, Circle] = {}
        for position, new_circle in enumerate(batch.circles, start=100):
            try:
                circle = Circle(**circle_values(session, CircleFields(new_circle.name, position),
                                                None))
            except CharteError as error:
                problems.append(RowProblem.from_error(new_circle.line, error))
                continue
            circles[new_circle.key] = circle
            session.add(circle)  # flushed before the next check of names
        session.flush()
        organisations: dict[str, Organisation] = {}
        for new_org in batch.organisations:
            if new_org.circle_key and new_org.circle_key not in circles:
                continue
            circle_id = circles[new_org.circle_key].id if new_org.circle_key else new_org.circle_id
            try:
                organisations[new_org.key] = Organisation(**organisation_values(
                    session, OrganisationFields(new_org.name, circle_id)))
            except CharteError as error:
                problems.append(RowProblem.from_error(new_org.line, error))
        session.add_all(organisations.values())
        session.flush()
        total = len(batch.people)
        with session.no_autoflush:
            for index, person in enumerate(batch.people):
                if step is not None and index % STEP_EVERY == 0:
                    step(index, total)
                if (person.organisation_key and person.organisation_key not in organisations) or (
                        person.circle_key and person.circle_key not in circles):
                    continue  # its new organisation or circle has a problem, already listed
                fields = replace(
                    person.fields,
                    organisation_id=(organisations[person.organisation_key].id
                                     if person.organisation_key
                                     else person.fields.organisation_id),
                    circle_id=(circles[person.circle_key].id if person.circle_key
                               else person.fields.circle_id),
                )
                try:
                    session.add(Contact(**contact_values(session, fields)))
                except CharteError as error:
                    problems.append(RowProblem.from_error(person.line, error))
        if problems:
            raise ImportRefused(problems)
        session.flush()
        if step is not None:
            step(total, total)
        return ContactsImportResult(len(circles), len(organisations), total)
