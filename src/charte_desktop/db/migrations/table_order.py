"""Tables whose foreign keys are added once every table exists.

The first migration creates its tables in name order, which SQLite accepts because it
checks a foreign key only when a row uses it; a server database refuses a key to a table
not made yet. On a server the keys are therefore added after all the tables.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from alembic import op


@contextmanager
def keys_after_tables() -> Iterator[Any]:
    """Yield a `create_table` to use instead of `op.create_table` inside the block."""
    if op.get_bind().dialect.name == "sqlite":
        yield op.create_table
        return
    deferred: list[tuple[str, sa.ForeignKeyConstraint]] = []

    def create_table(name: str, *items: Any, **options: Any) -> Any:
        kept = []
        for item in items:
            if isinstance(item, sa.ForeignKeyConstraint):
                deferred.append((name, item))
            else:
                kept.append(item)
        return op.create_table(name, *kept, **options)

    yield create_table
    for table, key in deferred:
        # Not bound to a table yet: columns are the names given, targets "table.column".
        targets = [element.target_fullname.split(".") for element in key.elements]
        op.create_foreign_key(
            str(key.name), table, targets[0][0], list(key.column_keys),
            [column for _table, column in targets], ondelete=key.ondelete)
