"""The dialog shown when a save meets someone else's newer change: both versions side by side."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.ui.widgets.weak import weak_slot


class Resolution(Enum):
    KEEP_THEIRS = "theirs"
    OVERWRITE = "mine"


class ConflictDialog(QDialog):
    """Lists (field, mine, theirs) for every field that differs; the user keeps theirs or overwrites."""

    def __init__(
        self, name: str, differences: Sequence[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed since you opened it"))
        self.resolution: Resolution | None = None
        intro = QLabel(
            self.tr(
                "While you were editing, the stored profile of {name} changed (an import, another "
                "page or window, or another computer). Changes to different fields were combined; "
                "these fields were changed on both sides:"
            ).format(name=name),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(differences), 3, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your version"), self.tr("Saved version")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for row, (field, mine, theirs) in enumerate(differences):
            for column, text in enumerate((field, mine, theirs)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(self)
        self.theirs_button = QPushButton(self.tr("Use the stored values of these fields"), self)
        self.mine_button = QPushButton(self.tr("Keep my values of these fields"), self)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.theirs_button.clicked.connect(weak_slot(self._choose, Resolution.KEEP_THEIRS))
        self.mine_button.clicked.connect(weak_slot(self._choose, Resolution.OVERWRITE))
        note = QLabel(self.tr("Cancel keeps your edits in the form without saving."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self.setObjectName("conflictDialog")

    def _choose(self, resolution: Resolution) -> None:
        self.resolution = resolution
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, name: str, differences: Sequence[tuple[str, str, str]]
    ) -> Resolution | None:
        dialog = cls(name, differences, parent)
        dialog.exec()
        return dialog.resolution
