"""Validation messages next to the fields they are about (services raise them in Chinese), and the
Save / Cancel plumbing the record dialogs share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from cadre_desk.errors import ConflictError, NotFoundError, StorageError, ValidationError
from cadre_desk.ui.widgets.messages import user_text
from cadre_desk.ui.widgets.retry_box import RetryBox

T = TypeVar("T")

ERROR_STYLE = "color: #b3261e;"


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FieldMessages:
    """One hidden red label per field; `show(errors)` fills those named (by prefix) and the rest."""

    def __init__(self, general: QLabel, labels: Mapping[str, QLabel]) -> None:
        self.general = general
        self.labels = dict(labels)

    def clear(self) -> None:
        for label in (self.general, *self.labels.values()):
            label.clear()
            label.hide()

    def show(self, errors: Mapping[str, str]) -> None:
        self.clear()
        found: dict[QLabel, list[str]] = {}
        for field, message in errors.items():
            key = field.split("[", 1)[0].split(".", 1)[0]
            label = self.labels.get(field) or self.labels.get(key) or self.general
            found.setdefault(label, []).append(user_text(message))
        for label, messages in found.items():
            label.setText("\n".join(messages))
            label.show()

    def text_of(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def with_error(widget: QWidget, label: QLabel) -> QWidget:
    """The field with its (hidden until needed) error label under it."""
    box = QWidget(widget.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(label)
    return box


def dialog_buttons(
    dialog: QDialog,
    accepted: Callable[[], object],
    ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
) -> QDialogButtonBox:
    """`ok` (Save unless told) runs `accepted`, which closes the dialog when it succeeds; Cancel rejects."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(accepted)
    buttons.rejected.connect(dialog.reject)
    return buttons


def save_or_explain(
    dialog: QDialog, messages: FieldMessages, action: Callable[[], T], title: str, warning: str = "{error}"
) -> T | None:
    """Run a dialog's save: on success close the dialog and return what `action` returned; otherwise
    return None and leave the dialog open, with a validation error's messages next to their fields,
    or a conflict (or a record gone meanwhile) in a warning box (`title`; `warning`, the error put in
    for `{error}`), or a storage failure (a locked database …) with Retry."""
    while True:
        try:
            result = action()
            break
        except ValidationError as err:
            messages.show(err.fields)
            return None
        except (ConflictError, NotFoundError) as err:
            QMessageBox.warning(dialog, title, warning.format(error=str(err)))
            return None
        except StorageError as err:  # locked, full, vanished: the form stays as typed
            if err.retryable and RetryBox.ask(dialog, title, str(err)):
                continue
            if not err.retryable:
                QMessageBox.warning(dialog, title, warning.format(error=str(err)))
            return None
    messages.clear()
    dialog.accept()
    return result
