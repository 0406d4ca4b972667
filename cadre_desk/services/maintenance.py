"""Whole-database jobs: row counts, integrity checks with repair, verified backups."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from cadre_desk.db import audit_chain, backup_files, migrate, search_index, sqlite_tools
from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account, Base, SearchDoc
from cadre_desk.errors import StorageError
from cadre_desk.services import access, audit, audit_anchor, search
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

log = logging.getLogger("cadre_desk.services")


@dataclass(frozen=True)
class CheckItem:
    name: str  # integrity / foreign_keys / schema_version / search_index / audit_chain / accounts
    ok: bool
    detail: str
    repaired: bool = False


@dataclass(frozen=True)
class CheckReport:
    items: tuple[CheckItem, ...]

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)


def stats(db: Database) -> dict[str, int]:
    """Row counts per table (archived rows included), in the models' table names."""
    counts: dict[str, int] = {}
    with db.read() as session:
        for name, table in sorted(Base.metadata.tables.items()):
            counts[name] = int(session.scalar(select(func.count()).select_from(table)) or 0)
    return counts


def _check_integrity(db: Database) -> CheckItem:
    if not db.is_sqlite:
        return CheckItem("integrity", True, "非 SQLite 数据库，由服务器负责")
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    ok = rows == ["ok"]
    return CheckItem("integrity", ok, "完好" if ok else "；".join(map(str, rows[:5])))


def _check_foreign_keys(db: Database) -> CheckItem:
    if not db.is_sqlite:
        return CheckItem("foreign_keys", True, "由服务器约束保证")
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return CheckItem("foreign_keys", True, "无悬空引用")
    sample = "；".join(f"{r[0]} 行 {r[1]} → {r[2]}" for r in rows[:5])
    return CheckItem("foreign_keys", False, f"{len(rows)} 处引用指向不存在的记录：{sample}")


def _check_schema(db: Database) -> CheckItem:
    with db.engine.connect() as conn:
        current = migrate.current_revision(conn)
    head = migrate.head_revision()
    ok = current == head
    return CheckItem("schema_version", ok, f"结构版本 {current}" + ("" if ok else f"，应为 {head}"))


def _check_search(db: Database) -> CheckItem:
    with db.read() as session:
        problems = search_index.integrity_problems(session)
        indexed = int(session.scalar(select(func.count(SearchDoc.id))) or 0)
        expected = {(d[0], d[1]): d[4] for d in search.all_docs(session)}
        stored = {
            (r[0], r[1]): r[2]
            for r in session.execute(select(SearchDoc.kind, SearchDoc.ref_id, SearchDoc.body))
        }
    stale = sum(1 for key, body in expected.items() if stored.get(key) != body)
    extra = len(stored.keys() - expected.keys())
    if stale or extra:
        problems.append(f"{stale} 条记录未索引或索引过期，{extra} 条索引指向已删除的记录")
    ok = not problems
    detail = f"已索引 {indexed} 条" if ok else "；".join(problems)
    return CheckItem("search_index", ok, detail)


def _check_accounts(db: Database) -> CheckItem:
    """Accounts the audit trail cannot tell apart: names equal but for their case (`Demo`, `demo`),
    or one display name for two accounts with a password. New ones are refused; older databases may
    hold them, so they are named here rather than refused on upgrade."""
    with db.read() as session:
        rows = session.execute(select(Account.name, Account.display_name, Account.password_hash)).all()
    names: dict[str, list[str]] = {}
    shown: dict[str, list[str]] = {}
    for name, display, password_hash in rows:
        names.setdefault(name.lower(), []).append(name)
        if password_hash is not None and display:
            shown.setdefault(display.lower(), []).append(name)
    problems = [f"账号名只差大小写：{'、'.join(sorted(group))}" for group in names.values() if len(group) > 1]
    problems += [
        f"显示名“{display}”有 {len(group)} 个账号：{'、'.join(sorted(group))}"
        for display, group in shown.items()
        if len(group) > 1
    ]
    if not problems:
        return CheckItem("accounts", True, f"账号 {len(rows)} 个，审计记录中可区分")
    advice = "（审计日志以“显示名（账号）”区分；请管理员修改显示名，或锁定不用的账号）"
    return CheckItem("accounts", False, "；".join(problems) + advice)


def _check_audit_chain(db: Database) -> CheckItem:
    with db.read() as session:
        connection = session.connection()
        report = audit_anchor.with_backups(audit_chain.verify(connection), connection, db.path)
    if report.first_break is None:
        return CheckItem("audit_chain", True, f"审计记录 {report.count} 条，哈希链完整")
    return CheckItem(
        "audit_chain", False, f"审计记录哈希链断裂（{report.breaks} 处）：{report.first_break.detail}"
    )


def check(
    ctx: ServiceContext, repair: bool = False, progress: Callable[[int], None] | None = None
) -> CheckReport:
    """Integrity, foreign keys, schema version, search index, the audit trail's hash chain; `repair`
    rebuilds the search index (a broken audit chain is never "repaired": it is evidence).

    Reading is the backup holders' and the 安全审计员's (the chain check is his job); `repair` writes
    and is the backup holders' alone."""
    if repair:
        access.require_any(ctx, Permission.BACKUP, action="修复数据库（重建搜索索引）")
    else:
        access.require_any(ctx, Permission.BACKUP, Permission.AUDIT, action="执行数据库检查")
    db = ctx.db
    items = [_check_integrity(db), _check_foreign_keys(db), _check_schema(db), _check_search(db)]
    items.append(_check_audit_chain(db))
    items.append(_check_accounts(db))
    if repair and not items[3].ok:
        with db.uow() as session:
            count = search.rebuild(session, progress)
            audit.record(session, ctx, "repair", "search_doc", summary=f"重建搜索索引 {count} 条")
        after = _check_search(db)
        items[3] = CheckItem("search_index", after.ok, f"已重建：{after.detail}", repaired=True)
    return CheckReport(tuple(items))


def backup(
    ctx: ServiceContext,
    dest: Path,
    progress: Callable[[int, int], None] | None = None,
    kind: str = "manual",
) -> Path:
    """A verified copy of the live database (SQLite online backup API) in the new file `dest` (or in
    the folder `dest`); raises `StorageError` and leaves nothing behind when it cannot be verified.
    Its audit record names the chain position, schema revision and file (`services.restore_point`)."""
    access.require(ctx, Permission.BACKUP)
    path = ctx.db.path
    if path is None:
        raise StorageError("在线备份仅适用于本机 SQLite 数据库；PostgreSQL 请使用 pg_dump")
    dest = Path(os.path.abspath(dest.expanduser()))
    if dest.is_dir():
        dest = dest / f"{path.stem}-backup.db"
    with ctx.db.read() as session:
        head = audit_chain.read_head(session.connection())
        revision = migrate.current_revision(session.connection())
    snapshot = sqlite_tools.online_backup(path, dest, progress)
    changes = {
        "kind": kind,
        "path": str(dest),
        "rows": sum(snapshot.counts.values()),
        "chain_seq": head.seq if head else 0,  # read before the copy: it holds at least this much
        "revision": revision,
        "files": {str(dest): backup_files.file_mark(dest)},
    }
    try:
        with ctx.db.uow() as session:
            audit.record(session, ctx, "backup", "database", changes=changes, summary=str(dest)[:200])
    except StorageError as exc:  # the copy is made and verified; only its audit line is missing
        log.warning("backup %s made, but not recorded in the audit trail: %s", dest, exc)
    return dest


def move_data_file(
    ctx: ServiceContext, dest: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """设置 → 移动到…: a verified copy of the database in the new file `dest`, which this computer uses
    from its next start (the caller stores the path); the old file is kept. Choosing where this
    computer's data lives is a setting: an administrator's (a 领导查阅 or a 干部科经办 is refused with
    "无权移动数据文件", not with the backup's words)."""
    access.require_any(ctx, Permission.SETTINGS, action="移动数据文件")
    return backup(ctx, dest, progress, kind="move")
