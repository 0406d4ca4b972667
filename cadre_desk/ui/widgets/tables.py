"""Shared table plumbing: a base model over rows under fixed headers, and the setup every list view
of a page (roster, pairings, talks) repeats: whole-row selection, read-only, fixed row heights."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QWidget

from cadre_desk.ui.shell.settings import Key, Settings

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowsModel(QAbstractTableModel):
    """Counts rows and columns and names the columns; subclasses keep `_rows` and answer `data()`."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def _valid(self, index: Index) -> bool:
        return index.isValid() and index.row() < len(self._rows) and index.column() < len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1)


class ListModel(RowsModel, Generic[Row]):
    """A `RowsModel` over a list of frozen rows (DTOs) that is replaced whole."""

    _rows: list[Row]

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


def setup_list_table(
    table: QTableView,
    selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
    row_padding: int = 10,
) -> None:
    """Whole rows selected, nothing edited in place, one line a row at a fixed height (a list of
    thousands of rows never measures each one), no row numbers, movable columns."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    vheader = table.verticalHeader()
    vheader.setVisible(False)
    vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vheader.setDefaultSectionSize(table.fontMetrics().height() + row_padding)
    table.horizontalHeader().setSectionsMovable(True)


def size_columns(table: QTableView, headers: Sequence[str], column_chars: Sequence[int]) -> None:
    """Each column `chars` Chinese characters wide, or as wide as its title if that is wider."""
    header = table.horizontalHeader()
    char = table.fontMetrics().horizontalAdvance("汉")
    for column, chars in enumerate(column_chars):
        width = max(chars * char, header.fontMetrics().horizontalAdvance(headers[column])) + 20
        header.resizeSection(column, width)


def list_splitter(
    name: str, table: QWidget, panel: QWidget, sizes: Sequence[int], parent: QWidget
) -> QSplitter:
    """The list on the left, the chosen record on the right; neither can be collapsed away."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName(name)
    splitter.addWidget(table)
    splitter.addWidget(panel)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(list(sizes))
    return splitter


def show_row(table: QTableView, row: int | None) -> bool:
    """Select and scroll to `row` (a model's match, or None when nothing matched); False if None."""
    if row is None:
        return False
    table.selectRow(row)
    table.scrollTo(table.model().index(row, 0))
    return True


def save_split_state(
    settings: Settings,
    splitter_key: Key[QByteArray],
    header_key: Key[QByteArray],
    splitter: QSplitter,
    table: QTableView,
) -> None:
    settings.set(splitter_key, splitter.saveState())
    settings.set(header_key, table.horizontalHeader().saveState())


def restore_split_state(
    settings: Settings,
    splitter_key: Key[QByteArray],
    header_key: Key[QByteArray],
    splitter: QSplitter,
    table: QTableView,
) -> bool:
    """Put back the splitter and the columns as they were saved; True if the columns were."""
    state = settings.get(splitter_key)
    if not state.isEmpty():
        splitter.restoreState(state)
    header = settings.get(header_key)
    return not header.isEmpty() and table.horizontalHeader().restoreState(header)
