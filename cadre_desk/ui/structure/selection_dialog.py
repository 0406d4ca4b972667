"""A saved selection of units (选定范围, e.g. 2027换届乡镇): its name, a note, and the units ticked in a list
(a unit stands for its 班子 too). Saves a new selection or changes (renames) an existing one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.services import structure_selections as saved
from cadre_desk.services import units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.form_errors import (
    FieldMessages,
    dialog_buttons,
    error_label,
    save_or_explain,
    with_error,
)
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog
from cadre_desk.ui.widgets.weak import weak_slot


class SelectionDialog(GuardedDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        current: saved.SelectionView | None = None,
        checked: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("selectionDialog")
        self._ctx = ctx
        self._current = current
        self.result_view: saved.SelectionView | None = None
        self.setWindowTitle(self.tr("Edit saved selection") if current else self.tr("Save selection"))
        self.setMinimumSize(440, 520)
        self.name = QLineEdit(self)
        self.name.setObjectName("selectionName")
        self.name.setPlaceholderText(self.tr("e.g. 2027换届乡镇"))
        self.note = QLineEdit(self)
        self.note.setObjectName("selectionNote")
        self.units = QListWidget(self)
        self.units.setObjectName("selectionUnits")
        ticked = set(current.unit_ids if current else checked)
        for u in units.list_units(ctx):
            item = QListWidgetItem(f"{u.name}（{u.kind}）" if u.kind else u.name, self.units)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.id in ticked else Qt.CheckState.Unchecked)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("selectionFilter")
        self.filter.setPlaceholderText(self.tr("Filter: part of a name, or a kind such as 乡镇"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        all_button = QPushButton(self.tr("Tick all"), self)
        all_button.setObjectName("tickAll")
        all_button.clicked.connect(weak_slot(self._tick_all, Qt.CheckState.Checked))
        none_button = QPushButton(self.tr("Tick none"), self)
        none_button.setObjectName("tickNone")
        none_button.clicked.connect(weak_slot(self._tick_all, Qt.CheckState.Unchecked))
        ticks = QHBoxLayout()
        ticks.addWidget(all_button)
        ticks.addWidget(none_button)
        ticks.addStretch(1)
        self.general = error_label(self)
        labels = {name: error_label(self) for name in ("name", "note", "units")}
        self.messages = FieldMessages(self.general, labels)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), with_error(self.name, labels["name"]))
        form.addRow(self.tr("Note:"), with_error(self.note, labels["note"]))
        form.addRow("", self.filter)
        form.addRow(self.tr("Units (and their teams):"), with_error(self.units, labels["units"]))
        form.addRow("", ticks)
        self.buttons = dialog_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        if current is not None:
            self.name.setText(current.name)
            self.note.setText(current.note)
        self.name.setFocus()

    def _filter(self, text: str) -> None:
        words = text.split()
        for row in range(self.units.count()):
            item = self.units.item(row)
            item.setHidden(not all(w in item.text() for w in words))

    def _tick_all(self, state: Qt.CheckState) -> None:
        """Tick (or untick) every unit shown: all of them, or those the filter leaves."""
        for row in range(self.units.count()):
            if not self.units.item(row).isHidden():
                self.units.item(row).setCheckState(state)

    def ticked_ids(self) -> list[int]:
        return [
            int(self.units.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.units.count())
            if self.units.item(r).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        data = saved.SelectionInput(self.name.text(), self.ticked_ids(), self.note.text())
        current = self._current
        if current is None:
            action = lambda: saved.save_selection(self._ctx, data)  # noqa: E731
        else:
            action = lambda: saved.update_selection(self._ctx, current.id, data, current.version)  # noqa: E731
        self.result_view = save_or_explain(self, self.messages, action, self.tr("Not saved"))

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        ctx: ServiceContext,
        current: saved.SelectionView | None = None,
        checked: Sequence[int] = (),
    ) -> saved.SelectionView | None:
        """The saved selection (new, or `current` changed), or None when cancelled."""
        dialog = cls(ctx, current, checked, parent)
        dialog.exec()
        return dialog.result_view
