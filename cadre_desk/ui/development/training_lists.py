"""The two registers under the 培训学时 list: newly promoted cadres who must complete the training of their
level within a year of 提任 (with the deadline, overdue in red), and the 青干班 participants; each with its
Excel export. The page's year and unit filter them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import training_lists
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import ListModel, setup_list_table, size_columns
from cadre_desk.ui.widgets.working_date import WorkingDate

Index = QModelIndex | QPersistentModelIndex
PROMOTED, YOUTH = "promoted", "youth"


class PromotedModel(ListModel[training_lists.PromotedRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"), self.tr("Unit"), self.tr("Post"), self.tr("Level"), self.tr("In post since"),
                self.tr("Deadline"), self.tr("Required"), self.tr("Done since"), self.tr("State"),
            ],
            parent,
        )  # fmt: skip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.name, r.unit, r.post, r.level, str(r.promoted), format_date(r.deadline),
                f"{r.required_hours:g}学时/{r.required_days:g}天", f"{r.done_hours:g}学时/{r.done_days:g}天",
                r.state,
            )[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ForegroundRole and r.state == training_lists.OVERDUE:
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class YouthModel(ListModel[training_lists.YouthClassRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [self.tr("Name"), self.tr("Unit"), self.tr("Post"), self.tr("Class"), self.tr("Organiser"),
             self.tr("From"), self.tr("To"), self.tr("Hours")],
            parent,
        )  # fmt: skip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.name, r.unit, r.post, r.course, r.organiser, format_date(r.start), format_date(r.end),
                f"{r.hours:g}",
            )[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.UserRole:
            return r.cadre_id
        return None


class TrainingListsPanel(WorkingDate, QWidget):
    open_cadre = Signal(int)

    def __init__(self, ctx: ServiceContext, today: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._year: int | None = None
        self._unit: int | None = None
        self.which = QComboBox(self)
        self.which.setObjectName("trainingListChoice")
        self.which.addItem(self.tr("Newly promoted: to complete within a year"), PROMOTED)
        self.which.addItem(self.tr("青干班 participants of the year"), YOUTH)
        self.which.currentIndexChanged.connect(self.reload)
        self.export_button = QPushButton(self.tr("Export this list…"), self)
        self.export_button.setObjectName("trainingListExport")
        self.export_button.clicked.connect(self.export)
        guard(ctx, Act.OUTPUT, self.export_button)
        self.summary = QLabel(self)
        self.summary.setObjectName("trainingListSummary")
        self.promoted = PromotedModel(self)
        self.youth = YouthModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("trainingListTable")
        setup_list_table(self.table)
        self.table.doubleClicked.connect(self._open)
        bar = QHBoxLayout()
        bar.addWidget(self.which)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def set_filters(self, year: int, unit_id: int | None) -> None:
        self._year, self._unit = year, unit_id
        self.reload()

    def model(self) -> PromotedModel | YouthModel:
        return self.promoted if self.which.currentData() == PROMOTED else self.youth

    def reload(self) -> None:
        if self.which.currentData() == PROMOTED:
            at = self.today if self._year in (None, self.today.year) else dt.date(self._year or 0, 12, 31)
            rows = training_lists.newly_promoted(self.ctx, at, self._unit)
            self.promoted.set_rows(rows)
            overdue = sum(1 for r in rows if r.state == training_lists.OVERDUE)
            self.summary.setText(
                self.tr("%1 promoted in the two years before %2; %3 overdue.")
                .replace("%1", str(len(rows))).replace("%2", format_date(at)).replace("%3", str(overdue))
            )  # fmt: skip
            widths: tuple[int, ...] = (5, 14, 12, 4, 5, 6, 8, 8, 5)
        else:
            youth = training_lists.youth_class(self.ctx, self._year, self._unit)
            self.youth.set_rows(youth)
            self.summary.setText(self.tr("%1 participants.").replace("%1", str(len(youth))))
            widths = (5, 14, 12, 14, 9, 6, 6, 3)
        model = self.model()
        if self.table.model() is not model:
            self.table.setModel(model)
            size_columns(self.table, model._headers, widths)

    def export_to(self, path: Path) -> int:
        from cadre_desk.transfer import training_xlsx

        if self.which.currentData() == PROMOTED:
            return training_xlsx.export_promoted(self.ctx, path, self.promoted.rows)
        return training_xlsx.export_youth_class(self.ctx, path, self.youth.rows)

    def export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export this list"),
            f"{self.which.currentText()}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not name:
            return
        try:
            self.export_to(Path(name if name.lower().endswith(".xlsx") else f"{name}.xlsx"))
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Not exported"), str(exc))

    def _open(self, index: QModelIndex) -> None:
        cadre_id = self.table.model().index(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        if cadre_id is not None:
            self.open_cadre.emit(int(cadre_id))
