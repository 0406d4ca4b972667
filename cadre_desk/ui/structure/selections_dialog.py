"""管理选定范围: the saved selections of units with their units; 新建…, 修改/重命名…, 删除. The structure page
reloads its scope list when the dialog closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import structure_selections as saved
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.structure.selection_dialog import SelectionDialog
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.weak import weak_slot


class SelectionsDialog(QDialog):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selectionsDialog")
        self._ctx = ctx
        self.changed = False
        self.setWindowTitle(self.tr("Saved selections"))
        self.setMinimumSize(560, 380)
        self.list = QListWidget(self)
        self.list.setObjectName("selectionsList")
        self.list.currentRowChanged.connect(self._show_units)
        self.list.itemDoubleClicked.connect(weak_slot(self.edit))
        self.units = QLabel(self)
        self.units.setWordWrap(True)
        self.units.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton(self.tr("New…"), self)
        self.new_button.clicked.connect(self.new)
        self.edit_button = QPushButton(self.tr("Rename or change…"), self)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete)
        side = QVBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.units)
        layout.addWidget(buttons)
        self.views: list[saved.SelectionView] = []
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.views = saved.list_selections(self._ctx)
        self.list.clear()
        for v in self.views:
            item = QListWidgetItem(
                self.tr("%1 (%2 units)").replace("%1", v.name).replace("%2", str(len(v.unit_ids))), self.list
            )
            item.setData(Qt.ItemDataRole.UserRole, v.id)
        ids = [v.id for v in self.views]
        self.list.setCurrentRow(ids.index(select_id) if select_id in ids else (0 if ids else -1))
        has = bool(ids)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self._show_units(self.list.currentRow())

    def current(self) -> saved.SelectionView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _show_units(self, row: int) -> None:
        view = self.views[row] if 0 <= row < len(self.views) else None
        if view is None:
            self.units.setText(
                self.tr("No saved selection yet: choose New…, or Save as selection… on the page.")
            )
            return
        text = "、".join(view.unit_names)
        if view.note:
            text = f"{view.note}\n{text}"
        if view.archived_units:
            text += "\n" + self.tr("Archived units left out: %1").replace(
                "%1", "、".join(view.archived_units)
            )
        self.units.setText(text)

    def new(self) -> None:
        view = SelectionDialog.ask(self, self._ctx)
        if view is not None:
            self.changed = True
            self.reload(view.id)

    def edit(self) -> None:
        current = self.current()
        if current is None:
            return
        view = SelectionDialog.ask(self, self._ctx, current)
        if view is not None:
            self.changed = True
            self.reload(view.id)

    def delete(self) -> None:
        current = self.current()
        if current is None:
            return
        title = self.tr("Delete saved selection")
        question = self.tr("Delete the saved selection “%1”? The units themselves stay.").replace(
            "%1", current.name
        )
        if not confirmed(self, title, question):
            return
        try:
            saved.delete_selection(self._ctx, current.id, current.version)
        except CadreDeskError as exc:
            QMessageBox.warning(self, title, str(exc))
        self.changed = True
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget, ctx: ServiceContext) -> bool:
        """Show the dialog; True when a selection was saved, changed or deleted."""
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.changed
