"""成长日记: one mentee's (or one mentor's mentees') diary as a timeline, with filters and the editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.errors import NotFoundError
from cadre_desk.services import diary
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_editor import DiaryEditor
from cadre_desk.ui.diary.diary_timeline import DiaryTimeline, timeline_can_leave
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.date_range import DateRange
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.weak import weak_slot


class DiaryPage(Page):
    record_kinds = frozenset({"diary", "comment"})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.mentee = CadrePicker(ctx, self)
        self.mentor = CadrePicker(ctx, self)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("All categories"), "")
        for category in vocab.DIARY_CATEGORIES:
            self.category.addItem(code_text(category), category)
        self.state = QComboBox(self)
        self.state.addItem(self.tr("All states"), "")
        for state in vocab.DiaryState:
            self.state.addItem(code_text(state.value), state.value)
        self.waiting = QCheckBox(self.tr("Awaiting comment"), self)
        self.waiting.setToolTip(self.tr("Submitted entries the mentor has not commented on yet"))
        self.archived = QCheckBox(self.tr("Archived"), self)
        self.archived.setObjectName("archivedFilter")
        self.archived.setToolTip(self.tr("Show the archived entries, to restore them"))
        self.new_button = QPushButton(self.tr("Write an entry…"), self)
        guard(ctx, Act.WRITE, self.new_button)
        self.new_button.clicked.connect(self.new_entry)
        self.count = QLabel(self)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        self.dates = DateRange(self.problem, self)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Mentee:"), self), 0, 0)
        grid.addWidget(self.mentee, 0, 1)
        grid.addWidget(QLabel(self.tr("Mentor:"), self), 0, 2)
        grid.addWidget(self.mentor, 0, 3)
        grid.addWidget(self.new_button, 0, 5)
        grid.addWidget(QLabel(self.tr("From:"), self), 1, 0)
        grid.addWidget(self.dates, 1, 1)
        filters = QWidget(self)
        filters_layout = QGridLayout(filters)
        filters_layout.setContentsMargins(0, 0, 0, 0)
        filters_layout.addWidget(self.category, 0, 0)
        filters_layout.addWidget(self.state, 0, 1)
        filters_layout.addWidget(self.waiting, 0, 2)
        filters_layout.addWidget(self.archived, 0, 3)
        grid.addWidget(filters, 1, 2, 1, 2)
        grid.addWidget(self.count, 1, 5, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(4, 1)

        self.timeline = DiaryTimeline(ctx, today, self)
        self.timeline.edit_requested.connect(self._edit_item)
        self.timeline.changed.connect(self._update_count)
        self.timeline.changed.connect(weak_slot(self._timeline_changed))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.timeline, 1)

        self.mentee.changed.connect(self.refresh)
        self.mentor.changed.connect(self.refresh)
        self.dates.edited.connect(self.refresh)
        self.category.currentIndexChanged.connect(weak_slot(self.refresh))
        self.state.currentIndexChanged.connect(weak_slot(self.refresh))
        self.waiting.toggled.connect(self._waiting_toggled)
        self.archived.toggled.connect(weak_slot(self.refresh))
        self.new_button.setEnabled(False)

    # --- filtering -------------------------------------------------------------------------------

    def _timeline_changed(self) -> None:
        self.records_changed.emit(Changes(diary=True))

    def _waiting_toggled(self, on: bool) -> None:
        self.state.setEnabled(not on)
        self.refresh()

    def filters(self) -> dict[str, Any] | None:
        """The timeline's query, or None (with the reason shown) while a typed date is unreadable."""
        dates = self.dates.dates()
        if dates is None:
            return None
        date_from, date_to = dates
        state = vocab.DiaryState.SUBMITTED.value if self.waiting.isChecked() else self.state.currentData()
        return {
            "mentee_id": self.mentee.cadre_id(),
            "mentor_id": self.mentor.cadre_id(),
            "state": state or None,
            "category": self.category.currentData() or None,
            "date_from": date_from,
            "date_to": date_to,
            "archived": self.archived.isChecked(),
        }

    def refresh(self) -> None:
        self.new_button.setEnabled(self.mentee.cadre_id() is not None)
        filters = self.filters()
        if filters is None:
            return
        if filters["mentee_id"] is None and filters["mentor_id"] is None:
            self.timeline.set_filters(
                None, self.tr("Choose a mentee, or a mentor to see the entries of their mentees.")
            )
            self.count.clear()
            return
        self.timeline.set_filters(filters)
        self._update_count()

    def _update_count(self) -> None:
        filters = self.filters()
        if filters is None or (filters["mentee_id"] is None and filters["mentor_id"] is None):
            return
        if filters["date_from"] or filters["date_to"] or filters["category"]:
            self.count.setText(self.tr("%n shown", "", len(self.timeline.cards)))
            return
        total = diary.count_entries(
            self._ctx,
            mentee_id=filters["mentee_id"],
            mentor_id=filters["mentor_id"],
            state=filters["state"],
            archived=filters["archived"],
        )
        self.count.setText(self.tr("%n entries", "", total))

    # --- writing ---------------------------------------------------------------------------------

    def new_entry(self) -> None:
        mentee_id = self.mentee.cadre_id()
        if mentee_id is not None:
            DiaryEditor.ask(self, self._ctx, mentee_id, self.mentee.cadre_name(), None, self._today)
            self.refresh()
            self.records_changed.emit(Changes(diary=True))

    def _edit_item(self, item: diary.TimelineItem) -> None:
        entry = diary.get_entry(self._ctx, item.entry.id)
        DiaryEditor.ask(self, self._ctx, entry.mentee_id, entry.mentee, entry, self._today)
        self.refresh()
        self.records_changed.emit(Changes(diary=True))

    # --- the page contract -----------------------------------------------------------------------

    def can_leave(self) -> bool:
        """A mentor's comment typed but not saved is not thrown away without asking."""
        return timeline_can_leave(self.timeline)

    def new_record(self) -> bool:
        """Write an entry for the chosen mentee (or say who must be chosen first)."""
        if self.mentee.cadre_id() is None:
            self.mentee.setFocus()
            self.problem.setText(self.tr("Choose the mentee first, then write the entry."))
            self.problem.show()
            return True
        self.new_entry()
        return True

    def show_record(self, kind: str, record_id: int) -> bool:
        if kind not in ("diary", "comment"):
            return False
        try:
            entry_id = diary.entry_of_comment(self._ctx, record_id) if kind == "comment" else record_id
            entry = diary.get_entry(self._ctx, entry_id)
        except NotFoundError:
            return False
        for widget in (
            self.mentee,
            self.mentor,
            self.category,
            self.state,
            self.waiting,
            self.archived,
            self.dates,
        ):
            widget.blockSignals(True)
        self.mentee.set_cadre(entry.mentee_id, entry.mentee)
        self.mentor.clear()
        self.category.setCurrentIndex(0)
        self.state.setCurrentIndex(0)
        self.state.setEnabled(True)
        self.waiting.setChecked(False)
        self.archived.setChecked(entry.archived)
        self.dates.clear()
        for widget in (
            self.mentee,
            self.mentor,
            self.category,
            self.state,
            self.waiting,
            self.archived,
            self.dates,
        ):
            widget.blockSignals(False)
        self.refresh()
        return self.timeline.scroll_to(entry.id)
