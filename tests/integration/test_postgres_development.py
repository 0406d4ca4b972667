"""The development registers (到龄, rules, pools), the growth portrait and the 考察材料 on a real
PostgreSQL server: the SQLite tests' scenarios, each on a database of its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.services.context import ServiceContext
from tests.integration import (
    test_compliance,
    test_growth_record,
    test_inspection,
    test_pool_ledger,
    test_pools,
    test_portrait,
    test_retirement,
    test_training_import,
    test_training_lists,
)
from tests.integration.pg_helpers import require_server, run_scenario

require_server()  # skipped without a server, failed under CI


SCENARIOS: list[Callable[..., None]] = [
    test_retirement.test_lists_by_bucket_and_unit_at_a_reference_month,
    test_retirement.test_manual_month_needs_a_reason_wins_and_is_audited,
    test_retirement.test_the_rule_table_drives_exit_warnings_and_the_women_county_age,
    test_retirement.test_lrmx_reads_and_writes_the_retirement_elements,
    test_compliance.test_training_records_keep_full_time_and_certificate,
    test_compliance.test_the_list_by_year_and_unit,
    test_compliance.test_the_list_summed_in_the_database_equals_the_rule_record_by_record,
    test_training_import.test_a_class_list_is_matched_and_written,
    test_training_import.test_any_problem_rejects_the_whole_list,
    test_training_import.test_a_plan_made_stale_is_refused,
    test_pools.test_an_entry_is_checked_and_audited,
    test_pools.test_state_changes_are_dated_validated_and_final,
    test_pools.test_measures_link_secondments_and_reviews_are_yearly,
    test_pools.test_the_mentor_pairing_must_be_the_cadres_own,
    test_pools.test_flags_at_a_reference_date,
    test_pools.test_the_pool_table_is_edited_through_the_service,
    test_pools.test_an_entry_made_by_mistake_is_archived_and_restored,
    test_pools.test_a_fault_tolerance_ruling_never_raises_a_flag,
    test_pools.test_a_red_barometer_period_is_a_flag,
    test_pool_ledger.test_any_problem_refuses_the_whole_ledger,
    test_growth_record.test_the_growth_record_prints_what_was_chosen,
    test_training_lists.test_newly_promoted_with_deadlines_and_states,
    test_training_lists.test_youth_class_participants_by_year,
    test_portrait.test_the_portrait_gathers_every_lane,
    test_portrait.test_barometer_and_pool_lanes,
    test_portrait.test_the_dossier_opens_with_the_portrait,
    test_inspection.test_the_draft_tells_the_records_and_names_their_sources,
    test_inspection.test_excerpts_are_quoted_with_where_they_come_from,
    test_inspection.test_revisions_are_numbered_audited_and_guarded,
    test_inspection.test_the_docx_opens_in_word_with_official_faces,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_on_postgres(pg_ctx: ServiceContext, scenario: Callable[..., None], tmp_path: Path) -> None:
    run_scenario(scenario, pg_ctx, tmp_path)
