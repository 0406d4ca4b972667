"""A yes/no question before a step the user may regret (archiving, removing)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirmed(parent: QWidget, title: str, question: str) -> bool:
    """Ask `question`; True only when the answer is Yes."""
    return QMessageBox.question(parent, title, question) == QMessageBox.StandardButton.Yes
