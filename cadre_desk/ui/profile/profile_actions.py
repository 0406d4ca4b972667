"""What the profile's header and photo buttons do with the cadre shown: printing, 到龄, 考察材料, photo.

Printing (and the other acts on the stored record) uses what is saved: unsaved edits are saved or
discarded first (`maybe_leave`), or the act is cancelled. ui.printing is imported on first print, so
that start-up does not load reportlab. A new or removed photo is stored at once, on its own.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QMessageBox

from cadre_desk.errors import CadreDeskError
from cadre_desk.services import cadres
from cadre_desk.ui.development.retirement_dialog import RetirementDialog
from cadre_desk.ui.widgets.confirm import confirmed
from cadre_desk.ui.widgets.photo_crop import PhotoCropDialog
from cadre_desk.ui.widgets.weak import BackRef

if TYPE_CHECKING:
    from cadre_desk.ui.profile.profile_view import ProfileView

log = logging.getLogger("cadre_desk.ui")


class ProfileActions(QObject):
    """The acts of one `ProfileView` (its child: connections to these methods end with it)."""

    view: BackRef[ProfileView] = BackRef()  # held weakly: the view keeps this helper

    def __init__(self, view: ProfileView) -> None:
        super().__init__(view)
        self.view = view

    def _saved_cadre(self) -> int | None:
        view = self.view
        return view.cadre_id if view.cadre_id is not None and view.maybe_leave() else None

    def edit_retirement(self) -> None:
        """The manual 到龄 month: saved on its own, so unsaved profile edits are saved first."""
        cadre_id = self._saved_cadre()
        if cadre_id is None:
            return
        view = self.view
        if RetirementDialog.ask(view, view._ctx, cadre_id, view.version) is not None:
            view.show_cadre(cadre_id)
            view.saved.emit(cadre_id)

    def view_retirement(self) -> None:
        """The 到龄 month and its reason, read-only (a role that may read but not change it)."""
        cadre_id = self.view.cadre_id
        if cadre_id is not None:
            RetirementDialog.view(self.view, self.view._ctx, cadre_id)

    def print_dossier(self) -> None:
        cadre_id = self._saved_cadre()
        if cadre_id is not None:
            from cadre_desk.ui.printing import printing

            printing.print_cadre_dossier(self.view, self.view._ctx, cadre_id)

    def print_form(self) -> None:
        cadre_id = self._saved_cadre()
        if cadre_id is not None:
            from cadre_desk.ui.printing import printing

            draft = self.view.print_draft_action.isChecked()
            printing.print_appointment_form(self.view, self.view._ctx, cadre_id, draft)

    def edit_inspection(self) -> None:
        """Open the 考察材料 of the cadre shown (drafted from the records when none is saved)."""
        cadre_id = self._saved_cadre()
        if cadre_id is None:
            return
        from cadre_desk.ui.inspection.inspection_dialog import InspectionDialog

        try:
            dialog = InspectionDialog(self.view._ctx, cadre_id, self.view)
        except CadreDeskError as exc:
            QMessageBox.warning(self.view, self.tr("Inspection report (考察材料)"), str(exc))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- photo ------------------------------------------------------------------------------------

    def pixmap(self, data: tuple[bytes, str] | None) -> QPixmap | None:
        if data is None:
            return None
        photo = QPixmap()
        if not photo.loadFromData(data[0]):
            log.warning("photo of cadre %s could not be decoded", self.view.cadre_id)
            return None
        return photo

    def import_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.view, self.tr("Import photo"), "", self.tr("Images (*.jpg *.jpeg *.png)")
        )
        if path:
            self.import_photo_file(Path(path))

    def import_photo_file(self, path: Path) -> bool:
        if self.view.cadre_id is None:
            return False
        image = QImage(str(path))
        if image.isNull():
            QMessageBox.warning(
                self.view,
                self.tr("Import photo"),
                self.tr("{file} could not be read as a JPG or PNG image.").format(file=path.name),
            )
            return False
        data = PhotoCropDialog.ask(self.view, image)
        if data is None:
            return False
        return self._store_photo(data)

    def remove_photo(self) -> None:
        if self.view.cadre_id is None:
            return
        if confirmed(self.view, self.tr("Remove photo"), self.tr("Remove the photo of this cadre?")):
            self._store_photo(None)

    def _store_photo(self, data: bytes | None) -> bool:
        view = self.view
        cadre_id = view.cadre_id
        assert cadre_id is not None
        try:
            stored = cadres.set_photo(view._ctx, cadre_id, data)
        except CadreDeskError as exc:
            QMessageBox.warning(view, self.tr("Import photo"), str(exc))
            return False
        if stored.version == view.version + 1:
            # Only our own change since we loaded: edits in the form stay and save against it.
            # (Otherwise someone else saved too, and the next save must still meet the conflict.)
            view._version = stored.version
        view.form.set_photo(self.pixmap((data, "image/jpeg")) if data is not None else None)
        view.saved.emit(cadre_id)
        return True
