"""设置 → 数据文件: whether the database is encrypted, 加密… / 取消加密… (verified conversions) and
修改口令… (`services.encryption.change_passphrase`: a verified copy under the new passphrase)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton, QWidget

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import encryption
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, run_in_background
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog
from cadre_desk.ui.widgets.permits import Act, allows, tag

log = logging.getLogger("cadre_desk.ui")


class EncryptionRow(QWidget):
    """The state line and the button; `changed` after a conversion succeeded."""

    changed = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job: Job | None = None
        self.state = QLabel(self)
        self.state.setObjectName("encryptionState")
        self.button = QPushButton(self)
        self.button.setObjectName("encryptionButton")
        self.button.clicked.connect(self.toggle)
        self.rekey_button = QPushButton(self.tr("Change &passphrase…"), self)
        self.rekey_button.setObjectName("rekeyButton")
        self.rekey_button.setToolTip(
            self.tr(
                "Re-write the encrypted database under a new passphrase (checked before it replaces the "
                "file). Backups made before keep the old passphrase."
            )
        )
        self.rekey_button.clicked.connect(self.change_passphrase)
        tag(Act.SETTINGS, self.button, self.rekey_button)  # shown only to an administrator (show_state)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state)
        row.addWidget(self.button)  # the settings dialog moves the buttons among its own buttons
        row.addWidget(self.rekey_button)
        self.hide()
        self.show_state()

    def show_state(self) -> None:
        db = self._ctx.db
        may = allows(self._ctx, Act.SETTINGS)  # the services refuse the rest: 无权修改设置
        self.button.setVisible(db.path is not None and may)
        if db.path is None:
            self.state.setToolTip(
                self.tr("Encryption of a database server is the server's business (disk encryption, TLS).")
            )
            self.state.hide()
        elif db.encrypted:
            self.state.setText(self.tr("Encrypted"))
            self.state.setToolTip(self.tr("Encrypted (SQLCipher): the file opens only with its passphrase."))
            self.button.setText(self.tr("&Decrypt…"))
        else:
            self.state.setText(self.tr("Not encrypted"))
            self.state.setToolTip(self.tr("Not encrypted: anyone who can copy the file can read it."))
            self.button.setText(self.tr("&Encrypt…"))
        self.button.setToolTip(self.state.toolTip())
        self.rekey_button.setVisible(db.path is not None and db.encrypted and may)

    def toggle(self) -> None:
        if self.job is not None and self.job.running:
            return
        title = self.tr("Encrypt the database")
        if self._ctx.db.encrypted:
            title = self.tr("Decrypt the database")
            answer = QMessageBox.question(
                self,
                title,
                self.tr(
                    "Write the database back as a plain file that opens without a passphrase? "
                    "Anyone who can copy the file can then read it."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.convert(None, title)
            return
        passphrase = PassphraseDialog.ask(
            self,
            title,
            self.tr(
                "Choose the passphrase of the database. It is asked for at every start; without it the "
                "data cannot be read by anyone, including you: keep it safe.\n\nThe database is copied "
                "into an encrypted file, checked, and only then replaces the plain one. Other windows "
                "and commands using the file must be closed first."
            ),
            new=True,
        )
        if passphrase is not None:
            self.convert(passphrase, title)

    def change_passphrase(self) -> None:
        """修改口令…: the current passphrase, the new one twice, then the verified rewrite."""
        if self.job is not None and self.job.running:
            return
        title = self.tr("Change the passphrase")
        old = PassphraseDialog.ask(self, title, self.tr("Enter the current passphrase of the database."))
        if old is None:
            return
        new = PassphraseDialog.ask(
            self,
            title,
            self.tr(
                "Choose the new passphrase. The database is copied under it, checked (it must open with "
                "the new passphrase and no longer with the old), and only then replaces the file. Other "
                "windows and commands using the file must be closed first.\n\nBackups made before keep "
                "the old passphrase: keep it as long as you keep them."
            ),
            new=True,
        )
        if new is None:
            return
        self._run(title, lambda: encryption.change_passphrase(self._ctx, old, new), self._rekeyed)

    def _rekeyed(self) -> str:
        return self.tr(
            "Done: the database is under the new passphrase and verified; the old passphrase no longer "
            "opens it. Backups made from now on use the new passphrase. Older backups are still "
            "encrypted with the old one: restoring one asks for the passphrase it was made with."
        )

    def convert(self, passphrase: str | None, title: str) -> None:
        """Encrypt with `passphrase` (None: decrypt) in the background, behind a progress dialog."""
        ctx = self._ctx

        def work() -> int:
            if passphrase is None:
                return encryption.decrypt_database(ctx)
            return encryption.encrypt_database(ctx, passphrase)

        def said() -> str:
            if passphrase is None:
                return self.tr("Done: the converted database was verified and is in use.")
            return self.tr(
                "Done: the database is encrypted and verified. Backups made from now on are "
                "encrypted too; older backups in the backup folder are still plain files (restoring "
                "one encrypts it with this passphrase first): delete them once they are not needed."
            )

        self._run(title, work, said)

    def _run(self, title: str, work: Callable[[], int], said: Callable[[], str]) -> None:
        """`work` (a conversion) in the background behind a progress dialog; `said()` when it is done."""
        ctx = self._ctx
        dialog = QProgressDialog(self.tr("Converting and verifying the database…"), "", 0, 0, self)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        self.button.setEnabled(False)
        self.rekey_button.setEnabled(False)

        def done(_tables: object) -> None:
            dialog.close()
            self.button.setEnabled(True)
            self.rekey_button.setEnabled(True)
            self.show_state()
            log.info("database %s", "encrypted" if ctx.db.encrypted else "plain")
            QMessageBox.information(self, title, said())
            self.changed.emit()

        def failed(exc: Exception) -> None:
            dialog.close()
            self.button.setEnabled(True)
            self.rekey_button.setEnabled(True)
            if not isinstance(exc, CadreDeskError):
                raise exc
            QMessageBox.warning(self, title, str(exc))

        self.job = run_in_background(lambda _progress: work(), done, failed)
