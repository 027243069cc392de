"""file identity and imported update workbooks

Revision ID: 0003_update_workbooks
Revises: 0002_budget_year
Create Date: 2026-11-21
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from charte_desktop import clock

revision: str = "0003_update_workbooks"
down_revision: str | None = "0002_budget_year"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    identity = op.create_table(
        "file_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_file_identity_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_identity")),
    )
    # Every file, new or upgraded, gets its own identity now: update workbooks carry it.
    op.bulk_insert(identity, [{
        "id": 1,
        "token": uuid.uuid4().hex,
        "created_at": clock.now().isoformat(timespec="microseconds"),
    }])
    op.create_table(
        "update_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("export_token", sa.String(length=32), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("pilot_id", sa.Integer(), nullable=True),
        sa.Column("pilot_name", sa.String(length=250), nullable=False),
        sa.Column("exported_at", sa.String(length=32), nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["pilot_id"], ["contact.id"],
                                name=op.f("fk_update_import_pilot_id_contact"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"],
                                name=op.f("fk_update_import_plan_id_plan"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_update_import")),
        sa.UniqueConstraint("export_token", name=op.f("uq_update_import_export_token")),
    )
    with op.batch_alter_table("update_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_update_import_pilot_id"), ["pilot_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_update_import_plan_id"), ["plan_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("update_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_update_import_plan_id"))
        batch_op.drop_index(batch_op.f("ix_update_import_pilot_id"))
    op.drop_table("update_import")
    op.drop_table("file_identity")
