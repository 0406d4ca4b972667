"""The roster's table view: its columns (shown or hidden, widths measured on a sample of rows, the
header's menu, the export fields they stand for) and select-all that first loads the rows not loaded
yet (`roster_loader`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from cadre_desk.ui.roster.roster_model import Column, RosterModel
from cadre_desk.ui.widgets.weak import weak_slot

EXPORT_FIELDS: dict[Column, tuple[str, ...]] = {
    Column.NAME: ("name",),
    Column.GENDER: ("gender",),
    Column.AGE: ("birth",),
    Column.UNIT: ("unit",),
    Column.POST: ("post",),
    Column.RANK: ("rank",),
    Column.EDUCATION: ("fulltime_education", "inservice_education"),
    Column.POLITICAL_STATUS: ("political_status",),
    Column.POST_SINCE: ("post_since",),
    Column.RETIREMENT: ("retirement",),  # computed, like the column (export only)
}

WIDTH_SAMPLE_ROWS = 200  # column widths are measured on this many rows, never on all of them
MAX_COLUMN_CHARS = 18  # a very long unit name is elided (its tooltip shows it) rather than widening


class RosterTable(QTableView):
    """The roster's table over `rows` (the source model behind the view's filter proxy)."""

    def __init__(self, rows: RosterModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows
        self.widths_measured = False  # by `fit_columns`, or restored with the header's state

    def selectAll(self) -> None:
        """Select-all first loads the rows not loaded yet (they are selected too)."""
        model = self.model()
        if model is not None and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        super().selectAll()

    def export_fields(self) -> list[str]:
        """The roster-export fields (transfer.roster.FIELDS) for the columns shown, in their order;
        the age column exports the birth month it is computed from. The 身份证号 always follows the
        name: it identifies the cadre when the sheet comes back (an import matches on it)."""
        fields: list[str] = []
        for column in self.visible_columns():
            fields.extend(f for f in EXPORT_FIELDS[column] if f not in fields)
        if "id_number" not in fields:
            fields.insert(fields.index("name") + 1 if "name" in fields else 0, "id_number")
        return fields

    def visible_columns(self) -> list[Column]:
        header = self.horizontalHeader()
        shown = [c for c in Column if not header.isSectionHidden(c)]
        return sorted(shown, key=header.visualIndex)

    def set_column_visible(self, column: Column, visible: bool) -> None:
        header = self.horizontalHeader()
        if not visible and len(self.visible_columns()) <= 1:
            return  # the last column stays
        header.setSectionHidden(column, not visible)

    def show_column_menu(self, pos: QPoint) -> None:
        """The header's context menu, at `pos` in the header."""
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(pos))
        menu.deleteLater()  # built for this click

    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setTitle(self.tr("Columns"))
        shown = set(self.visible_columns())
        for column in Column:
            title = str(self._rows.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))
            action.toggled.connect(weak_slot(self.set_column_visible, column, signal_args=True))
        menu.addSeparator()
        menu.addAction(self.tr("Fit column widths"), self.fit_columns)
        return menu

    def fit_columns(self) -> None:
        """Column widths from the header and a sample of rows (never every row)."""
        rows = self._rows
        metrics = self.fontMetrics()
        header_metrics = self.horizontalHeader().fontMetrics()
        char = metrics.horizontalAdvance("汉")
        sample = [rows.row_at(r) for r in range(min(WIDTH_SAMPLE_ROWS, rows.rowCount()))]
        for column in Column:
            title = str(rows.headerData(column, Qt.Orientation.Horizontal))
            widest = header_metrics.horizontalAdvance(title) + 28  # room for the sort arrow
            for row in sample:
                widest = max(widest, metrics.horizontalAdvance(rows.display_text(row, column)) + 16)
            self.setColumnWidth(column, min(widest, MAX_COLUMN_CHARS * char))
        self.widths_measured = True
