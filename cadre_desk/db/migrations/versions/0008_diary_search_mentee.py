"""search: diary documents carry the mentee's name (typing her name finds her diary); the index is
rebuilt from the records

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 13:10:00
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy.orm import Session

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No schema change: the documents are derived data, rebuilt from the tables as they are now
    # (the rebuild reads named columns only, so later migrations do not change what it needs).
    from cadre_desk.services import search

    session = Session(bind=op.get_bind())
    try:
        search.rebuild(session)
        session.flush()
    finally:
        session.close()


def downgrade() -> None:
    # The older documents without the name still find everything they found before.
    pass
