"""The 晴雨表 grid: one row per cadre of a period (of one unit), the indicators editable in place like a
spreadsheet, the colour always shown with its word (and painted), the rule, the 研判 and the 处置.

The model holds `EntryView`s only; an edit goes through `commit(entry, code, value) -> EntryView`, which
the page wires to the service, and the row is replaced by what the service returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from cadre_desk.domain import barometer as bd
from cadre_desk.services.barometer import EntryView
from cadre_desk.ui.widgets.tables import RowsModel
from cadre_desk.ui.widgets.weak import weak_method

Index = QModelIndex | QPersistentModelIndex
More = Callable[[int], list[EntryView]]  # the next page of rows from an offset
Commit = Callable[[EntryView, str, str], EntryView | None]  # None: refused (the page said why)

NAME, COLOUR, POST = 0, 1, 2  # the colour word next to the name: always in sight
FIRST_INDICATOR = 3
RULE = FIRST_INDICATOR + len(bd.INDICATORS)
OVERRIDE, DISPOSAL = RULE + 1, RULE + 2
# Light fills that keep black text readable; the word is always there for print and colour-blind readers.
FILLS = {bd.RED: QColor("#f4b6b6"), bd.YELLOW: QColor("#fbe7a1"), bd.GREEN: QColor("#c8e6c9")}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class BarometerGridModel(RowsModel):
    def __init__(self, commit: Commit | None = None, parent: Any = None) -> None:
        headers = [
            QCoreApplication.translate("BarometerGridModel", "Name"),
            QCoreApplication.translate("BarometerGridModel", "Colour"),
            QCoreApplication.translate("BarometerGridModel", "Post"),
            *(i.label for i in bd.INDICATORS),  # the indicator names are the official terms
            QCoreApplication.translate("BarometerGridModel", "Rule that fired"),
            QCoreApplication.translate("BarometerGridModel", "Review (研判)"),
            QCoreApplication.translate("BarometerGridModel", "Disposal (处置)"),
        ]
        super().__init__(headers, parent)
        self._rows: list[EntryView] = []
        self._commit = weak_method(commit) if commit is not None else None  # the page's method: no cycle
        self.words: Mapping[str, str] = dict(bd.DEFAULT_WORDS)
        self.editable = True
        self._more: More | None = None

    def set_rows(
        self, rows: list[EntryView], words: Mapping[str, str], editable: bool, more: More | None = None
    ) -> None:
        """Show `rows`; with `more`, further pages are fetched as the view scrolls (a whole county's
        period is never read at once)."""
        self.beginResetModel()
        self._rows = rows
        self.words = words
        self.editable = editable
        self._more = more
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008  # Qt's signature
        return not parent.isValid() and self._more is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008  # Qt's signature
        if parent.isValid() or self._more is None:
            return
        batch = self._more(len(self._rows))
        if not batch:
            self._more = None
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def rows(self) -> list[EntryView]:
        return list(self._rows)

    def entry(self, row: int) -> EntryView:
        return self._rows[row]

    def replace(self, view: EntryView) -> None:
        for n, old in enumerate(self._rows):
            if old.id == view.id:
                self._rows[n] = view
                self.dataChanged.emit(self.index(n, 0), self.index(n, self.columnCount() - 1))
                return

    def row_of(self, entry_id: int) -> int | None:
        return next((n for n, e in enumerate(self._rows) if e.id == entry_id), None)

    @staticmethod
    def code_of(column: int) -> str | None:
        if FIRST_INDICATOR <= column < RULE:
            return bd.INDICATORS[column - FIRST_INDICATOR].code
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.editable and self.code_of(index.column()) is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _text(self, e: EntryView, column: int) -> str:
        code = self.code_of(column)
        if code is not None:
            return e.indicators[code]
        if column == NAME:
            return e.name
        if column == POST:
            return e.post
        if column == COLOUR:  # 已容错: a 免责 ruling covers the period (counted as green)
            return (
                QCoreApplication.translate("BarometerGridModel", "Tolerated")
                if e.tolerated
                else self.words[e.colour]
            )
        if column == RULE:
            return e.rule_text
        if column == OVERRIDE:
            return f"{self.words[e.override_colour]}：{e.override_reason}" if e.override_colour else ""
        if column == DISPOSAL:
            text = f"{e.disposal}（{e.disposal_way}）" if e.disposal_way else e.disposal
            return f"{text} ✓" if text and e.follow_up_done else text
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(e, column)
        if role == Qt.ItemDataRole.BackgroundRole and column in (NAME, COLOUR):
            return QBrush(FILLS[e.colour])
        if role == Qt.ItemDataRole.ForegroundRole and column in (NAME, COLOUR):
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == OVERRIDE and e.override_colour:
                return (
                    QCoreApplication.translate("BarometerGridModel", "%1 by %2")
                    .replace("%1", e.override_reason)
                    .replace("%2", e.override_by)
                )
            if column == DISPOSAL and e.follow_up:
                return e.follow_up
            if column == RULE and e.rule_text:
                return e.rule_text
            if column == COLOUR and e.tolerated:
                return f"{self.words[e.computed_colour]}：{e.rule_text}；{e.tolerated}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COLOUR:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ENTRY_ROLE:
            return e.id
        if role == CODE_ROLE:
            return self.code_of(column)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        code = self.code_of(index.column())
        if role != Qt.ItemDataRole.EditRole or code is None or not self._valid(index) or self._commit is None:
            return False
        e = self._rows[index.row()]
        text = "" if value is None else str(value).strip()
        if text == e.indicators[code]:
            return False
        updated = self._commit(e, code, text)
        if updated is None:
            return False
        self._rows[index.row()] = updated
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        return True
