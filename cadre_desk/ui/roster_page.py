"""The cadre roster (干部名册): the table of cadres on the left, the selected cadre's profile on the right."""

from __future__ import annotations

import datetime as dt
import logging
import time

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QVBoxLayout, QWidget

from cadre_desk.services import cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui import settings as keys
from cadre_desk.ui.profile_view import ProfileView
from cadre_desk.ui.qtfix import emit
from cadre_desk.ui.roster_model import Column, RosterFilter, RosterModel
from cadre_desk.ui.settings import Settings

log = logging.getLogger("cadre_desk.ui")

WIDTH_SAMPLE_ROWS = 200  # column widths are measured on this many rows, never on all of them
MAX_COLUMN_CHARS = 18  # a very long unit name is elided (its tooltip shows it) rather than widening


class RosterPage(QWidget):
    """`reload()` fetches every roster row once; `set_query(text)` filters in memory."""

    counts_changed = Signal(int, int)  # shown, total

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = RosterModel(today, self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView(self)
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vheader = self.table.verticalHeader()
        vheader.setVisible(False)
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order (by unit) first
        self.table.setSortingEnabled(True)

        self.profile = ProfileView(ctx, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("rosterSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.profile)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([640, 660])  # until the user's own split is restored
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.rowsInserted.connect(self._emit_counts)
        self.proxy.rowsRemoved.connect(self._emit_counts)
        self.proxy.modelReset.connect(self._emit_counts)
        self.proxy.layoutChanged.connect(self._emit_counts)
        self._widths_measured = False

    # --- data ------------------------------------------------------------------------------------

    def reload(self) -> int:
        """Fetch the roster again (keeping the selected cadre); returns the number of cadres."""
        keep = self.profile.cadre_id
        started = time.perf_counter()
        rows = cadres.list_cadres(self._ctx)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        log.debug("roster: %d rows in %.0f ms", len(rows), (time.perf_counter() - started) * 1000)
        if not self._widths_measured and rows:
            self.fit_columns()
        if keep is None or not self.select_cadre(keep):
            self.profile.show_cadre(None)
            self.select_first()
        self._emit_counts()
        return len(rows)

    def total(self) -> int:
        return self.model.rowCount()

    def shown(self) -> int:
        return self.proxy.rowCount()

    def set_query(self, text: str) -> None:
        self.proxy.set_query(text)
        if not self.table.selectionModel().hasSelection():  # the selected row was filtered out
            self.select_first()
        self._emit_counts()

    # --- selection -------------------------------------------------------------------------------

    def select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    def select_cadre(self, cadre_id: int) -> bool:
        source_row = self.model.row_of(cadre_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        cadre_id = self.proxy.cadre_id(indexes[0])
        if cadre_id is not None and cadre_id != self.profile.cadre_id:
            self.profile.show_cadre(cadre_id)

    def _emit_counts(self, *_args: object) -> None:
        emit(self.counts_changed, self.proxy.rowCount(), self.model.rowCount())

    # --- columns and state -----------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Column widths from the header and a sample of rows (never every row)."""
        metrics = self.table.fontMetrics()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        char = metrics.horizontalAdvance("汉")
        sample = [self.model.row_at(r) for r in range(min(WIDTH_SAMPLE_ROWS, self.model.rowCount()))]
        for column in Column:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = header_metrics.horizontalAdvance(title) + 28  # room for the sort arrow
            for row in sample:
                widest = max(widest, metrics.horizontalAdvance(self.model.display_text(row, column)) + 16)
            self.table.setColumnWidth(column, min(widest, MAX_COLUMN_CHARS * char))
        self._widths_measured = True

    def save_state(self, settings: Settings) -> None:
        settings.set(keys.ROSTER_SPLITTER, self.splitter.saveState())
        settings.set(keys.ROSTER_HEADER, self.table.horizontalHeader().saveState())
        settings.set(keys.PROFILE_SPLITTER, self.profile.splitter.saveState())

    def restore_state(self, settings: Settings) -> None:
        splitter = settings.get(keys.ROSTER_SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = settings.get(keys.ROSTER_HEADER)
        if not header.isEmpty() and self.table.horizontalHeader().restoreState(header):
            self._widths_measured = True
        profile = settings.get(keys.PROFILE_SPLITTER)
        if not profile.isEmpty():
            self.profile.splitter.restoreState(profile)
