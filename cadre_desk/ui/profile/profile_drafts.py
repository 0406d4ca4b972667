"""The draft of the profile's unsaved input, kept through a crash (ui.widgets.drafts).

While a cadre's profile shows unsaved input in 基本信息 or 任免, a draft is written every few
seconds; when the same cadre's profile is shown again after a crash, the draft is offered back. A
save or a discard deletes it, and so does showing another cadre or a message instead. The list tabs
are not kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from cadre_desk.services import cadres
from cadre_desk.ui.widgets.drafts import DraftKeeper

if TYPE_CHECKING:
    from cadre_desk.ui.profile.profile_view import ProfileView


class ProfileDrafts:
    """The draft keeper of the cadre a `ProfileView` shows (none for an account that may not write)."""

    def __init__(self, view: ProfileView) -> None:
        self.view = view
        self.keeper: DraftKeeper | None = None
        self._cadre_id: int | None = None

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
        )
        return self.keeper.start()

    def unsaved(self) -> bool:
        """Unsaved input of the cadre the keeper was started for (still the one shown)."""
        view = self.view
        return view.cadre_id == self._cadre_id and (view.form.is_dirty() or view.case_form.is_dirty())

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
