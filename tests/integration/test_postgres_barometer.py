"""The 晴雨表 on a real PostgreSQL server: the SQLite tests' scenarios, each on a database of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.services.context import ServiceContext
from tests.integration import test_barometer, test_barometer_import, test_barometer_print
from tests.integration.pg_helpers import require_server, run_scenario

require_server()  # skipped without a server, failed under CI


SCENARIOS: list[Callable[..., None]] = [
    test_barometer.test_a_period_opens_with_every_cadre_green_by_unit,
    test_barometer.test_indicators_colour_the_entry_by_the_shipped_rules,
    test_barometer.test_changing_the_rule_table_in_settings_and_recomputing,
    test_barometer.test_a_reading_turning_yellow_or_red_owes_a_warning_sign_talk,
    test_barometer.test_colour_words_are_renameable,
    test_barometer.test_override_dispose_and_publish,
    test_barometer.test_the_ladder_and_the_strip_of_quarters,
    test_barometer.test_recompute_touches_only_changed_rows_and_bumps_their_version,
    test_barometer_import.test_a_discipline_list_and_a_petition_list_colour_the_period,
    test_barometer_import.test_any_problem_rejects_the_whole_list,
    test_barometer_import.test_a_plan_made_stale_is_refused_and_a_published_period_is_closed,
    test_barometer_import.test_the_grid_exports_to_excel,
    test_barometer_print.test_the_joint_review_sheet,
    test_barometer_print.test_the_cadre_dossier_has_a_supervision_section,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_on_postgres(pg_ctx: ServiceContext, scenario: Callable[..., None], tmp_path: Path) -> None:
    run_scenario(scenario, pg_ctx, tmp_path)
