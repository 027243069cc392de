"""Counting the SELECTs a use case sends: "one query, whatever the number of rows"."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from charte_desktop.db import Database


@contextmanager
def count_selects(db: Database) -> Iterator[list[str]]:
    """Collects the SELECT (and WITH) statements sent inside the block."""
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
