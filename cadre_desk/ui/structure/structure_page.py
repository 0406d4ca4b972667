"""班子结构分析 page: a scope and a reference date; the figures, the targets (应配 / 实配 / 缺配 with a colour
and its word) and the 缺口 as tables, the charts, and the team-by-team heat table. Every number opens
the cadres behind it; the tables export to Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.domain.structure import EDUCATION_LEVELS, POLITICAL_GROUPS, SCOPE_COUNTY_UNITS
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import structure, units
from cadre_desk.services import structure_selections as saved
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.structure.cadre_list_dialog import CadreListDialog
from cadre_desk.ui.structure.charts import AgePyramid, HeatTable, bars, set_chart
from cadre_desk.ui.structure.models import IDS_ROLE, FiguresModel, GapsModel, TargetsModel
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import setup_list_table, size_columns
from cadre_desk.ui.widgets.weak import weak_slot

COUNTY, KIND, UNIT, SELECTION = "county", "kind", "unit", "selection"


def scope_key(kind: str, value: object = None) -> str:
    """The scope chooser's item data: `county`, `kind:乡镇`, `selection:3`, `unit:12`."""
    return kind if value is None else f"{kind}:{value}"


class StructurePage(Page):
    """The structure analysis of a scope at a reference date."""

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self.report: structure.StructureReport | None = None
        self._units_loaded = False

        self.scope = QComboBox(self)
        self.scope.setObjectName("structureScope")
        self.scope.setMinimumContentsLength(18)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.team_only = QCheckBox(self.tr("Only team (班子) members"), self)
        self.team_only.setObjectName("structureTeamOnly")
        self.team_only.setChecked(True)
        self.team_only.toggled.connect(self.refresh)
        self.date = QDateEdit(self)
        self.date.setObjectName("structureDate")
        self.date.setDisplayFormat("yyyy.MM.dd")
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.date.dateChanged.connect(self.refresh)
        self.print_button = QPushButton(self.tr("Print report…"), self)
        self.print_button.setObjectName("structurePrint")
        self.print_button.clicked.connect(self.print_record)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("structureExport")
        self.export_button.clicked.connect(self.export_excel)
        self.save_scope_button = QPushButton(self.tr("Save as selection…"), self)
        self.save_scope_button.setObjectName("structureSaveSelection")
        self.save_scope_button.setToolTip(
            self.tr("Save the units of this scope under a name (e.g. 2027换届乡镇), to choose it again later")
        )
        self.save_scope_button.clicked.connect(self.save_selection)
        self.selections_button = QPushButton(self.tr("Selections…"), self)
        self.selections_button.setObjectName("structureSelections")
        self.selections_button.setToolTip(self.tr("Rename, change or delete the saved selections"))
        self.selections_button.clicked.connect(self.manage_selections)
        # a 领导查阅 account chooses a saved selection, never saves one
        guard(ctx, Act.WRITE, self.save_scope_button, self.selections_button)
        guard(ctx, Act.OUTPUT, self.print_button, self.export_button)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Scope"), self))
        bar.addWidget(self.scope)
        bar.addWidget(self.save_scope_button)
        bar.addWidget(self.selections_button)
        bar.addWidget(self.team_only)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Reference date"), self))
        bar.addWidget(self.date)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("structureSummary")
        self.summary.setWordWrap(True)

        self.figures = FiguresModel(self)
        self.figure_table = self._table("structureFigures", self.figures, (6, 12, 3, 4))
        self.targets = TargetsModel(self)
        self.target_table = self._table("structureTargets", self.targets, (14, 4, 4, 3, 3, 3, 3))
        self.gaps = GapsModel(self)
        self.gap_table = self._table("structureGaps", self.gaps, (14, 14, 3, 3, 3))

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(
            self._boxed(self.tr("Targets (local rules; hover for the source)"), self.target_table)
        )
        right.addWidget(self._boxed(self.tr("Gaps (缺口): teams short of a target"), self.gap_table))
        tables = QSplitter(Qt.Orientation.Horizontal, self)
        tables.addWidget(self.figure_table)
        tables.addWidget(right)
        tables.setSizes([380, 700])

        self.pyramid = AgePyramid(self._show_cadres, self)
        self.charts = QWidget(self)
        self.charts.setObjectName("structureCharts")
        self._chart_grid = QGridLayout(self.charts)
        self._chart_grid.addWidget(self.pyramid, 0, 0, 1, 2)
        self.education_chart = QChartView(self.charts)
        self.education_chart.setObjectName("educationChart")
        self.party_chart = QChartView(self.charts)
        self.party_chart.setObjectName("partyChart")
        self._chart_grid.addWidget(self.education_chart, 1, 0)
        self._chart_grid.addWidget(self.party_chart, 1, 1)
        self.heat = HeatTable(self._show_cadres, self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("structureTabs")
        self.tabs.addTab(tables, self.tr("Figures"))
        self.tabs.addTab(self.charts, self.tr("Charts"))
        self.tabs.addTab(self.heat, self.tr("Teams and targets"))

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Leadership team structure"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def _table(
        self, name: str, model: FiguresModel | TargetsModel | GapsModel, chars: tuple[int, ...]
    ) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        setup_list_table(table)
        size_columns(table, model._headers, chars)
        table.doubleClicked.connect(weak_slot(self._table_picked, table, signal_args=True))
        return table

    def _boxed(self, title: str, table: QTableView) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(title, box))
        layout.addWidget(table)
        return box

    # --- scope ---------------------------------------------------------------------------------

    def _load_scopes(self) -> None:
        blocked = self.scope.blockSignals(True)
        current = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(self.tr("Whole county"), scope_key(COUNTY))
        self.scope.addItem(self.tr("All townships (乡镇)"), scope_key(KIND, vocab.UnitKind.TOWNSHIP.value))
        self.scope.addItem(
            self.tr("All county departments (部门)"), scope_key(KIND, vocab.UnitKind.DEPARTMENT.value)
        )
        self.scope.addItem(self.tr("County units (县直单位)"), scope_key(KIND, SCOPE_COUNTY_UNITS))
        self.scope.insertSeparator(self.scope.count())
        selections = saved.list_selections(self.ctx)
        for v in selections:
            self.scope.addItem(self.tr("Saved: %1").replace("%1", v.name), scope_key(SELECTION, v.id))
        if selections:
            self.scope.insertSeparator(self.scope.count())
        for u in units.list_units(self.ctx):
            self.scope.addItem(u.name, scope_key(UNIT, u.id))
        found = self.scope.findData(current)
        self.scope.setCurrentIndex(max(0, found))
        self.scope.blockSignals(blocked)
        self._units_loaded = True

    def current_scope(self) -> structure.Scope:
        kind, _sep, value = str(self.scope.currentData() or COUNTY).partition(":")
        team = self.team_only.isChecked()
        if kind == KIND:
            return structure.kind_scope(self.ctx, str(value), team)
        if kind == UNIT:
            return structure.unit_scope(self.ctx, [int(value)], team)
        if kind == SELECTION:
            return saved.selection_scope(self.ctx, int(value), team)
        return structure.county_scope(team)

    def reference(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def select_scope(self, kind: str, value: object = None) -> None:
        if not self._units_loaded:
            self._load_scopes()
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope_key(kind, value))))

    def save_selection(self) -> None:
        """Save the units of the scope shown (every unit for the whole county) as a named selection."""
        from cadre_desk.ui.structure.selection_dialog import SelectionDialog

        try:
            scope = self.current_scope()
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Structure analysis"), str(exc))
            return
        ticked = scope.unit_ids if scope.unit_ids is not None else [u.id for u in units.list_units(self.ctx)]
        view = SelectionDialog.ask(self, self.ctx, checked=ticked)
        if view is not None:
            self._load_scopes()
            self.select_scope(SELECTION, view.id)

    def manage_selections(self) -> None:
        from cadre_desk.ui.structure.selections_dialog import SelectionsDialog

        if SelectionsDialog.ask(self, self.ctx):
            self._load_scopes()
            self.refresh()

    # --- refresh -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self._units_loaded:
            self._load_scopes()
        try:
            report = structure.analyse(self.ctx, self.current_scope(), self.reference())
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Structure analysis"), str(exc))
            return
        self.report = report
        f = report.figures
        self.summary.setText(
            self.tr("%1: %2 cadres, average age %3; posts approved %4, filled %5, vacant %6; %7 gaps.")
            .replace("%1", report.scope.label)
            .replace("%2", str(f.members.count))
            .replace("%3", "—" if f.average_age is None else f"{f.average_age:.1f}")
            .replace("%4", str(report.slots))
            .replace("%5", str(report.filled_posts))
            .replace("%6", str(report.vacant))
            .replace("%7", str(len(report.gaps)))
        )
        self.figures.set_report(report)
        self.targets.set_rows(list(report.targets))
        members = {t.unit_id: t.members for t in report.teams}
        self.gaps.set_rows([(g, members.get(g.unit_id, ())) for g in report.gaps])
        self._draw_charts(report)
        self.heat.set_report(report)

    def _draw_charts(self, report: structure.StructureReport) -> None:
        f = report.figures
        self.pyramid.set_figures(f.age_pyramid)
        set_chart(
            self.education_chart,
            bars(
                self.tr("Education"),
                EDUCATION_LEVELS,
                [(self.tr("Full-time"), f.education_full_time), (self.tr("Highest"), f.education_highest)],
                self._show_cadres,
            ),
        )
        set_chart(
            self.party_chart,
            bars(
                self.tr("Political status"),
                POLITICAL_GROUPS,
                [(self.tr("Cadres"), f.political)],
                self._show_cadres,
            ),
        )

    # --- click-through and export ----------------------------------------------------------------

    def _table_picked(self, table: QTableView, index: QModelIndex) -> None:
        ids = table.model().index(index.row(), 0).data(IDS_ROLE)
        title = " ".join(str(table.model().index(index.row(), c).data() or "") for c in (0, 1))
        if ids:
            self._show_cadres(title, tuple(ids))

    def cadre_dialog(self, title: str, ids: tuple[int, ...]) -> CadreListDialog:
        lines = structure.cadres_behind(self.ctx, ids, self.reference())
        dialog = CadreListDialog(title, lines, self)
        dialog.open_cadre.connect(self.open_cadre)
        return dialog

    def _show_cadres(self, title: str, ids: tuple[int, ...]) -> None:
        if ids:
            self.cadre_dialog(title, ids).exec()

    def print_record(self) -> bool:
        """Ctrl+P and 打印报告…: the 结构分析报告 of the scope shown, previewed before printing or saving."""
        from cadre_desk.ui.printing import printing

        try:
            scope = self.current_scope()
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Structure analysis"), str(exc))
            return True
        printing.print_structure(self, self.ctx, scope, self.reference())
        return True

    def export_excel(self) -> None:
        if self.report is None:
            return
        default = str(Path.home() / f"{self.report.scope.label}班子结构分析.xlsx")
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), default, "Excel (*.xlsx)"
        )
        if not name:
            return
        from cadre_desk.transfer.structure_xlsx import export_structure

        try:
            export_structure(self.ctx, Path(name), self.report)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
