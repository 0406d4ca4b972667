"""Unit (单位) and the operator account (用户) that every audit record names."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cadre_desk.db.base import Archivable, Base, CommonColumns, UTCDateTime


class Unit(CommonColumns, Archivable, Base):
    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(20), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True, default=None)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class Account(CommonColumns, Base):
    """A person who uses the app (services/accounts.py).

    Without any `password_hash` in the table the database is in the open mode of the first releases
    (every operator may do everything, the account row only names them in the audit trail); once an
    administrator has a password every session signs in and its roles decide.
    """

    __tablename__ = "account"

    name: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[str] = mapped_column(String(20), default="operator")  # the open mode's label, unused
    password_hash: Mapped[str | None] = mapped_column(String(200), default=None)  # argon2id
    roles: Mapped[str] = mapped_column(String(200), default="")  # role codes, comma-separated
    # A 导师's own cadre record (checked by services/accounts.py; no foreign key, so that adding the
    # column never rebuilds the account table that every audit record refers to).
    cadre_id: Mapped[int | None] = mapped_column(Integer, default=None)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), default=None)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)  # locked by an administrator
