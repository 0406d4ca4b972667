"""Account names unique whatever their case, display names unique, the audit trail's 用户 filter in any
case and its Excel export (read as it is written), on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.db.engine import Database
from cadre_desk.services import accounts
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import audit_xlsx
from tests.conftest import ready_account
from tests.integration import test_account_names as t
from tests.integration.pg_helpers import require_server

require_server()  # skipped without a server, failed under CI

TESTS: list[Callable[[ServiceContext], None]] = [
    t.test_a_name_that_differs_only_in_case_is_refused,
    t.test_a_display_name_of_another_account_is_refused,
    t.test_the_user_filter_takes_the_account_name_in_any_case,
    t.test_a_clean_database_passes_the_accounts_check,
]


@pytest.mark.postgres
@pytest.mark.parametrize("names_test", TESTS, ids=lambda f: f.__name__.removeprefix("test_"))
def test_account_names_on_postgres(names_test: Callable[[ServiceContext], None], pg_db: Database) -> None:
    admin = accounts.set_first_admin(pg_db, "admin", t.PW)
    ready_account(admin, "demo", ["clerk"], t.PW, display_name="演示用户")
    names_test(admin)


@pytest.mark.postgres
def test_the_audit_export_on_postgres(pg_db: Database, tmp_path: Path) -> None:
    admin = accounts.set_first_admin(pg_db, "admin", t.PW)
    ready_account(admin, "shenji", ["auditor"], t.PW, display_name="审计员")
    auditor = accounts.authenticate(pg_db, "shenji", t.PW)
    dest = tmp_path / "审计.xlsx"
    count = audit_xlsx.export_audit(auditor, dest)
    rows = list(openpyxl.load_workbook(dest).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert len(rows) == count + 1 and ("登录", "账号", "login", "account") in {
        (r[4], r[5], r[9], r[10]) for r in rows[1:]
    }
