"""The question after a storage failure (the database locked by another program, a full disk, a
vanished USB stick): what happened, that nothing typed is lost, and 重试 / 取消."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class RetryBox:
    """`ask(parent, title, message) -> bool`: True when the user chose Retry (tests patch `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, message: str, keeps_input: bool = True) -> bool:
        text = message
        if keeps_input:
            note = QCoreApplication.translate("RetryBox", "What you typed is kept; nothing was saved.")
            text = f"{message}\n\n{note}"
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("retryBox")
        retry = box.addButton(
            QCoreApplication.translate("RetryBox", "Retry"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QCoreApplication.translate("RetryBox", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.exec()
        return box.clickedButton() is retry
