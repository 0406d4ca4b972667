"""SearchDoc: one row per searchable record, the text the full-text indexes are built from.

The text is kept here (not only in the FTS tables) so that an index row can always be removed with
exactly the tokens it was built from, a rebuild needs no joins, and snippets come from one place.
The SQLite FTS5 tables themselves are created by the migration and maintained by `db/search_index.py`.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.db.base import Base


class SearchDoc(Base):
    __tablename__ = "search_doc"
    __table_args__ = (
        UniqueConstraint("kind", "ref_id", name="uq_search_doc_kind_ref"),
        # The ids of one kind in id order: a search with a kind filter merges them with the FTS rowids.
        Index("ix_search_doc_kind_id", "kind", "id"),
    )

    # Ids encode the record's date (see db/search_index.py): 64-bit; on SQLite the rowid itself.
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    kind: Mapped[str] = mapped_column(String(20))  # cadre / diary / comment / talk / mentorship
    ref_id: Mapped[int] = mapped_column(Integer)
    sort_key: Mapped[str] = mapped_column(String(20))  # ISO date(time) of the record: newest first
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
