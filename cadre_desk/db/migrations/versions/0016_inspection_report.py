"""inspection_report: the 考察材料 of a cadre, kept as numbered revisions

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 15:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_report",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("saved_by", sa.String(length=50), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_inspection_report_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_report")),
        sa.UniqueConstraint("cadre_id", "revision", name=op.f("uq_inspection_report_cadre_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_inspection_report_uid")),
    )
    op.create_index(op.f("ix_inspection_report_cadre_id"), "inspection_report", ["cadre_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_inspection_report_cadre_id"), table_name="inspection_report")
    op.drop_table("inspection_report")
