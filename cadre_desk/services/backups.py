"""Automatic backups in daily / weekly / monthly generations, and restoring a backup.

Automatic backups (`auto_backup`) are taken when the window closes after changes and every
AUTO_INTERVAL_MINUTES while there are changes: a verified copy (`sqlite_tools.online_backup`: written to
`.part`, checked on the copy, synced, renamed) in the data folder's `backups/` and, when set, a second
folder (a USB stick: a missing one is a warning, not an error). A copy that fails verification is
reported and not kept. Older automatic backups are thinned to the generations of the policy.

"Changes" are read from the audit trail: every write leaves a record, and each backup records the chain
position it copied (`chain_seq`), so there are changes when the chain has grown past the last backup's
own record.

`restore` works on the file, without opening it first (it may be damaged): it checks the backup, keeps
the current state as a backup (or, if damaged, a raw copy), copies the backup into a new file beside
the database (verified: integrity, schema, the backup's row counts), finishes that copy — upgraded if
older, the current accounts kept (`account_carry`: a restore never brings back an old password, a
disabled account or a role taken away), the replaced trail's later records appended (`audit_carry`),
the restore recorded — and only then puts it in the database's place, checked again.
A sealed backup is first decrypted (authenticated end to end) into a hidden file in backups/, deleted
afterwards; an encrypted backup from before a change of passphrase opens with the old passphrase.

Encryption at rest is never lost nor silently changed by a restore (`RestorePlan` says beforehand what
will happen, the audit record afterwards):
- an encrypted database keeps its current key: an encrypted backup is copied in through SQLite's
  backup API (re-encrypted page by page), a plain one (made before the database was encrypted) is
  copied and then encrypted with the current key (`encryption.convert`: `sqlcipher_export`, verified
  on the copy, the plain copy wiped) before it is renamed over the database;
- a plain database restored from an encrypted backup becomes the backup's file, still encrypted with
  the passphrase the backup was made with (protection is never removed by a restore; `decrypt` does
  that on purpose);
- a plain backup into a plain database stays plain.
Whatever the kinds, the database file is replaced by one rename of a verified file (or, for the same
kinds, by SQLite's backup API under its locks): killed at any moment, it is the old or the new one.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from cadre_desk import paths, sealed
from cadre_desk.db import audit_chain, backup_files, cipher, encryption, migrate, sqlite_tools
from cadre_desk.db.failures import describe_os_error
from cadre_desk.db.models import AppSetting, AuditEvent
from cadre_desk.domain.backup_generations import to_keep
from cadre_desk.errors import CadreDeskError, PassphraseNeeded, StorageError, ValidationError, WrongPassphrase
from cadre_desk.services import access, account_carry, audit, audit_carry
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

log = logging.getLogger("cadre_desk.services")

AUTO_INTERVAL_MINUTES = 30
MAX_GENERATIONS = 999


@dataclass(frozen=True)
class BackupPolicy:
    """How many automatic backups to keep, and the optional second folder (department-wide settings)."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    second_folder: str = ""


_KEYS = {
    "daily": "backup_daily",
    "weekly": "backup_weekly",
    "monthly": "backup_monthly",
    "second_folder": "backup_second_folder",
}
_LABELS = {"daily": "保留每日备份数", "weekly": "保留每周备份数", "monthly": "保留每月备份数"}


def get_policy(ctx: ServiceContext) -> BackupPolicy:
    access.require(ctx, Permission.SIGNED_IN)
    with ctx.db.read() as session:
        query = select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_(_KEYS.values()))
        stored = {str(k): str(v) for k, v in session.execute(query)}
    default = BackupPolicy()
    values: dict[str, Any] = {}
    for name, key in _KEYS.items():
        if key not in stored:
            continue
        if name == "second_folder":
            values[name] = stored[key]
        else:
            try:
                values[name] = max(0, min(MAX_GENERATIONS, int(stored[key])))
            except ValueError:
                values[name] = getattr(default, name)
    return BackupPolicy(**values)


def save_policy(ctx: ServiceContext, policy: BackupPolicy) -> BackupPolicy:
    """Store the policy (validated; the change is audited)."""
    access.require(ctx, Permission.SETTINGS)
    errors: dict[str, str] = {}
    for name, label in _LABELS.items():
        value = getattr(policy, name)
        if not isinstance(value, int) or not 0 <= value <= MAX_GENERATIONS:
            errors[name] = f"{label}应为 0–{MAX_GENERATIONS} 的整数（现为 {value}）"
    folder = policy.second_folder.strip()
    if folder and not Path(folder).expanduser().is_absolute():
        errors["second_folder"] = f"第二备份位置应为完整路径（如 /media/u盘/备份）：{folder}"
    if len(folder) > 1000:
        errors["second_folder"] = "第二备份位置的路径过长"
    if errors:
        raise ValidationError(errors)
    new = BackupPolicy(policy.daily, policy.weekly, policy.monthly, folder)
    old = get_policy(ctx)
    with ctx.db.uow() as session:
        rows = {
            r.key: r for r in session.scalars(select(AppSetting).where(AppSetting.key.in_(_KEYS.values())))
        }
        changes: dict[str, list[object]] = {}
        for name, key in _KEYS.items():
            before, after = getattr(old, name), getattr(new, name)
            if before == after:
                continue
            changes[key] = [before, after]
            if key in rows:
                rows[key].value = str(after)
            else:
                session.add(AppSetting(key=key, value=str(after)))
        if changes:
            audit.record(session, ctx, "update", "app_setting", changes=changes, summary="修改自动备份设置")
    return get_policy(ctx)


# --- automatic backups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AutoBackupResult:
    made: tuple[Path, ...] = ()  # verified copies kept
    removed: tuple[Path, ...] = ()  # older automatic backups thinned out
    warnings: tuple[str, ...] = ()  # e.g. the second folder is not there
    errors: tuple[str, ...] = ()  # a copy that failed (and was not kept)
    skipped: str = ""  # why nothing was done ("" if something was)

    @property
    def ok(self) -> bool:
        return not self.errors


def _last_backed_up_seq(ctx: ServiceContext) -> int | None:
    with ctx.db.read() as session:
        rows = session.scalars(
            select(AuditEvent.changes)
            .where(AuditEvent.action.in_(("backup", "restore")))
            .order_by(AuditEvent.seq.desc())
            .limit(20)
        ).all()
    for changes in rows:
        if changes.get("ok", True) and isinstance(changes.get("chain_seq"), int):
            return int(changes["chain_seq"])
    return None


def _chain_seq(ctx: ServiceContext) -> int:
    with ctx.db.read() as session:
        head = audit_chain.read_head(session.connection())
    return head.seq if head else 0


def has_changes(ctx: ServiceContext) -> bool:
    """Whether any record was written since the last successful backup (or restore): sign-ins, prints,
    exports and backups (`audit.BOOKKEEPING`) change no record and do not count, nor does the record
    of a restore (the database then holds the backup's records)."""
    access.require(ctx, Permission.SIGNED_IN)
    last = _last_backed_up_seq(ctx)
    unchanging = sorted(audit.BOOKKEEPING | {"restore"})
    with ctx.db.read() as session:
        query = select(AuditEvent.seq).where(AuditEvent.action.not_in(unchanging))
        if last is not None:
            query = query.where(AuditEvent.seq > last)
        return session.scalar(query.limit(1)) is not None


def _stamp_name(db_path: Path, now: dt.datetime) -> str:
    return f"{db_path.stem}{backup_files.AUTO_INFIX}{now.strftime(backup_files.STAMP_FORMAT)}.db"


def thin(db_path: Path, folder: Path, policy: BackupPolicy) -> list[Path]:
    """Delete the automatic backups of `db_path` in `folder` that the generations do not keep."""
    stamped = {}
    for path in backup_files.backups_of(db_path, folder):
        stamp = backup_files.auto_stamp(path, db_path.stem)
        if stamp is not None:
            stamped[path] = stamp
    keep = to_keep(stamped.values(), policy.daily, policy.weekly, policy.monthly)
    removed = []
    for path, stamp in stamped.items():
        if stamp in keep:
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError as exc:
            log.warning("could not remove the old automatic backup %s: %s", path, exc)
    return removed


def auto_backup(
    ctx: ServiceContext,
    force: bool = False,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AutoBackupResult:
    """Take an automatic backup if there were changes (or `force`), keep the generations, record it."""
    access.require(ctx, Permission.SIGNED_IN)
    db_path = ctx.db.path
    if db_path is None:
        return AutoBackupResult(skipped="PostgreSQL 数据库由服务器备份（pg_dump）")
    if not ctx.db.writable:  # a second window, read-only: the window holding the file backs it up
        return AutoBackupResult(skipped="只读窗口不做自动备份（由正在使用此数据库的窗口备份）")
    if not force and not has_changes(ctx):
        return AutoBackupResult(skipped="自上次备份以来没有改动")
    policy = get_policy(ctx)
    now = now or dt.datetime.now()
    name = _stamp_name(db_path, now)
    chain_seq = _chain_seq(ctx)  # the copy holds at least this much of the trail
    with ctx.db.read() as session:
        revision = migrate.current_revision(session.connection())
    made: list[Path] = []
    removed: list[Path] = []
    warnings: list[str] = []
    errors: list[str] = []
    first = paths.backup_dir() / name
    try:
        sqlite_tools.online_backup(db_path, first, progress)
        made.append(first)
        removed += thin(db_path, first.parent, policy)
    except StorageError as exc:
        errors.append(f"自动备份失败（未保留）：{first}：{exc}")
    if policy.second_folder:
        folder = Path(policy.second_folder).expanduser()
        if not folder.is_dir():
            warnings.append(f"第二备份位置不可用（U 盘未插入？），本次未备份到：{folder}")
        else:
            second = folder / name
            try:  # the same, already verified content: copy the first copy (or the live file)
                sqlite_tools.online_backup(first if made else db_path, second)
                made.append(second)
                removed += thin(db_path, folder, policy)
            except StorageError as exc:
                errors.append(f"自动备份到第二位置失败（未保留）：{second}：{exc}")
    for message in (*warnings, *errors):
        log.warning("%s", message)
    changes: dict[str, Any] = {
        "kind": "auto",
        "ok": bool(made),
        "chain_seq": chain_seq,
        "copies": [str(p) for p in made],
        "removed": len(removed),
        "revision": revision,  # with chain_seq and the files: an import may reuse it (restore_point)
        "files": {str(p): backup_files.file_mark(p) for p in made},
    }
    if warnings or errors:
        changes["problems"] = [*warnings, *errors]
    summary = f"自动备份 {len(made)} 份" + (f"，失败 {len(errors)} 份" if errors else "")
    try:
        with ctx.db.uow() as session:
            audit.record(session, ctx, "backup", "database", changes=changes, summary=summary)
    except StorageError as exc:
        log.warning("automatic backup not recorded in the audit trail: %s", exc)
    return AutoBackupResult(tuple(made), tuple(removed), tuple(warnings), tuple(errors))


# --- restore -------------------------------------------------------------------------------------


# What a restore does about encryption at rest (`RestorePlan.outcome`, recorded as `encryption`)
PLAIN = "plain"  # a plain backup into a plain database: plain
CURRENT_KEY = "current_key"  # an encrypted backup into an encrypted database: its current key
ENCRYPTED_WITH_CURRENT_KEY = "encrypted_with_current_key"  # a plain backup, encrypted with the current key
BACKUP_KEY = "backup_key"  # an encrypted backup into a plain database: encrypted, the backup's passphrase


@dataclass(frozen=True)
class RestorePlan:
    """What restoring `backup` into the database will do: whose backup it is and what becomes of the
    database's encryption. Told before anything is replaced (the window asks with it, the command line
    prints it) and recorded with the restore."""

    backup: Path  # as chosen (a sealed file: the .sealed)
    database_name: str  # the current database's file name stem
    backup_database: str  # the database the backup's file name names ("" when it names none)
    same_database: bool | None  # by the audit trail's first record (None: cannot be told)
    sealed: bool
    backup_encrypted: bool | None  # the database inside (None: a sealed backup not opened yet)
    database_encrypted: bool  # the current database
    outcome: str  # PLAIN, CURRENT_KEY, ENCRYPTED_WITH_CURRENT_KEY or BACKUP_KEY

    @property
    def other_database(self) -> bool:
        """The backup is another database's: its audit trail starts elsewhere, or (when that cannot be
        told) its file name names another database."""
        if self.same_database is not None:
            return not self.same_database
        return bool(self.backup_database) and self.backup_database != self.database_name

    @property
    def encrypted_after(self) -> bool:
        return self.outcome != PLAIN

    def facts(self) -> list[str]:
        """The plan in sentences (the command line's; the window says the same in its own words)."""
        lines = []
        if self.other_database:
            whose = f"“{self.backup_database}”" if self.backup_database else "另一个数据库"
            why = "审计记录的起点不同" if self.same_database is False else "按文件名判断"
            lines.append(
                f"注意：此备份属于另一个数据库{whose}（{why}），不是当前数据库“{self.database_name}”的备份。"
            )
        kind = "密封（用口令加密的）" if self.sealed else ""
        if self.backup_encrypted is None:
            lines.append(f"备份是{kind}备份文件。")
        else:
            inside = "加密的（SQLCipher）" if self.backup_encrypted else "未加密的明文"
            now = "已加密" if self.database_encrypted else "未加密"
            lines.append(f"备份是{kind}{inside}数据库文件；当前数据库{now}。")
        lines.append(self.outcome_text)
        return lines

    @property
    def outcome_text(self) -> str:
        if self.outcome == PLAIN and self.database_encrypted:  # a damaged encrypted file, key unknown
            return (
                "当前数据库的口令未知（文件已损坏？），此备份是明文文件：恢复后的数据库未加密；"
                "如需加密，请在恢复后加密。"
            )
        return OUTCOME_TEXT[self.outcome]


OUTCOME_TEXT = {
    PLAIN: "恢复后的数据库未加密（与现在相同）。",
    CURRENT_KEY: "恢复后的数据库仍用当前口令加密。",
    ENCRYPTED_WITH_CURRENT_KEY: (
        "此备份是明文文件：恢复时用当前数据库的口令加密，恢复后的数据库仍是加密的，口令不变。"
    ),
    BACKUP_KEY: "此备份是加密的：恢复后的数据库仍是加密的，用制作该备份时的口令打开（不是明文）。",
}


def _outcome(
    backup_encrypted: bool, target_key: cipher.CipherKey | None, current_key: cipher.CipherKey | None
) -> str:
    if backup_encrypted:
        return CURRENT_KEY if current_key is not None else BACKUP_KEY
    return ENCRYPTED_WITH_CURRENT_KEY if target_key is not None else PLAIN


def plan_restore(db_path: Path, backup: Path, backup_passphrase: str | None = None) -> RestorePlan:
    """What restoring `backup` into the SQLite database `db_path` would do (nothing is changed). An
    encrypted backup's key must be remembered (`cipher.remember`, as the window does when it asks for
    it); a sealed backup is looked into with `backup_passphrase` (its first chunk), without it its kind
    is not known."""
    db_path = Path(os.path.abspath(db_path))
    backup = Path(os.path.abspath(backup.expanduser()))
    if sealed.is_sealed(backup):
        inside: bool | None = None
        if backup_passphrase:
            head = sealed.first_chunk(backup, backup_passphrase)
            inside = not head.startswith(sqlite_tools.SQLITE_HEADER)
        return _plan(db_path, backup, None, inside)
    return _plan(db_path, backup, backup, sqlite_tools.sniff(backup) == "encrypted")


def _plan(
    target: Path,
    backup: Path,
    source: Path | None,
    backup_encrypted: bool | None,
    current_key: cipher.CipherKey | None = None,
    target_key: cipher.CipherKey | None = None,
) -> RestorePlan:
    """The plan of a restore of `backup` (its database file `source`, None: sealed, not opened) into
    `target`, whose key was `current_key` before the restore began (by default: the one remembered)."""
    if current_key is None and target_key is None:
        current_key = target_key = cipher.key_for(target)
    target_encrypted = current_key is not None or sqlite_tools.sniff(target) == "encrypted"
    outcome = _outcome(bool(backup_encrypted), target_key, current_key)
    return RestorePlan(
        backup=backup,
        database_name=target.stem,
        backup_database=backup_files.database_name(backup),
        same_database=backup_files.same_database(target, source) if source is not None else None,
        sealed=sealed.is_sealed(backup),
        backup_encrypted=backup_encrypted,
        database_encrypted=target_encrypted,
        outcome=outcome,
    )


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    saved_current: Path | None  # the state before the restore, kept as a backup (None: there was none)
    revision: str  # the backup's schema version
    counts: dict[str, int] = field(default_factory=dict)  # rows per table, as in the backup
    chain_ok: bool = True  # the restored audit trail's hash chain
    plan: RestorePlan | None = None  # whose backup, and what became of the encryption
    # the current accounts were kept: how many the backup held otherwise (None: not kept, they could
    # not be read or none had a password yet)
    accounts_differed: int | None = None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def encrypted(self) -> bool:
        return self.plan is not None and self.plan.encrypted_after


def _replaced_trail(saved: Path | None, key: cipher.CipherKey | None) -> list[dict[str, Any]] | None:
    """The audit records of the database a restore replaced (its verified before-restore copy), to be
    kept in the restored trail; None when there is no readable copy (a damaged file's raw copy)."""
    if saved is None or backup_files.BEFORE_RESTORE not in saved.name:
        return None
    try:
        return audit_carry.replaced_records(saved, key)
    except (CadreDeskError, DBAPIError, OSError) as exc:  # the restore itself has succeeded
        log.warning("the replaced audit trail could not be read from %s: %s", saved.name, exc)
        return None


def _save_current(target: Path, stamp: str) -> Path | None:
    """Keep the database as it is before a restore: a verified backup, or a raw copy of a damaged file."""
    if not target.exists() or target.stat().st_size == 0:
        return None
    folder = paths.backup_dir()
    if _readable(target):
        try:
            if not sqlite_tools.quick_check(target):
                dest = folder / f"{target.stem}{backup_files.BEFORE_RESTORE}{stamp}.db"
                sqlite_tools.online_backup(target, dest)
                return dest
        except StorageError as exc:
            if exc.retryable:
                raise
            log.info("the current database cannot be backed up (%s); keeping a raw copy", exc)
    dest = folder / f"{target.stem}-damaged-{stamp}.db"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source in sqlite_tools.companions(target):
            if source.exists():
                shutil.copy2(source, Path(str(dest) + source.name[len(target.name) :]))
    except OSError as exc:
        raise StorageError(f"无法保存当前数据库的副本，未恢复：{describe_os_error(exc)}") from None
    return dest


def _readable(path: Path) -> bool:
    """A plain SQLite file, or an encrypted one whose key this process holds."""
    kind = sqlite_tools.sniff(path)
    return kind == "sqlite" or (kind == "encrypted" and cipher.key_for(path) is not None)


def _copy_in(
    backup: Path, target: Path, out_key: cipher.CipherKey | None, finish: Callable[[Path], None]
) -> None:
    """Put the backup's content into `target`, which is then encrypted with `out_key` (None: plain).

    The backup is first copied into a new file beside the target: a verified copy (`online_backup`,
    under the backup's key or none), converted to `out_key` when that differs (`encryption.convert`:
    `sqlcipher_export` into a further copy, verified through the new key — integrity_check, the same
    tables and row counts — synced; the copy of the other kind wiped). `finish(copy)` then completes
    it (the schema upgraded, the current accounts and audit records kept, the restore recorded), so
    that the target only ever holds the old database or the finished restored one: into a sound
    database of the same kind that keeps its key (both plain, or both encrypted: pages re-encrypted
    with the target's key) through SQLite's backup API, under its locks (other connections see the
    change at once); otherwise renamed over the target in one step. Killed before, the target is
    untouched; the result is checked against the finished copy (tables, row counts, integrity)."""
    backup_key = cipher.key_for(backup)
    target_key = cipher.key_for(target)
    in_place = out_key == target_key and (backup_key is None) == (target_key is None)
    in_place = in_place and target.exists() and _readable(target) and not sqlite_tools.quick_check(target)
    fresh = target.with_name(target.name + RESTORING_SUFFIX)
    _remove_restoring(target)
    try:
        sqlite_tools.online_backup(backup, fresh)  # the backup's kind and key, verified
        if out_key != backup_key:
            if backup_key is not None:
                cipher.remember(fresh, backup_key)
            encryption.convert(fresh, out_key)  # verified under out_key; the copy of the other kind wiped
        if out_key is not None:
            cipher.remember(fresh, out_key)
        finish(fresh)
        expected = _snapshot(fresh, out_key)
        if in_place:
            src = sqlite_tools.connect(fresh, read_only=True, key=out_key)
            try:
                dst = sqlite_tools.connect(target)
                try:
                    dst.execute("PRAGMA busy_timeout=5000")
                    src.backup(dst)
                finally:
                    dst.close()
            except cipher.DB_ERRORS as exc:
                raise StorageError(f"恢复失败，数据库未改动：{exc}", retryable=True) from None
            finally:
                src.close()
        else:
            with fresh.open("rb") as handle:
                os.fsync(handle.fileno())
            for companion in sqlite_tools.companions(target)[1:]:
                companion.unlink(missing_ok=True)
            os.replace(fresh, target)
            sqlite_tools.fsync_dir(target.parent)
    except BaseException:
        _remove_restoring(target)
        raise
    finally:
        cipher.forget(fresh)
    _remove_restoring(target)
    if out_key is not None:
        cipher.remember(target, out_key)
    else:
        cipher.forget(target)
    sqlite_tools.verify_copy(target, expected, out_key)


def _snapshot(path: Path, key: cipher.CipherKey | None) -> sqlite_tools.Snapshot:
    conn = sqlite_tools.connect(path, read_only=True, key=key)
    try:
        conn.execute("BEGIN")
        return sqlite_tools.take_snapshot(conn)
    finally:
        conn.close()


RESTORING_SUFFIX = ".restoring"


def _remove_restoring(target: Path) -> None:
    """The new file of a restore into `target` and whatever a killed restore left of it."""
    fresh = target.with_name(target.name + RESTORING_SUFFIX)
    converting = fresh.with_name(fresh.name + encryption.CONVERTING_SUFFIX)
    sqlite_tools.remove_part_files(fresh)
    for leftover in (*sqlite_tools.companions(fresh), *sqlite_tools.companions(converting)):
        leftover.unlink(missing_ok=True)


OLD_PASSPHRASE = (
    "该备份是加密的，当前数据库的口令和所给的口令都打不开它：它可能是修改口令之前做的备份，需要当时的数据库口令"
    "（命令行：--old-passphrase-env 变量名，或在终端中输入）。未做任何更改：{path}"
)


def _unlock_backup(target: Path, backup: Path, passphrases: Sequence[str | None]) -> None:
    """An encrypted backup opens with the open database's key (a backup made since its passphrase was
    last set: the same key and salt), else with one of `passphrases` (the passphrase in use when it was
    made: a backup from before `rekey` keeps the old one); the key is remembered for the backup, and for
    an encrypted-looking target whose key is not known (a damaged one: the backup's key may read it
    well enough to save it first). `PassphraseNeeded` when none opens it (nothing changed)."""
    if sqlite_tools.sniff(backup) != "encrypted" or cipher.key_for(backup) is not None:
        return
    key = cipher.key_for(target)
    if key is None or not sqlite_tools.opens_with(backup, key):
        key = None
        for passphrase in passphrases:
            if not passphrase:
                continue
            try:
                key = sqlite_tools.unlock(backup, passphrase)
                break
            except WrongPassphrase:
                continue
    if key is None:
        if cipher.key_for(target) is None and not any(passphrases):
            raise PassphraseNeeded(f"该备份是加密的，需要口令（环境变量 {cipher.KEY_ENV}）：{backup}")
        raise PassphraseNeeded(OLD_PASSPHRASE.format(path=backup))
    cipher.remember(backup, key)
    if cipher.key_for(target) is None and sqlite_tools.sniff(target) == "encrypted":
        cipher.remember(target, key)  # (a plain target stays keyless: it is saved and read as plain)


def _unseal(backup: Path, target: Path, seal_passphrase: str | None, stamp: str) -> Path:
    """The database inside the sealed backup `backup`, written (authenticated end to end) into a new
    hidden file in the data folder's backups/; the caller deletes it."""
    if not seal_passphrase:
        raise PassphraseNeeded(
            f"该备份已用口令加密（加密备份），需要它的口令（命令行：--passphrase-env 变量名 或 "
            f"--ask-passphrase）。未做任何更改：{backup}"
        )
    folder = paths.backup_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份目录 {folder}：{describe_os_error(exc)}") from None
    for stale in folder.glob(f".{glob.escape(target.stem)}-unsealed-*"):
        stale.unlink(missing_ok=True)  # left by a restore that was killed
    plain = folder / f".{target.stem}-unsealed-{stamp}.db"
    try:
        sealed.unseal_file(backup, plain, seal_passphrase)
    except OSError as exc:
        raise StorageError(f"无法解密备份：{describe_os_error(exc)}。未做任何更改。") from None
    return plain


def restore(
    db_target: str,
    backup: Path,
    operator: str | None = None,
    passphrase: str | None = None,
    ctx: ServiceContext | None = None,
    backup_passphrase: str | None = None,
    old_passphrase: str | None = None,
    on_plan: Callable[[RestorePlan], None] | None = None,
) -> RestoreResult:
    """Replace the SQLite database `db_target` (a path) with the backup `backup`; see the module doc.
    An encrypted backup needs the database's key (open in this process) or its `passphrase`; a backup
    made before the passphrase was changed needs the old one, `old_passphrase` (or `backup_passphrase`).
    A sealed backup (`backup --passphrase-env`, 文件 → 备份 with a passphrase) is opened with
    `backup_passphrase`: a wrong one or a damaged file is refused before anything is changed.

    `ctx` is the signed-in context on the current database (the window, or the command line when the
    database still opens): it must hold the restore permission (系统管理员 only: a restore replaces
    every record; a 干部科经办 may make copies, not restore them). A damaged database (it cannot be
    opened, so no one can sign in on it) is restored without a context: the offer at start and
    `restore` over a damaged file; the restored database then asks for a sign-in as usual, and the
    restore is recorded all the same.

    `on_plan(plan)` is told what the restore will do (whose backup, the encryption after it) once the
    backup is opened and checked, before anything is replaced (the command line prints it)."""
    if ctx is not None:
        access.require(ctx, Permission.RESTORE)
    from cadre_desk.db.engine import resolve_url, sqlite_path

    target = sqlite_path(resolve_url(db_target))
    if target is None:
        raise StorageError("恢复备份仅适用于本机 SQLite 数据库；PostgreSQL 请用 pg_restore")
    backup = Path(os.path.abspath(backup.expanduser()))
    if backup.exists():
        try:
            sqlite_tools.refuse_own_files(target, backup)
        except StorageError:
            raise StorageError(
                f"不能从数据库文件本身或它的附属文件（-wal、-shm、-journal）恢复：{backup}。"
                "请选择一个备份文件（如 备份 文件夹中的文件）。未做任何更改。"
            ) from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    current_key = cipher.key_for(target)  # the key of the trail being replaced (encrypted files)
    source = backup
    if sealed.is_sealed(backup):
        source = _unseal(backup, target, backup_passphrase, stamp)
    try:
        _unlock_backup(target, source, (old_passphrase, backup_passphrase, passphrase))
        info = backup_files.inspect_backup(source)
        # the restored file's key: the database's (also for a plain backup), else the backup's own
        target_key = cipher.key_for(target)
        out_key = target_key if target_key is not None else cipher.key_for(source)
        plan = _plan(target, backup, source, cipher.key_for(source) is not None, current_key, target_key)
        if on_plan is not None:
            on_plan(plan)
        # the accounts as they are now (read before anything is replaced): kept by the restore
        kept = account_carry.current_accounts(target, cipher.key_for(target))
        if kept is not None and not any(a["password_hash"] for a in kept):
            kept = None  # the open mode (no password yet): nothing to protect, the backup's accounts stand
        saved = _save_current(target, stamp)
        replaced = _replaced_trail(saved, current_key)
        if ctx is not None and ctx.db.path == target:
            # The open window's pooled connections: closed before the file is replaced (the next
            # unit of work opens the restored file).
            ctx.db.dispose()
        done: dict[str, Any] = {}

        def finish(fresh: Path) -> None:
            done.update(_finish(fresh, operator, kept, replaced, backup, source != backup, saved, info, plan))

        _copy_in(source, target, out_key, finish)
    finally:
        if source != backup:
            cipher.forget(source)
            source.unlink(missing_ok=True)
    return RestoreResult(
        backup, saved, info.revision, info.counts, done["chain_ok"], plan, done["accounts_differed"]
    )


def _finish(
    fresh: Path,
    operator: str | None,
    kept: list[dict[str, Any]] | None,
    replaced: list[dict[str, Any]] | None,
    backup: Path,
    was_sealed: bool,
    saved: Path | None,
    info: backup_files.BackupInfo,
    plan: RestorePlan,
) -> dict[str, Any]:
    """Complete the restored copy `fresh` before it takes the database's place: its schema upgraded
    (an older backup; the backup itself is the copy from before), the current accounts kept, the
    replaced trail's records it does not hold appended, and the restore recorded."""
    from cadre_desk.db.opening import open_database
    from cadre_desk.services.context import open_context

    db = open_database(str(fresh), create=False, backup_before_upgrade=False)
    try:
        differed = None
        if kept is not None:
            with db.uow() as session:
                differed = account_carry.keep_accounts(session, kept)
        ctx = open_context(db, operator)
        with db.read() as session:
            report = audit_chain.verify(session.connection())
        with db.uow() as session:
            carried = audit_carry.carry_over(session, replaced or [])
            audit.record(
                session,
                ctx,
                "restore",
                "database",
                changes={
                    "from": str(backup),
                    "sealed": was_sealed,
                    "saved_current": str(saved) if saved else None,
                    "revision": info.revision,
                    "rows": info.rows,
                    "chain_ok": report.ok,
                    "chain_seq": report.last_seq,
                    # records of the replaced trail appended before this one (None: not readable)
                    "carried_over": None if replaced is None else carried,
                    # the accounts are not restored: the current ones kept (None: not readable, or
                    # none had a password yet), and how many of them the backup held otherwise
                    "accounts_kept": None if kept is None else len(kept),
                    "accounts_differed": differed,
                    # encryption at rest: the backup's kind, the database's before and after, and how
                    "backup_encrypted": plan.backup_encrypted,
                    "encrypted_before": plan.database_encrypted,
                    "encrypted_after": plan.encrypted_after,
                    "encryption": plan.outcome,
                    "encryption_note": plan.outcome_text,
                    # whose backup: the name in its file name, and whether its audit trail is ours
                    "backup_database": plan.backup_database or None,
                    "same_database": plan.same_database,
                    "other_database": plan.other_database,
                },
                summary=_summary(backup, plan, kept is not None, differed),
            )
        with db.engine.connect() as conn:  # everything into the main file before it is copied
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return {"chain_ok": report.ok, "accounts_differed": differed}


def _summary(
    backup: Path, plan: RestorePlan, accounts_kept: bool = False, differed: int | None = None
) -> str:
    notes = []
    if accounts_kept:
        notes.append(f"账号保持现状{f'（{differed} 个与备份中不同）' if differed else ''}")
    if plan.outcome == ENCRYPTED_WITH_CURRENT_KEY:
        notes.append("明文备份已用当前口令加密")
    elif plan.outcome == BACKUP_KEY:
        notes.append("恢复后数据库已加密（备份的口令）")
    if plan.other_database:
        notes.append(f"另一个数据库的备份{'：' + plan.backup_database if plan.backup_database else ''}")
    tail = f"（{'；'.join(notes)}）" if notes else ""
    return (f"从备份恢复：{backup.name}"[: 200 - len(tail)] + tail)[:200]
