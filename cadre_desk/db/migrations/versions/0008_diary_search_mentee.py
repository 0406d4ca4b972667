"""search: diary documents carry the mentee's name (typing her name finds her diary)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 13:10:00
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text
from sqlalchemy.orm import Session

from cadre_desk.db import search_index

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    """No schema change. Every live diary entry's document gets the body `services.search.diary_doc`
    builds now (title, category, text, the mentee's name: `check` compares the two, and a test upgrades
    an old index). The bodies are updated in place; on SQLite the FTS tables are then filled again
    from them in id order, the rebuild's fast path (one row at a time took ~10 ms a document)."""
    bind = op.get_bind()
    session = Session(bind=bind)
    try:
        rows = session.execute(
            text(
                "SELECT e.id, e.title, e.category, e.content, c.name FROM diary_entry e "
                "JOIN cadre c ON c.id = e.mentee_id WHERE e.archived_at IS NULL ORDER BY e.id"
            )
        )
        update = text("UPDATE search_doc SET body = :b WHERE kind = 'diary' AND ref_id = :r")
        batch: list[dict[str, object]] = []
        for entry_id, title, category, content, name in rows:
            body = "\n".join(part for part in (title, category, content, name) if part)
            batch.append({"r": entry_id, "b": body})
            if len(batch) >= BATCH:
                session.execute(update, batch)
                batch.clear()
        if batch:
            session.execute(update, batch)
        if bind.dialect.name == "sqlite":
            session.execute(text("INSERT INTO search_fts_tri(search_fts_tri) VALUES ('delete-all')"))
            session.execute(text("INSERT INTO search_fts_bi(search_fts_bi) VALUES ('delete-all')"))
            search_index.fill_fts(session)
        session.flush()
    finally:
        session.close()


def downgrade() -> None:
    # The documents without the name still find everything they found before.
    pass
