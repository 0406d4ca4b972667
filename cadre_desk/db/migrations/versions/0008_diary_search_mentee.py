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


def upgrade() -> None:
    """No schema change: the document of every live diary entry is written again with the name, as
    `services.search.diary_doc` builds it (`check` compares the two, and a test upgrades an old index)."""
    session = Session(bind=op.get_bind())
    try:
        rows = session.execute(
            text(
                "SELECT e.id, e.date, e.title, e.category, e.content, c.name FROM diary_entry e "
                "JOIN cadre c ON c.id = e.mentee_id WHERE e.archived_at IS NULL ORDER BY e.id"
            )
        ).all()
        for entry_id, date, title, category, content, name in rows:
            day = date.isoformat() if hasattr(date, "isoformat") else str(date)
            body = "\n".join(part for part in (title, category, content, name) if part)
            search_index.put(session, "diary", entry_id, day, title, body)
        session.flush()
    finally:
        session.close()


def downgrade() -> None:
    # The documents without the name still find everything they found before.
    pass
