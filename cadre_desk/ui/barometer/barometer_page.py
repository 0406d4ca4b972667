"""晴雨表 page: choose a period and a unit, read and type the indicators in a grid like a spreadsheet
(arrows move, typing or F2 edits, Delete clears, Enter commits), see each cadre's colour with its word,
decide 研判 (Ctrl+R) and 处置 (Ctrl+D), import member units' lists, export the grid to Excel, move the
period 采集中 → 研判中 → 已发布 and print its 联席研判表."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import barometer as bd
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import (
    barometer_changes,
    barometer_entries,
    barometer_periods,
    barometer_rules,
)
from cadre_desk.services.barometer import EntryView, PeriodView
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.barometer.disposal_dialog import DisposalDialog
from cadre_desk.ui.barometer.grid_delegate import IndicatorDelegate
from cadre_desk.ui.barometer.grid_model import (
    COLOUR,
    DISPOSAL,
    FIRST_INDICATOR,
    NAME,
    OVERRIDE,
    RULE,
    BarometerGridModel,
)
from cadre_desk.ui.barometer.import_preview import BarometerImportPreview
from cadre_desk.ui.barometer.override_dialog import OverrideDialog
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.messages import user_text
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.working_date import WorkingDate

ALL_UNITS = -1
PAGE_ROWS = 500  # rows read at a time when every unit is shown


class GridView(QTableView):
    """A table that edits like a spreadsheet: Delete clears the indicator cell, Enter edits or moves down."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.model()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and index.isValid()
            and model.flags(index) & Qt.ItemFlag.ItemIsEditable
            and self.state() != QAbstractItemView.State.EditingState
        ):
            model.setData(index, "", Qt.ItemDataRole.EditRole)
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and index.isValid()
            and model.flags(index) & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)
            return
        super().keyPressEvent(event)


class BarometerPage(WorkingDate, Page):
    record_kinds = frozenset()

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.periods: list[PeriodView] = []
        self._unit_rows: list[barometer_entries.UnitCount] = []
        self.words: dict[str, str] = dict(bd.DEFAULT_WORDS)

        self.period = QComboBox(self)
        self.period.setObjectName("barometerPeriod")
        self.period.setMinimumContentsLength(14)
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.state = QLabel(self)
        self.state.setObjectName("barometerState")
        self.new_button = QPushButton(self.tr("New period…"), self)
        self.new_button.setObjectName("barometerNewPeriod")
        self.new_button.clicked.connect(self.new_period)
        self.advance_button = QPushButton(self)
        self.advance_button.setObjectName("barometerAdvance")
        self.advance_button.clicked.connect(self.advance)
        self.unit = QComboBox(self)
        self.unit.setObjectName("barometerUnit")
        self.unit.setMinimumContentsLength(18)
        self.unit.currentIndexChanged.connect(self.load_grid)
        self.only_warnings = QCheckBox(self.tr("Only yellow and red"), self)
        self.only_warnings.setObjectName("barometerWarnings")
        self.only_warnings.toggled.connect(self.load_grid)
        self.import_button = QPushButton(self.tr("Import list…"), self)
        self.import_button.setObjectName("barometerImport")
        self.import_button.setToolTip(
            self.tr("A member unit's list (.xlsx) matched on 身份证号: 处分名单, 信访, 审计, 个人事项核查")
        )
        self.import_button.clicked.connect(self.import_list)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("barometerExport")
        self.export_button.clicked.connect(self.export)
        self.recompute_button = QPushButton(self.tr("Recompute colours"), self)
        self.recompute_button.setObjectName("barometerRecompute")
        self.recompute_button.setToolTip(
            self.tr("Colour every reading again by the rule table (设置 → 规则)")
        )
        self.recompute_button.clicked.connect(self.recompute)
        self.print_button = QPushButton(self.tr("Print joint review table…"), self)
        self.print_button.setObjectName("barometerPrint")
        self.print_button.setToolTip(self.tr("The 联席研判表 of the period (A4 landscape)"))
        self.print_button.clicked.connect(self.print_record)
        self.override_button = QPushButton(self.tr("Review…"), self)
        self.override_button.setObjectName("barometerOverride")
        self.override_button.setToolTip(self.tr("研判: decide the colour with a reason (Ctrl+R)"))
        self.override_button.clicked.connect(self.override_current)
        self.disposal_button = QPushButton(self.tr("Disposal…"), self)
        self.disposal_button.setObjectName("barometerDisposal")
        self.disposal_button.setToolTip(self.tr("处置 and its follow-up (Ctrl+D)"))
        self.disposal_button.clicked.connect(self.dispose_current)
        for text, shortcut, slot in (
            (self.tr("Review…"), "Ctrl+R", self.override_current),
            (self.tr("Disposal…"), "Ctrl+D", self.dispose_current),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            guard(ctx, Act.WRITE, action)
        self.writable = writable = guard(
            ctx,
            Act.WRITE,
            self.new_button,
            self.advance_button,
            self.recompute_button,
            self.override_button,
            self.disposal_button,
        )
        guard(ctx, Act.IMPORT, self.import_button)
        guard(ctx, Act.OUTPUT, self.export_button, self.print_button)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period"), self))
        top.addWidget(self.period)
        top.addWidget(self.state)
        top.addWidget(self.advance_button)
        top.addWidget(self.new_button)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        top.addWidget(self.recompute_button)
        top.addWidget(self.print_button)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Unit"), self))
        bar.addWidget(self.unit)
        bar.addWidget(self.only_warnings)
        bar.addStretch(1)
        bar.addWidget(self.override_button)
        bar.addWidget(self.disposal_button)

        self.model = BarometerGridModel(self._commit, self)
        self.table = GridView(self)
        self.table.setObjectName("barometerGrid")
        self.table.setModel(self.model)
        self.table.setItemDelegate(IndicatorDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            if writable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setWordWrap(False)
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        char = self.table.fontMetrics().horizontalAdvance("汉")
        widths = [4, 3, 10, *(5 if i.kind != "text" else 8 for i in bd.INDICATORS), 18, 12, 8]
        header = self.table.horizontalHeader()
        for column, chars in enumerate(widths):
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(
                column, max(chars * char, header.fontMetrics().horizontalAdvance(heading)) + 16
            )
        self.table.doubleClicked.connect(self._double_clicked)
        self.summary = QLabel(self)
        self.summary.setObjectName("barometerSummary")

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Supervision barometer (晴雨表)"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    # --- loading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.words = barometer_rules.colour_words(self.ctx)
        self.periods = barometer_periods.list_periods(self.ctx)
        current = self.period.currentData()
        blocked = self.period.blockSignals(True)
        self.period.clear()
        for p in self.periods:
            self.period.addItem(f"{p.code}  {p.label}", p.id)
        index = self.period.findData(current)
        self.period.setCurrentIndex(index if index >= 0 else 0)
        self.period.blockSignals(blocked)
        self._period_chosen()

    def current_period(self) -> PeriodView | None:
        pid = self.period.currentData()
        return next((p for p in self.periods if p.id == pid), None)

    def _period_chosen(self) -> None:
        p = self.current_period()
        has = p is not None
        for w in (
            self.import_button,
            self.export_button,
            self.recompute_button,
            self.advance_button,
            self.override_button,
            self.disposal_button,
            self.unit,
            self.only_warnings,
        ):
            w.setEnabled(has)  # fmt: skip
        if p is None:
            self.state.setText(self.tr("No period yet: start one with New period…"))
            self.model.set_rows([], self.words, False)
            self.summary.setText("")
            return
        writable = p.state != bd.PUBLISHED
        for w in (self.import_button, self.recompute_button, self.override_button, self.disposal_button):
            w.setEnabled(writable)
        self.state.setText(self.tr("State: %1").replace("%1", p.state))
        nxt = {bd.COLLECTING: self.tr("Start review (研判中)"), bd.REVIEWING: self.tr("Publish (已发布)")}
        self.advance_button.setText(nxt.get(p.state, self.tr("Published")))
        self.advance_button.setEnabled(writable)
        self._load_units(p)
        self.load_grid()

    def _load_units(self, p: PeriodView) -> None:
        blocked = self.unit.blockSignals(True)
        current = self.unit.currentData()
        self.unit.clear()
        counts = barometer_entries.unit_counts(self.ctx, p.id)
        self._unit_rows = counts
        for c in counts:
            warn = c.counts.get(bd.RED, 0) + c.counts.get(bd.YELLOW, 0)
            label = f"{c.unit}（{sum(c.counts.values())}）" + (f" ⚠{warn}" if warn else "")
            self.unit.addItem(label, c.unit_id if c.unit_id is not None else 0)
        self.unit.addItem(self.tr("All units"), ALL_UNITS)
        index = self.unit.findData(current)
        self.unit.setCurrentIndex(index if index >= 0 else 0)
        self.unit.blockSignals(blocked)

    def load_grid(self) -> None:
        """The rows of the unit chosen; all units are read a page at a time as the grid scrolls."""
        p = self.current_period()
        if p is None:
            return
        unit = self.unit.currentData()
        unit_id = None if unit in (ALL_UNITS, None) else unit or None
        warnings = self.only_warnings.isChecked()
        if unit_id is None:
            first = barometer_entries.list_entries(self.ctx, p.id, None, warnings, limit=PAGE_ROWS)
            more = (
                (
                    lambda offset: barometer_entries.list_entries(
                        self.ctx, p.id, None, warnings, PAGE_ROWS, offset
                    )
                )
                if len(first) == PAGE_ROWS
                else None
            )
            self.model.set_rows(first, self.words, self.writable and p.state != bd.PUBLISHED, more)
        else:
            self.model.set_rows(barometer_entries.list_entries(self.ctx, p.id, unit_id, warnings), self.words,
                                self.writable and p.state != bd.PUBLISHED)  # fmt: skip
        self._update_summary()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, FIRST_INDICATOR))

    def _update_summary(self) -> None:
        p = self.current_period()
        if p is None:
            return
        counts = "  ".join(f"{self.words[c]} {p.counts.get(c, 0)}" for c in bd.COLOURS)
        unit = self.unit.currentData()
        shown = next((u for u in self._unit_rows if u.unit_id == unit), None) if unit != ALL_UNITS else None
        if shown is not None:
            here = "  ".join(f"{self.words[c]} {shown.counts.get(c, 0)}" for c in bd.COLOURS)
            unit_text = f"{shown.unit}：{here}"
        else:
            unit_text = ""
        self.summary.setText(
            self.tr("%1: %2 cadres (%3). %4")
            .replace("%1", p.label)
            .replace("%2", str(p.total))
            .replace("%3", counts)
            .replace("%4", unit_text)
        )

    def _reload_period(self) -> None:
        """Counts per colour changed: read the periods again, keep the grid's position."""
        current = self.table.currentIndex()
        self.periods = barometer_periods.list_periods(self.ctx)
        p = self.current_period()
        if p is not None:
            self._unit_rows = barometer_entries.unit_counts(self.ctx, p.id)
        self._update_summary()
        if current.isValid():
            self.table.setCurrentIndex(current)

    # --- editing -------------------------------------------------------------------------------------

    def _commit(self, entry: EntryView, code: str, value: str) -> EntryView | None:
        try:
            updated = barometer_changes.set_indicators(self.ctx, entry.id, {code: value}, entry.version)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), user_text(str(exc)))
            return None
        if updated.colour != entry.colour:
            self._reload_period()
            self.records_changed.emit(Changes(talks=True, cadre_ids=frozenset({entry.cadre_id})))
        return updated

    def _current_entry(self) -> EntryView | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.entry(index.row())

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == NAME:
            self.open_record.emit("cadre", self.model.entry(index.row()).cadre_id)
        elif index.column() == DISPOSAL:
            self.dispose_current() if self.model.editable else self.view_disposal()
        elif index.column() in (COLOUR, RULE, OVERRIDE):
            self.override_current() if self.model.editable else self.view_override()

    def view_override(self) -> None:
        """The 研判 of the chosen reading, read-only (a reader, or a period already published)."""
        entry = self._current_entry()
        if entry is not None:
            OverrideDialog.view(self, self.ctx, entry, self.words)

    def view_disposal(self) -> None:
        """The 处置 of the chosen reading, read-only."""
        entry = self._current_entry()
        if entry is not None:
            DisposalDialog.view(self, self.ctx, entry)

    def override_current(self) -> None:
        entry = self._current_entry()
        if entry is None or not self.model.editable:
            return
        updated = OverrideDialog.ask(self, self.ctx, entry, self.words)
        if updated is not None:
            self.model.replace(updated)
            self._reload_period()
            self.records_changed.emit(Changes(talks=True, cadre_ids=frozenset({entry.cadre_id})))

    def dispose_current(self) -> None:
        entry = self._current_entry()
        if entry is None or not self.model.editable:
            return
        updated = DisposalDialog.ask(self, self.ctx, entry)
        if updated is not None:
            self.model.replace(updated)

    def print_record(self) -> bool:
        """Ctrl+P: the 联席研判表 of the period shown."""
        p = self.current_period()
        if p is None:
            return False
        from cadre_desk.ui.printing import printing  # reportlab is loaded on first print, not at start-up

        printing.print_joint_review(self, self.ctx, p.id)
        return True

    # --- period actions ------------------------------------------------------------------------------

    def suggested_period(self) -> str:
        taken = {p.code for p in self.periods}
        period = bd.period_containing(self.today)
        while period.code in taken:
            period = bd.period_containing(period.end + dt.timedelta(days=1))
        return period.code

    def new_period(self) -> None:
        code, ok = QInputDialog.getText(
            self,
            self.tr("New period"),
            self.tr("Period (e.g. 2026Q4; every cadre on the roster gets a reading):"),
            text=self.suggested_period(),
        )
        if ok and code.strip():
            self.open_period(code.strip())

    def open_period(self, code: str) -> PeriodView | None:
        try:
            opened = barometer_periods.open_period(self.ctx, code)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not created"), user_text(str(exc)))
            return None
        self.refresh()
        self.period.setCurrentIndex(max(0, self.period.findData(opened.id)))
        return opened

    def advance(self) -> None:
        p = self.current_period()
        if p is None or p.state == bd.PUBLISHED:
            return
        target = bd.REVIEWING if p.state == bd.COLLECTING else bd.PUBLISHED
        if target == bd.PUBLISHED:
            answer = QMessageBox.question(
                self,
                self.tr("Publish"),
                self.tr("Publish %1? A published period cannot be changed.").replace("%1", p.label),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            barometer_periods.set_state(self.ctx, p.id, target, p.version)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), user_text(str(exc)))
            return
        self.refresh()

    def recompute(self) -> None:
        p = self.current_period()
        if p is None:
            return
        try:
            result = barometer_changes.recompute(self.ctx, p.id)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not recomputed"), user_text(str(exc)))
            return
        self.refresh()
        self.summary.setText(
            self.summary.text() + " " + self.tr("Recomputed: %1 changed.").replace("%1", str(result.changed))
        )
        if result.changed:
            self.records_changed.emit(Changes(talks=True))

    def import_list(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import list"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> int:
        """Preview `path` for the period shown; if the user confirms, write it. Returns the cadres changed."""
        from cadre_desk.transfer import barometer_import

        p = self.current_period()
        if p is None:
            return 0
        try:
            plan = barometer_import.plan_barometer_import(self.ctx, p.code, path)
            if not BarometerImportPreview.ask(self, plan):
                return 0
            result = barometer_import.apply_barometer_import(self.ctx, plan)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not imported"), user_text(str(exc)))
            return 0
        self.refresh()
        self.records_changed.emit(Changes(talks=True))
        return result.changed

    def export_to(self, path: Path) -> int:
        """The period's grid (the unit shown, or all) to `path` (.xlsx)."""
        from cadre_desk.transfer.barometer_xlsx import export_grid

        p = self.current_period()
        if p is None:
            return 0
        unit = self.unit.currentData()
        unit_id = None if unit in (ALL_UNITS, None) else unit or None
        rows = (
            barometer_entries.list_entries(self.ctx, p.id, unit_id)
            if unit_id
            else barometer_entries.list_entries(self.ctx, p.id)
        )
        unit_name = self.unit.currentText().split("（")[0] if unit_id else ""
        return export_grid(self.ctx, path, p, rows, self.words, unit_name)

    def export(self) -> None:
        p = self.current_period()
        if p is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export"), f"晴雨表{p.code}.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        try:
            count = self.export_to(path)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), user_text(str(exc)))
            return
        QMessageBox.information(
            self,
            self.tr("Export"),
            self.tr("Exported %1 rows to %2").replace("%1", str(count)).replace("%2", str(path)),
        )
