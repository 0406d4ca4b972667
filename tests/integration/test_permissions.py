"""Every service function called as every role, against a table of what each role may do.

The table below is written from the issue (系统管理员: accounts and settings; 干部科经办: all records;
导师: own pairings, own mentees' diaries and comments, their profiles read-only; 领导查阅: read only;
安全审计员: the audit trail only; 容错案件: fault-tolerance cases), not from `services/access.py`, so
a wrong role table or a missing `require` fails here. A new public service function (first
parameter `ctx`) that is not in the table fails `test_every_service_function_is_in_the_table`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cadre_desk import services, transfer
from cadre_desk.db.engine import Database
from cadre_desk.errors import PermissionDenied
from cadre_desk.services import (
    accounts,
    app_settings,
    diary,
    diary_comments,
    diary_entries,
    mentorship,
    mentorship_changes,
    mentorship_lists,
    mentorship_records,
    talks,
    teams,
    units,
)
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre, ready_account

PW = "Role-pass-2026"
# Role letters: A 系统管理员, C 干部科经办, M 导师 (called with his own rows), R 领导查阅, U 安全审计员,
# T 容错案件.
ROLES = {"A": "admin", "C": "clerk", "M": "mentor", "R": "reader", "U": "auditor", "T": "tolerance"}
ALL = "ACMRUT"
READ = "CR"
WRITE = "C"
OWN_READ = "CRM"  # records readers, and a 导师 for his own pairing / mentee
OWN_COMMENT = "CM"  # writing records, and a 导师 commenting on his own mentee's entry
OUTPUT = "CR"
IMPORT = "C"

MAY: dict[str, str] = {
    "services.accounts.list_accounts": "A",
    "services.accounts.get_account": "A",
    "services.accounts.linked_cadre": "A",  # name and unit of a 导师's own cadre (F13)
    "services.accounts.add_account": "A",
    "services.accounts.set_roles": "A",
    "services.accounts.reset_password": "A",
    "services.accounts.lock_account": "A",
    "services.accounts.unlock_account": "A",
    "services.accounts.change_own_password": ALL,
    "services.accounts.record_idle_lock": ALL,
    "services.accounts.record_denial": ALL,  # the refusal of anyone signed in is recorded
    "services.demo_account.demo_account_added_to": ALL,  # a question, no action
    "services.app_settings.get_settings": ALL,
    "services.app_settings.save_settings": "A",
    "services.appointment.get_case": READ,
    "services.appointment.save_case": WRITE,
    "services.cadre_records.get_profile": OWN_READ,
    "services.cadre_records.related_counts": OWN_READ,
    **{
        f"services.cadre_records.save_{k}": WRITE
        for k in ("resume", "family", "rewards", "assessments", "trainings", "secondments")
    },
    **{
        f"services.cadres.{k}": WRITE
        for k in ("create_cadre", "update_cadre", "archive_cadre", "restore_cadre", "set_photo")
    },
    **{f"services.cadres.{k}": OWN_READ for k in ("get_cadre", "get_photo")},
    # the pickers (name, unit, post): the 容错案件 clerk picks the cadre a case concerns
    **{f"services.cadres.{k}": OWN_READ + "T" for k in ("cadre_choice", "find_cadres")},
    **{f"services.cadres.{k}": READ for k in ("list_cadres", "roster_start", "count_cadres")},
    "services.compliance.compliance_rules": ALL,
    "services.compliance.compliance": READ,
    "services.diary_pairing_fit.pairing_fit": READ,
    **{
        f"services.diary_entries.{k}": WRITE
        for k in (
            "create_entry",
            "update_entry",
            "submit_entry",
            "withdraw_entry",
            "archive_entry",
            "restore_entry",
        )
    },
    **{
        f"services.diary.{k}": OWN_READ
        for k in ("get_entry", "list_entries", "timeline", "count_entries", "entry_of_comment")
    },
    **{
        f"services.diary_comments.{k}": OWN_COMMENT
        for k in ("add_comment", "update_comment", "archive_comment", "restore_comment")
    },
    "services.maintenance.check": "ACU",  # the 安全审计员 reads it (the chain check); --repair is "AC"
    "services.maintenance.backup": "AC",
    "services.maintenance.move_data_file": "A",  # 设置 → 移动到…: a setting, the administrator's
    **{
        f"services.mentorship_changes.{k}": WRITE
        for k in (
            "create_mentorship",
            "update_mentorship",
            "end_mentorship",
            "archive_mentorship",
            "restore_mentorship",
        )
    },
    **{
        f"services.mentorship_records.{k}": WRITE
        for k in (
            "add_mentorship_record",
            "update_mentorship_record",
            "archive_mentorship_record",
            "restore_mentorship_record",
        )
    },
    **{f"services.mentorship.{k}": OWN_READ for k in ("get_mentorship", "list_mentorships", "diary_count")},
    "services.mentorship_records.list_mentorship_records": OWN_READ,
    **{f"services.mentorship_lists.{k}": OWN_READ for k in ("list_mentorship_rows", "count_mentorships")},
    "services.printing.print_settings": ALL,
    **{
        f"services.printing.{k}": OUTPUT
        for k in ("gather_cadre", "gather_pairing", "gather_talk", "cadre_ids", "record_output")
    },
    **{
        f"services.retirement.{k}": READ
        for k in (
            "get_computed",
            "get_post_age_limit",
            "all_rows",
            "list_retirements",
            "exit_warnings",
        )
    },
    "services.retirement.get_retirement": OWN_READ,  # the subtitle of a 导师's mentee's profile
    "services.retirement.set_override": WRITE,
    "services.rules.list_rules": ALL,
    "services.rules.set_rule": "A",
    "services.search.search": READ,
    **{
        f"services.talks.{k}": WRITE
        for k in ("record_talk", "update_talk", "archive_talk", "restore_talk", "mark_follow_up_done")
    },
    **{
        f"services.talks.{k}": READ
        for k in ("get_talk", "list_talks", "open_follow_ups", "list_talk_rows", "count_talks")
    },
    **{
        f"services.teams.{k}": READ
        for k in ("get_team", "list_teams", "team_fill", "archived_posts", "teams_of_cadre")
    },
    **{
        f"services.teams.{k}": WRITE
        for k in (
            "add_post",
            "update_post",
            "move_post",
            "archive_post",
            "restore_post",
            "add_member",
            "end_member",
            "remove_member",
        )
    },
    "services.timeline.cadre_timeline": READ,
    **{
        f"services.units.{k}": WRITE
        for k in (
            "create_unit",
            "update_unit",
            "rename_unit",
            "move_unit",
            "archive_unit",
            "restore_unit",
            "merge_units",
        )
    },
    "services.units.list_units": READ + "T",  # a 容错 case names the unit concerned
    **{f"services.units.{k}": READ for k in ("unit_counts", "get_unit", "find_unit")},
    **{f"services.verification.{k}": READ for k in ("problems_by_cadre", "get_problems", "cadres_to_verify")},
    "services.worktable.load": READ,
    "transfer.activity.export_talks": OUTPUT,
    "transfer.activity.export_pairing_activity": OUTPUT,
    "transfer.forms.plan_files": IMPORT,
    "transfer.forms.form_bytes": OUTPUT,
    "transfer.forms.export_files": OUTPUT,
    "transfer.importing.plan_import": IMPORT,
    "transfer.importing.apply_plan": IMPORT,
    "transfer.package.export_package": OUTPUT,
    "transfer.package.apply_package": IMPORT,
    "transfer.package_merge.plan_package": IMPORT,
    "transfer.roster.plan_roster": IMPORT,
    "transfer.roster.apply_roster": IMPORT,
    "transfer.roster.export_roster": OUTPUT,
    "transfer.training_import.plan_training_import": IMPORT,
    "transfer.training_import.apply_training_import": IMPORT,
    "transfer.training_xlsx.export_compliance": OUTPUT,
    # issues 12 and 13 (merged after the first version of this table)
    **{f"services.barometer_periods.{k}": READ for k in ("list_periods", "get_period")},
    **{f"services.barometer_periods.{k}": WRITE for k in ("open_period", "set_state")},
    **{f"services.barometer_entries.{k}": READ for k in ("list_entries", "get_entry", "unit_counts")},
    **{f"services.barometer_history.{k}": READ for k in ("ladder_before", "cadre_history")},
    **{
        f"services.barometer_changes.{k}": WRITE
        for k in ("set_indicators", "recompute", "override", "dispose")
    },
    **{f"services.barometer_rules.{k}": ALL for k in ("colour_words", "list_rules")},
    **{
        f"services.obligations.{k}": READ
        for k in ("list_obligations", "open_counts", "get_obligation", "talk_draft")
    },
    **{
        f"services.obligation_changes.{k}": WRITE
        for k in ("waive", "merge", "link_talk", "close", "reopen", "record_warning_sign")
    },
    "services.obligation_lookback.lookback": READ,
    "services.obligation_lookback.raise_past": WRITE,
    **{f"services.pool_lists.{k}": READ for k in ("list_entries", "list_flags", "count_flagged")},
    **{f"services.pools.{k}": ALL for k in ("list_pools", "find_pool")},
    **{f"services.pools.{k}": "A" for k in ("add_pool", "update_pool", "archive_pool", "restore_pool")},
    "services.pool_entries.get_entry": READ,
    **{
        f"services.pool_entries.{k}": WRITE
        for k in ("add_entry", "update_entry", "move_entry", "archive_entry", "restore_entry")
    },
    **{f"services.pool_measures.{k}": READ for k in ("list_measures", "list_reviews")},
    **{
        f"services.pool_measures.{k}": WRITE
        for k in ("add_measure", "update_measure", "archive_measure", "restore_measure", "set_review")
    },
    "services.rule_tables.list_rows": ALL,
    **{f"services.rule_tables.{k}": "A" for k in ("update_row", "add_row", "archive_row", "restore_row")},
    **{
        f"services.tolerance_editing.{k}": "T"
        for k in ("create_case", "update_case", "archive_case", "restore_case")
    },
    **{f"services.tolerance_procedure.{k}": "T" for k in ("move_case", "mark_measure_done")},
    **{
        f"services.tolerance_register.{k}": "T"
        for k in ("get_case", "list_cases", "case_years", "counts_by_state")
    },
    "services.tolerance_reminders.open_measures": "T",
    **{f"services.tolerance_effects.{k}": "CRT" for k in ("cadre_tolerance", "negative_warnings")},
    "services.tolerance_effects.record_warnings": ALL,
    **{
        f"services.tolerance_files.{k}": "T"
        for k in (
            "add_attachment",
            "add_attachment_file",
            "attachment_content",
            "archive_attachment",
            "restore_attachment",
            "save_attachment",
        )
    },
    **{
        f"services.tolerance_rules.{k}": "T"
        for k in (
            "require_tolerance",
            "list_rules",
            "add_rule",
            "update_rule",
            "archive_rule",
            "restore_rule",
        )
    },
    "transfer.barometer_import.plan_barometer_import": IMPORT,
    "transfer.barometer_import.apply_barometer_import": IMPORT,
    "transfer.barometer_xlsx.export_grid": OUTPUT,
    # issue 14
    "services.portrait.growth_portrait": OWN_READ,
    **{f"services.structure.{k}": READ for k in ("unit_scope", "kind_scope", "analyse")},
    "transfer.structure_xlsx.export_structure": OUTPUT,
    "services.structure.cadres_behind": READ,
    "services.obligation_escalation.escalation": OWN_READ,
    **{
        f"services.structure_selections.{k}": READ
        for k in ("list_selections", "get_selection", "find_selection", "selection_scope")
    },
    **{
        f"services.structure_selections.{k}": WRITE
        for k in ("save_selection", "update_selection", "delete_selection")
    },
    # the rest of issue 11: the audit trail (安全审计员 only), backups, encryption
    **{
        f"services.audit_trail.{k}": "U"
        for k in ("actions", "count_events", "entities", "history", "list_events", "stream_events", "verify")
    },
    "transfer.audit_xlsx.export_audit": "U",
    **{f"services.backups.{k}": ALL for k in ("auto_backup", "has_changes", "get_policy")},
    "services.backups.save_policy": "A",
    "services.encryption.encrypt_database": "A",
    "services.encryption.decrypt_database": "A",
    "services.encryption.change_passphrase": "A",
    "transfer.roster.backup_before_import": IMPORT,
    "services.restore_point.current_backup": IMPORT,
    "services.restore_point.ensure": IMPORT,
    "services.sealed_backup.sealed_backup": "AC",
    "services.tolerance_summary.yearly_summary": "T",
    **{
        f"services.inspection.{k}": READ
        for k in ("current", "draft", "excerpt_choices", "revision", "revisions")
    },
    "services.inspection.save": WRITE,
    "services.growth_record.diary_choices": READ,
    "services.comparison.compare": READ,
    "transfer.comparison_xlsx.export_comparison": OUTPUT,
    "transfer.pool_ledger.plan_ledger": IMPORT,
    "transfer.pool_ledger.apply_ledger": IMPORT,
    "transfer.pool_ledger.export_ledger": OUTPUT,
    **{f"services.training_lists.{k}": READ for k in ("newly_promoted", "youth_class")},
    **{f"transfer.training_xlsx.{k}": OUTPUT for k in ("export_promoted", "export_youth_class")},
}


NOT_YET_COVERED: frozenset[str] = frozenset()  # modules whose functions are not yet in MAY


def service_functions() -> dict[str, Callable[..., Any]]:
    """Every public function of services/ and transfer/ whose first parameter is the context."""
    found: dict[str, Callable[..., Any]] = {}
    for package in (services, transfer):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if (
                    not inspect.isfunction(value)
                    or value.__module__ != module.__name__
                    or name.startswith("_")
                ):
                    continue
                params = list(inspect.signature(value).parameters)
                short = module.__name__.removeprefix("cadre_desk.")
                wanted = info.name not in ("access", "context") and short not in NOT_YET_COVERED
                if params and params[0] == "ctx" and wanted:
                    found[f"{short}.{name}"] = value
    return found


def test_every_service_function_is_in_the_table() -> None:
    functions = set(service_functions())
    assert sorted(functions - set(MAY)) == [], "add these to MAY (which roles may call them)"
    assert sorted(set(MAY) - functions) == [], "these are gone: remove them from MAY"


@dataclass
class World:
    db: Database
    tmp: Path
    unit: int
    unit2: int
    mentor: int
    mentee: int
    other: int
    pairing: int
    other_pairing: int
    entry: int
    other_entry: int
    comment: int
    talk: int
    follow_up: int
    post: int
    member: int
    record: int
    contexts: dict[str, ServiceContext]


@pytest.fixture
def world(db: Database, ctx: ServiceContext, tmp_path: Path) -> World:
    unit = units.create_unit(ctx, units.UnitInput(name="县委组织部"))
    unit2 = units.create_unit(ctx, units.UnitInput(name="县委办公室"))
    mentor = make_cadre(ctx, "周正德", birth="1972.06", unit_id=unit.id)
    mentee = make_cadre(ctx, "林小雨", gender="女", birth="1980.10", unit_id=unit.id)
    other = make_cadre(ctx, "陈远航", birth="1980.02")
    other_mentor = make_cadre(ctx, "吴导师", birth="1970.02")
    pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(mentor.id, mentee.id, dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    )
    other_pairing = mentorship_changes.create_mentorship(
        ctx, mentorship.MentorshipInput(other_mentor.id, other.id, dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    )

    def entry(who: int) -> diary.DiaryEntryView:
        return diary_entries.create_entry(
            ctx, diary.DiaryEntryInput(who, "2024.03.15", "议事会", "工作", "学习听取意见。"), submit=True
        )

    e, other_e = entry(mentee.id), entry(other.id)
    comment = diary_comments.add_comment(ctx, e.id, diary.CommentInput(mentor.id, "记录详实。"))
    talk = talks.record_talk(
        ctx,
        talks.TalkInput(
            "2024.05.17 14:30",
            "任职谈话",
            (mentee.id,),
            "赵部长",
            content="要求。",
            follow_ups=(talks.FollowUpInput("回访"),),
        ),
    )
    post = teams.add_post(ctx, unit.id, teams.PostInput("部长", "正职", 1))
    member = teams.add_member(ctx, post.id, other_mentor.id, "2020.01")
    record = mentorship_records.add_mentorship_record(
        ctx, pairing.id, mentorship_records.MentorshipRecordInput("2024.02.01", "谈心", "谈心。")
    )
    admin = accounts.set_first_admin(db, "admin", PW)
    for code in ROLES.values():
        if code != "admin":
            ready_account(admin, code, [code], PW, cadre_id=mentor.id if code == "mentor" else None)
    ready_account(admin, "spare", ["reader"], PW)
    contexts = {letter: accounts.authenticate(db, code, PW) for letter, code in ROLES.items()}
    return World(
        db,
        tmp_path,
        unit.id,
        unit2.id,
        mentor.id,
        mentee.id,
        other.id,
        pairing.id,
        other_pairing.id,
        e.id,
        other_e.id,
        comment.id,
        talk.id,
        talk.follow_ups[0].id,
        post.id,
        member.member.id,
        record.id,
        contexts,
    )


def argument(w: World, name: str, letter: str, call: int) -> Any:
    """A value for the parameter `name`: the world's own rows (a 导师's own pairing and mentee)."""
    ids = {
        "cadre_id": w.mentee,
        "mentee_id": w.mentee,
        "mentorship_id": w.pairing,
        "entry_id": w.entry,
        "comment_id": w.comment,
        "talk_id": w.talk,
        "unit_id": w.unit,
        "post_id": w.post,
        "member_id": w.member,
        "record_id": w.record,
        "follow_up_id": w.follow_up,
        "rule_id": 1,
        "absorbed_id": w.unit2,
        "survivor_id": w.unit,
    }
    if name in ids:
        return ids[name]
    path = w.tmp / f"out-{letter}-{call}"
    values: dict[str, Any] = {
        "expected_version": 1,
        "dest": path.with_suffix(".xlsx"),
        "path": path.with_suffix(".xlsx"),
        "out_dir": path,
        "paths": [],
        "entries": [],
        "items": [],
        "entity_ids": [],
        "cadre_ids": [],
        "rows": [],
        "text": "林",
        "query": "林",
        "name": "spare",
        "roles": ["reader"],
        "password": PW + "x",
        "old": "wrong",
        "new": "New-pass-2027",
        "action": "print",
        "document": "档案",
        "entity": "cadre",
        "value": 58.0,
        "reason": "",
        "offset": 0,
        "position": 0,
        "parent_id": None,
        "until": "2025.01",
        "done": None,
        "month": None,
        "kind": "cadre",
    }
    return values.get(name)


def call_as(w: World, qualified: str, fn: Callable[..., Any], letter: str, call: int) -> BaseException | None:
    ctx = w.contexts[letter]
    params = list(inspect.signature(fn).parameters.values())[1:]
    args = [
        argument(w, p.name, letter, call)
        for p in params
        if p.default is inspect.Parameter.empty and p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    if qualified == "services.app_settings.save_settings":
        args = [app_settings.get_settings(w.contexts["A"])]
    try:
        fn(ctx, *args)
    except PermissionDenied as exc:
        return exc
    except Exception:
        return None
    return None


def test_every_role_may_do_exactly_what_the_table_says(world: World) -> None:
    wrong: list[str] = []
    call = 0
    for qualified, fn in sorted(service_functions().items()):
        allowed = MAY[qualified]
        # the denied roles first: an allowed write may change what a later call finds
        for letter in sorted(ROLES, key=lambda r: r in allowed):
            call += 1
            denied = call_as(world, qualified, fn, letter, call)
            if letter in allowed and denied is not None:
                wrong.append(f"{qualified} as {ROLES[letter]}: refused ({denied})")
            if letter not in allowed and denied is None:
                wrong.append(f"{qualified} as {ROLES[letter]}: allowed")
    assert wrong == []


def test_nobody_signed_in_may_do_nothing(world: World) -> None:
    unsigned = open_context(world.db, "clerk")
    world.contexts["X"] = unsigned
    # record nothing for an unsigned context / answer False
    allowed_anyway = {
        "services.accounts.record_idle_lock",
        "services.accounts.record_denial",
        "services.demo_account.demo_account_added_to",
    }
    wrong = [
        q
        for q, fn in sorted(service_functions().items())
        if q not in allowed_anyway and call_as(world, q, fn, "X", 0) is None
    ]
    assert wrong == []


def test_a_mentor_sees_only_his_own_pairings_and_mentees(world: World) -> None:
    m = world.contexts["M"]
    from cadre_desk.services import cadre_records, cadres

    assert cadre_records.get_profile(m, world.mentee).cadre.name == "林小雨"
    with pytest.raises(PermissionDenied, match="不能查阅本人的干部档案"):
        cadres.get_cadre(m, world.mentor)  # nobody reads his own dossier (《干部档案工作条例》)
    with pytest.raises(PermissionDenied, match="不能查阅本人的干部档案"):
        cadre_records.get_profile(m, world.mentor)
    assert cadres.cadre_choice(m, world.mentor).name == "周正德"  # his name in his own pickers
    for call in (
        lambda: cadre_records.get_profile(m, world.other),
        lambda: cadres.get_cadre(m, world.other),
        lambda: mentorship.get_mentorship(m, world.other_pairing),
        lambda: diary.get_entry(m, world.other_entry),
        lambda: diary_comments.add_comment(
            m, world.other_entry, diary.CommentInput(world.mentor, "越权点评")
        ),
        lambda: cadres.update_cadre(m, world.mentee, None, 1),  # type: ignore[arg-type]
        lambda: cadres.list_cadres(m),
        lambda: cadres.roster_start(m, 10),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert [c.id for c in cadres.find_cadres(m, "林小雨")] == [world.mentee]  # the pickers: his mentees
    assert cadres.find_cadres(m, "陈远航") == [] and cadres.find_cadres(m, "吴导师") == []
    assert [c.id for c in cadres.find_cadres(m, "周正德")] == [world.mentor]
    assert [p.id for p in mentorship.list_mentorships(m)] == [world.pairing]
    assert [r.id for r in mentorship_lists.list_mentorship_rows(m)] == [world.pairing]
    assert mentorship_lists.count_mentorships(m) == 1
    assert [e.id for e in diary.list_entries(m)] == [world.entry]
    assert [e.id for e in diary.list_entries(m, mentor_id=999)] == [world.entry]  # cannot widen it
    assert [i.entry.id for i in diary.timeline(m)] == [world.entry]
    assert diary.count_entries(m) == 1
    reader = world.contexts["R"]
    assert len(mentorship.list_mentorships(reader)) == 2 and diary.count_entries(reader) == 2
    with pytest.raises(PermissionDenied, match="无权修改干部档案"):
        diary_comments.add_comment(reader, world.entry, diary.CommentInput(world.mentor, "领导不写点评"))


def test_only_the_administrator_may_restore(world: World) -> None:
    """`services.backups.restore` takes the database's path first (it works on a damaged file too),
    so the table above does not reach it: a restore is the 系统管理员's alone (inspection F21: the
    干部科经办 could restore, and with it roll the accounts back)."""
    from cadre_desk.services import backups, maintenance

    assert world.db.path is not None
    backup = maintenance.backup(world.contexts["A"], world.tmp / "before.db")
    for letter in sorted(ROLES, key=lambda r: r == "A"):  # the refused ones first: nothing replaced
        ctx = world.contexts[letter]
        if letter == "A":
            assert backups.restore(str(world.db.path), backup, ctx=ctx).chain_ok
        else:
            with pytest.raises(PermissionDenied, match="无权从备份恢复"):
                backups.restore(str(world.db.path), backup, ctx=ctx)


def test_a_mentor_reads_his_mentee_only_while_the_pairing_is_current(
    world: World, ctx: ServiceContext
) -> None:
    from cadre_desk.services import cadre_records, cadres

    m = world.contexts["M"]
    assert cadre_records.get_profile(m, world.mentee).cadre.name == "林小雨"
    pairing = mentorship.get_mentorship(ctx, world.pairing)
    mentorship_changes.end_mentorship(
        ctx,
        world.pairing,
        mentorship.MentorshipEnd(True, "2026.12.01", mentor_evaluation="成长明显。", evaluation_grade="良好"),
        pairing.version,
    )
    for call in (
        lambda: cadre_records.get_profile(m, world.mentee),
        lambda: cadres.get_cadre(m, world.mentee),
    ):
        with pytest.raises(PermissionDenied, match="不是进行中结对的被帮带人"):
            call()
    # the pairing itself, its diary and his comments stay his to read
    assert mentorship.get_mentorship(m, world.pairing).status == "已结业"
    assert [e.id for e in diary.list_entries(m)] == [world.entry]
