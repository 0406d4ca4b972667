"""The profile's read-only tabs: 帮带, 成长日记, 谈话记录 and 时间轴 of one cadre.

Each is a `RecordTable` filled on demand (`fill(key, cadre_id)`, when its tab is first shown);
double-clicking a row emits the table's `activated_key` with (kind, record id).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from cadre_desk.services import diary, mentorship, talks, timeline
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.timeline import EventKind, Role
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.record_table import RecordTable

LAZY_TABS = ("mentorship", "diary", "talks", "timeline")


class RelatedLists(QObject):
    """The four tables (children of `parent`), their tab titles, and how each is filled."""

    def __init__(self, ctx: ServiceContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.mentorships = RecordTable(
            [self.tr("Role"), self.tr("Paired with"), self.tr("Term"), self.tr("Status")], (4, 5, 0, 5)
        )
        self.diary = RecordTable(
            [self.tr("Date"), self.tr("Title"), self.tr("Category"), self.tr("State")], (7, 0, 4, 5)
        )
        self.talks = RecordTable(
            [self.tr("Time"), self.tr("Kind"), self.tr("Talked with by"), self.tr("Place")], (9, 6, 0, 0)
        )
        self.timeline = RecordTable([self.tr("When"), self.tr("What"), self.tr("Record")], (11, 6, 0))
        self.titles = {
            "mentorship": self.tr("Pairings"),
            "diary": self.tr("Growth diary"),
            "talks": self.tr("Talks"),
            "timeline": self.tr("Timeline"),
        }
        self.widgets: dict[str, RecordTable] = {
            "mentorship": self.mentorships,
            "diary": self.diary,
            "talks": self.talks,
            "timeline": self.timeline,
        }
        for key, widget in self.widgets.items():
            widget.setObjectName(f"{key}List")

    def fill(self, key: str, cadre_id: int) -> int:
        """Load one table with the cadre's records; the number of rows."""
        if key == "mentorship":
            pairings = mentorship.list_mentorships(self._ctx, cadre_id)
            self.mentorships.set_rows(
                [
                    (
                        self.tr("Mentor") if m.mentor_id == cadre_id else self.tr("Mentee"),
                        m.mentee if m.mentor_id == cadre_id else m.mentor,
                        f"{m.term_start:%Y.%m.%d}--{m.term_end:%Y.%m.%d}",
                        code_text(m.status),
                    )
                    for m in pairings
                ],
                [("mentorship", m.id) for m in pairings],
            )
            return len(pairings)
        if key == "diary":
            entries = diary.list_entries(self._ctx, mentee_id=cadre_id)
            self.diary.set_rows(
                [(f"{e.date:%Y.%m.%d}", e.title, code_text(e.category), code_text(e.state)) for e in entries],
                [("diary", e.id) for e in entries],
            )
            return len(entries)
        if key == "talks":
            found = talks.list_talks(self._ctx, cadre_id=cadre_id)
            self.talks.set_rows(
                [(f"{t.talk_at:%Y.%m.%d %H:%M}", code_text(t.kind), t.talkers, t.place) for t in found],
                [("talk", t.id) for t in found],
            )
            return len(found)
        events = timeline.cadre_timeline(self._ctx, cadre_id)
        self.timeline.set_rows(
            [(e.when, self._event_label(e), self._event_text(e)) for e in events],
            [(e.record_kind, e.record_id) if e.record_id is not None else None for e in events],
        )
        return len(events)

    def _event_label(self, event: timeline.TimelineEvent) -> str:
        labels = {
            EventKind.RESUME: self.tr("Resume"),
            EventKind.CONCURRENT: self.tr("Resume (meanwhile)"),
            EventKind.REWARD: self.tr("Reward/punishment"),
            EventKind.ASSESSMENT: self.tr("Assessment"),
            EventKind.TRAINING: self.tr("Training"),
            EventKind.SECONDMENT: self.tr("Secondment"),
            EventKind.MENTORSHIP_START: self.tr("Pairing begins"),
            EventKind.MENTORSHIP_END: self.tr("Pairing ends"),
            EventKind.DIARY: self.tr("Growth diary"),
            EventKind.TALK: self.tr("Talk"),
        }
        return labels[event.kind]

    def _event_text(self, event: timeline.TimelineEvent) -> str:
        if event.kind in (EventKind.MENTORSHIP_START, EventKind.MENTORSHIP_END):
            if event.role is Role.MENTOR:
                return self.tr("Mentor of {name} ({status})").format(name=event.title, status=event.detail)
            return self.tr("Mentored by {name} ({status})").format(name=event.title, status=event.detail)
        if event.kind is EventKind.TALK:
            return self.tr("{kind}, by {talkers}").format(kind=event.title, talkers=event.detail)
        if event.detail:
            return f"{event.title}（{event.detail}）"
        return event.title
