"""What went wrong with the storage, in words a user can act on: the one place that turns SQLite's and
PostgreSQL's errors (and the file system's) into Chinese messages.

`storage_error(exc, where)` is called by `Database.uow` / `Database.read` for every unit of work, so a
locked, full, read-only or vanished database reaches the window and the command line as a
`StorageError` with a message, never as a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from sqlalchemy import exc as sa_exc

from cadre_desk.db.cipher import DB_ERRORS, DB_INTEGRITY_ERRORS, DB_PROGRAMMING_ERRORS
from cadre_desk.errors import StorageError

# Primary result codes (https://sqlite.org/rescode.html)
SQLITE_READONLY, SQLITE_BUSY, SQLITE_LOCKED = 8, 5, 6
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26


def holders(path: Path | None) -> list[str]:
    """The other processes that have the database (or its WAL) open, as `pid 123 (command)`; Linux
    only (read from /proc), empty elsewhere or when nothing can be seen."""
    if path is None or not Path("/proc/self/fd").is_dir():
        return []
    targets = {str(p) for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-journal"))}
    found: list[str] = []
    me = os.getpid()
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != me]
    except OSError:
        return []
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if not any(os.readlink(f"/proc/{pid}/fd/{fd}") in targets for fd in fds):
                continue
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                cmd = handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        found.append(f"进程 {pid}（{cmd[:80]}）")
    return found[:3]


def _held_by(path: Path | None) -> str:
    names = holders(path)
    who = "、".join(names) if names else "另一个干部成长档案台窗口或命令，或其他打开了该文件的程序"
    return f"正被占用：{who}"


def _nearly_full(path: Path | None) -> bool:
    """Whether the file system of `path` has (almost) no room left: a write to the WAL on a full disk
    is reported by SQLite as an I/O error, not as SQLITE_FULL."""
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def describe_sqlite_error(exc: Exception, path: Path | None = None) -> str:
    """A user's message for a sqlite3 error, by its result code."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    where = f"（{path}）" if path is not None else ""
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text:
        return (
            f"数据库文件{where}{_held_by(path)}。等待后仍无法写入："
            "请等它完成（例如导入结束）或关闭它，然后重试。"
        )
    if primary == SQLITE_FULL or "disk is full" in text or (primary == SQLITE_IOERR and _nearly_full(path)):
        return f"磁盘已满，无法写入数据库{where}。本次修改未保存；请腾出磁盘空间后重试。"
    if primary == SQLITE_READONLY or "readonly" in text:
        return f"数据库文件{where}或其所在目录是只读的，无法写入。请检查文件权限或存储介质的写保护。"
    if primary == SQLITE_CANTOPEN:
        return f"无法打开数据库文件{where}：文件或其所在目录不存在或无法访问（U 盘是否已拔出？）"
    if primary == SQLITE_IOERR:
        return f"读写数据库文件{where}时出错：磁盘或 U 盘可能已被拔出或损坏。本次修改未保存；请检查后重试。"
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text:
        return f"数据库文件已损坏{where}（{text}）。请从备份恢复。"
    return f"数据库出错{where}：{text}"


def describe_copy_error(exc: Exception, source: Path, dest: Path) -> str:
    """A user's message for a failed copy of `source` into `dest` (a backup): the source is only read,
    so a full, read-only or vanished medium is the target's, and nothing of the user's data is lost."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc)
    folder = dest.parent
    if not source.exists() or primary in (SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_BUSY, SQLITE_LOCKED):
        return describe_sqlite_error(exc, source)
    if primary == SQLITE_FULL or "disk is full" in text or (primary == SQLITE_IOERR and _nearly_full(dest)):
        return f"目标位置（{folder}）磁盘已满，备份未写入。请腾出空间或换一个位置后重试。"
    if primary in (SQLITE_READONLY, SQLITE_CANTOPEN) or "readonly" in text:
        return f"无法写入目标位置（{folder}）：没有写入权限、介质是只读的（U 盘写保护？）或已被拔出。"
    if primary == SQLITE_IOERR:
        return f"写入目标位置（{folder}）时出错：磁盘或 U 盘可能已被拔出或损坏。"
    return describe_sqlite_error(exc, source)


def refused_as_read_only(exc: BaseException) -> bool:
    """Whether SQLite refused a write because the connection (or the file) is read-only."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return (isinstance(code, int) and code & 0xFF == SQLITE_READONLY) or "readonly" in str(orig)


TRANSIENT = (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY)


def is_transient(exc: Exception) -> bool:
    """Whether the failure may pass (locked, full, read-only, vanished), so a retry makes sense."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (isinstance(code, int) and code & 0xFF in TRANSIENT) or "locked" in str(exc)


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "没有写入权限或介质是只读的"
    if exc.errno == errno.ENOENT:
        return f"文件或目录不存在（{exc.filename}）"
    if exc.errno == errno.EIO:
        return "读写错误（磁盘或 U 盘可能已被拔出）"
    return exc.strerror or str(exc)


def storage_error(exc: BaseException, path: Path | None = None) -> StorageError | None:
    """The `StorageError` for a database error (None: not a storage problem, i.e. a bug)."""
    if isinstance(exc, sa_exc.DBAPIError) and exc.orig is not None:
        orig = exc.orig
        if isinstance(orig, DB_ERRORS):  # sqlite3's or, for an encrypted file, sqlcipher3's
            if isinstance(orig, DB_PROGRAMMING_ERRORS):
                return None  # our SQL is wrong: a bug
            if isinstance(orig, DB_INTEGRITY_ERRORS):
                return StorageError(f"数据与已有记录冲突，未保存（{orig}）。请刷新后重试。")
            return StorageError(describe_sqlite_error(orig, path), retryable=is_transient(orig))
        module = type(orig).__module__
        if module.startswith("psycopg"):
            return _postgres_error(exc)
        return None
    if isinstance(exc, OSError) and exc.errno is not None:
        return StorageError(f"读写文件时出错：{describe_os_error(exc)}", retryable=True)
    return None


def _postgres_error(exc: sa_exc.DBAPIError) -> StorageError | None:
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    constraint = getattr(diag, "constraint_name", None) or ""
    if isinstance(exc, sa_exc.IntegrityError):
        named = f"（约束 {constraint}）" if constraint else ""
        return StorageError(f"数据与服务器上已有的记录冲突{named}，未保存。请刷新后重试。")
    if isinstance(exc, sa_exc.OperationalError):
        if exc.connection_invalidated or "connection" in str(orig).lower():
            return StorageError(
                "与数据库服务器的连接已断开或无法建立，本次操作未完成。请检查网络和服务器后重试。",
                retryable=True,
            )
        return StorageError(f"数据库服务器拒绝了本次操作，未保存：{str(orig).splitlines()[0]}")
    if isinstance(exc, sa_exc.DataError):
        return StorageError(
            f"数据库服务器拒绝了这些数据（格式或长度不符），未保存：{str(orig).splitlines()[0]}"
        )
    return None
