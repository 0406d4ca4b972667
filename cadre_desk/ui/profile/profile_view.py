"""干部档案: the profile of one cadre in tabs, edited in place.

基本信息 and the six record lists are editable and saved together with one 保存 (each through its own
service call, in order, each carrying the version the previous one returned). 帮带, 成长日记, 谈话记录
and 时间轴 are read-only lists loaded only when their tab is first shown; double-clicking a row there
emits `open_record(kind, id)`. A stale save shows both versions (`ConflictDialog`); leaving with
unsaved edits asks first (`maybe_leave`).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ConflictError, StorageError, ValidationError
from cadre_desk.services import (
    appointment,
    cadre_records,
    cadres,
    diary,
    mentorship,
    portrait,
    retirement,
    talks,
    timeline,
    units,
    verification,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.services.timeline import EventKind, Role
from cadre_desk.ui.barometer.quarter_strip import QuarterStrip
from cadre_desk.ui.development.retirement_dialog import RetirementDialog
from cadre_desk.ui.profile.case_form import CaseForm
from cadre_desk.ui.profile.obligations_tab import ObligationsTab
from cadre_desk.ui.profile.portrait_view import PortraitView
from cadre_desk.ui.profile.profile_form import CadreForm
from cadre_desk.ui.profile.profile_lists import ListTab, list_tabs, split_errors
from cadre_desk.ui.profile.record_editor import RecordEditor
from cadre_desk.ui.shell.style import PROFILE_STYLE, emphasize, secondary
from cadre_desk.ui.tolerance.negative_warning import NegativeRecordWarning, warnings_for
from cadre_desk.ui.tolerance.profile_banner import ToleranceBanner
from cadre_desk.ui.widgets.codes import code_text
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog, Resolution
from cadre_desk.ui.widgets.drafts import DraftKeeper
from cadre_desk.ui.widgets.permits import Act, allows, guard, make_read_only
from cadre_desk.ui.widgets.photo_crop import PhotoCropDialog
from cadre_desk.ui.widgets.record_table import RecordTable
from cadre_desk.ui.widgets.retry_box import RetryBox
from cadre_desk.ui.widgets.tab_strip import TabStrip

log = logging.getLogger("cadre_desk.ui")

LAZY_TABS = ("mentorship", "diary", "talks", "timeline")


class ProfileView(QWidget):
    """`show_cadre(id)` loads a cadre (after `maybe_leave()` if the caller is switching)."""

    saved = Signal(int)  # cadre id, after any successful save (the roster refreshes its row)
    open_record = Signal(str, int)  # "mentorship" | "diary" | "talk", record id
    dirty_changed = Signal(bool)
    obligations_changed = Signal()  # an owed talk (or a talk recorded from it) changed on the 应谈 tab

    def __init__(
        self, ctx: ServiceContext, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self._cadre_id: int | None = None
        self._version = 0
        self._dirty = False
        self._stale_conflicts: list[tuple[str, str, str]] = []
        self._drafts: DraftKeeper | None = None  # 基本信息 and 任免 of the cadre shown, through a crash
        self._loaded_tabs: set[str] = set()
        self.profile: cadre_records.CadreProfile | None = None
        self.to_verify: tuple[verification.ProblemView, ...] = ()

        self._stack = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("profilePlaceholder")
        self._stack.addWidget(self.placeholder)

        self.title = QLabel(self)
        self.title.setObjectName("profileTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        emphasize(self.title, 1.5)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("profileSubtitle")
        self.subtitle.setWordWrap(True)
        secondary(self.subtitle)
        self.status = QLabel(self)
        self.status.setObjectName("profileStatus")
        self.status.setWordWrap(True)
        # 待核实: what an import found that staff should check; gone once the fields are corrected.
        self.verify_banner = QLabel(self)
        self.verify_banner.setObjectName("toVerifyBanner")
        self.verify_banner.setWordWrap(True)
        self.verify_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_banner.setStyleSheet(
            "QLabel#toVerifyBanner { background: #fff4e5; border: 1px solid #e0a040; padding: 6px; }"
        )
        self.verify_banner.hide()
        self.tolerance_banner = ToleranceBanner(self)  # 已容错: the cadre's 免责 rulings
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("profileSave")
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("Discard changes"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.retirement_button = QPushButton(self.tr("Retirement…"), self)
        self.retirement_button.setObjectName("profileRetirement")
        self.retirement_button.setToolTip(self.tr("Set the retirement month by hand, with a reason"))
        self.retirement_button.clicked.connect(self.edit_retirement)
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("profilePrint")
        self.print_button.setText(self.tr("Print / PDF"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_dossier_action = print_menu.addAction(self.tr("Cadre dossier (干部成长档案)…"))
        self.print_form_action = print_menu.addAction(self.tr("Appointment form (干部任免审批表)…"))
        self.inspection_action = print_menu.addAction(self.tr("Inspection report (考察材料)…"))
        self.inspection_action.setObjectName("profileInspection")
        self.inspection_action.triggered.connect(self.edit_inspection)
        print_menu.addSeparator()
        self.print_draft_action = print_menu.addAction(self.tr("Draft watermark (草稿)"))
        self.print_draft_action.setObjectName("printDraft")
        self.print_draft_action.setCheckable(True)
        self.print_dossier_action.triggered.connect(self.print_dossier)
        self.print_form_action.triggered.connect(self.print_form)
        self.print_button.setMenu(print_menu)
        self.setStyleSheet(PROFILE_STYLE)

        self.form = CadreForm(self)
        self.form.changed.connect(self._edited)
        self.form.photo_import_requested.connect(self.import_photo)
        self.form.photo_remove_requested.connect(self.remove_photo)
        basic = QWidget(self)
        basic_layout = QVBoxLayout(basic)
        basic_layout.setContentsMargins(8, 8, 8, 8)
        basic_layout.addWidget(self.form)
        basic_layout.addStretch(1)
        self.basic_scroll = QScrollArea(self)
        self.basic_scroll.setWidgetResizable(True)
        self.basic_scroll.setWidget(basic)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("profileTabs")
        self.tabs.setDocumentMode(True)
        self._basic_title = self.tr("Basic information")
        self.tabs.addTab(self.basic_scroll, self._basic_title)
        self.case_form = CaseForm(self)
        self.case_form.changed.connect(self._edited)
        self.case_scroll = QScrollArea(self)
        self.case_scroll.setObjectName("caseTab")
        self.case_scroll.setWidgetResizable(True)
        self.case_scroll.setWidget(self.case_form)
        self.tabs.addTab(self.case_scroll, self.tr("Appointment"))

        self.list_tabs: dict[str, ListTab] = {tab.key: tab for tab in list_tabs()}
        self.editors: dict[str, RecordEditor] = {}
        for tab in self.list_tabs.values():
            editor = RecordEditor(tab.specs, self)
            editor.setObjectName(f"{tab.key}Editor")
            editor.changed.connect(self._edited)
            self.editors[tab.key] = editor
            self.tabs.addTab(editor, tab.title)
        self.resume = self.editors["resume"]
        self.resume.changed.connect(self._check_resume)

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
        self._lazy_titles = {
            "mentorship": self.tr("Pairings"),
            "diary": self.tr("Growth diary"),
            "talks": self.tr("Talks"),
            "timeline": self.tr("Timeline"),
        }
        self._lazy_widgets = {
            "mentorship": self.mentorships,
            "diary": self.diary,
            "talks": self.talks,
            "timeline": self.timeline,
        }
        for key, widget in self._lazy_widgets.items():
            widget.setObjectName(f"{key}List")
            widget.activated_key.connect(self._open)
            self.tabs.addTab(widget, self._lazy_titles[key])
        self.portrait_view = PortraitView(self)
        self.tabs.addTab(self.portrait_view, self.tr("Growth portrait"))
        # 应谈 (三必谈): the cadre's owed talks and warning ladder, loaded when the tab is shown
        self.obligations_tab = ObligationsTab(ctx, self)
        self.obligations_tab.open_record.connect(self.open_record)
        self.obligations_tab.changed.connect(self.obligations_changed)
        self.tabs.addTab(self.obligations_tab, self.tr("Owed talks"))
        self.tabs.currentChanged.connect(self._tab_changed)
        # A 导师 reads his mentee's profile and pairings: not the supervision records (任免, talks, the
        # timeline and portrait drawn from them, 应谈, the barometer), which the services keep from him.
        self.reads_all = allows(ctx, Act.RECORDS)
        if not self.reads_all:
            for page in (
                self.case_scroll,
                self.talks,
                self.timeline,
                self.portrait_view,
                self.obligations_tab,
            ):
                self.tabs.removeTab(self.tabs.indexOf(page))
                page.hide()
        self.tab_strip = TabStrip(self)  # wraps onto a second row rather than hiding tabs
        self.tab_strip.attach(self.tabs)
        # What the account's roles allow (the services decide; this only avoids offering a refusal).
        editing = [self.save_button, self.revert_button, self.retirement_button]
        editing += [self.form.import_photo_button, self.form.remove_photo_button]
        editing += [b for editor in self.editors.values() for b in editor.buttons()]
        self.writable = guard(ctx, Act.WRITE, *editing)
        guard(
            ctx,
            Act.OUTPUT,
            self.print_button,
            self.print_dossier_action,
            self.print_form_action,
            self.inspection_action,
            self.print_draft_action,
        )
        if not self.writable:  # a 领导查阅 reads the profile: every field shows, none takes input
            make_read_only(self.form, self.case_form, *self.editors.values())

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        self.barometer_strip = QuarterStrip(self._ctx, self)  # 晴雨表: the colour of each past period
        titles.addWidget(self.barometer_strip)
        self.barometer_strip.setVisible(self.reads_all)
        header.addLayout(titles, 1)
        header.addWidget(self.retirement_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(8, 6, 8, 0)
        body_layout.addLayout(header)
        body_layout.addWidget(self.verify_banner)
        body_layout.addWidget(self.tolerance_banner)
        body_layout.addWidget(self.status)
        body_layout.addWidget(self.tab_strip)
        body_layout.addWidget(self.tabs, 1)
        self.body = body
        self._stack.addWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.show_cadre(None)

    # --- loading ----------------------------------------------------------------------------------

    @property
    def cadre_id(self) -> int | None:
        return self._cadre_id

    @property
    def version(self) -> int:
        return self._version

    def show_message(self, text: str) -> None:
        if self._drafts is not None:
            self._drafts.discard()
            self._drafts = None
        self._cadre_id = None
        self.profile = None
        self.placeholder.setText(text)
        self._stack.setCurrentWidget(self.placeholder)
        self._set_dirty(False)

    def show_cadre(self, cadre_id: int | None) -> None:
        """Load a cadre, discarding any edits (ask with `maybe_leave()` first)."""
        if cadre_id is None:
            self.show_message(self.tr("Select a cadre in the roster to see the profile."))
            return
        try:
            profile = cadre_records.get_profile(self._ctx, cadre_id)
            photo_data = cadres.get_photo(self._ctx, cadre_id) if profile.cadre.has_photo else None
        except CadreDeskError as exc:  # e.g. removed by someone else meanwhile
            self.show_message(str(exc))
            return
        if self.reads_all:
            self.form.set_units(units.list_units(self._ctx, include_archived=True))
        else:  # a 导师 reading his mentee's profile: the unit shown is the only one he may see
            self.form.set_units([], (profile.cadre.unit_id, profile.cadre.unit))
        self._cadre_id = cadre_id
        self._stale_conflicts = []
        self._loaded_tabs = set()
        self._fill(profile)
        self.form.set_photo(self._pixmap(photo_data))
        self.status.clear()
        self.status.hide()
        self._stack.setCurrentWidget(self.body)
        self._set_dirty(False)
        self._show_related_counts(cadre_id)
        if self.reads_all:
            self.obligations_tab.set_cadre(cadre_id)
        self._tab_changed(self.tabs.currentIndex())
        self._keep_drafts(profile.cadre)

    def _keep_drafts(self, cadre: cadres.CadreView) -> None:
        """Unsaved input in the form survives a crash: a draft every few seconds (ui.widgets.drafts),
        offered back when this cadre's profile is shown again. The list tabs are not kept."""
        if self._drafts is not None:
            self._drafts.discard()
            self._drafts.deleteLater()
            self._drafts = None
        if not self.writable:
            return
        self._drafts = DraftKeeper(
            self,
            lambda: self._cadre_id == cadre.id and (self.form.is_dirty() or self.case_form.is_dirty()),
            identity=str(cadre.id),
            title=self.tr("Profile of {name}").format(name=cadre.name),
            roots=(self.form, self.case_form),
        )
        if self._drafts.start():
            self._edited()
            self.tabs.setCurrentWidget(self.basic_scroll)
            self.status.setStyleSheet("")
            self.status.setText(
                self.tr("Unsaved input of an earlier session was put back: save or discard it.")
            )
            self.status.show()

    def _show_related_counts(self, cadre_id: int) -> None:
        """The counts on the 帮带, 成长日记 and 谈话记录 tabs before they are visited."""
        for key, count in cadre_records.related_counts(self._ctx, cadre_id).items():
            index = self.tabs.indexOf(self._lazy_widgets[key])
            self.tabs.setTabText(
                index, self.tr("{title} ({count})").format(title=self._lazy_titles[key], count=count)
            )
        self.tab_strip.sync_texts()

    def _pixmap(self, data: tuple[bytes, str] | None) -> QPixmap | None:
        if data is None:
            return None
        photo = QPixmap()
        if not photo.loadFromData(data[0]):
            log.warning("photo of cadre %s could not be decoded", self._cadre_id)
            return None
        return photo

    def _fill(self, profile: cadre_records.CadreProfile) -> None:
        self.profile = profile
        cadre = profile.cadre
        self._version = cadre.version
        title = cadre.name
        if cadre.archived:
            title = self.tr("{name} (archived)").format(name=title)
        self.title.setText(title)
        age = self.tr("%n year(s) old", "", cadre.age(self._today))
        info = retirement.get_retirement(self._ctx, cadre.id)
        retires = self.tr("Retirement: {month}").format(month=info.text())
        if info.source == retirement.MANUAL:
            retires += self.tr(" (set by hand: {reason})").format(reason=info.reason)
        self.subtitle.setText("　".join(p for p in (cadre.unit, cadre.post, age, retires) if p))
        self.form.load(cadre, self._today)
        if self.reads_all:
            self.barometer_strip.show_cadre(cadre.id)
            self.case_form.load(appointment.get_case(self._ctx, cadre.id, self._today))
        self._fill_lists(profile)
        self.show_to_verify(profile.to_verify)
        self.tolerance_banner.show_for(self._ctx, cadre.id)

    def show_to_verify(self, problems: tuple[verification.ProblemView, ...]) -> None:
        """The 待核实 banner: each problem an import found, with its field (hidden when none)."""
        self.to_verify = problems
        if not problems:
            self.verify_banner.clear()
            self.verify_banner.hide()
            return
        lines = [
            self.tr(
                "To verify (待核实): {count} problem(s) found when this cadre was imported. "
                "Correct the field and save; a problem that no longer applies disappears."
            ).format(count=len(problems))
        ]
        lines.extend(f"• {p.label}：{p.message}" for p in problems)
        self.verify_banner.setText("\n".join(lines))
        self.verify_banner.show()

    def _fill_lists(self, profile: cadre_records.CadreProfile, only: set[str] | None = None) -> None:
        for key, tab in self.list_tabs.items():
            if only is None or key in only:
                self.editors[key].load(tab.rows_of(profile))
            self._set_tab_count(key, tab.count_of(profile))
        if only is None or "resume" in only:
            self._check_resume()

    def _set_tab_count(self, key: str, count: int) -> None:
        index = self.tabs.indexOf(self.editors[key])
        title = self.list_tabs[key].title
        self.tabs.setTabText(index, self.tr("{title} ({count})").format(title=title, count=count))
        self.tab_strip.sync_texts()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.portrait_view:
            self.load_portrait()
        for key, lazy in self._lazy_widgets.items():
            if widget is lazy:
                self.load_tab(key)

    def load_tab(self, key: str) -> None:
        """Fill one of the read-only tabs (once per cadre shown)."""
        if self._cadre_id is None or key in self._loaded_tabs:
            return
        self._loaded_tabs.add(key)
        try:
            count = self._load_lazy(key, self._cadre_id)
        except CadreDeskError as exc:
            self.status.setText(str(exc))
            self.status.show()
            return
        index = self.tabs.indexOf(self._lazy_widgets[key])
        self.tabs.setTabText(
            index, self.tr("{title} ({count})").format(title=self._lazy_titles[key], count=count)
        )
        self.tab_strip.sync_texts()

    def load_portrait(self) -> None:
        """Draw the growth portrait (once per cadre shown, like the other read-only tabs)."""
        if self._cadre_id is None or "portrait" in self._loaded_tabs:
            return
        self._loaded_tabs.add("portrait")
        try:
            self.portrait_view.set_portrait(portrait.growth_portrait(self._ctx, self._cadre_id, self._today))
        except CadreDeskError as exc:
            self.portrait_view.set_portrait(None)
            self.status.setText(str(exc))
            self.status.show()

    def load_all_tabs(self) -> None:
        for key in LAZY_TABS:
            if self.tabs.indexOf(self._lazy_widgets[key]) >= 0:  # a 导师's profile has no talks tab
                self.load_tab(key)

    def _load_lazy(self, key: str, cadre_id: int) -> int:
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

    def _open(self, key: object) -> None:
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], int) and key[0]:
            self.open_record.emit(str(key[0]), key[1])

    # --- editing state ----------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self._cadre_id is not None and (
            self.form.is_dirty()
            or self.case_form.is_dirty()
            or any(e.is_dirty() for e in self.editors.values())
        )

    def _edited(self) -> None:
        dirty = self.is_dirty()
        if dirty and self.status.text() == self.tr("Saved."):
            self.status.clear()  # "Saved." never stands next to an enabled Save button
            self.status.hide()
        self._set_dirty(dirty)

    def _set_dirty(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def _check_resume(self) -> None:
        entries, _prefixes = self.list_tabs["resume"].inputs_of(self.resume.records.records())
        warnings = cadre_records.resume_warnings(entries)
        if warnings:
            items = "；".join(w.message for w in warnings)
            self.resume.notes.setText(self.tr("Please check the resume: {items}").format(items=items))
        self.resume.notes.setVisible(bool(warnings))

    def revert(self) -> None:
        self.form.revert()
        self.case_form.revert()
        for editor in self.editors.values():
            editor.records.revert()
        self._check_resume()
        self.status.hide()
        self._set_dirty(False)
        if self._drafts is not None:
            self._drafts.clear()

    # Printing prints what is saved: unsaved edits are saved or discarded first (or printing is
    # cancelled). ui.printing is imported on first print, so that start-up does not load reportlab.

    def _saved_cadre(self) -> int | None:
        return self.cadre_id if self.cadre_id is not None and self.maybe_leave() else None

    def edit_retirement(self) -> None:
        """The manual 到龄 month: saved on its own, so unsaved profile edits are saved first."""
        cadre_id = self._saved_cadre()
        if cadre_id is None:
            return
        if RetirementDialog.ask(self, self._ctx, cadre_id, self._version) is not None:
            self.show_cadre(cadre_id)
            self.saved.emit(cadre_id)

    def print_dossier(self) -> None:
        cadre_id = self._saved_cadre()
        if cadre_id is not None:
            from cadre_desk.ui.printing import printing

            printing.print_cadre_dossier(self, self._ctx, cadre_id)

    def print_form(self) -> None:
        cadre_id = self._saved_cadre()
        if cadre_id is not None:
            from cadre_desk.ui.printing import printing

            printing.print_appointment_form(self, self._ctx, cadre_id, self.print_draft_action.isChecked())

    def edit_inspection(self) -> None:
        """Open the 考察材料 of the cadre shown (drafted from the records when none is saved)."""
        cadre_id = self._saved_cadre()
        if cadre_id is None:
            return
        from cadre_desk.ui.inspection.inspection_dialog import InspectionDialog

        try:
            dialog = InspectionDialog(self._ctx, cadre_id, self)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Inspection report (考察材料)"), str(exc))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def maybe_leave(self) -> bool:
        """True if the caller may show something else: nothing unsaved, saved, or discarded."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The profile of {name} has unsaved changes. Save them?").format(
                name=self.profile.cadre.name if self.profile else ""
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    # --- saving -----------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b;")
        self.status.show()

    def _live_problems(self) -> QWidget | None:
        """The first tab with a field in error (checked as typed), or None."""
        if self.form.validate():
            return self.basic_scroll
        for key, editor in self.editors.items():
            if editor.is_dirty() and editor.records.errors():
                return self.editors[key]
        return None

    def save(self) -> bool:
        """Save every changed part; True when nothing is left unsaved."""
        if self._cadre_id is None or not self.is_dirty():
            return True
        broken = self._live_problems()
        if broken is not None:
            self.tabs.setCurrentWidget(broken)
            self._say(self.tr("Please correct the fields marked in red before saving."))
            return False
        cadre_id = self._cadre_id
        if self._stale_conflicts:
            return self._resolve_conflict(cadre_id)
        if not self._tolerated_matters_checked(cadre_id):
            return False
        try:
            self._save_parts(cadre_id)
        except ConflictError:
            return self._resolve_conflict(cadre_id)
        except ValidationError:
            return False  # shown at the fields by _save_parts
        except StorageError as exc:  # locked, full, vanished: what was typed stays in the form
            self._say(self.tr("Not saved: {reason}").format(reason=str(exc)))
            if exc.retryable and RetryBox.ask(self, self.tr("Could not save"), str(exc)):
                return self.save()
            if not exc.retryable:
                QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return False
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return False
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Saved."))
        self.status.show()
        self._set_dirty(False)
        if self._drafts is not None:
            self._drafts.clear()
        self.saved.emit(cadre_id)
        return True

    def _tolerated_matters_checked(self, cadre_id: int) -> bool:
        """A negative record that may concern a 免责 matter: warn, and save only if the user goes on."""
        changed: dict[str, list[dict[str, str]]] = {
            key: self.editors[key].records.changed_records()
            for key in ("rewards", "assessments")
            if key in self.editors and self.editors[key].is_dirty()
        }
        today = self._today or dt.date.today()
        messages = warnings_for(self._ctx, cadre_id, changed, today) if changed else []
        return not messages or NegativeRecordWarning.ask(self, messages)

    def _save_parts(self, cadre_id: int) -> None:
        """Each changed part in turn; a part that saved is clean even if a later one fails."""
        if self.form.is_dirty():
            try:
                view = cadres.update_cadre(self._ctx, cadre_id, self.form.value(), self._version)
            except ValidationError as exc:
                rest = self.form.show_errors(exc.fields)
                self.tabs.setCurrentWidget(self.basic_scroll)
                self._say("\n".join(rest) or self.tr("Please correct the fields marked in red."))
                raise
            self._version = view.version
            self.form.load(view, self._today)
            if self.profile is not None:
                self.profile = cadre_records.CadreProfile(
                    view,
                    self.profile.resume,
                    self.profile.family,
                    self.profile.rewards,
                    self.profile.assessments,
                    self.profile.trainings,
                    self.profile.secondments,
                    self.profile.resume_warnings,
                )
                self.title.setText(view.name)
        if self.case_form.is_dirty():
            try:
                case = appointment.save_case(self._ctx, cadre_id, self.case_form.value(), self._version)
            except ValidationError as exc:
                rest = self.case_form.show_errors(exc.fields)
                self.tabs.setCurrentWidget(self.case_scroll)
                self._say("\n".join(rest) or self.tr("Please correct the fields marked in red."))
                raise
            self._version = case.cadre_version
            self.case_form.load(case)
        for key, tab in self.list_tabs.items():
            editor = self.editors[key]
            if not editor.is_dirty():
                continue
            inputs, prefixes = tab.inputs_of(editor.records.records())
            try:
                profile = tab.save(self._ctx, cadre_id, inputs, self._version)
            except ValidationError as exc:
                cells, rest = split_errors(exc.fields, prefixes)
                editor.records.set_server_errors(cells)
                editor.show_messages(rest)
                self.tabs.setCurrentWidget(editor)
                self._say(self.tr("Please correct the fields marked in red."))
                raise
            self._version = profile.cadre.version
            self.profile = profile
            self._fill_lists(profile, only={key})
        self._loaded_tabs = set()  # the timeline may have changed
        self._tab_changed(self.tabs.currentIndex())
        self.show_to_verify(verification.get_problems(self._ctx, cadre_id))  # re-checked by the save

    def differences(self, theirs: cadre_records.CadreProfile) -> list[tuple[str, str, str]]:
        """(field, mine, theirs) for every edited part that differs from the saved version."""
        found: list[tuple[str, str, str]] = []
        if self.form.is_dirty():
            saved = CadreForm._texts_of(self.form, theirs.cadre)
            for key in saved:
                mine = self.form.text_of(key)
                if mine != saved[key]:
                    if key == "unit_id":
                        mine, saved_text = self.form.value_text(key), theirs.cadre.unit
                    else:
                        saved_text = saved[key]
                    found.append((self.form.label_of(key), mine, saved_text))
        for key, tab in self.list_tabs.items():
            editor = self.editors[key]
            if not editor.is_dirty():
                continue
            mine_lines = ["  ".join(v for v in values if v) for _i, values in editor.records.snapshot()]
            their_lines = ["  ".join(v for v in values if v) for _i, values in tab.rows_of(theirs)]
            if mine_lines != their_lines:
                found.append((tab.title, "\n".join(mine_lines), "\n".join(their_lines)))
        return found

    def merge_stored(self, theirs: cadre_records.CadreProfile) -> list[tuple[str, str, str]]:
        """Three-way merge of the edits here with the stored profile `theirs` (base: what this view
        loaded). Changes on one side only are combined without asking: fields and list tabs changed
        only in the store are taken into the form, those changed only here stay. Returns (label,
        mine, theirs) for what both sides changed differently; `theirs` becomes the new base."""
        base = self.profile
        conflicts: list[tuple[str, str, str]] = []
        for key in self.form.merge_stored(theirs.cadre):
            mine, stored = self.form.value_text(key), CadreForm._texts_of(self.form, theirs.cadre)[key]
            if key == "unit_id":
                stored = theirs.cadre.unit
            conflicts.append((self.form.label_of(key), mine, stored))
        reload: set[str] = set()
        for key, tab in self.list_tabs.items():
            theirs_rows = tab.rows_of(theirs)
            theirs_changed = base is None or tab.rows_of(base) != theirs_rows
            if not theirs_changed:
                continue
            editor = self.editors[key]
            if not editor.is_dirty():
                reload.add(key)
                continue
            mine_lines = ["  ".join(v for v in values if v) for _i, values in editor.records.snapshot()]
            their_lines = ["  ".join(v for v in values if v) for _i, values in theirs_rows]
            if mine_lines != their_lines:
                conflicts.append((tab.title, "\n".join(mine_lines), "\n".join(their_lines)))
        self.profile = theirs
        self._version = theirs.cadre.version
        if reload:
            self._fill_lists(theirs, only=reload)
        self._set_dirty(self.is_dirty())
        return conflicts

    def refresh_from_store(self) -> None:
        """After a change made elsewhere in this window (an import, another page): show the stored
        profile again, merging it under any unsaved edits (fields both sides changed wait for Save)."""
        cadre_id = self._cadre_id
        if cadre_id is None:
            return
        if not self.is_dirty():
            self.show_cadre(cadre_id)
            return
        try:
            theirs = cadre_records.get_profile(self._ctx, cadre_id)
        except CadreDeskError as exc:
            self._say(str(exc))
            return
        if theirs.cadre.version == self._version:
            return
        self._stale_conflicts = self.merge_stored(theirs)
        self.title.setText(theirs.cadre.name)
        self._say(
            self.tr("The stored profile changed meanwhile and was merged with your unsaved edits.")
            if not self._stale_conflicts
            else self.tr("The stored profile changed meanwhile; Save asks about the fields both changed.")
        )

    def _resolve_conflict(self, cadre_id: int) -> bool:
        try:
            theirs = cadre_records.get_profile(self._ctx, cadre_id)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return False
        conflicts = self.merge_stored(theirs) + self._stale_conflicts
        self._stale_conflicts = []
        if not conflicts:
            return self.save()  # nothing overlapped: the edits go onto the stored version
        choice = ConflictDialog.ask(self, theirs.cadre.name, conflicts)
        if choice is Resolution.KEEP_THEIRS:
            labels = {label for label, _mine, _theirs in conflicts}
            for key in self.form.changed_fields():
                if self.form.label_of(key) in labels:
                    self.form.set_text(key, CadreForm._texts_of(self.form, theirs.cadre)[key])
            for key, tab in self.list_tabs.items():
                if tab.title in labels:
                    self.editors[key].load(tab.rows_of(theirs))
            if not self.is_dirty():
                self.show_cadre(cadre_id)
                self.saved.emit(cadre_id)
                return True
            return self.save()
        if choice is Resolution.OVERWRITE:
            return self.save()
        self._stale_conflicts = conflicts  # cancelled: asked again at the next save
        self._say(self.tr("Not saved: your changes are still in the form."))
        return False

    # --- photo ------------------------------------------------------------------------------------

    def import_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import photo"), "", self.tr("Images (*.jpg *.jpeg *.png)")
        )
        if path:
            self.import_photo_file(Path(path))

    def import_photo_file(self, path: Path) -> bool:
        if self._cadre_id is None:
            return False
        image = QImage(str(path))
        if image.isNull():
            QMessageBox.warning(
                self,
                self.tr("Import photo"),
                self.tr("{file} could not be read as a JPG or PNG image.").format(file=path.name),
            )
            return False
        data = PhotoCropDialog.ask(self, image)
        if data is None:
            return False
        return self._store_photo(data)

    def remove_photo(self) -> None:
        if self._cadre_id is None:
            return
        if confirmed(self, self.tr("Remove photo"), self.tr("Remove the photo of this cadre?")):
            self._store_photo(None)

    def _store_photo(self, data: bytes | None) -> bool:
        assert self._cadre_id is not None
        try:
            view = cadres.set_photo(self._ctx, self._cadre_id, data)
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Import photo"), str(exc))
            return False
        if view.version == self._version + 1:
            # Only our own change since we loaded: edits in the form stay and save against it.
            # (Otherwise someone else saved too, and the next save must still meet the conflict.)
            self._version = view.version
        self.form.set_photo(self._pixmap((data, "image/jpeg")) if data is not None else None)
        self.saved.emit(self._cadre_id)
        return True
