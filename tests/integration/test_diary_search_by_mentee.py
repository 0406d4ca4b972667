"""A mentee's diary is found by her name, in new databases and in databases upgraded by 0008."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from cadre_desk.db import migrate, search_index
from cadre_desk.db.opening import open_database
from cadre_desk.services import (
    cadres,
    diary,
    diary_entries,
    maintenance,
    mentorship,
    mentorship_changes,
    search,
)
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre


def diary_hits(ctx: ServiceContext, query: str) -> set[int]:
    return {h.ref_id for h in search.search(ctx, query, kinds=["diary"]).hits}


def setup(ctx: ServiceContext) -> tuple[cadres.CadreView, int]:
    mentor = make_cadre(ctx, "周正德", birth="1972.06")
    mentee = make_cadre(
        ctx, "林小雨", gender="女", birth="1996.10", party_join="2018.06", work_start="2019.08"
    )
    mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    )
    entry = diary_entries.create_entry(
        ctx, diary.DiaryEntryInput(mentee.id, "2024.03.01", "议事会", "工作", "走访三个村。")
    )
    return mentee, entry.id


def test_found_by_the_mentees_name_and_after_a_rename(ctx: ServiceContext) -> None:
    mentee, entry_id = setup(ctx)
    assert diary_hits(ctx, "林小雨") == {entry_id}
    assert diary_hits(ctx, "小雨") == {entry_id}  # two characters too
    view = cadres.get_cadre(ctx, mentee.id)
    data = view.to_input().__dict__ | {"name": "林晓雨"}
    cadres.update_cadre(ctx, mentee.id, view.to_input().__class__(**data), view.version)
    assert diary_hits(ctx, "林晓雨") == {entry_id} and diary_hits(ctx, "林小雨") == set()
    assert all(item.ok for item in maintenance.check(ctx).items)


def test_migration_0008_reindexes_old_diary_documents(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "old.db"))
    ctx = open_context(db, "测试员")
    _mentee, entry_id = setup(ctx)
    with db.uow() as session:  # the index as 0007 left it: diary documents without the name
        search_index.put(session, "diary", entry_id, "2024-03-01", "议事会", "议事会\n工作\n走访三个村。")
        session.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    assert diary_hits(ctx, "林小雨") == set()
    with db.engine.begin() as conn:
        migrate.upgrade(conn, "0008")  # this one alone: the schema is the newest already
        assert migrate.current_revision(conn) == "0008"
        conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": migrate.REVISIONS[-1]})
    assert diary_hits(ctx, "林小雨") == {entry_id}
    assert diary_hits(ctx, "走访") == {entry_id}  # everything else is still found
    assert all(item.ok for item in maintenance.check(ctx).items)
    db.dispose()
