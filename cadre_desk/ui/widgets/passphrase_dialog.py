"""Asking for a passphrase: the encrypted database at start, a new one for 加密数据库, and the
passphrase of an encrypted exchange package or backup."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.db import cipher


class PassphraseDialog(QDialog):
    """`ask(parent, title, message, new=False) -> str | None` (None: cancelled; tests patch `ask`).

    With `new` the passphrase is typed twice and must be at least `cipher.MIN_PASSPHRASE` long."""

    def __init__(self, parent: QWidget | None, title: str, message: str, new: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(title)
        self.new = new
        layout = QVBoxLayout(self)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.again = QLineEdit()
        self.again.setObjectName("passphraseAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(self.tr("Again"), self.again)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("passphraseProblem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _accept(self) -> None:
        text = self.passphrase.text()
        if not text:
            return self._show(self.tr("Enter the passphrase."))
        if self.new:
            if len(text) < cipher.MIN_PASSPHRASE:
                return self._show(
                    self.tr("The passphrase needs at least {n} characters.").format(n=cipher.MIN_PASSPHRASE)
                )
            if text.strip() != text:
                return self._show(self.tr("The passphrase cannot begin or end with a space."))
            if self.again.text() != text:
                return self._show(self.tr("The two passphrases differ."))
        self.accept()

    def _show(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, message: str, new: bool = False) -> str | None:
        dialog = cls(parent, title, message, new)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.passphrase.text()
        finally:  # not left behind as a child of the parent (a settings dialog would count its fields)
            dialog.deleteLater()
