"""the appointment form's own data: appointment_case (拟任/拟免职务, 任免理由, 呈报单位, 填表人, 填表时间 …)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 13:00:00

Additive: one new table, nothing else changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "appointment_case",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("proposed_post", sa.Text(), nullable=False),
        sa.Column("proposed_removal", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reporting_unit", sa.String(length=200), nullable=False),
        sa.Column("filled_by", sa.String(length=50), nullable=False),
        sa.Column("filled_on", sa.Date(), nullable=True),
        sa.Column("age_reference", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_appointment_case_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment_case")),
        sa.UniqueConstraint("cadre_id", name=op.f("uq_appointment_case_cadre_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_appointment_case_uid")),
    )


def downgrade() -> None:
    op.drop_table("appointment_case")
