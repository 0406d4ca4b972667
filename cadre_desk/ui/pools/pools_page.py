"""后备干部库 page: the young-cadre and reserve pools at a reference date, filtered by pool and state, the
review flags (超龄, 考核低于称职, 处分), and for the chosen entry its state actions, development measures and
yearly reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import pools as rule
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import pool_entries, pool_lists, pool_measures, pools
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.restore_point_job import ask_with_restore_point
from cadre_desk.ui.pools.entry_dialog import EntryDialog
from cadre_desk.ui.pools.measure_dialog import MeasureDialog
from cadre_desk.ui.pools.pool_models import ID_ROLE, EntriesModel, MeasuresModel, ReviewsModel
from cadre_desk.ui.pools.review_dialog import ReviewDialog
from cadre_desk.ui.pools.state_dialog import StateDialog
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.choices import refill
from cadre_desk.ui.widgets.codes import add_codes, code_text
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import setup_list_table, size_columns
from cadre_desk.ui.widgets.weak import weak_slot
from cadre_desk.ui.widgets.working_date import WorkingDate

ENTRY_KIND = "pool_entry"


class PoolsPage(WorkingDate, Page):
    """The pool register with its flags, and the chosen entry's details."""

    record_kinds: ClassVar[frozenset[str]] = frozenset({ENTRY_KIND})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._entry: pool_entries.EntryView | None = None
        self._pools_loaded = False
        self._print_job: object = None

        self.date = QDateEdit(self)
        self.date.setObjectName("poolDate")
        self.date.setDisplayFormat("yyyy.MM.dd")
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.date.dateChanged.connect(self.refresh)
        self.pool = QComboBox(self)
        self.pool.setObjectName("poolFilter")
        self.pool.setMinimumContentsLength(10)
        self.pool.currentIndexChanged.connect(self.refresh)
        self.state = QComboBox(self)
        self.state.setObjectName("stateFilter")
        self.state.addItem(self.tr("In the pool or under inspection"), "active")
        self.state.addItem(self.tr("All states"), None)
        add_codes(self.state, [s.value for s in rule.PoolState])
        self.state.currentIndexChanged.connect(self.refresh)
        self.flagged = QCheckBox(self.tr("Only those to review"), self)
        self.flagged.setObjectName("flaggedOnly")
        self.flagged.toggled.connect(self.refresh)
        self.new_button = QPushButton(self.tr("&New entry…"), self)
        self.new_button.setObjectName("newEntry")
        self.new_button.clicked.connect(self.new_record)
        bar = QHBoxLayout()
        for label, widget in (
            (self.tr("Reference date"), self.date),
            (self.tr("Pool"), self.pool),
            (self.tr("State"), self.state),
        ):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
            bar.addSpacing(10)
        bar.addWidget(self.flagged)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        self.export_button = QPushButton(self.tr("Export ledger…"), self)
        self.export_button.setObjectName("exportLedger")
        self.export_button.setToolTip(self.tr("The 年轻干部台账 of the entries shown, as an Excel sheet"))
        self.export_button.clicked.connect(self.export_ledger)
        self.import_button = QPushButton(self.tr("Import ledger…"), self)
        self.import_button.setObjectName("importLedger")
        self.import_button.clicked.connect(self.import_ledger)
        self.compare_button = QPushButton(self.tr("Compare side by side…"), self)
        self.compare_button.setObjectName("poolCompare")
        self.compare_button.setToolTip(
            self.tr(
                "横向比较 of the entries selected (2–6); with one or none selected, of the 考察对象 shown"
            )
        )
        self.compare_button.clicked.connect(self.compare)
        bar.addWidget(self.compare_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.import_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("poolSummary")
        self.summary.setWordWrap(True)
        self.model = EntriesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("poolTable")
        self.table.setModel(self.model)
        setup_list_table(self.table, QAbstractItemView.SelectionMode.ExtendedSelection)  # 横向比较 of several
        size_columns(self.table, self.model._headers, EntriesModel.COLUMN_CHARS)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(weak_slot(self.open_entry))
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)

        self.detail = self._detail_panel()
        self.writable = guard(
            ctx,
            Act.WRITE,
            self.new_button,
            self.edit_button,
            *self.move_buttons.values(),
            self.archive_button,
            self.add_measure_button,
            self.remove_measure_button,
            self.add_review_button,
        )
        guard(ctx, Act.OUTPUT, self.export_button, self.growth_button)
        guard(ctx, Act.VIEW, self.compare_button, self.view_button)
        self.view_button.setVisible(not self.writable)  # a writer opens the editor instead
        guard(ctx, Act.IMPORT, self.import_button)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("poolSplit")
        self.split.addWidget(left)
        self.split.addWidget(self.detail)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([700, 420])

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Young-cadre and reserve pools"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.split, 1)
        self._show(QModelIndex())

    # --- the detail panel ------------------------------------------------------------------------

    def _button(self, text: str, name: str, slot: Callable[..., object], *args: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(weak_slot(slot, *args))  # slot(*args)
        return button

    def _detail_panel(self) -> QWidget:
        panel = QWidget(self)
        self.heading = QLabel(panel)
        self.heading.setObjectName("entryHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label = QLabel(panel)
        self.flags_label.setObjectName("entryFlags")
        self.flags_label.setWordWrap(True)
        self.flags_label.setStyleSheet("color: #b3261e;")
        self.edit_button = self._button(self.tr("&Edit…"), "editEntry", self.edit_entry)
        self.view_button = self._button(self.tr("View…"), "viewEntry", self.view_entry)
        self.view_button.setToolTip(self.tr("The entry in its form, for reading"))
        self.move_buttons = {
            rule.PoolState.CANDIDATE: self._button(
                self.tr("Under inspection…"), "toCandidate", self.move_to, rule.PoolState.CANDIDATE
            ),
            rule.PoolState.USED: self._button(
                self.tr("Appointed…"), "toUsed", self.move_to, rule.PoolState.USED
            ),
            rule.PoolState.EXITED: self._button(
                self.tr("Leaves the pool…"), "toExited", self.move_to, rule.PoolState.EXITED
            ),
            rule.PoolState.IN_POOL: self._button(
                self.tr("Back in the pool…"), "toInPool", self.move_to, rule.PoolState.IN_POOL
            ),
        }
        self.archive_button = self._button(self.tr("Archive"), "archiveEntry", self.archive_entry)
        self.growth_button = self._button(self.tr("Growth record…"), "growthRecord", self.print_record)
        self.growth_button.setToolTip(self.tr("The 年轻干部成长档案 of this cadre as a PDF (Ctrl+P)"))
        actions = QHBoxLayout()
        actions.addWidget(self.view_button)
        actions.addWidget(self.edit_button)
        for button in self.move_buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.growth_button)
        actions.addWidget(self.archive_button)

        self.measures = MeasuresModel(self)
        self.measure_table = QTableView(panel)
        self.measure_table.setObjectName("measureTable")
        self.measure_table.setModel(self.measures)
        setup_list_table(self.measure_table)
        size_columns(self.measure_table, self.measures._headers, (5, 6, 6, 16))
        self.measure_table.horizontalHeader().setStretchLastSection(True)
        self.measure_table.doubleClicked.connect(weak_slot(self.edit_measure))
        self.add_measure_button = self._button(self.tr("Add…"), "addMeasure", self.edit_measure, True)
        self.remove_measure_button = self._button(self.tr("Remove"), "removeMeasure", self.remove_measure)
        measure_box = QGroupBox(self.tr("Development measures"), panel)
        mlayout = QVBoxLayout(measure_box)
        mlayout.addWidget(self.measure_table)
        mbuttons = QHBoxLayout()
        mbuttons.addStretch(1)
        mbuttons.addWidget(self.add_measure_button)
        mbuttons.addWidget(self.remove_measure_button)
        mlayout.addLayout(mbuttons)

        self.reviews = ReviewsModel(self)
        self.review_table = QTableView(panel)
        self.review_table.setObjectName("reviewTable")
        self.review_table.setModel(self.reviews)
        setup_list_table(self.review_table)
        size_columns(self.review_table, self.reviews._headers, (3, 20, 6))
        self.review_table.doubleClicked.connect(weak_slot(self.edit_review))
        self.add_review_button = self._button(self.tr("Write…"), "addReview", self.edit_review, True)
        review_box = QGroupBox(self.tr("Yearly reviews"), panel)
        rlayout = QVBoxLayout(review_box)
        rlayout.addWidget(self.review_table)
        rbuttons = QHBoxLayout()
        rbuttons.addStretch(1)
        rbuttons.addWidget(self.add_review_button)
        rlayout.addLayout(rbuttons)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.flags_label)
        layout.addLayout(actions)
        layout.addWidget(measure_box, 3)
        layout.addWidget(review_box, 2)
        return panel

    # --- data ------------------------------------------------------------------------------------

    def reference(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def _load_pools(self) -> None:
        every_pool = [(p.name, p.id) for p in pools.list_pools(self.ctx)]
        refill(self.pool, [(self.tr("All pools"), None), *every_pool])
        self._pools_loaded = True

    def refresh(self) -> None:
        if not self._pools_loaded:
            self._load_pools()
        keep = self._entry.id if self._entry is not None else None
        state = self.state.currentData()
        rows = pool_lists.list_entries(
            self.ctx, self.reference(), self.pool.currentData(), state if state != "active" else None
        )
        if state == "active":
            rows = [r for r in rows if r.state in rule.ACTIVE_STATES]
        flagged = sum(1 for r in rows if r.flags)
        if self.flagged.isChecked():
            rows = [r for r in rows if r.flags]
        self.model.set_rows(rows)
        text = self.tr(
            "%1 entries; %2 to review at %3 (past the pool's age cap, below 称职, a 处分, a red 晴雨表 period)."  # noqa: E501  # one literal for lupdate
        )
        self.summary.setText(
            text.replace("%1", str(len(rows)))
            .replace("%2", str(flagged))
            .replace("%3", format_date(self.reference()))
        )
        self.summary.setStyleSheet("color: #b3261e;" if flagged else "")
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
            self._show(QModelIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(current)

    def _show(self, index: QModelIndex) -> None:
        entry_id = self.model.index(index.row(), 0).data(ID_ROLE) if index.isValid() else None
        self._entry = pool_entries.get_entry(self.ctx, int(entry_id)) if entry_id is not None else None
        e = self._entry
        for widget in (
            self.edit_button,
            self.view_button,
            self.archive_button,
            self.add_measure_button,
            self.add_review_button,
        ):
            widget.setEnabled(e is not None)
        for target, button in self.move_buttons.items():
            button.setEnabled(e is not None and rule.can_move(e.state, target))
        self.remove_measure_button.setEnabled(e is not None)
        if e is None:
            self.heading.setText(self.tr("Choose an entry to see its measures and reviews."))
            self.flags_label.setText("")
            self.measures.set_rows([])
            self.reviews.set_rows([])
            return
        row = self.model.row_at(index.row())
        parts = [
            f"{e.name}　{e.pool}　{code_text(e.state)} {format_date(e.state_on)}",
            self.tr("Entered %1 by %2%3")
            .replace("%1", format_date(e.entered_on))
            .replace("%2", code_text(e.channel))
            .replace("%3", f"（{e.recommended_by}）" if e.recommended_by else "")
            + (f"，{e.document_no}" if e.document_no else ""),
        ]
        if e.direction:
            parts.append(self.tr("Direction: %1").replace("%1", e.direction))
        if row.mentor:
            parts.append(self.tr("Mentor: %1").replace("%1", row.mentor))
        if e.used_post:
            parts.append(self.tr("Appointed as %1").replace("%1", e.used_post))
        if e.exit_reason:
            parts.append(
                self.tr("Left: %1 %2").replace("%1", code_text(e.exit_reason)).replace("%2", e.exit_note)
            )
        self.heading.setText("\n".join(parts))
        self.flags_label.setText("\n".join(f"⚑ {code_text(f.flag)}：{f.detail}" for f in row.flags))
        self.measures.set_rows(pool_measures.list_measures(self.ctx, e.id))
        self.reviews.set_rows(pool_measures.list_reviews(self.ctx, e.id))

    def _reload(self, entry_id: int | None = None) -> None:
        if entry_id is not None:
            self._entry = pool_entries.get_entry(self.ctx, entry_id)
        self.refresh()

    # --- actions ---------------------------------------------------------------------------------

    def compare_ids(self) -> list[int]:
        """The cadres to compare: those of the selected entries, or with fewer than two selected, the
        列为考察对象 entries shown (in the table's order)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if len(rows) < 2:
            rows = [
                r
                for r in range(self.model.rowCount())
                if self.model.row_at(r).state == rule.PoolState.CANDIDATE
            ]
        return list(dict.fromkeys(self.model.row_at(r).cadre_id for r in rows))

    def compare(self) -> None:
        from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

        ComparisonDialog.show_for(self, self.ctx, self.compare_ids(), self.reference(), self.open_cadre)

    def new_record(self) -> bool:
        entry = EntryDialog.ask(self, self.ctx, None, self.today, self.pool.currentData())
        if entry is not None:
            if self.state.currentData() not in ("active", None, rule.PoolState.IN_POOL):
                self.state.setCurrentIndex(0)
            self._reload(entry.id)
        return True

    def open_entry(self) -> None:
        """Double-click: the editor for a writer, the read-only form for a reader."""
        if self.writable:
            self.edit_entry()
        else:
            self.view_entry()

    def view_entry(self) -> None:
        """The chosen entry in its form, read-only (a role that may read but not change the pools)."""
        if self._entry is not None:
            EntryDialog.view(self, self.ctx, self._entry, self.today)

    def edit_entry(self) -> None:
        if not self.writable or self._entry is None:
            return
        if saved := EntryDialog.ask(self, self.ctx, self._entry, self.today):
            self._reload(saved.id)

    def move_to(self, target: str) -> None:
        if self._entry is None:
            return
        moved = StateDialog.ask(self, self.ctx, self._entry, target, self.today)
        if moved is not None:
            if self.state.currentData() == "active" and moved.state not in rule.ACTIVE_STATES:
                self.state.setCurrentIndex(self.state.findData(None))
            self._reload(moved.id)

    def archive_entry(self) -> None:
        e = self._entry
        if e is None:
            return
        question = self.tr(
            "Archive the entry of %1 in %2? Use it for an entry made by mistake; a cadre who leaves the pool is moved to 退出 instead."  # noqa: E501  # one literal for lupdate
        )
        question = question.replace("%1", e.name).replace("%2", e.pool)
        if QMessageBox.question(self, self.tr("Archive"), question) != QMessageBox.StandardButton.Yes:
            return
        self._act(lambda: pool_entries.archive_entry(self.ctx, e.id))
        self._entry = None
        self.refresh()

    def edit_measure(self, new: bool = False) -> None:
        if self._entry is None:
            return
        index = self.measure_table.currentIndex()
        measure = None if new or not index.isValid() else self.measures.row_at(index.row())
        if not new and measure is None:
            return
        if not self.writable:  # a reader: the measure for reading (double-click)
            if measure is not None:
                MeasureDialog.view(self, self.ctx, self._entry, measure)
            return
        if MeasureDialog.ask(self, self.ctx, self._entry, measure) is not None:
            self._reload(self._entry.id)

    def remove_measure(self) -> None:
        index = self.measure_table.currentIndex()
        if self._entry is None or not index.isValid():
            return
        measure = self.measures.row_at(index.row())
        self._act(lambda: pool_measures.archive_measure(self.ctx, measure.id))
        self._reload(self._entry.id)

    def edit_review(self, new: bool = False) -> None:
        if self._entry is None:
            return
        index = self.review_table.currentIndex()
        review = None if new or not index.isValid() else self.reviews.row_at(index.row())
        if not new and review is None:
            return
        if not self.writable:  # a reader: the review for reading (double-click)
            if review is not None:
                ReviewDialog.view(self, self.ctx, self._entry, review, self.today)
            return
        if ReviewDialog.ask(self, self.ctx, self._entry, review, self.today) is not None:
            self._reload(self._entry.id)

    def _act(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))

    def print_record(self) -> bool:
        """Ctrl+P: the chosen cadre's 年轻干部成长档案, with the diary excerpts the user ticks."""
        from cadre_desk.ui.pools.excerpt_dialog import ExcerptDialog
        from cadre_desk.ui.printing.printing import print_growth_record

        if self._entry is None:
            return False
        excerpts = ExcerptDialog.ask(self, self.ctx, self._entry.cadre_id, self._entry.name)
        if excerpts is not None:
            self._print_job = print_growth_record(
                self, self.ctx, self._entry.cadre_id, excerpts, self.reference()
            )
        return True

    def export_ledger(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export ledger"), "年轻干部台账.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.export_to(Path(name if name.lower().endswith(".xlsx") else f"{name}.xlsx"))

    def export_to(self, path: Path) -> int:
        from cadre_desk.transfer import pool_ledger

        rows = [self.model.row_at(r) for r in range(self.model.rowCount())]
        try:
            return pool_ledger.export_ledger(self.ctx, path, rows)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not exported"), str(exc))
            return 0

    def import_ledger(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import ledger"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> int:
        """Preview the ledger; if the user confirms, write it. Returns the entries written."""
        from cadre_desk.transfer import pool_ledger
        from cadre_desk.ui.pools.ledger_preview import LedgerPreviewDialog

        try:
            plan = pool_ledger.plan_ledger(self.ctx, path, self.today)
            # the restore point is copied while the user reads the preview (services.restore_point)
            writes = not plan.cadres.rejected and (
                plan.new_entries > 0 or any(i.action != "unchanged" for i in plan.cadres.items)
            )
            chosen = ask_with_restore_point(
                self, self.ctx, "pool-ledger", writes, lambda: LedgerPreviewDialog.ask_ledger(self, plan)
            )
            if chosen is None:
                return 0
            result = pool_ledger.apply_ledger(self.ctx, chosen)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not imported"), str(exc))
            return 0
        self.refresh()
        self.records_changed.emit(Changes(cadres=True, cadre_ids=frozenset(result.cadres.cadre_ids)))
        return result.entries

    def show_record(self, kind: str, record_id: int) -> bool:
        if kind != ENTRY_KIND:
            return False
        for combo, value in ((self.pool, None), (self.state, None)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.flagged.blockSignals(True)
        self.flagged.setChecked(False)
        self.flagged.blockSignals(False)
        self._entry = None
        self.refresh()
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True
