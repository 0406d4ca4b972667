"""A restore keeps the accounts it replaces (inspection F21).

A backup holds the accounts as they were when it was taken: restoring it brought back the
administrator's old password, a disabled account, roles taken away, a lifted reset, lock-outs. The
accounts are not part of what a restore undoes: the `account` table of the replaced database (read
before anything is replaced, `current_accounts`) is written into the restored one (`keep_accounts`),
inside the restore, before the restored file takes the database's place.

Rows are matched by account name (unique). An account the backup holds keeps its id there (the
restored audit records refer to it) and takes every other column of the current row (password hash,
roles, disabled, failed sign-ins, lock-out, forced change, display name, 导师's cadre, uid, version);
an account created since the backup is added with its own id (free in a backup of this database:
ids are never reused) or, if that id is taken (another database's backup), a new one. An account
only the backup has (another database's) stays for its audit records but cannot sign in: no
password, no roles, disabled.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cadre_desk.db import cipher, sqlite_tools
from cadre_desk.db.base import new_uid
from cadre_desk.db.cipher import CipherKey
from cadre_desk.errors import StorageError

log = logging.getLogger("cadre_desk.services")

# Every column of `account` but its id (the schema since revision 0017).
FIELDS = (
    "uid",
    "name",
    "display_name",
    "role",
    "password_hash",
    "roles",
    "cadre_id",
    "failed_logins",
    "locked_until",
    "must_change_password",
    "disabled",
    "created_at",
    "updated_at",
    "version",
)
_COLUMNS = ", ".join(FIELDS)


def current_accounts(path: Path, key: CipherKey | None) -> list[dict[str, Any]] | None:
    """The account rows of the database file `path` as stored (raw column values), read-only; None
    when they cannot be read (a damaged file, an unknown key, a schema without the account columns)."""
    unreadable: tuple[type[Exception], ...] = (OSError, StorageError, *cipher.DB_ERRORS)
    try:
        conn = sqlite_tools.connect(path, read_only=True, key=key)
    except unreadable as exc:
        log.info("the accounts of %s cannot be read: %s", path.name, exc)
        return None
    try:
        rows = conn.execute(f"SELECT id, {_COLUMNS} FROM account ORDER BY id").fetchall()
    except cipher.DB_ERRORS as exc:
        log.info("the accounts of %s cannot be read: %s", path.name, exc)
        return None
    finally:
        conn.close()
    return [dict(zip(("id", *FIELDS), row, strict=True)) for row in rows]


def keep_accounts(session: Session, current: list[dict[str, Any]]) -> int:
    """Make the restored database's accounts (this session's) the `current` ones; returns how many
    accounts differed (changed since the backup, added since, or only in the backup)."""
    conn = session.connection()
    restored = {
        row["name"]: row
        for row in (
            dict(zip(("id", *FIELDS), r, strict=True))
            for r in conn.exec_driver_sql(f"SELECT id, {_COLUMNS} FROM account").fetchall()
        )
    }
    taken = {row["id"] for row in restored.values()}
    uids = {row["uid"]: row["id"] for row in restored.values()}
    differed = 0
    names = set()
    for account in current:
        names.add(account["name"])
        old = restored.get(account["name"])
        values = {f: account[f] for f in FIELDS}
        if old is not None:
            if any(old[f] != account[f] for f in FIELDS):
                differed += 1
                holder = uids.get(account["uid"])
                if holder is not None and holder != old["id"]:
                    values["uid"] = old["uid"]  # (another database's backup: the uid is another row's)
                sets = ", ".join(f"{f} = :{f}" for f in FIELDS)
                conn.exec_driver_sql(f"UPDATE account SET {sets} WHERE id = :id", {**values, "id": old["id"]})
            continue
        differed += 1
        if account["uid"] in uids:
            values["uid"] = new_uid()
        new_id = account["id"] if account["id"] not in taken else max(taken, default=0) + 1
        taken.add(new_id)
        conn.exec_driver_sql(
            f"INSERT INTO account (id, {_COLUMNS}) VALUES (:id, {', '.join(':' + f for f in FIELDS)})",
            {**values, "id": new_id},
        )
    for name, old in restored.items():
        if name in names:
            continue
        differed += 1  # another database's account: kept for its records, unable to sign in
        conn.exec_driver_sql(
            "UPDATE account SET password_hash = NULL, roles = '', disabled = 1, failed_logins = 0, "
            "locked_until = NULL, must_change_password = 0, version = version + 1 WHERE id = :id",
            {"id": old["id"]},
        )
    log.info("restore: %d accounts kept, %d differed from the backup's", len(current), differed)
    return differed
