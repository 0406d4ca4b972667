"""data exchange: original appointment-form files and exchange bases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _common() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "cadre_form_source",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("file_version", sa.String(length=30), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("photo_shape", sa.JSON(), nullable=False),
        *_common(),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_form_source_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_form_source")),
        sa.UniqueConstraint("cadre_id", name=op.f("uq_cadre_form_source_cadre_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_cadre_form_source_uid")),
    )
    op.create_table(
        "exchange_base",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_uid", sa.String(length=36), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_base")),
        sa.UniqueConstraint("record_uid", name=op.f("uq_exchange_base_record_uid")),
        sa.UniqueConstraint("uid", name=op.f("uq_exchange_base_uid")),
    )


def downgrade() -> None:
    op.drop_table("exchange_base")
    op.drop_table("cadre_form_source")
