"""The profile's 保存: every changed part saved in turn, each through its own service call.

基本信息, 任免 and each changed list tab are saved in that order, each carrying the version the
previous one returned; a part that saved is clean even if a later one fails. Fields in error stop the
save before any call (checked as typed) or come back from the service and are shown at their place.
A newer stored version meets the three-way merge (ui.profile.merge); a storage failure keeps what was
typed and offers to retry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.errors import CadreDeskError, ConflictError, StorageError, ValidationError
from cadre_desk.services import appointment, cadre_records, cadres, verification
from cadre_desk.ui.profile.profile_lists import split_errors
from cadre_desk.ui.tolerance.negative_warning import NegativeRecordWarning, warnings_for
from cadre_desk.ui.widgets.retry_box import RetryBox
from cadre_desk.ui.widgets.weak import BackRef

if TYPE_CHECKING:
    from cadre_desk.ui.profile.profile_view import ProfileView


class FieldForm(Protocol):
    def show_errors(self, fields: dict[str, str], /) -> list[str]: ...


class ProfileSave:
    """The save of one `ProfileView`."""

    view: BackRef[ProfileView] = BackRef()  # held weakly: the view keeps this helper

    def __init__(self, view: ProfileView) -> None:
        self.view = view

    def _live_problems(self) -> QWidget | None:
        """The first tab with a field in error (checked as typed), or None."""
        view = self.view
        if view.form.validate():
            return view.basic_scroll
        for key, editor in view.editors.items():
            if editor.is_dirty() and editor.records.errors():
                return view.editors[key]
        return None

    def save(self) -> bool:
        """Save every changed part; True when nothing is left unsaved."""
        view = self.view
        if view._cadre_id is None or not view.is_dirty():
            return True
        broken = self._live_problems()
        if broken is not None:
            view.tabs.setCurrentWidget(broken)
            view._say(
                QCoreApplication.translate(
                    "ProfileView", "Please correct the fields marked in red before saving."
                )
            )
            return False
        cadre_id = view._cadre_id
        if view.merge.stale:
            return view.merge.resolve_conflict(cadre_id)
        if not self._tolerated_matters_checked(cadre_id):
            return False
        try:
            self._save_parts(cadre_id)
        except ConflictError:
            return view.merge.resolve_conflict(cadre_id)
        except ValidationError:
            return False  # shown at the fields by _save_parts
        except StorageError as exc:  # locked, full, vanished: what was typed stays in the form
            view._say(
                QCoreApplication.translate("ProfileView", "Not saved: {reason}").format(reason=str(exc))
            )
            if exc.retryable and RetryBox.ask(
                view, QCoreApplication.translate("ProfileView", "Could not save"), str(exc)
            ):
                return self.save()
            if not exc.retryable:
                QMessageBox.warning(
                    view, QCoreApplication.translate("ProfileView", "Could not save"), str(exc)
                )
            return False
        except CadreDeskError as exc:
            QMessageBox.warning(view, QCoreApplication.translate("ProfileView", "Could not save"), str(exc))
            return False
        view.status.setStyleSheet("")
        view.status.setText(QCoreApplication.translate("ProfileView", "Saved."))
        view.status.show()
        view._set_dirty(False)
        view.drafts.clear()
        view.saved.emit(cadre_id)
        return True

    def _tolerated_matters_checked(self, cadre_id: int) -> bool:
        """A negative record that may concern a 免责 matter: warn, and save only if the user goes on."""
        view = self.view
        changed: dict[str, list[dict[str, str]]] = {
            key: view.editors[key].records.changed_records()
            for key in ("rewards", "assessments")
            if key in view.editors and view.editors[key].is_dirty()
        }
        today = view._today or dt.date.today()
        messages = warnings_for(view._ctx, cadre_id, changed, today) if changed else []
        return not messages or NegativeRecordWarning.ask(view, messages)

    @contextmanager
    def _field_errors(self, form: FieldForm, scroll: QWidget) -> Iterator[None]:
        """A form's save refused for its fields: marked in red, its tab shown, the rest said; re-raised."""
        view = self.view
        try:
            yield
        except ValidationError as exc:
            rest = form.show_errors(exc.fields)
            view.tabs.setCurrentWidget(scroll)
            view._say(
                "\n".join(rest)
                or QCoreApplication.translate("ProfileView", "Please correct the fields marked in red.")
            )
            raise

    def _save_parts(self, cadre_id: int) -> None:
        """Each changed part in turn; a part that saved is clean even if a later one fails."""
        view = self.view
        if view.form.is_dirty():
            with self._field_errors(view.form, view.basic_scroll):
                stored = cadres.update_cadre(view._ctx, cadre_id, view.form.value(), view._version)
            view._version = stored.version
            view.form.load(stored, view._today)
            if view.profile is not None:
                view.profile = cadre_records.CadreProfile(
                    stored,
                    view.profile.resume,
                    view.profile.family,
                    view.profile.rewards,
                    view.profile.assessments,
                    view.profile.trainings,
                    view.profile.secondments,
                    view.profile.resume_warnings,
                )
                view.title.setText(stored.name)
        if view.case_form.is_dirty():
            with self._field_errors(view.case_form, view.case_scroll):
                case = appointment.save_case(view._ctx, cadre_id, view.case_form.value(), view._version)
            view._version = case.cadre_version
            view.case_form.load(case)
        for key, tab in view.list_tabs.items():
            editor = view.editors[key]
            if not editor.is_dirty():
                continue
            inputs, prefixes = tab.inputs_of(editor.records.records())
            try:
                profile = tab.save(view._ctx, cadre_id, inputs, view._version)
            except ValidationError as exc:
                cells, rest = split_errors(exc.fields, prefixes)
                editor.records.set_server_errors(cells)
                editor.show_messages(rest)
                view.tabs.setCurrentWidget(editor)
                view._say(
                    QCoreApplication.translate("ProfileView", "Please correct the fields marked in red.")
                )
                raise
            view._version = profile.cadre.version
            view.profile = profile
            view._fill_lists(profile, only={key})
        view._loaded_tabs = set()  # the timeline may have changed
        view._tab_changed(view.tabs.currentIndex())
        view.show_to_verify(verification.get_problems(view._ctx, cadre_id))  # re-checked by the save
