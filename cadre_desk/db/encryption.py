"""Converting a database file between plain SQLite and SQLCipher (and changing the passphrase of an
encrypted one: `rekey`), verified before the swap.

`convert(path, new_key)` copies the whole database with SQLCipher's `sqlcipher_export` into a new file
beside it (`NAME.converting`), encrypted with `new_key` (or plain when it is None), checks the copy
(integrity_check, the same tables, the same row count in each, read through its new key), syncs it and
only then renames it over the original. Until that rename the original is untouched; a failure at any
point leaves it as it was and deletes the copy. After the rename, the old file's blocks are
overwritten with zeros through a handle kept open on it (a best effort: an SSD or a copy-on-write file
system may keep old blocks elsewhere), so the plain text does not linger in a deleted inode.

The conversion holds an exclusive lock on the database for its whole duration (exclusive locking
mode on `main`; the export writes the attached copy in its own transactions): it fails at once with
"locked" while another program or window has the file open. SQLite's locks are POSIX locks: they
keep other processes out, not other connections of this process through the other SQLite library
(sqlite3 against sqlcipher3); the caller closes its own connections first (`Database.dispose`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.db.cipher import DB_ERRORS, CipherKey
from cadre_desk.db.failures import describe_os_error, describe_sqlite_error
from cadre_desk.errors import StorageError, WrongPassphrase

log = logging.getLogger("cadre_desk.db")

CONVERTING_SUFFIX = ".converting"


def _open_source(path: Path, key: CipherKey | None) -> Any:
    module = cipher.dbapi()
    conn = module.connect(sqlite_tools.file_uri(path), uri=True, timeout=2.0, check_same_thread=False)
    conn.isolation_level = None
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(key.pragma())
    return conn


class _Busy(Exception):
    sqlite_errorcode = 5  # SQLITE_BUSY: described like any locked file (naming who holds it)


def _shred(handle: Any, size: int) -> None:
    """Overwrite an (already unlinked) file with zeros and sync it."""
    handle.seek(0)
    block = b"\0" * (1024 * 1024)
    left = size
    while left > 0:
        n = min(left, len(block))
        handle.write(block[:n])
        left -= n
    handle.flush()
    os.fsync(handle.fileno())


def convert(
    path: Path,
    new_key: CipherKey | None,
    progress: Callable[[str], None] | None = None,
    check: Callable[[Path], None] | None = None,
) -> sqlite_tools.Snapshot:
    """Re-write the database `path` encrypted with `new_key` (None: plain), verified, then swapped in.
    The current key (if the file is encrypted) must be unlocked (`cipher.key_for`). `check(copy)` is a
    further check of the verified copy before the swap (raising `StorageError` keeps the original)."""
    old_key = cipher.key_for(path)
    tmp = path.with_name(path.name + CONVERTING_SUFFIX)
    say = progress or (lambda _text: None)
    for stale in sqlite_tools.companions(tmp):
        stale.unlink(missing_ok=True)
    try:
        src = _open_source(path, old_key)
        try:
            # Leave WAL mode (folds the WAL into the file; needs every other connection closed),
            # then hold the file exclusively until the copy has replaced it.
            mode = src.execute("PRAGMA journal_mode=DELETE").fetchone()
            if str(mode[0]).lower() != "delete":  # SQLite keeps WAL while others have the file open
                raise StorageError(f"转换数据库失败，原文件未改动：{describe_sqlite_error(_Busy(), path)}")
            src.execute("PRAGMA main.locking_mode=EXCLUSIVE").fetchall()
            src.execute("BEGIN EXCLUSIVE")  # takes the lock, which exclusive locking mode then keeps
            src.execute("COMMIT")
            expected = sqlite_tools.take_snapshot(src)
            say("copy")
            target = f"x'{(new_key.key + new_key.salt).hex()}'" if new_key is not None else ""
            src.execute("ATTACH DATABASE ? AS converted KEY ?", (sqlite_tools.file_uri(tmp), target))
            src.execute("SELECT sqlcipher_export('converted')").fetchall()
            src.execute("DETACH DATABASE converted")
            say("verify")
            sqlite_tools.verify_copy(tmp, expected, new_key)
            if check is not None:
                check(tmp)
            with tmp.open("rb") as handle:
                os.fsync(handle.fileno())
            say("swap")
            size = path.stat().st_size
            with path.open("r+b") as original:
                os.replace(tmp, path)
                sqlite_tools.fsync_dir(path.parent)
                if new_key is not None:  # the plain (or old-key) original is gone from its name: wipe it
                    _shred(original, size)
        finally:
            src.close()
    except DB_ERRORS as exc:
        _remove(tmp)
        raise StorageError(f"转换数据库失败，原文件未改动：{describe_sqlite_error(exc, path)}") from None
    except OSError as exc:
        _remove(tmp)
        raise StorageError(f"转换数据库失败，原文件未改动：{describe_os_error(exc)}") from None
    except BaseException:
        _remove(tmp)
        raise
    for companion in sqlite_tools.companions(path)[1:]:
        companion.unlink(missing_ok=True)  # none after DELETE mode; a leftover would not match the new file
    if new_key is None:
        cipher.forget(path)
    else:
        cipher.remember(path, new_key)
    log.info("database %s converted (%s)", path, "encrypted" if new_key is not None else "plain")
    return expected


def _remove(tmp: Path) -> None:
    for part in sqlite_tools.companions(tmp):
        part.unlink(missing_ok=True)


def encrypt(
    path: Path, passphrase: str, progress: Callable[[str], None] | None = None
) -> sqlite_tools.Snapshot:
    """Encrypt the plain database `path` with `passphrase` (verified; the plain original wiped)."""
    if sqlite_tools.sniff(path) != "sqlite":
        raise StorageError(f"数据库已经是加密的（或不是 SQLite 文件）：{path}")  # never re-encrypted
    problem = cipher.passphrase_problem(passphrase)
    if problem:
        raise StorageError(problem)
    return convert(path, cipher.new_key(passphrase), progress)


def decrypt(path: Path, progress: Callable[[str], None] | None = None) -> sqlite_tools.Snapshot:
    """Turn the unlocked encrypted database `path` back into a plain SQLite file (verified)."""
    if cipher.key_for(path) is None:
        raise StorageError(f"数据库没有加密：{path}")
    return convert(path, None, progress)


def check_passphrase_change(key: CipherKey, old_passphrase: str, new_passphrase: str) -> None:
    """Refuse to change the passphrase of a database under `key`: `old_passphrase` is not its
    passphrase, `new_passphrase` is too weak, or the two are the same."""
    if cipher.derive(old_passphrase, key.salt) != key:
        raise WrongPassphrase("当前口令不正确，口令未修改。")
    problem = cipher.passphrase_problem(new_passphrase)
    if problem:
        raise StorageError(problem)
    if new_passphrase == old_passphrase:
        raise StorageError("新口令与当前口令相同，口令未修改。")


def rekey(
    path: Path, old_passphrase: str, new_passphrase: str, progress: Callable[[str], None] | None = None
) -> sqlite_tools.Snapshot:
    """Change the passphrase of the unlocked encrypted database `path`: a copy under the new key (and a
    new salt), verified (integrity_check, the same tables and row counts through the new key, and it
    does not open with the old passphrase nor the old key), synced, then renamed over the original,
    whose blocks are wiped. A crash at any moment leaves the file whole under the old or the new key."""
    old_key = cipher.key_for(path)
    if old_key is None:
        raise StorageError(f"数据库没有加密：{path}")
    check_passphrase_change(old_key, old_passphrase, new_passphrase)
    new_key = cipher.new_key(new_passphrase)

    def refuses_the_old(copy: Path) -> None:
        for key in (old_key, cipher.derive(old_passphrase, cipher.file_salt(copy))):
            if sqlite_tools.opens_with(copy, key):
                raise StorageError("修改口令失败：新文件仍能用旧口令打开，原文件未改动。")

    snapshot = convert(path, new_key, progress, check=refuses_the_old)
    # the file now under the name: the new key opens it, the old one does not
    if not sqlite_tools.opens_with(path, new_key) or sqlite_tools.opens_with(path, old_key):
        raise StorageError(f"修改口令后的数据库文件校验失败：{path}")
    log.info("database %s rekeyed", path)
    return snapshot
