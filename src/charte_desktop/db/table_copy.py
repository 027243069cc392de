"""Copy every Charte table from one base to another and check the copy, table by table.

Used both ways: a file published to a server, a server backed up into a file. Rows go
through the models' column types (money, decimals, dates, booleans), so each engine
stores them its own way and both read back the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from charte_desktop.errors import CharteError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Row, Table

BATCH = 1000


@dataclass(frozen=True)
class CopiedTable:
    name: str
    rows: int


def charte_tables() -> list[Table]:
    """Charte's tables, each after the tables it points to."""
    from charte_desktop.db.models import Base

    return list(Base.metadata.sorted_tables)


def _rows(connection: Connection, table: Table) -> list[Row[Any]]:
    from sqlalchemy import select

    return list(connection.execute(select(table).order_by(*table.primary_key.columns)))


def _later_keys(table: Table, done: set[str]) -> list[str]:
    """The table's key columns pointing to itself or to a table not copied yet: a body
    names an action and an action its project group, an axis its parent axis. They are
    written empty first and filled once every row exists."""
    return [key.parent.name for key in table.foreign_keys
            if key.column.table.name not in done or key.column.table is table]


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def copy_tables(source: Connection, target: Connection, *,
                step: Callable[[str], None] | None = None) -> list[CopiedTable]:
    """Copy every table of `source` into `target`, whose tables are emptied first (a new
    schema may hold the rows its migrations wrote). Both inside their transactions."""
    from sqlalchemy import delete, insert

    tables = charte_tables()
    for table in reversed(tables):
        target.execute(delete(table))
    copied = []
    done: set[str] = set()
    filled_later: list[tuple[Table, list[str], list[dict[str, Any]]]] = []
    for table in tables:
        if step is not None:
            step(table.name)
        values = [dict(row._mapping) for row in _rows(source, table)]
        later = _later_keys(table, done)
        if later:
            filled_later.append((table, later, [dict(row) for row in values]))
            for row in values:
                row.update(dict.fromkeys(later))
        for batch in _batches(values):
            target.execute(insert(table), batch)
        done.add(table.name)
        copied.append(CopiedTable(table.name, len(values)))
    for table, later, rows in filled_later:
        _fill_later_keys(target, table, later, rows)
    if target.dialect.name == "postgresql":
        _move_sequences(target, tables)
    return copied


def _fill_later_keys(connection: Connection, table: Table, columns: list[str],
                     rows: list[dict[str, Any]]) -> None:
    from sqlalchemy import bindparam, update

    keys = [column.name for column in table.primary_key.columns]
    # Columns a model stamps on every update (updated_at) keep the copied value.
    stamped = [column.name for column in table.columns if column.onupdate is not None]
    for column in columns:
        pointing = [row for row in rows if row[column] is not None]
        if not pointing:
            continue
        kept = [column, *stamped]
        statement = update(table).values({name: bindparam(f"_set_{name}") for name in kept})
        for key in keys:
            statement = statement.where(table.c[key] == bindparam(f"_key_{key}"))
        for batch in _batches(pointing):
            connection.execute(statement, [
                {**{f"_set_{name}": row[name] for name in kept},
                 **{f"_key_{key}": row[key] for key in keys}}
                for row in batch])


def _move_sequences(connection: Connection, tables: list[Table]) -> None:
    """Put each id sequence after the highest id copied: the next new row gets a free id."""
    from sqlalchemy import text

    for table in tables:
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not columns[0].autoincrement or \
                columns[0].type.python_type is not int:
            continue
        name, column = table.name, columns[0].name
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), "
            f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) FROM {name}"))


def compare_tables(source: Connection, target: Connection, what: str) -> None:
    """Refuse, in French, a copy whose rows differ from the source's in any table."""
    for table in charte_tables():
        mine, theirs = _rows(source, table), _rows(target, table)
        if len(mine) != len(theirs):
            raise CharteError(
                f"{what} : la table « {table.name} » compte {len(theirs)} lignes au lieu de "
                f"{len(mine)}. Rien n'a été gardé.")
        keys = [column.name for column in table.primary_key.columns]
        # Keyed, not zipped: text keys may sort differently on the two engines.
        copies = {tuple(row._mapping[k] for k in keys): tuple(row) for row in theirs}
        for ours in mine:
            key_values = tuple(ours._mapping[k] for k in keys)
            if copies.get(key_values) != tuple(ours):
                key = ", ".join(str(value) for value in key_values)
                raise CharteError(
                    f"{what} : la ligne {key} de la table « {table.name} » diffère de "
                    "l'original. Rien n'a été gardé.")
