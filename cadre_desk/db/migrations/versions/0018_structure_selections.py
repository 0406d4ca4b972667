"""structure selections: saved selections of units (e.g. 2027换届乡镇) as a scope of the structure analysis;
the cadre's 任现职级时间 (the month the current rank was reached)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "structure_selection",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structure_selection")),
        sa.UniqueConstraint("uid", name=op.f("uq_structure_selection_uid")),
    )
    op.create_table(
        "structure_selection_unit",
        sa.Column("selection_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["selection_id"],
            ["structure_selection.id"],
            name=op.f("fk_structure_selection_unit_selection_id_structure_selection"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_structure_selection_unit_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structure_selection_unit")),
        sa.UniqueConstraint("uid", name=op.f("uq_structure_selection_unit_uid")),
    )
    op.create_index(
        op.f("ix_structure_selection_unit_selection_id"),
        "structure_selection_unit",
        ["selection_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_structure_selection_unit_unit_id"), "structure_selection_unit", ["unit_id"], unique=False
    )
    # A plain ADD COLUMN (no table rebuild: every record refers to the cadre rows).
    with op.batch_alter_table("cadre", recreate="never") as batch:
        batch.add_column(sa.Column("rank_since", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cadre") as batch:
        batch.drop_column("rank_since")
    op.drop_index(op.f("ix_structure_selection_unit_unit_id"), table_name="structure_selection_unit")
    op.drop_index(op.f("ix_structure_selection_unit_selection_id"), table_name="structure_selection_unit")
    op.drop_table("structure_selection_unit")
    op.drop_table("structure_selection")
