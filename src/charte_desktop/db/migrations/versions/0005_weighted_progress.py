"""weighted progress: criteria weights with two decimals (stored as hundredths), and each
action's weight in its axis's and plan's progress

Revision ID: 0005_weighted_progress
Revises: 0004_meetings_as_run
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_weighted_progress"
down_revision: str | None = "0004_meetings_as_run"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A criterion's weight 2 becomes 200 hundredths: the same 2,00.
    op.execute("UPDATE priority_criterion SET weight = weight * 100")
    with op.batch_alter_table("action", schema=None) as batch_op:
        # Every existing action weighs 1 (100 hundredths).
        batch_op.add_column(sa.Column("weight", sa.Integer(), nullable=False,
                                      server_default="100"))
        batch_op.create_check_constraint("weight_positive", "weight >= 0")


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_action_weight_positive"), type_="check")
        batch_op.drop_column("weight")
    # Whole weights again: 1,5 is rounded to 2.
    op.execute("UPDATE priority_criterion SET weight = (weight + 50) / 100")
