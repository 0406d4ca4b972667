"""Shared fixtures: a real SQLite file per test, a service context, and small record factories."""

from __future__ import annotations

import dataclasses
import datetime as dt
import faulthandler
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from hypothesis import HealthCheck, settings
from sqlalchemy import update

# Before anything imports Qt or reads the data directory.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CADRE_DESK_CRASH_LOG_ONLY", "1")
# A demo database (`demo`) has the account demo / demo: the commands the tests run sign in with it
# (a database without accounts ignores these).
os.environ.setdefault("CADRE_DESK_USER", "demo")
os.environ.setdefault("CADRE_DESK_PASSWORD", "demo")

from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account
from cadre_desk.db.opening import open_database
from cadre_desk.services import accounts, cadres, units
from cadre_desk.services.context import ServiceContext, open_context

# CADRE_DESK_GC_PROBE=1: report the Qt objects each test leaves in reference cycles (tests/gc_probe.py)
pytest_plugins = ("tests.gc_probe",)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs, backups and settings go to a temp dir, never the real user's data directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("CADRE_DESK_DATA_DIR", str(data))
    monkeypatch.delenv("CADRE_DESK_DB", raising=False)
    return data


# Property tests share a loaded 2-core machine: hypothesis's default 200 ms deadline fails an example
# that was merely descheduled ("Unreliable test timings": slow once, fast on the replay), and its too_slow
# health check fails generation that is slow only under load. Every test's settings derive from this.
settings.register_profile("shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared-machine")


# The day `pinned_day` sets the clock to.
PINNED_DAY = dt.date(2026, 6, 15)


@pytest.fixture
def pinned_day() -> Iterator[dt.date]:
    """The clock at noon of PINNED_DAY, ticking on from there: for tests of what the services date by
    themselves (an obligation raised by a change, a comment dated today by default, a date refused
    for lying in the future). A run that crossed midnight failed them: one date was read at import,
    the other minutes later. Python's clock only (time-machine): SQLite, Qt and the file system keep
    the real time."""
    noon = dt.datetime.combine(PINNED_DAY, dt.time(12)).astimezone()
    with time_machine.travel(noon, tick=True):
        yield PINNED_DAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cadre-desk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path))
    yield database
    database.dispose()


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return open_context(db, "测试员")


@pytest.fixture
def unit(ctx: ServiceContext) -> units.UnitView:
    return units.create_unit(ctx, units.UnitInput(name="县委组织部", short_name="组织部", kind="党委"))


def ready_account(
    admin: ServiceContext,
    name: str,
    roles: list[str],
    password: str,
    display_name: str = "",
    cadre_id: int | None = None,
) -> accounts.AccountView:
    """An account the administrator adds (`accounts.add_account`), as it is once its person has signed
    in and chosen `password` for himself: the forced first change is cleared in the database, without
    the records of that sign-in (tests/integration/test_accounts.py tests the change itself; the tests
    using this are about what the account may do)."""
    view = accounts.add_account(admin, name, roles, password, display_name, cadre_id)
    with admin.db.uow() as session:
        session.execute(update(Account).where(Account.id == view.id).values(must_change_password=False))
    return dataclasses.replace(view, must_change_password=False)


def make_cadre(ctx: ServiceContext, name: str = "张三", **overrides: object) -> cadres.CadreView:
    """A valid cadre; override any `CadreInput` field."""
    values: dict[str, object] = {
        "name": name,
        "gender": "男",
        "birth": "1985.03",
        "political_status": "中共党员",
        "party_join": "2006.05",
        "work_start": "2007.07",
        "post": "干部一科科长",
        "rank": "正科级",
    }
    values.update(overrides)
    return cadres.create_cadre(ctx, cadres.CadreInput(**values))  # type: ignore[arg-type]


@pytest.fixture
def cadre_factory(ctx: ServiceContext):  # type: ignore[no-untyped-def]
    def factory(name: str = "张三", **overrides: object) -> cadres.CadreView:
        return make_cadre(ctx, name, **overrides)

    return factory


_STDERR = pytest.StashKey[int]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_STDERR] = os.dup(2)  # the terminal's stderr (output capture is off at this point)


def pytest_unconfigure(config: pytest.Config) -> None:
    os.close(config.stash[_STDERR])


def _hang_limit(item: pytest.Item) -> float:
    """pytest-timeout's limit of this test (its mark, else --timeout / the ini value) plus a minute."""
    marker = item.get_closest_marker("timeout")
    seconds = (marker.kwargs.get("timeout") or (marker.args or [None])[0]) if marker else None
    if seconds is None:
        seconds = item.config.getoption("timeout", None) or item.config.getini("timeout") or 0
    return float(seconds or 1800) + 60


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[object]:
    """A test stuck while holding Python's lock (a deadlock inside Qt's C++, say) stops pytest-timeout's
    thread as well. faulthandler's watchdog is a C thread: past the limit it prints every thread's
    stack (the test's frame among them) and ends the process, so a hang fails the run, naming the test
    (under pytest-xdist: "worker crashed while running ..."), instead of holding it until CI's limit."""
    faulthandler.dump_traceback_later(_hang_limit(item), exit=True, file=item.config.stash[_STDERR])
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that passed leaves nothing in /tmp/pytest-of-USER (a failed one keeps its files, of the last
    3 runs, for a look). Not test by test (`tmp_path_retention_policy = failed`): a window's background
    job can outlive its test by a moment, and would then report the file it was checking as gone in
    the next test. Under pytest-xdist the controller removes the workers' folders with its own."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    base = getattr(factory, "_basetemp", None)  # pytest has no public name for the run's own folder
    if exitstatus == 0 and base is not None and session.config.option.basetemp is None:
        shutil.rmtree(base, ignore_errors=True)


NO_SERVER = "CADRE_DESK_PG_URL unset"  # in the skip reason of every PostgreSQL test without a server


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say loudly when the second engine's tests did not run (CI fails them instead of skipping)."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if NO_SERVER in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.section("PostgreSQL NOT TESTED", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} PostgreSQL test module(s) or test(s) skipped: no server (CADRE_DESK_PG_URL "
            "unset). `make test` starts one; with CI set they fail instead.",
            red=True,
            bold=True,
        )
