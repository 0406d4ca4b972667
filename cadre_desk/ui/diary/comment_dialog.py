"""Editing a mentor's comment (导师点评) in a small dialog that asks before discarding changes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.read_only import open_read_only


class CommentDialog(GuardedDialog):
    def __init__(self, mentor: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentDialog")
        self.setWindowTitle(self.tr("Edit the comment of mentor {mentor}").format(mentor=mentor))
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        self.text.setMinimumHeight(self.fontMetrics().height() * 8)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.note = QLabel(self.tr("The change is recorded in the audit trail."), self)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 320)

    @classmethod
    def ask(cls, parent: QWidget, mentor: str, text: str) -> str | None:
        """The edited text, or None when cancelled."""
        dialog = cls(mentor, text, parent)
        if dialog.exec() == GuardedDialog.DialogCode.Accepted:
            return dialog.text.toPlainText()
        return None

    @classmethod
    def view(cls, parent: QWidget, mentor: str, text: str) -> CommentDialog:
        """The comment for reading: opened, not waited for."""
        dialog = cls(mentor, text, parent)
        dialog.note.hide()
        open_read_only(
            dialog,
            QCoreApplication.translate("CommentDialog", "View the comment of mentor {mentor}").format(
                mentor=mentor
            ),
        )
        return dialog
