"""The audit chain on PostgreSQL: concurrent writers from separate connections keep one unbroken chain
(the chain head is locked by each writer), tampering is found, and the migration chains old rows."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import create_engine, text

from cadre_desk.db import migrate
from cadre_desk.db.opening import open_database
from cadre_desk.services import audit_trail, maintenance, units
from cadre_desk.services.context import ServiceContext, open_context
from tests.integration.pg_helpers import require_server
from tests.integration.test_audit_chain import BEFORE_CHAIN

require_server()  # skipped without a server, failed under CI


def test_concurrent_writers_keep_one_chain(pg_url: str) -> None:
    """Two processes' worth of connections write at once; without the head lock both would take the same
    sequence number (a unique violation) or fork the chain."""
    setup = open_database(pg_url)
    setup.dispose()
    writers, per_writer = 2, 25
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def write(n: int) -> None:
        db = open_database(pg_url, backup_before_upgrade=False)
        try:
            ctx = open_context(db, f"写入者{n}")
            barrier.wait()
            for i in range(per_writer):
                units.create_unit(ctx, units.UnitInput(name=f"并发单位{n}-{i}", kind="部门"))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    db = open_database(pg_url)
    try:
        ctx = open_context(db, "审计员")
        report = audit_trail.verify(ctx)
        assert report.ok, report.first_break
        assert report.count == report.last_seq == writers * per_writer
        users = {e.user for e in audit_trail.list_events(ctx, limit=1000)}
        assert users == {"写入者0", "写入者1"}
    finally:
        db.dispose()


def test_tampering_on_postgres_is_found(pg_url: str) -> None:
    db = open_database(pg_url)
    try:
        ctx: ServiceContext = open_context(db, "测试员")
        for i in range(5):
            units.create_unit(ctx, units.UnitInput(name=f"单位{i}", kind="部门"))
        assert audit_trail.verify(ctx).ok
        with db.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_event WHERE seq = 2"))
        brk = audit_trail.verify(ctx).first_break
        assert brk is not None and (brk.kind, brk.seq) == ("deleted", 3)
        assert not {i.name: i.ok for i in maintenance.check(ctx).items}["audit_chain"]
    finally:
        db.dispose()


def test_the_migration_chains_old_rows_on_postgres(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        migrate.upgrade(conn, BEFORE_CHAIN)
        for i in range(1, 30):
            conn.execute(
                text(
                    "INSERT INTO audit_event (at, action, entity, entity_id, summary, changes, uid,"
                    " created_at, updated_at, version) VALUES (now(), 'update', 'cadre', :i, :s,"
                    " CAST(:c AS json), :u, now(), now(), 1)"
                ),
                {"i": i, "s": f"修改 {i}", "c": '{"post": ["科员", "副科长"]}', "u": str(uuid.uuid4())},
            )
    engine.dispose()
    db = open_database(pg_url)
    try:
        ctx = open_context(db, "测试员")
        assert audit_trail.verify(ctx).count == 29
        assert audit_trail.verify(ctx).ok
        units.create_unit(ctx, units.UnitInput(name="升级后", kind="部门"))
        report = audit_trail.verify(ctx)
        assert report.ok and report.last_seq == 30
    finally:
        db.dispose()
