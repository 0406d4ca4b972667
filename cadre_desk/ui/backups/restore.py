"""文件 → 从备份恢复…, and the offer of the newest good backup when the database is damaged on open.

`RestoreDialog.ask` chooses and confirms a backup (tests patch it): a sealed backup asks for its
passphrase, and an encrypted backup the database's current key does not open (one made before the
passphrase was changed) asks for the passphrase in use when it was made, again after a wrong one.
The question names what will happen (`services.backups.plan_restore`): a backup of another database
(its audit trail begins elsewhere, or its file name names another), and what becomes of the
encryption (a plain backup into an encrypted database is encrypted with its current passphrase; an
encrypted backup into a plain database leaves it encrypted with the backup's passphrase); once done,
the latter two are said again.
`RestoreRunner` runs the restore (`services.backups.restore`: the current state saved first,
verified, audited) behind a busy progress dialog; the window then reloads every page.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from cadre_desk import paths, sealed
from cadre_desk.db import backup_files, cipher, sqlite_tools
from cadre_desk.errors import CadreDeskError, DamagedDatabase, PassphraseNeeded, WrongPassphrase
from cadre_desk.services import backups
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
from cadre_desk.ui.widgets.weak import BackRef

log = logging.getLogger("cadre_desk.ui")


def _when(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y.%m.%d %H:%M")


def made_text(path: Path) -> str:
    """When the backup was made, as recorded inside it (its last audit record), else its file time
    said as such: a backup copied from a USB stick has the time it was copied (inspection F19)."""
    made = backup_files.made_at(path)
    if made is not None:
        return QCoreApplication.translate("RestoreDialog", "made {when} (its last audit record)").format(
            when=made.astimezone().strftime("%Y.%m.%d %H:%M")
        )
    return QCoreApplication.translate(
        "RestoreDialog",
        "file time {when} (the time it was made is not known: a copied file shows when it was copied)",
    ).format(when=_when(path))


def _title() -> str:
    return QCoreApplication.translate("RestoreDialog", "Restore from a backup")


@dataclass(frozen=True)
class RestoreRequest:
    """A backup chosen and confirmed, with the passphrases it needs."""

    path: Path
    backup_passphrase: str | None = None  # a sealed backup's
    old_passphrase: str | None = None  # the database's passphrase when the backup was made


def _older_key_message(current_key: bool = True) -> str:
    if not current_key:  # the database is a plain file now (decrypted since), or a new one
        return QCoreApplication.translate(
            "RestoreDialog",
            "This backup is encrypted. Enter the passphrase the database had when the backup was made.",
        )
    return QCoreApplication.translate(
        "RestoreDialog",
        "This backup is encrypted with another passphrase than the database has now: it was made "
        "before the passphrase was changed. Enter the passphrase the database had when the backup was "
        "made. The restored database keeps its current passphrase.",
    )


def ask_old_passphrase(parent: QWidget, path: Path, current_key: bool = True) -> str | None:
    """The passphrase that opens the encrypted backup `path` (asked again after a wrong one; None:
    cancelled). Its key is remembered for the backup."""
    message = _older_key_message(current_key)
    while True:
        passphrase = PassphraseDialog.ask(parent, _title(), message)
        if passphrase is None:
            return None
        try:
            sqlite_tools.unlock(path, passphrase)
            return passphrase
        except WrongPassphrase:
            message = QCoreApplication.translate(
                "RestoreDialog",
                "That passphrase does not open the backup either (or the file is damaged). Nothing was "
                "changed.\n\n{why}",
            ).format(why=_older_key_message(current_key))


def _ask_seal_passphrase(parent: QWidget, path: Path) -> str | None:
    message = QCoreApplication.translate(
        "RestoreDialog",
        "The backup {name} is sealed with a passphrase. Enter the passphrase it was made with.",
    ).format(name=path.name)
    while True:
        passphrase = PassphraseDialog.ask(parent, _title(), message)
        if passphrase is None:
            return None
        try:
            sealed.check_passphrase(path, passphrase)
            return passphrase
        except sealed.SealError as exc:
            message = str(exc)  # wrong passphrase or a damaged file: said in Chinese by the core


def plan_text(plan: backups.RestorePlan) -> tuple[str, str]:
    """(a warning that the backup is another database's, or ""; what becomes of the encryption), in
    the words of the question asked before a restore."""
    warning = ""
    if plan.other_database:
        database = (
            QCoreApplication.translate("RestoreDialog", "the database “{name}”").format(
                name=plan.backup_database
            )
            if plan.backup_database
            else QCoreApplication.translate("RestoreDialog", "another database")
        )
        why = (
            QCoreApplication.translate("RestoreDialog", "its audit trail begins elsewhere")
            if plan.same_database is False
            else QCoreApplication.translate("RestoreDialog", "by its file name")
        )
        warning = QCoreApplication.translate(
            "RestoreDialog",
            "Warning: this backup belongs to {database} ({why}), not to the current database "
            "“{current}”. Restoring it replaces the current database's content with that database's.",
        ).format(database=database, why=why, current=plan.database_name)
    if plan.outcome == backups.ENCRYPTED_WITH_CURRENT_KEY:
        what = QCoreApplication.translate(
            "RestoreDialog",
            "The backup is a plain (unencrypted) file, made before the database was encrypted. It is "
            "encrypted with the database's current passphrase as it is restored: the restored database "
            "stays encrypted, its passphrase unchanged.",
        )
    elif plan.outcome == backups.BACKUP_KEY:
        what = QCoreApplication.translate(
            "RestoreDialog",
            "The backup is encrypted and the database is not: the restored database will be encrypted, "
            "and from then on it opens only with the passphrase the backup was made with.",
        )
    elif plan.outcome == backups.CURRENT_KEY:
        what = QCoreApplication.translate(
            "RestoreDialog",
            "The backup is encrypted; the restored database stays encrypted with its current passphrase.",
        )
    elif plan.database_encrypted:
        what = QCoreApplication.translate(
            "RestoreDialog",
            "The backup is a plain (unencrypted) file and the database's passphrase is not known: the "
            "restored database will not be encrypted.",
        )
    else:
        what = QCoreApplication.translate(
            "RestoreDialog",
            "The backup is a plain (unencrypted) file, like the database: the restored database is not "
            "encrypted.",
        )
    if plan.sealed:
        what = QCoreApplication.translate("RestoreDialog", "Inside the sealed file: {what}").format(what=what)
    return warning, what


def _with_plan(question: str, plan: backups.RestorePlan) -> str:
    warning, what = plan_text(plan)
    accounts = QCoreApplication.translate(
        "RestoreDialog",
        "The accounts are not restored: the accounts as they are now (passwords, roles, disabled "
        "accounts) are kept.",
    )
    return "\n\n".join(part for part in (warning, question, what, accounts) if part)


def after_text(plan: backups.RestorePlan | None) -> str:
    """What the user must know once the restore is done ("" when nothing changed about encryption)."""
    if plan is None:
        return ""
    if plan.outcome == backups.BACKUP_KEY:
        return QCoreApplication.translate(
            "RestoreDialog",
            "The database is now the backup's own file, encrypted: from now on it opens with "
            "the passphrase the backup was made with.",
        )
    if plan.outcome == backups.ENCRYPTED_WITH_CURRENT_KEY:
        return QCoreApplication.translate(
            "RestoreDialog",
            "The backup was a plain file: it was encrypted with the database's current passphrase "
            "and checked before it replaced the database. The database is still encrypted; its "
            "passphrase is unchanged.",
        )
    if plan.outcome == backups.PLAIN and plan.database_encrypted:
        return QCoreApplication.translate(
            "RestoreDialog",
            "The database is now the backup's own file, which is not encrypted: it opens "
            "without a passphrase. Encrypt it again in Settings if it should be.",
        )
    return ""


class RestoreDialog:
    """`ask(parent, ctx) -> RestoreRequest | None`: a backup chosen and confirmed (tests patch `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget, ctx: ServiceContext) -> RestoreRequest | None:
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            _title(),
            str(paths.backup_dir()),
            QCoreApplication.translate("RestoreDialog", "Backups (*.db *.sealed);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
        try:
            if sealed.is_sealed(path):
                return cls._confirm_sealed(parent, ctx, path)
            return cls._confirm_database(parent, ctx, path)
        except (CadreDeskError, OSError) as exc:
            QMessageBox.warning(parent, _title(), str(exc))
            return None

    @classmethod
    def _confirm_sealed(cls, parent: QWidget, ctx: ServiceContext, path: Path) -> RestoreRequest | None:
        passphrase = _ask_seal_passphrase(parent, path)
        if passphrase is None:
            return None
        text = QCoreApplication.translate(
            "RestoreDialog",
            "Replace the current database with this sealed backup?\n\n{path}\n{when}\n\nIt is "
            "decrypted and checked before anything is replaced. The current state is first saved as a "
            "backup in {folder}.",
        ).format(path=path, when=made_text(path), folder=paths.backup_dir())
        if ctx.db.path is not None:
            text = _with_plan(text, backups.plan_restore(ctx.db.path, path, passphrase))
        answer = QMessageBox.question(parent, _title(), text)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return RestoreRequest(path, backup_passphrase=passphrase)

    @classmethod
    def _confirm_database(cls, parent: QWidget, ctx: ServiceContext, path: Path) -> RestoreRequest | None:
        old = None
        if sqlite_tools.sniff(path) == "encrypted" and cipher.key_for(path) is None:
            key = cipher.key_for(ctx.db.path) if ctx.db.path is not None else None
            if key is not None and sqlite_tools.opens_with(path, key):
                cipher.remember(path, key)  # made under the current passphrase
            else:
                old = ask_old_passphrase(parent, path, current_key=key is not None)
                if old is None:
                    return None
        info = backup_files.inspect_backup(path)
        text = QCoreApplication.translate(
            "RestoreDialog",
            "Replace the current database with this backup?\n\n{path}\n{when}, {rows} rows\n\nThe current state is first saved as a backup in {folder}.",  # noqa: E501
        ).format(path=path, when=made_text(path), rows=info.rows, folder=paths.backup_dir())
        if ctx.db.path is not None:
            text = _with_plan(text, backups.plan_restore(ctx.db.path, path))
        answer = QMessageBox.question(parent, _title(), text)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return RestoreRequest(path, old_passphrase=old)


class RestoreRunner(QObject):
    """Runs one restore into the open database in the background, with a busy dialog."""

    _parent: BackRef[QWidget] = BackRef()  # held weakly: its Qt parent keeps this object

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.job: Job | None = None
        self.result: backups.RestoreResult | None = None
        self.error = ""

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def start(
        self, ctx: ServiceContext, request: RestoreRequest, on_finished: Callable[[bool], None]
    ) -> None:
        if self.running or ctx.db.path is None:
            return
        backup = request.path
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(_title())
        dialog.setLabelText(
            QCoreApplication.translate("RestoreDialog", "Restoring from\n{path}").format(path=backup)
        )
        dialog.setCancelButton(None)  # a restore runs to its end
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(300)
        target = str(ctx.db.path)
        key_before = cipher.key_for(ctx.db.path)
        operator = ctx.account_name
        self.result, self.error = None, ""

        def work(_progress: ProgressFn) -> backups.RestoreResult:
            return backups.restore(
                target,
                backup,
                operator,
                ctx=ctx,
                backup_passphrase=request.backup_passphrase,
                old_passphrase=request.old_passphrase,
            )

        def done(result: object) -> None:
            dialog.reset()
            dialog.deleteLater()
            if isinstance(result, backups.RestoreResult):
                self.result = result
            if ctx.db.path is not None and cipher.key_for(ctx.db.path) != key_before:
                # the database was replaced by the backup's own file (it was plain or damaged): the
                # engine must open it with that file's key from now on
                ctx.db.reopen()
            text = after_text(self.result.plan if self.result is not None else None)
            if text:  # what became of the encryption, when the user must know it
                QMessageBox.information(self._parent, _title(), text)
            on_finished(self.result is not None)

        def failed(exc: Exception) -> None:
            dialog.reset()
            dialog.deleteLater()
            if isinstance(exc, PassphraseNeeded) and request.backup_passphrase is not None:
                # a sealed backup of the database from before its passphrase changed: nothing was
                # changed; ask for the passphrase it had then and start again (again after a wrong one)
                message = _older_key_message()
                if request.old_passphrase is not None:
                    message = QCoreApplication.translate(
                        "RestoreDialog",
                        "That passphrase does not open the backup either. Nothing was changed.\n\n{why}",
                    ).format(why=message)
                old = PassphraseDialog.ask(self._parent, _title(), message)
                if old is not None:
                    self.job = None
                    self.start(ctx, RestoreRequest(backup, request.backup_passphrase, old), on_finished)
                    return
            self.error = str(exc)
            if isinstance(exc, CadreDeskError):
                QMessageBox.warning(
                    self._parent,
                    QCoreApplication.translate("RestoreDialog", "Restore from a backup"),
                    str(exc),
                )
            on_finished(False)

        self.job = run_in_background(work, done, failed)


class DamagedOffer:
    """`ask(parent, error) -> bool`: restore the newest good backup of a damaged database? (tests patch)"""

    @classmethod
    def ask(cls, parent: QWidget | None, error: DamagedDatabase) -> bool:
        if error.backup is None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("RestoreDialog", "The database is damaged"),
            QCoreApplication.translate(
                "RestoreDialog",
                "{problem}\n\nRestore the newest good backup?\n{backup} ({when})\n\n"
                "The damaged file is kept beside the backups.",
            ).format(problem=str(error).split("。")[0], backup=error.backup, when=made_text(error.backup)),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("damagedOffer")
        restore = box.addButton(
            QCoreApplication.translate("RestoreDialog", "Restore this backup"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QCoreApplication.translate("RestoreDialog", "Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore


def restore_damaged(error: DamagedDatabase, operator: str | None) -> str:
    """Restore the offered backup over the damaged file (blocking, with a wait cursor); "" or the error."""
    assert error.backup is not None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        backups.restore(str(error.database), error.backup, operator)
    except CadreDeskError as exc:
        log.error("restoring %s over the damaged %s failed: %s", error.backup, error.database, exc)
        return str(exc)
    finally:
        QApplication.restoreOverrideCursor()
    log.info("restored %s over the damaged %s", error.backup, error.database)
    return ""
