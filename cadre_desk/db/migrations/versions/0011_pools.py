"""pools: the local table of young-cadre and reserve pools (库别, age caps, shipped defaults with their
source), the entries, their development measures and yearly reviews

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LOCAL = "地方做法（示例默认值，非全国规定；请按本县文件修改）："
# name, target level, age cap ("X岁以下"), source: the defaults as shipped at this revision.
_POOLS = (
    ("好苗子", "", 30, _LOCAL + "30岁以下、有培养潜力的年轻干部，跟踪培养"),
    ("优秀年轻干部", "", 35, _LOCAL + "35岁以下的优秀年轻干部，纳入优秀年轻干部库"),
    ("后备干部（正科）", "正科", 40, _LOCAL + "正科级后备干部一般 40 岁以下"),
    ("后备干部（副科）", "副科", 35, _LOCAL + "副科级后备干部一般 35 岁以下"),
)


def _common() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    pool = op.create_table(
        "talent_pool",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("target_level", sa.String(length=20), nullable=False),
        sa.Column("age_cap", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_common(),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talent_pool")),
        sa.UniqueConstraint("name", name=op.f("uq_talent_pool_name")),
        sa.UniqueConstraint("uid", name=op.f("uq_talent_pool_uid")),
    )
    op.create_table(
        "pool_entry",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("recommended_by", sa.String(length=100), nullable=False),
        sa.Column("document_no", sa.String(length=100), nullable=False),
        sa.Column("direction", sa.Text(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("candidate_on", sa.Date(), nullable=True),
        sa.Column("used_on", sa.Date(), nullable=True),
        sa.Column("used_post", sa.String(length=200), nullable=False),
        sa.Column("exited_on", sa.Date(), nullable=True),
        sa.Column("exit_reason", sa.String(length=10), nullable=False),
        sa.Column("exit_note", sa.Text(), nullable=False),
        *_common(),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_pool_entry_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["pool_id"], ["talent_pool.id"], name=op.f("fk_pool_entry_pool_id_talent_pool")
        ),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorship.id"],
            name=op.f("fk_pool_entry_mentorship_id_mentorship"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_entry")),
        sa.UniqueConstraint("uid", name=op.f("uq_pool_entry_uid")),
    )
    op.create_index(op.f("ix_pool_entry_cadre_id"), "pool_entry", ["cadre_id"])
    op.create_index(op.f("ix_pool_entry_pool_id"), "pool_entry", ["pool_id"])
    op.create_index(op.f("ix_pool_entry_mentorship_id"), "pool_entry", ["mentorship_id"])
    op.create_index(op.f("ix_pool_entry_state"), "pool_entry", ["state"])
    op.create_table(
        "pool_measure",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("secondment_id", sa.Integer(), nullable=True),
        *_common(),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["pool_entry.id"],
            name=op.f("fk_pool_measure_entry_id_pool_entry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["secondment_id"],
            ["secondment.id"],
            name=op.f("fk_pool_measure_secondment_id_secondment"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_measure")),
        sa.UniqueConstraint("uid", name=op.f("uq_pool_measure_uid")),
    )
    op.create_index(op.f("ix_pool_measure_entry_id"), "pool_measure", ["entry_id"])
    op.create_index(op.f("ix_pool_measure_secondment_id"), "pool_measure", ["secondment_id"])
    op.create_table(
        "pool_review",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        *_common(),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["pool_entry.id"],
            name=op.f("fk_pool_review_entry_id_pool_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_review")),
        sa.UniqueConstraint("entry_id", "year", name=op.f("uq_pool_review_entry_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_pool_review_uid")),
    )
    op.create_index(op.f("ix_pool_review_entry_id"), "pool_review", ["entry_id"])
    import datetime as dt
    import uuid

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(
        pool,
        [
            {
                "name": name,
                "target_level": level,
                "age_cap": cap,
                "source": source,
                "position": position,
                "uid": str(uuid.uuid4()),
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for position, (name, level, cap, source) in enumerate(_POOLS)
        ],
    )


def downgrade() -> None:
    op.drop_table("pool_review")
    op.drop_table("pool_measure")
    op.drop_table("pool_entry")
    op.drop_table("talent_pool")
