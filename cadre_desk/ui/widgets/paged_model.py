"""A thin table model over pages of DTOs fetched on demand (Qt's canFetchMore / fetchMore).

The view asks for more rows as the user scrolls, so a list over 300,000 records never loads them
all: `reload()` fetches the first page, each `fetchMore` the next. `data()` never queries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView, QWidget

from cadre_desk.ui.widgets.tables import RowsModel, setup_list_table, size_columns

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[int, int], Sequence[Any]]  # (offset, limit) -> rows
Cell = Callable[[Any, int], str]  # (row, column) -> text


class PagedModel(RowsModel):
    """Rows come from `fetch(offset, limit)`; `cell(row, column)` formats them."""

    def __init__(self, headers: Sequence[str], cell: Cell, page_size: int = 100, parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._cell = cell
        self._fetch: Fetch | None = None
        self._more = False
        self._fetching = False
        self.page_size = page_size
        self.tooltips = True
        self.foreground: Callable[[Any], QColor | None] | None = None  # e.g. red for overdue rows

    # --- loading ---------------------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch | None) -> None:
        self._fetch = fetch
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (fetched inside the reset: one signal, not two)."""
        page = list(self._fetch(0, self.page_size)) if self._fetch is not None else []
        self.beginResetModel()
        self._rows = page
        self._more = self._fetch is not None and len(page) >= self.page_size
        self.endResetModel()

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or self._fetch is None or self._fetching:
            return
        self._fetching = True  # views and testers may ask again while the rows are being inserted
        try:
            page = list(self._fetch(len(self._rows), self.page_size))
            self._more = len(page) >= self.page_size
            if page:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()
        finally:
            self._fetching = False

    def replace_row(self, row: int, item: Any) -> None:
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    # --- access ----------------------------------------------------------------------------------

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, predicate: Callable[[Any], bool]) -> int | None:
        return next((i for i, item in enumerate(self._rows) if predicate(item)), None)

    @property
    def has_more(self) -> bool:
        return self._more

    # --- Qt --------------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role == Qt.ItemDataRole.DisplayRole or (role == Qt.ItemDataRole.ToolTipRole and self.tooltips):
            return self._cell(self._rows[index.row()], index.column()) or None
        if role == Qt.ItemDataRole.ForegroundRole and self.foreground is not None:
            return self.foreground(self._rows[index.row()])
        return None


def paged_table(
    parent: QWidget, name: str, headers: Sequence[str], cell: Cell, column_chars: Sequence[int]
) -> tuple[PagedModel, QTableView]:
    """A list page's table: a PagedModel of 100-row pages in a read-only, row-selecting view whose
    last column stretches and the others are `column_chars` characters wide."""
    model = PagedModel(headers, cell, page_size=100, parent=parent)
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    setup_list_table(table)
    table.horizontalHeader().setStretchLastSection(True)
    size_columns(table, headers, column_chars)
    return model, table
