"""干部档案: the profile of one cadre in tabs, edited in place.

基本信息 and the six record lists are editable and saved together with one 保存 (each through its own
service call, in order, each carrying the version the previous one returned: ui.profile.saving). 帮带,
成长日记, 谈话记录 and 时间轴 are read-only lists loaded only when their tab is first shown
(ui.profile.related_tabs); double-clicking a row there emits `open_record(kind, id)`. A stale save
shows both versions (`ConflictDialog`, after the three-way merge of ui.profile.merge); leaving with
unsaved edits asks first (`maybe_leave`); unsaved input is kept as a draft through a crash
(ui.profile.profile_drafts). The header's acts (printing, 到龄, 考察材料, the photo) are in
ui.profile.profile_actions.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
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

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import (
    appointment,
    cadre_records,
    cadres,
    portrait,
    retirement,
    units,
    verification,
)
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.barometer.quarter_strip import QuarterStrip
from cadre_desk.ui.profile.case_form import CaseForm
from cadre_desk.ui.profile.merge import ProfileMerge
from cadre_desk.ui.profile.obligations_tab import ObligationsTab
from cadre_desk.ui.profile.portrait_view import PortraitView
from cadre_desk.ui.profile.profile_actions import ProfileActions
from cadre_desk.ui.profile.profile_drafts import ProfileDrafts
from cadre_desk.ui.profile.profile_form import CadreForm
from cadre_desk.ui.profile.profile_lists import ListTab, list_tabs
from cadre_desk.ui.profile.record_editor import RecordEditor
from cadre_desk.ui.profile.related_tabs import LAZY_TABS, RelatedLists
from cadre_desk.ui.profile.saving import ProfileSave
from cadre_desk.ui.shell.style import PROFILE_STYLE, emphasize, secondary
from cadre_desk.ui.tolerance.profile_banner import ToleranceBanner
from cadre_desk.ui.widgets.permits import Act, allows, guard, make_read_only
from cadre_desk.ui.widgets.tab_strip import TabStrip

log = logging.getLogger("cadre_desk.ui")


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
        self.merge = ProfileMerge(self)  # edits against a newer stored version of the cadre
        self.drafts = ProfileDrafts(self)  # unsaved input of the cadre shown, kept through a crash
        self.acts = ProfileActions(self)  # printing, 到龄, 考察材料, the photo
        self.saving = ProfileSave(self)  # the save of every changed part
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
        self.retirement_button.clicked.connect(self.acts.edit_retirement)
        self.retirement_view_button = QPushButton(self.tr("Retirement…"), self)
        self.retirement_view_button.setObjectName("profileRetirementView")
        self.retirement_view_button.setToolTip(self.tr("The retirement month and its reason, for reading"))
        self.retirement_view_button.clicked.connect(self.acts.view_retirement)
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("profilePrint")
        self.print_button.setText(self.tr("Print / PDF"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_dossier_action = print_menu.addAction(self.tr("Cadre dossier (干部成长档案)…"))
        self.print_form_action = print_menu.addAction(self.tr("Appointment form (干部任免审批表)…"))
        self.inspection_action = print_menu.addAction(self.tr("Inspection report (考察材料)…"))
        self.inspection_action.setObjectName("profileInspection")
        self.inspection_action.triggered.connect(self.acts.edit_inspection)
        print_menu.addSeparator()
        self.print_draft_action = print_menu.addAction(self.tr("Draft watermark (草稿)"))
        self.print_draft_action.setObjectName("printDraft")
        self.print_draft_action.setCheckable(True)
        self.print_dossier_action.triggered.connect(self.acts.print_dossier)
        self.print_form_action.triggered.connect(self.acts.print_form)
        self.print_button.setMenu(print_menu)
        self.setStyleSheet(PROFILE_STYLE)

        self.form = CadreForm(self)
        self.form.changed.connect(self._edited)
        self.form.photo_import_requested.connect(self.acts.import_photo)
        self.form.photo_remove_requested.connect(self.acts.remove_photo)
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

        self.related = RelatedLists(ctx, self)
        self.mentorships, self.diary = self.related.mentorships, self.related.diary
        self.talks, self.timeline = self.related.talks, self.related.timeline
        self._lazy_titles, self._lazy_widgets = self.related.titles, self.related.widgets
        for key, widget in self._lazy_widgets.items():
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
        if guard(ctx, Act.RECORDS, self.retirement_view_button):  # a 导师 reads no 到龄 data
            self.retirement_view_button.setVisible(not self.writable)  # a writer opens the editor instead
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
        header.addWidget(self.retirement_view_button, 0, Qt.AlignmentFlag.AlignTop)
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
        self.drafts.stop()
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
        self.merge.stale = []
        self._loaded_tabs = set()
        self._fill(profile)
        self.form.set_photo(self.acts.pixmap(photo_data))
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
        """Unsaved input survives a crash (profile_drafts): a draft put back is said so."""
        if self.drafts.keep(cadre):
            self._edited()
            typed_list = self.drafts.restored_list  # the first list tab with rows put back
            fields = self.form.is_dirty() or self.case_form.is_dirty()
            self.tabs.setCurrentWidget(
                typed_list if typed_list is not None and not fields else self.basic_scroll
            )
            self.status.setStyleSheet("")
            self.status.setText(
                self.tr("Unsaved input of an earlier session was put back: save or discard it.")
                if not self.merge.stale
                else self.tr(
                    "Unsaved input of an earlier session was put back; the stored profile changed "
                    "meanwhile: Save asks which to keep."
                )
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
            count = self.related.fill(key, self._cadre_id)
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
        self.drafts.clear()

    def edit_retirement(self) -> None:
        self.acts.edit_retirement()

    def print_dossier(self) -> None:
        self.acts.print_dossier()

    def import_photo_file(self, path: Path) -> bool:
        return self.acts.import_photo_file(path)

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

    def save(self) -> bool:
        """Save every changed part (ui.profile.saving); True when nothing is left unsaved."""
        return self.saving.save()

    def refresh_from_store(self) -> None:
        """After a change made elsewhere in this window: the stored profile merged under the edits."""
        self.merge.refresh_from_store()
