"""干部名册: the table of cadres on the left (quick filter, structured filters, chosen columns), the
selected cadre's profile on the right.

Printing and exchange live in `cadre_desk.ui.printing.printing` and `cadre_desk.ui.transfer.transfer`;
they are imported only when used, so that start-up does not load reportlab or openpyxl.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from cadre_desk.errors import CadreDeskError, NotFoundError
from cadre_desk.services import cadres, units
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, ProgressFn, run_in_background
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.roster.roster_filters import RosterFilterPanel
from cadre_desk.ui.roster.roster_model import Column, RosterFilter, RosterModel, database_order
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.permits import Act, add_action, guard
from cadre_desk.ui.widgets.tables import restore_split_state, save_split_state, setup_list_table

log = logging.getLogger("cadre_desk.ui")

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
# The rows read before the page shows (the rest follow in the background): a few screens' worth, and
# the rows the column widths are measured on.
FIRST_ROWS = 200
# The rest is read this long after the first rows: the worker's Python (10,000 rows) would share the
# interpreter with the first paint and the first profile.
REST_DELAY_MS = 250
MAX_COLUMN_CHARS = 18  # a very long unit name is elided (its tooltip shows it) rather than widening
EXCHANGE_SUFFIXES = (".lrmx", ".lrm")


def exchange_paths(paths: list[Path]) -> list[Path]:
    """The dropped files and folders worth handing to the importer."""
    return [p for p in paths if p.is_dir() or p.suffix.lower() in EXCHANGE_SUFFIXES]


class RosterTable(QTableView):
    """The roster's table: select-all first loads the rows not loaded yet (they are selected too)."""

    def selectAll(self) -> None:
        model = self.model()
        if model is not None and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        super().selectAll()


class RosterPage(Page):
    """`reload()` shows the roster's first rows at once and loads the rest in the background; the
    filters work in memory (on every row: a filter, like a sort, first loads the rest if need be)."""

    counts_changed = Signal(int, int)  # shown, total
    record_kinds = frozenset({"cadre"})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self._switching = False
        self.model = RosterModel(today, self)
        self.model.first_rows_sorted.connect(self._first_rows_sorted)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.quick_filter = QLineEdit(self)
        self.quick_filter.setObjectName("rosterQuickFilter")
        self.quick_filter.setClearButtonEnabled(True)
        self.quick_filter.setPlaceholderText(self.tr("Filter: name, pinyin initials (zs), unit, post"))
        self.quick_filter.textChanged.connect(self._quick_filter_changed)
        self.filters_button = QPushButton(self.tr("Filters"), self)
        self.filters_button.setObjectName("rosterFiltersButton")
        self.filters_button.setCheckable(True)
        self.filters_button.toggled.connect(self._toggle_filters)
        self.show_archived = QCheckBox(self.tr("Show archived"), self)
        self.show_archived.setObjectName("rosterShowArchived")
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.new_button = QPushButton(self.tr("New cadre"), self)
        self.new_button.setObjectName("rosterNewCadre")
        self.new_button.clicked.connect(self.new_cadre)

        self.table = RosterTable(self)
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.proxy)
        setup_list_table(self.table, QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order (by unit) first
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.table.setSortingEnabled(True)

        self.filter_panel = RosterFilterPanel(self)
        self.filter_panel.criteria_changed.connect(self._criteria_changed)
        self.filter_panel.setVisible(False)

        self.archive_action = QAction(self.tr("Archive…"), self)
        self.archive_action.triggered.connect(self.archive_selected)
        self.restore_action = QAction(self.tr("Restore"), self)
        self.restore_action.triggered.connect(self.restore_selected)
        self.filter_action = QAction(self.tr("Filter roster"), self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+L"))
        self.filter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.filter_action.triggered.connect(self.focus_filter)
        self.addAction(self.filter_action)
        guard(ctx, Act.WRITE, self.new_button, self.archive_action, self.restore_action)
        guard(ctx, Act.VIEW, self.filters_button, self.filter_action)

        self.profile = ProfileView(ctx, self, today)
        self.profile.saved.connect(self._profile_saved)
        self.profile.open_record.connect(self.open_record.emit)
        self.profile.obligations_changed.connect(lambda: self.records_changed.emit(Changes(talks=True)))

        tools = QHBoxLayout()
        tools.setContentsMargins(6, 6, 6, 0)
        tools.addWidget(self.quick_filter, 1)
        tools.addWidget(self.filters_button)
        tools.addWidget(self.show_archived)
        tools.addWidget(self.new_button)
        self.table_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table_splitter.setObjectName("rosterFilterSplitter")
        self.table_splitter.addWidget(self.filter_panel)
        self.table_splitter.addWidget(self.table)
        self.table_splitter.setStretchFactor(1, 1)
        self.table_splitter.setSizes([220, 600])
        self.table_splitter.setChildrenCollapsible(False)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.table_splitter, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("rosterSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.profile)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([600, 700])  # until the user's own split is restored
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.proxy.rowsInserted.connect(self._emit_counts)
        self.proxy.rowsRemoved.connect(self._emit_counts)
        self.proxy.modelReset.connect(self._emit_counts)
        self.proxy.layoutChanged.connect(self._emit_counts)
        self._widths_measured = False
        self._generation = 0  # which reload the rows loading in the background belong to
        self._profile_later = False  # the first row selected by a reload: its profile after the paint
        self.rest_job: Job | None = None
        self.setAcceptDrops(True)

    # --- data ------------------------------------------------------------------------------------

    def reload(self) -> int:
        """Fetch the roster again (keeping the shown cadre); returns the number of cadres.

        Only the first rows are read now (sorted by the database if the roster is sorted) and the
        rest in the background; filtered, or sorted by a column the database cannot order (the
        name), every row is needed at once."""
        keep = self.profile.cadre_id
        started = time.perf_counter()
        ctx, include_archived = self._ctx, self.show_archived.isChecked()
        self._generation += 1
        header = self.table.horizontalHeader()
        sorted_by, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        wanted = database_order(sorted_by, order)
        if self.proxy.is_filtered() or (sorted_by >= 0 and wanted is None):
            rows = cadres.list_cadres(ctx, include_archived=include_archived)
            total, complete, sort_now = len(rows), True, sorted_by >= 0
        else:
            start = cadres.roster_start(ctx, FIRST_ROWS, include_archived, wanted)
            rows, total, complete, sort_now = start.rows, start.total, start.complete, False
        self.filter_panel.set_units(units.list_units(self._ctx))
        self._switching = True
        try:
            self.model.set_rows(
                rows,
                total,
                lambda: cadres.list_cadres(ctx, include_archived=include_archived),
                (Column(sorted_by), order) if wanted is not None else None,
                lambda column, order: self._first_rows(include_archived, column, order),
            )
            if sort_now:
                self.model.sort(sorted_by, order)
        finally:
            self._switching = False
        if not complete:
            generation = self._generation
            QTimer.singleShot(REST_DELAY_MS, self, lambda: self._load_rest(include_archived, generation))
        log.debug(
            "roster: %d of %d rows in %.0f ms", len(rows), total, (time.perf_counter() - started) * 1000
        )
        if not self._widths_measured and rows:
            self.fit_columns()
        if keep is None or not self.select_cadre(keep):
            if keep is not None and self.profile.is_dirty():
                pass  # the shown cadre was filtered out: keep the unsaved form where it is
            else:
                self.profile.show_cadre(None)
                # The row is selected now, its profile filled in once the rows are painted.
                self._profile_later = True
                try:
                    self.select_first()
                finally:
                    self._profile_later = False
        self._emit_counts()
        return total

    def _first_rows(
        self, include_archived: bool, column: Column, order: Qt.SortOrder
    ) -> list[cadres.CadreSummary] | None:
        """The roster's first rows sorted by `column`, read for a sort asked for before the rest
        arrived; None if the database cannot order by that column."""
        wanted = database_order(column, order)
        if wanted is None:
            return None
        return cadres.roster_start(self._ctx, FIRST_ROWS, include_archived, wanted).rows

    def _first_rows_sorted(self) -> None:
        """After a sort before the rest arrived: the shown cadre stays selected if among the first
        rows (else it is selected when the rest arrives)."""
        shown = self.profile.cadre_id
        if shown is not None and self.model.row_of(shown, load=False) is not None:
            self.select_cadre(shown, scroll=False)

    def _load_rest(self, include_archived: bool, generation: int) -> None:
        """Every roster row, read in the background; appended to the first ones shown (unless a newer
        reload, or something that needed them at once, came first)."""
        if generation != self._generation or self.model.complete:
            return
        ctx = self._ctx

        def work(_progress: ProgressFn) -> list[cadres.CadreSummary]:
            return cadres.list_cadres(ctx, include_archived=include_archived)

        def done(rows: object) -> None:
            if not isValid(self) or generation != self._generation or not isinstance(rows, list):
                return
            switching, self._switching = self._switching, True
            try:
                self.model.complete_with(rows)
            finally:
                self._switching = switching
            if self.profile.cadre_id is not None and not self.selected_ids():
                self.select_cadre(self.profile.cadre_id, scroll=False)  # its row was replaced
            self._emit_counts()

        def failed(exc: Exception) -> None:
            # The rows shown stay; the rest is read when something needs it (ensure_complete).
            log.warning("roster: the rest of the rows could not be read in the background: %s", exc)

        self.rest_job = run_in_background(work, done, failed)

    def total(self) -> int:
        """The number of cadres in the roster (loaded or not yet)."""
        return self.model.total()

    def shown(self) -> int:
        """The number of cadres the filters let through (all of them while the rest is loading:
        filtering loads the rest first)."""
        return self.proxy.rowCount() if self.model.complete else self.model.total()

    def shown_cadre_ids(self) -> list[int]:
        """The cadres the roster shows now (its filters applied, its order), every one of them."""
        self.model.ensure_complete()
        ids = [self.proxy.cadre_id(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount())]
        return [i for i in ids if i is not None]

    def set_query(self, text: str) -> None:
        """Filter as if typed into the quick filter box."""
        if self.quick_filter.text() != text:
            self.quick_filter.setText(text)  # -> _quick_filter_changed
        else:
            self._quick_filter_changed(text)

    def focus_filter(self) -> None:
        self.quick_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick_filter.selectAll()

    def _quick_filter_changed(self, text: str) -> None:
        self._filter_with(self.proxy.set_query, text)

    def _criteria_changed(self, criteria: Any) -> None:
        self._filter_with(self.proxy.set_criteria, criteria)

    def _filter_with(self, apply: Callable[[Any], None], value: Any) -> None:
        # While the proxy drops rows the view moves its current index to a neighbouring row; that
        # must not load the neighbour's profile (a dozen queries on every keystroke).
        switching, self._switching = self._switching, True
        try:
            apply(value)
        finally:
            self._switching = switching
        self._after_filter()

    def _after_filter(self) -> None:
        # The profile stays on the cadre shown even when the filter hides its row (the user picks the
        # next one): loading a profile on every keystroke would make typing sluggish.
        shown = self.profile.cadre_id
        if shown is None:
            self.select_first()
        elif not self.select_cadre(shown, scroll=False):
            self.table.selectionModel().clear()  # no row stands for a profile it does not show
        self._emit_counts()

    def clear_filters(self) -> None:
        blocked = self.quick_filter.blockSignals(True)
        self.quick_filter.clear()
        self.quick_filter.blockSignals(blocked)
        blocked = self.filter_panel.blockSignals(True)
        self.filter_panel.clear()
        self.filter_panel.blockSignals(blocked)
        self.proxy.clear()
        self._emit_counts()

    def _toggle_filters(self, shown: bool) -> None:
        self.filter_panel.setVisible(shown)

    # --- selection -------------------------------------------------------------------------------

    def select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    def select_cadre(self, cadre_id: int, scroll: bool = True) -> bool:
        source_row = self.model.row_of(cadre_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        # Not `selectRow`: it reads the keyboard's modifiers, and with Ctrl held (or left pressed by an
        # earlier key event) it toggles the row, unselecting a cadre that was selected already.
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        if scroll:
            self.table.scrollTo(index)
        return True

    def show_cadre(self, cadre_id: int) -> None:
        """Select a cadre and show the profile (clearing filters, showing archived cadres if needed)."""
        if cadre_id == self.profile.cadre_id and self.select_cadre(cadre_id):
            return
        if not self.profile.maybe_leave():
            return
        if self.model.row_of(cadre_id) is None:
            try:
                view = cadres.get_cadre(self._ctx, cadre_id)
            except CadreDeskError as exc:
                QMessageBox.warning(self, self.tr("Cadre roster"), str(exc))
                return
            if view.archived and not self.show_archived.isChecked():
                self.show_archived.setChecked(True)  # reloads
            else:
                self.reload()
        if not self.select_cadre(cadre_id):
            self.clear_filters()
            self.select_cadre(cadre_id)
        if self.profile.cadre_id != cadre_id:
            self.profile.show_cadre(cadre_id)

    def show_record(self, kind: str, record_id: int) -> bool:
        if kind != "cadre":
            return False
        try:
            cadres.get_cadre(self._ctx, record_id)
        except NotFoundError:
            return False
        self.show_cadre(record_id)
        return True

    def new_record(self) -> bool:
        self.new_cadre()
        return True

    def save_record(self) -> bool:
        self.profile.save()
        return True

    def print_record(self) -> bool:
        """The dossier of the cadre in the profile."""
        self.profile.print_dossier()
        return True

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.proxy.cadre_id(self.proxy.index(r, 0)) for r in rows]
        return [i for i in ids if i is not None]

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._switching or not current.isValid():
            return
        cadre_id = self.proxy.cadre_id(current)
        if cadre_id is None or cadre_id == self.profile.cadre_id:
            return
        if self._profile_later:
            QTimer.singleShot(0, self, self._show_current_profile)
            return
        if not self.profile.maybe_leave():
            # Stay on the cadre being edited (without asking again), once the click has finished.
            self._switching = True
            QTimer.singleShot(0, self._back_to_shown)
            return
        self.profile.show_cadre(cadre_id)

    def _show_current_profile(self) -> None:
        """The profile of the current row, if it still is the row a reload selected."""
        if self._switching or self.profile.cadre_id is not None:
            return
        cadre_id = self.proxy.cadre_id(self.table.currentIndex())
        if cadre_id is not None:
            self.profile.show_cadre(cadre_id)

    def _back_to_shown(self) -> None:
        try:
            shown = self.profile.cadre_id
            if shown is not None:
                self.table.clearSelection()
                self.select_cadre(shown)
        finally:
            self._switching = False

    def can_leave(self) -> bool:
        """For the main window before switching page or closing: asks about unsaved edits."""
        return self.profile.maybe_leave()

    def _emit_counts(self, *_args: object) -> None:
        if self._switching:
            return  # a filter or reload under way (the proxy signals each range of rows); once at the end
        self.counts_changed.emit(self.shown(), self.total())

    def _profile_saved(self, cadre_id: int) -> None:
        self.reload()
        self.select_cadre(cadre_id)

    # --- actions ---------------------------------------------------------------------------------

    def new_cadre(self) -> None:
        if not self.profile.maybe_leave():
            return
        created = NewCadreDialog.ask(self, self._ctx)
        if created is not None:
            self.reload()
            self.show_cadre(created.id)

    def _selected_rows(self) -> list[cadres.CadreSummary]:
        wanted = set(self.selected_ids())
        return [r for r in self.model.all_rows() if r.id in wanted]

    def archive_selected(self) -> None:
        rows = [r for r in self._selected_rows() if not r.archived]
        if not rows:
            return
        names = "、".join(r.name for r in rows[:5]) + (self.tr(" and others") if len(rows) > 5 else "")
        answer = QMessageBox.question(
            self,
            self.tr("Archive cadres"),
            self.tr(
                "Archive {count} cadre(s): {names}?\nArchived cadres leave the roster; "
                "tick “Show archived” to see and restore them."
            ).format(count=len(rows), names=names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.profile.cadre_id in {r.id for r in rows} and not self.profile.maybe_leave():
            return
        self._apply(cadres.archive_cadre, rows)

    def restore_selected(self) -> None:
        rows = [r for r in self._selected_rows() if r.archived]
        if rows:
            self._apply(cadres.restore_cadre, rows)

    def _apply(self, action: Callable[[ServiceContext, int], cadres.CadreView], rows: list[Any]) -> None:
        failed: list[str] = []
        for row in rows:
            try:
                action(self._ctx, row.id)
            except CadreDeskError as exc:
                failed.append(f"{row.name}：{exc}")
        keep = self.profile.cadre_id
        self.reload()
        if keep is not None and self.model.row_of(keep) is not None:
            self.profile.show_cadre(keep)  # its title shows the archived state
        if failed:
            QMessageBox.warning(self, self.tr("Cadre roster"), "\n".join(failed))

    def _row_menu(self, pos: QPoint) -> None:
        menu = self.row_menu()
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(pos))

    def row_menu(self) -> QMenu:
        """The context menu for the selected rows (built fresh: it depends on the selection)."""
        menu = QMenu(self)
        ids = self.selected_ids()
        rows = self._selected_rows()
        ctx = self._ctx
        add_action(ctx, menu, Act.WRITE, self.tr("New cadre…"), self.new_cadre)
        if not ids:
            return menu
        if any(not r.archived for r in rows):
            menu.addAction(self.archive_action)
        if any(r.archived for r in rows):
            menu.addAction(self.restore_action)
        menu.addSeparator()
        if len(ids) == 1:
            add_action(ctx, menu, Act.OUTPUT, self.tr("Print dossier…"), lambda: self._print_dossier(ids[0]))
            add_action(
                ctx, menu, Act.OUTPUT, self.tr("Print appointment form…"), lambda: self._print_form(ids[0])
            )
        add_action(ctx, menu, Act.OUTPUT, self.tr("Batch print…"), lambda: self._batch_print(ids))
        if len(ids) >= 2:
            add_action(ctx, menu, Act.VIEW, self.tr("Compare side by side…"), lambda: self.compare(ids))
        menu.addSeparator()
        add_action(
            ctx,
            menu,
            Act.OUTPUT,
            self.tr("Export appointment forms (.lrmx)…"),
            lambda: self._export_lrmx(ids),
        )
        add_action(ctx, menu, Act.OUTPUT, self.tr("Export roster (Excel)…"), lambda: self._export_roster(ids))
        return menu

    # printing and transfer are imported on first use: start-up loads neither reportlab nor openpyxl

    def _print_dossier(self, cadre_id: int) -> None:
        from cadre_desk.ui.printing import printing

        printing.print_cadre_dossier(self, self._ctx, cadre_id)

    def _print_form(self, cadre_id: int) -> None:
        from cadre_desk.ui.printing import printing

        printing.print_appointment_form(self, self._ctx, cadre_id)

    def _batch_print(self, ids: list[int]) -> None:
        from cadre_desk.ui.printing import printing

        printing.batch_print(self, self._ctx, ids, self.tr("Cadre dossiers"))

    def compare(self, ids: list[int]) -> None:
        """横向比较 of the selected cadres (2–6); a name double-clicked there opens the profile."""
        from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

        ComparisonDialog.show_for(self, self._ctx, ids, self._today, self.select_cadre)

    def _export_lrmx(self, ids: list[int]) -> None:
        from cadre_desk.ui.transfer import transfer

        transfer.export_lrmx(self, self._ctx, ids)

    def _export_roster(self, ids: list[int]) -> None:
        from cadre_desk.ui.transfer import transfer

        transfer.export_roster(self, self._ctx, ids, self.export_fields())

    # --- drag and drop of .lrmx files ------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and exchange_paths([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = exchange_paths([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> bool:
        if not self.profile.maybe_leave():
            return False
        from cadre_desk.ui.transfer import transfer  # imported on use: openpyxl is not loaded at start-up

        changed = bool(transfer.import_lrmx_files(self, self._ctx, paths))
        if changed:
            self.reload()
        return changed

    # --- columns and state -----------------------------------------------------------------------

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
        header = self.table.horizontalHeader()
        shown = [c for c in Column if not header.isSectionHidden(c)]
        return sorted(shown, key=header.visualIndex)

    def set_column_visible(self, column: Column, visible: bool) -> None:
        header = self.table.horizontalHeader()
        if not visible and len(self.visible_columns()) <= 1:
            return  # the last column stays
        header.setSectionHidden(column, not visible)

    def _header_menu(self, pos: QPoint) -> None:
        self.column_menu().exec(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setTitle(self.tr("Columns"))
        shown = set(self.visible_columns())
        for column in Column:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(not (column in shown and len(shown) == 1))
            action.toggled.connect(lambda on, c=column: self.set_column_visible(c, on))
        menu.addSeparator()
        menu.addAction(self.tr("Fit column widths"), self.fit_columns)
        return menu

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
        save_split_state(settings, keys.ROSTER_SPLITTER, keys.ROSTER_HEADER, self.splitter, self.table)
        settings.set(keys.ROSTER_FILTERS_SHOWN, self.filters_button.isChecked())

    def restore_state(self, settings: Settings) -> None:
        if restore_split_state(settings, keys.ROSTER_SPLITTER, keys.ROSTER_HEADER, self.splitter, self.table):
            self._widths_measured = True
        self.filters_button.setChecked(settings.get(keys.ROSTER_FILTERS_SHOWN))
