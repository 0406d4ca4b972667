"""`open_database`: every check that keeps a bad `--db` from touching a file, then the migration."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from cadre_desk import paths
from cadre_desk.db import cipher, migrate, sqlite_tools
from cadre_desk.db.engine import Database, resolve_url, sqlite_path
from cadre_desk.db.failures import describe_os_error, storage_error
from cadre_desk.errors import DamagedDatabase, PassphraseNeeded, StorageError, WrongPassphrase

log = logging.getLogger("cadre_desk.db")

# `PRAGMA quick_check` reads the whole file: ~10 s on a 3 GB database. Above this size it is left to
# `check` and to the client's background check after start-up, except before a schema upgrade.
VERIFY_ON_OPEN_MAX_BYTES = 256 * 1024 * 1024


def damaged(path: Path, what: str) -> DamagedDatabase:
    """The error for a damaged file, naming the newest good backup and the command that restores it."""
    from cadre_desk.db import backup_files

    backup = backup_files.latest_good_backup(path)
    if backup is None:
        return DamagedDatabase(f"{what}。没有找到可用的备份。", path, None)
    when = dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y.%m.%d %H:%M")
    return DamagedDatabase(
        f'{what}。最近的完好备份：{backup}（{when}）。恢复：cadre-desk --db "{path}" restore "{backup}"',
        path,
        backup,
    )


def newest_backup_file(path: Path) -> Path | None:
    """The newest backup file of `path`, unchecked: after a wrong passphrase (or a damaged first page)
    nothing can check an encrypted backup, and a typo must not cost a pass over a 3 GB plain one."""
    from cadre_desk.db import backup_files

    found = backup_files.backups_of(path, paths.backup_dir())
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def _verify(path: Path) -> None:
    problems = sqlite_tools.quick_check(path)
    if problems:
        raise damaged(path, f"数据库文件已损坏：{path}（{problems[0]}）")


def _check_sqlite_file(
    path: Path, create: bool, passphrase: str | None, encrypt: bool, writable: bool = True
) -> None:
    kind = sqlite_tools.sniff(path)
    if encrypt:
        if kind not in ("missing", "empty"):
            raise StorageError(
                f"数据库文件已存在：{path}。要加密已有的数据库，请使用 encrypt 命令（或 设置 → 加密数据库）。"
            )
        if not passphrase:
            raise PassphraseNeeded(f"创建加密数据库需要口令（环境变量 {cipher.KEY_ENV} 或输入）。")
        problem = cipher.passphrase_problem(passphrase)
        if problem:
            raise StorageError(problem)
        cipher.remember(path, cipher.new_key(passphrase))
    if kind == "missing":
        if not create:
            raise StorageError(f"数据库文件不存在：{path}")
        parent = path.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"无法创建数据目录 {parent}：{describe_os_error(exc)}") from None
        if not os.access(parent, os.W_OK):
            raise StorageError(f"目录不可写，无法在此创建数据库：{parent}")
        return
    if kind == "empty" and not create:
        # Reading commands (stats, search …) must not turn an empty file into a database.
        raise StorageError(
            f"数据库文件是空的（0 字节），还不是干部成长档案台的数据库：{path}。请先运行 init 创建。"
        )
    if kind == "other":
        error = damaged(path, f"该文件不是干部成长档案台的数据库（也不是 SQLite 文件）：{path}")
        if error.backup is None:  # never one of ours: say only what it is
            raise StorageError(f"该文件不是干部成长档案台的数据库（也不是 SQLite 文件）：{path}")
        raise error
    if kind == "encrypted" and cipher.key_for(path) is None:
        if not passphrase:
            raise PassphraseNeeded(
                f"数据库文件 {path} 需要口令才能打开（{sqlite_tools.NOT_PLAIN_HINT}）。"
                f"如果它是加密的数据库，请输入口令（命令行：环境变量 {cipher.KEY_ENV}）。"
            )
        try:
            sqlite_tools.unlock(path, passphrase)  # WrongPassphrase if it does not open
        except sqlite_tools.KeyRightFileDamaged as exc:
            raise damaged(path, str(exc)) from None
        except WrongPassphrase as exc:  # or page 1 is damaged: name the backup that would help then
            backup = newest_backup_file(path)
            if backup is None:
                raise
            raise WrongPassphrase(
                f'{exc}最近的备份文件：{backup}（恢复：cadre-desk --db "{path}" restore "{backup}"）'
            ) from None
    if not os.access(path, os.R_OK):
        raise StorageError(f"没有读取数据库文件的权限：{path}")
    if writable and (not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)):
        raise StorageError(f"数据库文件或其所在目录是只读的，无法写入：{path}")


def _storage_error(exc: DBAPIError, path: Path | None, what: str) -> StorageError:
    error = storage_error(exc, path)
    if error is None:
        return StorageError(f"{what}：{exc.orig}")
    return StorageError(f"{what}：{error}", retryable=error.retryable)


def _check_revision(current: str | None, has_tables: bool) -> None:
    if current is not None and current not in migrate.known_revisions():
        raise StorageError(
            f"该数据库由更新版本的干部成长档案台创建（结构版本 {current}），请升级本程序后再打开。"
        )
    if current is None and has_tables:
        raise StorageError("该文件不是干部成长档案台的数据库（缺少结构版本信息）。")


def _upgrade(db: Database) -> None:
    """Run the migrations in one transaction. On SQLite with foreign keys off for its duration (the
    way SQLite and Alembic's batch mode want it: a batch copies a table and drops the old one, which
    fails while other tables refer to its rows), and every reference checked before the commit."""
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection if db.is_sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, or SQLite ignores it
        try:
            with conn.begin():
                migrate.upgrade(conn)
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StorageError(
                            f"数据库升级失败，文件未改动：升级后有 {len(broken)} 处引用指向不存在的记录"
                            f"（表 {broken[0][0]}）"
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def open_database(
    path_or_url: str,
    create: bool = True,
    backup_before_upgrade: bool = True,
    verify: bool | None = None,
    passphrase: str | None = None,
    encrypt: bool = False,
    read_only: bool = False,
) -> Database:
    """Open (creating if allowed) and migrate to the newest schema; raise `StorageError` otherwise.

    A database from a newer version of the app is refused before anything is written; an older one
    is verified, backed up next to the data directory's backups and upgraded. `verify` runs SQLite's
    quick_check first: True always, False never, None (default) on files up to
    VERIFY_ON_OPEN_MAX_BYTES and before any upgrade.

    A file that is not plain SQLite is taken for an encrypted one: it opens with `passphrase`
    (`PassphraseNeeded` without one, `WrongPassphrase` when it does not open). `encrypt` creates a
    new database encrypted with `passphrase`. A plain file ignores `passphrase`.

    `read_only` opens an existing, up-to-date SQLite file without ever writing to it (another window
    holds it: `instance_lock`); nothing is created, upgraded or backed up.
    """
    url = resolve_url(path_or_url)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path, create and not read_only, passphrase, encrypt, writable=not read_only)
        if path.exists() and path.stat().st_size > 0:
            # Decide from a read-only look: even opening with our pragmas would switch a foreign
            # file to WAL mode, which rewrites its header.
            try:
                has_tables, revision = sqlite_tools.read_revision(path)
            except StorageError as exc:
                if exc.retryable or isinstance(exc, PassphraseNeeded | WrongPassphrase):
                    raise  # locked by another program, or a key question: not damaged
                raise damaged(path, f"数据库文件已损坏：{path}（{exc}）") from None
            _check_revision(revision, has_tables)
            small = path.stat().st_size <= VERIFY_ON_OPEN_MAX_BYTES
            if verify or (verify is None and (small or revision != migrate.head_revision())):
                _verify(path)
            if read_only:
                if revision != migrate.head_revision():
                    raise StorageError(
                        f"数据库 {path} 的结构需要升级，只读方式无法升级。请在正使用它的窗口关闭后再打开。"
                    )
                return Database.read_only(path)
    if read_only:
        raise StorageError("只读方式只能打开已有的 SQLite 数据库文件。")
    try:
        db = Database.from_url(url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StorageError(
            f"数据库地址无法使用：{url.render_as_string(hide_password=True)}（{exc}）"
        ) from None
    try:
        with db.engine.connect() as conn:
            current = migrate.current_revision(conn)
            has_tables = migrate.has_user_tables(conn)
            conn.rollback()
    except DBAPIError as exc:
        db.dispose()
        raise _storage_error(exc, path, "无法打开数据库") from None
    head = migrate.head_revision()
    try:
        _check_revision(current, has_tables)
    except StorageError:
        db.dispose()
        raise
    if current != head:
        if current is not None and path is not None and backup_before_upgrade:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            dest = paths.backup_dir() / f"{path.stem}-before-upgrade-{stamp}.db"
            log.info("backing up %s to %s before upgrading the schema", path, dest)
            sqlite_tools.online_backup(path, dest)
        try:
            _upgrade(db)
        except StorageError:
            db.dispose()
            raise
        except DBAPIError as exc:
            db.dispose()
            raise _storage_error(exc, path, "数据库升级失败，文件未改动") from None
        log.info("database %s migrated %s -> %s", db.display_name(), current, head)
    return db
