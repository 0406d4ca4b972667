"""Units and 班子 on a real PostgreSQL server: every service test of test_units, each on a fresh database
(NULL ordering, `IS NULL` parents and grouped counts differ between the engines)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cadre_desk.services.context import ServiceContext
from tests.integration import test_units
from tests.integration.pg_helpers import require_server

require_server()  # skipped without a server, failed under CI

SERVICE_TESTS: list[Callable[[ServiceContext], None]] = [
    test_units.test_create_orders_siblings_and_checks_names_and_kinds,
    test_units.test_moves_reorder_siblings_and_refuse_cycles,
    test_units.test_rename_reindexes_cadres_and_checks_the_version,
    test_units.test_archive_refuses_a_unit_in_use_and_restore_checks_the_name,
    test_units.test_merge_moves_cadres_posts_holders_and_sub_units,
    test_units.test_merging_a_parent_into_its_child_keeps_the_tree_acyclic,
    test_units.test_team_posts_slots_and_holders,
    test_units.test_units_can_be_created_from_an_empty_database_and_given_to_a_new_cadre,
]


@pytest.mark.postgres
@pytest.mark.parametrize("service_test", SERVICE_TESTS, ids=lambda f: f.__name__.removeprefix("test_"))
def test_units_and_teams_on_postgres(
    service_test: Callable[[ServiceContext], None], pg_ctx: ServiceContext
) -> None:
    service_test(pg_ctx)
