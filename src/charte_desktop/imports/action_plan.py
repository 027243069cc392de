"""Import an action plan kept in Excel or CSV: read, map, preview, then apply.

    table = read_table(path, sheet, monitor=…)          # checked, numbered rows
    guess = guess_header(table, ACTION_FIELDS)          # header row and proposed mapping
    preview = preview_actions(db, table, guess, target=…) # nothing written
    result = apply_actions(db, preview)                 # one transaction, all or nothing

The preview lists the axes, actions, pilots, partners and policies that would be created
and every row's problems; it runs the real use case in `Database.dry_run()`, so its
problems are exactly those that would refuse the import. Total rows are skipped, rows the
officer leaves out (`skip_lines`) too, a formula's saved result is read as its value, and
an unreadable date is left empty (its action comes in without it): each with a note.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.errors import CharteError
from charte_desktop.imports.action_columns import (
    ACTION_FIELDS,
    LIST_SEPARATORS,
    PEOPLE_SEPARATORS,
    parse_priority,
    parse_status,
    split_axis,
)
from charte_desktop.imports.columns import (
    HeaderGuess,
    Mapping,
    check_mapping,
    source_notes,
)
from charte_desktop.imports.people import person_key, split_person
from charte_desktop.imports.plan_links import LinkLookups, Links, total_label
from charte_desktop.imports.plan_links import PlanLookups as _Lookups
from charte_desktop.imports.plan_links import plan_lookups as _lookups
from charte_desktop.imports.plan_title import suggested_plan_title
from charte_desktop.imports.progress import REPORT_EVERY, SILENT, Monitor
from charte_desktop.imports.table_rows import CellValue, Table, TableRow
from charte_desktop.imports.values import (
    ValueProblem,
    fraction_column,
    is_percent_format,
    is_unknown,
    parse_amount,
    parse_date,
    parse_progress,
    text,
)
from charte_desktop.services.actions import ActionFields
from charte_desktop.services.bulk_import import ImportRefused, RowProblem, count_label
from charte_desktop.services.common import not_found
from charte_desktop.services.plan_import import (
    ActionToCreate,
    AxisToCreate,
    ContactToCreate,
    PlanImport,
    PlanImportResult,
    import_plan,
)
from charte_desktop.services.plans import PlanFields
from charte_desktop.text import fold

READING_ROWS = "Analyse des lignes"
CHECKING = "Vérification"
WRITING = "Enregistrement"


@dataclass
class Target:
    """Where the actions go: an existing plan, or a new plan with this title."""

    plan_id: int | None = None
    new_title: str = ""


@dataclass
class ActionsPreview:
    source: Path
    sheet: str
    header_line: int
    mapping: Mapping
    target: Target
    plan_title: str
    batch: PlanImport
    new_axes: list[str] = field(default_factory=list)  # « 2 – Mobilité durable »
    new_pilots: list[str] = field(default_factory=list)
    new_partners: list[str] = field(default_factory=list)  # organisations
    new_policies: list[str] = field(default_factory=list)
    actions: list[ActionToCreate] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # Values understood differently from their text, worth a look (not problems).
    notes: list[RowProblem] = field(default_factory=list)
    # Line → (axis, pilot) as typed, for a preview table.
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)  # total rows and rows left out
    # What the import leaves out, said again once it is done (also in `notes`): total rows,
    # rows left out, unreadable dates left empty (« Ligne 14 : date « 31/02/2026 » …).
    skip_notes: list[str] = field(default_factory=list)
    emptied_dates: int = 0  # unreadable dates: their action is imported without them

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> str:
        """ "12 actions, 3 axes et 2 pilotes (contacts) à créer dans le plan « Charte 2025 »". """
        parts = [count_label(len(self.actions), "action", "actions"),
                 count_label(len(self.new_axes), "axe", "axes"),
                 count_label(len(self.new_pilots), "pilote (contact)", "pilotes (contacts)")]
        where = (f"le nouveau plan « {self.plan_title} »" if self.target.plan_id is None
                 else f"le plan « {self.plan_title} »")
        if self.new_partners:
            parts.append(count_label(len(self.new_partners), "structure partenaire",
                                     "structures partenaires"))
        if self.new_policies:
            parts.append(count_label(len(self.new_policies), "politique publique",
                                     "politiques publiques"))
        summary = f"{', '.join(parts[:-1])} et {parts[-1]} à créer dans {where}"
        if self.emptied_dates:
            summary += " ; " + count_label(self.emptied_dates, "date illisible laissée vide",
                                           "dates illisibles laissées vides")
        lines = {problem.line for problem in self.problems if problem.line > 0}
        if lines:
            summary += (f" ; {count_label(len(lines), 'ligne a', 'lignes ont')} des "
                        "problèmes")
        return summary


def preview_actions(
    db: Database,
    table: Table,
    header: HeaderGuess,
    target: Target,
    *,
    monitor: Monitor = SILENT,
    check: bool = True,
    skip_lines: Collection[int] = (),
) -> ActionsPreview:
    """What importing `table` with `header.mapping` into `target` would do; writes nothing.

    `check=False` skips the use case's dry run: for a caller applying at once, whose
    `apply_actions` runs the same checks and refuses the same problems. Rows numbered in
    `skip_lines` are left out (the officer's choice in the preview).
    """
    check_mapping(header.mapping, ACTION_FIELDS, header.headers)
    plan_title = _plan_title(db, table, header, target)
    rows = table.rows[header.row_index + 1:]
    builder = _Builder(_lookups(db, target.plan_id), header.mapping, Links(LinkLookups.load(db)))
    builder.fractions = fraction_column(*builder.progress_cells(rows))
    left_out = set(skip_lines)
    for count, row in enumerate(rows, start=1):
        if count % REPORT_EVERY == 0:
            monitor.update(READING_ROWS, count, len(rows))
        if row.number in left_out:
            builder.skipped.append(row.number)
            builder.notes.append(RowProblem(0, f"Ligne {row.number} laissée de côté à votre "
                                               "demande."))
            continue
        builder.add_row(row)
    preview = ActionsPreview(
        source=table.source, sheet=table.sheet, header_line=header.line,
        mapping=dict(header.mapping), target=target, plan_title=plan_title,
        batch=PlanImport(
            plan_id=target.plan_id,
            new_plan=None if target.plan_id is not None else PlanFields(title=plan_title),
            axes=builder.axes, contacts=builder.contacts, actions=builder.actions,
            organisations=builder.links.organisations, policies=builder.links.policies,
        ),
        new_axes=[" – ".join(part for part in (axis.code, axis.title) if part)
                  for axis in builder.axes],
        new_pilots=[f"{person.first_name} {person.last_name}".strip()
                    for person in builder.contacts],
        new_partners=[partner.name for partner in builder.links.organisations],
        new_policies=[policy.code for policy in builder.links.policies],
        actions=builder.actions, problems=list(builder.problems), labels=builder.labels,
        skipped=builder.skipped, notes=list(builder.notes),
        skip_notes=[str(note) for note in builder.notes if note.line == 0],
        emptied_dates=builder.emptied_dates,
    )
    if builder.completed:
        which = count_label(builder.completed, "action « Réalisée » sans avancement est "
                            "comptée", "actions « Réalisée » sans avancement sont comptées")
        preview.notes.append(RowProblem(0, f"{which} à 100 %."))
    if builder.numbered:
        which = count_label(builder.numbered, "action sans numéro reçoit",
                       "actions sans numéro reçoivent")
        preview.notes.append(RowProblem(
            0, f"{which} le numéro libre suivant de son axe (par exemple « 2.4 »)."))
    if not preview.actions and not preview.problems:
        preview.problems.append(RowProblem(0, f"Aucune action sous la ligne d'en-tête (ligne "
                                              f"{header.line}) : rien à importer."))
    preview.notes.extend(
        RowProblem(line, f"partenaire « {name} » pris pour « {known} », déjà dans l'annuaire")
        for line, name, known in builder.links.recognised)
    preview.notes[:0] = [RowProblem(0, note) for note in source_notes(table, header)]
    if check:
        check_preview(db, preview, monitor=monitor)
    preview.problems.sort()
    return preview


def check_preview(db: Database, preview: ActionsPreview, *, monitor: Monitor = SILENT) -> None:
    """Add the use case's own problems (lengths, dates in order…) to the preview's, by
    running it on the rows read without problems, in a dry run (rolled back)."""
    if not preview.actions:
        return
    try:
        with db.dry_run():
            import_plan(db, preview.batch, step=_stepper(monitor, CHECKING))
    except ImportRefused as refused:
        preview.problems.extend(refused.problems)
        preview.problems.sort()


def apply_actions(db: Database, preview: ActionsPreview, *, monitor: Monitor = SILENT
                  ) -> PlanImportResult:
    """Write what the preview showed, in one transaction; refused if it has problems."""
    if preview.problems:
        raise ImportRefused(preview.problems)
    return import_plan(db, preview.batch, step=_stepper(monitor, WRITING))


def _stepper(monitor: Monitor, stage: str) -> Callable[[int, int], None]:
    def step(done: int, total: int) -> None:
        monitor.update(stage, done, total)
    return step


def _plan_title(db: Database, table: Table, header: HeaderGuess, target: Target) -> str:
    if target.plan_id is not None:
        from charte_desktop.services.plans import get_plan

        return get_plan(db, target.plan_id).title
    return target.new_title.strip() or suggested_plan_title(table, header)


class _Builder:
    """Turns rows into the batch: axes, pilots and actions to create, and problems."""

    def __init__(self, lookups: _Lookups, mapping: Mapping, links: Links) -> None:
        self.lookups = lookups
        self.links = links
        self.fractions = False  # the progress column holds shares (0,4), not percentages
        self.notes: list[RowProblem] = []
        self.skipped: list[int] = []
        self.completed = 0  # « Réalisée » without a progress: 100 %
        self.emptied_dates = 0  # unreadable dates, left empty
        self.columns = {key: column for key, column in mapping.items() if column is not None}
        self.axes: list[AxisToCreate] = []
        self.contacts: list[ContactToCreate] = []
        self.actions: list[ActionToCreate] = []
        self.problems: list[RowProblem] = []
        self._new_axes: dict[str, AxisToCreate] = {}
        self._new_axes_by_code: dict[str, AxisToCreate] = {}
        self._new_contacts: dict[str, ContactToCreate] = {}
        self._codes_in_file: dict[str, int] = {}
        self._heading_axis: tuple[int | None, str | None] = (None, None)
        self._axis_labels: dict[str, tuple[int | None, str | None]] = {}  # same text, same axis
        self._numbers: dict[str, int] = {}
        self.numbered = 0  # actions without a code, given the next free one
        self.labels: dict[int, tuple[str, str]] = {}
        self._heading_label = ""

    def _cell(self, row: TableRow, key: str) -> CellValue:
        column = self.columns.get(key)
        if column is None:
            return None
        return row.formulas.get(column) if column in row.formulas else row.value(column)

    def _percent(self, row: TableRow, key: str) -> bool:
        """Whether the cell is formatted as a percentage in Excel (it holds 0,4 for 40 %)."""
        column = self.columns.get(key)
        return column is not None and is_percent_format(row.number_formats.get(column))

    def progress_cells(self, rows: list[TableRow]) -> tuple[list[CellValue], list[bool]]:
        """The progress column's values and whether each is formatted as a percentage."""
        if "progress" not in self.columns:
            return [], []
        return ([self._cell(row, "progress") for row in rows],
                [self._percent(row, "progress") for row in rows])

    def add_row(self, row: TableRow) -> None:
        total = total_label(row, self._cell(row, "code"), self._cell(row, "title"))
        if total is not None:
            self.skipped.append(row.number)
            self.notes.append(RowProblem(0, f"Ligne {row.number} (« {total} ») ignorée : "
                                            "ligne de total."))
            return
        problems_before = len(self.problems)
        for key, column in self.columns.items():
            label = next(spec.label for spec in ACTION_FIELDS if spec.key == key)
            if column in row.formulas:
                self._formula_note(row, column, label)
            elif column in row.problems:
                self.problems.append(RowProblem(
                    row.number, f"colonne « {label} » : {row.problems[column]}"))
        title = text(self._cell(row, "title")).strip()
        if self._axis_heading(row, title):
            return
        if not title:
            if len(self.problems) > problems_before:
                return
            filled = [key for key in self.columns if self._cell(row, key) is not None]
            if filled:
                self.problems.append(RowProblem(row.number, "intitulé de l'action manquant"))
            return
        self._add_action(row, title, problems_before)

    def _formula_note(self, row: TableRow, column: int, label: str) -> None:
        """A formula never refuses the import: its result saved by Excel is read, or the
        cell is left empty when the file holds none (written by a program)."""
        formula = row.problems.get(column, "").split(" : ", 1)[0]
        saved = row.formulas[column]
        what = (f"sa valeur enregistrée par Excel (« {text(saved)} ») est importée"
                if saved is not None else "le classeur n'en garde pas le résultat : cellule "
                "laissée vide (ouvrez-le et enregistrez-le dans Excel pour l'importer)")
        self.notes.append(RowProblem(row.number, f"colonne « {label} » : {formula} ; {what}."))

    def _axis_heading(self, row: TableRow, title: str) -> bool:
        """A row holding only "Axe 2 : Mobilité" in one cell: the axis of the rows below.

        Outside the title column "2 - Mobilité" is enough; in it, only "Axe…" is a heading
        (a lone title is an action with nothing else filled in yet).
        """
        texts = [value for value in row.values if value is not None]
        if len(texts) != 1 or not isinstance(texts[0], str) or row.problems:
            return False
        looks_like_axis = fold(texts[0]).startswith("axe") or (
            not title and bool(split_axis(texts[0])[0]))
        if not looks_like_axis:
            return False
        self._heading_axis = self._axis(row.number, texts[0])
        self._heading_label = texts[0]
        return True

    def _axis(self, line: int, label: str) -> tuple[int | None, str | None]:
        """(existing axis id, None) or (None, key of a new axis)."""
        known = self._axis_labels.get(label)
        if known is None:
            known = self._axis_labels[label] = self._find_or_add_axis(line, label)
        return known

    def _find_or_add_axis(self, line: int, label: str) -> tuple[int | None, str | None]:
        code, title = split_axis(label)
        lookups = self.lookups
        existing = lookups.axes_by_title.get(fold(title)) or (
            lookups.axes_by_code.get(fold(code)) if code else None)
        if existing is not None:
            return existing, None
        key = fold(title)
        new = self._new_axes.get(key) or (self._new_axes_by_code.get(fold(code)) if code else None)
        if new is None:
            new = AxisToCreate(key=key, title=title, code=code, line=line)
            self.axes.append(new)
            self._new_axes[key] = new
            if code:
                self._new_axes_by_code[fold(code)] = new
        return None, new.key

    def _person(self, line: int, name: str) -> tuple[int | None, str | None]:
        key = person_key(name)
        existing = self.lookups.contacts.get(key)
        if existing is not None:
            return existing, None
        if key not in self._new_contacts:
            first, last = split_person(name)
            person = ContactToCreate(key=key, last_name=last, first_name=first, line=line)
            self.contacts.append(person)
            self._new_contacts[key] = person
        return None, key

    def _add_action(self, row: TableRow, title: str, problems_before: int) -> None:
        line = row.number
        fields = ActionFields(plan_id=0, code="", title=title)
        item = ActionToCreate(line=line, fields=fields)
        fields.description = text(self._cell(row, "description")).strip()
        self._set_axis(row, item)
        self._set_people(row, item)
        for key, parse in (("status", parse_status), ("priority", parse_priority),
                           ("start_date", lambda value: parse_date(value)),
                           ("end_date", lambda value: parse_date(value, end=True)),
                           ("budget_planned", parse_amount),
                           ("budget_committed", parse_amount),
                           ("budget_spent", parse_amount),
                           ("progress", lambda value: parse_progress(
                               value, fractions=self.fractions,
                               percent_format=self._percent(row, "progress")))):
            value = self._cell(row, key)
            if value is None:
                continue
            try:
                setattr(fields, key, parse(value))
            except ValueProblem as problem:
                if key in ("start_date", "end_date"):  # the action comes in without it
                    self.emptied_dates += 1
                    self.notes.append(RowProblem(0, f"Ligne {line} : date « {text(value)} » "
                                                    "illisible, laissée vide."))
                else:
                    self.problems.append(RowProblem(line, problem.message))
        if fields.status is ActionStatus.DONE and self._cell(row, "progress") is None:
            fields.progress = 100
            self.completed += 1
        self._set_links(row, item)
        self._set_code(row, item)
        if len(self.problems) == problems_before:
            self.actions.append(item)
            self.labels[line] = (text(self._cell(row, "axis")).strip() or self._heading_label,
                                 text(self._cell(row, "pilot")).strip())

    def _set_axis(self, row: TableRow, item: ActionToCreate) -> None:
        label = text(self._cell(row, "axis")).strip()
        axis_id, axis_key = self._axis(row.number, label) if label else self._heading_axis
        item.fields.axis_id, item.axis_key = axis_id, axis_key

    def _set_links(self, row: TableRow, item: ActionToCreate) -> None:
        fields = item.fields
        fields.partner_ids, item.partner_keys = self.links.partners(
            row.number, self._cell(row, "partners"))
        fields.policy_ids, item.policy_keys, problems = self.links.policies_of(
            row.number, self._cell(row, "policies"))
        self.problems.extend(RowProblem(row.number, problem) for problem in problems)

    def _set_people(self, row: TableRow, item: ActionToCreate) -> None:
        value = self._cell(row, "pilot")
        names: list[str] = []
        if value is not None and not is_unknown(value):
            names = [name for name in PEOPLE_SEPARATORS.split(text(value)) if name.strip()]
        copilots = self._cell(row, "copilots")
        if copilots is not None and not is_unknown(copilots):
            names += [name for name in LIST_SEPARATORS.split(text(copilots))
                      if name.strip() and not is_unknown(name.strip())]
            if not value or is_unknown(value):
                names.insert(0, "")  # co-pilots without a pilot: none is made the pilot
        for position, name in enumerate(names):
            if not name:
                continue
            contact_id, key = self._person(row.number, name)
            if position and (contact_id, key) == (item.fields.pilot_id, item.pilot_key):
                continue  # the pilot named again among the co-pilots
            if position == 0:
                item.fields.pilot_id, item.pilot_key = contact_id, key
            elif contact_id is not None:
                item.fields.copilot_ids.append(contact_id)
            elif key is not None:
                item.copilot_keys.append(key)

    def _set_code(self, row: TableRow, item: ActionToCreate) -> None:
        """The row's code, or the next free number (within its axis's code: "2.4")."""
        code = text(self._cell(row, "code")).strip()
        if not code:
            code = self._next_code(item)
            self.numbered += 1
        taken_line = self._codes_in_file.get(code)
        if taken_line is not None:
            self.problems.append(RowProblem(
                row.number, f"le code « {code} » est déjà celui de la ligne {taken_line}"))
        elif code in self.lookups.codes:
            self.problems.append(RowProblem(
                row.number, f"le code « {code} » est déjà utilisé dans le plan"))
        self._codes_in_file.setdefault(code, row.number)
        item.fields.code = code

    def _next_code(self, item: ActionToCreate) -> str:
        prefix = ""
        if item.axis_key is not None:
            prefix = self._new_axes[item.axis_key].code
        elif item.fields.axis_id is not None:
            prefix = self.lookups.axis_codes.get(item.fields.axis_id, "")
        number = self._numbers.get(prefix, 0)
        while True:
            number += 1
            code = f"{prefix}.{number}" if prefix else str(number)
            if code not in self._codes_in_file and code not in self.lookups.codes:
                self._numbers[prefix] = number
                return code


def check_target(db: Database, target: Target) -> None:
    if target.plan_id is not None:
        from charte_desktop.services.plans import get_plan

        try:
            get_plan(db, target.plan_id)
        except CharteError:
            raise CharteError(not_found("Le plan", target.plan_id, note="voir « list plans »")
                              ) from None
