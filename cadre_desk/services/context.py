"""The context every service call runs in: the open database and the operator acting."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select

from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    account_id: int
    operator: str


def default_operator_name() -> str:
    try:
        return getpass.getuser() or "operator"
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        return "operator"


def open_context(db: Database, operator: str | None = None) -> ServiceContext:
    """The operator account (created on first use) that audit records will name."""
    name = (operator or default_operator_name()).strip() or "operator"
    with db.uow() as session:
        account = session.scalars(select(Account).where(Account.name == name)).first()
        if account is None:
            account = Account(name=name, display_name=name)
            session.add(account)
            session.flush()
        return ServiceContext(db=db, account_id=account.id, operator=account.display_name or name)
