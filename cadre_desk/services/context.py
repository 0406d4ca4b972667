"""The context every service call runs in: the open database and the operator acting."""

from __future__ import annotations

import getpass
import hashlib
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account
from cadre_desk.errors import Message, PermissionDenied

# `Session.info` key: the signed-in account was checked in this unit of work (or must not be: the
# records of a sign-in, a refusal, a lock are written for an account that may be disabled).
ACCOUNT_CHECKED = "cadre_desk.account_checked"


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
    # The account as it was signed in ("password": a digest of its hash) and who hears that it changed
    # ("listeners"); shared by the copies `dataclasses.replace` makes. Empty: nothing to check.
    _live: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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
        A signed-in account is checked first (`check_account`): every audited write passes here.

        An id first seen here is not remembered: the transaction that added it may still roll back.
        """
        if not self.account_name:
            return None
        self.check_account(session)
        known = self._known_id.get("id")
        if known is not None:
            return known
        account = session.scalars(select(Account).where(Account.name == self.account_name)).first()
        if account is None:
            account = Account(name=self.account_name, display_name=self.operator)
            session.add(account)
            session.flush()
        return account.id

    # --- the signed-in account, re-read -----------------------------------------------------------

    def track(self, row: Account) -> None:
        """Remember `row` as the account signed in (`check_account` compares with it)."""
        self._live["password"] = password_stamp(row.password_hash)

    def check_account(self, session: Session | None = None) -> None:
        """Raise `PermissionDenied` when the signed-in account changed since it signed in: disabled,
        a role taken away or its own cadre record changed, its password reset or changed elsewhere. One row
        read by primary key, once per unit of work (`session`: the caller's; None: a read of its own).
        Contexts that did not sign in (the open mode) have nothing to check."""
        if "password" not in self._live or "id" not in self._known_id:
            return
        if session is not None:
            if session.info.get(ACCOUNT_CHECKED):
                return
            session.info[ACCOUNT_CHECKED] = True
            problem = self._account_problem(session)
        else:
            with self.db.read() as reading:
                problem = self._account_problem(reading)
        if problem is None:
            return
        for ref in list(self._live.get("listeners", ())):
            listener = ref()
            if listener is not None:
                listener(problem)
        raise PermissionDenied(problem)

    def _account_problem(self, session: Session) -> Message | None:
        row = session.execute(
            select(
                Account.disabled,
                Account.roles,
                Account.cadre_id,
                Account.must_change_password,
                Account.password_hash,
            ).where(Account.id == self._known_id["id"])
        ).first()
        if row is None or row.disabled or row.password_hash is None:
            return Message("account_disabled_now", "您的账号已被管理员停用，本次操作未执行")
        if not self._rights_kept(tuple(code for code in row.roles.split(",") if code), row.cadre_id):
            return Message("account_roles_changed", "您的角色已被管理员更改，本次操作未执行，请重新登录")
        if password_stamp(row.password_hash) != self._live["password"]:
            if row.must_change_password:
                return Message("account_password_reset", "您的密码已被管理员重置，本次操作未执行，请重新登录")
            return Message("account_password_changed", "您的密码已更改，本次操作未执行，请重新登录")
        return None

    def _rights_kept(self, roles: tuple[str, ...], cadre_id: int | None) -> bool:
        """Whether `roles` still grant everything this context may do (a role added since sign-in
        takes effect at the next one; one taken away stops this context at once), for the same 导师."""
        from cadre_desk.services.access import permissions_of  # imports this module: import late

        return cadre_id == self.cadre_id and (self.permissions or frozenset()) <= permissions_of(roles)

    def on_account_changed(self, listener: Callable[[Message], None]) -> None:
        """Call `listener` (a bound method, held weakly: a window's session must not be kept alive by
        the context it holds) with the message when `check_account` refuses (the window locks)."""
        self._live.setdefault("listeners", []).append(weakref.WeakMethod(listener))

    def forget_listener(self, listener: Callable[[Message], None]) -> None:
        self._live["listeners"] = [r for r in self._live.get("listeners", ()) if r() not in (None, listener)]

    def refresh_from(self, signed: ServiceContext) -> bool:
        """After signing in again (`signed`) as the same account: go on with its new state when its
        roles still grant what this context may do, for the same own record (False: a role was taken
        away; this context stays refused and the window must be opened anew)."""
        if (
            signed.account_name != self.account_name
            or not self._rights_kept(signed.roles, signed.cadre_id)
            or signed.must_change_password != self.must_change_password
            or "password" not in signed._live
        ):
            return False
        self._live["password"] = signed._live["password"]
        return True


def password_stamp(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]


def skip_account_check(session: Session) -> None:
    """Write this unit of work's audit records without checking the account (sign-in records, refusals)."""
    session.info[ACCOUNT_CHECKED] = True


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
