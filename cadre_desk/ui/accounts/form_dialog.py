"""A small form dialog with an error line: the base of the sign-in and password dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cadre_desk.errors import CadreDeskError, ValidationError
from cadre_desk.ui.widgets.messages import user_text


class FormDialog(QDialog):
    """`self.form` takes the rows; `submit()` (overridden) does the work and raises `CadreDeskError`
    to keep the dialog open with the message shown under the form."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            label.setObjectName("intro")
            layout.addWidget(label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._try_submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def password_field(self, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def text_field(self, name: str, text: str = "") -> QLineEdit:
        field = QLineEdit(text, self)
        field.setObjectName(name)
        field.setMaxLength(50)
        return field

    def submit(self) -> None:
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        # A top-level dialog does not grow for a wrapped label by itself: the other wrapped rows
        # would be squeezed to make room for the message.
        self.adjustSize()

    def _try_submit(self) -> None:
        try:
            self.submit()
        except ValidationError as exc:
            self.show_error("；".join(user_text(m) for m in exc.fields.values()))
            return
        except CadreDeskError as exc:
            self.show_error(user_text(str(exc)))
            return
        self.accept()
