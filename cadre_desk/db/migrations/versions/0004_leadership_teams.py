"""leadership teams (班子): team_post and team_member; unit kinds as the new code list

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 12:30:00

Additive: two new tables. The unit kinds of older databases are renamed to the new code list
(党政机关 → 政府 for a 人民政府, 部门 otherwise; 人大政协 → 人大 or 政协 by the name); nothing is dropped.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _common() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "team_post",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("slots", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_common(),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_team_post_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_post")),
        sa.UniqueConstraint("uid", name=op.f("uq_team_post_uid")),
    )
    with op.batch_alter_table("team_post", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_post_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "team_member",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.Integer(), nullable=True),
        sa.Column("until", sa.Integer(), nullable=True),
        *_common(),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_team_member_cadre_id_cadre")),
        sa.ForeignKeyConstraint(["post_id"], ["team_post.id"], name=op.f("fk_team_member_post_id_team_post")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_member")),
        sa.UniqueConstraint("uid", name=op.f("uq_team_member_uid")),
    )
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_member_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_team_member_post_id"), ["post_id"], unique=False)
    op.execute("UPDATE unit SET kind = '政府' WHERE kind = '党政机关' AND name LIKE '%人民政府'")
    op.execute("UPDATE unit SET kind = '部门' WHERE kind = '党政机关'")
    op.execute("UPDATE unit SET kind = '政协' WHERE kind = '人大政协' AND name LIKE '%政治协商%'")
    op.execute("UPDATE unit SET kind = '人大' WHERE kind = '人大政协'")


def downgrade() -> None:
    op.drop_table("team_member")
    op.drop_table("team_post")
