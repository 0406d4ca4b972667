"""Backup files on disk: their names, the newest good one of a database, and checking one before use.

Every backup of the database `NAME.db` is named `NAME-….db` (`-auto-`, `-before-upgrade-`,
`-before-restore-`, `-before-roster-import-` …), in the data folder's `backups/` (and, for the automatic
ones, optionally a second folder). A backup is "good" when SQLite reads it end to end (`quick_check`)
and its schema is one this program knows.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from cadre_desk import paths
from cadre_desk.db import cipher, migrate, sqlite_tools
from cadre_desk.errors import StorageError

log = logging.getLogger("cadre_desk.db")

AUTO_INFIX = "-auto-"
BEFORE_RESTORE = "-before-restore-"  # the state a restore replaced
STAMP_FORMAT = "%Y%m%d-%H%M%S"
MAX_CANDIDATES = 10  # checked newest first when looking for a good backup


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    revision: str
    counts: dict[str, int]  # rows per table

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def backups_of(db_path: Path, folder: Path | None = None) -> list[Path]:
    """The backup files of `db_path` in `folder` (default: the data folder's backups/), newest first."""
    folder = folder or paths.backup_dir()
    try:
        found = [p for p in folder.glob(f"{glob.escape(db_path.stem)}-*.db") if p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


# `NAME-auto-20261206-153000.db`, `NAME-before-restore-20261206-153000-123456.db`, `NAME-20261206-153000
# .sealed` (文件 → 备份数据库…), `NAME-damaged-…`, `NAME-backup.db` (`backup` into a folder)
_NAMED = re.compile(r"^(?P<name>.+?)-(?:(?:auto|damaged|before-[\w-]+?)-)?\d{8}-\d{6}(?:-\d+)?$")
_NAMED_PLAIN = re.compile(r"^(?P<name>.+)-backup$")


def database_name(path: Path) -> str:
    """The database a backup file's name says it belongs to (`演示` for `演示-auto-20261206-153000.db`),
    "" when the name is not one this program gives."""
    stem = path.name
    for suffix in (".sealed", ".db"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    found = _NAMED.match(stem) or _NAMED_PLAIN.match(stem)
    return found.group("name") if found else ""


_UNREADABLE: tuple[type[Exception], ...] = (*cipher.DB_ERRORS, StorageError, OSError)


def _first_record(path: Path) -> tuple[int, str] | None:
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        row = conn.execute(
            "SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return None if row is None or row[1] is None else (int(row[0]), str(row[1]))


def _hash_at(path: Path, seq: int) -> str | None:
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        row = conn.execute("SELECT hash FROM audit_event WHERE seq = ? LIMIT 1", (seq,)).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


def same_database(db_path: Path, backup: Path) -> bool | None:
    """Whether `backup` is a backup of the database `db_path`, told by the audit trail's first record
    (every database's own: a hash over its time, account and content): the backup's first record must
    be the database's record at that position. None when it cannot be told (either file unreadable —
    damaged, or encrypted under a key this process does not hold — or a trail from before the chain)."""
    for path in (db_path, backup):
        kind = sqlite_tools.sniff(path)
        if kind not in ("sqlite", "encrypted") or (kind == "encrypted" and cipher.key_for(path) is None):
            return None
    try:
        first = _first_record(backup)
        if first is None:
            return None
        return _hash_at(db_path, first[0]) == first[1]
    except _UNREADABLE as exc:
        log.info("could not compare %s with the database's audit trail: %s", backup.name, exc)
        return None


def made_at(path: Path) -> dt.datetime | None:
    """When the backup `path` was made, as recorded inside it: the time of its audit trail's last
    record (UTC; a backup is taken right after the action it follows). None when that cannot be read
    (a sealed file, an encrypted one whose key is not held, a damaged one, an empty trail): the file's
    own time is then no answer either, since a copy (from a USB stick) has the time it was copied."""
    kind = sqlite_tools.sniff(path)
    if kind not in ("sqlite", "encrypted") or (kind == "encrypted" and cipher.key_for(path) is None):
        return None
    try:
        conn = sqlite_tools.connect(path, read_only=True)
        try:
            row = conn.execute("SELECT at FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            conn.close()
    except _UNREADABLE as exc:
        log.info("could not read when %s was made: %s", path.name, exc)
        return None
    if row is None or not row[0]:
        return None
    try:
        when = dt.datetime.fromisoformat(str(row[0]))
    except ValueError:
        return None
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when


def file_mark(path: Path) -> list[int] | None:
    """What identifies a backup file as the one written (size, modification time in ns), recorded with
    it in the audit trail; None if it is not there."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def auto_stamp(path: Path, db_stem: str) -> dt.datetime | None:
    """The local time in an automatic backup's name (`NAME-auto-20261206-153000.db`), else None."""
    prefix = db_stem + AUTO_INFIX
    if not path.name.startswith(prefix) or path.suffix != ".db":
        return None
    try:
        return dt.datetime.strptime(path.stem[len(prefix) :], STAMP_FORMAT)
    except ValueError:
        return None


def inspect_backup(path: Path) -> BackupInfo:
    """Check a backup before it is used: a SQLite file, sound end to end, of a known schema; returns
    its schema version and row counts. Raises `StorageError` with the reason otherwise."""
    kind = sqlite_tools.sniff(path)
    if kind == "missing":
        raise StorageError(f"备份文件不存在：{path}")
    if kind == "encrypted" and cipher.key_for(path) is None:
        raise StorageError(f"该备份是加密的，需要口令（环境变量 {cipher.KEY_ENV}）：{path}")
    if kind not in ("sqlite", "encrypted"):
        raise StorageError(f"该文件不是干部成长档案台的备份（不是 SQLite 数据库）：{path}")
    try:
        conn = sqlite_tools.connect(path, read_only=True)
        try:
            result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                raise StorageError(f"备份文件已损坏：{path}（{result[0]}）")
            conn.execute("BEGIN")
            snapshot = sqlite_tools.take_snapshot(conn)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except cipher.DB_ERRORS as exc:
        raise StorageError(f"备份文件无法读取：{path}（{exc}）") from None
    has_tables, revision = sqlite_tools.read_revision(path)
    if revision is None or not has_tables:
        raise StorageError(f"该文件不是干部成长档案台的备份（缺少结构版本信息）：{path}")
    if revision not in migrate.known_revisions():
        raise StorageError(
            f"该备份由更新版本的干部成长档案台创建（结构版本 {revision}），请升级本程序后再恢复：{path}"
        )
    return BackupInfo(path, revision, snapshot.counts)


def latest_good_backup(db_path: Path, folders: tuple[Path, ...] = ()) -> Path | None:
    """The newest backup of `db_path` that passes `quick_check` and has a known schema. Backups of an
    encrypted database are encrypted with its key: they count when that key (unlocked in this process)
    opens them; a sealed one (its own passphrase) is left to the user's choice."""
    key = cipher.key_for(db_path)
    readable = {"sqlite"} | ({"encrypted"} if key is not None else set())
    candidates = [p for folder in (paths.backup_dir(), *folders) for p in backups_of(db_path, folder)]
    # Newest first, but the state a restore replaced (`-before-restore-`) last: the user chose to leave
    # it, and the backup the restore came from (or a later one) holds the state the database went on
    # from. It is offered only when nothing else is there.
    candidates.sort(key=lambda p: (BEFORE_RESTORE not in p.name, p.stat().st_mtime), reverse=True)
    for path in candidates[:MAX_CANDIDATES]:
        try:
            kind = sqlite_tools.sniff(path)
            with_key = key if kind == "encrypted" else None
            if kind not in readable or sqlite_tools.quick_check(path, with_key):
                continue
            has_tables, revision = sqlite_tools.read_revision(path, with_key)
        except StorageError as exc:
            log.info("backup %s not usable: %s", path, exc)
            continue
        if has_tables and revision in migrate.known_revisions():
            return path
    return None
