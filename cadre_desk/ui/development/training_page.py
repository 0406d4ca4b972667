"""培训学时 page: each cadre's 学时 against the requirement of the level in the window of a year (县处级: the
plan period or the rolling five years; 乡科级: the year), the 未达标 list by unit, and its Excel export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import compliance, units
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.development.training_import_dialog import TrainingImportPreview
from cadre_desk.ui.development.training_lists import TrainingListsPanel
from cadre_desk.ui.jobs.restore_point_job import ask_with_restore_point
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.choices import refill
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import ListModel, setup_list_table, size_columns
from cadre_desk.ui.widgets.working_date import WorkingDate

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _n(value: float) -> str:
    return f"{value:g}"


class TrainingModel(ListModel[compliance.ComplianceRow]):
    """Rows of `compliance.ComplianceRow`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"),
                self.tr("Unit"),
                self.tr("Level"),
                self.tr("Window"),
                self.tr("Required hours"),
                self.tr("Done hours"),
                self.tr("Short (hours)"),
                self.tr("Short (days)"),
                self.tr("Online hours"),
                self.tr("Met"),
            ],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        r = row.result
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                row.name,
                row.unit,
                r.level,
                r.window.label(),
                _n(r.required_hours),
                _n(r.done_hours),
                _n(r.shortfall_hours),
                _n(r.shortfall_days),
                _n(r.online_hours),
                self.tr("Yes") if r.met else self.tr("No"),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return row.id
        return None


class TrainingPage(WorkingDate, Page):
    """The training-compliance register."""

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self.year = QSpinBox(self)
        self.year.setObjectName("trainingYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.valueChanged.connect(self.refresh)
        self.unit = QComboBox(self)
        self.unit.setObjectName("trainingUnit")
        self.unit.setMinimumContentsLength(16)
        self.unit.currentIndexChanged.connect(self.refresh)
        self.only_short = QCheckBox(self.tr("Only those short"), self)
        self.only_short.setObjectName("trainingOnlyShort")
        self.only_short.setChecked(True)
        self.only_short.toggled.connect(self.refresh)
        self.import_button = QPushButton(self.tr("Import class list…"), self)
        self.import_button.setObjectName("trainingImport")
        self.import_button.setToolTip(
            self.tr("A Party-school class list (.xlsx): 班次, 类别, 主办单位, dates, 学时, 学员")
        )
        self.import_button.clicked.connect(self.import_class_list)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("trainingExport")
        self.export_button.clicked.connect(self.export)
        guard(ctx, Act.IMPORT, self.import_button)
        guard(ctx, Act.OUTPUT, self.export_button)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year"), self))
        bar.addWidget(self.year)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Unit"), self))
        bar.addWidget(self.unit)
        bar.addSpacing(12)
        bar.addWidget(self.only_short)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        self.model = TrainingModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("trainingTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        size_columns(self.table, self.model._headers, (6, 14, 4, 6, 5, 5, 5, 5, 5, 3))
        self.table.doubleClicked.connect(self._open)
        self.summary = QLabel(self)
        self.summary.setObjectName("trainingSummary")
        self.rule = QLabel(self)
        self.rule.setObjectName("trainingRule")
        self.rule.setWordWrap(True)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Training compliance"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        self.lists = TrainingListsPanel(ctx, today, self)
        self.lists.open_cadre.connect(self.open_cadre)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.lists)
        split.setChildrenCollapsible(False)
        split.setSizes([500, 260])
        layout.addWidget(split, 1)
        layout.addWidget(self.rule)
        self._units_loaded = False

    def _load_units(self) -> None:
        every_unit = [(u.name, u.id) for u in units.list_units(self.ctx)]
        refill(self.unit, [(self.tr("All units"), None), *every_unit])
        self._units_loaded = True

    def refresh(self) -> None:
        if not self._units_loaded:
            self._load_units()
        rows = compliance.compliance(self.ctx, self.year.value(), self.unit.currentData())
        short = [r for r in rows if not r.result.met]
        self.model.set_rows(short if self.only_short.isChecked() else rows)
        self.summary.setText(
            self.tr("%1 cadres, %2 short of the requirement.")
            .replace("%1", str(len(rows)))
            .replace("%2", str(len(short)))
        )
        self.rule.setText(
            self.tr("Rule table: %1").replace("%1", compliance.compliance_rules(self.ctx).describe())
        )
        self.lists.set_filters(self.year.value(), self.unit.currentData())

    def export_to(self, path: Path) -> int:
        """Write the rows shown to `path` (.xlsx)."""
        from cadre_desk.transfer.training_xlsx import export_compliance

        return export_compliance(self.ctx, path, list(self.model.rows))

    def export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export"), f"培训学时{self.year.value()}.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if not name:
            return
        path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        try:
            count = self.export_to(path)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        QMessageBox.information(
            self,
            self.tr("Export"),
            self.tr("Exported %1 rows to %2").replace("%1", str(count)).replace("%2", str(path)),
        )

    def import_class_list(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import class list"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> int:
        """Preview `path`; if the user confirms, write it. Returns the records written."""
        from cadre_desk.transfer import training_import

        try:
            plan = training_import.plan_training_import(self.ctx, path)
            # the restore point is copied while the user reads the preview (services.restore_point)
            writes = not plan.problems and plan.new > 0
            confirmed = ask_with_restore_point(
                self, self.ctx, "training", writes, lambda: TrainingImportPreview.ask(self, plan) or None
            )
            if confirmed is None:
                return 0
            result = training_import.apply_training_import(self.ctx, plan)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not imported"), str(exc))
            return 0
        self.refresh()
        self.records_changed.emit(Changes(cadres=True, cadre_ids=frozenset(result.cadre_ids)))
        return result.created

    def _open(self, index: QModelIndex) -> None:
        cadre_id = self.model.index(index.row(), 0).data(ID_ROLE)
        if cadre_id is not None:
            self.open_record.emit("cadre", int(cadre_id))
