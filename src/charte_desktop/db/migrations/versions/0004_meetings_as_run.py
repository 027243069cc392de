"""meetings as a secretary runs them: civilities and titles, the officer's details, series,
signatories, iCalendar sequences, postponed items, votes

Revision ID: 0004_meetings_as_run
Revises: 0003_update_workbooks
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_meetings_as_run"
down_revision: str | None = "0003_update_workbooks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str, length: int) -> sa.Column:
    """A text column every existing row gets empty."""
    return sa.Column(name, sa.String(length=length), nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "meeting_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"],
                                name=op.f("fk_meeting_series_body_id_body"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series")),
    )
    with op.batch_alter_table("meeting_series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_series_body_id"), ["body_id"],
                              unique=False)

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "civility",
            sa.Enum("none", "madame", "monsieur", name="civility", native_enum=False,
                    create_constraint=True, length=32),
            nullable=False, server_default="none"))
        batch_op.add_column(_text("title", 120))

    with op.batch_alter_table("territory", schema=None) as batch_op:
        for name, length in (("town", 120), ("officer_name", 200), ("officer_function", 200),
                             ("officer_phone", 40), ("officer_email", 254)):
            batch_op.add_column(_text(name, length))
        batch_op.add_column(sa.Column("reminder_minutes", sa.Integer(), nullable=False,
                                      server_default="1440"))

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("signatory_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.create_foreign_key(batch_op.f("fk_meeting_series_id_meeting_series"),
                                    "meeting_series", ["series_id"], ["id"],
                                    ondelete="SET NULL")
        batch_op.create_foreign_key(batch_op.f("fk_meeting_signatory_id_contact"),
                                    "contact", ["signatory_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index(batch_op.f("ix_meeting_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_signatory_id"), ["signatory_id"],
                              unique=False)

    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("postponed", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))

    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unanimous", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("votes_for", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("votes_against", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("abstentions", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            "votes_positive", "votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0")


def downgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_decision_votes_positive"), type_="check")
        for name in ("abstentions", "votes_against", "votes_for", "unanimous"):
            batch_op.drop_column(name)
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_column("postponed")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_signatory_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_series_id"))
        batch_op.drop_constraint(batch_op.f("fk_meeting_signatory_id_contact"),
                                 type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_meeting_series_id_meeting_series"),
                                 type_="foreignkey")
        for name in ("sequence", "signatory_id", "series_id"):
            batch_op.drop_column(name)
    with op.batch_alter_table("territory", schema=None) as batch_op:
        for name in ("reminder_minutes", "officer_email", "officer_phone", "officer_function",
                     "officer_name", "town"):
            batch_op.drop_column(name)
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("title")
        batch_op.drop_column("civility")
    with op.batch_alter_table("meeting_series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_series_body_id"))
    op.drop_table("meeting_series")
