"""budget of an action per year

Revision ID: 0002_budget_year
Revises: 0001_initial
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_budget_year"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "budget_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("committed", sa.Integer(), nullable=False),
        sa.Column("spent", sa.Integer(), nullable=False),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200",
                           name=op.f("ck_budget_year_year_plausible")),
        sa.CheckConstraint("planned >= 0 AND committed >= 0 AND spent >= 0",
                           name=op.f("ck_budget_year_amounts_positive")),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"],
                                name=op.f("fk_budget_year_action_id_action"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_year")),
        sa.UniqueConstraint("action_id", "year", name=op.f("uq_budget_year_action_id_year")),
    )
    with op.batch_alter_table("budget_year", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_year_action_id"), ["action_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("budget_year", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_year_action_id"))
    op.drop_table("budget_year")
