"""Import a contacts list (annuaire) from Excel or CSV: read, map, preview, then apply.

Same steps as `action_plan`. Organisations are matched by name (case and accents aside)
with those of the file and those already in the directory: each is created once. A person
already in the directory (same name and organisation, or same e-mail) is left as is and
listed as such, so importing the same list twice creates nobody twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from charte_desktop.civility import parse_civility
from charte_desktop.db import Database
from charte_desktop.db.enums import Civility
from charte_desktop.db.models import Circle, Contact, Organisation
from charte_desktop.errors import CharteError
from charte_desktop.imports.columns import (
    FieldSpec,
    HeaderGuess,
    Mapping,
    check_mapping,
    source_notes,
)
from charte_desktop.imports.people import NameIndex, name_key, person_key, split_person
from charte_desktop.imports.progress import REPORT_EVERY, SILENT, Monitor
from charte_desktop.imports.table_rows import CellValue, Table, TableRow
from charte_desktop.imports.values import text
from charte_desktop.services.bulk_import import ImportRefused, RowProblem, count_label
from charte_desktop.services.contacts_import import (
    CircleToCreate,
    ContactsImport,
    ContactsImportResult,
    OrganisationToCreate,
    PersonToCreate,
    import_contacts,
)
from charte_desktop.services.directory import ContactFields
from charte_desktop.text import fold

CONTACT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("organisation", "Structure", (
        "organisation", "organisme", "structure", "societe", "entreprise", "employeur",
        "collectivite", "etablissement", "raison sociale", "association", "partenaire",
        "nom de la structure", "organisme de rattachement", "service")),
    FieldSpec("circle", "Cercle", ("cercle", "categorie", "type d acteur", "type de structure",
                                   "college", "famille d acteurs", "type", "categorie d acteur")),
    FieldSpec("last_name", "Nom", ("nom", "nom de famille", "nom usuel")),
    FieldSpec("first_name", "Prénom", ("prenom", "prenoms")),
    FieldSpec("full_name", "Nom complet", ("nom complet", "contact", "nom et prenom",
                                           "prenom nom", "nom prenom", "personne",
                                           "interlocuteur", "identite", "nom du contact")),
    FieldSpec("function", "Fonction", ("fonction", "poste", "qualite", "role", "mandat",
                                       "titre", "fonction occupee")),
    FieldSpec("email", "Courriel", ("courriel", "e mail", "email", "mail", "mel",
                                    "adresse electronique", "adresse mail", "adresse e mail",
                                    "adresse courriel")),
    FieldSpec("phone", "Téléphone", ("telephone", "tel", "portable", "mobile", "telephone fixe",
                                     "n de telephone", "numero de telephone", "tel portable",
                                     "telephone portable", "ligne directe")),
    FieldSpec("civility", "Civilité", ("civilite", "civ", "titre de civilite", "madame monsieur",
                                       "mme m")),
    # « Titre » alone stays the function's, as it always was.
    FieldSpec("title", "Titre (élu·e)", ("titre de l elu", "titre d elu", "titre elu",
                                         "titre de l elue", "titre honorifique")),
)

CHECKING = "Vérification"
WRITING = "Enregistrement"


@dataclass
class ContactsPreview:
    source: Path
    sheet: str
    header_line: int
    mapping: Mapping
    batch: ContactsImport
    new_circles: list[str] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    people: list[PersonToCreate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)  # people already known, skipped
    # Line → (organisation, circle) as typed, for a preview table.
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> str:
        return (f"{count_label(len(self.people), 'contact', 'contacts')}, "
                f"{count_label(len(self.new_organisations), 'structure', 'structures')} et "
                f"{count_label(len(self.new_circles), 'cercle', 'cercles')} à créer dans "
                "l'annuaire")


def check_contact_mapping(mapping: Mapping, headers: list[str]) -> None:
    """A name is required: « Nom », or « Nom complet » when first and last are together."""
    if mapping.get("last_name") is None and mapping.get("full_name") is None:
        raise CharteError(
            "Colonne obligatoire introuvable : « Nom » (ou « Nom complet »). Colonnes du "
            f"fichier : {', '.join(f'« {header} »' for header in headers)}."
        )
    check_mapping(mapping, CONTACT_FIELDS, headers)


@dataclass
class _Directory:
    circles: dict[str, int] = field(default_factory=dict)  # folded name → id
    # « PLUi » is « PLU(i) »; of two « Mairie », the first (as before).
    organisations: NameIndex = field(default_factory=lambda: NameIndex(keep_first=True))
    people: set[tuple[str, int | None]] = field(default_factory=set)  # (name key, org id)
    emails: set[str] = field(default_factory=set)


def _directory(db: Database) -> _Directory:
    found = _Directory()
    with db.session() as session:
        for circle_id, name in session.execute(select(Circle.id, Circle.name)):
            found.circles.setdefault(fold(name), circle_id)
        for known_id, name in session.execute(select(Organisation.id, Organisation.name)):
            found.organisations.add(name, known_id)
        for first, last, organisation_id, email in session.execute(select(
                Contact.first_name, Contact.last_name, Contact.organisation_id, Contact.email)):
            found.people.add((person_key(f"{first} {last}"), organisation_id))
            if email:
                found.emails.add(email.strip().casefold())
    return found


def preview_contacts(db: Database, table: Table, header: HeaderGuess, *,
                     monitor: Monitor = SILENT, check: bool = True) -> ContactsPreview:
    """What importing `table` with `header.mapping` would create; writes nothing."""
    check_contact_mapping(header.mapping, header.headers)
    builder = _Builder(_directory(db), header.mapping)
    rows = table.rows[header.row_index + 1:]
    for count, row in enumerate(rows, start=1):
        if count % REPORT_EVERY == 0:
            monitor.update("Analyse des lignes", count, len(rows))
        builder.add_row(row)
    preview = ContactsPreview(
        source=table.source, sheet=table.sheet, header_line=header.line,
        mapping=dict(header.mapping), batch=builder.batch,
        new_circles=[circle.name for circle in builder.batch.circles],
        new_organisations=[organisation.name for organisation in builder.batch.organisations],
        people=builder.batch.people, problems=builder.problems, notes=builder.notes,
        labels=builder.labels,
    )
    if not preview.people and not preview.problems and not preview.notes:
        preview.problems.append(RowProblem(0, f"Aucun contact sous la ligne d'en-tête (ligne "
                                              f"{header.line}) : rien à importer."))
    preview.notes[:0] = [RowProblem(0, note) for note in source_notes(table, header)]
    if check:
        check_preview(db, preview, monitor=monitor)
    preview.problems.sort()
    return preview


def check_preview(db: Database, preview: ContactsPreview, *, monitor: Monitor = SILENT
                  ) -> None:
    """Add the directory's own problems (e-mail, lengths…) to the preview's (dry run)."""
    if not (preview.people or preview.batch.organisations):
        return
    try:
        with db.dry_run():
            import_contacts(db, preview.batch, step=_stepper(monitor, CHECKING))
    except ImportRefused as refused:
        preview.problems.extend(refused.problems)
        preview.problems.sort()


def apply_contacts(db: Database, preview: ContactsPreview, *, monitor: Monitor = SILENT
                   ) -> ContactsImportResult:
    """Write what the preview showed, in one transaction; refused if it has problems."""
    if preview.problems:
        raise ImportRefused(preview.problems)
    return import_contacts(db, preview.batch, step=_stepper(monitor, WRITING))


def _stepper(monitor: Monitor, stage: str) -> Callable[[int, int], None]:
    def step(done: int, total: int) -> None:
        monitor.update(stage, done, total)
    return step


class _Builder:
    def __init__(self, directory: _Directory, mapping: Mapping) -> None:
        self.directory = directory
        self.columns = {key: column for key, column in mapping.items() if column is not None}
        self.field_labels = {spec.key: spec.label for spec in CONTACT_FIELDS}
        self.batch = ContactsImport()
        self.problems: list[RowProblem] = []
        self.notes: list[RowProblem] = []
        self._new_circles: dict[str, CircleToCreate] = {}
        self._new_organisations: dict[str, OrganisationToCreate] = {}
        self._seen: dict[tuple[str, int | str | None], int] = {}  # (name, org) → line
        self._seen_emails: dict[str, int] = {}
        self.labels: dict[int, tuple[str, str]] = {}

    def _cell(self, row: TableRow, key: str) -> CellValue:
        column = self.columns.get(key)
        return None if column is None else row.value(column)

    def _text(self, row: TableRow, key: str) -> str:
        return text(self._cell(row, key)).strip()

    def add_row(self, row: TableRow) -> None:
        line = row.number
        bad = [RowProblem(line, f"colonne « {self.field_labels[key]} » : "
                                f"{row.problems[column]}")
               for key, column in self.columns.items() if column in row.problems]
        if bad:
            self.problems.extend(bad)
            return
        first, last = self._text(row, "first_name"), self._text(row, "last_name")
        full = self._text(row, "full_name")
        if not last and full:
            first, last = split_person(full)
        if not last:
            if first or any(self._cell(row, key) is not None for key in ("function", "email")):
                self.problems.append(RowProblem(line, "nom de la personne manquant"))
            # A row with an organisation alone creates the organisation: a list of partners.
            self._organisation(row)
            return
        circle_id, circle_key = self._circle(row)
        organisation_id, organisation_key = self._organisation(row, (circle_id, circle_key))
        email = self._text(row, "email")
        civility = parse_civility(self._text(row, "civility"))
        if civility is Civility.NONE and full and not self._text(row, "last_name"):
            # « Mme Chloé ROUSSEL » in a « Nom complet » column says it too.
            civility = parse_civility(full.split()[0]) or Civility.NONE
        if civility is None:
            self.problems.append(RowProblem(line, (
                f"colonne « Civilité » : « {self._text(row, 'civility')} » n'est pas une "
                "civilité reconnue (Madame, Monsieur, Mme, M. ou vide)")))
            return
        if self._already_known(line, first, last, organisation_id or organisation_key, email):
            return
        self.labels[line] = (" ".join(self._text(row, "organisation").split()),
                             self._text(row, "circle"))
        self.batch.people.append(PersonToCreate(
            line=line,
            fields=ContactFields(
                last_name=last, first_name=first, function=self._text(row, "function"),
                organisation_id=organisation_id,
                # Without an organisation the circle is the person's own.
                circle_id=None if organisation_id or organisation_key else circle_id,
                email=email, phone=self._text(row, "phone"),
                civility=civility, title=self._text(row, "title"),
            ),
            organisation_key=organisation_key,
            circle_key=None if organisation_id or organisation_key else circle_key,
        ))

    def _already_known(self, line: int, first: str, last: str,
                       organisation: int | str | None, email: str) -> bool:
        name = person_key(f"{first} {last}")
        display = f"{first} {last}".strip()
        mail = email.casefold()
        if (not isinstance(organisation, str)
                and (name, organisation) in self.directory.people) or (
                mail and mail in self.directory.emails):
            self.notes.append(RowProblem(line, f"{display} est déjà dans l'annuaire : "
                                               "ligne ignorée"))
            return True
        earlier = self._seen.get((name, organisation)) or (
            self._seen_emails.get(mail) if mail else None)
        if earlier is not None:
            self.notes.append(RowProblem(line, f"{display} figure déjà à la ligne {earlier} : "
                                               "ligne ignorée"))
            return True
        self._seen[(name, organisation)] = line
        if mail:
            self._seen_emails[mail] = line
        return False

    def _circle(self, row: TableRow) -> tuple[int | None, str | None]:
        name = self._text(row, "circle")
        if not name:
            return None, None
        key = fold(name)
        existing = self.directory.circles.get(key)
        if existing is not None:
            return existing, None
        if key not in self._new_circles:
            circle = CircleToCreate(key=key, name=name, line=row.number)
            self._new_circles[key] = circle
            self.batch.circles.append(circle)
        return None, key

    def _organisation(self, row: TableRow,
                      circle: tuple[int | None, str | None] | None = None
                      ) -> tuple[int | None, str | None]:
        name = " ".join(self._text(row, "organisation").split())
        if not name:
            return None, None
        key = name_key(name)
        existing = self.directory.organisations.get(name)
        if existing is not None:
            return existing, None
        if key not in self._new_organisations:
            circle_id, circle_key = circle if circle is not None else self._circle(row)
            organisation = OrganisationToCreate(key=key, name=name, circle_id=circle_id,
                                                circle_key=circle_key, line=row.number)
            self._new_organisations[key] = organisation
            self.batch.organisations.append(organisation)
        return None, key
