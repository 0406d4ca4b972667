"""obligations: the 三必谈 rule table with its shipped defaults, and the owed talks (应谈)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DUE = "期限为地方设定（无全国规定的期限），默认 30 天"
# (code, due days, talk kind, talker by rule, training kinds, source) as shipped at this revision.
_DEFAULTS = (
    (
        "任职",
        30,
        "任职谈话",
        "分管组织工作的领导",
        "",
        "本县“三必谈”：任职交流必谈（党政领导干部选拔任用工作条例：任职谈话）；" + _DUE,
    ),
    (
        "交流",
        30,
        "交流谈话",
        "分管组织工作的领导",
        "",
        "本县“三必谈”：任职交流必谈（党政领导干部交流工作规定）；" + _DUE,
    ),
    (
        "青干班",
        30,
        "青干班谈话",
        "青干班班主任",
        "青干班",
        "本县“三必谈”：参加青干班学习必谈（干部教育培训工作条例）；计入的培训类别为地方设定；" + _DUE,
    ),
    (
        "苗头",
        30,
        "提醒谈话",
        "所在单位主要负责人",
        "",
        "本县“三必谈”：出现苗头性倾向性问题必谈（中国共产党党内监督条例第二十一条：提醒谈话）；" + _DUE,
    ),
)


def upgrade() -> None:
    def common() -> list[sa.Column[object]]:
        return [
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("uid", sa.String(length=36), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
        ]

    rule = op.create_table(
        "obligation_rule",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=False),
        sa.Column("talk_kind", sa.String(length=10), nullable=False),
        sa.Column("talker", sa.String(length=100), nullable=False),
        sa.Column("training_kinds", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *common(),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation_rule")),
        sa.UniqueConstraint("code", name=op.f("uq_obligation_rule_code")),
        sa.UniqueConstraint("uid", name=op.f("uq_obligation_rule_uid")),
    )
    op.create_table(
        "obligation",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=True),
        sa.Column("talk_kind", sa.String(length=10), nullable=False),
        sa.Column("talker", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("talk_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        *common(),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_obligation_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["talk_id"], ["talk.id"], name=op.f("fk_obligation_talk_id_talk"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["obligation.id"],
            name=op.f("fk_obligation_merged_into_id_obligation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation")),
        sa.UniqueConstraint("uid", name=op.f("uq_obligation_uid")),
    )
    op.create_index(op.f("ix_obligation_cadre_id"), "obligation", ["cadre_id"])
    op.create_index(op.f("ix_obligation_talk_id"), "obligation", ["talk_id"])
    op.create_index("ix_obligation_state_due", "obligation", ["state", "due_date"])

    import datetime as dt
    import uuid

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(
        rule,
        [
            {
                "code": code,
                "due_days": days,
                "talk_kind": kind,
                "talker": talker,
                "training_kinds": kinds,
                "source": source,
                "position": position,
                "uid": str(uuid.uuid4()),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "archived_at": None,
            }
            for position, (code, days, kind, talker, kinds, source) in enumerate(_DEFAULTS)
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_obligation_state_due", table_name="obligation")
    op.drop_index(op.f("ix_obligation_talk_id"), table_name="obligation")
    op.drop_index(op.f("ix_obligation_cadre_id"), table_name="obligation")
    op.drop_table("obligation")
    op.drop_table("obligation_rule")
