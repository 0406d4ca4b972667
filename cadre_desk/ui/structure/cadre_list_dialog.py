"""The cadres behind a figure of the structure analysis; double-click (or 打开档案) opens a profile."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from cadre_desk.services.structure import CadreLine
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.tables import ListModel, setup_list_table, size_columns
from cadre_desk.ui.widgets.weak import weak_slot

Index = QModelIndex | QPersistentModelIndex


class CadreLinesModel(ListModel[CadreLine]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"),
                self.tr("Gender"),
                self.tr("Age"),
                self.tr("Ethnicity"),
                self.tr("Political status"),
                self.tr("Full-time education"),
                self.tr("Unit"),
                self.tr("Post"),
            ],
            parent,
        )

    def line(self, row: int) -> CadreLine:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self._rows[index.row()]
        values = (
            c.name,
            code_text(c.gender),
            str(c.age),
            c.ethnicity,
            c.political_status,
            c.education,
            c.unit,
            c.post,
        )
        return values[index.column()]


class CadreListDialog(QDialog):
    """A list of cadres; `open_cadre` carries the id the user opened."""

    open_cadre = Signal(int)

    def __init__(self, title: str, lines: list[CadreLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("structureCadreList")
        self.setWindowTitle(title)
        self.model = CadreLinesModel(self)
        self.model.set_rows(lines)
        self.table = QTableView(self)
        self.table.setObjectName("structureCadreTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        size_columns(self.table, self.model._headers, (5, 2, 2, 3, 5, 4, 12, 14))
        self.table.doubleClicked.connect(self._open)
        count = QLabel(
            self.tr("%1 cadres; double-click a row to open the profile.").replace("%1", str(len(lines)))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(self.tr("Open profile"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(weak_slot(self._open_current))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 480)

    def _open_current(self) -> None:
        self._open(self.table.currentIndex())

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_cadre.emit(self.model.line(index.row()).id)
            self.accept()
