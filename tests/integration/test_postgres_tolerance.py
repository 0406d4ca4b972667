"""容错纠错 on a real PostgreSQL server: the SQLite tests' scenarios, each on a database of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.services.context import ServiceContext
from tests.integration import test_tolerance
from tests.integration.pg_helpers import require_server, run_scenario

require_server()  # skipped without a server, failed under CI


SCENARIOS: list[Callable[..., None]] = [
    test_tolerance.test_the_procedure_moves_step_by_step_with_its_conditions,
    test_tolerance.test_rejection_needs_reasons_and_a_stale_move_is_refused,
    test_tolerance.test_attachments_are_recognised_by_content_and_kept_in_the_database,
    test_tolerance.test_the_rule_table_ships_sourced_defaults_and_is_editable,
    test_tolerance.test_an_exempting_ruling_is_respected_and_warns_negative_records,
    test_tolerance.test_open_measures_are_the_desks_reminders,
    test_tolerance.test_the_yearly_summary_counts_by_rule_and_ruling_in_pdf_and_excel,
    test_tolerance.test_the_rule_table_is_edited_in_the_generic_rule_editor,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_scenario_on_postgres(scenario: Callable[..., None], pg_ctx: ServiceContext, tmp_path: Path) -> None:
    run_scenario(scenario, pg_ctx, tmp_path)


def test_a_tolerated_barometer_reading_on_postgres(pg_ctx: ServiceContext) -> None:
    from tests.integration import test_tolerance_barometer

    test_tolerance_barometer.test_a_tolerated_reading_is_not_counted_as_a_warning(pg_ctx)


def test_register_with_a_unit_on_postgres(pg_ctx: ServiceContext) -> None:
    from cadre_desk.services import units

    unit = units.create_unit(pg_ctx, units.UnitInput(name="县委组织部", short_name="组织部", kind="党委"))
    test_tolerance.test_register_fields_are_checked_and_numbers_are_unique(pg_ctx, unit)
