"""Opening a database: URL resolution, SQLite pragmas and transactions, the unit of work.

SQLite-specific set-up lives here (and in `search_index.py`, `sqlite_tools.py`), so that PostgreSQL is
an added branch, not a rewrite.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.db.failures import refused_as_read_only, storage_error
from cadre_desk.errors import StorageError

log = logging.getLogger("cadre_desk.db")

READ_ONLY_WINDOW = (
    "此窗口以只读方式打开（数据库正由另一个干部成长档案台窗口使用），不能写入。"
    "请在那个窗口中操作，或等它关闭后重新打开本程序。"
)

SQLITE_HEADER = b"SQLite format 3\x00"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
# How long a writer waits for another one (an import in another window) before giving up with a message.
BUSY_TIMEOUT_MS = 5000
# Connections of a SQLite file kept open between units of work (more are opened while more threads
# work at once, and closed when they are returned).
POOL_SIZE = 3
# Page cache per connection, in KiB. A plain file's pages come back from the OS cache cheaply; an
# encrypted file's are decrypted and their HMAC checked on every read from the file, so its pooled
# connections keep more of them (on the 10,000-cadre county, switching to 结对帮带 took over twice the
# plain time with 8 MB, about the plain time with 64 MB: benchmarks/bench_encryption.py).
CACHE_KIB = 8_000
ENCRYPTED_CACHE_KIB = 64_000


def busy_timeout_ms() -> int:
    """BUSY_TIMEOUT_MS, or `CADRE_DESK_BUSY_TIMEOUT_MS` (tests that hold a lock on purpose)."""
    value = os.environ.get("CADRE_DESK_BUSY_TIMEOUT_MS", "")
    return int(value) if value.isdigit() else BUSY_TIMEOUT_MS


def resolve_url(path_or_url: str) -> URL:
    """A SQLAlchemy URL for `--db`: either a URL (`postgresql+psycopg://…`) or a file path."""
    if "://" in path_or_url:
        try:
            url = make_url(path_or_url)
        except Exception as exc:  # sqlalchemy raises ArgumentError for a malformed URL
            raise StorageError(f"数据库地址无法识别：{path_or_url}（{exc}）") from None
        if url.get_backend_name() not in SUPPORTED_BACKENDS:
            raise StorageError(
                f"不支持的数据库类型“{url.get_backend_name()}”：只能使用 SQLite 数据库文件（给出文件路径）"
                "或 PostgreSQL 服务器（postgresql+psycopg://用户:密码@主机/库名）。"
            )
        return url
    path = Path(path_or_url).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_path(url: URL) -> Path | None:
    if is_sqlite(url) and url.database and url.database != ":memory:":
        return Path(url.database)
    return None


def _file_identity(path: Path) -> tuple[int, int] | None:
    """The file behind `path` (device, inode), or None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _sqlite_pragmas(cache_kib: int) -> Any:
    """The engine's `connect` listener: our pragmas on each new connection."""

    def set_pragmas(dbapi_connection: Any, record: Any) -> None:
        # The driver's own transaction handling is off; SQLAlchemy's `begin` event issues BEGIN, so
        # that DDL and DML share real transactions (the SQLAlchemy pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        busy = busy_timeout_ms()
        cursor.execute(f"PRAGMA busy_timeout={busy}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # The page cache is kept warm between units of work by the pool (the most recently returned
        # connection is handed out first, so mostly one connection's cache fills). A plain file's is
        # small: the pages a query touched stay in the process (malloc keeps the freed memory), and
        # with 32 MB a few page visits on the 10,000-cadre database cost some 70 MB of resident memory
        # (issue 4); an encrypted file's is larger (ENCRYPTED_CACHE_KIB).
        cursor.execute(f"PRAGMA cache_size=-{cache_kib}")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()
        record.info["busy_timeout"] = busy

    return set_pragmas


def _pool_checkout(path: Path) -> Any:
    """The pool's check on a connection it hands out: one to a file that is no longer the database's
    (restored or converted by renaming a new file over it, deleted, a USB stick pulled out) is closed
    and a new one opened, as if it had never been pooled. A stat per unit of work."""

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        identity = _file_identity(path)
        if identity is None or record.info.get("file") not in (None, identity):
            raise DisconnectionError(f"the database file changed: {path}")
        record.info.setdefault("file", identity)
        busy = busy_timeout_ms()
        if record.info.get("busy_timeout") != busy:  # changed since (tests that hold a lock on purpose)
            dbapi_connection.execute(f"PRAGMA busy_timeout={busy}")
            record.info["busy_timeout"] = busy

    return checkout


def _begin(conn: Any) -> None:
    # A unit of work that will write takes the write lock up front (IMMEDIATE): a deferred
    # transaction that upgrades later can fail at once with SQLITE_BUSY instead of waiting.
    immediate = conn.get_execution_options().get("cadre_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: URL, read_only: bool = False) -> Engine:
    """The engine of a database URL. SQL parameters (names, ID numbers) are never put into error
    messages, so they reach neither the log nor the crash dialog (`hide_parameters`)."""
    path = sqlite_path(url)
    if path is not None:
        # Every connection comes from `sqlite_tools.connect` (a URI with the path escaped).
        # An encrypted file (its key unlocked in this process) is opened through SQLCipher: the
        # engine's DB-API module is then sqlcipher3, so its errors are wrapped like sqlite3's.
        #
        # Pooled (NullPool used to give each unit of work a new connection): a new
        # connection starts with a cold page cache, so every page read is read again, and on an
        # encrypted file decrypted and its HMAC checked again (page switching cost up to twice the
        # plain figures), and the last connection to close checkpoints the WAL. What NullPool was
        # chosen for still holds:
        # - threads: a connection is used by one unit of work at a time, whichever thread it runs on
        #   (the connections are made with check_same_thread=False; the pool hands a connection to one
        #   checkout at a time); more threads at once get more connections (unbounded overflow, never
        #   a wait), closed when returned beyond POOL_SIZE;
        # - the file closed with the app: `Database.dispose` (the window's exit, the command line's
        #   end) closes the pooled connections; so do encrypt/decrypt and a restore, before the file
        #   is converted or replaced (`Database.reopen`, `services.backups.restore`);
        # - a file replaced under us: `_pool_checkout` drops a connection whose file is gone or changed;
        # - locks: a returned connection is rolled back (the pool's reset), so an idle one holds no
        #   lock and no read snapshot; a failed BEGIN IMMEDIATE (busy) leaves it reusable.
        key = cipher.key_for(path)
        extra: dict[str, Any] = {"module": cipher.dbapi()} if key is not None else {}
        engine = create_engine(
            url,
            poolclass=QueuePool,
            pool_size=POOL_SIZE,
            max_overflow=-1,
            pool_use_lifo=True,
            pool_reset_on_return="rollback",
            hide_parameters=True,
            creator=lambda: sqlite_tools.connect(
                path, read_only=read_only, timeout=busy_timeout_ms() / 1000, key=key
            ),
            **extra,
        )
        event.listen(engine, "connect", _sqlite_pragmas(CACHE_KIB if key is None else ENCRYPTED_CACHE_KIB))
        event.listen(engine, "checkout", _pool_checkout(path))
        event.listen(engine, "begin", _begin)
        return engine
    if is_sqlite(url):
        raise StorageError(
            "SQLite 地址中缺少数据库文件的路径（例如 sqlite:////home/用户/cadre-desk.db，或直接给出文件路径）。"
        )
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@dataclass
class Database:
    """An open database: the engine and the session factory for units of work."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    # False: opened read-only on purpose (another window holds the file, a print worker): nothing is
    # offered or allowed that writes (services/access.py), and a write that slips through says why.
    writable: bool = True
    # The window's listener for refusals: services/access.py calls it (context, the PermissionDenied,
    # the refused service function) as it refuses, and the window records them in the audit trail as
    # the CLI does at its boundary. None elsewhere.
    on_refusal: Callable[..., None] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_url(cls, url: URL) -> Database:
        engine = make_engine(url)
        return cls(url, engine, sessionmaker(engine, expire_on_commit=False))

    @classmethod
    def read_only(cls, path: Path) -> Database:
        """A SQLite file opened read-only (worker processes that only gather print data)."""
        url = URL.create("sqlite+pysqlite", database=str(path))
        engine = make_engine(url, read_only=True)
        return cls(url, engine, sessionmaker(engine, expire_on_commit=False), writable=False)

    @property
    def encrypted(self) -> bool:
        """Whether this is a SQLCipher-encrypted SQLite file."""
        path = self.path
        return path is not None and cipher.key_for(path) is not None

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    def display_name(self) -> str:
        path = self.path
        return str(path) if path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def uow(self) -> Iterator[Session]:
        """One unit of work: commits if the block succeeds, rolls back if it raises.

        On SQLite it takes the write lock at once (BEGIN IMMEDIATE), waiting up to BUSY_TIMEOUT_MS for
        another writer. Storage failures (locked, full, read-only, vanished, a lost server) become a
        `StorageError` with the user's message.
        """
        with self._storage_errors(), self.sessions() as session, session.begin():
            if self.is_sqlite:
                session.connection(execution_options={"cadre_write": True})
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end; never writes, never takes the write lock)."""
        with self._storage_errors(), self.sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        try:
            yield
        except (DBAPIError, OSError) as exc:
            error = storage_error(exc, self.path)
            if error is None:
                raise
            if not self.writable and refused_as_read_only(exc):
                error = StorageError(READ_ONLY_WINDOW)
            log.info("storage error on %s: %s", self.display_name(), exc)
            raise error from exc

    def reopen(self) -> None:
        """A new engine for the same file, after its encryption changed (`db.encryption`): holders of
        this Database keep using it."""
        self.engine.dispose()
        self.engine = make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()
