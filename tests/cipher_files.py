"""Reading encrypted database files back in tests: whether a passphrase opens one, and its cadres."""

from __future__ import annotations

from pathlib import Path

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.errors import WrongPassphrase


def opens(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the encrypted `path`; a key this process held for it stays held."""
    held = cipher.key_for(path)
    cipher.forget(path)
    try:
        sqlite_tools.unlock(path, passphrase)
    except WrongPassphrase:
        return False
    finally:
        cipher.forget(path)
        if held is not None:
            cipher.remember(path, held)
    return True


def names(path: Path, passphrase: str | None) -> set[str]:
    """The cadres' names in `path` (plain, or encrypted under `passphrase`), its integrity checked."""
    cipher.forget(path)
    if passphrase is not None:
        sqlite_tools.unlock(path, passphrase)
    conn = sqlite_tools.connect(path, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {str(r[0]) for r in conn.execute("SELECT name FROM cadre")}
    finally:
        conn.close()
        cipher.forget(path)
