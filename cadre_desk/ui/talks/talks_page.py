"""谈话记录: talks filtered by kind, dates, cadre and talker (a page at a time), and the chosen record
laid out like the printed 谈话记录表, whose follow-ups can be ticked off here."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import CadreDeskError, NotFoundError
from cadre_desk.services import obligations, talks
from cadre_desk.services.changes import Changes
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.shell import settings as keys
from cadre_desk.ui.shell.page import Page
from cadre_desk.ui.shell.settings import Settings
from cadre_desk.ui.talks.obligations_view import ObligationsView
from cadre_desk.ui.talks.talk_editor import TalkEditor
from cadre_desk.ui.widgets.cadre_picker import CadrePicker
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.date_range import DateRange
from cadre_desk.ui.widgets.paged_model import paged_table
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.tables import (
    list_splitter,
    restore_split_state,
    save_split_state,
    show_row,
)
from cadre_desk.ui.widgets.weak import weak_slot

FILTER_DELAY_MS = 250
COUNT_CAP = 1000  # counting all 250,000 talks of a large county would take 200 ms
COLUMN_CHARS = (9, 6, 10, 10, 10, 4)
OVERDUE = QColor("#b3261e")  # as on 工作台


def talk_cell(row: talks.TalkRow, column: int) -> str:
    values = (
        f"{row.talk_at:%Y.%m.%d %H:%M}",
        code_text(row.kind),
        "、".join(row.subjects),
        row.talkers,
        row.place,
        f"{row.open_follow_ups}/{row.follow_ups}" if row.follow_ups else "",
    )
    return values[column]


def _block(title: str, text: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()) or "<p>—</p>"
    return f"<h4>{html.escape(title)}</h4>{body}"


class TalkPanel(QWidget):
    """The chosen talk: the record, its follow-ups with a tick box each, and Edit / Archive."""

    changed = Signal(int)  # talk id
    open_record = Signal(str, int)

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.view: talks.TalkView | None = None
        self.record = QTextBrowser(self)
        self.record.setOpenLinks(False)
        self.record.anchorClicked.connect(self._link)
        self.follow_ups = QTableWidget(0, 4, self)
        self.follow_ups.setHorizontalHeaderLabels(
            [self.tr("Done"), self.tr("Action"), self.tr("Owner"), self.tr("Due date")]
        )
        self.follow_ups.verticalHeader().setVisible(False)
        self.follow_ups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.follow_ups.horizontalHeader()
        # A talk has a handful of follow-ups, so fitting to contents costs nothing and never cuts
        # the done date (a tick box and 2018.12.20) or a long owner name short.
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.follow_ups.setMaximumHeight(self.fontMetrics().height() * 9)
        self.follow_ups.itemChanged.connect(self._ticked)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.archive_button = QPushButton(self.tr("Archive"), self)
        self.view_button = QPushButton(self.tr("View…"), self)
        self.view_button.setObjectName("viewTalk")
        self.view_button.setToolTip(self.tr("The whole record in its form, for reading"))
        self.edit_button.clicked.connect(self.edit)
        self.view_button.clicked.connect(self.view_record)
        self.archive_button.clicked.connect(self.archive)
        self.print_button = QPushButton(self.tr("Print / PDF…"), self)
        self.print_button.setToolTip(
            self.tr("The talk record form (谈话记录表) with preview, save and print")
        )
        self.print_button.clicked.connect(self.print_record)
        self.compare_button = QPushButton(self.tr("Compare those inspected…"), self)
        self.compare_button.setObjectName("talkCompare")
        self.compare_button.setToolTip(self.tr("横向比较 of the 考察对象 of this 考察谈话 (2–6 cadres)"))
        self.compare_button.clicked.connect(self.compare)
        self.writable = guard(ctx, Act.WRITE, self.edit_button, self.archive_button)
        guard(ctx, Act.OUTPUT, self.print_button)
        guard(ctx, Act.VIEW, self.compare_button, self.view_button)
        self.view_button.setVisible(not self.writable)  # a writer opens the editor instead
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.archive_button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.record, 1)
        layout.addWidget(QLabel(self.tr("Follow-ups (tick when done):"), self))
        layout.addWidget(self.follow_ups)
        self.show_talk(None)

    def show_talk(self, talk_id: int | None) -> None:
        self.view = talks.get_talk(self._ctx, talk_id) if talk_id is not None else None
        t = self.view
        self.edit_button.setEnabled(t is not None and not t.archived)
        self.view_button.setEnabled(t is not None)
        self.archive_button.setEnabled(t is not None)
        self.archive_button.setText(
            self.tr("Restore") if t is not None and t.archived else self.tr("Archive")
        )
        self.print_button.setEnabled(t is not None)
        inspected = t is not None and t.kind == vocab.TalkKind.INSPECTION and len(t.subject_ids) >= 2
        self.compare_button.setVisible(inspected)
        blocked = self.follow_ups.blockSignals(True)
        self.follow_ups.setRowCount(0)
        if t is None:
            hint = html.escape(self.tr("Choose a talk from the list, or record one."))
            self.record.setHtml(f"<p><i>{hint}</i></p>")
            self.follow_ups.blockSignals(blocked)
            return
        subjects = "、".join(
            f"<a href='cadre:{cid}'>{html.escape(name)}</a>"
            for cid, name in zip(t.subject_ids, t.subjects, strict=True)
        )
        rows = (
            (self.tr("Time"), html.escape(f"{t.talk_at:%Y.%m.%d %H:%M}")),
            (self.tr("Place"), html.escape(t.place)),
            (self.tr("Kind"), html.escape(code_text(t.kind))),
            (self.tr("Talked with"), subjects),
            (self.tr("Talkers"), html.escape(t.talkers)),
            (self.tr("Recorder"), html.escape(t.recorder)),
        )
        table = "".join(f"<tr><th align='left' width='90'>{k}</th><td>{v}</td></tr>" for k, v in rows)
        title = html.escape(self.tr("Talk record"))
        self.record.setHtml(
            f"<h3>{title}</h3>"
            f"<table cellpadding='3'>{table}</table>"
            + _block(self.tr("Outline"), t.outline)
            + _block(self.tr("Content"), t.content)
            + _block(self.tr("Own statement"), t.statement)
        )
        for f in t.follow_ups:
            row = self.follow_ups.rowCount()
            self.follow_ups.insertRow(row)
            tick = QTableWidgetItem(format_date(f.done_date))
            tick.setFlags(
                (Qt.ItemFlag.ItemIsUserCheckable if self.writable else Qt.ItemFlag.NoItemFlags)
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            tick.setCheckState(Qt.CheckState.Checked if f.done_date else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, f.id)
            self.follow_ups.setItem(row, 0, tick)
            overdue = f.done_date is None and f.due_date is not None and f.due_date < self._day()
            for column, text in (
                (1, f.action),
                (2, f.owner),
                (3, format_date(f.due_date)),
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if overdue:
                    item.setForeground(OVERDUE)
                    if column == 3:
                        item.setToolTip(self.tr("Overdue"))
                self.follow_ups.setItem(row, column, item)
        self.follow_ups.blockSignals(blocked)

    def _day(self) -> dt.date:
        return self._today or dt.date.today()

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or self.view is None:
            return
        follow_up_id = item.data(Qt.ItemDataRole.UserRole)
        done = self._today or dt.date.today() if item.checkState() == Qt.CheckState.Checked else None
        try:
            talks.mark_follow_up_done(self._ctx, int(follow_up_id), done)
        except CadreDeskError as err:
            QMessageBox.warning(self, self.tr("Not saved"), str(err))
        talk_id = self.view.id
        self.show_talk(talk_id)
        self.changed.emit(talk_id)

    def _link(self, url: Any) -> None:
        kind, _, ref = url.toString().partition(":")
        if ref.isdigit():
            self.open_record.emit(kind, int(ref))

    def edit(self) -> None:
        if self.view is None:
            return
        talk_id = self.view.id
        saved = TalkEditor.ask(self, self._ctx, self.view)
        if saved is not None:
            self.show_talk(saved.id)
            self.changed.emit(saved.id)
        else:
            # Cancelled, perhaps after a conflicting save: show what is stored now, not the old copy.
            self.show_talk(talk_id)

    def view_record(self) -> None:
        """The shown talk in the editor's form, read-only."""
        if self.view is not None:
            TalkEditor.view(self, self._ctx, self.view)

    def open_current(self) -> None:
        """Double-click: the editor for a writer, the read-only form for a reader."""
        if self.view is None:
            return
        if self.writable and not self.view.archived:
            self.edit()
        else:
            self.view_record()

    def compare(self) -> None:
        """横向比较 of the talk's 考察对象 (the cadres talked with in a 考察谈话)."""
        if self.view is None:
            return
        from cadre_desk.ui.structure.comparison_dialog import ComparisonDialog

        ComparisonDialog.show_for(self, self._ctx, self.view.subject_ids, self._today, self._open_cadre)

    def _open_cadre(self, cadre_id: int) -> None:
        self.open_record.emit("cadre", cadre_id)

    def print_record(self) -> None:
        if self.view is not None:
            from cadre_desk.ui.printing import printing  # reportlab is loaded on first print, not at start-up

            printing.print_talk(self, self._ctx, self.view.id)

    def archive(self) -> None:
        """Archive the shown talk, or restore it when it is archived."""
        if self.view is None:
            return
        talk_id = self.view.id
        if self.view.archived:
            talks.restore_talk(self._ctx, talk_id)
            self.show_talk(talk_id)
            self.changed.emit(talk_id)
            return
        if confirmed(
            self,
            self.tr("Archive talk record"),
            self.tr("Archive this talk record? Tick Archived above the list to see it again and restore it."),
        ):
            talks.archive_talk(self._ctx, talk_id)
            self.show_talk(None)
            self.changed.emit(talk_id)


class TalksPage(Page):
    record_kinds = frozenset({"talk", "obligation"})

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in vocab.TalkKind:
            self.kind.addItem(code_text(kind.value), kind.value)
        self.cadre = CadrePicker(ctx, self)
        self.talker = QLineEdit(self)
        self.talker.setClearButtonEnabled(True)
        self.talker.setPlaceholderText(self.tr("Talker's name"))
        self.count = QLabel(self)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        self.dates = DateRange(self.problem, self)
        self.new_button = QPushButton(self.tr("Record a talk…"), self)
        self.new_button.clicked.connect(self.new_talk)
        guard(ctx, Act.WRITE, self.new_button)
        self.archived = QCheckBox(self.tr("Archived"), self)
        self.archived.setObjectName("archivedFilter")
        self.archived.setToolTip(self.tr("Show the archived talk records, to restore them"))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Kind:"), self), 0, 0)
        grid.addWidget(self.kind, 0, 1)
        grid.addWidget(QLabel(self.tr("Cadre:"), self), 0, 2)
        grid.addWidget(self.cadre, 0, 3)
        grid.addWidget(QLabel(self.tr("Talker:"), self), 0, 4)
        grid.addWidget(self.talker, 0, 5)
        grid.addWidget(self.new_button, 0, 6)
        grid.addWidget(QLabel(self.tr("From:"), self), 1, 0)
        grid.addWidget(self.dates, 1, 1, 1, 3)
        grid.addWidget(self.problem, 1, 4)
        grid.addWidget(self.archived, 1, 5)
        grid.addWidget(self.count, 1, 6, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)

        headers = [
            self.tr("Time"),
            self.tr("Kind"),
            self.tr("Talked with"),
            self.tr("Talkers"),
            self.tr("Place"),
            self.tr("Open follow-ups"),
        ]
        self.model, self.table = paged_table(self, "talksTable", headers, talk_cell, COLUMN_CHARS)
        self.model.foreground = lambda row: OVERDUE if row.overdue_follow_ups else None
        self.panel = TalkPanel(ctx, today, self)
        self.panel.open_record.connect(self.open_record)
        self.panel.changed.connect(self._talk_changed)
        self.table.doubleClicked.connect(weak_slot(self.panel.open_current))
        self.splitter = list_splitter("talksSplitter", self.table, self.panel, [660, 640], self)
        records = QWidget(self)
        records_layout = QVBoxLayout(records)
        records_layout.setContentsMargins(0, 4, 0, 0)
        records_layout.addLayout(grid)
        records_layout.addWidget(self.splitter, 1)
        # 应谈: owed talks by unit and by talker (issue 12 §1)
        self.owed = ObligationsView(ctx, today, self)
        self.owed.changed.connect(self._owed_changed)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("talksTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(records, self.tr("Talk records"))
        self.tabs.addTab(self.owed, self.tr("Owed talks (应谈)"))
        self.tabs.currentChanged.connect(weak_slot(self._refresh_owed))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.talker.textChanged.connect(weak_slot(self._timer.start))
        self.kind.currentIndexChanged.connect(weak_slot(self.refresh))
        self.cadre.changed.connect(self.refresh)
        self.dates.edited.connect(self.refresh)
        self.archived.toggled.connect(weak_slot(self.refresh))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def filters(self) -> dict[str, Any] | None:
        dates = self.dates.dates()
        if dates is None:
            return None
        date_from, date_to = dates
        return {
            "cadre_id": self.cadre.cadre_id(),
            "kind": self.kind.currentData() or None,
            "date_from": date_from,
            "date_to": date_to,
            "talker": self.talker.text().strip() or None,
            "archived": self.archived.isChecked(),
        }

    def _refresh_owed(self) -> None:
        if self.tabs.currentWidget() is self.owed:
            self.owed.refresh()

    def show_owed(self, obligation_id: int | None = None) -> None:
        """Switch to 应谈 (from 工作台), on one obligation if given."""
        self.tabs.setCurrentWidget(self.owed)
        self.owed.refresh()
        if obligation_id is not None:
            self.owed.select(obligation_id)

    def _owed_changed(self) -> None:
        self.records_changed.emit(Changes(talks=True, cadres=True))
        self.refresh()

    def refresh(self) -> None:
        self._refresh_owed()
        self._timer.stop()
        filters = self.filters()
        if filters is None:
            return
        keep = self.panel.view.id if self.panel.view is not None else None

        ctx, today = self._ctx, self._today  # not `self`: the model keeps `fetch` (no cycle)

        def fetch(offset: int, limit: int) -> list[talks.TalkRow]:
            return talks.list_talk_rows(ctx, **filters, limit=limit, offset=offset, today=today)

        self.model.set_fetch(fetch)
        total = talks.count_talks(self._ctx, **filters, cap=COUNT_CAP)
        if total >= COUNT_CAP:
            self.count.setText(self.tr("More than {count} talks").format(count=COUNT_CAP))
        else:
            self.count.setText(self.tr("%n talk(s)", "", total))
        if keep is None or not self.select(keep):
            if self.model.rowCount():
                self.table.selectRow(0)
            else:
                self.panel.show_talk(None)
        else:
            index = self.model.row_of(lambda r: r.id == keep)
            view = self.panel.view
            if index is not None and view is not None and self.model.row_at(index).version != view.version:
                self.panel.show_talk(keep)  # changed elsewhere (another page, an import): show it as stored

    def select(self, talk_id: int) -> bool:
        return show_row(self.table, self.model.row_of(lambda r: r.id == talk_id))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            row: talks.TalkRow = self.model.row_at(indexes[0].row())
            if self.panel.view is None or self.panel.view.id != row.id:
                self.panel.show_talk(row.id)

    def _talk_changed(self, talk_id: int) -> None:
        self.records_changed.emit(Changes(talks=True))
        row = self.model.row_of(lambda r: r.id == talk_id)
        fresh = (
            talks.list_talk_rows(self._ctx, **(self.filters() or {}), limit=1, offset=row, today=self._today)
            if row is not None
            else []
        )
        if row is not None and fresh and fresh[0].id == talk_id:
            self.model.replace_row(row, fresh[0])  # a ticked follow-up: update the line in place
        else:
            self.refresh()

    def new_talk(self) -> None:
        cadre_id = self.cadre.cadre_id()
        subject = (cadre_id, self.cadre.cadre_name()) if cadre_id is not None else None
        saved = TalkEditor.ask(self, self._ctx, None, subject)
        if saved is not None:
            self.records_changed.emit(Changes(talks=True))
            self.archived.setChecked(False)
            self.refresh()
            if not self.select(saved.id):
                self.panel.show_talk(saved.id)

    def show_record(self, kind: str, record_id: int) -> bool:
        if kind == "obligation":
            try:
                obligations.get_obligation(self._ctx, record_id)
            except NotFoundError:
                return False
            self.show_owed(record_id)
            return True
        if kind != "talk":
            return False
        self.tabs.setCurrentIndex(0)
        try:
            view = talks.get_talk(self._ctx, record_id)
        except NotFoundError:
            return False
        if not self.select(view.id):
            for widget in (self.kind, self.dates, self.talker, self.cadre, self.archived):
                widget.blockSignals(True)
            self.archived.setChecked(view.archived)
            self.kind.setCurrentIndex(0)
            self.dates.clear()
            self.talker.clear()
            self.cadre.set_cadre(
                view.subject_ids[0], view.subjects[0]
            ) if view.subject_ids else self.cadre.clear()
            for widget in (self.kind, self.dates, self.talker, self.cadre, self.archived):
                widget.blockSignals(False)
            self.refresh()
            if not self.select(view.id):
                self.panel.show_talk(view.id)
        return True

    def new_record(self) -> bool:
        self.new_talk()
        return True

    def print_record(self) -> bool:
        """The shown talk's record form."""
        self.panel.print_record()
        return True

    def save_state(self, settings: Settings) -> None:
        save_split_state(settings, keys.TALKS_SPLITTER, keys.TALKS_HEADER, self.splitter, self.table)

    def restore_state(self, settings: Settings) -> None:
        restore_split_state(settings, keys.TALKS_SPLITTER, keys.TALKS_HEADER, self.splitter, self.table)
