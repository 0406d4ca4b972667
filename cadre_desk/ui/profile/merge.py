"""The profile's unsaved edits against a newer stored version of the same cadre (a three-way merge).

The base is what the profile view loaded. Changes on one side only are combined without asking:
fields and list tabs changed only in the store are taken into the form, those changed only in the
view stay. What both sides changed differently is a conflict, (label, mine, theirs): after a stale
save `ConflictDialog` asks which to keep; after a change made elsewhere in this window the conflicts
wait (`stale`) and the next save asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import cadre_records
from cadre_desk.ui.profile.profile_form import CadreForm
from cadre_desk.ui.widgets.conflict_dialog import ConflictDialog, Resolution
from cadre_desk.ui.widgets.weak import BackRef

if TYPE_CHECKING:
    from cadre_desk.ui.profile.profile_view import ProfileView

Conflict = tuple[str, str, str]  # (field or tab title, mine, theirs)


def _lines(rows: list[tuple[int | None, tuple[str, ...]]] | list[tuple[int | None, list[str]]]) -> str:
    return "\n".join("  ".join(v for v in values if v) for _i, values in rows)


class ProfileMerge:
    """The merge of one profile view's edits; `stale` holds the conflicts the next save asks about."""

    view: BackRef[ProfileView] = BackRef()  # held weakly: the view keeps this helper

    def __init__(self, view: ProfileView) -> None:
        self.view = view
        self.stale: list[Conflict] = []

    def differences(self, theirs: cadre_records.CadreProfile) -> list[Conflict]:
        """(field, mine, theirs) for every edited part that differs from the saved version."""
        view, form = self.view, self.view.form
        found: list[Conflict] = []
        if form.is_dirty():
            saved = CadreForm._texts_of(form, theirs.cadre)
            for key in saved:
                mine = form.text_of(key)
                if mine != saved[key]:
                    if key == "unit_id":
                        mine, saved_text = form.value_text(key), theirs.cadre.unit
                    else:
                        saved_text = saved[key]
                    found.append((form.label_of(key), mine, saved_text))
        for key, tab in view.list_tabs.items():
            editor = view.editors[key]
            if not editor.is_dirty():
                continue
            mine_lines = _lines(editor.records.snapshot())
            their_lines = _lines(tab.rows_of(theirs))
            if mine_lines != their_lines:
                found.append((tab.title, mine_lines, their_lines))
        return found

    def merge_stored(self, theirs: cadre_records.CadreProfile) -> list[Conflict]:
        """Three-way merge of the view's edits with the stored profile `theirs` (base: what the view
        loaded). Returns the conflicts; `theirs` becomes the new base."""
        view, form = self.view, self.view.form
        base = view.profile
        conflicts: list[Conflict] = []
        for key in form.merge_stored(theirs.cadre):
            mine, stored = form.value_text(key), CadreForm._texts_of(form, theirs.cadre)[key]
            if key == "unit_id":
                stored = theirs.cadre.unit
            conflicts.append((form.label_of(key), mine, stored))
        reload: set[str] = set()
        for key, tab in view.list_tabs.items():
            theirs_rows = tab.rows_of(theirs)
            theirs_changed = base is None or tab.rows_of(base) != theirs_rows
            if not theirs_changed:
                continue
            editor = view.editors[key]
            if not editor.is_dirty():
                reload.add(key)
                continue
            mine_lines = _lines(editor.records.snapshot())
            their_lines = _lines(theirs_rows)
            if mine_lines != their_lines:
                conflicts.append((tab.title, mine_lines, their_lines))
        view.profile = theirs
        view._version = theirs.cadre.version
        if reload:
            view._fill_lists(theirs, only=reload)
        view._set_dirty(view.is_dirty())
        return conflicts

    def refresh_from_store(self) -> None:
        """After a change made elsewhere in this window (an import, another page): show the stored
        profile again, merging it under any unsaved edits (fields both sides changed wait for Save)."""
        view = self.view
        cadre_id = view.cadre_id
        if cadre_id is None:
            return
        if not view.is_dirty():
            view.show_cadre(cadre_id)
            return
        try:
            theirs = cadre_records.get_profile(view._ctx, cadre_id)
        except CadreDeskError as exc:
            view._say(str(exc))
            return
        if theirs.cadre.version == view.version:
            return
        self.stale = self.merge_stored(theirs)
        view.title.setText(theirs.cadre.name)
        view._say(
            QCoreApplication.translate(
                "ProfileView", "The stored profile changed meanwhile and was merged with your unsaved edits."
            )
            if not self.stale
            else QCoreApplication.translate(
                "ProfileView",
                "The stored profile changed meanwhile; Save asks about the fields both changed.",
            )
        )

    def resolve_conflict(self, cadre_id: int) -> bool:
        """A save met a newer stored version: merge, ask about the overlaps, save what was chosen."""
        view = self.view
        try:
            theirs = cadre_records.get_profile(view._ctx, cadre_id)
        except CadreDeskError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("ProfileView", "Could not save"), str(exc))
            return False
        conflicts = self.merge_stored(theirs) + self.stale
        self.stale = []
        if not conflicts:
            return view.save()  # nothing overlapped: the edits go onto the stored version
        choice = ConflictDialog.ask(view, theirs.cadre.name, conflicts)
        if choice is Resolution.KEEP_THEIRS:
            labels = {label for label, _mine, _theirs in conflicts}
            for key in view.form.changed_fields():
                if view.form.label_of(key) in labels:
                    view.form.set_text(key, CadreForm._texts_of(view.form, theirs.cadre)[key])
            for key, tab in view.list_tabs.items():
                if tab.title in labels:
                    view.editors[key].load(tab.rows_of(theirs))
            if not view.is_dirty():
                view.show_cadre(cadre_id)
                view.saved.emit(cadre_id)
                return True
            return view.save()
        if choice is Resolution.OVERWRITE:
            return view.save()
        self.stale = conflicts  # cancelled: asked again at the next save
        view._say(QCoreApplication.translate("ProfileView", "Not saved: your changes are still in the form."))
        return False
