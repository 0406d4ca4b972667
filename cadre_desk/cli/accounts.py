"""Accounts on the command line: `account add | list | passwd | roles | lock | unlock`, and signing in
(`--user NAME` or CADRE_DESK_USER, the password from CADRE_DESK_PASSWORD or a prompt)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from cadre_desk.cli import common
from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers, print_json
from cadre_desk.db.engine import Database
from cadre_desk.errors import CadreDeskError, LoginFailed, Message, PermissionDenied
from cadre_desk.services import access, accounts
from cadre_desk.services.context import ServiceContext, open_context

USER_ENV = "CADRE_DESK_USER"
PASSWORD_ENV = "CADRE_DESK_PASSWORD"


def register(sub: Subparsers) -> dict[str, Handler]:
    account = sub.add_parser(
        "account", help="accounts and roles (系统管理员 only; the first one sets the administrator)"
    )
    account_sub = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    roles_help = "role: " + ", ".join(f"{r.value} ({label})" for r, label in access.ROLE_LABELS.items())
    add = account_sub.add_parser(
        "add", help="add an account (on a database without accounts: its administrator)"
    )
    add.add_argument("name")
    add.add_argument("--role", action="append", required=True, help=roles_help + "; repeatable")
    add.add_argument("--display-name", default="", help="the name shown and printed (default: NAME)")
    add.add_argument("--cadre", type=common.record_id, help="a 导师's own cadre number")
    add.add_argument("--password-stdin", action="store_true", help="read the new password from stdin")
    add.add_argument("--json", action="store_true")
    lst = account_sub.add_parser("list", help="the accounts, their roles and state")
    lst.add_argument("--json", action="store_true")
    lst.add_argument(
        "--all",
        action="store_true",
        help="also the operator names recorded before the first administrator was set "
        "(no password, no roles)",
    )
    passwd = account_sub.add_parser(
        "passwd", help="change your own password, or (administrator) reset another's: changed at next sign-in"
    )
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true", help="read the new password from stdin")
    roles = account_sub.add_parser("roles", help="set an account's roles")
    roles.add_argument("name")
    roles.add_argument("--role", action="append", required=True, help=roles_help + "; repeatable")
    roles.add_argument("--cadre", type=common.record_id, help="a 导师's own cadre number")
    roles.add_argument("--display-name", default="", help="a new display name (unique among the accounts)")
    roles.add_argument("--json", action="store_true")
    for action, text in (("lock", "disable an account"), ("unlock", "enable an account, lift a lock-out")):
        one = account_sub.add_parser(action, help=text)
        one.add_argument("name")
    return {"account": _cmd_account}


def sign_in(db: Database, args: argparse.Namespace) -> ServiceContext:
    """The command's context: signed in on a database with accounts, else the open mode's."""
    if not accounts.needs_login(db):  # the open mode: --user or --operator only names the operator
        return open_context(db, args.operator or args.user)
    env_user = os.environ.get(USER_ENV, "").strip()
    user = (args.user or env_user).strip()
    if not user:
        raise PermissionDenied(
            Message(
                "login_user_missing",
                "此数据库已启用账号：请用 --user 用户名（或环境变量 CADRE_DESK_USER）登录",
            )
        )
    password = os.environ.get(PASSWORD_ENV)
    if password is not None and env_user and env_user != user:
        # CADRE_DESK_PASSWORD goes with CADRE_DESK_USER: tried on the account --user names, it
        # counted as that account's failed sign-ins, and five runs locked it out
        password = _prompt(
            f"{user} 的密码：",
            Message(
                "login_env_other_user",
                "请为账号 {user} 输入密码：环境变量 CADRE_DESK_PASSWORD 是 CADRE_DESK_USER（{other}）的密码，"
                "不用于 --user {user}。请在终端中运行，或把 CADRE_DESK_USER 也设为 {user}",
                user=user,
                other=env_user,
            ),
        )
    elif password is None:
        password = _prompt(f"{user} 的密码：")
    args.login_password = password
    ctx = accounts.authenticate(db, user, password)
    if ctx.must_change_password and not (
        args.command == "account" and args.account_command == "passwd" and args.name == ctx.account_name
    ):
        raise PermissionDenied(
            Message(
                "password_change_required_cli",
                "密码由管理员设置（新账号或重置密码），请先修改密码："
                "cadre-desk --user {name} account passwd {name}",
                name=ctx.account_name,
            )
        )
    return ctx


def _prompt(text: str, no_terminal: Message | None = None) -> str:
    if not sys.stdin.isatty():
        raise LoginFailed(
            no_terminal
            or Message("login_no_password", "请在环境变量 CADRE_DESK_PASSWORD 中给出密码（没有终端可输入）")
        )
    return getpass.getpass(text)


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():  # not CADRE_DESK_PASSWORD: that is the signed-in account's own
        raise CadreDeskError("没有终端可输入新密码：请用 --password-stdin 从标准输入给出新密码")
    first = _prompt("新密码：")
    if _prompt("再输入一次：") != first:
        raise CadreDeskError("两次输入的密码不一致")
    return first


def _cmd_account(ctx: ServiceContext, args: argparse.Namespace) -> int:
    command = args.account_command
    if command == "add":
        password = _new_password(args)
        if not accounts.needs_login(ctx.db):
            if access.Role.ADMIN not in {access.parse_role(r) for r in args.role}:
                raise PermissionDenied(
                    Message(
                        "admin_first", "此数据库还没有系统管理员：第一个账号须为系统管理员（--role admin）"
                    )
                )
            admin = accounts.set_first_admin(ctx.db, args.name, password, args.display_name)
            extra = [r for r in args.role if access.parse_role(r) is not access.Role.ADMIN]
            view = (
                accounts.set_roles(admin, args.name, ["admin", *extra], args.cadre)
                if extra
                else accounts.get_account(admin, args.name)
            )
        else:
            view = accounts.add_account(ctx, args.name, args.role, password, args.display_name, args.cadre)
        if args.json:
            print_json(view)
        else:
            first = "；首次登录时须修改密码" if view.must_change_password else ""
            print(f"已添加账号 {view.name}（{'、'.join(view.role_labels)}）{first}")
    elif command == "list":
        rows = accounts.list_accounts(ctx, operators=args.all)
        if args.json:
            print_json(rows)
        else:
            for row in rows:
                state = (
                    "已停用"
                    if row.disabled
                    else "已锁定"
                    if row.locked()
                    else "须修改密码"
                    if row.must_change_password
                    else ""
                    if row.has_password
                    else "无密码（启用账号前的操作人，不能登录）"
                )
                own = f"  导师本人：{row.cadre_id} {row.cadre_label}" if row.cadre_id else ""
                print(f"{row.name:16} {row.display_name:10} {'、'.join(row.role_labels):24} {state}{own}")
    elif command == "passwd":
        new = _new_password(args)
        if ctx.signed_in and args.name.strip() == ctx.account_name:
            accounts.change_own_password(ctx, getattr(args, "login_password", ""), new)
            print("密码已修改")
        else:
            accounts.reset_password(ctx, args.name, new)
            print(f"已重置 {args.name} 的密码（下次登录时须修改）")
    elif command == "roles":
        view = accounts.set_roles(ctx, args.name, args.role, args.cadre, args.display_name or None)
        if args.json:
            print_json(view)
        else:
            print(f"{view.name}：{'、'.join(view.role_labels)}")
    elif command == "lock":
        accounts.lock_account(ctx, args.name)
        print(f"已停用账号 {args.name}")
    else:
        accounts.unlock_account(ctx, args.name)
        print(f"已启用账号 {args.name}")
    return EXIT_OK
