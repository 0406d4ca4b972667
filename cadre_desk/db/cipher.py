"""Encryption at rest with SQLCipher: the keys of encrypted database files, per process.

An encrypted file is opened by `sqlite_tools.connect` through the `sqlcipher3` module (the
sqlcipher3-binary wheel) instead of `sqlite3`, with `PRAGMA key` set before anything else. The key is
derived from the user's passphrase once per process and kept here, by file path, so that every
connection (the engine's, quick_check, read_revision, the verified backup, the checkpoint) finds it.

The derivation is SQLCipher 4's own: PBKDF2-HMAC-SHA512, 256,000 iterations, over the 16-byte salt at
the start of the file. We run it once and give SQLCipher the raw key with that salt
(`PRAGMA key = "x'<32-byte key><16-byte salt>'"`), so a connection opens in well under a millisecond
instead of ~90 ms, and the file still opens with the bare passphrase in any SQLCipher 4 tool. A new
file or a backup copy is written with the same salt, so it opens with the same passphrase.

A plain SQLite file starts with the 16 bytes "SQLite format 3\\0"; an encrypted one starts with its
random salt: from the outside it cannot be told from a damaged or foreign file, only the key tells.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

KDF_ITERATIONS = 256_000  # SQLCipher 4 default (PBKDF2-HMAC-SHA512)
KEY_BYTES = 32
SALT_BYTES = 16
PAGE_SIZE = 4096  # SQLCipher 4's default, which every encrypted file of ours uses
MIN_PASSPHRASE = 8
# The environment variable that carries the passphrase to the command line (and scripts).
KEY_ENV = "CADRE_DESK_KEY"


def _sqlcipher() -> ModuleType:
    import sqlcipher3  # type: ignore[import-untyped]  # no stubs; imported only when a file is encrypted

    return sqlcipher3  # type: ignore[no-any-return]


def dbapi() -> ModuleType:
    """The sqlcipher3 DB-API module (for the SQLAlchemy engine of an encrypted file)."""
    return _sqlcipher()


def _modules() -> list[ModuleType]:
    try:
        return [sqlite3, _sqlcipher()]
    except ImportError:  # pragma: no cover - the wheel is a dependency
        return [sqlite3]


# Every SQLite error, whichever of the two modules raised it.
DB_ERRORS: tuple[type[Exception], ...] = tuple(m.Error for m in _modules())
DB_PROGRAMMING_ERRORS: tuple[type[Exception], ...] = tuple(
    error for m in _modules() for error in (m.ProgrammingError, m.InterfaceError)
)
DB_INTEGRITY_ERRORS: tuple[type[Exception], ...] = tuple(m.IntegrityError for m in _modules())


@dataclass(frozen=True)
class CipherKey:
    """A raw SQLCipher key and the salt of the file(s) it opens. Never logged (repr hides it)."""

    key: bytes
    salt: bytes

    def __repr__(self) -> str:
        return "CipherKey(<hidden>)"

    def pragma(self) -> str:
        return f"PRAGMA key = \"x'{(self.key + self.salt).hex()}'\""


def derive(passphrase: str, salt: bytes) -> CipherKey:
    """SQLCipher 4's key for `passphrase` on a file with this salt."""
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return CipherKey(key, salt)


def new_key(passphrase: str) -> CipherKey:
    """The key of a new encrypted file (a fresh random salt)."""
    return derive(passphrase, os.urandom(SALT_BYTES))


def file_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


_keys: dict[str, CipherKey] = {}


def _ident(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def remember(path: Path, key: CipherKey) -> None:
    """From now on every connection to `path` opens it with `key`."""
    _keys[_ident(path)] = key


def forget(path: Path) -> None:
    _keys.pop(_ident(path), None)


def key_for(path: Path) -> CipherKey | None:
    """The key of `path` if it is an encrypted file unlocked in this process."""
    return _keys.get(_ident(path))


def connect_encrypted(uri: str, key: CipherKey, timeout: float) -> Any:
    """A sqlcipher3 connection to `uri`, keyed (nothing is read before the key is set)."""
    module = _sqlcipher()
    conn = module.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not SQLCipher's stderr
    conn.execute(key.pragma())
    return conn


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused (None: acceptable)."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"口令至少需要 {MIN_PASSPHRASE} 个字符。"
    if passphrase.strip() != passphrase:
        return "口令的开头和结尾不能是空格。"
    return None
