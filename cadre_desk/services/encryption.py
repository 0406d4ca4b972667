"""Encrypting and decrypting the open SQLite database (设置 → 加密数据库, `cadre-desk encrypt`), and
changing its passphrase (设置 → 修改口令…, `cadre-desk rekey`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cadre_desk.db import cipher, encryption
from cadre_desk.errors import StorageError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

POSTGRES = "PostgreSQL 数据库的加密由服务器负责（磁盘加密、TLS 连接）；此功能只适用于本机 SQLite 数据库文件。"


def _path(ctx: ServiceContext) -> Path:
    path = ctx.db.path
    if path is None:
        raise StorageError(POSTGRES)
    return path


def encrypt_database(
    ctx: ServiceContext, passphrase: str, progress: Callable[[str], None] | None = None
) -> int:
    """Encrypt the open database with `passphrase`: copied, verified, swapped in (the plain original
    wiped); `ctx.db` then opens the encrypted file. Returns the number of tables verified."""
    access.require(ctx, Permission.SETTINGS)
    path = _path(ctx)
    if ctx.db.encrypted:
        raise StorageError(f"数据库已经是加密的：{path}")
    ctx.db.dispose()
    try:
        snapshot = encryption.encrypt(path, passphrase, progress)
    finally:
        ctx.db.reopen()
    with ctx.db.uow() as session:
        audit.record(session, ctx, "encrypt", "database", summary=f"加密数据库 {path.name}")
    return len(snapshot.counts)


def decrypt_database(ctx: ServiceContext, progress: Callable[[str], None] | None = None) -> int:
    """Turn the open encrypted database back into a plain SQLite file (verified)."""
    access.require(ctx, Permission.SETTINGS)
    path = _path(ctx)
    if not ctx.db.encrypted:
        raise StorageError(f"数据库没有加密：{path}")
    ctx.db.dispose()
    try:
        snapshot = encryption.decrypt(path, progress)
    finally:
        ctx.db.reopen()
    with ctx.db.uow() as session:
        audit.record(session, ctx, "decrypt", "database", summary=f"解密数据库 {path.name}")
    return len(snapshot.counts)


def change_passphrase(
    ctx: ServiceContext,
    old_passphrase: str,
    new_passphrase: str,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Change the passphrase of the open encrypted database (`old_passphrase` must be the current one):
    re-written under the new key on a copy, verified (it opens with the new passphrase and not with the
    old; integrity, tables, row counts), swapped in; `ctx.db` then opens it with the new key, so the
    backups made from now on are under the new passphrase. Backups made before keep the old one.
    Returns the number of tables verified."""
    access.require(ctx, Permission.SETTINGS)
    path = _path(ctx)
    current = cipher.key_for(path)
    if current is None:
        raise StorageError(f"数据库没有加密，无需修改口令（可先在 设置 中加密）：{path}")
    encryption.check_passphrase_change(current, old_passphrase, new_passphrase)
    ctx.db.dispose()
    try:
        snapshot = encryption.rekey(path, old_passphrase, new_passphrase, progress)
    finally:
        ctx.db.reopen()
    with ctx.db.uow() as session:
        audit.record(
            session,
            ctx,
            "rekey",
            "database",
            changes={"tables": len(snapshot.counts), "rows": sum(snapshot.counts.values())},
            summary=f"修改数据库口令 {path.name}",
        )
    return len(snapshot.counts)
