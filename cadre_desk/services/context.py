"""The context every service call runs in: the open database and the operator acting."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account


@dataclass(frozen=True)
class ServiceContext:
    """The database and the operator. The operator's account row is created by the first write that
    audits (`account_for_write`), never by opening: reading must not take the write lock."""

    db: Database
    account_name: str
    operator: str  # the account's display name
    # None: the open mode of a database without passwords (everything allowed, services/access.py);
    # else the permissions of the signed-in account's roles (empty when nobody signed in).
    permissions: frozenset[str] | None = None
    roles: tuple[str, ...] = ()
    signed_in: bool = False
    cadre_id: int | None = None  # a 导师's own cadre record
    must_change_password: bool = False
    _known_id: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def account_id(self) -> int | None:
        """The operator's account id (None while the operator has never written anything)."""
        if "id" not in self._known_id:
            with self.db.read() as session:
                found = session.scalar(select(Account.id).where(Account.name == self.account_name))
            if found is None:
                return None
            self._known_id["id"] = int(found)  # committed: safe to remember
        return self._known_id["id"]

    def account_for_write(self, session: Session) -> int | None:
        """The operator's account id inside a writing unit of work, adding the account if needed
        (None for the anonymous context that records a failed sign-in under an unknown name).

        An id first seen here is not remembered: the transaction that added it may still roll back.
        """
        if not self.account_name:
            return None
        known = self._known_id.get("id")
        if known is not None:
            return known
        account = session.scalars(select(Account).where(Account.name == self.account_name)).first()
        if account is None:
            account = Account(name=self.account_name, display_name=self.operator)
            session.add(account)
            session.flush()
        return account.id


def default_operator_name() -> str:
    try:
        return getpass.getuser() or "operator"
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        return "operator"


def accounts_enabled(session: Session) -> bool:
    """Whether any account has a password: then every context signs in (services/accounts.py)."""
    return session.scalar(select(Account.id).where(Account.password_hash.is_not(None)).limit(1)) is not None


def open_context(db: Database, operator: str | None = None) -> ServiceContext:
    """The context for `operator` (default: the login name); reads only.

    On a database without passwords (the open mode) it may do everything; on one with accounts it is
    not signed in and may do nothing (`services.accounts.authenticate` gives the signed-in context).
    """
    name = (operator or default_operator_name()).strip() or "operator"
    with db.read() as session:
        account = session.scalars(select(Account).where(Account.name == name)).first()
        display = (account.display_name or name) if account is not None else name
        closed = accounts_enabled(session)
        ctx = ServiceContext(
            db=db, account_name=name, operator=display, permissions=frozenset() if closed else None
        )
        if account is not None:
            ctx._known_id["id"] = account.id
    return ctx
