"""The hash-chained audit trail: every write is chained; edits, deletions and reorderings done behind the
program's back (with the sqlite3 module) are found, with their position; old databases are chained."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from cadre_desk.db import audit_chain, migrate
from cadre_desk.db.engine import Database
from cadre_desk.db.models import AuditEvent
from cadre_desk.db.opening import open_database
from cadre_desk.services import audit_trail, maintenance, units
from cadre_desk.services.context import ServiceContext, open_context
from tests.conftest import make_cadre

# The schema just before the chain: "today's head" when the chain was added.
BEFORE_CHAIN = migrate.REVISIONS[migrate.REVISIONS.index("0015") - 1]


def _write_some(ctx: ServiceContext, n: int = 6) -> None:
    for i in range(n):
        units.create_unit(ctx, units.UnitInput(name=f"测试单位{i}", kind="部门"))


def _tamper(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in sql:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_every_write_is_chained_in_order(ctx: ServiceContext, db: Database) -> None:
    _write_some(ctx)
    make_cadre(ctx, "林小雨")
    with db.read() as session:
        rows = session.execute(
            select(AuditEvent.seq, AuditEvent.prev_hash, AuditEvent.hash).order_by(AuditEvent.id)
        ).all()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == audit_chain.GENESIS
    assert all(rows[i].prev_hash == rows[i - 1].hash for i in range(1, len(rows)))
    report = audit_trail.verify(ctx)
    assert report.ok and report.count == len(rows) == report.last_seq
    assert {i.name: i.ok for i in maintenance.check(ctx).items}["audit_chain"]


def test_a_bulk_change_is_chained_in_one_append_and_still_verifies(
    ctx: ServiceContext, db: Database, db_path: Path
) -> None:
    """`record_many` (a bulk change's rows) writes the same chain as one `record` after another: in
    order, each linked to the one before, and a record edited inside the batch is found."""
    from cadre_desk.services import audit

    _write_some(ctx, 2)
    with db.uow() as session:
        audit.record(session, ctx, "export", "cadre", summary="单条")
        audit.record_many(
            session,
            ctx,
            [
                audit.Entry("update", "cadre", n, None, {"post": [None, f"职务{n}"]}, f"批量{n}")
                for n in range(5)
            ],
        )
        audit.record_many(session, ctx, [])  # nothing: no record, the head unchanged
    make_cadre(ctx, "林小雨")
    with db.read() as session:
        rows = session.execute(
            select(AuditEvent.seq, AuditEvent.summary, AuditEvent.prev_hash, AuditEvent.hash).order_by(
                AuditEvent.seq
            )
        ).all()
    summaries = [r.summary for r in rows]
    start = summaries.index("单条")
    assert summaries[start : start + 6] == ["单条", *(f"批量{n}" for n in range(5))]
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert all(rows[i].prev_hash == rows[i - 1].hash for i in range(1, len(rows)))
    assert audit_trail.verify(ctx).ok
    _tamper(db_path, f"UPDATE audit_event SET summary = '改过' WHERE seq = {rows[start + 3].seq}")
    report = audit_trail.verify(ctx)
    assert report.first_break is not None and report.first_break.seq == rows[start + 3].seq


def test_an_edited_record_is_found_with_its_position(ctx: ServiceContext, db_path: Path) -> None:
    _write_some(ctx)
    _tamper(db_path, "UPDATE audit_event SET summary = '无关紧要' WHERE seq = 3")
    report = audit_trail.verify(ctx)
    assert not report.ok
    assert report.first_break is not None
    assert (report.first_break.kind, report.first_break.seq) == ("edited", 3)
    assert "第 3 条" in report.first_break.detail and "修改" in report.first_break.detail
    item = {i.name: i for i in maintenance.check(ctx).items}["audit_chain"]
    assert not item.ok and "第 3 条" in item.detail


@pytest.mark.parametrize(
    "statement",
    [
        'UPDATE audit_event SET changes = \'{"name": [null, "别的"]}\' WHERE seq = 4',
        "UPDATE audit_event SET at = '2020-01-01 00:00:00.000000' WHERE seq = 4",
        "UPDATE audit_event SET account_id = NULL WHERE seq = 4",
        "UPDATE audit_event SET entity_id = 999 WHERE seq = 4",
        "UPDATE audit_event SET action = 'print' WHERE seq = 4",
    ],
)
def test_each_field_is_covered_by_the_hash(ctx: ServiceContext, db_path: Path, statement: str) -> None:
    _write_some(ctx)
    _tamper(db_path, statement)
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and (brk.kind, brk.seq) == ("edited", 4)


def test_an_edited_record_with_a_recomputed_hash_breaks_the_link(ctx: ServiceContext, db_path: Path) -> None:
    """A forger who knows the algorithm and rewrites the hash still breaks the next record's link."""
    _write_some(ctx)
    with ctx.db.read() as session:
        row = dict(session.execute(select(*AuditEvent.__table__.c).where(AuditEvent.seq == 2)).one()._mapping)
    row["summary"] = "伪造"
    forged = audit_chain.digest(row)
    _tamper(db_path, f"UPDATE audit_event SET summary = '伪造', hash = '{forged}' WHERE seq = 2")
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and brk.seq == 3 and brk.kind in ("deleted", "edited")


def test_a_deleted_record_is_found(ctx: ServiceContext, db_path: Path) -> None:
    _write_some(ctx)
    _tamper(db_path, "DELETE FROM audit_event WHERE seq = 3")
    report = audit_trail.verify(ctx)
    brk = report.first_break
    assert brk is not None and (brk.kind, brk.seq) == ("deleted", 4)
    assert "第 3 条" in brk.detail and "删除" in brk.detail


def test_records_deleted_from_the_end_are_found(ctx: ServiceContext, db_path: Path) -> None:
    _write_some(ctx)
    _tamper(db_path, "DELETE FROM audit_event WHERE seq >= 5")
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and brk.kind == "deleted" and brk.seq is None
    assert "第 5–6 条" in brk.detail


def test_a_deleted_chain_head_is_found_and_writing_goes_on(ctx: ServiceContext, db_path: Path) -> None:
    """Deleting the head row (to hide records cut from the end) is reported, before and after the next
    write, and does not stop the program: the head is rebuilt with a record saying so."""
    _write_some(ctx)
    _tamper(db_path, "DELETE FROM audit_event WHERE seq >= 5", "DELETE FROM audit_chain_head")
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and brk.kind == "head_lost" and "链头缺失" in brk.detail
    units.create_unit(ctx, units.UnitInput(name="又一个单位", kind="部门"))  # it failed: UNIQUE seq
    report = audit_trail.verify(ctx)
    assert report.first_break is not None and report.first_break.kind == "head_lost"
    assert report.first_break.seq == 5 and "第 5 条" in report.first_break.detail
    with ctx.db.read() as session:
        rows = session.execute(select(AuditEvent.seq, AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert [(r.seq, r.action) for r in rows[-2:]] == [(5, "chain_head_rebuilt"), (6, "create")]
    assert report.breaks == 1  # the chain itself holds: only the mark of the lost head


def test_deleting_and_renumbering_is_found(ctx: ServiceContext, db_path: Path) -> None:
    _write_some(ctx)
    _tamper(
        db_path,
        "DELETE FROM audit_event WHERE seq = 2",
        "UPDATE audit_event SET seq = seq - 1 WHERE seq > 2",
        "UPDATE audit_chain_head SET seq = seq - 1",
    )
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and brk.seq == 2 and brk.kind == "deleted"


def test_reordered_records_are_found(ctx: ServiceContext, db_path: Path) -> None:
    _write_some(ctx)
    _tamper(
        db_path,
        "UPDATE audit_event SET seq = -1 WHERE seq = 2",
        "UPDATE audit_event SET seq = 2 WHERE seq = 3",
        "UPDATE audit_event SET seq = 3 WHERE seq = -1",
    )
    report = audit_trail.verify(ctx)
    brk = report.first_break
    assert brk is not None and (brk.kind, brk.seq) == ("reordered", 2)
    assert "原为第 3 条" in brk.detail


def test_reordering_by_swapping_contents_is_found(ctx: ServiceContext, db_path: Path) -> None:
    """Swapping what two rows say (keeping the numbers) moves records in the trail's order."""
    _write_some(ctx)
    cols = (
        "uid, at, account_id, action, entity, entity_id, entity_uid, summary, changes, prev_hash, hash,"
        " created_at, updated_at, version"
    )
    _tamper(
        db_path,
        f"CREATE TEMP TABLE a AS SELECT {cols} FROM audit_event WHERE seq = 4",
        f"CREATE TEMP TABLE b AS SELECT {cols} FROM audit_event WHERE seq = 5",
        "UPDATE audit_event SET uid = uid || 'x' WHERE seq IN (4, 5)",
        *(
            f"UPDATE audit_event SET {c} = (SELECT {c} FROM {src}) WHERE seq = {seq}"
            for seq, src in ((4, "b"), (5, "a"))
            for c in cols.split(", ")
        ),
    )
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and (brk.kind, brk.seq) == ("reordered", 4)


def test_the_cli_names_the_first_broken_record(
    ctx: ServiceContext, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cadre_desk.cli import main

    _write_some(ctx)
    assert main(["--db", str(db_path), "audit", "verify"]) == 0
    assert "哈希链完整" in capsys.readouterr().out
    _tamper(db_path, "DELETE FROM audit_event WHERE seq = 2")
    assert main(["--db", str(db_path), "audit", "verify", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["first_break"]["kind"] == "deleted" and out["first_break"]["seq"] == 3
    assert main(["--db", str(db_path), "check"]) == 1
    assert "audit_chain" in capsys.readouterr().out


def _old_event(conn: sqlite3.Connection, i: int, account_id: int | None) -> None:
    at = (dt.datetime(2026, 1, 1, 8, 0, 0, 123456) + dt.timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn.execute(
        "INSERT INTO audit_event (at, account_id, action, entity, entity_id, entity_uid, summary, changes,"
        " uid, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        (
            at,
            account_id,
            "update",
            "cadre",
            i,
            str(uuid.uuid4()),
            f"修改干部 {i}",
            json.dumps({"post": ["科员", f"副科长{i}"], "birth": [None, "1985.03"]}, ensure_ascii=False),
            str(uuid.uuid4()),
            at,
            at,
        ),
    )


def test_the_migration_chains_the_records_of_an_old_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.upgrade(conn, BEFORE_CHAIN)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO account (name, display_name, role, id, uid, created_at, updated_at, version)"
        " VALUES ('老用户', '老用户', 'operator', 1, ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
        (str(uuid.uuid4()),),
    )
    for i in range(1, 2502):  # more than one batch of the migration
        _old_event(conn, i, 1 if i % 2 else None)
    conn.commit()
    conn.close()

    db = open_database(str(path))  # backs up, then upgrades to head
    try:
        ctx = open_context(db, "老用户")
        report = audit_trail.verify(ctx)
        assert report.ok and report.count == report.last_seq == 2501
        units.create_unit(ctx, units.UnitInput(name="升级后新建", kind="部门"))
        report = audit_trail.verify(ctx)
        assert report.ok and report.last_seq == 2502
        with db.read() as session:
            first = session.execute(text("SELECT seq, summary FROM audit_event WHERE id = 1")).one()
        assert tuple(first) == (1, "修改干部 1")
    finally:
        db.dispose()
    _tamper(path, "UPDATE audit_event SET summary = '改过' WHERE id = 1200")
    db = open_database(str(path))
    try:
        brk = audit_trail.verify(open_context(db, "x")).first_break
        assert brk is not None and (brk.kind, brk.seq) == ("edited", 1200)
    finally:
        db.dispose()


def test_a_rolled_back_write_leaves_no_record_and_no_gap(ctx: ServiceContext) -> None:
    from cadre_desk.errors import ValidationError

    _write_some(ctx, 2)
    with pytest.raises(ValidationError):
        units.create_unit(ctx, units.UnitInput(name="", kind="部门"))
    units.create_unit(ctx, units.UnitInput(name="之后新建", kind="部门"))
    report = audit_trail.verify(ctx)
    assert report.ok and report.count == report.last_seq == 3


def _chain_hash(path: Path, seq: int) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT hash FROM audit_event WHERE seq = ?", (seq,)).fetchone()[0])
    finally:
        conn.close()


def test_records_cut_from_the_end_with_the_head_rewritten_are_found_by_the_backups(
    ctx: ServiceContext, db_path: Path
) -> None:
    """The chain alone cannot see this (the head is made to match); the last backup still holds it."""
    from cadre_desk.services import backups

    _write_some(ctx)
    assert backups.auto_backup(ctx).made
    make_cadre(ctx, "林小雨")
    make_cadre(ctx, "王五")
    assert audit_trail.verify(ctx).ok  # records after the backup are fine
    last = audit_trail.verify(ctx).last_seq
    cut = last - 4  # into what the backup holds
    _tamper(
        db_path,
        f"DELETE FROM audit_event WHERE seq > {cut}",
        f"UPDATE audit_chain_head SET seq = {cut}, hash = '{_chain_hash(db_path, cut)}'",
    )
    with ctx.db.read() as session:
        assert audit_chain.verify(session.connection()).ok  # the chain alone: intact
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and brk.kind == "truncated" and "缺失" in brk.detail and "-auto-" in brk.detail
    assert not {i.name: i.ok for i in maintenance.check(ctx).items}["audit_chain"]


def test_a_wiped_trail_is_found_by_the_backups(ctx: ServiceContext, db_path: Path) -> None:
    from cadre_desk.services import backups

    _write_some(ctx)
    assert backups.auto_backup(ctx).made
    _tamper(db_path, "DELETE FROM audit_event", "DELETE FROM audit_chain_head")
    brk = audit_trail.verify(ctx).first_break
    assert brk is not None and brk.kind == "truncated"


def test_a_backup_of_another_database_with_the_same_name_is_not_compared(
    ctx: ServiceContext, db_path: Path, tmp_path: Path
) -> None:
    from cadre_desk.services import backups

    other_folder = tmp_path / "另一个县"
    other_folder.mkdir()
    other = open_database(str(other_folder / db_path.name))
    try:
        _write_some(open_context(other, "别人"), 9)
        assert backups.auto_backup(open_context(other, "别人")).made  # same backups/ folder, same stem
    finally:
        other.dispose()
    make_cadre(ctx, "林小雨")
    assert audit_trail.verify(ctx).ok
