"""A sorted roster's first rows on a real PostgreSQL server whose database collates in Chinese (ICU
`zh`: pinyin order, as a county's server would be set up): the text the window compares by code point
must not be ordered by that collation. Each order is checked against the window's in-memory sort
(tests/gui/test_roster_sorted_start)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from cadre_desk.services.context import ServiceContext
from tests.gui.test_roster_sorted_start import build_varied_roster, check_every_order
from tests.integration.pg_helpers import fresh_database, require_server

ADMIN_URL = require_server()  # skipped without a server, failed under CI


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A database that collates by ICU's Chinese rules (names in pinyin order)."""
    with fresh_database(ADMIN_URL, options="LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'zh'") as url:
        yield url


@pytest.mark.postgres
def test_the_first_rows_of_every_order_on_postgres(pg_ctx: ServiceContext, qapp: object) -> None:
    with pg_ctx.db.read() as session:
        assert session.scalar(text("SELECT '党委书记' > '办公室主任'"))  # dǎng after bàn: pinyin
    build_varied_roster(pg_ctx)
    check_every_order(pg_ctx)
