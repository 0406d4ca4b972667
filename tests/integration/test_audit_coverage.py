"""Every write leaves an audit record in its own transaction, and nothing deletes or edits audit records.

A listener on the engine watches every SQL statement: a transaction that inserts, updates or deletes
rows of any record table must also append to `audit_event` before it commits. A scenario then walks
the services a user touches (units, cadres and their lists, photo, pairings, diary, comments, talks,
settings, rules, backups, exports, prints, the search index repair); an unaudited write fails the test
with the statements it made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from cadre_desk.db.engine import Database
from cadre_desk.services import (
    app_settings,
    audit_trail,
    backups,
    cadre_records,
    cadres,
    diary,
    diary_comments,
    diary_entries,
    maintenance,
    mentorship,
    mentorship_changes,
    printing,
    rules,
    talks,
    units,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.transfer import audit_xlsx
from tests.conftest import make_cadre

WRITE = re.compile(
    r"^\s*(INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+\"?(\w+)", re.I
)
# Rows that are bookkeeping of an audited write, not records of their own.
NOT_RECORDS = {"audit_event", "audit_chain_head", "account", "alembic_version"}
NOT_RECORDS_PREFIX = ("search_",)  # the search index follows the records it indexes


class Watcher:
    def __init__(self) -> None:
        self.pending: dict[int, list[str]] = {}
        self.audited: set[int] = set()
        self.unaudited: list[list[str]] = []
        self.transactions = 0

    def statement(self, conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        match = WRITE.match(sql)
        if not match:
            return
        table = match.group(2).lower()
        key = id(conn)
        if table == "audit_event":
            self.audited.add(key)
        elif table not in NOT_RECORDS and not table.startswith(NOT_RECORDS_PREFIX):
            self.pending.setdefault(key, []).append(sql.split("\n", maxsplit=1)[0][:120])

    def commit(self, conn: Any) -> None:
        key = id(conn)
        writes = self.pending.pop(key, [])
        if writes:
            self.transactions += 1
            if key not in self.audited:
                self.unaudited.append(writes)
        self.audited.discard(key)

    def rollback(self, conn: Any) -> None:
        self.pending.pop(id(conn), None)
        self.audited.discard(id(conn))


@pytest.fixture
def watcher(db: Database) -> Iterator[Watcher]:
    w = Watcher()
    event.listen(db.engine, "before_cursor_execute", w.statement)
    event.listen(db.engine, "commit", w.commit)
    event.listen(db.engine, "rollback", w.rollback)
    yield w
    event.remove(db.engine, "before_cursor_execute", w.statement)
    event.remove(db.engine, "commit", w.commit)
    event.remove(db.engine, "rollback", w.rollback)


def test_the_watcher_sees_an_unaudited_write(db: Database, watcher: Watcher) -> None:
    """The detector itself: a write behind the services' back is caught."""
    with db.uow() as session:
        session.connection().exec_driver_sql("UPDATE app_setting SET value = 'x'")
        session.connection().exec_driver_sql(
            "INSERT INTO app_setting (key, value, uid, created_at, updated_at, version)"
            " VALUES ('k', 'v', 'u', '2026-01-01', '2026-01-01', 1)"
        )
    assert len(watcher.unaudited) == 1


def test_every_write_of_the_services_is_audited(
    ctx: ServiceContext, db_path: Path, tmp_path: Path, watcher: Watcher
) -> None:
    party = units.create_unit(ctx, units.UnitInput(name="县委组织部", kind="党委"))
    town = units.create_unit(ctx, units.UnitInput(name="青山镇", kind="乡镇"))
    party = units.rename_unit(ctx, party.id, "中共某县委组织部", party.version)
    spare = units.create_unit(ctx, units.UnitInput(name="临时专班", kind="部门"))
    spare = units.archive_unit(ctx, spare.id)
    units.restore_unit(ctx, spare.id)

    mentor = make_cadre(ctx, "王建国", birth="1970.05", unit_id=party.id)
    mentee = make_cadre(ctx, "李晓明", birth="1995.08", party_join="2016.06", work_start="2017.07")
    data = mentee.to_input()
    mentee = cadres.update_cadre(
        ctx, mentee.id, cadres.CadreInput(**{**vars(data), "unit_id": town.id}), mentee.version
    )
    mentee = cadres.set_photo(ctx, mentee.id, b"\xff\xd8\xff\xe0" + bytes(64))  # a JPEG's magic is checked
    mentee = cadres.set_photo(ctx, mentee.id, None)
    saved = cadre_records.save_resume(
        ctx,
        mentee.id,
        [cadre_records.ResumeEntryInput("2017.07", None, "某县青山镇科员")],
        cadres.get_cadre(ctx, mentee.id).version,
    )
    cadre_records.save_assessments(
        ctx, mentee.id, [cadre_records.AssessmentInput(2024, "称职")], saved.profile.cadre.version
    )
    cadres.archive_cadre(ctx, mentor.id)
    cadres.restore_cadre(ctx, mentor.id)

    pairing = mentorship_changes.create_mentorship(
        ctx,
        mentorship.MentorshipInput(mentor.id, mentee.id, "2025.01.01", "2026.12.31", "熟悉基层", "每月谈心"),
    )
    entry = diary_entries.create_entry(
        ctx,
        diary.DiaryEntryInput(mentee.id, dt.date(2025, 3, 3), "第一次下乡调研", "调研", "随导师到村里调研。"),
        submit=True,
    )
    assert entry.mentorship_id == pairing.id
    diary_comments.add_comment(
        ctx, entry.id, diary.CommentInput(mentor.id, "调研要深入。", dt.date(2025, 3, 5))
    )
    talk = talks.record_talk(
        ctx, talks.TalkInput("2025.04.01 09:30", "日常谈心", (mentee.id,), "王建国", content="了解思想动态。")
    )
    talks.archive_talk(ctx, talk.id)

    settings = app_settings.get_settings(ctx)
    app_settings.save_settings(
        ctx, type(settings)(**{**vars(settings), "department_name": "中共某县委组织部"})
    )
    rule = rules.list_rules(ctx)[0]
    rules.set_rule(ctx, rule.id, rule.value + 1, rule.version)
    backups.save_policy(ctx, backups.BackupPolicy(daily=5))
    backups.auto_backup(ctx)
    maintenance.backup(ctx, tmp_path / "manual.db")
    maintenance.check(ctx, repair=True)
    printing.record_output(ctx, "print", "干部档案", "cadre", [mentee.id, mentor.id], "打印机")
    audit_xlsx.export_audit(ctx, tmp_path / "audit.xlsx")

    assert watcher.transactions >= 20
    assert watcher.unaudited == []
    # and what was audited says who and what
    events = audit_trail.list_events(ctx, limit=1000)
    assert {"create", "update", "archive", "restore", "backup", "print", "export"} <= {
        e.action for e in events
    }
    printed = [e for e in events if e.action == "print"]
    assert {e.changes["count"] for e in printed} == {2} and printed[0].changes["target"] == "打印机"


def test_no_code_path_deletes_or_edits_audit_records() -> None:
    """Retention (≥ 6 months, 等保 2.0): the program never deletes or rewrites an audit record; only
    `db/audit_chain.append` writes them (and the 0015 migration, which chained the old ones)."""
    root = Path(__file__).resolve().parents[2] / "cadre_desk"
    offenders = []
    pattern = re.compile(
        r"(delete|update)\(\s*AuditEvent|DELETE\s+FROM\s+\"?audit_event|UPDATE\s+\"?audit_event"
        r"|session\.delete\(\s*(event|audit)",
        re.I,
    )
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []
