"""The draft of the profile's unsaved input, kept through a crash (ui.widgets.drafts).

While a cadre's profile shows unsaved input, a draft is written every few seconds: the fields of
基本信息 and 任免, and the rows of each list tab (简历, 家庭成员, 奖惩, 考核, 培训, 挂职) that differ
from the stored ones, a cell still being typed in included. When the same cadre's profile is shown
again after a crash, the draft is offered back, each list's rows into the same list. A save or a
discard deletes it, and so does showing another cadre or a message instead.

A list's draft carries the rows it was typed over (its base). When the stored list changed since,
the typed rows are put back all the same and the difference waits for Save, which asks which to keep
(`ConflictDialog`, as for any edit that met a newer stored version).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cadre_desk.services import cadres
from cadre_desk.ui.widgets.drafts import DraftKeeper, restore_values, values_of
from cadre_desk.ui.widgets.weak import BackRef

if TYPE_CHECKING:
    from cadre_desk.ui.profile.profile_view import ProfileView

ROWS = "rows"  # a list tab's entry in the draft: ["rows", key, base rows, typed rows]

Rows = list[tuple[int | None, tuple[str, ...]]]


def _plain(rows: Rows) -> list[list[Any]]:
    return [[record_id, list(values)] for record_id, values in rows]


def _rows(raw: object, width: int) -> Rows | None:
    """JSON rows back as (id, values); None when they do not fit a list of `width` columns."""
    if not isinstance(raw, list):
        return None
    rows: Rows = []
    for item in raw:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)):
            return None
        record_id, values = item
        if not (record_id is None or isinstance(record_id, int)) or len(values) != width:
            return None
        rows.append((record_id, tuple(str(v) for v in values)))
    return rows


def _lines(rows: Rows) -> str:
    return "\n".join("  ".join(v for v in values if v) for _i, values in rows)


class ProfileDrafts:
    """The draft keeper of the cadre a `ProfileView` shows (none for an account that may not write)."""

    view: BackRef[ProfileView] = BackRef()  # held weakly: the view keeps this helper

    def __init__(self, view: ProfileView) -> None:
        self.view = view
        self.keeper: DraftKeeper | None = None
        self._cadre_id: int | None = None
        self.restored_list: QWidget | None = None  # the first list tab a draft was put back into

    def keep(self, cadre: cadres.CadreView) -> bool:
        """Start keeping the draft of `cadre`, offering a found one first; True if it was put back."""
        self.stop()
        if not self.view.writable:
            return False
        self._cadre_id = cadre.id
        view = self.view
        self.keeper = DraftKeeper(
            view,
            self.unsaved,
            identity=str(cadre.id),
            title=QCoreApplication.translate("ProfileView", "Profile of {name}").format(name=cadre.name),
            roots=(view.form, view.case_form),
            capture=self.capture,
            put_back=self.put_back,
        )
        return self.keeper.start()

    def unsaved(self) -> bool:
        """Unsaved input of the cadre the keeper was started for (still the one shown)."""
        view = self.view
        return view.cadre_id == self._cadre_id and (
            view.form.is_dirty()
            or view.case_form.is_dirty()
            or any(editor.has_typed_input() for editor in view.editors.values())
        )

    def capture(self) -> list[list[Any]]:
        """The form's values, then one entry per list tab with typed rows."""
        view = self.view
        values = values_of(view.form, view.case_form)
        for key, editor in view.editors.items():
            typed, base = editor.typed_rows(), editor.records.loaded()
            if typed != base:
                values.append([ROWS, key, _plain(base), _plain(typed)])
        return values

    def put_back(self, values: list[list[Any]]) -> bool:
        """A draft into the form and the list tabs; False (nothing changed) when it does not fit."""
        view = self.view
        fields = [v for v in values if not v or v[0] != ROWS]
        lists: list[tuple[str, Rows, Rows]] = []
        for entry in values:
            if not entry or entry[0] != ROWS:
                continue
            if len(entry) != 4 or entry[1] not in view.editors:
                return False
            width = len(view.editors[entry[1]].records.specs)
            base, typed = _rows(entry[2], width), _rows(entry[3], width)
            if base is None or typed is None:
                return False
            lists.append((entry[1], base, typed))
        if not restore_values(fields, view.form, view.case_form):
            return False
        self.restored_list = None
        for key, base, typed in lists:
            editor = view.editors[key]
            stored = editor.records.loaded()
            if typed == stored:
                continue
            editor.records.put_back(typed)
            self.restored_list = self.restored_list or editor
            if base != stored:  # changed in the store since it was typed over: Save asks
                title = view.list_tabs[key].title
                view.merge.stale.append((title, _lines(typed), _lines(stored)))
        return True

    def clear(self) -> None:
        """Saved or discarded: no draft now (the next edit starts a new one)."""
        if self.keeper is not None:
            self.keeper.clear()

    def stop(self) -> None:
        """Nothing (or another cadre) shown: this cadre's draft is dropped and no longer kept."""
        if self.keeper is not None:
            self.keeper.discard()
            self.keeper.deleteLater()
            self.keeper = None
        self._cadre_id = None
        self.restored_list = None
