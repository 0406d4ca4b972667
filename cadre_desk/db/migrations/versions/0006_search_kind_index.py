"""search: the ids of each kind in id order, for searches limited to a kind

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 12:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_search_doc_kind_id", "search_doc", ["kind", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_search_doc_kind_id", table_name="search_doc")
