"""audit chain: sequence number, previous hash and own hash on every audit record, the chain head; the
existing records are chained in the order they were written (by id)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from cadre_desk.db import audit_chain
from cadre_desk.db.base import UTCDateTime

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("anchor_seq", sa.Integer(), nullable=False),
        sa.Column("anchor_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    # Chain the records already there, oldest first, with the same serialisation as new ones.
    event = sa.table(
        "audit_event",
        sa.column("id", sa.Integer()),
        sa.column("uid", sa.String()),
        sa.column("at", UTCDateTime()),
        sa.column("account_id", sa.Integer()),
        sa.column("action", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.Integer()),
        sa.column("entity_uid", sa.String()),
        sa.column("summary", sa.String()),
        sa.column("changes", sa.JSON()),
        sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()),
        sa.column("version", sa.Integer()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    conn = op.get_bind()
    prev, seq, last_id = audit_chain.GENESIS, 0, 0
    while True:
        rows = conn.execute(
            sa.select(event).where(event.c.id > last_id).order_by(event.c.id).limit(_BATCH)
        ).all()
        if not rows:
            break
        updates = []
        for row in rows:
            seq += 1
            values = dict(row._mapping)
            values["seq"], values["prev_hash"] = seq, prev
            values["changes"] = values["changes"] if values["changes"] is not None else {}
            prev = audit_chain.digest(values)
            updates.append({"b_id": row.id, "b_seq": seq, "b_prev": values["prev_hash"], "b_hash": prev})
            last_id = row.id
        conn.execute(
            sa.update(event)
            .where(event.c.id == sa.bindparam("b_id"))
            .values(seq=sa.bindparam("b_seq"), prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")),
            updates,
        )
    conn.execute(
        sa.table(
            "audit_chain_head",
            sa.column("id"),
            sa.column("seq"),
            sa.column("hash"),
            sa.column("anchor_seq"),
            sa.column("anchor_hash"),
        )
        .insert()
        .values(id=1, seq=seq, hash=prev, anchor_seq=0, anchor_hash=audit_chain.GENESIS)
    )

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index("ix_audit_event_seq", ["seq"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_seq")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    op.drop_table("audit_chain_head")
