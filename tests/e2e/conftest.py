"""End-to-end tests run the program as processes: each `cadre-desk …` call starts Python and opens the
database (about 1.5 s of CPU). The setup.cfg limit of 300 s a test (pytest-timeout; the faulthandler
watchdog in tests/conftest.py follows it) leaves no room on the shared 2-core machine: at a load of ~20,
one call took 24 s of wall time, and test_units_and_a_cadre_from_an_empty_database (24 calls) and
test_accounts_from_the_first_administrator_to_lock_out were killed at 300 s, each taking its xdist
worker down with it. A test here gets E2E_TIMEOUT unless it sets its own limit."""

from __future__ import annotations

from pathlib import Path

import pytest

E2E_TIMEOUT = 900
_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(_HERE) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(E2E_TIMEOUT))
