"""calls for projects and grants (their deadlines, actions and fundings), and archived
contacts and bodies

Revision ID: 0006_funding_calls
Revises: 0005_weighted_progress
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_funding_calls"
down_revision: str | None = "0005_weighted_progress"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "funding_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("opening_date", sa.Date(), nullable=True),
        sa.Column("pre_deposit_deadline", sa.Date(), nullable=True),
        sa.Column("submission_deadline", sa.Date(), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("rate", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=True),
        sa.Column("state", sa.Enum("spotted", "preparing", "submitted", "accepted",
                                   "rejected", name="callstate", native_enum=False,
                                   create_constraint=True, length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("rate IS NULL OR rate BETWEEN 0 AND 10000",
                           name=op.f("ck_funding_call_rate_range")),
        sa.CheckConstraint("amount IS NULL OR amount >= 0",
                           name=op.f("ck_funding_call_amount_positive")),
        sa.CheckConstraint(
            "submission_deadline IS NULL OR pre_deposit_deadline IS NULL OR "
            "pre_deposit_deadline <= submission_deadline",
            name=op.f("ck_funding_call_deadlines_order")),
        sa.ForeignKeyConstraint(["funder_id"], ["organisation.id"],
                                name=op.f("fk_funding_call_funder_id_organisation"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_call")),
    )
    with op.batch_alter_table("funding_call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funding_call_funder_id"), ["funder_id"],
                              unique=False)

    op.create_table(
        "funding_call_action",
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"],
                                name=op.f("fk_funding_call_action_action_id_action"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["call_id"], ["funding_call.id"],
                                name=op.f("fk_funding_call_action_call_id_funding_call"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("call_id", "action_id", name=op.f("pk_funding_call_action")),
    )
    with op.batch_alter_table("funding_call_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funding_call_action_action_id"), ["action_id"],
                              unique=False)

    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("call_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_funding_call_id_funding_call"),
                                    "funding_call", ["call_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_funding_call_id"), ["call_id"], unique=False)

    for table in ("contact", "body"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("archived", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    for table in ("body", "contact"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("archived")
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_call_id"))
        batch_op.drop_constraint(batch_op.f("fk_funding_call_id_funding_call"),
                                 type_="foreignkey")
        batch_op.drop_column("call_id")
    with op.batch_alter_table("funding_call_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_call_action_action_id"))
    op.drop_table("funding_call_action")
    with op.batch_alter_table("funding_call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_call_funder_id"))
    op.drop_table("funding_call")
