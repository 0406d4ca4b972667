"""Table models of the structure page: the figures (with shares), the targets (应配 / 实配 / 缺配 with a
colour and its word) and the 缺口. Each row keeps the ids of the cadres behind it (IDS_ROLE)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cadre_desk.domain import structure as rules_of
from cadre_desk.services.structure import Figures, Gap, StructureReport, TargetRow
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.tables import ListModel, RowsModel

Index = QModelIndex | QPersistentModelIndex
IDS_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {
    rules_of.GREEN: QColor("#c6efce"),
    rules_of.YELLOW: QColor("#ffeb9c"),
    rules_of.RED: QColor("#ffc7ce"),
}


def colour_word(colour: str) -> str:
    words = {
        rules_of.GREEN: QCoreApplication.translate("Structure", "Met"),
        rules_of.YELLOW: QCoreApplication.translate("Structure", "Close"),
        rules_of.RED: QCoreApplication.translate("Structure", "Short"),
    }
    return words[colour]


def share(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%" if whole else "—"


@dataclass(frozen=True)
class FigureRow:
    group: str
    item: str
    count: int
    share: str
    ids: tuple[int, ...]


def figure_rows(report: StructureReport) -> list[FigureRow]:
    """Every figure of the report in the order the page lists them, with translated group names."""

    f: Figures = report.figures
    total = f.members.count
    rows = [
        FigureRow(
            QCoreApplication.translate("Structure", "Members"),
            QCoreApplication.translate("Structure", "Total"),
            total,
            "",
            f.members.ids,
        ),
        FigureRow(
            QCoreApplication.translate("Structure", "Posts (职数)"),
            QCoreApplication.translate("Structure", "Approved"),
            report.slots,
            "",
            (),
        ),
        FigureRow(
            QCoreApplication.translate("Structure", "Posts (职数)"),
            QCoreApplication.translate("Structure", "Filled"),
            report.filled_posts,
            "",
            report.filled.ids,
        ),
        FigureRow(
            QCoreApplication.translate("Structure", "Posts (职数)"),
            QCoreApplication.translate("Structure", "Vacant"),
            report.vacant,
            "",
            (),
        ),
    ]

    def add(group: str, items: dict[str, Any]) -> None:
        for key, fig in items.items():
            rows.append(FigureRow(group, code_text(key), fig.count, share(fig.count, total), fig.ids))

    add(QCoreApplication.translate("Structure", "Age"), f.age_bands)
    avg = "" if f.average_age is None else f"{f.average_age:.1f}"
    rows.append(
        FigureRow(
            QCoreApplication.translate("Structure", "Age"),
            QCoreApplication.translate("Structure", "Average age"),
            0,
            avg,
            f.members.ids,
        )
    )
    add(QCoreApplication.translate("Structure", "Gender"), f.gender)
    add(QCoreApplication.translate("Structure", "Ethnicity"), f.ethnicity)
    add(
        QCoreApplication.translate("Structure", "Ethnicity"),
        {QCoreApplication.translate("Structure", "Minorities"): f.minority},
    )
    add(QCoreApplication.translate("Structure", "Political status"), f.political)
    add(
        QCoreApplication.translate("Structure", "Political status"),
        {QCoreApplication.translate("Structure", "Outside the Party (民主党派 + 无党派)"): f.party_outside},
    )
    add(QCoreApplication.translate("Structure", "Full-time education"), f.education_full_time)
    add(QCoreApplication.translate("Structure", "Highest education"), f.education_highest)
    add(
        QCoreApplication.translate("Structure", "Post level"),
        {code_text("正职"): f.chiefs, code_text("副职"): f.deputies},
    )
    add(
        QCoreApplication.translate("Structure", "Retirement"),
        {QCoreApplication.translate("Structure", "Within three years"): f.retiring_within_3y},
    )
    add(QCoreApplication.translate("Structure", "Four kinds of cadres"), f.four_kinds)
    return rows


class FiguresModel(RowsModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__([self.tr("Group"), self.tr("Item"), self.tr("Number"), self.tr("Share")], parent)
        self._rows: list[FigureRow] = []

    def set_report(self, report: StructureReport) -> None:
        self.beginResetModel()
        self._rows = figure_rows(report)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = "" if r.item == self.tr("Average age") else str(r.count)
            return (r.group, r.item, count, r.share)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == IDS_ROLE:
            return r.ids
        if role == Qt.ItemDataRole.ToolTipRole and r.ids:
            return self.tr("Double-click to list these cadres")
        return None


class TargetsModel(ListModel[TargetRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Target"),
                self.tr("Scope"),
                self.tr("Requirement"),
                self.tr("Required"),
                self.tr("Actual"),
                self.tr("Gap"),
                self.tr("State"),
            ],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        t = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (t.name, t.scope, t.requirement, t.required, t.actual, t.gap, colour_word(t.colour))
            return str(values[index.column()])
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 6:
            return COLOURS[t.colour]
        if role == Qt.ItemDataRole.ToolTipRole:
            return t.source
        if role == IDS_ROLE:
            return t.ids
        return None


class GapsModel(ListModel[tuple[Gap, tuple[int, ...]]]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [self.tr("Unit"), self.tr("Target"), self.tr("Required"), self.tr("Actual"), self.tr("Gap")],
            parent,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        g, ids = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str((g.unit_name, g.target_name, g.required, g.actual, g.gap)[index.column()])
        if role == IDS_ROLE:
            return ids  # the team's members
        return None
