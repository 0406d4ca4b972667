"""The audit chain checked against the database's own backups.

The hash chain finds an edited, deleted or reordered record, but not records cut from the end with the
head rewritten to match, nor a trail wiped whole: in a file the attacker can write, an unkeyed chain
can be rebuilt. Each backup holds the chain as it was when it was copied, outside the database file.
So the live trail must still hold, unchanged, the last record of each recent backup of this database
(the newest `ANCHORS` in the data folder's backups/): a record missing or different there was cut or
rewritten after the backup was made.

Not compared: a backup of another database that happens to have the same file name (its first record
is not ours), a backup made before a restore recorded in the trail (a restore replaces the chain, see
services/audit_carry.py), an encrypted backup this process cannot open (made under an older
passphrase), and sealed backups.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection, select

from cadre_desk.db import backup_files, cipher, sqlite_tools
from cadre_desk.db.audit_chain import ChainBreak, ChainReport
from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import StorageError

log = logging.getLogger("cadre_desk.services")

ANCHORS = 5
TRUNCATED = "truncated"
CLOCK_SLACK = dt.timedelta(seconds=2)  # a backup's file time against a record's time
# a damaged backup, or one made under another passphrase
UNREADABLE: tuple[type[Exception], ...] = (StorageError, OSError, *cipher.DB_ERRORS)


@dataclass(frozen=True)
class Anchor:
    path: Path
    made: dt.datetime  # the file's modification time (UTC)
    first_seq: int
    first_hash: str
    last_seq: int
    last_hash: str


def anchors(db_path: Path) -> list[Anchor]:
    """The chain's first and last record in each of the newest backups of `db_path` that can be read."""
    key = cipher.key_for(db_path)
    found = []
    for path in backup_files.backups_of(db_path)[:ANCHORS]:
        try:
            encrypted = sqlite_tools.sniff(path) == "encrypted"
            conn = sqlite_tools.connect(path, read_only=True, key=key if encrypted else None)
            try:
                first = conn.execute("SELECT seq, hash FROM audit_event ORDER BY seq LIMIT 1").fetchone()
                last = conn.execute("SELECT seq, hash FROM audit_chain_head WHERE id = 1").fetchone()
            finally:
                conn.close()
            made = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        except UNREADABLE as exc:
            log.info("backup %s not compared with the audit chain: %s", path.name, exc)
            continue
        if first is None or last is None or first[0] is None or last[0] is None:
            continue
        found.append(Anchor(path, made, int(first[0]), str(first[1]), int(last[0]), str(last[1])))
    return found


def _hash_at(connection: Connection, seq: int) -> str | None:
    return connection.execute(select(AuditEvent.hash).where(AuditEvent.seq == seq).limit(1)).scalar()


def check(connection: Connection, db_path: Path | None) -> ChainBreak | None:
    """The first backup whose last record the live trail no longer holds as it was (None: all hold)."""
    if db_path is None:  # PostgreSQL: the server's backups
        return None
    restores = [
        at if at.tzinfo else at.replace(tzinfo=dt.UTC)
        for at in connection.execute(
            select(AuditEvent.at).where(AuditEvent.action == "restore", AuditEvent.entity == "database")
        ).scalars()
    ]
    for anchor in anchors(db_path):
        if any(at >= anchor.made - CLOCK_SLACK for at in restores):
            continue  # made before a restore, which replaced the chain
        first = _hash_at(connection, anchor.first_seq)
        if first is not None and first != anchor.first_hash:
            continue  # another database's backup (a missing first record: purged since, or wiped)
        held = _hash_at(connection, anchor.last_seq)
        if held == anchor.last_hash:
            continue
        when = anchor.made.astimezone().strftime("%Y.%m.%d %H:%M")
        state = "缺失" if held is None else "已不同"
        return ChainBreak(
            TRUNCATED,
            anchor.last_seq,
            None,
            f"备份 {anchor.path.name}（{when}）中的第 {anchor.last_seq} 条审计记录在当前审计链中{state}："
            "此后的记录被删除或改写",
        )
    return None


def with_backups(report: ChainReport, connection: Connection, db_path: Path | None) -> ChainReport:
    """`report` of the chain, with the comparison against the backups when the chain itself holds."""
    if not report.ok:
        return report
    found = check(connection, db_path)
    return report if found is None else replace(report, first_break=found, breaks=report.breaks + 1)
