"""What a plan's row names besides its own cells: partners (organisations of the
directory) and public policies, matched to what the file holds or created; and the rows
that are no action at all (« Total », « Sous-total axe 2 », a row of sums).

Partners follow the pilots' rule: an organisation unknown to the directory is created, and
the preview lists it (« Structures à créer »). So do policies: « PDM » unknown to the file
becomes a policy of code « PDM », listed (« Politiques publiques à créer »), since a plan's
column of policies names the plans and programmes the territory works with. Names match
whatever their case, accents, punctuation and spaces (« PLUi » is « PLU(i) »,
`people.name_key`). Partners are separated by « ; » or line breaks only: a comma stays in
a name (« Région Bourgogne-Franche-Comté, direction de l'agriculture »).
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.models import Action, Axis, Contact, Organisation, Policy
from charte_desktop.imports.action_columns import LIST_SEPARATORS, PARTNER_SEPARATORS, TOTAL
from charte_desktop.imports.people import NameIndex, name_key, person_key
from charte_desktop.imports.structure_names import StructureIndex
from charte_desktop.imports.table_rows import CellValue, TableRow
from charte_desktop.imports.values import is_unknown, text
from charte_desktop.services.plan_import import OrganisationToCreate, PolicyToCreate
from charte_desktop.text import fold

POLICY_CODE_MAX = 40


def split_list(value: CellValue, separators: re.Pattern[str] = LIST_SEPARATORS) -> list[str]:
    """ "PCAET ; PDM", "A, B" or one per line → the names, unknown markers left out
    (`separators`: PARTNER_SEPARATORS for names that may hold a comma)."""
    if value is None or is_unknown(value):
        return []
    return [name for name in (" ".join(part.split()) for part in separators.split(text(value)))
            if name and not is_unknown(name)]


def total_label(row: TableRow, code: CellValue, title: CellValue) -> str | None:
    """The text that makes `row` a total row (« Total », « Sous-total axe 2 »), « sommes »
    for a row holding numbers or formulas only; None for any other row."""
    written = [text(value).strip() for value in (code, title) if value is not None]
    if written:
        if all(TOTAL.match(fold(value)) for value in written):
            return written[0]
        return None
    texts = [value for value in row.values if isinstance(value, str)]
    if len(texts) == 1 and TOTAL.match(fold(texts[0])):
        return texts[0]
    numbers = [value for value in row.values if value is not None]
    if not texts and (row.formulas or numbers) and all(
            isinstance(value, int | float) and not isinstance(value, bool)
            for value in numbers):
        return "sommes"
    return None


@dataclass
class PlanLookups:
    """What the target plan and the directory already hold, folded for matching."""

    axes_by_title: dict[str, int] = field(default_factory=dict)
    axes_by_code: dict[str, int] = field(default_factory=dict)
    contacts: dict[str, int] = field(default_factory=dict)  # folded names → id (unique only)
    axis_codes: dict[int, str] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)


def plan_lookups(db: Database, plan_id: int | None) -> PlanLookups:
    found = PlanLookups()
    with db.session() as session:
        if plan_id is not None:
            for axis_id, code, title in session.execute(
                    select(Axis.id, Axis.code, Axis.title).where(Axis.plan_id == plan_id)):
                found.axes_by_title.setdefault(fold(title), axis_id)
                if code:
                    found.axes_by_code.setdefault(fold(code), axis_id)
                    found.axis_codes[axis_id] = code
            found.codes = set(session.scalars(select(Action.code).where(
                Action.plan_id == plan_id)))
        ambiguous: set[str] = set()
        for contact_id, first, last in session.execute(
                select(Contact.id, Contact.first_name, Contact.last_name)):
            for name in {f"{first} {last}", last}:
                key = person_key(name)
                if key in found.contacts and found.contacts[key] != contact_id:
                    ambiguous.add(key)
                found.contacts.setdefault(key, contact_id)
        for key in ambiguous:  # "Martin" alone names no one when two Martins exist
            del found.contacts[key]
    return found


@dataclass
class LinkLookups:
    """The directory's organisations and the file's policies (by code, else by label)."""

    organisations: StructureIndex = field(default_factory=StructureIndex)
    policy_codes: NameIndex = field(default_factory=NameIndex)
    policy_labels: NameIndex = field(default_factory=NameIndex)

    @classmethod
    def load(cls, db: Database) -> "LinkLookups":
        found = cls()
        with db.session() as session:
            for organisation_id, name in session.execute(
                    select(Organisation.id, Organisation.name)):
                found.organisations.add(name, organisation_id)
            for policy_id, code, label in session.execute(
                    select(Policy.id, Policy.code, Policy.label)):
                found.policy_codes.add(code, policy_id)
                if label:
                    found.policy_labels.add(label, policy_id)
        return found

    def policy(self, name: str) -> int | None:
        return self.policy_codes.get(name) or self.policy_labels.get(name)


@dataclass
class Links:
    """Partners and policies of the rows read, with those to create (each once)."""

    lookups: LinkLookups
    organisations: list[OrganisationToCreate] = field(default_factory=list)
    policies: list[PolicyToCreate] = field(default_factory=list)
    _new_organisations: dict[str, OrganisationToCreate] = field(default_factory=dict)
    # Names found other than as written: (line, name written, name in the directory).
    recognised: list[tuple[int, str, str]] = field(default_factory=list)
    _new_policies: dict[str, PolicyToCreate] = field(default_factory=dict)

    def partners(self, line: int, value: CellValue) -> tuple[list[int], list[str]]:
        """(existing organisation ids, keys of new ones)."""
        ids: list[int] = []
        keys: list[str] = []
        for name in split_list(value, PARTNER_SEPARATORS):
            key = name_key(name)
            existing, known = self.lookups.organisations.find(name)
            if existing is not None:
                ids.append(existing)
                if known is not None and all(name != seen for _, seen, _ in self.recognised):
                    self.recognised.append((line, name, known))
                continue
            if key not in self._new_organisations:
                new = OrganisationToCreate(key=key, name=name, line=line)
                self.organisations.append(new)
                self._new_organisations[key] = new
            keys.append(key)
        return ids, keys

    def policies_of(self, line: int, value: CellValue) -> tuple[list[int], list[str], list[str]]:
        """(existing policy ids, keys of new ones, problems)."""
        ids: list[int] = []
        keys: list[str] = []
        problems: list[str] = []
        for name in split_list(value):
            key = name_key(name)
            existing = self.lookups.policy(name)
            if existing is not None:
                ids.append(existing)
                continue
            if len(name) > POLICY_CODE_MAX:
                problems.append(
                    f"politique publique « {name} » inconnue : pour la créer, écrivez son "
                    f"sigle ({POLICY_CODE_MAX} caractères au plus, « PCAET »), ou créez-la "
                    "d'abord dans Charte")
                continue
            if key not in self._new_policies:
                new = PolicyToCreate(key=key, code=name, line=line)
                self.policies.append(new)
                self._new_policies[key] = new
            keys.append(key)
        return ids, keys, problems
