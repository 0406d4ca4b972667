"""Accounts: the first administrator, signing in (with lock-out), passwords and roles (the demo
account: `demo_account`).

Passwords are stored as argon2id hashes (argon2-cffi). The parameters are chosen for a sign-in well
under 300 ms on an office PC (t=2, 64 MiB, 2 lanes: ~60 ms measured on the development machine); a
hash made with other parameters still verifies and is re-hashed at the next sign-in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from cadre_desk.db.engine import Database
from cadre_desk.db.models import Account, Cadre, Unit
from cadre_desk.errors import LoginFailed, Message, NotFoundError, PermissionDenied, ValidationError
from cadre_desk.services import access, audit
from cadre_desk.services.access import Permission, Role
from cadre_desk.services.context import ServiceContext, accounts_enabled, skip_account_check

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_LENGTH = 8
NAME_MAX = 50
HASHER = PasswordHasher(time_cost=2, memory_cost=65536, parallelism=2)
ENTITY = "account"


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    display_name: str
    roles: tuple[str, ...]
    role_labels: tuple[str, ...]
    cadre_id: int | None
    has_password: bool
    must_change_password: bool
    disabled: bool
    locked_until: dt.datetime | None
    failed_logins: int
    version: int
    # a 导师's own cadre as 账号管理 shows it: 姓名（单位）; filled by `list_accounts`
    cadre_label: str = ""

    def locked(self, now: dt.datetime | None = None) -> bool:
        now = now or dt.datetime.now(dt.UTC)
        return self.disabled or (self.locked_until is not None and self.locked_until > now)


def _view(row: Account) -> AccountView:
    roles = _roles_of(row)
    return AccountView(
        id=row.id,
        name=row.name,
        display_name=row.display_name or row.name,
        roles=roles,
        role_labels=tuple(access.ROLE_LABELS[Role(r)] for r in roles if r in _ROLE_CODES),
        cadre_id=row.cadre_id,
        has_password=row.password_hash is not None,
        must_change_password=row.must_change_password,
        disabled=row.disabled,
        locked_until=row.locked_until,
        failed_logins=row.failed_logins,
        version=row.version,
    )


_ROLE_CODES = frozenset(r.value for r in Role)


def _roles_of(row: Account) -> tuple[str, ...]:
    return tuple(code for code in row.roles.split(",") if code)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- the password policy ---------------------------------------------------------------------------


def password_problem(name: str, password: str) -> Message | None:
    """Why `password` is not acceptable for the account `name` (None: it is)."""
    if len(password) < MIN_LENGTH:
        return Message("password_short", "密码至少需要 {min} 个字符", min=MIN_LENGTH)
    if (
        password.strip().casefold() == name.strip().casefold()
        or name.strip().casefold() in password.casefold()
    ):
        return Message("password_has_name", "密码不能是用户名，也不能包含用户名")
    classes = sum(
        (
            any(c.islower() and c.isascii() for c in password),
            any(c.isupper() and c.isascii() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() or not c.isascii() for c in password),
        )
    )
    if classes < 3:
        return Message("password_classes", "密码需包含大写字母、小写字母、数字、符号四类中的至少三类")
    return None


def _check_password(name: str, password: str, field: str = "password") -> None:
    problem = password_problem(name, password)
    if problem is not None:
        raise ValidationError({field: problem})


def _check_roles(roles: Sequence[str], cadre_id: int | None, session: Session) -> tuple[str, ...]:
    parsed = tuple(dict.fromkeys(access.parse_role(r) for r in roles))
    if not parsed:
        raise ValidationError({"roles": Message("roles_required", "请至少选择一个角色")})
    for group in access.EXCLUSIVE:
        if group <= set(parsed):
            raise ValidationError(
                {
                    "roles": Message(
                        "roles_separated",
                        "三员分立：同一账号不能同时是{roles}",
                        roles="和".join(access.ROLE_LABELS[r] for r in sorted(group)),
                    )
                }
            )
    if Role.MENTOR in parsed:
        if cadre_id is None:
            raise ValidationError(
                {"cadre_id": Message("mentor_needs_cadre", "导师账号需关联导师本人的干部档案")}
            )
        if session.get(Cadre, cadre_id) is None:
            raise ValidationError(
                {"cadre_id": Message("mentor_cadre_missing", "干部（编号 {id}）不存在", id=cadre_id)}
            )
    return tuple(r.value for r in parsed)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": Message("required", "请填写{label}", label="用户名")})
    if len(name) > NAME_MAX or any(c.isspace() for c in name):
        raise ValidationError(
            {"name": Message("account_name_bad", "用户名不能含空格，最多 {max} 个字符", max=NAME_MAX)}
        )
    return name


def _check_unique(session: Session, name: str, display_name: str | None, own_id: int | None) -> None:
    """Who did what must be unambiguous in the audit trail: account names are unique whatever their
    case (`Demo` beside `demo`), display names among the accounts with a password. Databases that
    already hold such a pair keep working; `check` names it (`services.maintenance`)."""
    same_name = session.scalar(
        select(Account.name).where(
            func.lower(Account.name) == name.lower(), Account.name != name, _not(own_id)
        )
    )
    if same_name is not None:
        raise ValidationError(
            {
                "name": Message(
                    "account_name_case",
                    "已有账号“{other}”：账号名不区分大小写，不能再添加“{name}”",
                    other=same_name,
                    name=name,
                )
            }
        )
    if not display_name:
        return
    holder = session.scalar(
        select(Account.name).where(
            func.lower(Account.display_name) == display_name.lower(),
            Account.password_hash.is_not(None),
            Account.name != name,
            _not(own_id),
        )
    )
    if holder is not None:
        raise ValidationError(
            {
                "display_name": Message(
                    "display_name_taken",
                    "显示名“{display}”已是账号“{other}”的显示名；审计日志按显示名区分人，请另取一个",
                    display=display_name,
                    other=holder,
                )
            }
        )


def _not(own_id: int | None) -> Any:
    return true() if own_id is None else Account.id != own_id


def hash_password(password: str) -> str:
    return HASHER.hash(password)


# --- signing in ----------------------------------------------------------------------------------


def needs_login(db: Database) -> bool:
    """Whether the database has accounts with passwords (then every session signs in)."""
    with db.read() as session:
        return accounts_enabled(session)


def signed_in_context(db: Database, row: Account) -> ServiceContext:
    roles = _roles_of(row)
    ctx = ServiceContext(
        db=db,
        account_name=row.name,
        operator=row.display_name or row.name,
        permissions=frozenset(access.permissions_of(roles)),
        roles=roles,
        signed_in=True,
        cadre_id=row.cadre_id,
        must_change_password=row.must_change_password,
    )
    ctx._known_id["id"] = row.id
    ctx.track(row)
    return ctx


def set_first_admin(db: Database, name: str, password: str, display_name: str = "") -> ServiceContext:
    """Give a database its first administrator (only while no account has a password); return the
    administrator's signed-in context. An existing open-mode account of that name is taken over, so
    its audit trail stays under one name."""
    name = _check_name(name)
    _check_password(name, password)
    hashed = hash_password(password)
    with db.uow() as session:
        skip_account_check(session)
        if accounts_enabled(session):
            raise PermissionDenied(Message("admin_exists", "此数据库已设置管理员，请登录后由管理员添加账号"))
        row = session.scalars(select(Account).where(Account.name == name)).first()
        _check_unique(session, name, None, None if row is None else row.id)
        if row is None:
            row = Account(name=name, display_name=display_name.strip() or name)
            session.add(row)
        elif display_name.strip():
            row.display_name = display_name.strip()
        row.password_hash = hashed
        row.roles = Role.ADMIN.value
        row.must_change_password = False
        row.disabled = False
        session.flush()
        ctx = signed_in_context(db, row)
        audit.record(
            session,
            ctx,
            "create",
            ENTITY,
            row.id,
            row.uid,
            {"roles": [None, row.roles]},
            f"设置系统管理员 {name}",
        )
    return ctx


def authenticate(
    db: Database, name: str, password: str, now: dt.datetime | None = None, record: bool = True
) -> ServiceContext:
    """Sign in: the account's context, or `LoginFailed`. Every attempt is audited; the 5th failure in
    a row locks the account for 15 minutes, whichever window is tried: a window opened read-only
    (another one holds the file) records through a short-lived writing connection. `record=False`
    only checks (a file on write-protected media: nothing can be written, failures are not counted)."""
    if not record:
        return _check_only(db, name.strip(), password, now or _now())
    if not db.writable and db.path is not None:
        writer = Database.from_url(db.url)
        try:
            signed = authenticate(writer, name, password, now)
        finally:
            writer.dispose()
        return dataclasses.replace(signed, db=db, _known_id=dict(signed._known_id))
    now = now or _now()
    name = name.strip()
    with db.uow() as session:
        skip_account_check(session)  # a disabled or locked account's failures are recorded too
        if not accounts_enabled(session):
            raise LoginFailed(Message("login_no_accounts", "此数据库尚未设置管理员，无需登录"))
        row = session.scalars(select(Account).where(Account.name == name)).first()
        if row is None or row.password_hash is None:
            anonymous = ServiceContext(db=db, account_name="", operator=name, permissions=frozenset())
            audit.record(
                session, anonymous, "login_failed", ENTITY, summary=f"登录失败：没有账号“{name[:50]}”"
            )
            failure: Message | None = Message("login_wrong", "用户名或密码错误")
        elif row.disabled:
            failure = Message("login_disabled", "账号“{name}”已被管理员停用，请联系管理员", name=name)
            audit.record(
                session,
                signed_in_context(db, row),
                "login_failed",
                ENTITY,
                row.id,
                row.uid,
                summary=f"登录失败：{name} 已停用",
            )
        elif row.locked_until is not None and row.locked_until > now:
            minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
            failure = Message(
                "login_locked", "连续输错密码，账号已锁定，请 {minutes} 分钟后再试", minutes=minutes
            )
            audit.record(
                session,
                signed_in_context(db, row),
                "login_failed",
                ENTITY,
                row.id,
                row.uid,
                summary=f"登录失败：{name} 已锁定",
            )
        elif not _verify(row.password_hash, password):
            row.failed_logins += 1
            ctx = signed_in_context(db, row)
            if row.failed_logins >= MAX_FAILURES:
                row.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                row.failed_logins = 0
                audit.record(
                    session,
                    ctx,
                    "lock",
                    ENTITY,
                    row.id,
                    row.uid,
                    summary=f"连续 {MAX_FAILURES} 次密码错误，锁定 {LOCK_MINUTES} 分钟：{name}",
                )
                failure = Message(
                    "login_locked", "连续输错密码，账号已锁定，请 {minutes} 分钟后再试", minutes=LOCK_MINUTES
                )
            else:
                audit.record(
                    session,
                    ctx,
                    "login_failed",
                    ENTITY,
                    row.id,
                    row.uid,
                    summary=f"登录失败：{name} 密码错误（第 {row.failed_logins} 次）",
                )
                failure = Message("login_wrong", "用户名或密码错误")
        else:
            failure = None
            row.failed_logins = 0
            row.locked_until = None
            if HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = hash_password(password)
            ctx = signed_in_context(db, row)
            audit.record(session, ctx, "login", ENTITY, row.id, row.uid, summary=f"登录：{name}")
    if failure is not None:
        raise LoginFailed(failure)
    return ctx


def _check_only(db: Database, name: str, password: str, now: dt.datetime) -> ServiceContext:
    with db.read() as session:
        row = session.scalars(select(Account).where(Account.name == name)).first()
        if row is None or row.password_hash is None or not _verify(row.password_hash, password):
            raise LoginFailed(Message("login_wrong", "用户名或密码错误"))
        if row.disabled:
            raise LoginFailed(
                Message("login_disabled", "账号“{name}”已被管理员停用，请联系管理员", name=name)
            )
        if row.locked_until is not None and row.locked_until > now:
            raise LoginFailed(
                Message(
                    "login_locked", "连续输错密码，账号已锁定，请 {minutes} 分钟后再试", minutes=LOCK_MINUTES
                )
            )
        return signed_in_context(db, row)


def _verify(hashed: str, password: str) -> bool:
    try:
        return HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def record_idle_lock(ctx: ServiceContext, idle: bool = True) -> None:
    """Audit that the window locked itself after the idle time (`idle`) or was locked by its user."""
    if ctx.permissions is None or not ctx.signed_in:
        return
    what = "空闲超时锁定" if idle else "锁定窗口"
    action = "idle_lock" if idle else "lock_window"
    with ctx.db.uow() as session:
        skip_account_check(session)
        audit.record(session, ctx, action, ENTITY, ctx.account_id, summary=f"{what}：{ctx.account_name}")


def record_denial(ctx: ServiceContext, what: str, reason: str) -> None:
    """Audit an action the signed-in account was refused (`what`: the command, `reason`: the
    message it got): a security event of 等保 2.0's audit, in its own unit of work because the
    refused one wrote nothing. Nothing is recorded for nobody signed in (failed sign-ins have their
    own records)."""
    if ctx.permissions is None or not ctx.signed_in:
        return
    with ctx.db.uow() as session:
        skip_account_check(session)  # the refusal of a disabled account is recorded too
        audit.record(
            session, ctx, "denied", ENTITY, ctx.account_id, summary=f"拒绝：{what[:80]}：{reason[:200]}"
        )


# --- the account's own password ----------------------------------------------------------------------


def change_own_password(ctx: ServiceContext, old: str, new: str) -> ServiceContext:
    """Change the signed-in account's password (also the forced change after a reset); return the
    context with the change no longer pending."""
    if not ctx.signed_in:
        raise PermissionDenied(
            Message(
                "login_required", "此数据库已启用账号，请先登录（--user 用户名，密码见 CADRE_DESK_PASSWORD）"
            )
        )
    _check_password(ctx.account_name, new, "new_password")
    if old == new:
        raise ValidationError({"new_password": Message("password_same", "新密码不能与原密码相同")})
    hashed = hash_password(new)
    with ctx.db.uow() as session:
        ctx.check_account(session)  # before the row changes: a disabled account changes nothing
        row = _by_name(session, ctx.account_name)
        if row.password_hash is None or not _verify(row.password_hash, old):
            raise ValidationError({"old_password": Message("password_old_wrong", "原密码不正确")})
        row.password_hash = hashed
        row.must_change_password = False
        session.flush()
        audit.record(session, ctx, "password", ENTITY, row.id, row.uid, summary=f"修改本人密码：{row.name}")
        done = signed_in_context(ctx.db, row)
    ctx.track(row)  # this window goes on with the new password; other windows of the account stop
    return done


# --- administration --------------------------------------------------------------------------------


def list_accounts(ctx: ServiceContext, operators: bool = False) -> list[AccountView]:
    """The accounts. `operators`: also the names that wrote records before the first administrator
    was set (open mode: no password, no roles; they cannot sign in and exist only for the audit
    trail's history)."""
    access.require(ctx, Permission.ACCOUNTS)
    with ctx.db.read() as session:
        rows = [_view(row) for row in session.scalars(select(Account).order_by(Account.name))]
        labels = _cadre_labels(session, {a.cadre_id for a in rows if a.cadre_id is not None})
    rows = [dataclasses.replace(a, cadre_label=labels.get(a.cadre_id or 0, "")) for a in rows]
    return rows if operators else [a for a in rows if a.has_password or a.roles]


@dataclass(frozen=True)
class LinkedCadre:
    """Whom a 导师 account's cadre number means: name and unit only (no other field of the record)."""

    id: int
    name: str
    unit: str
    archived: bool

    def label(self) -> str:
        text = f"{self.name}（{self.unit}）" if self.unit else self.name
        return f"{text}（已归档）" if self.archived else text


def linked_cadre(ctx: ServiceContext, cadre_id: int) -> LinkedCadre | None:
    """The cadre a number typed in 账号管理 stands for (None: no such cadre). Open to the account
    administrator, who has no records permission and could not otherwise tell whom `6` means."""
    access.require(ctx, Permission.ACCOUNTS)
    with ctx.db.read() as session:
        row = session.execute(
            select(Cadre.id, Cadre.name, Unit.name, Cadre.archived_at)
            .outerjoin(Unit, Unit.id == Cadre.unit_id)
            .where(Cadre.id == cadre_id)
        ).first()
    return None if row is None else LinkedCadre(row[0], row[1], row[2] or "", row[3] is not None)


def _cadre_labels(session: Session, ids: set[int]) -> dict[int, str]:
    found = session.execute(
        select(Cadre.id, Cadre.name, Unit.name, Cadre.archived_at)
        .outerjoin(Unit, Unit.id == Cadre.unit_id)
        .where(Cadre.id.in_(ids))
    ).all()
    labels = {r[0]: LinkedCadre(r[0], r[1], r[2] or "", r[3] is not None).label() for r in found}
    return {i: labels.get(i, f"（编号 {i} 的干部已不存在）") for i in ids}


def get_account(ctx: ServiceContext, name: str) -> AccountView:
    access.require(ctx, Permission.ACCOUNTS)
    with ctx.db.read() as session:
        return _view(_by_name(session, name))


def add_account(
    ctx: ServiceContext,
    name: str,
    roles: Sequence[str],
    password: str,
    display_name: str = "",
    cadre_id: int | None = None,
) -> AccountView:
    access.require(ctx, Permission.ACCOUNTS)
    name = _check_name(name)
    _check_password(name, password)
    hashed = hash_password(password)
    with ctx.db.uow() as session:
        ctx.check_account(session)
        codes = _check_roles(roles, cadre_id, session)
        row = session.scalars(select(Account).where(Account.name == name)).first()
        if row is not None and row.password_hash is not None:
            raise ValidationError({"name": Message("account_name_taken", "已有账号“{name}”", name=name)})
        shown = display_name.strip()[:50] or (row.display_name if row is not None else "") or name
        _check_unique(session, name, shown, None if row is None else row.id)
        if row is None:  # an open-mode operator row of that name keeps its history
            row = Account(name=name)
            session.add(row)
        row.display_name = shown
        row.password_hash = hashed
        row.roles = ",".join(codes)
        row.cadre_id = cadre_id if Role.MENTOR.value in codes else None
        # The administrator knows this password: its person chooses his own at the first sign-in, as
        # after a reset (三员分立: an administrator must not go on signing in as the auditor he added).
        row.must_change_password = True
        row.disabled = False
        session.flush()
        audit.record(
            session,
            ctx,
            "create",
            ENTITY,
            row.id,
            row.uid,
            {"roles": [None, row.roles]},
            f"添加账号 {name}（{'、'.join(_view(row).role_labels)}）",
        )
        return _view(row)


def set_roles(
    ctx: ServiceContext,
    name: str,
    roles: Sequence[str],
    cadre_id: int | None = None,
    display_name: str | None = None,
) -> AccountView:
    access.require(ctx, Permission.ACCOUNTS)
    with ctx.db.uow() as session:
        ctx.check_account(session)  # before the row changes (it may be the administrator's own)
        row = _by_name(session, name)
        codes = _check_roles(roles, cadre_id, session)
        if Role.ADMIN.value in _roles_of(row) and Role.ADMIN.value not in codes:
            _keep_an_admin(session, row)
        before = {"roles": row.roles, "cadre_id": row.cadre_id, "display_name": row.display_name}
        row.roles = ",".join(codes)
        row.cadre_id = cadre_id if Role.MENTOR.value in codes else None
        if display_name is not None and display_name.strip():
            _check_unique(session, row.name, display_name.strip()[:50], row.id)
            row.display_name = display_name.strip()[:50]
        after = {"roles": row.roles, "cadre_id": row.cadre_id, "display_name": row.display_name}
        session.flush()
        audit.record(
            session,
            ctx,
            "update",
            ENTITY,
            row.id,
            row.uid,
            audit.diff(before, after),
            f"修改账号 {row.name} 的角色",
        )
        return _view(row)


def reset_password(ctx: ServiceContext, name: str, password: str) -> AccountView:
    """An administrator sets a new password; the account must change it at its next sign-in."""
    access.require(ctx, Permission.ACCOUNTS)
    _check_password(name.strip(), password)
    hashed = hash_password(password)
    with ctx.db.uow() as session:
        ctx.check_account(session)  # before the row changes (it may be the administrator's own)
        row = _by_name(session, name)
        row.password_hash = hashed
        row.must_change_password = row.name != ctx.account_name
        row.failed_logins = 0
        row.locked_until = None
        session.flush()
        audit.record(session, ctx, "password", ENTITY, row.id, row.uid, summary=f"管理员重置密码：{row.name}")
        if row.name == ctx.account_name:
            ctx.track(row)
        return _view(row)


def lock_account(ctx: ServiceContext, name: str) -> AccountView:
    access.require(ctx, Permission.ACCOUNTS)
    with ctx.db.uow() as session:
        ctx.check_account(session)  # before the row changes (it may be the administrator's own)
        row = _by_name(session, name)
        if row.name == ctx.account_name:
            raise ValidationError({"name": Message("account_lock_self", "不能停用自己的账号")})
        if Role.ADMIN.value in _roles_of(row):
            _keep_an_admin(session, row)
        row.disabled = True
        session.flush()
        audit.record(
            session,
            ctx,
            "lock",
            ENTITY,
            row.id,
            row.uid,
            {"disabled": [False, True]},
            f"停用账号：{row.name}",
        )
        return _view(row)


def unlock_account(ctx: ServiceContext, name: str) -> AccountView:
    """Re-enable a disabled account and lift a lock-out after failed sign-ins."""
    access.require(ctx, Permission.ACCOUNTS)
    with ctx.db.uow() as session:
        ctx.check_account(session)  # before the row changes (it may be the administrator's own)
        row = _by_name(session, name)
        before = {"disabled": row.disabled, "locked_until": row.locked_until}
        row.disabled = False
        row.locked_until = None
        row.failed_logins = 0
        session.flush()
        audit.record(
            session,
            ctx,
            "unlock",
            ENTITY,
            row.id,
            row.uid,
            audit.diff(before, {"disabled": False, "locked_until": None}),
            f"启用账号：{row.name}",
        )
        return _view(row)


def _by_name(session: Session, name: str) -> Account:
    row = session.scalars(select(Account).where(Account.name == name.strip())).first()
    if row is None:
        raise NotFoundError("账号", name)
    return row


def _keep_an_admin(session: Session, leaving: Account) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(
            Account.id != leaving.id,
            Account.password_hash.is_not(None),
            Account.disabled.is_(False),
            Account.roles.contains(Role.ADMIN.value),
        )
    )
    if not others:
        raise ValidationError({"roles": Message("last_admin", "至少需要保留一个可用的系统管理员账号")})
