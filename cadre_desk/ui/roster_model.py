"""The roster's table model: a thin model over `list[CadreSummary]`, plus the filtering proxy.

All rows are loaded once (`cadres.list_cadres` is a plain column query; 10,000 rows take a few
tens of milliseconds) and filtered in memory. Sorting reorders the Python list in the source model:
Python's sort is fast, whereas a proxy comparing rows through `data()` would cross into Python for
every comparison. `data()` only reads precomputed values; it never queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from cadre_desk.domain import vocab
from cadre_desk.services.cadres import CadreSummary
from cadre_desk.ui.qtfix import emit

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the cadre id of a row, on every column


class Column(IntEnum):
    NAME = 0
    GENDER = 1
    AGE = 2
    UNIT = 3
    POST = 4
    RANK = 5
    EDUCATION = 6
    POLITICAL_STATUS = 7
    POST_SINCE = 8


HEADERS: dict[Column, str] = {
    Column.NAME: str(QT_TRANSLATE_NOOP("RosterModel", "Name")),
    Column.GENDER: str(QT_TRANSLATE_NOOP("RosterModel", "Gender")),
    Column.AGE: str(QT_TRANSLATE_NOOP("RosterModel", "Age")),
    Column.UNIT: str(QT_TRANSLATE_NOOP("RosterModel", "Unit")),
    Column.POST: str(QT_TRANSLATE_NOOP("RosterModel", "Post")),
    Column.RANK: str(QT_TRANSLATE_NOOP("RosterModel", "Rank")),
    Column.EDUCATION: str(QT_TRANSLATE_NOOP("RosterModel", "Education")),
    Column.POLITICAL_STATUS: str(QT_TRANSLATE_NOOP("RosterModel", "Political status")),
    Column.POST_SINCE: str(QT_TRANSLATE_NOOP("RosterModel", "In post since")),
}

_CENTERED = {Column.GENDER, Column.AGE, Column.POST_SINCE}
_RANK_ORDER = {rank: i for i, rank in enumerate(vocab.RANKS)}
_EDUCATION_ORDER = {education: i for i, education in enumerate(vocab.EDUCATIONS)}


def _ordered(order: dict[str, int], value: str) -> tuple[int, str]:
    """Known values in their official order, unknown ones after them, empty ones last."""
    if not value:
        return (len(order) + 1, "")
    return (order.get(value, len(order)), value)


class RosterModel(QAbstractTableModel):
    def __init__(self, today: dt.date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[CadreSummary] = []
        self._ages: dict[int, int] = {}  # cadre id -> age at `today`
        self._unit_rank: dict[str, int] = {}  # units in the order the service lists them

    # --- loading ----------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[CadreSummary]) -> None:
        """Replace every row; `rows` come in the service's order (unit order, then id)."""
        today = self._today or dt.date.today()
        self.beginResetModel()
        self._rows = list(rows)
        self._ages = {row.id: row.age(today) for row in self._rows}
        self._unit_rank = {}
        for row in self._rows:
            self._unit_rank.setdefault(row.unit, len(self._unit_rank))
        self.endResetModel()

    def row_at(self, row: int) -> CadreSummary:
        return self._rows[row]

    def rows(self) -> list[CadreSummary]:
        return list(self._rows)

    def row_of(self, cadre_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == cadre_id:
                return i
        return None

    # --- the model interface ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(Column)

    def display_text(self, row: CadreSummary, column: Column) -> str:
        if column is Column.NAME:
            return row.name
        if column is Column.GENDER:
            return row.gender
        if column is Column.AGE:
            return str(self._ages[row.id])
        if column is Column.UNIT:
            return row.unit
        if column is Column.POST:
            return row.post
        if column is Column.RANK:
            return row.rank
        if column is Column.EDUCATION:
            return row.education
        if column is Column.POLITICAL_STATUS:
            return row.political_status
        return str(row.post_since) if row.post_since is not None else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.UNIT, Column.POST):
            return self.display_text(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTERED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return QCoreApplication.translate("RosterModel", HEADERS[Column(section)])
        return None

    # --- sorting ---------------------------------------------------------------------------------

    def _sort_key(self, column: Column) -> Callable[[CadreSummary], Any]:
        if column is Column.NAME:
            return lambda r: (r.name_initials, r.name)
        if column is Column.AGE:
            return lambda r: (self._ages[r.id], -r.birth.to_int())
        if column is Column.UNIT:
            return lambda r: self._unit_rank.get(r.unit, 0)
        if column is Column.RANK:
            return lambda r: _ordered(_RANK_ORDER, r.rank)
        if column is Column.EDUCATION:
            return lambda r: _ordered(_EDUCATION_ORDER, r.education)
        if column is Column.POST_SINCE:
            return lambda r: r.post_since.to_int() if r.post_since is not None else 0
        return lambda r: (not self.display_text(r, column), self.display_text(r, column))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column) or not self._rows:
            return
        key = self._sort_key(Column(column))
        emit(self.layoutAboutToBeChanged)
        old_positions = {id(r): i for i, r in enumerate(self._rows)}
        # Stable: rows that compare equal keep the service's order (units in their official order).
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        new_row = {old_positions[id(r)]: i for i, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row[i.row()], i.column()) if i.isValid() else i for i in old]
        )
        emit(self.layoutChanged)


class RosterFilter(QSortFilterProxyModel):
    """Filters on name, pinyin initials (`zs` finds 张三), unit and post; sorting is the source's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return self._terms

    def set_query(self, text: str) -> None:
        """Whitespace-separated terms; a row must match all of them (as the search does)."""
        terms = tuple(t.casefold() for t in text.split())
        if terms == self._terms:
            return
        self._begin_filter_change()
        self._terms = terms
        self._end_filter_change()

    def _begin_filter_change(self) -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt 6.9+
        if begin is not None:
            begin()

    def _end_filter_change(self) -> None:
        end = getattr(self, "endFilterChange", None)
        if end is not None:
            end(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        if not isinstance(model, RosterModel):
            return True
        row = model.row_at(source_row)
        return all(_matches(row, term) for term in self._terms)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def cadre_id(self, index: QModelIndex) -> int | None:
        value = self.data(index, ID_ROLE) if index.isValid() else None
        return value if isinstance(value, int) else None


def _matches(row: CadreSummary, term: str) -> bool:
    if term in row.name or term in row.unit.casefold() or term in row.post.casefold():
        return True
    return term.isascii() and row.name_initials.startswith(term)
