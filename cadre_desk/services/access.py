"""Who may do what: the permissions, the roles that grant them, and `require`.

Every service function that reads or writes records, settings, rules, units, prints, exports,
imports or backups starts with `access.require(ctx, Permission.X)` (or `mentor_scope` where a 导师
may see his own pairings and mentees). A context opened on a database that has no password yet (the
open mode of the first releases) may do everything (`ctx.permissions is None`); on a database with
accounts an unsigned context may do nothing.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum

from sqlalchemy import select

from cadre_desk.db.models import DiaryEntry, MentorComment, Mentorship
from cadre_desk.domain.vocab import MentorshipStatus
from cadre_desk.errors import Message, PermissionDenied
from cadre_desk.services.context import ServiceContext

log = logging.getLogger("cadre_desk.services")


class Permission(StrEnum):
    SIGNED_IN = "signed_in"  # any signed-in account: the department's name and mark, the rule values
    ACCOUNTS = "accounts"  # add accounts, roles, reset passwords, lock and unlock
    SETTINGS = "settings"  # department settings, local rules
    RECORDS_READ = "records.read"  # every cadre record: profiles, units, pairings, diaries, talks
    RECORDS_WRITE = "records.write"
    OUTPUT = "records.output"  # printing and exporting records
    IMPORT = "records.import"  # appointment forms, rosters, packages, training lists
    BACKUP = "backup"  # backups (a copy) and the integrity check
    RESTORE = "restore"  # replacing the database with a backup: the administrator's alone
    AUDIT = "audit.read"  # the audit trail
    MENTOR = "mentor.own"  # own pairings, own mentees' diaries and comments, their profiles (read)
    TOLERANCE = "tolerance"  # 容错案件: fault-tolerance cases


class Role(StrEnum):
    ADMIN = "admin"
    CLERK = "clerk"
    MENTOR = "mentor"
    READER = "reader"
    AUDITOR = "auditor"
    TOLERANCE = "tolerance"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "系统管理员",
    Role.CLERK: "干部科经办",
    Role.MENTOR: "导师",
    Role.READER: "领导查阅",
    Role.AUDITOR: "安全审计员",
    Role.TOLERANCE: "容错案件",
}

P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({P.SIGNED_IN, P.ACCOUNTS, P.SETTINGS, P.BACKUP, P.RESTORE}),
    Role.CLERK: frozenset({P.SIGNED_IN, P.RECORDS_READ, P.RECORDS_WRITE, P.OUTPUT, P.IMPORT, P.BACKUP}),
    Role.MENTOR: frozenset({P.SIGNED_IN, P.MENTOR}),
    Role.READER: frozenset({P.SIGNED_IN, P.RECORDS_READ, P.OUTPUT}),
    Role.AUDITOR: frozenset({P.SIGNED_IN, P.AUDIT}),
    Role.TOLERANCE: frozenset({P.SIGNED_IN, P.TOLERANCE}),
}

# Three-person separation (等保 2.0): no one account holds two of these together.
EXCLUSIVE: tuple[frozenset[Role], ...] = (frozenset({Role.ADMIN, Role.AUDITOR}),)

PERMISSION_LABELS: dict[Permission, str] = {
    P.SIGNED_IN: "登录",
    P.ACCOUNTS: "管理账号",
    P.SETTINGS: "修改设置",
    P.RECORDS_READ: "查阅干部档案",
    P.RECORDS_WRITE: "修改干部档案",
    P.OUTPUT: "打印和导出",
    P.IMPORT: "导入",
    P.BACKUP: "备份",
    P.RESTORE: "从备份恢复数据库（系统管理员的操作）",
    P.AUDIT: "查阅审计记录",
    P.MENTOR: "查阅本人帮带对象",
    P.TOLERANCE: "容错案件",
}


def parse_role(text: str) -> Role:
    """A role from its code (`clerk`) or its Chinese name (`干部科经办`)."""
    value = text.strip()
    for role, label in ROLE_LABELS.items():
        if value in (role.value, label):
            return role
    raise PermissionDenied(
        Message(
            "role_unknown",
            "没有角色“{role}”（可选：{choices}）",
            role=value,
            choices="、".join(f"{r.value} {label}" for r, label in ROLE_LABELS.items()),
        )
    )


def permissions_of(roles: tuple[str, ...] | list[str]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for code in roles:
        try:
            granted |= ROLE_PERMISSIONS[Role(code)]
        except ValueError:
            continue  # a role of a newer version: grants nothing here
    return frozenset(granted)


# What a window opened read-only (another window holds the file) cannot do: each writes, if only its
# audit record (a print, an export, a backup). 导师 and 容错案件 keep their reading; their writes are
# refused by the file with the read-only window's message.
WRITES = frozenset({P.ACCOUNTS, P.SETTINGS, P.RECORDS_WRITE, P.OUTPUT, P.IMPORT, P.BACKUP, P.RESTORE})


def can(ctx: ServiceContext, permission: Permission) -> bool:
    if permission in WRITES and not ctx.db.writable:
        return False
    if ctx.permissions is None:
        return True  # open mode: no account has a password yet
    if ctx.must_change_password:
        return False
    return permission in ctx.permissions


def can_any(ctx: ServiceContext, *permissions: Permission) -> bool:
    return any(can(ctx, p) for p in permissions)


def require(ctx: ServiceContext, permission: Permission) -> None:
    """Raise `PermissionDenied` unless the context may do what `permission` names, or, for what
    writes (an audit record at least), when its account was disabled, lost a role or got a new
    password since it signed in (`check_account`: one row by primary key; the write's own unit of
    work checks again with its audit record). Reads are not re-checked: a window's background
    reads are not written to meet a refusal; its next write (or the idle lock) stops it."""
    if can(ctx, permission):
        if permission in WRITES:
            ctx.check_account()
        return
    raise _refused(ctx, _denial(ctx, permission))


def require_any(ctx: ServiceContext, *permissions: Permission, action: str = "") -> Permission:
    """The first of `permissions` the context has (raise for the first one if none; `action` words
    the refusal by what was refused, 无权执行数据库检查, instead of by the first permission)."""
    for permission in permissions:
        if can(ctx, permission):
            if permission in WRITES:
                ctx.check_account()
            return permission
    raise _refused(ctx, _denial(ctx, permissions[0], action))


def mentor_scope(ctx: ServiceContext, permission: Permission = P.RECORDS_READ) -> int | None:
    """None when the context may see every record under `permission`; the 导师's own cadre id when
    only his own pairings and mentees (the caller filters rows by it); else `PermissionDenied`."""
    if can(ctx, permission):
        if permission in WRITES:
            ctx.check_account()
        return None
    if can(ctx, P.MENTOR) and ctx.cadre_id is not None:
        if permission in WRITES:
            ctx.check_account()
        return ctx.cadre_id
    raise _refused(ctx, _denial(ctx, permission))


def deny_row(ctx: ServiceContext, what: str) -> PermissionDenied:
    """The error for a row outside a 导师's own pairings and mentees."""
    return _refused(
        ctx,
        Message(
            "permission_not_own", "{who}只能查看本人帮带的结对和被帮带人：{what}", who=ctx.operator, what=what
        ),
    )


def require_cadre(ctx: ServiceContext, cadre_id: int, permission: Permission = P.RECORDS_READ) -> None:
    """`permission`, or a 导师 and the mentee of one of his current pairings: 进行中 and not archived
    (past its term too while the end-of-term evaluation is still to be written: the pairing stays
    进行中 until 结业 records it); not once it ended (已结业, 中止). Never his own record: nobody reads his
    own 干部档案 (《干部档案工作条例》); his name in his pickers comes through `cadres.cadre_choice`."""
    mentor = mentor_scope(ctx, permission)
    if mentor is None:
        return
    if cadre_id == mentor:
        raise PermissionDenied(
            Message(
                "permission_own_dossier",
                "{who}不能查阅本人的干部档案（《干部档案工作条例》：任何人不得查阅本人档案）",
                who=ctx.operator,
            )
        )
    with ctx.db.read() as session:
        own = session.scalar(
            select(Mentorship.id)
            .where(
                Mentorship.mentor_id == mentor,
                Mentorship.mentee_id == cadre_id,
                Mentorship.status == MentorshipStatus.ACTIVE.value,
                Mentorship.archived_at.is_(None),
            )
            .limit(1)
        )
    if own is None:
        raise deny_row(ctx, f"干部（编号 {cadre_id}；不是进行中结对的被帮带人）")


def require_mentorship(
    ctx: ServiceContext, mentorship_id: int, permission: Permission = P.RECORDS_READ
) -> None:
    """`permission`, or a 导师 and his own pairing."""
    mentor = mentor_scope(ctx, permission)
    if mentor is None:
        return
    with ctx.db.read() as session:
        owner = session.scalar(select(Mentorship.mentor_id).where(Mentorship.id == mentorship_id))
    if owner != mentor:
        raise deny_row(ctx, f"结对（编号 {mentorship_id}）")


def require_entry(ctx: ServiceContext, entry_id: int, permission: Permission = P.RECORDS_READ) -> None:
    """`permission`, or a 导师 and an entry of his own pairing."""
    mentor = mentor_scope(ctx, permission)
    if mentor is None:
        return
    with ctx.db.read() as session:
        owner = session.scalar(
            select(Mentorship.mentor_id)
            .join(DiaryEntry, DiaryEntry.mentorship_id == Mentorship.id)
            .where(DiaryEntry.id == entry_id)
        )
    if owner != mentor:
        raise deny_row(ctx, f"成长日记（编号 {entry_id}）")


def require_comment(ctx: ServiceContext, comment_id: int, permission: Permission = P.RECORDS_READ) -> None:
    """`permission`, or a 导师 and his own comment."""
    mentor = mentor_scope(ctx, permission)
    if mentor is None:
        return
    with ctx.db.read() as session:
        owner = session.scalar(select(MentorComment.mentor_id).where(MentorComment.id == comment_id))
    if owner != mentor:
        raise deny_row(ctx, f"导师点评（编号 {comment_id}）")


def _refused(ctx: ServiceContext, message: Message) -> PermissionDenied:
    """The refusal, told to the window's listener (`Database.on_refusal`) if there is one: the window
    puts it in the audit trail. A listener's failure never replaces the refusal."""
    error = PermissionDenied(message)
    listener = ctx.db.on_refusal
    if listener is not None and ctx.db.writable:
        try:
            listener(ctx, error, _refused_function())
        except Exception:  # the refusal itself must reach the user
            log.warning("the refusal listener failed", exc_info=True)
    return error


def _refused_function() -> str:
    """The service function that refused (`encryption.encrypt_database`): the first caller outside
    this module."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return ""
    module = str(frame.f_globals.get("__name__", "")).removeprefix("cadre_desk.").removeprefix("services.")
    return f"{module}.{frame.f_code.co_name}"


def _denial(ctx: ServiceContext, permission: Permission, action: str = "") -> Message:
    action = action or PERMISSION_LABELS[permission]
    if permission in WRITES and not ctx.db.writable:
        return Message(
            "read_only_window",
            "此窗口以只读方式打开（数据库正由另一个干部成长档案台窗口使用），不能{action}。"
            "请在那个窗口中操作，或等它关闭后重新打开本程序。",
            action=action,
        )
    if ctx.permissions is not None and not ctx.signed_in:
        return Message(
            "login_required", "此数据库已启用账号，请先登录（--user 用户名，密码见 CADRE_DESK_PASSWORD）"
        )
    if ctx.must_change_password:
        return Message("password_change_required", "密码由管理员设置（新账号或重置密码），请先修改密码")
    return Message(
        "permission_denied",
        "账号“{name}”（{roles}）无权{action}",
        name=ctx.account_name,
        roles="、".join(ROLE_LABELS[Role(r)] for r in ctx.roles if r in Role.__members__.values())
        or "无角色",
        action=action,
    )


_CODES = frozenset(r.value for r in Role)
