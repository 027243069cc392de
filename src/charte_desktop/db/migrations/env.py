"""Alembic environment: always given an open connection by charte_desktop.db.migrate."""

from alembic import context

from charte_desktop.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: tables are recreated.
    transactional_ddl=True,  # our engine really wraps DDL in the transaction
)
with context.begin_transaction():
    context.run_migrations()
