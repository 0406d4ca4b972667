"""到龄 page: who reaches retirement 本月 / 下月 / 本年度 / 半年内 / 三年内 (and who is past it) by unit, at a
reference date, plus the 退出领导岗位 warnings from the local exit ages (rule table, with their source)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.yearmonth import YearMonth
from cadre_desk.services import retirement, rules, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.choices import refill
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.tables import ListModel, setup_list_table, size_columns
from cadre_desk.ui.widgets.weak import weak_slot

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RetirementModel(ListModel[retirement.RetirementRow]):
    """Rows of `retirement.RetirementRow`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"),
                self.tr("Gender"),
                self.tr("Born"),
                self.tr("Unit"),
                self.tr("Post"),
                self.tr("Original age"),
                self.tr("Retirement month"),
                self.tr("Age then"),
                self.tr("Source"),
                self.tr("Months left"),
            ],
            parent,
        )

    def row_at(self, row: int) -> retirement.RetirementRow:
        return self._rows[row]

    def _text(self, r: retirement.RetirementRow, column: int) -> str:
        values = (
            r.name,
            code_text(r.gender),
            str(r.birth),
            r.unit,
            r.post,
            str(r.info.original_age),
            str(r.info.month),
            r.info.age_label,
            self.tr("Manual") if r.info.source == retirement.MANUAL else self.tr("Computed"),
            str(r.months_left),
        )
        return values[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and r.info.reason:
            return r.info.reason
        if role == ID_ROLE:
            return r.id
        return None


class ExitModel(ListModel[retirement.ExitWarning]):
    """Rows of `retirement.ExitWarning`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"),
                self.tr("Unit"),
                self.tr("Team post"),
                self.tr("Level"),
                self.tr("Exit age"),
                self.tr("Exit month"),
                self.tr("Months left"),
            ],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        w = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                w.name,
                w.unit,
                w.post,
                code_text(w.level),
                str(w.exit_age),
                str(w.exit_month),
                str(w.months_left),
            )
            return values[index.column()]
        if role == ID_ROLE:
            return w.id
        return None


class RetirementPage(Page):
    """The 到龄 register."""

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        self._all: list[retirement.RetirementRow] = []

        self.date = QDateEdit(self)
        self.date.setObjectName("retirementDate")
        self.date.setDisplayFormat("yyyy.MM.dd")
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate(self.today.year, self.today.month, self.today.day))
        self.date.dateChanged.connect(self.refresh)
        self.unit = QComboBox(self)
        self.unit.setObjectName("retirementUnit")
        self.unit.setMinimumContentsLength(16)
        self.unit.currentIndexChanged.connect(self.refresh)
        self.bucket = QComboBox(self)
        self.bucket.setObjectName("retirementBucket")
        for code in retirement.BUCKETS:
            self.bucket.addItem("", code)
        self.bucket.setCurrentIndex(retirement.BUCKETS.index(retirement.THIS_YEAR))
        self.bucket.currentIndexChanged.connect(self._filter)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Reference date"), self))
        bar.addWidget(self.date)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Unit"), self))
        bar.addWidget(self.unit)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("List"), self))
        bar.addWidget(self.bucket)
        bar.addStretch(1)

        self.model = RetirementModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("retirementTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        size_columns(self.table, self.model._headers, (6, 3, 5, 14, 16, 4, 6, 7, 4, 4))
        self.table.doubleClicked.connect(weak_slot(self._open, self.table, signal_args=True))
        self.summary = QLabel(self)
        self.summary.setObjectName("retirementSummary")
        self.summary.setWordWrap(True)

        self.exits = ExitModel(self)
        self.exit_table = QTableView(self)
        self.exit_table.setObjectName("exitTable")
        self.exit_table.setModel(self.exits)
        setup_list_table(self.exit_table)
        size_columns(self.exit_table, self.exits._headers, (6, 14, 10, 3, 4, 5, 4))
        self.exit_table.doubleClicked.connect(weak_slot(self._open, self.exit_table, signal_args=True))
        self.exit_rule = QLabel(self)
        self.exit_rule.setObjectName("exitRule")
        self.exit_rule.setWordWrap(True)
        exit_box = QGroupBox(self.tr("Leaving leadership posts (local exit ages)"), self)
        exit_layout = QVBoxLayout(exit_box)
        exit_layout.addWidget(self.exit_rule)
        exit_layout.addWidget(self.exit_table)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.table)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(exit_box)
        split.setChildrenCollapsible(False)
        split.setSizes([500, 250])

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Retirement months (2025 reform)"), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._units_loaded = False

    def reference(self) -> YearMonth:
        d = self.date.date()
        return YearMonth(d.year(), d.month())

    def _load_units(self) -> None:
        every_unit = [(u.name, u.id) for u in units.list_units(self.ctx)]
        refill(self.unit, [(self.tr("All units"), None), *every_unit])
        self._units_loaded = True

    def refresh(self) -> None:
        if not self._units_loaded:
            self._load_units()
        at = self.reference()
        unit_id = self.unit.currentData()
        self._all = retirement.all_rows(self.ctx, at, unit_id)
        counts = retirement.bucket_counts(self._all, at)
        labels = {
            retirement.THIS_MONTH: self.tr("This month"),
            retirement.NEXT_MONTH: self.tr("Next month"),
            retirement.THIS_YEAR: self.tr("This year"),
            retirement.HALF_YEAR: self.tr("Within six months"),
            retirement.THREE_YEARS: self.tr("Within three years"),
            retirement.OVERDUE: self.tr("Past the month, still on the roster"),
        }
        for i, code in enumerate(retirement.BUCKETS):
            self.bucket.setItemText(
                i, self.tr("%1 (%2)").replace("%1", labels[code]).replace("%2", str(counts[code]))
            )
        self.exits.set_rows(retirement.exit_warnings(self.ctx, at, unit_id))
        ages = {r.key: r for r in rules.list_rules(self.ctx, rules.LEADERSHIP_EXIT)}
        parts = [f"{r.label}：{r.value:g}" for r in ages.values()]
        sources = "；".join(dict.fromkeys(r.source for r in ages.values()))
        self.exit_rule.setText(
            self.tr("Rule table: %1. Source: %2").replace("%1", "，".join(parts)).replace("%2", sources)
        )
        self._filter()

    def _filter(self) -> None:
        code = self.bucket.currentData()
        at = self.reference()
        rows = [r for r in self._all if retirement.in_bucket(r, code, at)] if code else list(self._all)
        self.model.set_rows(rows)
        self.summary.setText(
            self.tr(
                "%1 cadres; retirement months by the 2025 formula unless set by hand (hover for the reason)."
            ).replace("%1", str(len(rows)))
        )

    def _open(self, table: QTableView, index: QModelIndex) -> None:
        cadre_id = table.model().index(index.row(), 0).data(ID_ROLE)
        if cadre_id is not None:
            self.open_record.emit("cadre", int(cadre_id))
