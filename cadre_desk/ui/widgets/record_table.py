"""A small read-only table of text rows, for the child records of a profile (family, rewards …).

These lists are short (a few to a few dozen rows), so rows may size to their wrapped contents here;
the roster, which can hold 10,000 rows, uses fixed row heights instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from cadre_desk.ui.widgets.tables import RowsModel

Index = QModelIndex | QPersistentModelIndex


class TextRowsModel(RowsModel):
    """Rows of already formatted strings under fixed headers."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._rows: list[tuple[str, ...]] = []
        self._keys: list[object] = []

    def set_rows(self, rows: Sequence[Sequence[str]], keys: Sequence[object] = ()) -> None:
        """Replace the rows; `keys` (optional, one per row) identify the record behind each row."""
        width = len(self._headers)
        self.beginResetModel()
        self._rows = [tuple((list(r) + [""] * width)[:width]) for r in rows]
        self._keys = list(keys)
        self.endResetModel()

    def key_at(self, row: int) -> object:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()] or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None


class RecordTable(QTableView):
    """A read-only, word-wrapping table; double-clicking (or Enter on) a row emits `activated_key`.

    `widths` are column widths in Chinese characters; 0 (or a missing width) makes the column
    stretch, so long text columns share the room and wrap instead of pushing the table sideways.
    """

    activated_key = Signal(object)

    def __init__(
        self, headers: Sequence[str], widths: Sequence[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.records = TextRowsModel(headers, self)
        self.activated.connect(self._activated)
        self.setModel(self.records)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        char = self.fontMetrics().horizontalAdvance("汉")
        for column in range(len(headers)):
            width = widths[column] if column < len(widths) else 0
            if width > 0:
                header.resizeSection(column, width * char + 16)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Sequence[str]], keys: Sequence[object] = ()) -> None:
        self.records.set_rows(rows, keys)

    def _activated(self, index: QModelIndex) -> None:
        key = self.records.key_at(index.row())
        if key is not None:
            self.activated_key.emit(key)
