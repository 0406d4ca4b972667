"""A post of a leadership team (班子): its name, 正职 / 副职 and 职数."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from cadre_desk.domain.vocab import PostLevel
from cadre_desk.services import teams
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog


class PostDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        unit_id: int,
        current: teams.TeamPostView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._unit_id = unit_id
        self._current = current
        self.result_view: teams.TeamPostView | None = None
        self.warning = ""
        self.setWindowTitle(self.tr("Edit post") if current else self.tr("New post"))
        self.setMinimumWidth(420)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. 党委书记, 副镇长"))
        self.level = QComboBox(self)
        for level in PostLevel:
            self.level.addItem(code_text(level), str(level))
        self.slots = QSpinBox(self)
        self.slots.setRange(1, teams.MAX_SLOTS)
        self.slots.setToolTip(self.tr("The approved number of posts (职数)"))
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("name", "level", "slots")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Post:"), with_error(self.name, labels["name"]))
        form.addRow(self.tr("Chief or deputy:"), with_error(self.level, labels["level"]))
        form.addRow(self.tr("Approved posts:"), with_error(self.slots, labels["slots"]))
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if current is not None:
            self.name.setText(current.name)
            self.level.setCurrentIndex(max(0, self.level.findData(current.level)))
            self.slots.setValue(current.slots)
        else:
            self.level.setCurrentIndex(max(0, self.level.findData(str(PostLevel.DEPUTY))))
        self.name.setFocus()

    def save(self) -> None:
        data = teams.PostInput(self.name.text(), str(self.level.currentData()), self.slots.value())
        current = self._current
        if current is None:
            self.result_view = save_or_explain(
                self,
                self.messages,
                lambda: teams.add_post(self._ctx, self._unit_id, data),
                self.tr("Not saved"),
            )
            return
        saved = save_or_explain(
            self,
            self.messages,
            lambda: teams.update_post(self._ctx, current.id, data, current.version),
            self.tr("Not saved"),
        )
        if saved is not None:
            self.result_view, self.warning = saved

    @classmethod
    def ask(
        cls, parent: QWidget, ctx: ServiceContext, unit_id: int, current: teams.TeamPostView | None = None
    ) -> tuple[teams.TeamPostView, str] | None:
        """The saved post and a warning ("" unless its holders now exceed the 职数), or None."""
        dialog = cls(ctx, unit_id, current, parent)
        dialog.exec()
        return (dialog.result_view, dialog.warning) if dialog.result_view is not None else None
