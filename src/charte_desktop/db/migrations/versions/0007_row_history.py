"""row versions and change history (several officers on one server)

Revision ID: 0007_row_history
Revises: 0006_funding_calls
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_row_history"
down_revision: str | None = "0006_funding_calls"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ("action", "meeting", "contact")
# Amounts in cents: a server's INTEGER stops at 21 474 836,47 €, a département's budget
# goes beyond. SQLite's integers already have 64 bits: nothing to change there.
MONEY = {"action": ("budget_planned", "budget_committed", "budget_spent"),
         "budget_year": ("planned", "committed", "spent"),
         "funding": ("amount",), "funding_call": ("amount",)}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table, columns in MONEY.items():
            for column in columns:
                op.alter_column(table, column, type_=sa.BigInteger(),
                                existing_type=sa.Integer())
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                          server_default="1"))
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_table_name"),
                              ["table_name", "row_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_table_name"))
    op.drop_table("change_log")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
