"""SQLite-only file work: every connection to a database file, sniffing, the verified online backup,
integrity checks and WAL checkpoints.

Every SQLite connection of the program is opened by `connect` here, from a URI built by `file_uri`, in
which every character of the path is percent-encoded: a folder named `x#y` once cut a read-only URI
short (`file:/data/x#y/…?mode=ro` opened `/data/x`), and a "verified" backup copied an empty database.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cadre_desk.db import cipher
from cadre_desk.db.cipher import DB_ERRORS, CipherKey
from cadre_desk.db.failures import describe_copy_error, describe_os_error, describe_sqlite_error, is_transient
from cadre_desk.errors import StorageError, WrongPassphrase

SQLITE_HEADER = b"SQLite format 3\x00"
# The files SQLite keeps beside a database; none of them may ever be a backup's target.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
PART_SUFFIX = ".part"
log = logging.getLogger("cadre_desk.db")


def file_uri(path: Path, read_only: bool = False) -> str:
    """The `file:` URI of a database file, every reserved character of the path escaped."""
    uri = Path(os.path.abspath(path)).as_uri()  # percent-encodes #, ?, %, &, spaces, non-ASCII
    return uri + ("?mode=ro" if read_only else "")


def connect(
    path: Path, read_only: bool = False, timeout: float = 5.0, key: CipherKey | None = None
) -> sqlite3.Connection:
    """A connection to the database file `path` (never creating one when `read_only`).

    An encrypted file (one whose key `cipher.remember` holds, or `key` given) is opened through
    SQLCipher with its key; the connection behaves like a `sqlite3.Connection` (same DB-API), but its
    errors are sqlcipher3's: catch `cipher.DB_ERRORS`.
    """
    key = key or cipher.key_for(path)
    uri = file_uri(path, read_only)
    if read_only and Path(str(path) + "-journal").exists():
        # A rollback journal beside the file: if a program was killed mid-write it is "hot", and only a
        # connection that may write can roll it back (a read-only one fails as if the file were
        # read-only). SQLite decides under its locks whether the journal is hot; `mode=rw` still never
        # creates the file.
        uri = file_uri(path) + "?mode=rw"
    if key is not None:
        conn: sqlite3.Connection = cipher.connect_encrypted(uri, key, timeout)
        return conn
    return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)


def companions(path: Path) -> list[Path]:
    """The database file and the journal, WAL and shared-memory files beside it."""
    return [path, *(Path(str(path) + suffix) for suffix in COMPANION_SUFFIXES)]


def sniff(path: Path) -> str:
    """'missing', 'empty' (0 bytes: a new file), 'sqlite', 'encrypted' (could be a SQLCipher file:
    its size a whole number of pages and its first page random-looking; only the key can tell it from
    random damage) or 'other'."""
    if not path.exists():
        return "missing"
    if path.is_dir():
        return "other"
    try:
        with path.open("rb") as handle:
            head = handle.read(ENCRYPTED_PAGE_MIN)
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"无法读取数据库文件 {path}：{describe_os_error(exc)}") from None
    if not head:
        return "empty"
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    return "encrypted" if _looks_encrypted(head, size) else "other"


ENCRYPTED_PAGE_MIN = 512  # SQLCipher pages are 512 … 65536 bytes (4096 by default)


def _looks_encrypted(head: bytes, size: int) -> bool:
    """Whether the first bytes could be a SQLCipher page: ciphertext uses nearly all 256 byte values
    evenly (a text file, a zeroed or truncated file does not)."""
    if size < ENCRYPTED_PAGE_MIN or size % ENCRYPTED_PAGE_MIN or len(head) < ENCRYPTED_PAGE_MIN:
        return False
    counts = [0] * 256
    for byte in head:
        counts[byte] += 1
    return max(counts) <= 24 and sum(1 for c in counts if c) >= 160  # random: max 5-14, 200-240 values


NOT_PLAIN_HINT = (
    "明文 SQLite 数据库文件以“SQLite format 3”开头，此文件不是："
    "它要么是加密的数据库，要么已损坏或不是本程序的文件"
)


def unlock(path: Path, passphrase: str) -> CipherKey:
    """The key of the encrypted file `path` for `passphrase`, checked by reading the schema, and
    remembered for every later connection. A wrong passphrase (or a damaged file: SQLCipher cannot
    tell the two apart) raises `StorageError`."""
    try:
        salt = cipher.file_salt(path)
    except OSError as exc:
        raise StorageError(f"无法读取数据库文件 {path}：{describe_os_error(exc)}") from None
    key = cipher.derive(passphrase, salt)
    try:
        conn = connect(path, read_only=True, key=key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DB_ERRORS as exc:
        if is_transient(exc):
            raise StorageError(describe_sqlite_error(exc, path), retryable=True) from None
        if first_page_opens(path, key):
            cipher.remember(path, key)  # the key is right: backups made under it open with it
            raise KeyRightFileDamaged(f"口令正确，但数据库文件已损坏，无法读取：{path}") from None
        raise WrongPassphrase(
            f"口令不正确，无法打开数据库 {path}。"
            f"（{NOT_PLAIN_HINT}；口令无误时说明文件已损坏，请从备份恢复。）"
        ) from None
    cipher.remember(path, key)
    return key


class KeyRightFileDamaged(StorageError):
    """The passphrase opens the encrypted file's first page, but the file cannot be read."""


def first_page_opens(path: Path, key: CipherKey) -> bool:
    """Whether `key` authenticates the first page of the encrypted file `path` (SQLCipher's HMAC).
    Checked on a copy of that page alone: the check reads every page of the file it is given, and a
    mistyped passphrase must not cost a pass over 3 GB. False when it cannot be told."""
    try:
        with path.open("rb") as handle:
            head = handle.read(cipher.PAGE_SIZE)
    except OSError:
        return False
    if len(head) < cipher.PAGE_SIZE:
        return False
    with tempfile.TemporaryDirectory(prefix="cadre-desk-page-") as folder:
        page = Path(folder) / "page1.db"
        page.write_bytes(head)  # still encrypted: nothing readable leaves the file
        try:
            conn = connect(page, read_only=True, key=key)
            try:
                return conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
            finally:
                conn.close()
        except DB_ERRORS:
            return False


def opens_with(path: Path, key: CipherKey) -> bool:
    """Whether the encrypted file `path` opens with `key` (its schema reads); nothing is remembered."""
    try:
        conn = connect(path, read_only=True, key=key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DB_ERRORS:
        return False
    return True


class CheckStopped(Exception):
    """`QuickCheck.stop()` interrupted the check."""


class QuickCheck:
    """`PRAGMA quick_check` on a read-only connection that another thread can stop (`stop()`).

    quick_check runs inside one SQLite opcode, so a progress handler would not be called during it;
    `sqlite3.Connection.interrupt()` is.
    """

    def __init__(self, path: Path, key: CipherKey | None = None) -> None:
        self.path = path
        self.key = key
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._stopped = False

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._conn is not None:
                self._conn.interrupt()

    def run(self) -> list[str]:
        """The problems found (empty: sound); raises `CheckStopped` after `stop()`."""
        with self._lock:
            if self._stopped:
                raise CheckStopped
            try:
                conn = connect(self.path, read_only=True, key=self.key)
            except DB_ERRORS as exc:
                return [describe_sqlite_error(exc, self.path)]
            self._conn = conn
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except DB_ERRORS as exc:
            if self._stopped:
                raise CheckStopped from None
            if is_transient(exc):  # locked by another program: not a damaged file
                raise StorageError(describe_sqlite_error(exc, self.path), retryable=True) from None
            return [str(exc)]
        finally:
            with self._lock:
                self._conn = None
            conn.close()
        problems = [str(row[0]) for row in rows]
        return [] if problems == ["ok"] else problems


def quick_check(path: Path, key: CipherKey | None = None) -> list[str]:
    """Problems reported by `PRAGMA quick_check` (empty list: fine). Opens the file read-only (an
    encrypted one with `key`, or the key remembered for it)."""
    return QuickCheck(path, key).run()


def read_revision(path: Path, key: CipherKey | None = None) -> tuple[bool, str | None]:
    """(has tables of its own, Alembic revision), read without writing a byte (read-only, no WAL switch)."""
    try:
        conn = connect(path, read_only=True, key=key)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except DB_ERRORS as exc:
        raise StorageError(describe_sqlite_error(exc, path), retryable=is_transient(exc)) from None
    return bool(names - {"alembic_version"}), revision


# --- the verified backup -------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What a database held at one moment: its tables and the row count of each."""

    counts: dict[str, int]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def take_snapshot(conn: sqlite3.Connection) -> Snapshot:
    """Tables and row counts, read in `conn`'s current transaction (virtual tables are counted through
    their shadow tables)."""
    names = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
            "ORDER BY name"
        )
    ]
    return Snapshot(
        {name: int(conn.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0]) for name in names}
    )


def refuse_own_files(source: Path, dest: Path) -> None:
    """A backup must never overwrite the database or one of its companion files."""
    own = companions(source.resolve())
    target = dest.resolve()
    same = target in own
    if not same and dest.exists():
        same = any(p.exists() and os.path.samefile(p, dest) for p in own)
    if same:
        raise StorageError(
            f"不能把备份写到数据库文件本身或它的附属文件（-wal、-shm、-journal）上：{dest}。请另选一个文件名。"
        )


def part_files(dest: Path) -> list[Path]:
    """The temporary files of a backup into `dest`: the copy being written and its journals."""
    return companions(dest.with_name(dest.name + PART_SUFFIX))


def remove_part_files(dest: Path) -> None:
    """Best effort, never raises: it runs in failure handlers, where the original error is the one
    to report. On a read-only medium even unlinking a missing file fails (EROFS, not ENOENT)."""
    for part in part_files(dest):
        try:
            part.unlink(missing_ok=True)
        except OSError as exc:
            if part.exists():
                log.warning("could not remove the unfinished copy %s: %s", part, exc)


def _fsync(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:
            return  # Windows cannot open a directory; its rename is durable enough
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in the folder `path` durable (a no-op where folders cannot be opened)."""
    _fsync(path, directory=True)


def verify_copy(path: Path, expected: Snapshot, key: CipherKey | None = None) -> None:
    """Open the copy read-only and compare: the same tables, sound, the same row count in each
    (an encrypted copy with `key`: a copy that does not open with it fails)."""
    conn = connect(path, read_only=True, key=key)
    try:
        result = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise StorageError(f"备份文件校验失败（完整性检查）：{'；'.join(result[:3])}")
        conn.execute("BEGIN")
        got = take_snapshot(conn)
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    if set(got.counts) != set(expected.counts):
        missing = sorted(set(expected.counts) - set(got.counts))
        raise StorageError(f"备份文件校验失败：缺少数据表 {'、'.join(missing[:5]) or '（表不一致）'}")
    wrong = [name for name, n in expected.counts.items() if got.counts[name] != n]
    if wrong:
        name = wrong[0]
        raise StorageError(
            f"备份文件校验失败：表 {name} 应有 {expected.counts[name]} 行，备份中为 {got.counts[name]} 行"
        )


def online_backup(
    source: Path, dest: Path, progress: Callable[[int, int], None] | None = None, pages: int = 256
) -> Snapshot:
    """Copy a live database into the new file `dest`, verified; returns what the copy holds.

    The row counts are read in the same read transaction as the copy (one snapshot, whatever other
    connections write meanwhile). The copy is written to `dest.part` in the target folder, verified
    (tables, integrity_check, row counts), synced to disk and only then renamed to `dest`; a copy that
    fails is deleted, and stale `.part` files of an earlier, killed backup are removed first.
    The copy of an encrypted database is encrypted with the same key and salt (the same passphrase
    opens it) and verified through that key.
    """
    refuse_own_files(source, dest)
    if dest.exists():
        raise StorageError(f"目标文件已存在：{dest}")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份目录 {dest.parent}：{describe_os_error(exc)}") from None
    tmp = part_files(dest)[0]
    key = cipher.key_for(source)
    try:
        remove_part_files(dest)
        src = connect(source, read_only=True)
        try:
            src.isolation_level = None
            src.execute("BEGIN")  # one read snapshot for the counts and the copy
            expected = take_snapshot(src)
            out = connect(tmp, key=key)
            try:
                out.execute("PRAGMA synchronous=FULL")

                def on_progress(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                src.backup(out, pages=pages, progress=on_progress)
                out.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            finally:
                out.close()
            src.execute("ROLLBACK")
        finally:
            src.close()
        verify_copy(tmp, expected, key)
        _fsync(tmp)
        if dest.exists():
            raise StorageError(f"目标文件已存在：{dest}")
        os.replace(tmp, dest)
        _fsync(dest.parent, directory=True)
    except DB_ERRORS as exc:
        remove_part_files(dest)
        raise StorageError(f"备份失败：{describe_copy_error(exc, source, dest)}") from None
    except OSError as exc:
        remove_part_files(dest)
        raise StorageError(f"备份失败（{dest.parent}）：{describe_os_error(exc)}") from None
    except BaseException:
        remove_part_files(dest)
        raise
    return expected


def checkpoint(path: Path) -> None:
    """Fold the WAL back into the main file (after bulk loads, before copying)."""
    conn = connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
