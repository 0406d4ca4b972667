"""设置 → 数据文件: whether the database is encrypted, and 加密… / 取消加密… (verified conversions)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton, QWidget

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import encryption
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background
from cadre_desk.ui.widgets.passphrase_dialog import PassphraseDialog

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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state)
        row.addWidget(self.button)  # the settings dialog moves the button among its own buttons
        self.hide()
        self._show_state()

    def _show_state(self) -> None:
        db = self._ctx.db
        if db.path is None:
            self.state.setToolTip(
                self.tr("Encryption of a database server is the server's business (disk encryption, TLS).")
            )
            self.state.hide()
            self.button.hide()
        elif db.encrypted:
            self.state.setText(self.tr("Encrypted"))
            self.state.setToolTip(self.tr("Encrypted (SQLCipher): the file opens only with its passphrase."))
            self.button.setText(self.tr("&Decrypt…"))
        else:
            self.state.setText(self.tr("Not encrypted"))
            self.state.setToolTip(self.tr("Not encrypted: anyone who can copy the file can read it."))
            self.button.setText(self.tr("&Encrypt…"))
        self.button.setToolTip(self.state.toolTip())

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

    def convert(self, passphrase: str | None, title: str) -> None:
        """Encrypt with `passphrase` (None: decrypt) in the background, behind a progress dialog."""
        ctx = self._ctx
        dialog = QProgressDialog(self.tr("Converting and verifying the database…"), "", 0, 0, self)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        self.button.setEnabled(False)

        def work(_progress: ProgressFn) -> int:
            if passphrase is None:
                return encryption.decrypt_database(ctx)
            return encryption.encrypt_database(ctx, passphrase)

        def done(_tables: object) -> None:
            dialog.close()
            self.button.setEnabled(True)
            self._show_state()
            log.info("database %s", "encrypted" if ctx.db.encrypted else "decrypted")
            QMessageBox.information(
                self,
                title,
                self.tr("Done: the converted database was verified and is in use.")
                if passphrase is None
                else self.tr(
                    "Done: the database is encrypted and verified. Backups made from now on are "
                    "encrypted too; older backups in the backup folder are still plain files."
                ),
            )
            self.changed.emit()

        def failed(exc: Exception) -> None:
            dialog.close()
            self.button.setEnabled(True)
            if not isinstance(exc, CadreDeskError):
                raise exc
            QMessageBox.warning(self, title, str(exc))

        self.job = run_in_background(work, done, failed)
