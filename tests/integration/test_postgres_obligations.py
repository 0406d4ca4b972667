"""应谈 and the local rule tables on a real PostgreSQL server: the SQLite tests' scenarios, each on a
database of its own (the 回溯 queries, the overdue counts and the audit hook included)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.services import cadre_records, cadres, obligation_lookback, talks
from cadre_desk.services.context import ServiceContext
from tests.conftest import make_cadre
from tests.integration import test_obligations, test_rule_tables
from tests.integration.pg_helpers import require_server, run_scenario

require_server()  # skipped without a server, failed under CI


def lookback_finds_past_appointments_and_youth_classes(ctx: ServiceContext) -> None:
    c = make_cadre(ctx, "王五")
    line = cadre_records.ResumeEntryInput
    cadre_records.save_resume(
        ctx,
        c.id,
        [line("2007.07", "2020.05", "某乡科员"), line("2020.05", "", "某镇副镇长")],
        cadres.get_cadre(ctx, c.id).version,
    )
    cadre_records.save_trainings(
        ctx,
        c.id,
        [
            cadre_records.TrainingInput(
                "第九期青干班", "青干班", "县委党校", "2020.09.01", "2020.09.30", 80, 10
            )
        ],
        cadres.get_cadre(ctx, c.id).version,
    )
    found = obligation_lookback.lookback(ctx, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert [(e.rule, e.event_date) for e in found] == [
        ("任职", dt.date(2020, 5, 1)),
        ("青干班", dt.date(2020, 9, 1)),
    ]
    talks.record_talk(
        ctx,
        talks.TalkInput(dt.datetime(2020, 10, 8, 9), "青干班谈话", (c.id,), "班主任", content="谈话"),
    )
    assert [
        e.rule for e in obligation_lookback.lookback(ctx, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    ] == ["任职"]


SCENARIOS: list[Callable[..., None]] = [
    test_obligations.test_raise_event_creates_a_pending_obligation_with_the_rules_due_date_and_talker,
    test_obligations.test_a_rolled_back_caller_leaves_no_obligation,
    test_obligations.test_a_changed_post_owes_an_appointment_talk_and_a_new_unit_a_transfer_talk,
    test_obligations.test_a_new_open_career_line_owes_one_appointment_talk_and_an_old_one_none,
    test_obligations.test_a_youth_class_training_owes_a_youth_class_talk,
    test_obligations.test_a_talk_of_the_matching_kind_after_the_event_settles_it_by_itself,
    test_obligations.test_waive_merge_link_close_and_reopen,
    test_obligations.test_lists_filter_by_unit_talker_and_overdue,
    test_obligations.test_an_imported_form_that_changes_the_post_owes_an_appointment_talk,
    test_obligations.test_the_demo_county_has_obligations_in_every_state_and_a_few_overdue,
    test_rule_tables.test_the_shipped_tables_are_registered_with_sources,
    test_rule_tables.test_update_coerces_typed_text_checks_bounds_and_choices_and_audits,
    test_rule_tables.test_archive_and_restore_a_rule_and_add_is_refused_where_not_allowed,
    lookback_finds_past_appointments_and_youth_classes,
]


@pytest.mark.usefixtures("pinned_day")  # as in test_obligations
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_on_postgres(pg_ctx: ServiceContext, scenario: Callable[..., None], tmp_path: Path) -> None:
    run_scenario(scenario, pg_ctx, tmp_path)
