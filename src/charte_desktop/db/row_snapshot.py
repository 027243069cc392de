"""Undoing a deletion: what a deletion removes or changes, kept as plain rows, and put back
with the same ids.

A deletion reaches further than its row. Foreign keys with ON DELETE CASCADE, and the ORM's
delete cascades, remove dependents (an action's milestones, fundings, journal, links…);
ON DELETE SET NULL unlinks rows elsewhere (a decision about the action, a meeting's
secretary); and use cases do more by hand (the journal notes of a decision, positions
renumbered, an action's progress or budget totals recomputed). The rows that may be
concerned are found from the metadata alone, no table is named here:

- the cascade closure of the row: what its deletion removes by itself;
- the rows referring to those through other foreign keys (nulled, or removed by the use
  case), with their own cascade closure;
- the rows the removed ones refer to (parents: an action's progress recomputed), and
  those the deleted row's owner still holds (siblings: an agenda renumbered).

They are read before and after the deletion; the difference is the record: rows removed,
and columns changed. Row counts of every table check that nothing else went or came:
otherwise `IncompleteRecord` is raised rather than an undo that would not give everything
back. Restoring inserts the rows again (parents first, foreign keys checked at commit) and
sets the changed columns back, timestamps included, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKeyConstraint, Table, and_, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import RelationshipDirection, Session

from charte_desktop.db.models import Base
from charte_desktop.errors import CharteError

if TYPE_CHECKING:
    from charte_desktop.db.engine import Database

Key = tuple[Any, ...]
Row = dict[str, Any]
Rows = dict[str, dict[Key, Row]]  # table name -> primary key -> row

# Far below SQLite's limit on bound parameters, whatever its version.
_CHUNK = 500


class IncompleteRecord(Exception):
    """The deletion removed or added rows beyond those read around it: it was done, but the
    record could not give everything back. Not the officer's doing, so not a CharteError."""


@dataclass(frozen=True)
class RowChange:
    """Columns a deletion changed on a row it kept: name -> (before, after)."""

    table: str
    key: Key
    columns: dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class DeletionRecord:
    """Everything one deletion removed (whole rows) or changed (columns), by table."""

    table: str
    item_id: int
    deleted: dict[str, list[Row]]
    changed: list[RowChange]

    def counts(self) -> dict[str, int]:
        """Rows removed per table."""
        return {name: len(rows) for name, rows in self.deleted.items() if rows}


# --- the metadata's foreign keys -------------------------------------------------------------


def _tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _table_of(what: type[Any] | Table | str) -> Table:
    if isinstance(what, Table):
        return what
    if isinstance(what, str):
        return _tables()[what]
    table = getattr(what, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{what!r} is not a mapped table")
    return table


@cache
def _orm_cascades() -> frozenset[ForeignKeyConstraint]:
    """Foreign keys along which the ORM itself deletes: one-to-many relationships with a
    delete cascade, and the association rows of many-to-many ones."""
    found: set[ForeignKeyConstraint] = set()
    for mapper in Base.registry.mappers:
        for relationship in mapper.relationships:
            secondary = relationship.secondary
            if isinstance(secondary, Table):
                found.update(
                    fk for fk in secondary.foreign_key_constraints
                    if fk.referred_table is mapper.local_table
                )
            elif (relationship.cascade.delete
                  and relationship.direction is RelationshipDirection.ONETOMANY):
                remote = set(relationship.remote_side)
                target = relationship.mapper.local_table
                if isinstance(target, Table):
                    found.update(
                        fk for fk in target.foreign_key_constraints
                        if fk.referred_table is mapper.local_table
                        and set(fk.columns).issubset(remote)
                    )
    return frozenset(found)


def _cascades(fk: ForeignKeyConstraint) -> bool:
    return (fk.ondelete or "").upper() == "CASCADE" or fk in _orm_cascades()


@cache
def _referring() -> dict[str, tuple[ForeignKeyConstraint, ...]]:
    """For each table, the foreign keys of other tables (or itself) that point at it."""
    found: dict[str, list[ForeignKeyConstraint]] = {}
    for table in Base.metadata.tables.values():
        for fk in table.foreign_key_constraints:
            found.setdefault(fk.referred_table.name, []).append(fk)
    return {name: tuple(fks) for name, fks in found.items()}


def _columns(fk: ForeignKeyConstraint) -> tuple[str, str]:
    """(column in the referring table, column referred to): our keys are single columns."""
    if len(fk.elements) != 1:
        raise NotImplementedError(f"composite foreign key {fk.name} is not supported")
    element = fk.elements[0]
    return element.parent.name, element.column.name


# --- reading rows ----------------------------------------------------------------------------


def _key(table: Table, row: Row) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    pending = sorted(set(values), key=repr)
    for start in range(0, len(pending), _CHUNK):
        yield pending[start:start + _CHUNK]


def _where(session: Session, table: Table, column: str, values: Iterable[Any]) -> list[Row]:
    """The rows of `table` whose `column` is one of `values`."""
    rows: list[Row] = []
    for chunk in _chunks(v for v in values if v is not None):
        result = session.execute(select(table).where(table.c[column].in_(chunk)))
        rows.extend(dict(row) for row in result.mappings())
    return rows


def _by_keys(session: Session, table: Table, keys: Iterable[Key]) -> list[Row]:
    """The rows of `table` with these primary keys (those that still exist)."""
    columns = list(table.primary_key.columns)
    keys = list(keys)
    if len(columns) == 1:
        return _where(session, table, columns[0].name, (key[0] for key in keys))
    rows: list[Row] = []
    for key in keys:
        condition = and_(*(column == value for column, value in zip(columns, key, strict=True)))
        rows.extend(dict(row) for row in session.execute(select(table).where(condition))
                    .mappings())
    return rows


def _add(into: Rows, table: Table, rows: Iterable[Row]) -> dict[Key, Row]:
    """Add rows not yet in `into`; returns those that were new."""
    known = into.setdefault(table.name, {})
    new: dict[Key, Row] = {}
    for row in rows:
        key = _key(table, row)
        if key not in known:
            known[key] = new[key] = row
    return new


def _close(session: Session, into: Rows, seeds: Rows) -> None:
    """Add to `into` the rows that deleting `seeds` would cascade to, recursively."""
    tables = _tables()
    pending = [(name, list(rows.values())) for name, rows in seeds.items() if rows]
    while pending:
        name, parents = pending.pop()
        for fk in _referring().get(name, ()):
            if not _cascades(fk):
                continue
            child_column, parent_column = _columns(fk)
            child = tables[fk.table.name]
            found = _where(session, child, child_column, (p[parent_column] for p in parents))
            new = _add(into, child, found)
            if new:
                pending.append((child.name, list(new.values())))


def _merge(into: Rows, rows: Rows) -> None:
    for name, by_key in rows.items():
        into.setdefault(name, {}).update(by_key)


def capture(session: Session, what: type[Any] | Table | str, item_id: Any) -> Rows:
    """The rows deleting this one may remove or change (see the module's docstring)."""
    tables = _tables()
    table = _table_of(what)
    root = _by_keys(session, table, [(item_id,)])
    if not root:
        return {}
    doomed: Rows = {}
    _add(doomed, table, root)
    _close(session, doomed, {table.name: dict(doomed[table.name])})

    referrers: Rows = {}
    for name, rows in doomed.items():
        for fk in _referring().get(name, ()):
            if _cascades(fk):
                continue
            child_column, parent_column = _columns(fk)
            child = tables[fk.table.name]
            found = _where(session, child, child_column, (r[parent_column] for r in rows.values()))
            _add(referrers, child, (r for r in found if _key(child, r) not in
                                    doomed.get(child.name, {})))
    _close(session, referrers, {name: dict(rows) for name, rows in referrers.items()})

    neighbours: Rows = {}
    for name, rows in doomed.items():
        child = tables[name]
        for fk in child.foreign_key_constraints:
            child_column, parent_column = _columns(fk)
            values = {r[child_column] for r in rows.values()} - {None}
            if not values:
                continue
            _add(neighbours, fk.referred_table, _where(session, fk.referred_table,
                                                      parent_column, values))
            if name == table.name and _cascades(fk):
                # The row's owner may renumber or recount what it still holds.
                _add(neighbours, child, _where(session, child, child_column, values))

    region: Rows = {}
    for part in (neighbours, referrers, doomed):
        _merge(region, part)
    return {name: rows for name, rows in region.items() if rows}


def read_again(session: Session, region: Rows) -> Rows:
    """The rows of `region` as they are now; those gone are missing."""
    tables = _tables()
    now: Rows = {}
    for name, rows in region.items():
        table = tables[name]
        now[name] = {_key(table, row): row for row in _by_keys(session, table, rows)}
    return now


# The history only ever grows (a deletion writes its line): not part of what is undone.
JOURNALS = frozenset({"change_log"})


def table_counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in _tables().items() if name not in JOURNALS
    }


def compare(before: Rows, after: Rows, what: type[Any] | Table | str,
            item_id: Any) -> DeletionRecord:
    """The record of what went from `before` to `after` (the same region read twice)."""
    deleted: dict[str, list[Row]] = {}
    changed: list[RowChange] = []
    for name, rows in before.items():
        now = after.get(name, {})
        for key, row in rows.items():
            current = now.get(key)
            if current is None:
                deleted.setdefault(name, []).append(row)
                continue
            columns = {
                column: (value, current[column])
                for column, value in row.items() if current[column] != value
            }
            if columns:
                changed.append(RowChange(name, key, columns))
    return DeletionRecord(_table_of(what).name, item_id, deleted, changed)


# --- the use cases -----------------------------------------------------------------------------


def record_deletion(db: Database, what: type[Any] | Table | str, item_id: Any,
                    delete: Callable[[], Any]) -> DeletionRecord:
    """Run `delete()` (the use case deleting this row) and return what it removed and changed.

    A CharteError from `delete()` (refused, not found) passes through: nothing was deleted.
    IncompleteRecord means the deletion was done but cannot be undone.
    """
    with db.session() as session:
        before = capture(session, what, item_id)
        counts_before = table_counts(session)
    delete()
    with db.session() as session:
        after = read_again(session, before)
        counts_after = table_counts(session)
    record = compare(before, after, what, item_id)
    removed = record.counts()
    surprises = sorted(
        name for name in counts_before
        if counts_before[name] - counts_after.get(name, 0) != removed.get(name, 0)
    )
    if surprises:
        raise IncompleteRecord(
            f"deleting {record.table} {item_id} changed rows not recorded in: "
            + ", ".join(surprises)
        )
    return record


def restore(session: Session, record: DeletionRecord) -> None:
    """Put back in `session`'s transaction what the record says was deleted and changed."""
    tables = _tables()
    # Rows referring to each other both ways (a groupe projet and its action) go in in any
    # order: foreign keys are checked at commit. Reset by SQLite when the transaction ends.
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:  # a server checks each key at once: the tables' order puts parents first
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    for table in Base.metadata.sorted_tables:
        rows = record.deleted.get(table.name)
        if rows:
            session.execute(insert(table), rows)
    for change in record.changed:
        table = tables[change.table]
        key_columns = list(table.primary_key.columns)
        condition = and_(*(c == v for c, v in zip(key_columns, change.key, strict=True)))
        current = session.execute(select(table).where(condition)).mappings().first()
        if current is None:  # removed since, outside the undo history: nothing to relink
            continue
        # Only what the deletion changed, and only if nothing else changed it since.
        values = {
            column: before for column, (before, after) in change.columns.items()
            if current[column] == after
        }
        if not values:
            continue
        for column in table.columns:  # no "updated now": the row is as it was
            if column.onupdate is not None and column.name not in values:
                values[column.name] = current[column.name]
        session.execute(update(table).where(condition).values(values))
    # Checked now, not at commit: a COMMIT refused for a deferred foreign key would leave
    # the connection inside its transaction.
    checked = set(record.deleted) | {change.table for change in record.changed}
    for name in sorted(checked) if sqlite else ():
        if session.execute(text(f'PRAGMA foreign_key_check("{name}")')).first() is not None:
            raise CharteError(_CANNOT + _GONE)


_CANNOT = "La suppression ne peut plus être annulée : "
_GONE = "un élément auquel il était lié a été supprimé depuis."


def restore_deletion(db: Database, record: DeletionRecord) -> None:
    """Put back what a deletion removed, with the same ids, in one transaction; a French
    CharteError (nothing changed) when something taken since stands in the way."""
    try:
        with db.session() as session:
            restore(session, record)
    except IntegrityError:
        raise CharteError(_obstacle(db, record)) from None


def _obstacle(db: Database, record: DeletionRecord) -> str:
    """Why the rows of `record` cannot go back, in French."""
    tables = _tables()
    start = _CANNOT
    with db.session() as session:
        for name, rows in record.deleted.items():
            table = tables[name]
            if _by_keys(session, table, (_key(table, row) for row in rows)):
                return start + "un élément créé depuis a pris la place de ce qui a été supprimé."
            for columns in _unique_column_sets(table):
                for row in rows:
                    condition = and_(*(table.c[c] == row[c] for c in columns))
                    if row[columns[0]] is None or session.execute(
                        select(table).where(condition).limit(1)
                    ).first() is None:
                        continue
                    shown = [str(row[c]) for c in columns if not table.c[c].foreign_keys]
                    if shown:
                        return (start + f"« {' '.join(shown)} » est maintenant utilisé par un "
                                "autre élément.")
                    return start + "un élément équivalent a été créé depuis."
    return start + _GONE


def _unique_column_sets(table: Table) -> list[list[str]]:
    from sqlalchemy import UniqueConstraint

    sets = [
        [column.name for column in constraint.columns]
        for constraint in table.constraints if isinstance(constraint, UniqueConstraint)
    ]
    sets += [[column.name] for column in table.columns if column.unique]
    return sets
