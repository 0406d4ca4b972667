"""结对帮带: the list of pairings with their diary figures, and the selected pairing beside it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelection, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import NotFoundError
from cadre_desk.services import mentorship, mentorship_lists
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_timeline import timeline_can_leave
from cadre_desk.ui.pairings.pairing_dialog import PairingDialog
from cadre_desk.ui.pairings.pairing_panel import PairingPanel
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.paged_model import paged_table
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import (
    list_splitter,
    restore_split_state,
    save_split_state,
    show_row,
)
from cadre_desk.ui.widgets.weak import weak_slot

FILTER_DELAY_MS = 200
COLUMN_CHARS = (5, 5, 12, 4, 5, 6, 5)


def pairing_cell(row: mentorship_lists.MentorshipRow, column: int) -> str:
    values = (
        row.mentor,
        row.mentee,
        f"{row.term_start:%Y.%m.%d}–{row.term_end:%Y.%m.%d}",
        code_text(row.status),
        str(row.entries_this_month),
        format_date(row.last_entry),
        str(row.uncommented) if row.uncommented else "",
    )
    return values[column]


class PairingsPage(Page):
    record_kinds = frozenset({"mentorship"})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.status = QComboBox(self)
        self.status.addItem(self.tr("All statuses"), "")
        for status in vocab.MentorshipStatus:
            self.status.addItem(code_text(status.value), status.value)
        self.status.setCurrentIndex(1)  # 进行中: the pairings that need work
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by mentor or mentee (name or pinyin initials)"))
        self.archived = QCheckBox(self.tr("Archived"), self)
        self.archived.setObjectName("archivedFilter")
        self.archived.setToolTip(self.tr("Show the archived pairings, to restore them"))
        self.count = QLabel(self)
        self.new_button = QPushButton(self.tr("New pairing…"), self)
        guard(ctx, Act.WRITE, self.new_button)
        self.new_button.clicked.connect(self.new_pairing)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Status:"), self))
        bar.addWidget(self.status)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.archived)
        bar.addWidget(self.count)
        bar.addWidget(self.new_button)

        headers = [
            self.tr("Mentor"),
            self.tr("Mentee"),
            self.tr("Term"),
            self.tr("Status"),
            self.tr("Entries this month"),
            self.tr("Last entry"),
            self.tr("Uncommented"),
        ]
        self.model, self.table = paged_table(self, "pairingsTable", headers, pairing_cell, COLUMN_CHARS)
        self.panel = PairingPanel(ctx, today, self)
        self.panel.open_record.connect(self.open_record)
        self.panel.changed.connect(self._pairing_changed)
        self.splitter = list_splitter("pairingsSplitter", self.table, self.panel, [620, 680], self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filter.textChanged.connect(weak_slot(self._timer.start))
        self.status.currentIndexChanged.connect(weak_slot(self.refresh))
        self.archived.toggled.connect(weak_slot(self.refresh))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._loaded = False

    # --- data ------------------------------------------------------------------------------------

    def _filters(self) -> dict[str, Any]:
        status = self.status.currentData()
        return {
            "status": status or None,
            "text": self.filter.text().strip(),
            "archived": self.archived.isChecked(),
        }

    def refresh(self) -> None:
        """Reload the first page of the list (keeping the shown pairing when it is still listed)."""
        self._timer.stop()
        filters = self._filters()
        keep = self.panel.view.id if self.panel.view is not None else None

        ctx, today = self._ctx, self._today  # not `self`: the model keeps `fetch` (no cycle)

        def fetch(offset: int, limit: int) -> list[mentorship_lists.MentorshipRow]:
            return mentorship_lists.list_mentorship_rows(
                ctx, **filters, today=today, limit=limit, offset=offset
            )

        self.model.set_fetch(fetch)
        total = mentorship_lists.count_mentorships(self._ctx, **filters)
        self.count.setText(self.tr("%n pairing(s)", "", total))
        self._loaded = True
        if keep is None or not self.select(keep):
            if self.model.rowCount():
                self.table.selectRow(0)
            else:
                self.panel.show_pairing(None)
        else:
            self._refresh_panel(keep)

    def _refresh_panel(self, mentorship_id: int) -> None:
        """The pairing shown was changed elsewhere (another page, an import): show the stored one."""
        index = self.model.row_of(lambda r: r.id == mentorship_id)
        view = self.panel.view
        if index is not None and view is not None and self.model.row_at(index).version != view.version:
            self.panel.show_pairing(mentorship_id)

    def select(self, mentorship_id: int) -> bool:
        return show_row(self.table, self.model.row_of(lambda r: r.id == mentorship_id))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            row: mentorship_lists.MentorshipRow = self.model.row_at(indexes[0].row())
            if self.panel.view is None or self.panel.view.id != row.id:
                self.panel.show_pairing(row.id)

    def _pairing_changed(self, mentorship_id: int) -> None:
        # A pairing the list no longer shows (completed or ended under the 进行中 filter) stays in the
        # panel; refresh() empties the panel when the list is left empty, so ask before it runs.
        showing = self.panel.view is not None and self.panel.view.id == mentorship_id
        self.records_changed.emit(Changes(pairings=True, diary=True))
        self.refresh()
        if not self.select(mentorship_id) and showing:
            self.panel.show_pairing(mentorship_id)

    # --- actions ---------------------------------------------------------------------------------

    def new_pairing(self) -> None:
        view = PairingDialog.ask(self, self._ctx, None, self._today)
        if view is not None:
            self.records_changed.emit(Changes(pairings=True))
            self.status.setCurrentIndex(1)
            self.archived.setChecked(False)
            self.filter.clear()
            self.refresh()
            if not self.select(view.id):
                self.panel.show_pairing(view.id)

    def show_record(self, kind: str, record_id: int) -> bool:
        try:
            if kind == "mentorship":
                view = mentorship.get_mentorship(self._ctx, record_id)
            else:
                return False
        except NotFoundError:
            return False
        if not self.select(view.id):
            self.filter.blockSignals(True)
            self.filter.setText(view.mentee)
            self.filter.blockSignals(False)
            self.archived.blockSignals(True)
            self.archived.setChecked(view.archived)
            self.archived.blockSignals(False)
            self.status.blockSignals(True)
            self.status.setCurrentIndex(0)
            self.status.blockSignals(False)
            self.refresh()
            if not self.select(view.id):
                self.panel.show_pairing(view.id)
        return True

    def new_record(self) -> bool:
        self.new_pairing()
        return True

    def print_record(self) -> bool:
        """The shown pairing's dossier."""
        self.panel.print_dossier()
        return True

    def can_leave(self) -> bool:
        return timeline_can_leave(self.panel.diary)

    # --- state -----------------------------------------------------------------------------------

    def save_state(self, settings: Settings) -> None:
        save_split_state(settings, keys.PAIRINGS_SPLITTER, keys.PAIRINGS_HEADER, self.splitter, self.table)

    def restore_state(self, settings: Settings) -> None:
        restore_split_state(settings, keys.PAIRINGS_SPLITTER, keys.PAIRINGS_HEADER, self.splitter, self.table)
