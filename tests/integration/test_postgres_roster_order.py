"""A sorted roster's first rows on a real PostgreSQL server whose database collates in Chinese (ICU
`zh`: pinyin order, as a county's server would be set up): the text the window compares by code point
must not be ordered by that collation. Each order is checked against the window's in-memory sort
(tests/gui/test_roster_sorted_start)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from cadre_desk.db.opening import open_database
from cadre_desk.services.context import ServiceContext, open_context
from tests.gui.test_roster_sorted_start import build_varied_roster, check_every_order
from tests.integration.pg_helpers import admin_engine, database_url, drop_database

ADMIN_URL = os.environ.get("CADRE_DESK_PG_URL")

if not ADMIN_URL:
    if os.environ.get("CI"):
        pytest.fail("CI must run the PostgreSQL tests: CADRE_DESK_PG_URL is not set", pytrace=False)
    pytest.skip(
        "no PostgreSQL server (CADRE_DESK_PG_URL unset; `make test` starts one)", allow_module_level=True
    )


@pytest.fixture
def fresh_pg_ctx() -> Iterator[ServiceContext]:
    assert ADMIN_URL is not None
    admin = admin_engine(ADMIN_URL)
    name = f"cadre_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(
            text(
                f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0 LOCALE 'C.UTF-8' "
                "LOCALE_PROVIDER icu ICU_LOCALE 'zh'"
            )
        )
    try:
        db = open_database(database_url(ADMIN_URL, name))
        try:
            yield open_context(db, "测试员")
        finally:
            db.dispose()
    finally:
        drop_database(admin, name)
        admin.dispose()


@pytest.mark.postgres
def test_the_first_rows_of_every_order_on_postgres(fresh_pg_ctx: ServiceContext, qapp: object) -> None:
    with fresh_pg_ctx.db.read() as session:
        assert session.scalar(text("SELECT '党委书记' > '办公室主任'"))  # dǎng after bàn: pinyin
    build_varied_roster(fresh_pg_ctx)
    check_every_order(fresh_pg_ctx)
