"""The same models, migrations and services on a real PostgreSQL server.

`make test` starts the local server and sets CADRE_DESK_PG_URL (a role that may create databases);
each test run gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from cadre_desk.db.opening import open_database
from cadre_desk.services import (
    diary,
    diary_comments,
    diary_entries,
    maintenance,
    mentorship,
    mentorship_changes,
    search,
    talks,
)
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre
from tests.integration.pg_helpers import fresh_database, opened, require_server

ADMIN_URL = require_server()  # skipped without a server, failed under CI


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """One database for the module (the conftest's fixtures give each test its own)."""
    with fresh_database(ADMIN_URL) as url:
        yield url


@pytest.fixture(scope="module")
def pg_ctx(pg_url: str) -> Iterator[ServiceContext]:
    with opened(pg_url) as db:
        yield open_context(db, "测试员")


def test_migrations_and_every_service_on_postgres(pg_ctx: ServiceContext) -> None:
    ctx = pg_ctx
    mentor = make_cadre(ctx, "王建国", birth="1970.05", id_number="")
    mentee = make_cadre(ctx, "李晓明", birth="1995.08", party_join="2016.06", work_start="2017.07")
    pairing = mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(
            mentor.id, mentee.id, "2025.01.01", "2026.12.31", "熟悉基层工作", "每月谈心"
        ),
    )
    entry = diary_entries.create_entry(
        ctx,
        diary.DiaryEntryInput(
            mentee.id, dt.date(2025, 3, 3), "第一次下乡调研", "调研", "今天随导师到村里调研。"
        ),
        submit=True,
    )
    assert entry.mentorship_id == pairing.id
    diary_comments.add_comment(
        ctx, entry.id, diary.CommentInput(mentor.id, "调研要深入，多听群众意见。", dt.date(2025, 3, 5))
    )
    talks.record_talk(
        ctx,
        talks.TalkInput("2025.04.01 09:30", "日常谈心", (mentee.id,), "王建国", content="谈话了解思想动态。"),
    )
    hits = search.search(ctx, "谈话")
    assert {h.kind for h in hits.hits} == {"talk"}
    assert search.search(ctx, "晓明").total >= 2  # the cadre, the pairing and the talk carry the name
    limited = search.search(ctx, "晓明", kinds=["talk", "mentorship"])
    assert {h.kind for h in limited.hits} == {"talk", "mentorship"} and limited.total == 2
    report = maintenance.check(ctx)
    assert report.ok, report.items
    counts = maintenance.stats(ctx.db)
    assert counts["cadre"] == 2 and counts["diary_entry"] == 1 and counts["talk"] == 1


def test_reopening_is_idempotent(pg_url: str, pg_ctx: ServiceContext) -> None:
    again = open_database(pg_url)
    try:
        with again.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    finally:
        again.dispose()
