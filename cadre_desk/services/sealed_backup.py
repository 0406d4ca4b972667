"""Exported backups sealed with a passphrase (`backup DEST --passphrase-env VAR`, 文件 → 备份 with a
passphrase) and opening them again (`unseal`).

The copy is first made and verified as every backup is (`sqlite_tools.online_backup`: the same
tables, integrity_check, the row counts), in the data folder's backups/ (the local disk, not the USB
stick the sealed file may go to), then sealed into DEST (`cadre_desk.sealed`: AES-256-GCM, scrypt),
and the sealed file is read back, authenticated and compared with the copy (SHA-256) before the copy
is deleted. A sealed backup of an encrypted database holds the encrypted file: both locks apply.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from cadre_desk import paths, sealed
from cadre_desk.db import sqlite_tools
from cadre_desk.db.failures import describe_os_error
from cadre_desk.errors import StorageError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

log = logging.getLogger("cadre_desk.services")


def _sha256(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.digest()


def _sealed_sha256(path: Path, passphrase: str) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for plain in sealed.open_chunks(handle, passphrase, path.name):
            digest.update(plain)
    return digest.digest()


def _remove(path: Path) -> None:
    """Best effort: on a write-protected stick even removing a missing file fails (EROFS)."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the unfinished sealed backup %s: %s", path, exc)


def _failure(exc: OSError, dest: Path, copy: Path) -> str:
    text = f"加密备份失败（{dest.parent}）：{describe_os_error(exc)}"
    if exc.errno == errno.ENOSPC:
        size = max(1, round(copy.stat().st_size / 1e6))
        text += f"，未留下文件。请换一个有足够空间的位置（约需 {size} MB）。"
    return text


def sealed_backup(
    ctx: ServiceContext, dest: Path, passphrase: str, progress: Callable[[int, int], None] | None = None
) -> Path:
    """A verified backup of the open SQLite database sealed with `passphrase` into the new file `dest`."""
    access.require(ctx, Permission.BACKUP)
    path = ctx.db.path
    if path is None:
        raise StorageError("在线备份仅适用于本机 SQLite 数据库；PostgreSQL 请使用 pg_dump")
    problem = sealed.passphrase_problem(passphrase)
    if problem:
        raise StorageError(problem)
    dest = Path(os.path.abspath(dest.expanduser()))
    if dest.is_dir():
        dest = dest / f"{path.stem}-backup.sealed"
    if dest.exists():
        raise StorageError(f"目标文件已存在：{dest}")
    sqlite_tools.refuse_own_files(path, dest)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = paths.backup_dir() / f".{path.stem}-to-seal-{stamp}.db"
    sqlite_tools.online_backup(path, copy, progress)
    try:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            sealed.seal_file(copy, dest, passphrase)
            sqlite_tools.fsync_dir(dest.parent)
            if _sealed_sha256(dest, passphrase) != _sha256(copy):
                _remove(dest)
                raise StorageError(f"加密备份校验失败（读回的内容与备份不一致），已删除：{dest}")
        except OSError as exc:
            _remove(dest)
            raise StorageError(_failure(exc, dest, copy)) from None
    finally:
        copy.unlink(missing_ok=True)
    try:
        with ctx.db.uow() as session:
            audit.record(session, ctx, "backup", "database", summary=f"加密备份 {dest}"[:200])
    except StorageError as exc:  # the sealed copy is made and verified; only its audit line is missing
        log.warning("sealed backup %s made, but not recorded in the audit trail: %s", dest, exc)
    return dest


def unseal(source: Path, dest: Path, passphrase: str) -> Path:
    """The file inside the sealed `source` (a backup: the .db to restore) written to the new `dest`;
    nothing is written unless every byte was authenticated."""
    if not sealed.is_sealed(source):
        raise StorageError(f"{source} 不是用口令加密的文件")
    dest = Path(os.path.abspath(dest.expanduser()))
    if dest.exists():
        raise StorageError(f"目标文件已存在：{dest}")
    try:
        sealed.unseal_file(source, dest, passphrase)
    except OSError as exc:
        raise StorageError(f"无法写入 {dest}：{describe_os_error(exc)}") from None
    return dest
