"""任免: the appointment form's own data of the cadre's current case, on its own profile tab.

拟任职务, 拟免职务, 任免理由, 呈报单位, 填表人, 填表时间 and 计算年龄时间 print on the 干部任免审批表 and go
.lrmx files; they are saved with the rest of the profile (`ProfileView.save`) through
`services.appointment.save_case`.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from cadre_desk.domain.yearmonth import format_date
from cadre_desk.services import appointment
from cadre_desk.ui.widgets.messages import user_text

FIELDS = appointment.FIELDS


class CaseForm(QWidget):
    """The seven fields; `changed` fires on every edit, `is_dirty` compares with what was loaded."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseForm")
        self._loaded: dict[str, str] = dict.fromkeys(FIELDS, "")
        self.note = QLabel(
            self.tr(
                "Printed on the appointment form (干部任免审批表) and written to .lrmx files. "
                "A new form takes today's date."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: gray;")
        self.state = QLabel(self)
        self.state.setObjectName("caseState")
        self.state.setStyleSheet("color: gray;")
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        labels = {
            "proposed_post": self.tr("Proposed post (拟任职务):"),
            "proposed_removal": self.tr("Post to be removed (拟免职务):"),
            "reason": self.tr("Reason (任免理由):"),
            "reporting_unit": self.tr("Reporting unit (呈报单位):"),
            "filled_by": self.tr("Filled in by (填表人):"),
            "filled_on": self.tr("Filled in on (填表时间):"),
            "age_reference": self.tr("Ages counted at (计算年龄时间):"),
        }
        form = QFormLayout()
        for name in FIELDS:
            edit: QLineEdit | QPlainTextEdit
            if name in ("proposed_post", "proposed_removal", "reason"):
                edit = QPlainTextEdit(self)
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * (5 if name == "reason" else 3) + 12)
                edit.textChanged.connect(self._edited)
            else:
                edit = QLineEdit(self)
                if name in appointment.TEXT_LIMITS:
                    edit.setMaxLength(appointment.TEXT_LIMITS[name][1])
                else:
                    edit.setPlaceholderText(self.tr("e.g. 2024.05.17"))
                edit.textEdited.connect(self._edited)
            edit.setObjectName(f"case_{name}")
            error = QLabel(self)
            error.setObjectName(f"case_{name}_error")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(labels[name], column)
            self.edits[name] = edit
            self.errors[name] = error
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.note)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addStretch(1)

    def text_of(self, name: str) -> str:
        edit = self.edits[name]
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def _set_text(self, name: str, text: str) -> None:
        edit = self.edits[name]
        edit.blockSignals(True)
        if isinstance(edit, QPlainTextEdit):
            edit.setPlainText(text)
        else:
            edit.setText(text)
        edit.blockSignals(False)

    def load(self, view: appointment.CaseView) -> None:
        for name in FIELDS:
            value = getattr(view, name)
            text = format_date(value) if name in ("filled_on", "age_reference") else str(value or "")
            self._loaded[name] = text
            self._set_text(name, text)
            self.errors[name].hide()
        self.state.setText("" if view.saved else self.tr("Not saved yet: a new form's values."))
        self.state.setVisible(not view.saved)

    def revert(self) -> None:
        for name in FIELDS:
            self._set_text(name, self._loaded[name])
            self.errors[name].hide()

    def is_dirty(self) -> bool:
        return any(self.text_of(name) != self._loaded[name] for name in FIELDS)

    def value(self) -> appointment.CaseInput:
        return appointment.CaseInput(**{name: self.text_of(name) for name in FIELDS})

    def show_errors(self, fields: Mapping[str, str]) -> list[str]:
        """Show each message at its field; the messages of no field come back."""
        rest = []
        for name, message in fields.items():
            if name in self.errors:
                self.errors[name].setText(user_text(message))
                self.errors[name].show()
            else:
                rest.append(user_text(message))
        return rest

    def _edited(self, *_text: object) -> None:
        for name, error in self.errors.items():
            if error.isVisible() and self.sender() is self.edits[name]:
                error.hide()
        self.changed.emit()
