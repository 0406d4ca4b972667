"""structure targets: the local 班子结构 requirements and the 四类干部 set, with their shipped defaults

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EXAMPLE = "地方做法（示例，非全国规定；县乡换届文件常见要求）："
_CHIEFS = "党委书记|镇长|乡长"  # 乡镇党政正职: the 党委书记 and the 乡镇长 (any post text containing one)
# name, scope, per_team, base_level, base_post, base_max_age, measure, measure_value, kind, value, source
_TARGETS = (
    ("乡镇班子35岁以下干部", "乡镇", False, "不限", "", 0, "年龄不超过", "35", "比例", 30,
     _EXAMPLE + "乡镇领导班子中35岁以下干部约占30%；请按本地换届文件修改"),
    ("每个乡镇班子有30岁以下干部", "乡镇", True, "不限", "", 0, "年龄不超过", "30", "人数", 1,
     _EXAMPLE + "每个乡镇领导班子至少配备1名30岁以下干部"),
    ("乡镇党政正职35岁以下", "乡镇", False, "正职", _CHIEFS, 0, "年龄不超过", "35", "比例", 15,
     _EXAMPLE + "乡镇党政正职中35岁以下的约占15%"),
    ("35岁以下乡镇党政正职中的党委书记", "乡镇", False, "正职", _CHIEFS, 35, "职务含", "党委书记", "比例",
     33.3,
     _EXAMPLE + "35岁以下乡镇党政正职中，党委书记不少于1/3"),
    ("每个乡镇班子有女干部", "乡镇", True, "不限", "", 0, "女干部", "", "人数", 1,
     _EXAMPLE + "乡镇领导班子至少配备1名女干部"),
    ("县直单位35岁左右干部", "县直单位", False, "不限", "", 0, "年龄不超过", "36", "比例", 15,
     _EXAMPLE + "县直单位领导班子中35岁左右（即37岁以下）干部约占15%"),
    ("县委班子有女干部", "党委", True, "不限", "", 0, "女干部", "", "人数", 1,
     _EXAMPLE + "县委领导班子至少配备1名女干部"),
    ("县政府班子有女干部", "政府", True, "不限", "", 0, "女干部", "", "人数", 1,
     _EXAMPLE + "县政府领导班子至少配备1名女干部"),
    ("县政府班子有党外干部", "政府", True, "不限", "", 0, "党外干部", "", "人数", 1,
     _EXAMPLE + "县政府领导班子配备党外干部"),
)  # fmt: skip
# 四类干部: which kinds the analysis counts, and the age of 年轻干部.
_FOUR_KINDS = (
    ("年轻干部", True, 35),
    ("女干部", True, 0),
    ("少数民族干部", True, 0),
    ("党外干部", True, 0),
)
_FOUR_KINDS_SOURCE = (
    "县级常见用法（无全国统一定义）：四类干部指年轻干部、女干部、少数民族干部、党外干部"
    "（党外 = 民主党派 + 无党派）；乡科级年轻干部一般指35岁以下"
)


def upgrade() -> None:
    import datetime as dt
    import uuid

    target = op.create_table(
        "structure_target",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("per_team", sa.Boolean(), nullable=False),
        sa.Column("base_level", sa.String(length=4), nullable=False),
        sa.Column("base_post", sa.String(length=100), nullable=False),
        sa.Column("base_max_age", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("measure_value", sa.String(length=100), nullable=False),
        sa.Column("required_kind", sa.String(length=4), nullable=False),
        sa.Column("required_value", sa.Float(), nullable=False),
        sa.Column("valid_from", sa.String(length=10), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_structure_target")),
        sa.UniqueConstraint("uid", name=op.f("uq_structure_target_uid")),
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    common = {"created_at": now, "updated_at": now, "version": 1}
    op.bulk_insert(
        target,
        [
            {
                "name": name,
                "scope": scope,
                "per_team": per_team,
                "base_level": level,
                "base_post": post,
                "base_max_age": max_age,
                "measure": measure,
                "measure_value": value,
                "required_kind": kind,
                "required_value": required,
                "valid_from": "",
                "source": source,
                "position": (i + 1) * 10,
                "archived_at": None,
                "uid": str(uuid.uuid4()),
                **common,
            }
            for i, (
                name,
                scope,
                per_team,
                level,
                post,
                max_age,
                measure,
                value,
                kind,
                required,
                source,
            ) in enumerate(_TARGETS)
        ],
    )
    four = op.create_table(
        "four_kind",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("max_age", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_four_kind")),
        sa.UniqueConstraint("kind", name=op.f("uq_four_kind_kind")),
        sa.UniqueConstraint("uid", name=op.f("uq_four_kind_uid")),
    )
    op.bulk_insert(
        four,
        [
            {
                "kind": kind,
                "counted": counted,
                "max_age": max_age,
                "source": _FOUR_KINDS_SOURCE,
                "position": (i + 1) * 10,
                "uid": str(uuid.uuid4()),
                **common,
            }
            for i, (kind, counted, max_age) in enumerate(_FOUR_KINDS)
        ],
    )


def downgrade() -> None:
    op.drop_table("four_kind")
    op.drop_table("structure_target")
