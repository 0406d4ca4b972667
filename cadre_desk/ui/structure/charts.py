"""The charts of the structure page (QtCharts): the age pyramid by gender, education and party bars,
and the team-by-team heat table of targets (a colour always with its word). A click on a bar or a cell
asks for the cadres behind it (`on_pick(title, ids)`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QTableWidget, QTableWidgetItem, QWidget

from cadre_desk.domain.structure import AGE_BANDS
from cadre_desk.services.structure import Figure, StructureReport
from cadre_desk.ui.structure.models import COLOURS, colour_word
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.weak import weak_method, weak_slot

Pick = Callable[[str, tuple[int, ...]], None]
MALE_COLOUR, FEMALE_COLOUR = QColor("#4472c4"), QColor("#e26b8a")
SERIES_COLOURS = (QColor("#4472c4"), QColor("#ed7d31"), QColor("#70ad47"), QColor("#a5a5a5"))


def _style(chart: QChart) -> None:
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)


def _max_axis(maximum: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(4, maximum) * 1.15)
    axis.setLabelFormat("%d")
    axis.setTickCount(5)
    axis.applyNiceNumbers()
    return axis


def _bar_set(label: str, values: Sequence[int], colour: QColor) -> QBarSet:
    bar = QBarSet(label)
    bar.append([float(v) for v in values])
    bar.setColor(colour)
    bar.setLabelColor(QColor("#000000"))
    return bar


def set_chart(view: QChartView, chart: QChart) -> None:
    """Show `chart` in `view` (created once), deleting the chart it showed before."""
    old = view.chart()
    _style(chart)
    view.setChart(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    if old is not None:
        old.deleteLater()


class AgePyramid(QWidget):
    """Men to the left (reversed axis), women to the right, the bands ≤35 … ≥56 from the bottom."""

    def __init__(self, on_pick: Pick, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agePyramid")
        self.on_pick = weak_method(on_pick)  # a method of the page: no cycle through this child
        self.sets: list[QBarSet] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.views = [QChartView(self), QChartView(self)]
        for view, name in zip(self.views, ("pyramidMale", "pyramidFemale"), strict=True):
            view.setObjectName(name)
            layout.addWidget(view)

    def set_figures(self, pyramid: dict[str, dict[str, Figure]]) -> None:
        self.sets = []
        top = max((f.count for band in pyramid.values() for f in band.values()), default=0)
        for view, (gender, colour, reverse) in zip(
            self.views, (("男", MALE_COLOUR, True), ("女", FEMALE_COLOUR, False)), strict=True
        ):
            counts = [pyramid[b][gender].count for b in AGE_BANDS]
            bar = _bar_set(code_text(gender), counts, colour)
            bar.clicked.connect(weak_slot(self._picked, pyramid, gender, signal_args=True))
            series = QHorizontalBarSeries()
            series.append(bar)
            series.setLabelsVisible(True)
            series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
            chart = QChart()
            chart.addSeries(series)
            chart.setTitle(
                QCoreApplication.translate("Structure", "Age pyramid: %1").replace("%1", code_text(gender))
            )
            values = _max_axis(top)
            values.setReverse(reverse)
            bands = QBarCategoryAxis()
            bands.append(list(AGE_BANDS))
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(bands, Qt.AlignmentFlag.AlignRight if reverse else Qt.AlignmentFlag.AlignLeft)
            series.attachAxis(values)
            series.attachAxis(bands)
            set_chart(view, chart)
            self.sets.append(bar)

    def _picked(self, pyramid: dict[str, dict[str, Figure]], gender: str, index: int) -> None:
        band = AGE_BANDS[index]
        self.on_pick(f"{code_text(gender)} {band}", pyramid[band][gender].ids)


def bars(
    title: str,
    categories: Sequence[str],
    groups: Sequence[tuple[str, dict[str, Figure]]],
    on_pick: Pick,
) -> QChart:
    """Vertical bars: one set per group (e.g. 全日制 and 最高), over the categories."""
    on_pick = weak_method(on_pick)  # the connections below hold it: not the page it belongs to
    series = QBarSeries()
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    top = 0
    for n, (label, figures) in enumerate(groups):
        counts = [figures[c].count for c in categories]
        top = max([top, *counts])
        bar = _bar_set(label, counts, SERIES_COLOURS[n % len(SERIES_COLOURS)])
        bar.clicked.connect(
            lambda i, lb=label, f=figures: on_pick(f"{lb} {code_text(categories[i])}", f[categories[i]].ids)
        )
        series.append(bar)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(title)
    axis = QBarCategoryAxis()
    axis.append([code_text(c) for c in categories])
    values = _max_axis(top)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    series.attachAxis(values)
    chart.legend().setVisible(len(groups) > 1)
    return chart


class HeatTable(QTableWidget):
    """Rows: the 班子 of the scope; columns: 职数 and the targets; each cell the word, actual/required and
    its colour. Double-click: the cadres counted (or the team's members)."""

    def __init__(self, on_pick: Pick, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatTable")
        self.on_pick = weak_method(on_pick)  # a method of the page: no cycle through this child
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cellDoubleClicked.connect(self._picked)
        self._ids: dict[tuple[int, int], tuple[str, tuple[int, ...]]] = {}

    def set_report(self, report: StructureReport) -> None:
        targets = list(report.targets)
        self.clear()
        self._ids = {}
        headers = [
            QCoreApplication.translate("Structure", "Posts approved / filled / vacant"),
            *[t.name for t in targets],
        ]
        self.setColumnCount(len(headers))
        self.setRowCount(len(report.teams))
        self.setHorizontalHeaderLabels(headers)
        self.setVerticalHeaderLabels([t.unit_name for t in report.teams])
        for row, team in enumerate(report.teams):
            item = QTableWidgetItem(f"{team.slots} / {team.filled} / {team.vacant}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setItem(row, 0, item)
            self._ids[(row, 0)] = (team.unit_name, team.members)
            for col, t in enumerate(targets, start=1):
                cell = team.cells.get(t.target_id)
                if cell is None:
                    continue
                item = QTableWidgetItem(f"{colour_word(cell.colour)} {cell.actual}/{cell.required}")
                item.setBackground(COLOURS[cell.colour])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(t.source)
                self.setItem(row, col, item)
                self._ids[(row, col)] = (f"{team.unit_name} {t.name}", cell.ids)
        self.resizeColumnsToContents()

    def _picked(self, row: int, column: int) -> None:
        found = self._ids.get((row, column))
        if found is not None:
            self.on_pick(*found)
