"""Every copy of the database, with folder and file names that once cut a SQLite URI short.

`#`, `?`, `%`, `&`, spaces, Chinese and a leading `-` in both the folder and the file name, for the
verified backup, the backup before a schema upgrade, opening, the integrity check and the read-only
engine; plus what "verified" means (same tables, sound, the row counts of the moment of the copy),
refused targets (the database's own companion files) and no `.part` files left behind.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from cadre_desk import paths
from cadre_desk.db import migrate, sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.models import Cadre
from cadre_desk.db.opening import open_database
from cadre_desk.errors import StorageError
from cadre_desk.services import cadres, maintenance
from cadre_desk.services.context import ServiceContext, open_context

HOSTILE_DIR = "-档案 #1?a=b%20&c 中文"
HOSTILE_FILE = "-库 #?%& 中文.db"


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    folder = tmp_path / HOSTILE_DIR
    folder.mkdir()
    return folder / HOSTILE_FILE


def _cadre(ctx: ServiceContext, name: str) -> None:
    cadres.create_cadre(ctx, cadres.CadreInput(name=name, gender="男", birth="1980.01"))


def _table_counts(path: Path) -> dict[str, int]:
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        return sqlite_tools.take_snapshot(conn).counts
    finally:
        conn.close()


def test_file_uri_escapes_every_reserved_character(hostile_path: Path) -> None:
    uri = sqlite_tools.file_uri(hostile_path, read_only=True)
    assert uri.endswith("?mode=ro") and uri.count("?") == 1
    assert "#" not in uri and "&" not in uri and " " not in uri
    sqlite3.connect(hostile_path).close()  # the real file, created without a URI
    conn = sqlite_tools.connect(hostile_path, read_only=True)
    try:
        assert conn.execute("PRAGMA database_list").fetchone()[2] == str(hostile_path)
    finally:
        conn.close()
    assert sorted(p.name for p in hostile_path.parent.iterdir()) == [HOSTILE_FILE]


def test_open_back_up_and_check_a_database_in_a_hostile_folder(hostile_path: Path, tmp_path: Path) -> None:
    db = open_database(str(hostile_path))
    try:
        ctx = open_context(db, "测试员")
        for name in ("张三", "李四", "王五"):
            _cadre(ctx, name)
        dest_dir = tmp_path / "备份 #?%&" / "-x"
        dest = maintenance.backup(ctx, dest_dir / "-备份 #1?.db")
        assert dest == dest_dir / "-备份 #1?.db"
        copied = _table_counts(dest)
        now = _table_counts(hostile_path)
        assert copied["cadre"] == 3 and copied == {**now, "audit_event": now["audit_event"] - 1}
        assert maintenance.check(ctx).ok
    finally:
        db.dispose()
    # Nothing written beside: no stray folder cut from the path, no part files.
    assert sorted(p.name for p in dest_dir.iterdir()) == ["-备份 #1?.db"]
    assert not (tmp_path / "-档案 ").exists() and not (tmp_path / "备份 ").exists()
    assert sqlite_tools.quick_check(hostile_path) == []
    assert sqlite_tools.read_revision(hostile_path) == (True, migrate.head_revision())
    reader = Database.read_only(hostile_path)
    try:
        with reader.read() as session:
            assert len(session.scalars(select(Cadre)).all()) == 3
        with pytest.raises(StorageError, match="只读"), reader.uow() as session:
            session.execute(text("DELETE FROM cadre"))
    finally:
        reader.dispose()


def test_upgrade_backup_in_a_hostile_folder(hostile_path: Path) -> None:
    engine = create_engine("sqlite://", creator=lambda: sqlite_tools.connect(hostile_path))
    with engine.begin() as conn:
        migrate.upgrade(conn, migrate.REVISIONS[-2])
        conn.execute(
            text(
                "INSERT INTO unit (name, short_name, kind, parent_id, sort_order, uid, created_at,"
                " updated_at, version) VALUES ('县委组织部', '组织部', '党委', NULL, 0, 'u1',"
                " '2024-01-01', '2024-01-01', 1)"
            )
        )
    engine.dispose()
    open_database(str(hostile_path)).dispose()
    backups = list(paths.backup_dir().iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("-库 #?%& 中文-before-upgrade-")
    counts = _table_counts(backups[0])
    assert counts["unit"] == 1 and "cadre" in counts
    conn = sqlite_tools.connect(backups[0], read_only=True)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.REVISIONS[-2]
    finally:
        conn.close()


def test_newer_schema_in_a_hostile_folder_is_refused_untouched(hostile_path: Path) -> None:
    open_database(str(hostile_path)).dispose()
    conn = sqlite3.connect(hostile_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = hostile_path.read_bytes()
    with pytest.raises(StorageError, match="更新版本"):
        open_database(str(hostile_path))
    assert hostile_path.read_bytes() == before


def test_the_copy_holds_the_counts_of_its_moment(ctx: ServiceContext, db: Database, tmp_path: Path) -> None:
    """Rows written by another connection while the copy runs are not in it, and the check agrees."""
    for i in range(40):
        _cadre(ctx, f"干部{i}")
    assert db.path is not None
    writer = sqlite3.connect(db.path, timeout=5)
    steps: list[int] = []

    def write_meanwhile(done: int, total: int) -> None:
        steps.append(done)
        writer.execute("UPDATE cadre SET name = name || '改' WHERE id = 1")
        writer.execute("DELETE FROM cadre WHERE id = (SELECT max(id) FROM cadre)")
        writer.commit()

    snapshot = sqlite_tools.online_backup(db.path, tmp_path / "copy.db", write_meanwhile, pages=1)
    writer.close()
    assert len(steps) > 3  # the copy ran in many steps, with writes between them
    assert snapshot.counts["cadre"] == 40
    assert _table_counts(tmp_path / "copy.db") == snapshot.counts
    assert _table_counts(db.path)["cadre"] < 40


def test_a_copy_that_does_not_match_is_refused(ctx: ServiceContext, db: Database, tmp_path: Path) -> None:
    _cadre(ctx, "张三")
    assert db.path is not None
    copy = tmp_path / "copy.db"
    snapshot = sqlite_tools.online_backup(db.path, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DELETE FROM cadre")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="cadre 应有 1 行"):
        sqlite_tools.verify_copy(copy, snapshot)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE audit_event")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="缺少数据表 audit_event"):
        sqlite_tools.verify_copy(copy, snapshot)


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_backup_onto_the_database_or_its_companions_is_refused(
    ctx: ServiceContext, db: Database, suffix: str
) -> None:
    assert db.path is not None
    target = Path(str(db.path) + suffix)
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(StorageError, match="附属文件"):
        maintenance.backup(ctx, target)
    assert (target.read_bytes() if target.exists() else None) == before
    assert maintenance.check(ctx).ok


def test_backup_through_a_symlink_to_the_database_is_refused(
    ctx: ServiceContext, db: Database, tmp_path: Path
) -> None:
    assert db.path is not None
    link = tmp_path / "link.db"
    link.symlink_to(db.path)
    with pytest.raises(StorageError, match="附属文件"):
        maintenance.backup(ctx, link)


def test_stale_part_files_of_a_killed_backup_are_removed(
    ctx: ServiceContext, db: Database, tmp_path: Path
) -> None:
    assert db.path is not None
    dest = tmp_path / "out" / "b.db"
    dest.parent.mkdir()
    for part in sqlite_tools.part_files(dest):
        part.write_bytes(b"left by a killed backup")
    maintenance.backup(ctx, dest)
    assert sorted(p.name for p in dest.parent.iterdir()) == ["b.db"]


def test_existing_target_is_refused_and_kept(ctx: ServiceContext, tmp_path: Path) -> None:
    dest = tmp_path / "b.db"
    dest.write_text("mine")
    with pytest.raises(StorageError, match="已存在"):
        maintenance.backup(ctx, dest)
    assert dest.read_text() == "mine"


def test_sql_parameters_never_reach_the_log_or_the_error(
    ctx: ServiceContext, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "11010519491231002X-保密"
    caplog.set_level(logging.DEBUG, logger="cadre_desk")
    with pytest.raises(StorageError) as info, db.uow() as session:
        session.execute(text("INSERT INTO account (id, name) VALUES (:x, :y)"), {"x": secret, "y": secret})
    details = f"{info.value}\n{info.value.__cause__}\n{caplog.text}"
    assert secret not in details
    assert "hidden due to hide_parameters" in str(info.value.__cause__)
