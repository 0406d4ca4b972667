"""工作台 (home): what needs attention today, in four short lists (and 待核实: imported cadres with
problems to verify, while there are any); each item opens its record.

The lists come from `services.worktable.load` (limited, indexed queries), fetched again each time the
page is shown. Follow-ups can be ticked off here (`services.talks.mark_follow_up_done`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from cadre_desk.domain.obligations import ObligationState
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import obligations, talks, worktable
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.jobs.workers import Job, run_in_background
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.record_kinds import action_label, kind_label
from cadre_desk.ui.widgets.tables import ListModel
from cadre_desk.ui.widgets.weak import weak_slot

Index = QModelIndex | QPersistentModelIndex
URGENT = QColor("#b3261e")
OWED_SHOWN = 50  # 工作台 shows the most urgent owed talks; the 应谈 view lists them all
STRETCH_MIN_CHARS = 10  # the title or action column keeps room for this many characters


@dataclass(frozen=True)
class HomeRow:
    """One line of a home list: its cells and the record it opens."""

    cells: tuple[str, ...]
    kind: str
    record_id: int
    urgent: bool = False  # overdue: drawn in red
    follow_up_id: int | None = None


class HomeListModel(ListModel[HomeRow]):
    """A thin table model over `HomeRow`s."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(headers, parent)

    def row_at(self, row: int) -> HomeRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells[index.column()] if index.column() < len(row.cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole and row.urgent:
            return QBrush(URGENT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None


class HomeList(QTableView):
    """A compact read-only list: Enter or a double click opens the selected item's record."""

    activated_row = Signal(int)

    def __init__(
        self, model: HomeListModel, name: str, stretch_column: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        vheader = self.verticalHeader()
        vheader.setVisible(False)
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        self._stretch = stretch_column
        self._fitted = False
        model.modelReset.connect(self._fit_once)
        self.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.activated_row.emit(index.row())

    def _fit_once(self) -> None:
        """Column widths from the header and the rows, measured once (not on every refresh)."""
        model = self.model()
        if self._fitted or model.rowCount() == 0:
            return
        metrics, header = self.fontMetrics(), self.horizontalHeader()
        for column in range(model.columnCount()):
            if column == self._stretch:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = header.fontMetrics().horizontalAdvance(title) + 20
            for row in range(model.rowCount()):
                text = str(model.index(row, column).data() or "")
                widest = max(widest, metrics.horizontalAdvance(text) + 14)
            self.setColumnWidth(column, min(widest, metrics.horizontalAdvance("汉") * 14))
        self._fitted = True
        self._keep_stretch_readable()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_stretch_readable()

    def _keep_stretch_readable(self) -> None:
        """The stretching column (the title or the action) never shrinks below a readable width:
        on a narrow window the table scrolls sideways instead."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != self._stretch)
        least = self.fontMetrics().horizontalAdvance("汉") * STRETCH_MIN_CHARS
        mode = header.sectionResizeMode(self._stretch)
        if self.viewport().width() - others < least:
            if mode != QHeaderView.ResizeMode.Interactive:
                header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(self._stretch, least)
        elif mode != QHeaderView.ResizeMode.Stretch:
            header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)

    def current_row(self) -> int:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_row() >= 0:
            self.activated_row.emit(self.current_row())
            return
        super().keyPressEvent(event)


def _day(value: dt.date) -> str:
    return f"{value:%Y.%m.%d}"


class HomePage(Page):
    changed = Signal()  # a follow-up was ticked off here
    loaded = Signal()  # the lists show fresh data

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self._ctx = ctx
        self._today = today
        self.table: worktable.Worktable | None = None
        self._job: Job | None = None
        self._again = False

        self.title = QLabel(self)
        self.title.setObjectName("homeTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)

        self.pending_model = HomeListModel(
            [self.tr("Date"), self.tr("Mentee"), self.tr("Mentor"), self.tr("Title"), self.tr("Waiting")],
            self,
        )
        self.follow_model = HomeListModel(
            [self.tr("Due"), self.tr("Action"), self.tr("Owner"), self.tr("Talk"), self.tr("Status")], self
        )
        self.ending_model = HomeListModel(
            [self.tr("Term ends"), self.tr("Mentor"), self.tr("Mentee"), self.tr("Status")], self
        )
        self.recent_model = HomeListModel(
            [self.tr("Time"), self.tr("Operator"), self.tr("Action"), self.tr("Record")], self
        )
        self.verify_model = HomeListModel(
            [self.tr("Cadre"), self.tr("Unit"), self.tr("Problems"), self.tr("First problem")], self
        )
        self.owed_model = HomeListModel(
            [
                self.tr("Due"),
                self.tr("Cadre"),
                self.tr("Unit"),
                self.tr("Rule"),
                self.tr("Event"),
                self.tr("Talker"),
                self.tr("Status"),
            ],
            self,
        )
        self.pending_list = HomeList(self.pending_model, "pendingComments", 3, self)
        self.follow_list = HomeList(self.follow_model, "dueFollowUps", 1, self)
        self.ending_list = HomeList(self.ending_model, "endingPairings", 3, self)
        self.recent_list = HomeList(self.recent_model, "recentChanges", 3, self)
        self.verify_list = HomeList(self.verify_model, "cadresToVerify", 3, self)
        self.owed_list = HomeList(self.owed_model, "owedTalks", 4, self)
        self.owed_heading = QLabel(self)
        self.owed_heading.setObjectName("owedHeading")
        self.pool_model = HomeListModel(
            [self.tr("Cadre"), self.tr("Pool"), self.tr("State"), self.tr("To review")], self
        )
        self.pool_list = HomeList(self.pool_model, "poolFlags", 3, self)
        self.pool_heading = QLabel(self)
        self.pool_heading.setObjectName("poolFlagsHeading")
        self.measures_model = HomeListModel(
            [
                self.tr("Deadline"),
                self.tr("Correction measure"),
                self.tr("Owner"),
                self.tr("Case"),
                self.tr("Status"),
            ],
            self,
        )
        self.measures_list = HomeList(self.measures_model, "toleranceMeasures", 1, self)
        self.measures_heading = QLabel(self)
        self.measures_heading.setObjectName("toleranceMeasuresHeading")
        self.verify_heading = QLabel(self)
        self.verify_heading.setObjectName("toVerifyHeading")
        self.pending_heading = QLabel(self)
        self.follow_heading = QLabel(self)
        self.ending_heading = QLabel(self)
        self.recent_heading = QLabel(self)

        self.done_button = QPushButton(self.tr("&Mark done"), self)
        self.done_button.setObjectName("markDone")
        self.done_button.setToolTip(self.tr("Tick off the selected follow-up as done today"))
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_selected_done)
        guard(ctx, Act.WRITE, self.done_button)
        self.follow_list.selectionModel().selectionChanged.connect(self._follow_selected)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addLayout(self._section(self.pending_heading, self.pending_list), 0, 0)
        follow_head = QHBoxLayout()
        follow_head.addWidget(self.follow_heading, 1)
        follow_head.addWidget(self.done_button)
        grid.addLayout(self._section(follow_head, self.follow_list), 0, 1)
        grid.addLayout(self._section(self.ending_heading, self.ending_list), 1, 0)
        grid.addLayout(self._section(self.recent_heading, self.recent_list), 1, 1)
        # 应谈未谈 (三必谈): the talks owed, the most urgent first, overdue in red with the word 逾期.
        grid.addLayout(self._section(self.owed_heading, self.owed_list), 3, 0, 1, 2)
        grid.setRowStretch(3, 2)
        # 待核实: shown only while imported cadres carry problems to verify.
        grid.addLayout(self._section(self.verify_heading, self.verify_list), 2, 0, 1, 2)
        self.verify_heading.hide()
        self.verify_list.hide()
        # 后备干部库: shown only while pool entries carry review flags.
        grid.addLayout(self._section(self.pool_heading, self.pool_list), 4, 0, 1, 2)
        self.pool_heading.hide()
        self.pool_list.hide()
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 1)
        grid.setRowStretch(4, 1)
        # 容错纠错: correction measures with deadlines, shown while any are due or overdue.
        grid.addLayout(self._section(self.measures_heading, self.measures_list), 5, 0, 1, 2)
        self.measures_heading.hide()
        self.measures_list.hide()
        grid.setRowStretch(5, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(grid, 1)

        for view, model in (
            (self.pending_list, self.pending_model),
            (self.follow_list, self.follow_model),
            (self.ending_list, self.ending_model),
            (self.recent_list, self.recent_model),
            (self.verify_list, self.verify_model),
            (self.owed_list, self.owed_model),
            (self.pool_list, self.pool_model),
            (self.measures_list, self.measures_model),
        ):
            view.activated_row.connect(weak_slot(self._open, model, signal_args=True))

    def _follow_selected(self) -> None:
        self.done_button.setEnabled(self.follow_list.current_row() >= 0)

    @staticmethod
    def _section(heading: QWidget | QHBoxLayout, view: QWidget) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(4)
        if isinstance(heading, QHBoxLayout):
            box.addLayout(heading)
        else:
            heading.setStyleSheet("font-weight: bold;")
            box.addWidget(heading)
        box.addWidget(view, 1)
        return box

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # --- data ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the lists again in the background (the page stays usable meanwhile); `loaded` follows."""
        if self._job is not None and self._job.running:
            self._again = True  # something changed while loading: load once more afterwards
            return
        ctx, today = self._ctx, self.today()
        self._again = False
        self._job = run_in_background(
            lambda _progress: worktable.load(ctx, today), self._loaded, self._load_failed
        )

    def reload_now(self) -> None:
        """Fetch and show the lists at once (after an action here, and in tests)."""
        self.show_table(worktable.load(self._ctx, self.today()))

    def _loaded(self, table: object) -> None:
        if not isValid(self):  # the window closed while loading
            return
        if isinstance(table, worktable.Worktable):
            self.show_table(table)
        if self._again:
            self.refresh()

    def _load_failed(self, exc: Exception) -> None:
        if isValid(self) and isinstance(exc, CadreDeskError):
            self.title.setText(self.tr("The worktable could not be loaded: {error}").format(error=exc))

    def show_table(self, table: worktable.Worktable) -> None:
        self.table = table
        self.title.setText(self.tr("Needs attention today, {date}").format(date=_day(table.today)))
        self.follow_heading.setStyleSheet("font-weight: bold;")
        self._fill(
            self.pending_heading,
            self.tr("Diary entries waiting for a comment ({count})"),
            table.pending_comments_total,
            self.pending_model,
            [
                HomeRow(
                    (
                        _day(p.date),
                        p.mentee,
                        p.mentor,
                        p.title,
                        self.tr("%n day(s)", "", p.waiting_days),
                    ),
                    "diary",
                    p.entry_id,
                )
                for p in table.pending_comments
            ],
        )
        self._fill(
            self.follow_heading,
            self.tr("Talk follow-ups due within 7 days or overdue ({count})"),
            table.follow_ups_total,
            self.follow_model,
            [
                HomeRow(
                    (
                        _day(f.due_date),
                        f.action,
                        f.owner,
                        f"{f.talk_kind}：{f.subjects}" if f.subjects else f.talk_kind,
                        self._days_text(f.days_left),
                    ),
                    "talk",
                    f.talk_id,
                    urgent=f.days_left < 0,
                    follow_up_id=f.follow_up_id,
                )
                for f in table.follow_ups
            ],
        )
        self._fill(
            self.ending_heading,
            self.tr("Pairings whose term ends within 30 days ({count})"),
            table.ending_pairings_total,
            self.ending_model,
            [
                HomeRow(
                    (_day(p.term_end), p.mentor, p.mentee, self._days_text(p.days_left)),
                    "mentorship",
                    p.mentorship_id,
                    urgent=p.days_left < 0,
                )
                for p in table.ending_pairings
            ],
        )
        self._fill(
            self.recent_heading,
            self.tr("Recently changed records ({count})"),
            len(table.recent),
            self.recent_model,
            [
                HomeRow(
                    (
                        c.at.astimezone().strftime("%m-%d %H:%M"),
                        c.operator,
                        action_label(c.action),
                        f"{kind_label(c.kind)} {c.summary}".strip(),
                    ),
                    c.kind,
                    c.record_id,
                )
                for c in table.recent
            ],
        )
        self._fill(
            self.verify_heading,
            self.tr("Imported cadres with problems to verify (待核实) ({count})"),
            table.to_verify_total,
            self.verify_model,
            [
                HomeRow((c.name, c.unit, str(c.problems), c.first), "cadre", c.cadre_id, urgent=True)
                for c in table.to_verify
            ],
        )
        self.verify_heading.setVisible(table.to_verify_total > 0)
        self.verify_list.setVisible(table.to_verify_total > 0)
        self._fill_owed()
        self._fill(
            self.pool_heading,
            self.tr("Pool entries to review: past the age cap, below 称职, a 处分, a red 晴雨表 ({count})"),
            table.pool_flags_total,
            self.pool_model,
            [
                HomeRow(
                    (
                        r.name,
                        r.pool,
                        code_text(r.state),
                        "；".join(f"{code_text(f.flag)}：{f.detail}" for f in r.flags),
                    ),
                    "pool_entry",
                    r.id,
                    urgent=True,
                )
                for r in table.pool_flags
            ],
        )
        self.pool_heading.setVisible(table.pool_flags_total > 0)
        self.pool_list.setVisible(table.pool_flags_total > 0)
        self._fill(
            self.measures_heading,
            self.tr("Fault-tolerance correction measures due within 30 days or overdue ({count})"),
            table.measures_total,
            self.measures_model,
            [
                HomeRow(
                    (
                        _day(m.due_date) if m.due_date else "",
                        m.action,
                        m.owner,
                        f"{m.number} {m.cadre_name}",
                        self._days_text((m.due_date - table.today).days) if m.due_date else "",
                    ),
                    "tolerance_case",
                    m.case_id,
                    urgent=m.due_date is not None and m.due_date < table.today,
                )
                for m in table.measures
            ],
        )
        self.measures_heading.setVisible(table.measures_total > 0)
        self.measures_list.setVisible(table.measures_total > 0)
        self.done_button.setEnabled(False)
        self.loaded.emit()

    def _fill_owed(self) -> None:
        """应谈未谈: the first owed talks by due date (an indexed query of a few rows)."""
        today = self.today()
        total, late = obligations.open_counts(self._ctx, today)
        rows = obligations.list_obligations(
            self._ctx, states=[ObligationState.PENDING], today=today, limit=OWED_SHOWN
        )
        text = self.tr("Owed talks not yet held (应谈未谈) ({count})")
        if late:
            text += " " + self.tr("— {late} overdue").format(late=late)
        self._fill(
            self.owed_heading,
            text,
            total,
            self.owed_model,
            [
                HomeRow(
                    (
                        _day(o.due_date),
                        o.cadre_name,
                        o.unit_name,
                        o.rule,
                        o.event,
                        o.talker,
                        self._days_text((o.due_date - today).days),
                    ),
                    "obligation",
                    o.id,
                    urgent=o.overdue,
                )
                for o in rows
            ],
        )
        self.owed_heading.setStyleSheet("font-weight: bold;" + (" color: #b3261e;" if late else ""))

    def _fill(
        self, heading: QLabel, text: str, total: int, model: HomeListModel, rows: list[HomeRow]
    ) -> None:
        label = text.format(count=f"{total}+" if total >= worktable.TOTAL_CAP else total)
        if total > len(rows):
            label += " " + self.tr("— the first {shown} shown").format(shown=len(rows))
        heading.setText(label)
        model.set_rows(rows)

    def _days_text(self, days_left: int) -> str:
        if days_left < 0:
            return self.tr("%n day(s) overdue", "", -days_left)
        if days_left == 0:
            return self.tr("Due today")
        return self.tr("%n day(s) left", "", days_left)

    # --- actions ---------------------------------------------------------------------------------

    def _open(self, model: HomeListModel, row: int) -> None:
        if 0 <= row < model.rowCount():
            item = model.row_at(row)
            self.open_record.emit(item.kind, item.record_id)

    def mark_selected_done(self) -> None:
        row = self.follow_list.current_row()
        if row < 0:
            return
        item = self.follow_model.row_at(row)
        if item.follow_up_id is None:
            return
        try:
            talks.mark_follow_up_done(self._ctx, item.follow_up_id, self.today())
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot tick off the follow-up"), str(exc))
            self.reload_now()
            return
        self.reload_now()
        if self.follow_model.rowCount():
            self.follow_list.selectRow(min(row, self.follow_model.rowCount() - 1))
        self.follow_list.setFocus()
        self.changed.emit()

    def focus_first_list(self) -> None:
        for view in (
            self.pending_list,
            self.follow_list,
            self.ending_list,
            self.recent_list,
            self.verify_list,
            self.owed_list,
        ):
            if view.model().rowCount():
                view.setFocus()
                if view.current_row() < 0:
                    view.selectRow(0)
                return
        self.pending_list.setFocus()
