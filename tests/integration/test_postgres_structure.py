"""班子结构分析 on a real PostgreSQL server: the SQLite tests' scenarios, each on a database of its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cadre_desk.services.context import ServiceContext
from tests.integration import test_comparison, test_structure, test_structure_selections
from tests.integration.pg_helpers import require_server

require_server()  # skipped without a server, failed under CI

SCENARIOS: list[Callable[[ServiceContext], None]] = [
    test_structure.test_every_figure_of_the_whole_county,
    test_structure.test_town_teams_only_and_a_list_of_units,
    test_structure.test_targets_and_the_four_kinds_come_from_the_rule_tables,
    test_structure.test_the_targets_are_edited_in_the_rule_editor,
    test_comparison.test_two_cadres_side_by_side,
    test_comparison.test_two_to_six_known_cadres,
    test_comparison.test_the_printed_table_goes_through_the_common_print_path,
    test_structure_selections.test_a_saved_selection_is_a_scope,
    test_structure_selections.test_rename_change_and_delete_are_audited,
    test_structure_selections.test_bad_selections_are_refused,
    test_structure_selections.test_a_merge_of_units_is_followed_and_archived_units_are_left_out,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_on_postgres(pg_ctx: ServiceContext, scenario: Callable[[ServiceContext], None]) -> None:
    scenario(pg_ctx)
