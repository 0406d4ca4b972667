"""The roster's table model: a thin model over `list[CadreSummary]`, plus the filtering proxy.

The window shows the roster's first rows at once (`cadres.roster_start`: a page of rows and the
roster's size) and loads the rest in the background (`complete_with`); until then the model is
*incomplete*. A sorted roster's first rows come sorted from the database (`roster_start` with a
`RosterOrder`, which gives exactly the order of the in-memory sort below), and so does a sort asked for
before the rest arrives (`first_rows`); the rest is sorted the same way when it comes. Whatever needs
every row first loads the rest at once through the model's `loader` (`ensure_complete`): a filter, a
sort the database cannot give (none today: `roster_order.ORDERED_IN_DATABASE`), a cadre further down
(`row_of`), select-all, scrolling to the bottom (`fetchMore`), an export of the list. The counts shown
are the roster's size all along.

Once complete, the rows are sorted and filtered in memory. Sorting reorders the Python list in the
source model: Python's sort is fast, whereas a proxy comparing rows through `data()` would cross into
Python for every comparison. `data()` only reads precomputed values; it never queries.

Filtering works the same way: the proxy computes the set of accepted cadre ids in one Python pass
over precomputed lower-case haystacks (narrowing the previous result while the user keeps typing),
and `filterAcceptsRow` is a set lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLibraryInfo,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QVersionNumber,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from cadre_desk.services import roster_order
from cadre_desk.services.cadres import CadreSummary
from cadre_desk.services.roster_order import RosterOrder
from cadre_desk.ui.widgets.codes import ENGLISH_NAMES, code_text

Index = QModelIndex | QPersistentModelIndex

# begin/endFilterChange (Qt 6.9+) keep the view's selection through a filter change; older: invalidate
FILTER_CHANGE_API = QLibraryInfo.version() >= QVersionNumber(6, 9)

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
    RETIREMENT = 9  # 到龄年月 (the 2025 formula, or the manual month)


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
    Column.RETIREMENT: str(QT_TRANSLATE_NOOP("RosterModel", "Retirement")),
}

_CENTERED = {Column.GENDER, Column.AGE, Column.POST_SINCE, Column.RETIREMENT}
# The service's name of each column's order (`cadres.roster_start` reads a sorted roster's first rows).
ORDER_FIELDS: dict[Column, str] = {
    Column.NAME: roster_order.NAME,
    Column.GENDER: roster_order.GENDER,
    Column.AGE: roster_order.AGE,
    Column.UNIT: roster_order.UNIT,
    Column.POST: roster_order.POST,
    Column.RANK: roster_order.RANK,
    Column.EDUCATION: roster_order.EDUCATION,
    Column.POLITICAL_STATUS: roster_order.POLITICAL_STATUS,
    Column.POST_SINCE: roster_order.POST_SINCE,
    Column.RETIREMENT: roster_order.RETIREMENT,
}


@dataclass(frozen=True)
class RosterCriteria:
    """The structured filters; an empty set or `None` means "any"."""

    unit_ids: frozenset[int] | None = None  # a unit and the units under it; None: every unit
    ranks: frozenset[str] = frozenset()
    genders: frozenset[str] = frozenset()
    educations: frozenset[str] = frozenset()
    political_statuses: frozenset[str] = frozenset()
    age_min: int | None = None
    age_max: int | None = None

    def is_empty(self) -> bool:
        return self == RosterCriteria()

    def accepts(self, row: CadreSummary, age: int) -> bool:
        if self.unit_ids is not None and row.unit_id not in self.unit_ids:
            return False
        if self.ranks and row.rank not in self.ranks:
            return False
        if self.genders and row.gender not in self.genders:
            return False
        if self.educations and row.education not in self.educations:
            return False
        if self.political_statuses and row.political_status not in self.political_statuses:
            return False
        if self.age_min is not None and age < self.age_min:
            return False
        return self.age_max is None or age <= self.age_max


def database_order(column: int, order: Qt.SortOrder) -> RosterOrder | None:
    """The service's order for a roster column, if the database can give it (see `roster_order`):
    the codes an English window shows in English are ordered by their English names, as `data()`
    shows them."""
    if not 0 <= column < len(Column) or ORDER_FIELDS[Column(column)] not in roster_order.ORDERED_IN_DATABASE:
        return None
    field = ORDER_FIELDS[Column(column)]
    shown: tuple[tuple[str, str], ...] = ()
    if field in (roster_order.GENDER, roster_order.POLITICAL_STATUS):
        shown = tuple((code, code_text(code)) for code in ENGLISH_NAMES if code_text(code) != code)
    return RosterOrder(field, order == Qt.SortOrder.DescendingOrder, shown)


# The first rows of the roster sorted by a column, or None if the database cannot order it so.
FirstRows = Callable[[Column, Qt.SortOrder], Sequence[CadreSummary] | None]


class RosterModel(QAbstractTableModel):
    # The first rows were read again in a new order (a sort before the rest arrived): the selection
    # went with the old rows.
    first_rows_sorted = Signal()

    def __init__(self, today: dt.date | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[CadreSummary] = []
        self._ages: dict[int, int] = {}  # cadre id -> age at `today`
        self._unit_rank: dict[str, int] = {}  # units in the order the service lists them
        self._haystacks: dict[int, str] = {}  # cadre id -> "name\nunit\npost", case-folded
        self._positions: dict[int, int] | None = None  # cadre id -> row, built when first asked
        self._total = 0  # the roster's size, loaded or not
        self._loader: Callable[[], Sequence[CadreSummary]] | None = None  # every row, when incomplete
        # The first rows in another order, when incomplete (None: the database cannot give that order).
        self._first_rows: FirstRows | None = None
        self._sorted_by: tuple[Column, Qt.SortOrder] | None = None  # None: the service's order

    # --- loading ----------------------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[CadreSummary],
        total: int | None = None,
        loader: Callable[[], Sequence[CadreSummary]] | None = None,
        sorted_by: tuple[Column, Qt.SortOrder] | None = None,
        first_rows: FirstRows | None = None,
    ) -> None:
        """Replace every row; `rows` come in the service's order (unit order, then id), or sorted
        by a column (`sorted_by`) as the database read them (`cadres.roster_start`).

        With a `total` above `len(rows)`, `rows` are the roster's first rows: the model is incomplete
        until `complete_with` gets every row, or `loader` is called for them (`ensure_complete`);
        until then a sort asks `first_rows` for the first rows in the new order."""
        self.beginResetModel()
        self._rows = list(rows)
        self._ages = {}
        self._unit_rank = {}
        self._haystacks = {}
        self._index_rows(self._rows)
        self._total = max(total or 0, len(self._rows))
        self._loader = loader if self._total > len(self._rows) else None
        self._first_rows = first_rows if self._loader is not None else None
        self._sorted_by = sorted_by
        self._positions = None
        self.endResetModel()

    def _index_rows(self, rows: Sequence[CadreSummary]) -> None:
        """The precomputed ages, unit order and filter haystacks of `rows` (added after the others)."""
        today = self._today or dt.date.today()
        for row in rows:
            self._ages[row.id] = row.age(today)
            self._unit_rank.setdefault(row.unit, len(self._unit_rank))
            self._haystacks[row.id] = f"{row.name}\n{row.unit}\n{row.post}".casefold()

    @property
    def complete(self) -> bool:
        """Whether every row of the roster is loaded."""
        return self._total <= len(self._rows)

    def total(self) -> int:
        """The roster's size, whether or not every row is loaded yet."""
        return max(self._total, len(self._rows))

    def complete_with(self, rows: Sequence[CadreSummary]) -> None:
        """Every row of the roster (in the service's order) for an incomplete model: sorted as the
        first rows are, the missing rows are appended, so the rows shown keep their place, selection
        and scroll position. If the roster changed since its first rows were read, every row is
        replaced."""
        if self.complete:
            return
        rows = list(rows)
        self._unit_rank = {}  # the unit order is the units' order in the service's order of every row
        self._index_rows(rows)
        if self._sorted_by is not None:
            column, order = self._sorted_by
            rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        loaded = len(self._rows)
        if [r.id for r in rows[:loaded]] != [r.id for r in self._rows]:
            unit_rank = self._unit_rank
            self.set_rows(rows, sorted_by=self._sorted_by)
            self._unit_rank = unit_rank
            return
        self._rows[:loaded] = rows[:loaded]  # the same cadres, perhaps edited meanwhile
        if loaded:
            last = self.index(loaded - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        if len(rows) > loaded:
            self.beginInsertRows(QModelIndex(), loaded, len(rows) - 1)
            self._rows.extend(rows[loaded:])
            self._positions = None
            self._total = len(self._rows)
            self.endInsertRows()
        self._total = len(self._rows)  # fewer rows than counted at first: cadres archived meanwhile
        self._loader = None
        self._first_rows = None

    def ensure_complete(self) -> None:
        """Load every row now if only the first ones are loaded (through the loader given with them)."""
        if not self.complete and self._loader is not None:
            self.complete_with(self._loader())

    def haystack(self, cadre_id: int) -> str:
        return self._haystacks.get(cadre_id, "")

    def age_of(self, cadre_id: int) -> int:
        return self._ages.get(cadre_id, 0)

    def all_rows(self) -> list[CadreSummary]:
        """The rows loaded, themselves (not a copy): for the filter's single pass."""
        return self._rows

    def row_at(self, row: int) -> CadreSummary:
        return self._rows[row]

    def rows(self) -> list[CadreSummary]:
        """Every row of the roster (loading the rest if needed)."""
        self.ensure_complete()
        return list(self._rows)

    def row_of(self, cadre_id: int, load: bool = True) -> int | None:
        """The row of a cadre; a cadre not among the rows loaded so far loads the rest (unless not
        to `load`)."""
        if self._positions is None:
            self._positions = {row.id: i for i, row in enumerate(self._rows)}
        found = self._positions.get(cadre_id)
        if found is None and load and not self.complete:
            self.ensure_complete()
            return self.row_of(cadre_id) if self.complete else None
        return found

    # --- the model interface ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.complete and self._loader is not None

    def fetchMore(self, parent: Index) -> None:
        """The view scrolled to the last row loaded: load the rest."""
        if not parent.isValid():
            self.ensure_complete()

    def display_text(self, row: CadreSummary, column: Column) -> str:
        if column is Column.NAME:
            return row.name
        if column is Column.GENDER:
            return code_text(row.gender)
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
            return code_text(row.political_status)
        if column is Column.RETIREMENT:
            return str(row.retirement_month) if row.retirement_month is not None else ""
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
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.RETIREMENT:
            return row.retirement_age or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _CENTERED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if row.archived and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#8a8a8a"))
        if row.archived and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
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
            return lambda r: roster_order.name_key(r.name_initials, r.name)
        if column is Column.AGE:
            return lambda r: (self._ages[r.id], -r.birth.to_int())
        if column is Column.UNIT:
            return lambda r: self._unit_rank.get(r.unit, 0)
        if column is Column.RANK:
            return lambda r: roster_order.rank_key(r.rank)
        if column is Column.EDUCATION:
            return lambda r: roster_order.education_key(r.education)
        if column is Column.POST_SINCE:
            return lambda r: r.post_since.to_int() if r.post_since is not None else 0
        if column is Column.RETIREMENT:
            return lambda r: r.retirement_month.to_int() if r.retirement_month is not None else 0
        return lambda r: roster_order.text_key(self.display_text(r, column))

    @property
    def sorted_by(self) -> tuple[Column, Qt.SortOrder] | None:
        """The column the rows are sorted by (None: the service's order)."""
        return self._sorted_by

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column) or not self._rows:
            return
        if self._first_rows is not None and not self.complete:
            # The first rows of a sorted roster may be any of them: read them in that order (the
            # rest, when it comes, is sorted the same way), or every row if the database cannot.
            rows = self._first_rows(Column(column), order)
            if rows is not None:
                self.set_rows(rows, self._total, self._loader, (Column(column), order), self._first_rows)
                self.first_rows_sorted.emit()
                return
        self.ensure_complete()
        self._sorted_by = (Column(column), order)
        key = self._sort_key(Column(column))
        self.layoutAboutToBeChanged.emit()
        old_positions = {id(r): i for i, r in enumerate(self._rows)}
        # Stable: rows that compare equal keep the service's order (units in their official order).
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._positions = None
        new_row = {old_positions[id(r)]: i for i, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(new_row[i.row()], i.column()) if i.isValid() else i for i in old]
        )
        self.layoutChanged.emit()


class RosterFilter(QSortFilterProxyModel):
    """Quick filter on name, pinyin initials (`zs` finds 张三), unit and post, plus `RosterCriteria`.

    Sorting is the source model's. The accepted ids are computed in one pass (`_recompute`); while
    the user only adds to the query, the pass covers just the rows accepted before.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()
        self._criteria = RosterCriteria()
        self._accepted: set[int] | None = None  # None: every row
        self._pending_reset = False
        self._rows: list[CadreSummary] = []

    @property
    def terms(self) -> tuple[str, ...]:
        return self._terms

    @property
    def criteria(self) -> RosterCriteria:
        return self._criteria

    def is_filtered(self) -> bool:
        return bool(self._terms) or not self._criteria.is_empty()

    def setSourceModel(self, model: Any) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._source_resetting)
        super().setSourceModel(model)
        if model is not None:
            # Before the proxy's own slot (connected in super()) re-filters the new rows.
            model.modelAboutToBeReset.connect(self._source_resetting)

    def _source_resetting(self) -> None:
        self._accepted = None
        self._pending_reset = True

    def set_query(self, text: str) -> None:
        """Whitespace-separated terms; a row must match all of them (as the search does)."""
        terms = tuple(t.casefold() for t in text.split())
        if terms == self._terms:
            return
        narrowing = self._narrows(self._terms, terms)
        self._apply(terms, self._criteria, narrowing)

    def set_criteria(self, criteria: RosterCriteria) -> None:
        if criteria == self._criteria:
            return
        self._apply(self._terms, criteria, False)

    def clear(self) -> None:
        self._apply((), RosterCriteria(), False)

    @staticmethod
    def _narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
        """True if every row matching `new` also matches `old` (each old term is inside a new one)."""
        if not old or len(new) < len(old):
            return False
        return all(o in n for o, n in zip(old, new, strict=False))

    def _apply(self, terms: tuple[str, ...], criteria: RosterCriteria, narrowing: bool) -> None:
        model = self.sourceModel()
        if isinstance(model, RosterModel) and (terms or not criteria.is_empty()):
            model.ensure_complete()  # a filter looks at every row (before the filter change begins)
        self._begin_filter_change()
        self._terms = terms
        self._criteria = criteria
        self._recompute(narrowing)
        self._end_filter_change()

    def _recompute(self, narrowing: bool = False) -> None:
        model = self.sourceModel()
        if not isinstance(model, RosterModel) or not self.is_filtered():
            self._accepted = None
            return
        self._rows = model.all_rows()  # the model's own list: sorting reorders it in place
        rows = self._rows
        if narrowing and self._accepted is not None:
            rows = [r for r in rows if r.id in self._accepted]
        terms, criteria = self._terms, self._criteria
        haystack, age_of = model.haystack, model.age_of
        check_criteria = not criteria.is_empty()
        accepted: set[int] = set()
        for row in rows:
            if check_criteria and not criteria.accepts(row, age_of(row.id)):
                continue
            hay = haystack(row.id)
            if all(t in hay or (t.isascii() and row.name_initials.startswith(t)) for t in terms):
                accepted.add(row.id)
        self._accepted = accepted

    def _begin_filter_change(self) -> None:
        if FILTER_CHANGE_API:
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if FILTER_CHANGE_API:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._pending_reset:
            # First call after a source reset: the rows are new, so recompute once for all of them.
            self._pending_reset = False
            self._recompute()
        accepted = self._accepted
        if accepted is None:
            return True
        return self._rows[source_row].id in accepted  # called 10,000 times a keystroke: keep it bare

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def cadre_id(self, index: QModelIndex) -> int | None:
        value = self.data(index, ID_ROLE) if index.isValid() else None
        return value if isinstance(value, int) else None
