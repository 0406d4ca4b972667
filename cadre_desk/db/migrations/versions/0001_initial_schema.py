"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 20:12:56.351811
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Full-text search on SQLite (see db/search_index.py): a trigram index over search_doc.body for
# terms of 3+ characters, and a contentless index of character bigrams (plus each run"s last
# character) for terms of 1-2 characters, which the trigram tokenizer cannot answer. Those terms are
# single tokens or prefixes, never phrases, so the bigram table needs no positions (detail=none).
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE search_fts_tri USING fts5("
    "body, content='search_doc', content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE search_fts_bi USING fts5("
    "grams, content='', columnsize=0, detail='none', tokenize='unicode61 remove_diacritics 0')",
)


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("name", name=op.f("uq_account_name")),
        sa.UniqueConstraint("uid", name=op.f("uq_account_uid")),
    )
    op.create_table(
        "search_doc",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=False, nullable=False
        ),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("sort_key", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("kind", "ref_id", name="uq_search_doc_kind_ref"),
    )
    op.create_table(
        "talk",
        sa.Column("talk_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("talkers", sa.String(length=200), nullable=False),
        sa.Column("recorder", sa.String(length=50), nullable=False),
        sa.Column("outline", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk")),
        sa.UniqueConstraint("uid", name=op.f("uq_talk_uid")),
    )
    with op.batch_alter_table("talk", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_talk_at"), ["talk_at"], unique=False)

    op.create_table(
        "unit",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("short_name", sa.String(length=50), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["unit.id"], name=op.f("fk_unit_parent_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("uid", name=op.f("uq_unit_uid")),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "audit_event",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("entity_uid", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_audit_event_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_audit_event_uid")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_event_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "cadre",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_initials", sa.String(length=50), nullable=False),
        sa.Column("gender", sa.String(length=2), nullable=False),
        sa.Column("birth", sa.Integer(), nullable=False),
        sa.Column("ethnicity", sa.String(length=20), nullable=False),
        sa.Column("native_place", sa.String(length=50), nullable=False),
        sa.Column("birthplace", sa.String(length=50), nullable=False),
        sa.Column("political_status", sa.String(length=20), nullable=False),
        sa.Column("party_join", sa.Integer(), nullable=True),
        sa.Column("democratic_party", sa.String(length=20), nullable=False),
        sa.Column("work_start", sa.Integer(), nullable=True),
        sa.Column("health", sa.String(length=20), nullable=False),
        sa.Column("professional_title", sa.String(length=50), nullable=False),
        sa.Column("speciality", sa.Text(), nullable=False),
        sa.Column("fulltime_education", sa.String(length=30), nullable=False),
        sa.Column("fulltime_degree", sa.String(length=30), nullable=False),
        sa.Column("fulltime_school", sa.String(length=100), nullable=False),
        sa.Column("fulltime_degree_school", sa.String(length=100), nullable=False),
        sa.Column("inservice_education", sa.String(length=30), nullable=False),
        sa.Column("inservice_degree", sa.String(length=30), nullable=False),
        sa.Column("inservice_school", sa.String(length=100), nullable=False),
        sa.Column("inservice_degree_school", sa.String(length=100), nullable=False),
        sa.Column("post", sa.Text(), nullable=False),
        sa.Column("rank", sa.String(length=20), nullable=False),
        sa.Column("post_since", sa.Integer(), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_cadre_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre")),
        sa.UniqueConstraint("id_number", name=op.f("uq_cadre_id_number")),
        sa.UniqueConstraint("uid", name=op.f("uq_cadre_uid")),
    )
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cadre_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_cadre_name_initials"), ["name_initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_cadre_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "talk_follow_up",
        sa.Column("talk_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=50), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done_date", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["talk_id"], ["talk.id"], name=op.f("fk_talk_follow_up_talk_id_talk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk_follow_up")),
        sa.UniqueConstraint("uid", name=op.f("uq_talk_follow_up_uid")),
    )
    with op.batch_alter_table("talk_follow_up", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_follow_up_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_follow_up_talk_id"), ["talk_id"], unique=False)

    op.create_table(
        "assessment",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_assessment_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
        sa.UniqueConstraint("uid", name=op.f("uq_assessment_uid")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_cadre_id"), ["cadre_id"], unique=False)

    op.create_table(
        "cadre_photo",
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("mime", sa.String(length=30), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_cadre_photo_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre_photo")),
        sa.UniqueConstraint("cadre_id", name=op.f("uq_cadre_photo_cadre_id")),
        sa.UniqueConstraint("uid", name=op.f("uq_cadre_photo_uid")),
    )
    op.create_table(
        "family_member",
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("birth", sa.Integer(), nullable=True),
        sa.Column("political_status", sa.String(length=20), nullable=False),
        sa.Column("employer_post", sa.Text(), nullable=False),
        sa.Column("deceased", sa.Boolean(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_family_member_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_member")),
        sa.UniqueConstraint("uid", name=op.f("uq_family_member_uid")),
    )
    with op.batch_alter_table("family_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_member_cadre_id"), ["cadre_id"], unique=False)

    op.create_table(
        "mentorship",
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("plan", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("mentor_evaluation", sa.Text(), nullable=False),
        sa.Column("mentee_summary", sa.Text(), nullable=False),
        sa.Column("evaluation_result", sa.Text(), nullable=False),
        sa.Column("evaluation_grade", sa.String(length=10), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("mentor_id <> mentee_id", name=op.f("ck_mentorship_mentor_not_mentee")),
        sa.ForeignKeyConstraint(["mentee_id"], ["cadre.id"], name=op.f("fk_mentorship_mentee_id_cadre")),
        sa.ForeignKeyConstraint(["mentor_id"], ["cadre.id"], name=op.f("fk_mentorship_mentor_id_cadre")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship")),
        sa.UniqueConstraint("uid", name=op.f("uq_mentorship_uid")),
    )
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentorship_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentorship_mentor_id"), ["mentor_id"], unique=False)

    op.create_table(
        "resume_entry",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_resume_entry_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["resume_entry.id"],
            name=op.f("fk_resume_entry_parent_id_resume_entry"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_entry")),
        sa.UniqueConstraint("uid", name=op.f("uq_resume_entry_uid")),
    )
    with op.batch_alter_table("resume_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resume_entry_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_resume_entry_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "reward_or_punishment",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("date", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"],
            ["cadre.id"],
            name=op.f("fk_reward_or_punishment_cadre_id_cadre"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_or_punishment")),
        sa.UniqueConstraint("uid", name=op.f("uq_reward_or_punishment_uid")),
    )
    with op.batch_alter_table("reward_or_punishment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reward_or_punishment_cadre_id"), ["cadre_id"], unique=False)

    op.create_table(
        "secondment",
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_secondment_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_secondment")),
        sa.UniqueConstraint("uid", name=op.f("uq_secondment_uid")),
    )
    with op.batch_alter_table("secondment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_secondment_cadre_id"), ["cadre_id"], unique=False)

    op.create_table(
        "talk_subject",
        sa.Column("talk_id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_talk_subject_cadre_id_cadre")),
        sa.ForeignKeyConstraint(
            ["talk_id"], ["talk.id"], name=op.f("fk_talk_subject_talk_id_talk"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_talk_subject")),
        sa.UniqueConstraint("uid", name=op.f("uq_talk_subject_uid")),
    )
    with op.batch_alter_table("talk_subject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_talk_subject_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_talk_subject_talk_id"), ["talk_id"], unique=False)

    op.create_table(
        "training",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("organiser", sa.String(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("days", sa.Float(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cadre_id"], ["cadre.id"], name=op.f("fk_training_cadre_id_cadre"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training")),
        sa.UniqueConstraint("uid", name=op.f("uq_training_uid")),
    )
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_cadre_id"), ["cadre_id"], unique=False)

    op.create_table(
        "diary_entry",
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["mentee_id"], ["cadre.id"], name=op.f("fk_diary_entry_mentee_id_cadre")),
        sa.ForeignKeyConstraint(
            ["mentorship_id"], ["mentorship.id"], name=op.f("fk_diary_entry_mentorship_id_mentorship")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_entry")),
        sa.UniqueConstraint("uid", name=op.f("uq_diary_entry_uid")),
    )
    with op.batch_alter_table("diary_entry", schema=None) as batch_op:
        batch_op.create_index("ix_diary_entry_mentee_date", ["mentee_id", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_diary_entry_mentorship_id"), ["mentorship_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_diary_entry_state"), ["state"], unique=False)

    op.create_table(
        "mentorship_record",
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorship.id"],
            name=op.f("fk_mentorship_record_mentorship_id_mentorship"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentorship_record")),
        sa.UniqueConstraint("uid", name=op.f("uq_mentorship_record_uid")),
    )
    with op.batch_alter_table("mentorship_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentorship_record_mentorship_id"), ["mentorship_id"], unique=False
        )

    op.create_table(
        "mentor_comment",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["diary_entry.id"],
            name=op.f("fk_mentor_comment_entry_id_diary_entry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["mentor_id"], ["cadre.id"], name=op.f("fk_mentor_comment_mentor_id_cadre")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_comment")),
        sa.UniqueConstraint("uid", name=op.f("uq_mentor_comment_uid")),
    )
    with op.batch_alter_table("mentor_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_comment_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_comment_mentor_id"), ["mentor_id"], unique=False)

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_search_doc_body_trgm ON search_doc USING gin (lower(body) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_doc_body_trgm")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts_bi")
        op.execute("DROP TABLE IF EXISTS search_fts_tri")
    with op.batch_alter_table("mentor_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_comment_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_comment_entry_id"))

    op.drop_table("mentor_comment")
    with op.batch_alter_table("mentorship_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_record_mentorship_id"))

    op.drop_table("mentorship_record")
    with op.batch_alter_table("diary_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_diary_entry_state"))
        batch_op.drop_index(batch_op.f("ix_diary_entry_mentorship_id"))
        batch_op.drop_index("ix_diary_entry_mentee_date")

    op.drop_table("diary_entry")
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_cadre_id"))

    op.drop_table("training")
    with op.batch_alter_table("talk_subject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_subject_talk_id"))
        batch_op.drop_index(batch_op.f("ix_talk_subject_cadre_id"))

    op.drop_table("talk_subject")
    with op.batch_alter_table("secondment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_secondment_cadre_id"))

    op.drop_table("secondment")
    with op.batch_alter_table("reward_or_punishment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reward_or_punishment_cadre_id"))

    op.drop_table("reward_or_punishment")
    with op.batch_alter_table("resume_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resume_entry_parent_id"))
        batch_op.drop_index(batch_op.f("ix_resume_entry_cadre_id"))

    op.drop_table("resume_entry")
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentorship_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_mentorship_mentee_id"))

    op.drop_table("mentorship")
    with op.batch_alter_table("family_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_member_cadre_id"))

    op.drop_table("family_member")
    op.drop_table("cadre_photo")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_cadre_id"))

    op.drop_table("assessment")
    with op.batch_alter_table("talk_follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_follow_up_talk_id"))
        batch_op.drop_index(batch_op.f("ix_talk_follow_up_due_date"))

    op.drop_table("talk_follow_up")
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cadre_unit_id"))
        batch_op.drop_index(batch_op.f("ix_cadre_name_initials"))
        batch_op.drop_index(batch_op.f("ix_cadre_name"))

    op.drop_table("cadre")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_entity")
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_parent_id"))

    op.drop_table("unit")
    with op.batch_alter_table("talk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_talk_talk_at"))

    op.drop_table("talk")
    op.drop_table("search_doc")
    op.drop_table("account")
