"""barometer (晴雨表): periods, one entry per cadre per period, the local colour rule table and the colour
words, with their shipped defaults

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOTE = "晴雨表无全国统一指标与颜色，系常见地方做法（默认值，可修改）"
# (colour, indicator, values (、-separated; blank = any value), label, source) as shipped. The colour is
# the canonical word (红 / 黄) and the indicator its label (domain.barometer.INDICATORS).
_RULES = (
    ("红", "处分", "", "受党纪政务处分，处分在影响期内", f"{_NOTE}：处分在影响期内列红"),
    ("红", "组织处理", "", "组织处理在影响期内", f"{_NOTE}：组织处理在影响期内列红"),
    ("红", "立案审查", "", "被立案审查调查", f"{_NOTE}：立案审查调查期间列红"),
    ("红", "年度考核", "不称职", "年度考核不称职", f"{_NOTE}：年度考核不称职列红"),
    (
        "红",
        "不适宜现职",
        "",
        "经认定不适宜担任现职",
        f"{_NOTE}：不适宜担任现职列红（能上能下规定所列调整情形）",
    ),
    (
        "红",
        "个人事项",
        "瞒报",
        "个人有关事项瞒报",
        "本软件默认值：共享说明只列“漏报”为黄；瞒报依规应予处理，默认列红，请按本地文件修改",
    ),
    ("黄", "信访举报", "待核、属实", "信访举报待核或属实", f"{_NOTE}：信访举报待核实或经查属实列黄"),
    ("黄", "年度考核", "基本称职", "年度考核基本称职", f"{_NOTE}：年度考核基本称职列黄"),
    ("黄", "个人事项", "漏报", "个人有关事项漏报", f"{_NOTE}：个人事项核查漏报列黄"),
    (
        "黄",
        "谈话函询",
        "",
        "本期受到提醒谈话、函询或诫勉",
        f"{_NOTE}：本期受到提醒谈话、函询、诫勉列黄（党内监督条例第21条的谈话函询诫勉）",
    ),
    ("黄", "考核末位", "", "考核排名末位", f"{_NOTE}：考核排名末位列黄"),
)
_COLOURS = (
    ("red", "红", "严重预警（规则表中的“红”）", "常见做法：红色预警；各地颜色用词不同，可改名"),
    ("yellow", "黄", "一般预警（规则表中的“黄”）", "常见做法：黄色预警；各地颜色用词不同，可改名"),
    ("green", "绿", "正常（未触发任何规则）", "常见做法：绿色（正常）；各地颜色用词不同，可改名"),
)


def _common() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "barometer_period",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("published_by", sa.String(length=50), nullable=False),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barometer_period")),
        sa.UniqueConstraint("code", name=op.f("uq_barometer_period_code")),
        sa.UniqueConstraint("uid", name=op.f("uq_barometer_period_uid")),
    )
    rule = op.create_table(
        "barometer_rule",
        sa.Column("colour", sa.String(length=10), nullable=False),
        sa.Column("indicator", sa.String(length=30), nullable=False),
        sa.Column("values", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barometer_rule")),
        sa.UniqueConstraint("uid", name=op.f("uq_barometer_rule_uid")),
    )
    colour = op.create_table(
        "barometer_colour",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("word", sa.String(length=10), nullable=False),
        sa.Column("meaning", sa.String(length=60), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barometer_colour")),
        sa.UniqueConstraint("code", name=op.f("uq_barometer_colour_code")),
        sa.UniqueConstraint("uid", name=op.f("uq_barometer_colour_uid")),
    )
    short = ("duty", "assessment", "case_review", "org_handling", "petition", "personal_matters")
    op.create_table(
        "barometer_entry",
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        *[sa.Column(name, sa.String(length=20), nullable=False) for name in short],
        sa.Column("discipline", sa.String(length=200), nullable=False),
        sa.Column("accountability", sa.String(length=200), nullable=False),
        sa.Column("audit_finding", sa.Text(), nullable=False),
        sa.Column("public_opinion", sa.Text(), nullable=False),
        sa.Column("talk_measure", sa.String(length=20), nullable=False),
        sa.Column("rank_last", sa.String(length=20), nullable=False),
        sa.Column("unfit", sa.String(length=20), nullable=False),
        sa.Column("sources", sa.String(length=200), nullable=False),
        sa.Column("colour", sa.String(length=10), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("rule_text", sa.String(length=200), nullable=False),
        sa.Column("override_colour", sa.String(length=10), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("override_by", sa.String(length=50), nullable=False),
        sa.Column("override_at", sa.DateTime(), nullable=True),
        sa.Column("disposal", sa.String(length=10), nullable=False),
        sa.Column("disposal_way", sa.String(length=20), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("follow_up_done", sa.Boolean(), nullable=False),
        sa.Column("disposed_by", sa.String(length=50), nullable=False),
        *_common(),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_barometer_entry_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["barometer_period.id"],
            name=op.f("fk_barometer_entry_period_id_barometer_period"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["barometer_rule.id"],
            name=op.f("fk_barometer_entry_rule_id_barometer_rule"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_barometer_entry_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barometer_entry")),
        sa.UniqueConstraint("period_id", "cadre_id", name=op.f("uq_barometer_entry_period_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_barometer_entry_uid")),
    )
    op.create_index("ix_barometer_entry_period_unit", "barometer_entry", ["period_id", "unit_id"])
    op.create_index(op.f("ix_barometer_entry_cadre_id"), "barometer_entry", ["cadre_id"])

    import datetime as dt
    import uuid

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    common = {"created_at": now, "updated_at": now, "version": 1}
    op.bulk_insert(
        rule,
        [
            {
                "colour": c,
                "indicator": indicator,
                "values": values,
                "label": label,
                "source": source,
                "position": position,
                "archived_at": None,
                "uid": str(uuid.uuid4()),
                **common,
            }
            for position, (c, indicator, values, label, source) in enumerate(_RULES)
        ],
    )
    op.bulk_insert(
        colour,
        [
            {"code": c, "word": w, "meaning": m, "source": s, "uid": str(uuid.uuid4()), **common}
            for c, w, m, s in _COLOURS
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_barometer_entry_cadre_id"), table_name="barometer_entry")
    op.drop_index("ix_barometer_entry_period_unit", table_name="barometer_entry")
    op.drop_table("barometer_entry")
    op.drop_table("barometer_colour")
    op.drop_table("barometer_rule")
    op.drop_table("barometer_period")
