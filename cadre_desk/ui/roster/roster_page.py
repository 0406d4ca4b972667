"""干部名册: the table of cadres on the left (quick filter, structured filters, chosen columns), the
selected cadre's profile on the right.

Printing and exchange live in `cadre_desk.ui.printing.printing` and `cadre_desk.ui.transfer.transfer`;
they are imported only when used, so that start-up does not load reportlab or openpyxl.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, NotFoundError
from cadre_desk.services import cadres, units
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.profile_view import ProfileView
from cadre_desk.ui.roster.new_cadre_dialog import NewCadreDialog
from cadre_desk.ui.roster.roster_filters import RosterFilterPanel
from cadre_desk.ui.roster.roster_loader import RosterLoader
from cadre_desk.ui.roster.roster_model import Column, RosterFilter, RosterModel
from cadre_desk.ui.roster.roster_outputs import add_output_actions
from cadre_desk.ui.roster.roster_table import RosterTable
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.permits import Act, add_action, guard
from cadre_desk.ui.widgets.tables import restore_split_state, save_split_state, setup_list_table
from cadre_desk.ui.widgets.weak import weak_slot

log = logging.getLogger("cadre_desk.ui")

EXCHANGE_SUFFIXES = (".lrmx", ".lrm")


def exchange_paths(paths: list[Path]) -> list[Path]:
    """The dropped files and folders worth handing to the importer."""
    return [p for p in paths if p.is_dir() or p.suffix.lower() in EXCHANGE_SUFFIXES]


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
        self.loader = RosterLoader(ctx, self.model, self._quietly, self)
        self.loader.rest_loaded.connect(self._rest_loaded)
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
        self.show_archived.toggled.connect(weak_slot(self.reload))
        self.new_button = QPushButton(self.tr("New cadre"), self)
        self.new_button.setObjectName("rosterNewCadre")
        self.new_button.clicked.connect(self.new_cadre)

        self.table = RosterTable(self.model, self)
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
        header.customContextMenuRequested.connect(self.table.show_column_menu)
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
        self.profile.obligations_changed.connect(self._obligations_changed)

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
        self._profile_later = False  # the first row selected by a reload: its profile after the paint
        self.setAcceptDrops(True)

    # --- data ------------------------------------------------------------------------------------

    def reload(self) -> int:
        """Fetch the roster again (keeping the shown cadre); returns the number of cadres.

        Only the first rows are read now (sorted by the database if the roster is sorted) and the
        rest in the background; filtered, every row is needed at once."""
        keep = self.profile.cadre_id
        header = self.table.horizontalHeader()
        read = self.loader.load(
            self.show_archived.isChecked(),
            header.sortIndicatorSection(),
            header.sortIndicatorOrder(),
            self.proxy.is_filtered(),
        )
        self.filter_panel.set_units(units.list_units(self._ctx))
        if not self.table.widths_measured and read:
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
        return self.total()

    def _obligations_changed(self) -> None:
        self.records_changed.emit(Changes(talks=True))

    def _first_rows_sorted(self) -> None:
        """After a sort before the rest arrived: the shown cadre stays selected if among the first
        rows (else it is selected when the rest arrives)."""
        shown = self.profile.cadre_id
        if shown is not None and self.model.row_of(shown, load=False) is not None:
            self.select_cadre(shown, scroll=False)

    def _rest_loaded(self) -> None:
        if self.profile.cadre_id is not None and not self.selected_ids():
            self.select_cadre(self.profile.cadre_id, scroll=False)  # its row was replaced
        self._emit_counts()

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """The rows or the filter change: no profile for the rows the view selects meanwhile, and
        the counts once at the end."""
        switching, self._switching = self._switching, True
        try:
            yield
        finally:
            self._switching = switching

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
        with self._quietly():
            apply(value)
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
        menu.deleteLater()  # built for this click; its actions' closures hold the page

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
        add_output_actions(menu, self, ctx, ids, self.compare, self.export_fields)
        return menu

    def compare(self, ids: list[int]) -> None:
        """横向比较 of the selected cadres (2–6); a name double-clicked there opens the profile."""
        from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

        ComparisonDialog.show_for(self, self._ctx, ids, self._today, self.select_cadre)

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
        return self.table.export_fields()

    def visible_columns(self) -> list[Column]:
        return self.table.visible_columns()

    def set_column_visible(self, column: Column, visible: bool) -> None:
        self.table.set_column_visible(column, visible)

    def column_menu(self) -> QMenu:
        return self.table.column_menu()

    def fit_columns(self) -> None:
        self.table.fit_columns()

    def save_state(self, settings: Settings) -> None:
        save_split_state(settings, keys.ROSTER_SPLITTER, keys.ROSTER_HEADER, self.splitter, self.table)
        settings.set(keys.ROSTER_FILTERS_SHOWN, self.filters_button.isChecked())

    def restore_state(self, settings: Settings) -> None:
        if restore_split_state(settings, keys.ROSTER_SPLITTER, keys.ROSTER_HEADER, self.splitter, self.table):
            self.table.widths_measured = True
        self.filters_button.setChecked(settings.get(keys.ROSTER_FILTERS_SHOWN))
