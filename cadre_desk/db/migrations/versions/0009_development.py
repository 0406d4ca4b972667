"""development: 到龄 override and 任职年龄界限 on the cadre, training kind details (脱产, certificate), and
the local rule table with its shipped defaults

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The defaults as shipped at this revision (services.rules keeps the same values for a missing row).
_DEFAULTS = (
    (
        "leadership_exit_age",
        "principal",
        58.0,
        "正职退出领导岗位年龄（岁）",
        "地方做法（常见默认值，非全国规定）：正职领导干部 58 岁退出领导岗位；请按本地文件修改",
    ),
    (
        "leadership_exit_age",
        "deputy",
        57.0,
        "副职退出领导岗位年龄（岁）",
        "地方做法（常见默认值，非全国规定）：副职领导干部 57 岁退出领导岗位；请按本地文件修改",
    ),
    (
        "leadership_exit_age",
        "warn_months",
        6.0,
        "提前预警月数",
        "地方做法：退出领导岗位前半年内提示（“半年内到龄”）",
    ),
    (
        "retirement",
        "women_county_age",
        60.0,
        "女性县处级干部原退休年龄（岁，60 或 55）",
        "2015 年规定：女性县处级干部 60 岁退休；2025 年改革对其如何适用尚无明文，默认按 60 岁、"
        "每 4 个月延迟 1 个月计算，可改为 55",
    ),
    (
        "training",
        "day_hours",
        6.0,
        "培训每天折算学时",
        "地方设定（示例）：脱产培训每天折算 6 学时（干部教育培训工作条例未规定折算办法）",
    ),
    (
        "training",
        "plan_start",
        2023.0,
        "五年周期起始年",
        "全国干部教育培训规划（2023—2027年）：规划期为五年周期",
    ),
    (
        "training",
        "rolling",
        0.0,
        "按滚动五年计算（1 = 是，0 = 按规划期）",
        "干部教育培训工作条例：每 5 年；默认按规划期计算",
    ),
)


def upgrade() -> None:
    with op.batch_alter_table("cadre") as batch:
        batch.add_column(sa.Column("retirement_override", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("retirement_override_reason", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("post_age_limit", sa.String(length=50), nullable=False, server_default=""))
    with op.batch_alter_table("training") as batch:
        batch.add_column(sa.Column("full_time", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("certificate", sa.String(length=100), nullable=False, server_default=""))
    rule = op.create_table(
        "local_rule",
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_rule")),
        sa.UniqueConstraint("category", "key", name=op.f("uq_local_rule_category")),
        sa.UniqueConstraint("uid", name=op.f("uq_local_rule_uid")),
    )
    import datetime as dt
    import uuid

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(
        rule,
        [
            {
                "category": category,
                "key": key,
                "value": value,
                "label": label,
                "source": source,
                "position": position,
                "uid": str(uuid.uuid4()),
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
            for position, (category, key, value, label, source) in enumerate(_DEFAULTS)
        ],
    )


def downgrade() -> None:
    op.drop_table("local_rule")
    with op.batch_alter_table("training") as batch:
        batch.drop_column("certificate")
        batch.drop_column("full_time")
    with op.batch_alter_table("cadre") as batch:
        batch.drop_column("post_age_limit")
        batch.drop_column("retirement_override_reason")
        batch.drop_column("retirement_override")
