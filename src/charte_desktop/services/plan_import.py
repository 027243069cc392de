"""Create a whole plan's axes, pilots, partners, policies and actions in one transaction
(an Excel import).

The importer (`imports/`) turns a sheet into a PlanImport; this use case checks every
item with the same rules as the forms (`action_values`, `axis_values`, `contact_values`)
and writes everything, or nothing when any row has a problem (ImportRefused lists them).
Run inside `Database.dry_run()` it is the preview's check.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from charte_desktop.db import Database
from charte_desktop.db.history import CREATED, record_plain_writes
from charte_desktop.db.models import (
    Action,
    Axis,
    Contact,
    Organisation,
    Plan,
    Policy,
    action_copilot,
    action_partner,
    action_policy,
)
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.actions import (
    ActionFields,
    action_field_values,
    check_code_free,
)
from charte_desktop.services.bulk_import import (
    STEP_EVERY,
    ImportRefused,
    RowProblem,
    StepCallback,
)
from charte_desktop.services.common import get_or_fail, not_found
from charte_desktop.services.directory import (
    ContactFields,
    OrganisationFields,
    contact_values,
    organisation_values,
)
from charte_desktop.services.plans import AxisFields, PlanFields, axis_values, plan_values
from charte_desktop.text import fold


@dataclass
class AxisToCreate:
    key: str  # how actions refer to it
    title: str
    code: str = ""
    line: int = 0  # first row naming it


@dataclass
class ContactToCreate:
    key: str
    last_name: str
    first_name: str = ""
    line: int = 0


@dataclass
class OrganisationToCreate:
    """A partner unknown to the directory."""

    key: str
    name: str
    line: int = 0


@dataclass
class PolicyToCreate:
    """A public policy unknown to the file: « PDM » typed in the plan becomes its code."""

    key: str
    code: str
    line: int = 0


@dataclass
class ActionToCreate:
    line: int
    # Existing axis, pilot and co-pilots by id; plan_id is the import's target.
    fields: ActionFields
    axis_key: str | None = None  # a new axis of this import
    pilot_key: str | None = None  # a new contact of this import
    copilot_keys: list[str] = field(default_factory=list)
    partner_keys: list[str] = field(default_factory=list)  # new organisations
    policy_keys: list[str] = field(default_factory=list)  # new policies


@dataclass
class PlanImport:
    plan_id: int | None  # an existing plan, or None to create `new_plan`
    new_plan: PlanFields | None = None
    axes: list[AxisToCreate] = field(default_factory=list)
    contacts: list[ContactToCreate] = field(default_factory=list)
    actions: list[ActionToCreate] = field(default_factory=list)
    organisations: list[OrganisationToCreate] = field(default_factory=list)
    policies: list[PolicyToCreate] = field(default_factory=list)


@dataclass(frozen=True)
class PlanImportResult:
    plan_id: int
    plan_title: str
    new_plan: bool
    axes: int
    contacts: int
    actions: int
    organisations: int = 0
    policies: int = 0


# Any number the imports of every Charte agree on: PostgreSQL's advisory locks are named
# by a number, held until the transaction ends.
IMPORT_LOCK = 0x43484152  # "CHAR"


def import_plan(db: Database, batch: PlanImport, *, step: StepCallback | None = None
                ) -> PlanImportResult:
    """Write the batch in one transaction; ImportRefused (nothing written) on any problem.

    On a server, imports run one after the other (a lock held until the transaction
    ends), and a pilot, partner or policy the batch would create but that another officer
    created since the preview (the same name) is the one used: never twice in the
    directory."""
    problems: list[RowProblem] = []
    with db.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
        if batch.plan_id is not None:
            plan = get_or_fail(session, Plan, batch.plan_id, "Le plan")
        else:
            plan = Plan(**plan_values(batch.new_plan or PlanFields(title="")))
            session.add(plan)
            session.flush()
        first_position = 1 + (session.scalar(
            select(func.max(Axis.position)).where(Axis.plan_id == plan.id)) or 0)
        axes: dict[str, Axis] = {}
        for offset, new_axis in enumerate(batch.axes):
            try:
                axes[new_axis.key] = Axis(**axis_values(session, AxisFields(
                    plan.id, new_axis.title, new_axis.code, position=first_position + offset,
                ), None))
            except CharteError as error:
                problems.append(RowProblem.from_error(new_axis.line, error))
        already = _CreatedMeanwhile.load(session, batch)
        contacts: dict[str, Contact] = {}
        for person in batch.contacts:
            found = already.contact(session, person)
            if found is not None:
                contacts[person.key] = found
                continue
            try:
                contacts[person.key] = Contact(**contact_values(session, ContactFields(
                    last_name=person.last_name, first_name=person.first_name)))
            except CharteError as error:
                problems.append(RowProblem.from_error(person.line, error))
        organisations: dict[str, Organisation] = {}
        for partner in batch.organisations:
            known = already.organisation(session, partner)
            if known is not None:
                organisations[partner.key] = known
                continue
            try:
                organisations[partner.key] = Organisation(**organisation_values(
                    session, OrganisationFields(name=partner.name)))
            except CharteError as error:
                problems.append(RowProblem.from_error(partner.line, error))
        policies: dict[str, Policy] = {}
        for policy in batch.policies:
            existing = already.policy(session, policy)
            if existing is not None:
                policies[policy.key] = existing
                continue
            try:
                policies[policy.key] = Policy(code=rules.required_text(
                    policy.code, "code", "Code de la politique publique", max_length=40))
            except CharteError as error:
                problems.append(RowProblem.from_error(policy.line, error))
        new_rows: list[Contact | Organisation | Policy] = [
            *contacts.values(), *organisations.values(), *policies.values()]
        created = [item for item in new_rows if item.id is None]
        session.add_all([*axes.values(), *created])
        session.flush()
        codes: dict[str, str] = {
            code: title for code, title in session.execute(
                select(Action.code, Action.title).where(Action.plan_id == plan.id))}
        references = _References.load(session, plan.id, batch.actions)
        total = len(batch.actions)
        rows: list[dict[str, Any]] = []
        copilots: list[list[int]] = []
        links: list[tuple[list[int], list[int]]] = []  # (partners, policies) of each row
        for index, item in enumerate(batch.actions):
            if step is not None and index % STEP_EVERY == 0:
                step(index, total)
            people = [key for key in (item.pilot_key, *item.copilot_keys) if key]
            if (item.axis_key and item.axis_key not in axes) or any(
                    key not in contacts for key in people) or any(
                    key not in organisations for key in item.partner_keys) or any(
                    key not in policies for key in item.policy_keys):
                continue  # its new axis, contact, partner or policy has a problem, listed
            try:
                values = action_field_values(item.fields)
                references.check(values, item.fields)  # the existing ones
                check_code_free(session, plan.id, values["code"], None, codes)
                values["plan_id"] = plan.id
                if item.axis_key:
                    values["axis_id"] = axes[item.axis_key].id
                if item.pilot_key:
                    values["pilot_id"] = contacts[item.pilot_key].id
                row_copilots = [*item.fields.copilot_ids,
                                *(contacts[key].id for key in item.copilot_keys)]
            except CharteError as error:
                problems.append(RowProblem.from_error(item.line, error))
                continue
            codes[values["code"]] = values["title"]
            rows.append(values)
            copilots.append(row_copilots)
            links.append((
                [*item.fields.partner_ids,
                 *(organisations[key].id for key in item.partner_keys)],
                [*item.fields.policy_ids, *(policies[key].id for key in item.policy_keys)]))
        if problems:
            raise ImportRefused(problems)
        _insert_actions(session, plan.id, rows, copilots, links)
        if step is not None:
            step(total, total)
        return PlanImportResult(plan.id, plan.title, batch.plan_id is None, len(axes),
                                len(contacts) - len(already.contacts),
                                total, len(organisations) - len(already.organisations),
                                len(policies) - len(already.policies))


@dataclass
class _CreatedMeanwhile:
    """The pilots, partners and policies the batch would create that the base now holds
    under the same name (once, else they are created): by its key, the id to use."""

    contacts: dict[str, int] = field(default_factory=dict)
    organisations: dict[str, int] = field(default_factory=dict)
    policies: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, batch: PlanImport) -> "_CreatedMeanwhile":
        found = cls()
        if batch.contacts:
            people = _only_ones(session.execute(select(
                Contact.id, Contact.first_name, Contact.last_name)),
                lambda first, last: (fold(first or "").strip(), fold(last).strip()))
            found.contacts = _known(people, {
                person.key: (fold(person.first_name).strip(), fold(person.last_name).strip())
                for person in batch.contacts})
        if batch.organisations:
            names = _only_ones(session.execute(select(Organisation.id, Organisation.name)),
                               lambda name: fold(name).strip())
            found.organisations = _known(names, {
                partner.key: fold(partner.name).strip() for partner in batch.organisations})
        if batch.policies:
            codes = _only_ones(session.execute(select(Policy.id, Policy.code)),
                               lambda code: fold(code).strip())
            found.policies = _known(codes, {
                policy.key: fold(policy.code).strip() for policy in batch.policies})
        return found

    def contact(self, session: Session, person: ContactToCreate) -> Contact | None:
        known = self.contacts.get(person.key)
        return session.get(Contact, known) if known is not None else None

    def organisation(self, session: Session, partner: OrganisationToCreate
                     ) -> Organisation | None:
        known = self.organisations.get(partner.key)
        return session.get(Organisation, known) if known is not None else None

    def policy(self, session: Session, policy: PolicyToCreate) -> Policy | None:
        known = self.policies.get(policy.key)
        return session.get(Policy, known) if known is not None else None


def _only_ones(rows: Any, name: Any) -> dict[Any, int | None]:
    """Each folded name → its row's id, or None when several rows bear it."""
    ids: dict[Any, int | None] = {}
    for row_id, *values in rows:
        folded = name(*values)
        ids[folded] = None if folded in ids else row_id
    return ids


def _known(ids: dict[Any, int | None], wanted: dict[str, Any]) -> dict[str, int]:
    return {key: found for key, folded in wanted.items()
            if (found := ids.get(folded)) is not None}


@dataclass
class _References:
    """The existing axes and contacts the batch names, looked up once for all its rows."""

    axes: set[int]  # of the target plan
    contacts: set[int]
    organisations: set[int]
    policies: set[int]

    @classmethod
    def load(cls, session: Session, plan_id: int, items: list[ActionToCreate]
             ) -> "_References":
        contact_ids = {contact_id for item in items
                       for contact_id in (item.fields.pilot_id, *item.fields.copilot_ids)
                       if contact_id is not None}
        partner_ids = {partner for item in items for partner in item.fields.partner_ids}
        policy_ids = {policy for item in items for policy in item.fields.policy_ids}
        return cls(
            set(session.scalars(select(Axis.id).where(Axis.plan_id == plan_id))),
            set(session.scalars(select(Contact.id).where(Contact.id.in_(contact_ids))))
            if contact_ids else set(),
            set(session.scalars(select(Organisation.id).where(
                Organisation.id.in_(partner_ids)))) if partner_ids else set(),
            set(session.scalars(select(Policy.id).where(Policy.id.in_(policy_ids))))
            if policy_ids else set(),
        )

    def check(self, values: dict[str, Any], fields: ActionFields) -> None:
        axis_id = values["axis_id"]
        if axis_id is not None and axis_id not in self.axes:
            missing = not_found("L'axe", axis_id).removesuffix(".")
            raise CharteError(f"{missing} dans ce plan.", field="axis_id")
        for contact_id in (values["pilot_id"], *fields.copilot_ids):
            if contact_id is not None and contact_id not in self.contacts:
                raise CharteError(not_found("Le contact", contact_id), field="pilot_id")
        for partner_id in fields.partner_ids:
            if partner_id not in self.organisations:
                raise CharteError(not_found("La structure", partner_id), field="partner_ids")
        for policy_id in fields.policy_ids:
            if policy_id not in self.policies:
                raise CharteError(not_found("La politique publique", policy_id),
                                  field="policy_ids")
        if values["project_group_id"] is not None:
            raise CharteError("Un import ne désigne pas de groupe projet.",
                              field="project_group_id")


def _insert_actions(session: Session, plan_id: int, rows: list[dict[str, Any]],
                    copilots: list[list[int]], links: list[tuple[list[int], list[int]]]
                    ) -> None:
    """Checked rows in one executemany INSERT: building 2,000 ORM objects, or asking back
    each new id, would cost more than reading the workbook. (The table's, not the ORM's
    bulk insert, which splits the rows wherever a value is None.)"""
    if not rows:
        return
    session.execute(insert(Action.metadata.tables[Action.__tablename__]), rows)
    ids: dict[str, int] = {code: action_id for code, action_id in session.execute(
        select(Action.code, Action.id).where(Action.plan_id == plan_id))}
    # Their history's first line, as a form's creation writes it.
    record_plain_writes(session, "action", CREATED, [ids[row["code"]] for row in rows])
    if not any(copilots) and not any(a or b for a, b in links):
        return
    for table, column, lists in (
            (action_copilot, "contact_id", copilots),
            (action_partner, "organisation_id", [partners for partners, _ in links]),
            (action_policy, "policy_id", [policies for _, policies in links])):
        pairs = [{"action_id": ids[row["code"]], column: linked}
                 for row, linked_ids in zip(rows, lists, strict=True)
                 for linked in dict.fromkeys(linked_ids)]
        if pairs:
            session.execute(insert(table), pairs)


