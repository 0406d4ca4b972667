"""Table models of the 后备干部库 page: the entries (with their flags), an entry's measures and reviews."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import pool_lists, pool_measures
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.tables import ListModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
FLAG_COLOUR = QColor("#b3261e")


class EntriesModel(ListModel[pool_lists.EntryRow]):
    """Rows of `pool_lists.EntryRow`."""

    COLUMN_CHARS = (5, 10, 2, 3, 12, 12, 7, 6, 4, 5, 6)
    FLAGS = 1  # the column of the review flags, next to the name

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"),
                self.tr("To review"),
                self.tr("Gender"),
                self.tr("Age"),
                self.tr("Unit"),
                self.tr("Post"),
                self.tr("Pool"),
                self.tr("Entered"),
                self.tr("Channel"),
                self.tr("State"),
                self.tr("Since"),
            ],
            parent,
        )

    def row_at(self, row: int) -> pool_lists.EntryRow:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == entry_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                r.name,
                "、".join(code_text(f.flag) for f in r.flags),
                code_text(r.gender),
                str(r.age),
                r.unit,
                r.post,
                r.pool,
                format_date(r.entered_on),
                code_text(r.channel),
                code_text(r.state),
                format_date(r.state_on),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and r.flags:
            return "\n".join(f"{code_text(f.flag)}：{f.detail}" for f in r.flags)
        if role == Qt.ItemDataRole.ForegroundRole and r.flags and index.column() in (0, self.FLAGS):
            return QBrush(FLAG_COLOUR)
        if role == ID_ROLE:
            return r.id
        return None


class MeasuresModel(ListModel[pool_measures.MeasureView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__([self.tr("Measure"), self.tr("From"), self.tr("To"), self.tr("Content")], parent)

    def row_at(self, row: int) -> pool_measures.MeasureView:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        m = self._rows[index.row()]
        content = "；".join(x for x in (m.secondment, m.content) if x)
        return (code_text(m.kind), format_date(m.start), format_date(m.end), content)[index.column()]


class ReviewsModel(ListModel[pool_measures.ReviewView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__([self.tr("Year"), self.tr("Opinion"), self.tr("Reviewed on")], parent)

    def row_at(self, row: int) -> pool_measures.ReviewView:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(r.year), r.opinion.replace("\n", " "), format_date(r.reviewed_on))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return r.opinion
        return None
