"""A cadre takes a post of the 班子 (任职): who, and since when."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cadre_desk.services import teams
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog


class MemberDialog(GuardedDialog):
    def __init__(self, ctx: ServiceContext, post: teams.TeamPostView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._post = post
        self.saved: teams.MemberResult | None = None
        self.setWindowTitle(self.tr("Appoint to {post}").format(post=post.name))
        self.setMinimumWidth(460)
        self.cadre = CadrePicker(ctx, self)
        self.since = QLineEdit(self)
        self.since.setPlaceholderText(self.tr("e.g. 2021.06"))
        self.since.setMaximumWidth(140)
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("cadre_id", "since")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Cadre:"), with_error(self.cadre, labels["cadre_id"]))
        form.addRow(self.tr("In the post since:"), with_error(self.since, labels["since"]))
        note = QLabel(
            self.tr("{post}: {filled} of {slots} approved posts held").format(
                post=post.name, filled=post.filled, slots=post.slots
            ),
            self,
        )
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.cadre.setFocus()

    def save(self) -> None:
        cadre_id = self.cadre.cadre_id()
        if cadre_id is None:
            self.messages.show({"cadre_id": self.tr("Choose the cadre from the list")})
            return
        self.saved = save_or_explain(
            self,
            self.messages,
            lambda: teams.add_member(self._ctx, self._post.id, cadre_id, self.since.text()),
            self.tr("Not saved"),
        )

    @classmethod
    def ask(cls, parent: QWidget, ctx: ServiceContext, post: teams.TeamPostView) -> teams.MemberResult | None:
        dialog = cls(ctx, post, parent)
        dialog.exec()
        return dialog.saved
