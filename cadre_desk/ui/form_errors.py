"""Validation messages next to the fields they are about (services raise them in Chinese)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QWidget

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
            found.setdefault(label, []).append(message)
        for label, messages in found.items():
            label.setText("\n".join(messages))
            label.show()

    def text_of(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""
