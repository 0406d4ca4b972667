"""新建干部: the basic-information form in a dialog; the cadre is created only when it validates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.services import cadres, units
from cadre_desk.services.context import ServiceContext
from cadre_desk.ui.profile.profile_form import CadreForm
from cadre_desk.ui.widgets.guarded_dialog import GuardedDialog


class NewCadreDialog(GuardedDialog):
    def __init__(
        self, ctx: ServiceContext, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.created: cadres.CadreView | None = None
        self.setWindowTitle(self.tr("New cadre"))
        self.form = CadreForm(self, with_photo=False)
        self.form.set_units(units.list_units(ctx))
        self.form.load(None, today)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Create"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self.form.editor("name").setFocus()

    def save(self) -> bool:
        problems = self.form.validate()
        if problems:
            self._say(self.tr("Please correct the fields marked in red."))
            return False
        try:
            self.created = cadres.create_cadre(self._ctx, self.form.value())
        except ValidationError as exc:
            rest = self.form.show_errors(exc.fields)
            self._say("\n".join(rest) or self.tr("Please correct the fields marked in red."))
            return False
        except CadreDeskError as exc:
            QMessageBox.warning(self, self.tr("Could not create the cadre"), str(exc))
            return False
        self.accept()
        return True

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: ServiceContext) -> cadres.CadreView | None:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.created
