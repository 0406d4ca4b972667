"""The restore point of an import: a verified backup of the database as it is just before the import
writes, so that restoring it undoes the import and nothing else. Taken once per state, not once per
import.

Every Excel import (roster, class list, 年轻干部台账) writes in one transaction, so a crash leaves the
database as it was; what the backup adds is the way back from a wrong file imported successfully. On a
3 GB county a new verified copy takes 20–50 s (the copy, `integrity_check` and the row count of every
table on the copy, see `db.sqlite_tools.online_backup`), so `ensure` makes one only when no backup holds
the current state already:

- A backup holds the current state when the audit trail recorded nothing but BOOKKEEPING (sign-ins,
  prints and exports, other backups) after the chain position it copied (`chain_seq`, read before the
  copy: the copy holds at least that much), the schema revision is the one it was copied at, and its
  file in `backups/` is still the file written (size and modification time recorded with it). Every
  write records itself in the audit trail in its own transaction, so the trail says whether anything
  changed since.
- Such a backup (the window's backup on exit, a manual one, the one taken for an earlier import, or the
  one the window started while this import's preview was open) is reused: hard-linked under the
  import's name, `NAME-before-KIND-import-TIME.db`, without copying, so that thinning the automatic
  backups cannot take an import's restore point away. Only the newest KEEP_IMPORT_BACKUPS of each kind
  are kept, as before. Where a hard link is impossible a new copy is taken.
- The window calls `ensure` in the background as soon as an import's preview opens (the user reads the
  preview meanwhile) and waits for it only if it has not finished at 导入; the import calls `ensure`
  again, which then finds that copy (or, if something was written in between, takes a new one).
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk import paths
from cadre_desk.db import backup_files, migrate
from cadre_desk.db.failures import describe_os_error
from cadre_desk.db.models import AuditEvent
from cadre_desk.errors import StorageError
from cadre_desk.services import access, audit, maintenance
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

log = logging.getLogger("cadre_desk.services")

KEEP_IMPORT_BACKUPS = 5  # per kind of import
BOOKKEEPING = audit.BOOKKEEPING  # sign-ins, prints, exports, backups: no record changed
CANDIDATES = 20  # the newest backup records looked at


@dataclass(frozen=True)
class CurrentBackup:
    path: Path
    chain_seq: int  # the audit chain position the copy holds


def current_backup(ctx: ServiceContext) -> CurrentBackup | None:
    """The newest verified backup in `backups/` that holds exactly the records of the database now
    (see the module's docstring), or None."""
    access.require(ctx, Permission.IMPORT)
    if ctx.db.path is None:
        return None
    folder = paths.backup_dir()
    with ctx.db.read() as session:
        conn = session.connection()
        revision = migrate.current_revision(conn)
        records = session.execute(
            select(AuditEvent.changes)
            .where(AuditEvent.action == "backup")
            .order_by(AuditEvent.seq.desc())
            .limit(CANDIDATES)
        ).all()
        for (changes,) in records:
            found = _holds_current(session, changes, revision, folder)
            if found is not None:
                return found
    return None


def _holds_current(
    session: Session, changes: dict[str, Any], revision: str | None, folder: Path
) -> CurrentBackup | None:
    seq, files = changes.get("chain_seq"), changes.get("files")
    if not changes.get("ok", True) or changes.get("revision") != revision:
        return None
    if not isinstance(seq, int) or not isinstance(files, dict):
        return None  # a backup recorded before restore points existed
    changed = session.scalar(
        select(AuditEvent.seq)
        .where(AuditEvent.seq > seq, AuditEvent.action.not_in(sorted(BOOKKEEPING)))
        .limit(1)
    )
    if changed is not None:
        return None
    for name, mark in files.items():
        path = Path(os.path.abspath(name))
        if path.parent == Path(os.path.abspath(folder)) and backup_files.file_mark(path) == mark:
            return CurrentBackup(path, seq)
    return None


def ensure(ctx: ServiceContext, kind: str, progress: Callable[[int, int], None] | None = None) -> Path:
    """The restore point of an import of `kind` (roster, training, pool-ledger): a backup in `backups/`
    named `NAME-before-KIND-import-TIME.db` that holds the current state, reused or new (SQLite only)."""
    access.require(ctx, Permission.IMPORT)
    db_path = ctx.db.path
    if db_path is None:
        raise StorageError("导入前备份仅适用于本机 SQLite 数据库；PostgreSQL 由服务器备份（pg_dump）")
    folder = paths.backup_dir()
    prefix = f"{db_path.stem}-before-{kind}-import-"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份目录 {folder}：{describe_os_error(exc)}") from None
    found = current_backup(ctx)
    if found is not None and found.path.name.startswith(prefix):
        return found.path
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # two imports in one second get two files
    dest = folder / f"{prefix}{stamp}.db"
    if found is not None and _link(found.path, dest):
        _record_link(ctx, kind, found, dest)
    else:
        maintenance.backup(ctx, dest, progress, kind=f"before-{kind}-import")
    thin_import_backups(folder, prefix)
    return dest


def _link(existing: Path, dest: Path) -> bool:
    try:
        os.link(existing, dest)
    except OSError as exc:  # a file system without hard links (FAT): a new copy instead
        log.info("could not link %s as %s (%s): a new backup is taken", existing, dest, exc)
        return False
    return True


def _record_link(ctx: ServiceContext, kind: str, found: CurrentBackup, dest: Path) -> None:
    with ctx.db.read() as session:
        revision = migrate.current_revision(session.connection())
    changes = {
        "kind": f"before-{kind}-import",
        "path": str(dest),
        "same_as": str(found.path),
        "chain_seq": found.chain_seq,
        "revision": revision,
        "files": {str(dest): backup_files.file_mark(dest)},
    }
    try:
        with ctx.db.uow() as session:
            audit.record(
                session,
                ctx,
                "backup",
                "database",
                changes=changes,
                summary=f"导入前备份：沿用 {found.path.name}（此后数据无改动）"[:200],
            )
    except StorageError as exc:  # the restore point exists; only its audit line is missing
        log.warning("restore point %s linked, but not recorded in the audit trail: %s", dest, exc)


def thin_import_backups(folder: Path, prefix: str, keep: int = KEEP_IMPORT_BACKUPS) -> list[Path]:
    """Delete all but the newest `keep` pre-import backups of one database (names sort by time)."""
    found = sorted(p for p in folder.glob(f"{glob.escape(prefix)}*.db") if p.is_file())
    removed = found[:-keep] if keep > 0 else found
    for old in removed:
        try:
            old.unlink()
        except OSError as exc:
            log.warning("could not remove the old backup %s: %s", old, exc)
    return removed
