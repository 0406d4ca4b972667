"""Accounts and roles on a real PostgreSQL server: the account tests of test_accounts, each on a fresh
database (the migration's columns, booleans, the lock-out times and the role filter on the server)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cadre_desk.db.engine import Database
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext, open_context
from tests.integration import test_accounts as t
from tests.integration.pg_helpers import require_server

require_server()  # skipped without a server, failed under CI

WITH_ADMIN: list[Callable[[Database, ServiceContext], None]] = [
    t.test_sign_in_and_lock_out_after_five_failures,
    t.test_three_person_separation_and_roles,
    t.test_reset_forces_a_change_at_the_next_sign_in,
    t.test_lock_and_unlock,
    t.test_only_administrators_manage_accounts,
    t.test_a_disabled_account_stops_at_once_in_its_open_window,
    t.test_a_role_taken_away_or_a_password_reset_stops_the_open_window,
]
WITH_OPEN_CONTEXT: list[Callable[[Database, ServiceContext], None]] = [
    t.test_after_the_first_administrator_every_context_signs_in,
    t.test_mentor_accounts_link_a_cadre,
    t.test_the_open_mode_operator_becomes_the_administrator,
]


@pytest.mark.postgres
@pytest.mark.parametrize("account_test", WITH_ADMIN, ids=lambda f: f.__name__.removeprefix("test_"))
def test_accounts_with_an_administrator_on_postgres(
    account_test: Callable[[Database, ServiceContext], None], pg_db: Database
) -> None:
    account_test(pg_db, accounts.set_first_admin(pg_db, "admin", t.ADMIN_PW, "王管理"))


@pytest.mark.postgres
@pytest.mark.parametrize("account_test", WITH_OPEN_CONTEXT, ids=lambda f: f.__name__.removeprefix("test_"))
def test_accounts_from_the_open_mode_on_postgres(
    account_test: Callable[[Database, ServiceContext], None], pg_db: Database
) -> None:
    account_test(pg_db, open_context(pg_db, "测试员"))
