"""`restore`, `auto-backup`, `backup-policy`: automatic backups and restoring one."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from cadre_desk import paths, sealed
from cadre_desk.cli import security
from cadre_desk.cli.common import EXIT_ERROR, EXIT_OK, Handler, ProgressBar, Subparsers, count, print_json
from cadre_desk.db import cipher
from cadre_desk.errors import (
    CadreDeskError,
    PassphraseNeeded,
    PermissionDenied,
    StorageError,
    WrongPassphrase,
)
from cadre_desk.sealed import SealError
from cadre_desk.services import access, backups
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext

# Commands that open the database themselves (it may be damaged): called with the parsed arguments only.
RAW_COMMANDS = ("restore",)


def register(sub: Subparsers) -> dict[str, Handler]:
    res = sub.add_parser(
        "restore",
        help="replace the database with a backup: the current state is kept as a backup first, the "
        "result is verified and audited (works on a damaged database too)",
    )
    res.add_argument("backup", type=Path, metavar="BACKUP")
    res.add_argument("--json", action="store_true")
    security.add_passphrase_options(res)  # a sealed backup, or one from before the passphrase changed
    res.add_argument(
        "--old-passphrase-env",
        metavar="VAR",
        help="the database's passphrase when the backup was made (a backup from before a rekey, also "
        "inside a sealed backup), held in the environment variable VAR",
    )
    auto = sub.add_parser(
        "auto-backup", help="take an automatic backup now if there were changes, keep the generations"
    )
    auto.add_argument("--force", action="store_true", help="even without changes")
    auto.add_argument("--json", action="store_true")
    pol = sub.add_parser(
        "backup-policy", help="show or set the automatic backups' generations and second folder"
    )
    pol.add_argument("--daily", type=count, help="daily backups kept (default 7)")
    pol.add_argument("--weekly", type=count, help="weekly backups kept (default 4)")
    pol.add_argument("--monthly", type=count, help="monthly backups kept (default 12)")
    pol.add_argument("--second-folder", metavar="DIR", help='a second folder (a USB stick); "" for none')
    pol.add_argument("--json", action="store_true")
    return {"restore": _cmd_restore_unused, "auto-backup": _cmd_auto, "backup-policy": _cmd_policy}


def _cmd_restore_unused(_ctx: ServiceContext, _args: argparse.Namespace) -> int:  # pragma: no cover
    raise AssertionError("restore runs through run_raw, without opening the database first")


def _signed_in(args: argparse.Namespace) -> ServiceContext | None:
    """Sign in on the current database (its restore permission decides: the administrator's); None
    when it is damaged or no longer a database, whose accounts cannot be read (no one can sign in on
    it; the restore is audited all the same)."""
    from cadre_desk.cli import accounts

    try:
        db = security.open_for_command(args, create=False)
    except (PassphraseNeeded, WrongPassphrase):
        raise
    except StorageError as exc:
        if exc.retryable:
            raise
        return None
    try:
        return accounts.sign_in(db, args)
    finally:
        db.dispose()


def _require_restore(ctx: ServiceContext) -> None:
    """A restore is the administrator's (a 干部科经办 may back up, not restore): refused before any
    passphrase is asked or file read, and the refusal recorded like every other command's."""
    from cadre_desk.services import accounts

    try:
        access.require(ctx, Permission.RESTORE)
    except PermissionDenied as exc:
        with contextlib.suppress(CadreDeskError):  # e.g. the file busy: the refusal is still said
            accounts.record_denial(ctx, "cadre-desk restore", str(exc))
        raise


def run_raw(args: argparse.Namespace) -> int:
    """`restore BACKUP`: the database may be damaged, so it is not opened before."""
    passphrase = os.environ.get(cipher.KEY_ENV) or None  # an encrypted database and its backups
    backup_passphrase = security.file_passphrase(args, new=False, sealed_input=sealed.is_sealed(args.backup))
    ctx = _signed_in(args)
    if ctx is not None:
        _require_restore(ctx)
    operator = ctx.account_name if ctx is not None else args.operator
    target = args.db or paths.default_database()
    old_passphrase = None
    if args.old_passphrase_env:
        old_passphrase = os.environ.get(args.old_passphrase_env)
        if not old_passphrase:
            raise StorageError(
                f"环境变量 {args.old_passphrase_env} 未设置或为空（--old-passphrase-env 给出的是变量名）。"
            )
    scripted = security.given_passphrase(args) or old_passphrase is not None

    def before(plan: backups.RestorePlan) -> None:  # told before anything is replaced
        sys.stderr.write("".join(f"{line}\n" for line in plan.facts()))
        sys.stderr.flush()

    for attempt in range(security.TRIES):
        try:
            result = backups.restore(
                target,
                args.backup,
                operator,
                passphrase,
                ctx,
                backup_passphrase,
                old_passphrase,
                on_plan=before,
            )
            break
        except (PassphraseNeeded, SealError) as exc:  # nothing was changed: ask (again) at a terminal
            if scripted or attempt == security.TRIES - 1 or not security.interactive():
                raise  # said once, by the caller (no terminal to ask at)
            sys.stderr.write(f"{exc}\n")
            if isinstance(exc, PassphraseNeeded) and backup_passphrase and sealed.is_sealed(args.backup):
                old_passphrase = security.ask("制作备份时的数据库口令（旧口令）：")  # inside the sealed file
                if old_passphrase is None:
                    raise
            else:
                backup_passphrase = security.ask("备份口令：")
                if backup_passphrase is None:
                    raise
    if args.json:
        print_json(
            {
                "restored_from": str(result.restored_from),
                "saved_current": str(result.saved_current) if result.saved_current else None,
                "revision": result.revision,
                "rows": result.rows,
                "counts": result.counts,
                "chain_ok": result.chain_ok,
                "accounts_kept": result.accounts_differed is not None,
                "accounts_differed": result.accounts_differed,
                **_plan_json(result.plan),
            }
        )
    else:
        print(f"已从备份恢复并校验（{result.rows} 行）：{result.restored_from}")
        if result.saved_current:
            print(f"恢复前的数据库已保存为：{result.saved_current}")
        if result.accounts_differed is not None:
            differed = f"（{result.accounts_differed} 个与备份中不同）" if result.accounts_differed else ""
            print(f"账号保持现状，未随备份恢复{differed}。")
        if result.plan is not None:
            print(_after(result.plan))
            if result.plan.other_database:
                print(result.plan.facts()[0])
        if not result.chain_ok:
            print("注意：备份中的审计记录哈希链不完整（运行 audit verify 查看）")
    return EXIT_OK


def _after(plan: backups.RestorePlan) -> str:
    """What the database is now, as to encryption (the restore's outcome, said afterwards)."""
    if plan.outcome == backups.ENCRYPTED_WITH_CURRENT_KEY:
        return "数据库仍是加密的：明文备份已用当前口令加密后换入（口令不变）。"
    if plan.outcome == backups.BACKUP_KEY:
        return (
            "数据库现在是加密的：以后打开它需要制作该备份时的口令"
            f"（环境变量 {cipher.KEY_ENV} 或启动时输入）。"
        )
    if plan.outcome == backups.CURRENT_KEY:
        return "数据库仍用当前口令加密。"
    if plan.database_encrypted:
        return "数据库现在未加密（原数据库的口令未知，备份是明文文件）：如需加密，请运行 encrypt。"
    return "数据库未加密（与恢复前相同）。"


def _plan_json(plan: backups.RestorePlan | None) -> dict[str, object]:
    if plan is None:
        return {}
    return {
        "backup_encrypted": plan.backup_encrypted,
        "encrypted_before": plan.database_encrypted,
        "encrypted_after": plan.encrypted_after,
        "encryption": plan.outcome,
        "backup_database": plan.backup_database or None,
        "same_database": plan.same_database,
        "other_database": plan.other_database,
    }


def _cmd_auto(ctx: ServiceContext, args: argparse.Namespace) -> int:
    bar = ProgressBar()
    try:
        result = backups.auto_backup(ctx, force=args.force, progress=lambda d, t: bar.update("备份", d, t))
    finally:
        bar.close()
    if args.json:
        print_json(
            {
                "made": [str(p) for p in result.made],
                "removed": [str(p) for p in result.removed],
                "warnings": list(result.warnings),
                "errors": list(result.errors),
                "skipped": result.skipped,
            }
        )
    else:
        if result.skipped:
            print(f"未备份：{result.skipped}")
        for path in result.made:
            print(f"已备份并校验：{path}")
        for path in result.removed:
            print(f"按保留规则删除旧备份：{path}")
        for message in (*result.warnings, *result.errors):
            print(f"注意：{message}")
    return EXIT_OK if result.ok else EXIT_ERROR


def _cmd_policy(ctx: ServiceContext, args: argparse.Namespace) -> int:
    policy = backups.get_policy(ctx)
    wanted = backups.BackupPolicy(
        policy.daily if args.daily is None else args.daily,
        policy.weekly if args.weekly is None else args.weekly,
        policy.monthly if args.monthly is None else args.monthly,
        policy.second_folder if args.second_folder is None else args.second_folder,
    )
    if wanted != policy:
        policy = backups.save_policy(ctx, wanted)
    if args.json:
        print_json(policy)
    else:
        print(f"每日 {policy.daily} 份，每周 {policy.weekly} 份，每月 {policy.monthly} 份")
        print(f"第二备份位置：{policy.second_folder or '（未设置）'}")
    return EXIT_OK
