"""One pairing: who, term, status, goals and plan, mentorship records, the mentee's diary, the ending."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain import vocab
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import access, mentorship, mentorship_changes, mentorship_records
from cadre_desk.services.access import Permission
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.diary.diary_timeline import DiaryTimeline
from cadre_desk.ui.pairings.end_pairing_dialog import EndPairingDialog
from cadre_desk.ui.pairings.mentorship_record_dialog import MentorshipRecordDialog
from cadre_desk.ui.pairings.pairing_dialog import PairingDialog
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.permits import Act, guard
from cadre_desk.ui.widgets.record_table import RecordTable
from cadre_desk.ui.widgets.weak import weak_slot


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def _name(cadre_id: int, name: str, link: bool) -> str:
    text = html.escape(name)
    return f"<a href='cadre:{cadre_id}'>{text}</a>" if link else text


class PairingPanel(QWidget):
    open_record = Signal(str, int)
    changed = Signal(int)  # mentorship id

    def __init__(
        self, ctx: ServiceContext, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.view: mentorship.MentorshipView | None = None
        self._records: list[mentorship_records.MentorshipRecordView] = []
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.linkActivated.connect(self._link)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.complete_button = QPushButton(self.tr("Evaluate and complete…"), self)
        self.abort_button = QPushButton(self.tr("End early…"), self)
        self.archive_button = QPushButton(self.tr("Archive"), self)
        self.print_button = QPushButton(self.tr("Print / PDF…"), self)
        self.print_button.setToolTip(self.tr("The pairing dossier (帮带档案) with preview, save and print"))
        self.print_button.clicked.connect(self.print_dossier)
        self.view_button = QPushButton(self.tr("View…"), self)
        self.view_button.setObjectName("viewPairing")
        self.view_button.setToolTip(self.tr("The pairing's form (goals and plan), for reading"))
        self.view_button.clicked.connect(self.view_pairing)
        self.ending_button = QPushButton(self.tr("View evaluation…"), self)
        self.ending_button.setObjectName("viewEnding")
        self.ending_button.clicked.connect(self.view_ending)
        self.edit_button.clicked.connect(self.edit)
        self.complete_button.clicked.connect(weak_slot(self.end, True))
        self.abort_button.clicked.connect(weak_slot(self.end, False))
        self.archive_button.clicked.connect(self.archive)
        buttons = QHBoxLayout()
        for button in (
            self.view_button,
            self.ending_button,
            self.edit_button,
            self.complete_button,
            self.abort_button,
            self.archive_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)

        self.tabs = QTabWidget(self)
        self.overview = QTextBrowser(self)
        self.overview.setOpenLinks(False)
        self.overview.anchorClicked.connect(self._anchor_clicked)
        self.records = RecordTable([self.tr("Date"), self.tr("Form"), self.tr("Content")], (7, 6, 0), self)
        self.records.doubleClicked.connect(weak_slot(self._record_double_clicked))
        self.add_record_button = QPushButton(self.tr("Add record…"), self)
        self.edit_record_button = QPushButton(self.tr("Edit record…"), self)
        self.archive_record_button = QPushButton(self.tr("Archive record"), self)
        self.add_record_button.clicked.connect(self.add_record)
        self.edit_record_button.clicked.connect(self.edit_record)
        self.archive_record_button.clicked.connect(self.archive_record)
        self.view_record_button = QPushButton(self.tr("View record…"), self)
        self.view_record_button.setObjectName("viewMentorshipRecord")
        self.view_record_button.clicked.connect(self.view_record)
        self.records.selectionModel().selectionChanged.connect(weak_slot(self._update_record_buttons))
        self.writable = guard(
            ctx,
            Act.WRITE,
            self.edit_button,
            self.complete_button,
            self.abort_button,
            self.archive_button,
            self.add_record_button,
            self.edit_record_button,
            self.archive_record_button,
        )
        guard(ctx, Act.OUTPUT, self.print_button)
        guard(ctx, Act.VIEW, self.view_button, self.ending_button, self.view_record_button)
        for button in (self.view_button, self.view_record_button):
            button.setVisible(not self.writable)  # a writer opens the editor instead
        records_tab = QWidget(self)
        records_layout = QVBoxLayout(records_tab)
        record_buttons = QHBoxLayout()
        for button in (
            self.view_record_button,
            self.add_record_button,
            self.edit_record_button,
            self.archive_record_button,
        ):
            record_buttons.addWidget(button)
        record_buttons.addStretch(1)
        records_layout.addLayout(record_buttons)
        records_layout.addWidget(self.records)
        self.diary = DiaryTimeline(ctx, today, self)
        self.diary.changed.connect(self._diary_changed)
        self.tabs.addTab(self.overview, self.tr("Goals and plan"))
        self.tabs.addTab(records_tab, self.tr("Mentorship records"))
        self.tabs.addTab(self.diary, self.tr("Growth diary"))
        self._diary_loaded = False
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.show_pairing(None)

    # --- showing ---------------------------------------------------------------------------------

    def show_pairing(self, mentorship_id: int | None) -> None:
        self.view = mentorship.get_mentorship(self._ctx, mentorship_id) if mentorship_id is not None else None
        v = self.view
        for button in (
            self.edit_button,
            self.complete_button,
            self.abort_button,
            self.archive_button,
            self.print_button,
            self.view_button,
        ):
            button.setEnabled(v is not None)
        has_ending = v is not None and v.status in (
            vocab.MentorshipStatus.COMPLETED,
            vocab.MentorshipStatus.ABORTED,
        )
        self.ending_button.setEnabled(has_ending)
        self.ending_button.setVisible(has_ending)  # a pairing still running has no evaluation to read
        if v is not None and v.status == vocab.MentorshipStatus.ABORTED:
            self.ending_button.setText(self.tr("View early end…"))
        else:
            self.ending_button.setText(self.tr("View evaluation…"))
        self.add_record_button.setEnabled(v is not None)
        self.archive_button.setText(self.tr("Archive"))
        if v is None:
            self.heading.setText(self.tr("<i>Choose a pairing from the list, or create one.</i>"))
            self.overview.clear()
            self.records.set_rows([])
            self._records = []
            self._update_record_buttons()
            self.tabs.setTabText(1, self.tr("Mentorship records"))
            self.tabs.setTabText(2, self.tr("Growth diary"))
            self.diary.set_filters(None)
            return
        active = v.status == vocab.MentorshipStatus.ACTIVE and not v.archived
        self.complete_button.setEnabled(active)
        self.abort_button.setEnabled(active)
        self.edit_button.setEnabled(not v.archived)
        self.add_record_button.setEnabled(not v.archived)
        self.archive_button.setText(self.tr("Restore") if v.archived else self.tr("Archive"))
        # A name is a link only where its profile opens: a 导师 (no records role) never opens his own
        # (access.require_cadre), and his mentee's only while the pairing is 进行中.
        records = access.can(self._ctx, Permission.RECORDS_READ)
        self.heading.setText(
            self.tr("<h3>Mentor {mentor} guides {mentee}</h3>Term {start} – {end} · {status}").format(
                mentor=_name(v.mentor_id, v.mentor, records),
                mentee=_name(v.mentee_id, v.mentee, records or active),
                start=f"{v.term_start:%Y.%m.%d}",
                end=f"{v.term_end:%Y.%m.%d}",
                status=html.escape(code_text(v.status)),
            )
        )
        ended = format_date(v.ended_on)
        goals, plan = self.tr("Goals"), self.tr("Plan")
        parts = [
            f"<h4>{goals}</h4>",
            _paragraphs(v.goals) or "—",
            f"<h4>{plan}</h4>",
            _paragraphs(v.plan) or "—",
        ]
        if v.status == vocab.MentorshipStatus.ABORTED:
            title = self.tr("Ended early on {date}").format(date=ended)
            parts += [f"<h4>{title}</h4>", _paragraphs(v.end_reason)]
        elif v.status == vocab.MentorshipStatus.COMPLETED:
            title = self.tr("Evaluation (completed on {date}), grade: {grade}").format(
                date=ended, grade=html.escape(code_text(v.evaluation_grade))
            )
            labels = (self.tr("Mentor's evaluation"), self.tr("Mentee's summary"), self.tr("Result"))
            texts = (v.mentor_evaluation, v.mentee_summary, v.evaluation_result)
            parts.append(f"<h4>{title}</h4>")
            for label, text in zip(labels, texts, strict=True):
                parts += [f"<p><b>{label}</b></p>", _paragraphs(text) or "—"]
        self.overview.setHtml("".join(parts))
        self._load_records()
        entries = mentorship.diary_count(self._ctx, v.id)
        self.tabs.setTabText(2, self.tr("Growth diary ({count})").format(count=entries))
        self._diary_loaded = False
        if self.tabs.currentWidget() is self.diary:
            self._tab_changed(self.tabs.currentIndex())

    def _diary_changed(self) -> None:
        if self.view is not None:
            entries = mentorship.diary_count(self._ctx, self.view.id)
            self.tabs.setTabText(2, self.tr("Growth diary ({count})").format(count=entries))
            self.changed.emit(self.view.id)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.diary and not self._diary_loaded and self.view is not None:
            self.diary.set_filters({"mentorship_id": self.view.id})
            self._diary_loaded = True

    def _load_records(self) -> None:
        assert self.view is not None
        self._records = mentorship_records.list_mentorship_records(self._ctx, self.view.id)
        self.records.set_rows([(f"{r.date:%Y.%m.%d}", r.form, r.content) for r in self._records])
        self.tabs.setTabText(1, self.tr("Mentorship records ({count})").format(count=len(self._records)))
        self._update_record_buttons()

    def _update_record_buttons(self) -> None:
        """Edit and Archive act on the selected record, so they wait for a selection."""
        chosen = self._selected_record() is not None and self.view is not None and not self.view.archived
        self.view_record_button.setEnabled(self._selected_record() is not None)
        self.edit_record_button.setEnabled(chosen)
        self.archive_record_button.setEnabled(chosen)

    def _anchor_clicked(self, url: QUrl) -> None:
        self._link(url.toString())

    def _link(self, link: str) -> None:
        kind, _, ref = link.partition(":")
        if ref.isdigit():
            self.open_record.emit(kind, int(ref))

    # --- actions ---------------------------------------------------------------------------------

    def _done(self, view: mentorship.MentorshipView | None) -> None:
        if view is not None:
            self.show_pairing(view.id)
            self.changed.emit(view.id)

    def edit(self) -> None:
        if self.view is not None:
            self._done(PairingDialog.ask(self, self._ctx, self.view, self._today))

    def view_pairing(self) -> None:
        """The pairing's form, read-only (a reader, or a 导师 reading his own pairing)."""
        if self.view is not None:
            PairingDialog.view(self, self._ctx, self.view)

    def view_ending(self) -> None:
        """The end-of-term evaluation (or the early end) as recorded, read-only."""
        if self.view is not None and self.view.ended_on is not None:
            EndPairingDialog.view(self, self._ctx, self.view)

    def end(self, completed: bool) -> None:
        if self.view is not None:
            self._done(EndPairingDialog.ask(self, self._ctx, self.view, completed, self._today))

    def print_dossier(self) -> None:
        if self.view is not None:
            from cadre_desk.ui.printing import printing  # reportlab is loaded on first print, not at start-up

            printing.print_pairing(self, self._ctx, self.view.id)

    def archive(self) -> None:
        """Archive the shown pairing, or restore it when it is archived."""
        if self.view is None:
            return
        if self.view.archived:
            try:
                restored = mentorship_changes.restore_mentorship(self._ctx, self.view.id)
            except CadreDeskError as err:
                QMessageBox.warning(self, self.tr("Not restored"), str(err))
                return
            self.show_pairing(restored.id)
            self.changed.emit(restored.id)
            return
        if confirmed(
            self,
            self.tr("Archive pairing"),
            self.tr(
                "Archive the pairing of {mentor} and {mentee}? Tick Archived above the list to see "
                "it again and restore it."
            ).format(mentor=self.view.mentor, mentee=self.view.mentee),
        ):
            archived = mentorship_changes.archive_mentorship(self._ctx, self.view.id)
            self.show_pairing(None)
            self.changed.emit(archived.id)

    def _selected_record(self) -> mentorship_records.MentorshipRecordView | None:
        rows = self.records.selectionModel().selectedRows()
        return self._records[rows[0].row()] if rows else None

    def add_record(self) -> None:
        if self.view is not None and MentorshipRecordDialog.ask(
            self, self._ctx, self.view.id, None, self._today
        ):
            self._load_records()

    def _record_double_clicked(self) -> None:
        if self.writable and self.view is not None and not self.view.archived:
            self.edit_record()
        else:
            self.view_record()

    def view_record(self) -> None:
        record = self._selected_record()
        if self.view is not None and record is not None:
            MentorshipRecordDialog.view(self, self._ctx, self.view.id, record)

    def edit_record(self) -> None:
        record = self._selected_record()
        if (
            self.view is not None
            and record is not None
            and MentorshipRecordDialog.ask(self, self._ctx, self.view.id, record, self._today)
        ):
            self._load_records()

    def archive_record(self) -> None:
        record = self._selected_record()
        if record is None:
            return
        try:
            mentorship_records.archive_mentorship_record(self._ctx, record.id)
        except CadreDeskError as err:
            QMessageBox.warning(self, self.tr("Not saved"), str(err))
        self._load_records()
