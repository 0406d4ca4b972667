"""The read-only profile of the selected cadre: basic data, photo, and tabs for the child records.

Everything is loaded through `cadre_records.get_profile` (and `cadres.get_photo`) when a cadre is
chosen; the widgets only show the returned DTOs.
"""

from __future__ import annotations

import datetime as dt
import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.resume import Span, format_span
from cadre_desk.domain.yearmonth import format_date
from cadre_desk.errors import CadreDeskError
from cadre_desk.services import cadre_records, cadres
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile_form import ProfileForm
from cadre_desk.ui.record_table import RecordTable
from cadre_desk.ui.style import PROFILE_STYLE, emphasize, secondary

log = logging.getLogger("cadre_desk.ui")


def _number(value: float) -> str:
    return f"{value:g}" if value else ""


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return ""
    if start == end:
        return format_date(start)  # a one-day course
    return f"{format_date(start)}--{format_date(end)}"


def _deceased(text: str) -> bool:
    return any(word in text for word in ("已故", "去世", "病故", "逝世"))


class ProfileView(QWidget):
    """Shows one cadre's profile; `show_cadre(id)` loads it, `show_cadre(None)` shows the hint."""

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._cadre_id: int | None = None
        self.profile: cadre_records.CadreProfile | None = None

        self._stack = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("profilePlaceholder")
        self._stack.addWidget(self.placeholder)

        # Top: name, then the form in a scroll area; bottom: the record tabs. A splitter between them.
        self.title = QLabel(self)
        self.title.setObjectName("profileTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("profileSubtitle")
        self.subtitle.setWordWrap(True)
        emphasize(self.title, 1.6)
        secondary(self.subtitle)
        self.setStyleSheet(PROFILE_STYLE)
        self.form = ProfileForm(self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(12, 10, 12, 10)
        top_layout.addWidget(self.title)
        top_layout.addWidget(self.subtitle)
        top_layout.addSpacing(6)
        top_layout.addWidget(self.form)
        top_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(top)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.resume_notes = QLabel(self)
        self.resume_notes.setObjectName("resumeNotes")
        self.resume_notes.setWordWrap(True)
        self.resume_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resume = QTextBrowser(self)
        self.resume.setOpenLinks(False)
        resume_page = QWidget(self)
        resume_layout = QVBoxLayout(resume_page)
        resume_layout.setContentsMargins(0, 4, 0, 0)
        resume_layout.addWidget(self.resume_notes)
        resume_layout.addWidget(self.resume, 1)
        self.family = RecordTable(
            [
                self.tr("Relation"),
                self.tr("Name"),
                self.tr("Born"),
                self.tr("Political status"),
                self.tr("Employer and post"),
            ],
            (4, 5, 5, 6, 0),
        )
        self.rewards = RecordTable(
            [self.tr("Kind"), self.tr("Date"), self.tr("Description"), self.tr("Approved by")], (3, 5, 0, 7)
        )
        self.assessments = RecordTable([self.tr("Year"), self.tr("Grade"), self.tr("Notes")], (4, 6, 0))
        self.trainings = RecordTable(
            [
                self.tr("Course"),
                self.tr("Kind"),
                self.tr("Organiser"),
                self.tr("Dates"),
                self.tr("Hours"),
                self.tr("Days"),
            ],
            (0, 5, 0, 11, 3, 3),
        )
        self.secondments = RecordTable(
            [self.tr("Host unit"), self.tr("Post"), self.tr("Period"), self.tr("Kind")], (0, 0, 10, 4)
        )
        self._tab_titles = (
            self.tr("Resume"),
            self.tr("Family"),
            self.tr("Rewards and punishments"),
            self.tr("Assessments"),
            self.tr("Training"),
            self.tr("Secondments"),
        )
        for page, title in zip(
            (resume_page, self.family, self.rewards, self.assessments, self.trainings, self.secondments),
            self._tab_titles,
            strict=True,
        ):
            self.tabs.addTab(page, title)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("profileSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self._stack.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.show_cadre(None)

    @property
    def cadre_id(self) -> int | None:
        return self._cadre_id

    def show_message(self, text: str) -> None:
        self._cadre_id = None
        self.profile = None
        self.placeholder.setText(text)
        self._stack.setCurrentWidget(self.placeholder)

    def show_cadre(self, cadre_id: int | None) -> None:
        if cadre_id is None:
            self.show_message(self.tr("Select a cadre in the roster to see the profile."))
            return
        try:
            profile = cadre_records.get_profile(self._ctx, cadre_id)
            photo_data = cadres.get_photo(self._ctx, cadre_id) if profile.cadre.has_photo else None
        except CadreDeskError as exc:  # e.g. archived or removed by someone else meanwhile
            self.show_message(str(exc))
            return
        photo: QPixmap | None = None
        if photo_data is not None:
            photo = QPixmap()
            if not photo.loadFromData(photo_data[0]):
                log.warning("photo of cadre %s could not be decoded", cadre_id)
                photo = None
        self._cadre_id = cadre_id
        self.profile = profile
        self._fill(profile, photo)
        self._stack.setCurrentWidget(self.splitter)

    def _fill(self, profile: cadre_records.CadreProfile, photo: QPixmap | None) -> None:
        cadre = profile.cadre
        title = cadre.name
        if cadre.archived:
            title = self.tr("{name} (archived)").format(name=title)
        self.title.setText(title)
        self.subtitle.setText(" ".join(p for p in (cadre.unit, cadre.post) if p))
        self.subtitle.setVisible(bool(cadre.unit or cadre.post))
        self.form.set_cadre(cadre, photo)
        self._fill_resume(profile)
        self.family.set_rows(
            [
                (
                    m.relation,
                    m.name,
                    str(m.birth) if m.birth else "",
                    m.political_status,
                    self.tr("{text} (deceased)").format(text=m.employer_post)
                    if m.deceased and not _deceased(m.employer_post)
                    else m.employer_post,
                )
                for m in profile.family
            ]
        )
        self.rewards.set_rows(
            [(r.kind, str(r.date) if r.date else "", r.text, r.issuer) for r in profile.rewards]
        )
        self.assessments.set_rows([(str(a.year), a.grade, a.notes) for a in profile.assessments])
        self.trainings.set_rows(
            [
                (
                    t.name,
                    t.kind,
                    t.organiser,
                    _dates(t.start_date, t.end_date),
                    _number(t.hours),
                    _number(t.days),
                )
                for t in profile.trainings
            ]
        )
        self.secondments.set_rows(
            [(s.place, s.post, format_span(Span(s.start, s.end)), s.kind) for s in profile.secondments]
        )
        counts = (
            len(profile.resume),
            len(profile.family),
            len(profile.rewards),
            len(profile.assessments),
            len(profile.trainings),
            len(profile.secondments),
        )
        for i, (title_text, count) in enumerate(zip(self._tab_titles, counts, strict=True)):
            self.tabs.setTabText(i, self.tr("{title} ({count})").format(title=title_text, count=count))

    def _fill_resume(self, profile: cadre_records.CadreProfile) -> None:
        rows: list[str] = []
        for entry in profile.resume:
            span = html.escape(format_span(Span(entry.start, entry.end)))
            rows.append(
                f'<tr><td style="white-space:pre" valign="top">{span}</td>'
                f'<td valign="top">{html.escape(entry.text)}</td></tr>'
            )
            for sub in entry.concurrent:
                line = self.tr("Meanwhile: {span} {text}").format(
                    span=format_span(Span(sub.start, sub.end)), text=sub.text
                )
                cell = html.escape(line).replace("  ", "&nbsp; ")  # keep the form's double space
                rows.append(f'<tr><td></td><td style="padding-left:24px">{cell}</td></tr>')
        if rows:
            body = '<table cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>"
        else:
            empty = self.tr("No resume lines recorded.")
            body = f"<p>{html.escape(empty)}</p>"
        self.resume.setHtml(body)
        if profile.resume_warnings:
            items = "；".join(w.message for w in profile.resume_warnings)
            self.resume_notes.setText(self.tr("Please check the resume: {items}").format(items=items))
            self.resume_notes.show()
        else:
            self.resume_notes.clear()
            self.resume_notes.hide()
