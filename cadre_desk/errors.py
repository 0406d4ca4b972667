"""The one error hierarchy. Services raise these; the UI and the CLI show their user text.

Messages meant for the user are Chinese (the core has no translation layer); everything that is
not a `CadreDeskError` is a bug and goes to the crash handler.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


class Message(str):
    """A user message: the Chinese text itself (what the CLI prints and the zh_CN window shows), plus a
    stable `key` and the `params` it was made from, so that a window in another language can say the
    same in its own words (`ui.widgets.messages.user_text`). Compares and prints as the Chinese text."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, chinese: str, **params: object) -> Message:
        message = super().__new__(cls, chinese.format(**params))
        message.key = key
        message.params = params
        return message


class CadreDeskError(Exception):
    """Base of every error the user may see. `str(err)` is the user text."""


class ValidationError(CadreDeskError):
    """Bad input, field by field: `fields` maps a field name to its Chinese message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("；".join(f"{msg}" for msg in self.fields.values()))


class NotFoundError(CadreDeskError):
    def __init__(self, entity: str, ref: object) -> None:
        self.entity = entity
        self.ref = ref
        super().__init__(f"找不到{entity}：{ref}")


class ConflictError(CadreDeskError):
    """A stale update: someone saved the record since the caller read it."""

    def __init__(self, entity: str, ref: object, expected: int, actual: int) -> None:
        self.entity = entity
        self.ref = ref
        self.expected = expected
        self.actual = actual
        super().__init__(f"{entity}（{ref}）已被他人修改（版本 {expected} → {actual}），请刷新后再保存")


class ImportRejected(CadreDeskError):
    """An import that changed nothing; `problems` lists (where, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("导入被拒绝：" + "；".join(f"{w}：{m}" for w, m in problems[:5]))


class StorageError(CadreDeskError):
    """The database file cannot be opened, read or written as asked.

    `retryable`: the cause may pass (the file locked by another program, a full disk, a USB stick
    pulled out, a lost server connection), so the window offers 重试 and keeps what was typed.
    """

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class PassphraseNeeded(StorageError):
    """The database file is not a plain SQLite file: encrypted (give its passphrase) or damaged."""


class WrongPassphrase(StorageError):
    """The passphrase does not open the encrypted file (or the file is damaged: SQLCipher cannot
    tell the two apart). Nothing was written; ask again."""


class DamagedDatabase(StorageError):
    """The database file is damaged or not a database; `backup` is the newest good backup of it (or None),
    which the window offers to restore and the CLI's message names."""

    def __init__(self, message: str, database: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.database = database
        self.backup = backup


class PermissionDenied(CadreDeskError):
    """The signed-in account's roles do not allow the action (services/access.py), or nobody signed
    in on a database that has accounts. `str(err)` is the Chinese message (an `errors.Message`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LoginFailed(CadreDeskError):
    """A sign-in refused: wrong name or password, a locked or disabled account."""
