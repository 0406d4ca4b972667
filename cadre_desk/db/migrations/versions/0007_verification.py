"""待核实: the verification problems of imported cadres

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verification_problem",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("involves", sa.String(length=200), nullable=False),
        sa.Column("as_read", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=260), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"],
            ["cadre.id"],
            name=op.f("fk_verification_problem_cadre_id_cadre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_problem")),
        sa.UniqueConstraint("uid", name=op.f("uq_verification_problem_uid")),
    )
    op.create_index(
        op.f("ix_verification_problem_cadre_id"), "verification_problem", ["cadre_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_verification_problem_cadre_id"), table_name="verification_problem")
    op.drop_table("verification_problem")
