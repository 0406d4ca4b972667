"""Encryption at rest on the command line: the database passphrase, `encrypt`, `decrypt` and `rekey`.

The passphrase of an encrypted database comes from the environment variable `CADRE_DESK_KEY`, else
from a prompt when stdin is a terminal (three tries). A script without the variable gets a message
and exit code 1, never a hanging prompt. `rekey` takes the new passphrase from `CADRE_DESK_NEW_KEY`,
else from a prompt (typed twice).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from cadre_desk import paths, sealed
from cadre_desk.cli.common import EXIT_OK, Handler, Subparsers
from cadre_desk.db import cipher
from cadre_desk.db.engine import Database
from cadre_desk.db.opening import open_database
from cadre_desk.errors import PassphraseNeeded, StorageError, WrongPassphrase
from cadre_desk.services import encryption, sealed_backup
from cadre_desk.services.context import ServiceContext

TRIES = 3
NEW_KEY_ENV = "CADRE_DESK_NEW_KEY"  # the new passphrase of `rekey`


def register(sub: Subparsers) -> dict[str, Handler]:
    unseal = sub.add_parser(
        "unseal", help="decrypt a passphrase-sealed backup or package into a new file (authenticated)"
    )
    unseal.add_argument("file", type=Path)
    unseal.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_passphrase_options(unseal)
    sub.add_parser(
        "encrypt",
        help=f"encrypt the SQLite database with a passphrase (${cipher.KEY_ENV} or a prompt); "
        "verified before it replaces the plain file",
    )
    sub.add_parser("decrypt", help="turn the encrypted database back into a plain SQLite file (verified)")
    sub.add_parser(
        "rekey",
        help=f"change the passphrase of the encrypted database (current: ${cipher.KEY_ENV} or a prompt; "
        f"new: ${NEW_KEY_ENV} or a prompt); verified on a copy before it replaces the file",
    )
    return {"encrypt": _cmd_encrypt, "decrypt": _cmd_decrypt, "unseal": _cmd_unseal, "rekey": _cmd_rekey}


def add_passphrase_options(parser: argparse.ArgumentParser) -> None:
    """`--passphrase-env VAR` / `--ask-passphrase`: the passphrase of a sealed file (package, backup)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="seal / open with the passphrase held in the environment variable VAR",
    )
    group.add_argument(
        "--ask-passphrase", action="store_true", help="seal / open with a passphrase typed at the terminal"
    )


def file_passphrase(args: argparse.Namespace, new: bool, sealed_input: bool = False) -> str | None:
    """The passphrase the options ask for (None: none asked for). `new`: it seals a file (typed twice,
    checked); `sealed_input`: the input is sealed, so a terminal is asked even without the options."""
    name = getattr(args, "passphrase_env", None)
    if name:
        value = os.environ.get(name)
        if not value:
            raise StorageError(f"环境变量 {name} 未设置或为空（--passphrase-env 给出的是保存口令的变量名）。")
        passphrase = value
    elif getattr(args, "ask_passphrase", False) or (sealed_input and _interactive()):
        typed = ask("文件口令：", confirm=new)
        if typed is None:
            raise StorageError("--ask-passphrase 需要在终端中运行；脚本请用 --passphrase-env 变量名。")
        passphrase = typed
    else:
        return None
    if new:
        problem = sealed.passphrase_problem(passphrase)
        if problem:
            raise StorageError(problem)
    return passphrase


def given_passphrase(args: argparse.Namespace) -> bool:
    """Whether `--passphrase-env` names the file passphrase (a script: never asked for again)."""
    return bool(getattr(args, "passphrase_env", None))


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def interactive() -> bool:
    """Whether a passphrase can be asked for at a terminal."""
    return _interactive()


def ask(prompt: str, confirm: bool = False) -> str | None:
    """A passphrase typed at the terminal (None without one)."""
    if not _interactive():
        return None
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次：") != first:
        raise StorageError("两次输入的口令不一致。")
    return first


def new_passphrase() -> str:
    """The passphrase for a newly encrypted file: the variable, else typed twice."""
    passphrase = os.environ.get(cipher.KEY_ENV) or ask("新的数据库口令：", confirm=True)
    if not passphrase:
        raise PassphraseNeeded(f"需要口令：请设置环境变量 {cipher.KEY_ENV}，或在终端中运行本命令以输入口令。")
    problem = cipher.passphrase_problem(passphrase)
    if problem:
        raise StorageError(problem)
    return passphrase


def open_for_command(args: argparse.Namespace, create: bool) -> Database:
    """`open_database` for a command, asking for the passphrase of an encrypted file as needed;
    `init --encrypt` creates an encrypted database."""
    target = args.db or paths.default_database()
    encrypt = bool(getattr(args, "encrypt", False))
    given = os.environ.get(cipher.KEY_ENV) or None
    passphrase = new_passphrase() if encrypt else given
    for attempt in range(TRIES):
        try:
            db = open_database(target, create=create, passphrase=passphrase, encrypt=encrypt)
            args.db_passphrase = passphrase  # the one that opened it (`rekey` checks it again)
            return db
        except (PassphraseNeeded, WrongPassphrase) as exc:
            if encrypt or given is not None or not _interactive() or attempt == TRIES - 1:
                raise
            if isinstance(exc, WrongPassphrase):
                sys.stderr.write("口令不正确。\n")
            passphrase = ask("数据库口令：")
    raise AssertionError("unreachable")


def _cmd_unseal(_ctx: ServiceContext, args: argparse.Namespace) -> int:
    passphrase = file_passphrase(args, new=False, sealed_input=True)
    if passphrase is None:
        raise StorageError("需要口令：--passphrase-env 变量名，或 --ask-passphrase。")
    dest = sealed_backup.unseal(args.file, args.output, passphrase)
    print(f"已解密并校验：{dest}")
    return EXIT_OK


def _cmd_encrypt(ctx: ServiceContext, _args: argparse.Namespace) -> int:
    if ctx.db.encrypted:
        raise StorageError(f"数据库已经是加密的：{ctx.db.display_name()}")
    tables = encryption.encrypt_database(ctx, new_passphrase())
    print(f"数据库已加密并校验（{tables} 张表，行数一致）：{ctx.db.display_name()}")
    print(f"以后打开它需要口令（环境变量 {cipher.KEY_ENV} 或输入）。请牢记口令：忘记口令将无法恢复数据。")
    return EXIT_OK


def _cmd_decrypt(ctx: ServiceContext, _args: argparse.Namespace) -> int:
    tables = encryption.decrypt_database(ctx)
    print(f"数据库已解密为普通 SQLite 文件并校验（{tables} 张表，行数一致）：{ctx.db.display_name()}")
    return EXIT_OK


def _cmd_rekey(ctx: ServiceContext, args: argparse.Namespace) -> int:
    if not ctx.db.encrypted:
        raise StorageError(f"数据库没有加密，无需修改口令（加密请用 encrypt 命令）：{ctx.db.display_name()}")
    old = getattr(args, "db_passphrase", None) or ask("当前数据库口令：")
    if not old:
        raise PassphraseNeeded(
            f"需要当前口令：请设置环境变量 {cipher.KEY_ENV}，或在终端中运行本命令以输入口令。"
        )
    new = os.environ.get(NEW_KEY_ENV) or ask("新的数据库口令：", confirm=True)
    if not new:
        raise PassphraseNeeded(f"需要新口令：请设置环境变量 {NEW_KEY_ENV}，或在终端中运行本命令以输入口令。")
    tables = encryption.change_passphrase(ctx, old, new)
    print(
        f"数据库口令已修改并校验（{tables} 张表，行数一致；新口令能打开，旧口令不能）："
        f"{ctx.db.display_name()}"
    )
    print(f"以后打开它需要新口令（环境变量 {cipher.KEY_ENV} 或输入）；此后的自动备份也用新口令加密。")
    print(
        "注意：修改前做的备份仍用旧口令加密，恢复它们时需要旧口令"
        "（restore --ask-passphrase 或 --passphrase-env 变量名）。"
    )
    return EXIT_OK
